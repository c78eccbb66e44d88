"""X3: enrolled but failing the rule on the as-of date (dibao E3, marginal E4, expenditure
hardship E5, tekun T1): the review (P10) becomes due now.

The enrolments are the review list's rows (`reviews/due`'s columns, `fragments/review_facts`:
each open enrolment with what its next review is counted from), walked by households
(`integrity/x3_households`, then `integrity/x3_enrolments` for WALK households a query) and
kept when open on the as-of date; the verdicts are scoring's
(`scoring.eligibility.households_eligibility` for a household's programme,
`scoring.support.destitute_checks` for tekun), one query per batch of subjects. Each failing
enrolment's next step is its review, dated by `reviews.review_date` with `x3_found_on` the
as-of date: due that day (`why: X3`), or earlier if a review was already due. Single-person
dibao (E6) is not among X3's rules and is not checked.
Complexity: one index seek per household of the region for the walk (the review list's
keyset batches matched every enrolment of the region again for each batch), then one means
test or destitute check per enrolment, BATCH subjects a query.
"""

from collections.abc import Callable, Iterator, Sequence
from typing import Final, TypeVar

from cypher import query
from graph.db import Row
from integrity.findings import Finding, NextStep, township_of
from integrity.scan import Scan
from reviews import review_date
from scoring.eligibility import HouseholdEligibility, Verdict, households_eligibility
from scoring.explain import Explanation
from scoring.support import destitute_checks

HOUSEHOLDS = query("integrity/x3_households")
ENROLMENTS = query("integrity/x3_enrolments")
BATCH: Final = 500
WALK: Final = 1000  # households a query of the walk
RULE: Final[dict[str, str]] = {
    "dibao": "E3",
    "marginal": "E4",
    "expenditure_hardship": "E5",
    "tekun": "T1",
}
HOUSEHOLD_VERDICT: Final[dict[str, Callable[[HouseholdEligibility], Verdict]]] = {
    "dibao": lambda v: v.dibao,
    "marginal": lambda v: v.marginal,
    "expenditure_hardship": lambda v: v.expenditure_hardship,
}
R = TypeVar("R")


def check(scan: Scan) -> list[Finding]:
    rows = list(enrolments(scan))
    households = [r["subject_id"] for r in rows if r["program"] != "tekun"]
    persons = [r["subject_id"] for r in rows if r["program"] == "tekun"]
    means = _batched(
        lambda ids: households_eligibility(scan.graph, scan.region_prefix, ids, scan.as_of),
        households,
    )
    destitute = _batched(
        lambda ids: destitute_checks(scan.graph, scan.region_prefix, ids, scan.as_of), persons
    )
    found = []
    for row in rows:
        subject, program = row["subject_id"], row["program"]
        if program == "tekun":
            person = destitute.get(subject)
            failing = None if person is None or person.eligible else person.explanations
        else:
            household = means.get(subject)
            verdict = None if household is None else HOUSEHOLD_VERDICT[program](household)
            failing = None if verdict is None or verdict.eligible else verdict.explanations
        if failing is not None:
            found.append(_finding(scan, row, failing))
    return found


def enrolments(scan: Scan) -> Iterator[Row]:
    """Every enrolment of X3's programmes below the scan's region open on its as-of date,
    with what its next review is counted from (the review list's row), by households."""
    found = scan.graph.read(HOUSEHOLDS, {"region_prefix": scan.region_prefix})
    ids = [row["household_id"] for row in found]
    for i in range(0, len(ids), WALK):
        params = {"household_ids": ids[i : i + WALK], "programs": sorted(RULE), "as_of": scan.as_of}
        yield from scan.graph.read(ENROLMENTS, params)


def _finding(scan: Scan, row: Row, explanations: tuple[Explanation, ...]) -> Finding:
    subject, program = row["subject_id"], row["program"]
    start = row["from"].isoformat()
    review = review_date(row, scan.policy, x3_found_on=scan.as_of)
    person = program == "tekun"
    return Finding(
        rule="X3",
        subject_id=subject,
        subject_kind="person" if person else "household",
        township_code=township_of(row["township_code"]),
        code="x3_failing",
        params={
            "program": program,
            "from": start,
            "rule": RULE[program],
            "as_of": scan.as_of.isoformat(),
        },
        next_step=NextStep(
            "review",
            {
                "program": program,
                "enrollment_from": start,
                "due_on": review.due_on.isoformat(),
                "why": review.why,
            },
        ),
        regions={subject: row["township_code"]} if person else {},
        explanations=explanations,
        tag=f"{program}|{start}",
    )


def _batched(run: Callable[[list[str]], dict[str, R]], ids: Sequence[str]) -> dict[str, R]:
    found: dict[str, R] = {}
    unique = sorted(set(ids))
    for i in range(0, len(unique), BATCH):
        found.update(run(unique[i : i + BATCH]))
    return found
