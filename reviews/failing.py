"""X3's verdict (RULES §9): which open enrolments fail their programme's rule on a date (dibao
E3, marginal E4, expenditure hardship E5, tekun T1), so that their review (P10) becomes due
that day.

One copy for both of its readers: the integrity check (`integrity.x3_failing`, a finding per
failing enrolment) and the review list (`reviews.due`, `why: X3` for the same enrolments).
The rows are those of `reviews/due`; the verdicts are scoring's
(`scoring.eligibility.households_eligibility` for a household's programme,
`scoring.support.destitute_checks` for tekun), one query per BATCH subjects. Single-person
dibao (E6) is not among X3's rules and is not checked.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, TypeVar

from graph.db import Graph
from scoring.eligibility import HouseholdEligibility, Verdict, households_eligibility
from scoring.explain import Explanation
from scoring.support import destitute_checks

__all__ = ["BATCH", "RULE", "Failing", "checked_on", "failing"]

BATCH: Final = 500
# The rule each programme's enrolment must keep meeting (RULES §9 X3).
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
Key = tuple[str, str, date]  # (subject_id, program, from), as reviews.due keys enrolments


@dataclass(frozen=True, slots=True)
class Failing:
    """An enrolment failing its rule on a day: the rule (E3, E4, E5 or T1) and the verdict's
    reasons."""

    rule: str
    explanations: tuple[Explanation, ...]


def checked_on(row: dict[str, Any], on: date) -> bool:
    """Whether X3 looks at this row of `reviews/due` on `on`: a programme with an X3 rule,
    and an enrolment open that day."""
    return row["program"] in RULE and row["from"] <= on and (row["to"] is None or row["to"] >= on)


def failing(
    graph: Graph, region_prefix: str, rows: Iterable[dict[str, Any]], on: date
) -> dict[Key, Failing]:
    """The rows of `reviews/due` (below `region_prefix`) whose enrolment fails its rule on
    `on`, by key; rows X3 does not look at (`checked_on`) are never in it."""
    checked = [row for row in rows if checked_on(row, on)]
    households = [r["subject_id"] for r in checked if r["program"] != "tekun"]
    persons = [r["subject_id"] for r in checked if r["program"] == "tekun"]
    means = _batched(lambda ids: households_eligibility(graph, region_prefix, ids, on), households)
    destitute = _batched(lambda ids: destitute_checks(graph, region_prefix, ids, on), persons)
    found: dict[Key, Failing] = {}
    for row in checked:
        subject, program = row["subject_id"], row["program"]
        explanations: tuple[Explanation, ...] | None
        if program == "tekun":
            person = destitute.get(subject)
            explanations = None if person is None or person.eligible else person.explanations
        else:
            household = means.get(subject)
            verdict = None if household is None else HOUSEHOLD_VERDICT[program](household)
            explanations = None if verdict is None or verdict.eligible else verdict.explanations
        if explanations is not None:
            found[(subject, program, row["from"])] = Failing(RULE[program], explanations)
    return found


def _batched(run: Callable[[list[str]], dict[str, R]], ids: Sequence[str]) -> dict[str, R]:
    found: dict[str, R] = {}
    unique = sorted(set(ids))
    for i in range(0, len(unique), BATCH):
        found.update(run(unique[i : i + BATCH]))
    return found
