"""Feed records carry their behaviour (issue 15 item 7): the upsert query, the names the
existence checks look up, and the row their query takes."""

import re
from typing import get_args

import pytest

from cypher import names as query_names
from loaders.checks import Known, _wanted, reference_problems
from loaders.records import FEEDS, FeedName, FeedRecord, KinshipIn, MembershipIn
from tests.loaders import family


def records(feed: str) -> list[FeedRecord]:
    return [FEEDS[feed].model_validate(raw) for raw in family.all_feeds()[feed]]


def test_the_feed_names_derive_from_the_one_list_of_feeds() -> None:
    assert get_args(FeedName) == tuple(FEEDS)
    assert [model.feed for model in FEEDS.values()] == list(FEEDS)


def test_every_upsert_query_belongs_to_one_record_class() -> None:
    used = [model.upsert.name for model in FEEDS.values()] + [KinshipIn.upsert_spouse.name]
    assert sorted(used) == [n for n in query_names("loaders") if "/upsert_" in n]
    assert len(set(used)) == len(used)


@pytest.mark.parametrize("feed", list(FEEDS))
def test_each_row_holds_every_field_its_upsert_query_reads(feed: str) -> None:
    for record in records(feed):
        row = {"i": 0} | record.row()
        read = set(re.findall(r"\brow\.(\w+)", record.upsert_query().text))
        assert read, f"{record.upsert_query().name} reads no row field"
        assert read <= set(row), (feed, read - set(row))
        assert set(row) - {"i"} <= read | {"props"}, (feed, set(row) - read)


def test_a_spouse_edge_goes_to_the_spouse_query_without_a_basis() -> None:
    spouse = KinshipIn.model_validate(
        {"kind": "spouse", "a": family.MOTHER, "b": family.FATHER, "from": "2005-05-01"}
    )
    assert spouse.upsert_query().name == "loaders/upsert_kinship_spouse"
    assert spouse.row()["a"] == min(family.MOTHER, family.FATHER)  # stored once, canonical
    assert "basis" not in spouse.row()["props"]
    parent = next(r for r in records("kinship") if isinstance(r, KinshipIn) and r.kind == "parent")
    assert parent.upsert_query().name == "loaders/upsert_kinship_parent"
    assert parent.row()["props"]["basis"] is not None


@pytest.mark.parametrize("feed", list(FEEDS))
def test_each_name_is_reported_on_a_field_of_its_record(feed: str) -> None:
    fields = {info.alias or name for name, info in FEEDS[feed].model_fields.items()}
    for record in records(feed):
        for name in record.names():
            assert name.field in fields, (feed, name)
            assert name.value
            assert name.missing or not name.must_exist


def test_what_a_batch_names_is_looked_up_own_keys_only_for_the_region_rule() -> None:
    batch = [(i, r) for feed in FEEDS for i, r in enumerate(records(feed))]
    plain, scoped = _wanted(batch, scoped=False), _wanted(batch, scoped=True)
    people = {family.GRANDMA, family.FATHER, family.MOTHER, family.CHILD, family.UNCLE}
    # Parents of regions, the regions of standards and households: here every region.
    assert set(plain["region_codes"]) == {r["code"] for r in family.regions()}
    subjects = {e["subject_id"] for e in family.enrollments()}  # a person or a household
    assert subjects <= set(plain["person_ids"]) & set(plain["household_ids"])
    assert set(plain["person_ids"]) - subjects <= people
    assert set(scoped["person_ids"]) == people | subjects  # every person record's own id
    households = list(enumerate(records("households")))
    assert _wanted(households, scoped=False)["household_ids"] == []  # need not exist
    assert _wanted(households, scoped=True)["household_ids"] == ["H1", "H2"]


def test_missing_names_are_the_records_problems_in_its_order() -> None:
    membership = MembershipIn.model_validate(family.memberships()[0])
    problems = reference_problems(membership, Known())
    assert [field for field, _ in problems] == ["person_id", "household_id"]
    assert problems[0][1].endswith("does not exist (load persons first)")
    known = Known(persons={membership.person_id: "1975-06-15"}, households={"H1": family.VILLAGE})
    assert reference_problems(membership, known) == []
