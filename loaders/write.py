"""Validated records to `UNWIND` rows, written by the feed's upsert query in one managed
transaction per batch. The queries MERGE on natural keys, so a batch written twice (a retry,
or a load run again after a crash) changes nothing the second time.

Memberships are checked for overlaps in that same transaction, after their persons are
locked: a check before it let two loads at once each pass it and both write (issue 14 item 4).

The figures' group counts (M1-M5, S1) change with the enrolments, memberships and households
feeds (a household that moves takes its history to its new village): their batches keep the
rollup's group cells in the same transaction (`stats.groups.write_groups`: one read of the
batch's households before the write and one after, the difference added).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from cypher import Query, query
from graph.db import Graph
from loaders.checks import membership_overlaps
from loaders.records import (
    EnrollmentIn,
    FeedRecord,
    HouseholdIn,
    MembershipIn,
    Problem,
    RegionIn,
)
from stats.groups import write_groups

Indexed = tuple[int, FeedRecord]
LOCK_PERSONS = query("loaders/lock_persons")
MEMBERSHIPS_OF = query("loaders/memberships_of")


GRAPH_COUNTERS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
)


@dataclass(slots=True)
class Written:
    """The outcome of one batch's write transaction."""

    changed: dict[int, bool] = field(default_factory=dict)  # every row written: changed?
    refused: dict[int, list[Problem]] = field(default_factory=dict)  # re-checked and refused


def write_batch(
    graph: Graph, records: Sequence[Indexed], counters: dict[str, int] | None = None
) -> Written:
    """Write `records` in one transaction: every row written, with whether it changed, and
    the memberships refused by the overlap check made there under the persons' locks.

    `counters`, if given, gets the server's counts of nodes and relationships created and
    deleted added to it (zero for a batch that was written before).
    """
    by_query: dict[Query, list[dict[str, Any]]] = defaultdict(list)
    ordered = sorted(records, key=lambda ir: ir[1].level if isinstance(ir[1], RegionIn) else 0)
    for index, record in ordered:  # each record says its query and row (issue 15 item 7)
        by_query[record.upsert_query()].append({"i": index} | record.row())
    statements = [(upsert.text, rows) for upsert, rows in by_query.items()]
    memberships = [(i, r) for i, r in records if isinstance(r, MembershipIn)]
    households, persons = _group_subjects(records)

    def work(tx: ManagedTransaction) -> tuple[Written, dict[str, int]]:
        outcome = Written(refused=_overlaps_under_lock(tx, memberships))
        totals = dict.fromkeys(GRAPH_COUNTERS, 0)
        with write_groups(tx, households, persons):  # the figures' group cells (S1, S2)
            for text, all_rows in statements:
                rows = [row for row in all_rows if row["i"] not in outcome.refused]
                if not rows:
                    continue
                result = tx.run(text, rows=rows, updated_by=graph.actor)
                record = result.single(strict=True)
                changed = set(record["changed"])
                for index in record["written"]:  # a key twice in a batch: changed if either
                    outcome.changed[index] = outcome.changed.get(index, False) or index in changed
                summary = result.consume().counters
                for name in GRAPH_COUNTERS:
                    totals[name] += getattr(summary, name)
        return outcome, totals

    outcome, totals = graph.execute_write(work)
    if counters is not None:
        for name, value in totals.items():
            counters[name] = counters.get(name, 0) + value
    return outcome


def _group_subjects(records: Sequence[Indexed]) -> tuple[set[str], set[str]]:
    """The households and persons whose group cells (M1-M5) a batch may change: a household
    record's household (its village), a membership's household, an enrolment's subject (a
    person's enrolment counts in every household the person was a member of)."""
    households: set[str] = set()
    persons: set[str] = set()
    for _, record in records:
        if isinstance(record, HouseholdIn | MembershipIn):
            households.add(record.household_id)
        elif isinstance(record, EnrollmentIn):
            households.add(record.subject_id)  # a person's id matches no household
            persons.add(record.subject_id)  # ... and a household's no person
    return households, persons


def _overlaps_under_lock(
    tx: ManagedTransaction, memberships: Sequence[Indexed]
) -> dict[int, list[Problem]]:
    """Lock the persons of `memberships`, then check them against the memberships stored now
    (committed by any process before the locks were granted) and each other (E1)."""
    if not memberships:
        return {}
    person_ids = sorted({r.person_id for _, r in memberships if isinstance(r, MembershipIn)})
    tx.run(LOCK_PERSONS.text, person_ids=person_ids).consume()
    stored = tx.run(MEMBERSHIPS_OF.text, person_ids=person_ids)
    return membership_overlaps(stored.single(strict=True)["memberships"], memberships)
