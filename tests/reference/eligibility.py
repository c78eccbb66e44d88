"""Reference model of the household means test (RULES §2, E1–E7) in plain Python.

It reads the networkx export (`tests.reference.export_graph`) and shares no code and no
query with `scoring.eligibility` / `cypher/eligibility`: the property tests compare the two.
It is written for clarity, not speed: it scans the edges of one household and of a handful
of regions. Complexity: O(degree of the household + standards of at most 5 regions).

- E1 members: persons with a MEMBER_OF edge to the household whose range holds the as-of date
  (both ends included), except imprisoned or missing persons and persons who died before the
  as-of date (a person who dies is a member through the day of death).
- E2 per capita monthly = sum(annual_income) / 12 / members, in exact decimal arithmetic
  (`fractions.Fraction` of each amount as written); floats only in the result.
- E7 standard: from the village up the IN edges, the first region with a standard effective
  on or before the as-of date; among its standards the latest effective_from.
- E3 dibao, E4 marginal, E5 expenditure hardship, E6 single-person dibao as RULES §2 says.
- E5 is dated: before `law_from` (2026-07-01) rigid spending > 0 and >= ratio × income, with
  or without a standard (the default ratio without one); from `law_from` the law's three
  conditions, which need the standard's per-capita disposable income.
No members: every verdict is false; no standard: every verdict but the seed's E5.
"""

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

import networkx as nx


@dataclass(frozen=True)
class ReferenceStandard:
    """The standard a household's means test uses."""

    region_code: str
    effective_from: date
    urban: float
    rural: float
    disposable_income: float  # last year's per-capita disposable income (E5 from the law)
    marginal_multiplier: float  # the standard's own, or the default
    expenditure_ratio: float


@dataclass(frozen=True)
class ReferenceVerdict:
    """Every number and verdict the means test produces, for comparison."""

    household_id: str
    members: tuple[str, ...]  # sorted
    excluded: dict[str, str]  # person -> dead / imprisoned / missing
    household_annual_income: float
    per_capita: float | None
    standard: ReferenceStandard | None
    dibao: bool
    marginal: bool
    expenditure_hardship: bool
    single_person_dibao: dict[str, bool]


def _exact(amount: float) -> Fraction:
    """The decimal an amount was written as (yuan with fen, a multiplier such as 1.5)."""
    return Fraction(repr(amount)) if isinstance(amount, float) else Fraction(amount)


def _holds(edge: dict[str, Any], day: date) -> bool:
    """Whether an inclusive [from, to] range (to None = open) contains `day`."""
    end = edge.get("to")
    return bool(edge["from"] <= day and (end is None or day <= end))


def _why_not_counted(person: dict[str, Any], day: date) -> str | None:
    died = person.get("death_date")
    if died is not None and died < day:
        return "dead"
    status = person.get("legal_status")
    if status in ("imprisoned", "missing"):
        return str(status)
    return None


def means_test_members(
    g: "nx.MultiDiGraph[str]", household_id: str, day: date
) -> tuple[list[str], dict[str, str]]:
    """E1: (members, {excluded person: why}) of a household on `day`."""
    node = f"Household:{household_id}"
    members: list[str] = []
    excluded: dict[str, str] = {}
    for source, _, _key, data in g.in_edges(node, keys=True, data=True):
        if data["type"] != "MEMBER_OF" or not _holds(data, day):
            continue
        person = g.nodes[source]
        why = _why_not_counted(person, day)
        if why is None:
            members.append(person["person_id"])
        else:
            excluded[person["person_id"]] = why
    return sorted(set(members)), excluded


def _parent_region(g: "nx.MultiDiGraph[str]", node: str) -> str | None:
    for _, target, key in g.out_edges(node, keys=True):
        if key == "IN":
            return str(target)
    return None


