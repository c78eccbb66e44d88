"""`GET /v1/households/{id}/eligibility`: the household means test (RULES §2, E1–E7)."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from api.masking import shown
from api.models.eligibility import EligibilityPublic
from api.security import Officer
from core.errors import NotFound
from cypher import query
from graph.db import Graph
from scoring.eligibility import HouseholdEligibility, Verdict, household_eligibility
from scoring.explain import Explanation

__all__ = ["eligibility"]

VISIBLE = query("persons/visible")


def eligibility(
    graph: Graph, officer: Officer, household_id: str, as_of: date
) -> EligibilityPublic:
    """The means test of a household in the caller's region on `as_of`, else `NotFound`.
    Its members are those of `as_of`; one who lives outside the caller's region today shows
    a masked id, in the verdicts and in the reasons (docs/security.md "Which facts are
    dated", as a household's members do)."""
    found = household_eligibility(graph, officer.region_prefix, household_id, as_of)
    if found is None:
        raise NotFound(f"no household {household_id}")
    named = {*found.member_ids, *(e.person_id for e in found.excluded)}
    params = {"person_ids": sorted(named), "region_prefix": officer.region_prefix}
    visible = frozenset(graph.value(VISIBLE, params))
    as_shown = _as_shown(found, lambda pid: shown(pid, pid in visible).id)
    return EligibilityPublic.model_validate(as_shown, from_attributes=True)


def _as_shown(found: HouseholdEligibility, show: Callable[[str], str]) -> HouseholdEligibility:
    """The means test with every person id it names, in fields and reasons, passed through
    `show`, and its standard (if any) with the multiplier and ratio as the test applied them
    (a standard that sets none takes the defaults, E4, E5)."""

    def reasons(explanations: tuple[Explanation, ...]) -> tuple[Explanation, ...]:
        return tuple(e.with_ids(show) for e in explanations)

    def verdict(v: Verdict) -> Verdict:
        return replace(v, explanations=reasons(v.explanations))

    standard = found.standard and replace(
        found.standard,
        marginal_multiplier=found.marginal_multiplier,
        expenditure_ratio=found.expenditure_ratio,
    )
    return replace(
        found,
        standard=standard,
        member_ids=tuple(map(show, found.member_ids)),
        excluded=tuple(replace(e, person_id=show(e.person_id)) for e in found.excluded),
        explanations=reasons(found.explanations),
        dibao=verdict(found.dibao),
        marginal=verdict(found.marginal),
        expenditure_hardship=verdict(found.expenditure_hardship),
        single_person_dibao=tuple(
            replace(v, person_id=show(v.person_id), explanations=reasons(v.explanations))
            for v in found.single_person_dibao
        ),
    )
