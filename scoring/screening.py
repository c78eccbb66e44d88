"""Screening a region (应救尽救: no one entitled left out): `hhgraph screen`, GET /v1/screening.

Finds, on an as-of date and within a region:
- `missed_tekun`: persons who meet T1 but are not enrolled in tekun (特困);
- `tekun_review`: tekun-enrolled persons who no longer meet T1 (for example an able
  supporter now exists, T4–T6);
- `single_person_dibao`: members of marginal households who qualify under E6 and are not
  enrolled in single-person dibao (单人保);
- `missed_dibao`: households that meet E3 and are not enrolled in dibao (低保);
- `dependent_recheck`: dependents flagged by rescoring after their supporter died, became
  disabled or lost work, with the result of their destitute check now.

Candidates come from one query (`cypher/screening/candidates.cypher`); they are then decided
by the same queries the routes use, given a batch of ids instead of one. Complexity: one
query per BATCH candidates, each candidate costing what its route costs.
"""

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from typing import IO, Literal, TypeVar

from core.exports import SafeWriter
from core.ids import mask_id
from cypher import query
from graph.db import Graph
from scoring.eligibility import households_eligibility
from scoring.explain import Explanation, explain, texts
from scoring.support import DestituteCheck, destitute_checks

R = TypeVar("R")
CANDIDATES = query("screening/candidates")
BATCH = 500
WORKERS = 2

Kind = Literal[
    "missed_tekun", "tekun_review", "single_person_dibao", "missed_dibao", "dependent_recheck"
]


@dataclass(frozen=True, slots=True)
class Finding:
    """One person or household an officer should look at, and why (rule ids in `reasons`).
    A supporter outside the screened region shows a masked id in them (issue 14 item 2)."""

    kind: Kind
    subject_id: str
    household_id: str | None
    explanations: tuple[Explanation, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        return texts(self.explanations)

    def with_ids(self, mask: Callable[[str], str]) -> "Finding":
        """The finding with every resident id in its reasons passed through `mask`."""
        return replace(self, explanations=tuple(e.with_ids(mask) for e in self.explanations))


def screen(graph: Graph, region_prefix: str, as_of: date) -> list[Finding]:
    """Every finding of the region on `as_of`, ordered by kind and subject. Verdicts are
    decided a batch at a time and dropped once their findings are drawn, so that memory
    holds the findings and a few batches, not a verdict for every candidate (a province of
    1M households: 14 GB when every verdict was kept until the end)."""
    row = graph.one(CANDIDATES, {"region_prefix": region_prefix, "as_of": as_of})
    # A candidate person may also be on the recheck list: one destitute check serves both.
    person_ids = {str(p["person_id"]) for p in row["persons"]}
    person_ids |= {str(r["person_id"]) for r in row["rechecks"]}
    checks = _batched(
        lambda ids: destitute_checks(graph, region_prefix, ids, as_of), sorted(person_ids)
    )
    findings = [
        *_households(graph, region_prefix, as_of, row["households"], set(row["single"])),
        *_persons(checks, row["persons"], row["rechecks"]),
    ]
    return sorted(findings, key=lambda f: (f.kind, f.subject_id))


def _households(
    graph: Graph,
    prefix: str,
    as_of: date,
    households: Iterable[dict[str, object]],
    single: set[str],
) -> Iterator[Finding]:
    enrolled = {str(h["household_id"]): bool(h["dibao"]) for h in households}
    batches = _batched(
        lambda ids: households_eligibility(graph, prefix, ids, as_of), sorted(enrolled)
    )
    for verdicts in batches:
        for household_id, verdict in sorted(verdicts.items()):
            if verdict.dibao.eligible and not enrolled[household_id]:
                yield Finding(
                    "missed_dibao", household_id, household_id, verdict.dibao.explanations
                )
            for member in verdict.single_person_dibao:
                if member.eligible and member.person_id not in single:
                    yield Finding(
                        "single_person_dibao", member.person_id, household_id, member.explanations
                    )


def _persons(
    batches: Iterable[dict[str, DestituteCheck]],
    persons: Iterable[dict[str, object]],
    rechecks: Iterable[dict[str, object]],
) -> Iterator[Finding]:
    """The tekun findings (T1) of the candidate persons and the dependents' rechecks (T6),
    from each batch of destitute checks in turn."""
    tekun = {str(p["person_id"]): bool(p["tekun"]) for p in persons}
    flagged: dict[str, list[dict[str, object]]] = {}
    for r in rechecks:
        flagged.setdefault(str(r["person_id"]), []).append(r)
    for checks in batches:
        for person_id, check in sorted(checks.items()):
            household = check.person.household_id
            if person_id in tekun:
                if check.eligible and not tekun[person_id]:
                    yield Finding("missed_tekun", person_id, household, check.explanations)
                elif tekun[person_id] and not check.eligible:
                    yield Finding("tekun_review", person_id, household, check.explanations)
            for r in flagged.get(person_id, ()):
                yield _recheck(r, check)


def _recheck(r: dict[str, object], check: DestituteCheck) -> Finding:
    supporter = str(r["supporter_id"])
    flagged = explain(
        "T6",
        "t6_supporter_event",
        # Masked like the fields of a person outside the region (CONTRACT §3).
        supporter_id=supporter if r["supporter_visible"] else mask_id(supporter),
        indicator=str(r["indicator"]),
        event_key=str(r["event_key"]),
    )
    verdict = explain("T1", "t1_now_meets" if check.eligible else "t1_does_not_meet")
    return Finding(
        "dependent_recheck",
        str(r["person_id"]),
        check.person.household_id,
        (flagged, verdict, *check.explanations),
    )


def _batched(check: Callable[[list[str]], dict[str, R]], ids: list[str]) -> Iterator[dict[str, R]]:
    """`check` over `ids` in batches of BATCH, WORKERS batches at a time, each batch's
    results yielded in order: one query decides a whole batch, and the database works on
    one batch while Python builds the reasons of another. At most WORKERS + 1 batches are
    submitted ahead of the one handed out, so memory holds a few batches' results."""
    batches = [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]
    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="screen") as pool:
        pending: deque[Future[dict[str, R]]] = deque()
        for batch in batches:
            pending.append(pool.submit(check, batch))
            if len(pending) > WORKERS:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


CSV_FIELDS = ("kind", "subject_id", "household_id", "reasons")


def write_csv(findings: Iterable[Finding], out: IO[str]) -> None:
    """Findings as CSV (UTF-8), reasons joined by ' | '."""
    writer = SafeWriter(out)  # no cell a spreadsheet would run (issue 14 item 16)
    writer.writerow(CSV_FIELDS)
    for f in findings:
        writer.writerow((f.kind, f.subject_id, f.household_id or "", " | ".join(f.reasons)))