def standard_for(
    g: "nx.MultiDiGraph[str]",
    region_node: str,
    day: date,
    default_multiplier: float = 1.5,
    default_ratio: float = 0.6,
) -> ReferenceStandard | None:
    """E7: walk up from `region_node`; the first region with a standard in force wins."""
    current: str | None = region_node
    while current is not None:
        in_force = [
            g.nodes[source]
            for source, _, key in g.in_edges(current, keys=True)
            if key == "FOR_REGION" and g.nodes[source]["effective_from"] <= day
        ]
        if in_force:
            best = max(in_force, key=lambda s: s["effective_from"])
            multiplier = best.get("marginal_multiplier")
            ratio = best.get("expenditure_ratio")
            return ReferenceStandard(
                region_code=g.nodes[current]["code"],
                effective_from=best["effective_from"],
                urban=float(best["dibao_urban_monthly"]),
                rural=float(best["dibao_rural_monthly"]),
                disposable_income=float(best["per_capita_disposable_income_annual"]),
                marginal_multiplier=default_multiplier if multiplier is None else multiplier,
                expenditure_ratio=default_ratio if ratio is None else ratio,
            )
        current = _parent_region(g, current)
    return None


def _e6_condition(person: dict[str, Any]) -> bool:
    """E6: grade 1–2 any type, grade 3–4 intellectual or mental, or a major disease."""
    grade = person.get("disability_grade")
    kind = person.get("disability_type")
    if grade in (1, 2):
        return True
    if grade in (3, 4) and kind in ("intellectual", "mental"):
        return True
    return bool(person.get("major_disease"))


LAW_FROM = date(2026, 7, 1)  # the Social Assistance Law: E5 changes on this day


def _hardship(
    household: dict[str, Any],
    income: Fraction,
    members: int,
    standard: ReferenceStandard | None,
    ratio: Fraction,
    law: bool,
) -> bool:
    """E5 for a household with members: the seed's test, or from the law its three."""
    rigid = _exact(household.get("rigid_expenditure_annual") or 0)
    if not law:
        return rigid > 0 and rigid >= ratio * income
    if standard is None:
        return False
    poor = income / members < _exact(standard.disposable_income)
    return poor and bool(household.get("assets_ok")) and rigid > ratio * income


def household_means_test(
    g: "nx.MultiDiGraph[str]",
    household_id: str,
    day: date,
    default_multiplier: float = 1.5,
    default_ratio: float = 0.6,
    law_from: date = LAW_FROM,
) -> ReferenceVerdict:
    """E1–E7 for one household on `day`."""
    node = f"Household:{household_id}"
    household = g.nodes[node]
    members, excluded = means_test_members(g, household_id, day)
    # Exact decimal arithmetic (Fraction of each amount's decimal text), not floats.
    income = sum(
        (_exact(g.nodes[f"Person:{pid}"].get("annual_income") or 0) for pid in members), Fraction(0)
    )
    per_capita = income / 12 / len(members) if members else None
    village = _parent_region(g, node)
    standard = standard_for(g, village, day, default_multiplier, default_ratio) if village else None
    dibao = marginal = hardship = False
    singles = dict.fromkeys(members, False)
    if members:
        ratio = _exact(default_ratio if standard is None else standard.expenditure_ratio)
        hardship = _hardship(household, income, len(members), standard, ratio, day >= law_from)
    if per_capita is not None and standard is not None:
        assets_ok = bool(household.get("assets_ok"))
        urban = _exact(standard.urban)
        local = urban if household["hukou"] == "urban" else _exact(standard.rural)
        dibao = per_capita < local and assets_ok
        marginal_line = _exact(standard.marginal_multiplier) * urban
        marginal = not dibao and per_capita < marginal_line and assets_ok
        if marginal:
            singles = {pid: _e6_condition(g.nodes[f"Person:{pid}"]) for pid in members}
    return ReferenceVerdict(
        household_id=household_id,
        members=tuple(members),
        excluded=excluded,
        household_annual_income=float(income),
        per_capita=None if per_capita is None else float(per_capita),
        standard=standard,
        dibao=dibao,
        marginal=marginal,
        expenditure_hardship=hardship,
        single_person_dibao=singles,
    )
