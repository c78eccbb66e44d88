"""The overlap check of memberships (E1, CONTRACT §2) as a pure function: whatever the order
of a batch, the same records pass, none of them overlap, and every record refused overlaps one
that is kept (issue 13 item 3)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from core.ids import make_resident_id
from loaders.checks import Stored, membership_overlaps
from loaders.records import FeedRecord, MembershipIn

PERSONS = [make_resident_id("440103", date(1980, 1, 1), n) for n in (11, 12)]
HOUSEHOLDS = ["H1", "H2", "H3"]
DAY0 = date(2020, 1, 1)


def membership(person: str, household: str, start: int, length: int | None) -> MembershipIn:
    return MembershipIn.model_validate(
        {
            "person_id": person,
            "household_id": household,
            "from": (DAY0 + timedelta(days=start)).isoformat(),
            "to": None if length is None else (DAY0 + timedelta(days=start + length)).isoformat(),
            "relation": "other",
        }
    )


memberships = st.builds(
    membership,
    st.sampled_from(PERSONS),
    st.sampled_from(HOUSEHOLDS),
    st.integers(0, 30),
    st.none() | st.integers(0, 10),
)


def distinct_keys(records: list[MembershipIn]) -> list[MembershipIn]:
    seen: dict[tuple[str, str, date], MembershipIn] = {}
    for r in records:
        seen.setdefault((r.person_id, r.household_id, r.from_), r)
    return list(seen.values())


def as_stored(records: list[MembershipIn]) -> list[Stored]:
    return [
        (r.person_id, r.household_id, r.from_.isoformat(), r.to.isoformat() if r.to else None)
        for r in records
    ]


def overlap(a: MembershipIn, b: MembershipIn) -> bool:
    return a.person_id == b.person_id and max(a.from_, b.from_) <= min(
        a.to or date.max, b.to or date.max
    )


def key(r: MembershipIn) -> tuple[str, str, date]:
    return (r.person_id, r.household_id, r.from_)


@given(
    st.lists(memberships, max_size=4).map(distinct_keys),
    st.lists(memberships, min_size=1, max_size=8).map(distinct_keys),
    st.data(),
)
def test_issue13_item3_any_order_of_a_batch_keeps_the_same_records(
    stored: list[MembershipIn], batch: list[MembershipIn], data: st.DataObject
) -> None:
    stored = [s for s in stored if not any(overlap(s, t) and s != t for t in stored)]
    shuffled = data.draw(st.permutations(batch))

    def kept(records: list[MembershipIn]) -> set[tuple[str, str, date]]:
        indexed: list[tuple[int, FeedRecord]] = list(enumerate(records))
        refused = membership_overlaps(as_stored(stored), indexed)
        return {key(r) for i, r in enumerate(records) if i not in refused}

    assert kept(batch) == kept(shuffled)
    # The graph after the batch: stored memberships, replaced by the kept records of a key.
    final = {key(r): r for r in stored} | {key(r): r for r in batch if key(r) in kept(batch)}
    after = list(final.values())
    assert not any(overlap(a, b) for a in after for b in after if key(a) != key(b))
    # A record refused was refused for a membership that stays, never for one refused.
    for r in batch:
        if key(r) not in kept(batch):
            assert any(overlap(r, other) for k, other in final.items() if k != key(r))
