"""The review list of a region (定期核查, RULES P10; CONTRACT §4 `GET /v1/reviews`): every open
enrolment of the reviewed programmes whose subject lies in the region, with its next review
date and why, keeping those due on or before a day.

The graph gives each enrolment what its date is counted from (`reviews/due`: its `from` or
its last review, the counted members on that day, the open warnings on the household), and
`reviews.schedule.next_review` dates it, so that the rule has one copy, in Python, tested on
values. The list walks enrolments in key order (subject_id, program, from) in batches and
keeps the due ones until the page is full: the cursor is the key of the page's last item.

X3 (an integrity finding that makes a review due now): given a day to check it on (`x3_on`,
the API's as-of date), the list runs X3's verdict (`reviews.failing`, one means test or
destitute check per enrolment walked, a query per batch) and dates each failing enrolment
with `review_date(..., x3_found_on=x3_on)`, as the integrity check does
(`integrity.x3_failing`): due that day, `why: X3`, unless an earlier ground is already due.
Every ground due by the day asked is kept (`grounds`: P10, W3, X3 with the failing rule, and
a Chinese sentence each; `reviews.why`), so a review overdue on its schedule whose household
X3 also found failing says both.
The integrity check walks the same rows by households (`integrity/x3_enrolments`, which
shares this query's enrolments and columns: `fragments/review_enrolments`,
`fragments/review_facts`).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any, Final, cast

from applications.plan import NOT_COUNTED
from core import cursors
from core.errors import InvalidCursor
from core.terms import WarningLevel
from cypher import query
from graph.db import Graph
from procedure.policy import ProcedurePolicy
from procedure.programs import PROGRAMS, Program
from reviews.failing import Failing, failing
from reviews.schedule import Member, OpenWarning, Why, interval_months, review_grounds
from reviews.why import Ground, ground, reason_of, rules_of

DUE = query("reviews/due")
MIN_BATCH: Final = 100
NOT_A_CURSOR: Final = "cursor: not a cursor this list handed out"

__all__ = [
    "DueReview",
    "decode_cursor",
    "due_reviews",
    "encode_cursor",
    "review_date",
]

Key = tuple[str, str, date]  # (subject_id, program, from)


@dataclass(frozen=True, slots=True)
class DueReview:
    """One enrolment due for review (CONTRACT §4)."""

    subject_id: str
    program: Program
    enrollment_from: date
    due_on: date
    why: Why
    township_code: str
    grounds: tuple[Ground, ...] = ()

    @property
    def key(self) -> Key:
        return (self.subject_id, self.program, self.enrollment_from)

    @property
    def why_rules(self) -> list[str]:
        """The rule ids of every ground the review is due on (P10, W3, X3 and its rule)."""
        return rules_of(self.grounds)

    @property
    def why_reason(self) -> str:
        """Those grounds in Chinese, earliest first."""
        return reason_of(self.grounds)


def encode_cursor(key: Key) -> str:
    """The opaque cursor after `key` (`core.cursors`)."""
    return cursors.encode([key[0], key[1], key[2].isoformat()])


def decode_cursor(cursor: str) -> Key:
    """The key a cursor of `encode_cursor` holds; `InvalidCursor` for anything else."""
    position = cursors.decode(cursor, 3, NOT_A_CURSOR)
    if position[1] not in PROGRAMS:
        raise InvalidCursor(NOT_A_CURSOR)
    try:
        day = date.fromisoformat(position[2])
    except ValueError as exc:
        raise InvalidCursor(NOT_A_CURSOR) from exc
    return (position[0], cast(Program, position[1]), day)


def _members(rows: list[dict[str, Any]], start: date) -> list[Member]:
    """E1: the counted members on the day counting starts (not imprisoned, missing or dead)."""
    return [
        Member(birth_date=m["birth_date"], meets_t2=bool(m["meets_t2"]))
        for m in rows
        if m["legal_status"] not in NOT_COUNTED
        and (m["death_date"] is None or m["death_date"] >= start)
    ]


def review_date(
    row: dict[str, Any],
    policy: ProcedurePolicy,
    x3_found_on: date | None = None,
    *,
    x3_rule: str | None = None,
    due_by: date | None = None,
) -> DueReview:
    """The next review of one row of `reviews/due` (P10), brought forward to `x3_found_on`
    when an integrity check found the enrolment failing its rule (`x3_rule`) that day (X3).
    Its grounds: the earliest, and every other one due by `due_by`."""
    program = cast(Program, row["program"])
    start = row["last_review"] or row["from"]
    members = _members(row["members"], start)
    warnings = [
        OpenWarning(cast(WarningLevel, w["level"]), w["issued_on"], w["due_on"])
        for w in row["warnings"]
    ]
    candidates = review_grounds(
        program,
        row["from"],
        policy,
        last_review=row["last_review"],
        members=members,
        warnings=warnings,
        x3_found_on=x3_found_on,
    )
    first = candidates[0]
    months = interval_months(program, members, start, policy)
    grounds = tuple(
        ground(c, program=program, start=start, months=months, x3_rule=x3_rule)
        for c in candidates
        if c is first or (due_by is not None and c.due_on <= due_by)
    )
    return DueReview(
        row["subject_id"],
        program,
        row["from"],
        first.due_on,
        first.why,
        row["township_code"],
        grounds,
    )


def _dated(
    row: dict[str, Any],
    policy: ProcedurePolicy,
    fails: dict[Key, Failing],
    x3_on: date | None,
    due_by: date,
) -> DueReview:
    found = fails.get((row["subject_id"], row["program"], row["from"]))
    if found is None:
        return review_date(row, policy, due_by=due_by)
    return review_date(row, policy, x3_on, x3_rule=found.rule, due_by=due_by)


def _batch(
    graph: Graph,
    region_prefix: str,
    open_on: date,
    after: tuple[str, str | None, date | None],
    limit: int,
) -> list[dict[str, Any]]:
    params = {
        "region_prefix": region_prefix,
        "programs": sorted(PROGRAMS),
        "open_on": open_on,
        "after_subject": after[0],
        "after_program": after[1],
        "after_from": after[2],
        "limit": limit,
    }
    return graph.read(DUE, params)


def due_reviews(
    graph: Graph,
    region_prefix: str,
    due_on: date,
    open_on: date,
    policy: ProcedurePolicy,
    cursor: str | None,
    limit: int,
    x3_on: date | None = None,
) -> tuple[list[DueReview], str | None]:
    """The enrolments below `region_prefix`, open on `open_on`, whose next review is due on
    or before `due_on` (and within the enrolment), after `cursor` in key order: a page of at
    most `limit` and the cursor of the next page (None on the last). With `x3_on`, X3 is
    checked on that day: a failing enrolment's review is due then (`why: X3`)."""
    after: tuple[str, str | None, date | None] = (
        decode_cursor(cursor) if cursor else ("", None, None)
    )
    batch = max(limit, MIN_BATCH)
    items: list[DueReview] = []
    while len(items) < limit:
        rows = _batch(graph, region_prefix, open_on, after, batch)
        fails = {} if x3_on is None else failing(graph, region_prefix, rows, x3_on)
        for row in rows:
            review = _dated(row, policy, fails, x3_on, due_on)
            if review.due_on <= due_on and (row["to"] is None or review.due_on <= row["to"]):
                items.append(review)
                if len(items) == limit:
                    break
        if len(rows) < batch:
            break
        last = rows[-1]
        after = (last["subject_id"], last["program"], last["from"])
    full = len(items) == limit
    return items, encode_cursor(items[-1].key) if full else None
