"""X3: enrolled but failing the rule on the as-of date (dibao E3, marginal E4, expenditure
hardship E5, tekun T1): the review (P10) becomes due now.

The enrolments are the review list's rows (`reviews/due`'s columns, `fragments/review_facts`:
each open enrolment with what its next review is counted from), walked by households
(`integrity/x3_households`, then `integrity/x3_enrolments` for WALK households a query);
which of them fail is `reviews.failing` (scoring's verdicts, one query per batch of
subjects), the same verdict the review list shows as `why: X3`. Each failing enrolment's next
step is its review, dated by `reviews.review_date` with `x3_found_on` the as-of date: due
that day (`why: X3`), or earlier if a review was already due. Single-person dibao (E6) is not
among X3's rules and is not checked.
Complexity: one index seek per household of the region for the walk (the review list's
keyset batches matched every enrolment of the region again for each batch), then one means
test or destitute check per enrolment, `reviews.failing.BATCH` subjects a query.
"""

from collections.abc import Iterator
from typing import Final

from cypher import query
from graph.db import Row
from integrity.findings import Finding, NextStep, township_of
from integrity.scan import Scan
from reviews import review_date
from reviews.failing import RULE, Failing, failing

HOUSEHOLDS = query("integrity/x3_households")
ENROLMENTS = query("integrity/x3_enrolments")
WALK: Final = 1000  # households a query of the walk


def check(scan: Scan) -> list[Finding]:
    """The failing enrolments, WALK households at a time: each part's verdicts are dropped
    once its findings are drawn (a province keeps no verdict of every enrolment)."""
    findings: list[Finding] = []
    for rows in _parts(scan):
        found = failing(scan.graph, scan.region_prefix, rows, scan.as_of)
        findings += [
            _finding(scan, row, found[key])
            for row in rows
            if (key := (row["subject_id"], row["program"], row["from"])) in found
        ]
    return findings


def enrolments(scan: Scan) -> Iterator[Row]:
    """Every enrolment of X3's programmes below the scan's region open on its as-of date,
    with what its next review is counted from (the review list's row), by households."""
    for rows in _parts(scan):
        yield from rows


def _parts(scan: Scan) -> Iterator[list[Row]]:
    found = scan.graph.read(HOUSEHOLDS, {"region_prefix": scan.region_prefix})
    ids = [row["household_id"] for row in found]
    for i in range(0, len(ids), WALK):
        params = {"household_ids": ids[i : i + WALK], "programs": sorted(RULE), "as_of": scan.as_of}
        yield scan.graph.read(ENROLMENTS, params)


def _finding(scan: Scan, row: Row, fails: Failing) -> Finding:
    subject, program = row["subject_id"], row["program"]
    start = row["from"].isoformat()
    review = review_date(row, scan.policy, scan.as_of, x3_rule=fails.rule)
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
            "rule": fails.rule,
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
        explanations=fails.explanations,
        tag=f"{program}|{start}",
    )
