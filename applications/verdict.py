"""The verdict snapshot of an investigation (RULES P5): E1–E7 of the household and, for a
person's programme (tekun, single-person dibao), T1–T7 of that person, as on the visit date,
with the ruleset and software version, kept as plain JSON on the investigation's step so that
the decision reads what the township saw even after the graph changes.

P2: a legal supporter outside the household (T4–T5) is covered only by their own
authorisation; until one is recorded their income and asset facts are marked `unverified` in
the snapshot (they are still evaluated on the data held). `mark_unverified` adds those marks
inside the step's transaction, from the authorisations recorded by then.

Complexity: two queries (the means test, and the destitute check for a person's programme).
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from core import __version__
from graph.db import Graph
from scoring.eligibility import HouseholdEligibility, Verdict, household_eligibility
from scoring.explain import Explanation
from scoring.ruleset import default_ruleset
from scoring.support import DestituteCheck, destitute_check

Snapshot = dict[str, Any]


def take_snapshot(
    graph: Graph, household_id: str, person_id: str | None, on: date
) -> Snapshot | None:
    """The verdicts of the household (and person) on `on`; None when the household is gone.

    The queries run with the province's prefix: the snapshot is the case's record, whoever
    reads it later; the API masks what a caller may not see when it shows one."""
    household = household_eligibility(graph, "44", household_id, on)
    if household is None:
        return None
    person = None if person_id is None else destitute_check(graph, "44", person_id, on)
    return {
        "as_of": on.isoformat(),
        "ruleset": default_ruleset().version,
        "software": __version__,
        "household": _household(household),
        "person": None if person is None else _person(person, household_id),
        "unverified": [],
    }


def mark_unverified(snapshot: Snapshot, covered: Mapping[str, str]) -> Snapshot:
    """The snapshot with `unverified` marks on every supporter outside the household whom no
    authorisation of their own covers (P2); `covered` maps a person id to its signer."""
    person = snapshot.get("person")
    if person is None:
        return snapshot
    marked: list[str] = []
    for supporter in person["supporters"]:
        own = covered.get(supporter["person_id"]) == supporter["person_id"]
        supporter["unverified"] = supporter["outside_household"] and not own
        if supporter["unverified"]:
            marked.append(supporter["person_id"])
    snapshot["unverified"] = sorted(marked)
    return snapshot


def _explanations(items: tuple[Explanation, ...]) -> list[dict[str, Any]]:
    return [{"rule": e.rule, "code": e.code, "params": _params(e.params)} for e in items]


def _params(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}


def _verdict(verdict: Verdict) -> dict[str, Any]:
    return {
        "eligible": verdict.eligible,
        "reasons": list(verdict.reasons),
        "explanations": _explanations(verdict.explanations),
    }


def _household(found: HouseholdEligibility) -> dict[str, Any]:
    standard = found.standard
    return {
        "household_id": found.household_id,
        "hukou": found.hukou,
        "member_ids": list(found.member_ids),
        "excluded": [{"person_id": e.person_id, "as": e.excluded_as} for e in found.excluded],
        "household_annual_income": found.household_annual_income,
        "per_capita_monthly_income": found.per_capita_monthly_income,
        "standard": None
        if standard is None
        else {
            "region_code": standard.region_code,
            "effective_from": standard.effective_from.isoformat(),
            "dibao_urban_monthly": standard.dibao_urban_monthly,
            "dibao_rural_monthly": standard.dibao_rural_monthly,
        },
        "reasons": list(found.reasons),
        "dibao": _verdict(found.dibao),
        "marginal": _verdict(found.marginal),
        "expenditure_hardship": _verdict(found.expenditure_hardship),
        "single_person_dibao": [
            {"person_id": m.person_id, "eligible": m.eligible, "reasons": list(m.reasons)}
            for m in found.single_person_dibao
        ],
    }


def _person(check: DestituteCheck, household_id: str) -> dict[str, Any]:
    facts = check.person
    return {
        "person_id": facts.person_id,
        "annual_income": facts.annual_income,
        "hukou": facts.hukou,
        "eligible": check.eligible,
        "category": check.category,
        "no_labor_capacity": check.no_labor_capacity,
        "no_income_source": check.no_income_source,
        "no_capable_supporter": check.no_capable_supporter,
        "reasons": list(check.reasons),
        "supporters": [
            {
                "person_id": s.facts.person_id,
                "relation": s.relation,
                "obligation": s.obligation,
                "order": s.order,
                "able": s.able,
                "reason": s.reason,
                "outside_household": s.facts.household_id != household_id,
                "unverified": False,
            }
            for s in check.supporters
        ],
    }
