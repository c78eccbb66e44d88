"""The household means test (低保审核, 民发〔2021〕57号; RULES §2, E1–E7) with reasons to cite.

`household_eligibility` runs one named query (`eligibility/household_means_test`) that decides
every verdict in Cypher and returns the numbers it compared; this module only turns those
numbers into short sentences naming the rule id, e.g.
"E3: 1333.33 < 1500.00 (广州市 urban standard from 2026-01-01)". Programmes:

- dibao  # 最低生活保障, minimum living allowance (E3)
- marginal  # 低保边缘家庭 (E4, = M3)
- expenditure hardship  # 支出型困难家庭 (E5, = M4), dated: the seed's test before the Social
  Assistance Law's day (`law_effective_from`, 2026-07-01), the law's three conditions from it
- single-person dibao  # 单人保 (E6), per member of a marginal household

E1: a household's members on the as-of date are those whose membership is open on it (both
ends included), except persons imprisoned, declared missing or dead before the as-of date: a
person who dies is a member through the day of death (CONTRACT §2). A household without
members is eligible for nothing; without a local standard in force (E7) only the seed's E5 can
hold (it needs none); each verdict says why.

Per-capita income is compared unrounded (E2) and exactly: the query compares money in integer
fen (分) and the multiplier and ratio in ten-thousandths, since binary floating point puts
1.8 × 13.00 above 23.40 and would flip a verdict exactly at a threshold. Only where a product
could pass 1e18 (amounts of 1e12 yuan and more, which older feeds did not rule out; issue 14
item 11) does it compare in floating point instead, dividing so that nothing overflows: no
query fails, and shown amounts are capped at the largest float. Amounts are shown with
2 decimals; when two different numbers would look equal at 2 decimals, more are shown so that
a reason never reads "1500.00 < 1500.00".

Thresholds a city may change are settings (`MeansTestDefaults`): the standard's own
`marginal_multiplier` / `expenditure_ratio` win over them (E7). Pure domain: no HTTP.
Complexity: one query per household; O(members) in Python.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from core.dates import money
from cypher import query
from graph.db import Graph
from scoring.explain import Explanation, explain, texts

QUERY = query("eligibility/household_means_test")
STANDARDS_QUERY = query("eligibility/standards_in_force")
# Guangdong's civil date (UTC+8, no daylight saving): "today" for a default as-of date.

ExcludedAs = Literal["dead", "imprisoned", "missing"]


@dataclass(frozen=True, slots=True)
class MeansTestDefaults:
    """Settings of RULES §1–2 used when a local standard does not set its own value."""

    marginal_multiplier: float = 1.5  # M3 / E4: × the local urban dibao standard
    expenditure_ratio: float = 0.6  # M4 / E5: share of the household's annual income
    # E5 is dated: the seed's test before this day, the Social Assistance Law's from it.
    law_effective_from: date = date(2026, 7, 1)


DEFAULTS = MeansTestDefaults()


@dataclass(frozen=True, slots=True)
class Standard:
    """The local standard in force (E7). Its multiplier and ratio are as the standard sets
    them (None: the default applies; `HouseholdEligibility` holds the ones applied)."""

    region_code: str
    region_name: str
    region_level: str
    effective_from: date
    dibao_urban_monthly: float
    dibao_rural_monthly: float
    per_capita_disposable_income_annual: float
    marginal_multiplier: float | None  # as the standard sets it; None: the default applies
    expenditure_ratio: float | None


@dataclass(frozen=True, slots=True)
class Verdict:
    """A programme's verdict and the reasons that justify it, each naming its rule id."""

    eligible: bool
    explanations: tuple[Explanation, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        return texts(self.explanations)


@dataclass(frozen=True, slots=True)
class MemberVerdict:
    """Single-person dibao (E6) for one member."""

    person_id: str
    eligible: bool
    explanations: tuple[Explanation, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        return texts(self.explanations)


@dataclass(frozen=True, slots=True)
class Excluded:
    """A person with an open membership who does not count for the means test (E1)."""

    person_id: str
    excluded_as: ExcludedAs


@dataclass(frozen=True, slots=True)
class HouseholdEligibility:
    """The whole means test of one household on one date."""

    household_id: str
    as_of: date
    hukou: str
    member_ids: tuple[str, ...]
    excluded: tuple[Excluded, ...]
    household_annual_income: float
    per_capita_monthly_income: float | None  # unrounded (E2); None without members
    standard: Standard | None
    marginal_multiplier: float
    expenditure_ratio: float
    explanations: tuple[Explanation, ...]  # the common basis: E1, E2, E7
    dibao: Verdict
    marginal: Verdict
    expenditure_hardship: Verdict
    single_person_dibao: tuple[MemberVerdict, ...]

    @property
    def member_count(self) -> int:
        return len(self.member_ids)

    @property
    def reasons(self) -> tuple[str, ...]:
        return texts(self.explanations)


def household_eligibility(
    graph: Graph,
    region_prefix: str,
    household_id: str,
    as_of: date,
    defaults: MeansTestDefaults = DEFAULTS,
) -> HouseholdEligibility | None:
    """E1–E7 for a household below `region_prefix`, or None if there is none there."""
    found = households_eligibility(graph, region_prefix, [household_id], as_of, defaults)
    return found.get(household_id)


def households_eligibility(
    graph: Graph,
    region_prefix: str,
    household_ids: Sequence[str],
    as_of: date,
    defaults: MeansTestDefaults = DEFAULTS,
) -> dict[str, HouseholdEligibility]:
    """E1–E7 for each of `household_ids` below `region_prefix`, by household id; ids not found
    there are absent. One query for the whole list (screening's batches)."""
    rows = graph.read(
        QUERY,
        {
            "household_ids": list(household_ids),
            "region_prefix": region_prefix,
            "as_of": as_of,
            "default_marginal_multiplier": defaults.marginal_multiplier,
            "default_expenditure_ratio": defaults.expenditure_ratio,
            "law_effective_from": defaults.law_effective_from,
        },
    )
    law_from = defaults.law_effective_from
    return {row["household_id"]: build(row, as_of, law_from) for row in rows}


def standards_in_force(
    graph: Graph, region_codes: Sequence[str], as_of: date
) -> dict[str, Standard | None]:
    """E7 for several regions at once: {region_code: Standard or None} for existing regions."""
    rows = graph.read(STANDARDS_QUERY, {"region_codes": list(region_codes), "as_of": as_of})
    return {row["region_code"]: _standard(row["standard"]) for row in rows}


def _standard(raw: Mapping[str, Any] | None) -> Standard | None:
    if raw is None:
        return None
    return Standard(
        region_code=raw["region_code"],
        region_name=raw["region_name"],
        region_level=raw["region_level"],
        effective_from=raw["effective_from"],
        dibao_urban_monthly=float(raw["dibao_urban_monthly"]),
        dibao_rural_monthly=float(raw["dibao_rural_monthly"]),
        per_capita_disposable_income_annual=float(raw["per_capita_disposable_income_annual"]),
        marginal_multiplier=raw["marginal_multiplier"],
        expenditure_ratio=raw["expenditure_ratio"],
    )


def build(row: Mapping[str, Any], as_of: date, law_from: date) -> HouseholdEligibility:
    """The verdicts of one `household_means_test` row, with their reasons; E5 follows the
    seed's test before `law_from` and the Social Assistance Law's from it."""
    standard = _standard(row["standard"])
    basis = _basis_reasons(row, standard, as_of)
    members = row["members"]
    if row["testable"] and standard is not None:
        dibao = _dibao(row, standard)
        marginal = _marginal(row, standard)
        hardship = _expenditure_hardship(row, standard, basis[-1], law_from)
        single = tuple(_single_person(m, row) for m in members)
    elif row["member_count"] == 0:  # E1 empty, said first: nothing applies
        dibao = marginal = hardship = Verdict(False, (basis[0],))
        single = ()
    else:  # no standard (E7, said last): all but the seed's E5 need one
        blocker = basis[-1]
        dibao = marginal = Verdict(False, (blocker,))
        hardship = _expenditure_hardship(row, None, blocker, law_from)
        single = tuple(MemberVerdict(m["person_id"], False, (blocker,)) for m in members)
    return HouseholdEligibility(
        household_id=row["household_id"],
        as_of=as_of,
        hukou=row["hukou"],
        member_ids=tuple(m["person_id"] for m in members),
        excluded=tuple(Excluded(e["person_id"], e["excluded_as"]) for e in row["excluded"]),
        household_annual_income=row["household_annual_income"],
        per_capita_monthly_income=row["per_capita"],
        standard=standard,
        marginal_multiplier=row["marginal_multiplier"],
        expenditure_ratio=row["expenditure_ratio"],
        explanations=basis,
        dibao=dibao,
        marginal=marginal,
        expenditure_hardship=hardship,
        single_person_dibao=single,
    )


def money_pair(a: float, b: float) -> tuple[str, str]:
    """Two amounts shown with enough decimals that different ones never look equal."""
    for places in (2, 4, 6):
        shown = (f"{a:.{places}f}", f"{b:.{places}f}")
        if a == b or shown[0] != shown[1]:
            return shown
    return repr(a), repr(b)


def _standard_params(standard: Standard, hukou: str) -> dict[str, str]:
    """How a reason names a standard: "广州市 urban standard from 2026-01-01"."""
    return {
        "region_name": standard.region_name,
        "hukou": hukou,
        "effective_from": standard.effective_from.isoformat(),
    }


def _basis_reasons(
    row: Mapping[str, Any], standard: Standard | None, as_of: date
) -> tuple[Explanation, ...]:
    """E1 (who counts, who not), E2 (per capita) and E7 (which standard): the basis of every
    verdict; E1 first, E7 last."""
    count, day = row["member_count"], as_of.isoformat()
    if count == 0:
        reasons = [explain("E1", "e1_no_members", as_of=day)]
    elif count == 1:
        reasons = [explain("E1", "e1_one_member", as_of=day)]
    else:
        reasons = [explain("E1", "e1_members", count=count, as_of=day)]
    reasons += [
        explain("E1", "e1_not_counted", person_id=e["person_id"], excluded_as=e["excluded_as"])
        for e in row["excluded"]
    ]
    if count:
        income, per_capita = money(row["household_annual_income"]), money(row["per_capita"])
        reasons.append(
            explain("E2", "e2_per_capita", income=income, count=count, per_capita=per_capita)
        )
    if standard is None:
        reasons.append(_no_standard(row, as_of))
    else:
        reasons.append(
            explain(
                "E7",
                "e7_standard",
                region_name=standard.region_name,
                region_code=standard.region_code,
                effective_from=standard.effective_from.isoformat(),
                urban=money(standard.dibao_urban_monthly),
                rural=money(standard.dibao_rural_monthly),
            )
        )
    return tuple(reasons)


def _no_standard(row: Mapping[str, Any], as_of: date) -> Explanation:
    return explain("E7", "e7_no_standard", as_of=as_of.isoformat(), village=row["region_code"])


def _assets(rule: str, assets_ok: bool) -> Explanation:
    return explain(rule, "assets_ok" if assets_ok else "assets_not_ok")


def _dibao(row: Mapping[str, Any], standard: Standard) -> Verdict:
    """E3: per capita below the standard for the household's hukou, and assets_ok."""
    per_capita, line = money_pair(row["per_capita"], row["local_standard"])
    code = "e3_below" if row["below_local_standard"] else "e3_not_below"
    compared = explain(
        "E3", code, per_capita=per_capita, line=line, **_standard_params(standard, row["hukou"])
    )
    return Verdict(bool(row["dibao"]), (compared, _assets("E3", row["assets_ok"])))


def _marginal(row: Mapping[str, Any], standard: Standard) -> Verdict:
    """E4: not E3, per capita below multiplier × the URBAN standard, and assets_ok."""
    if row["dibao"]:
        return Verdict(False, (explain("E4", "e4_dibao"),))
    per_capita, line = money_pair(row["per_capita"], row["marginal_line"])
    compared = explain(
        "E4",
        "e4_below" if row["below_marginal_line"] else "e4_not_below",
        per_capita=per_capita,
        line=line,
        multiplier=f"{row['marginal_multiplier']:g}",
        urban=money(standard.dibao_urban_monthly),
        region_name=standard.region_name,
        effective_from=standard.effective_from.isoformat(),
    )
    return Verdict(bool(row["marginal"]), (compared, _assets("E4", row["assets_ok"])))


def _expenditure_hardship(
    row: Mapping[str, Any], standard: Standard | None, no_standard: Explanation, law_from: date
) -> Verdict:
    """E5, dated: the seed's test before `law_from` (no standard needed), the Social
    Assistance Law's three conditions from it. The first reason says which decided."""
    eligible = bool(row["expenditure_hardship"])
    if row["expenditure_rule"] == "seed":
        version = explain("E5", "e5_seed", law_from=law_from.isoformat())
        return Verdict(eligible, (version, _rigid_reason(row, strict=False)))
    version = explain("E5", "e5_law", law_from=law_from.isoformat())
    if standard is None:  # no disposable income to compare with (E7)
        return Verdict(False, (version, no_standard))
    per_capita, line = money_pair(row["per_capita_annual"], row["disposable_income_line"])
    income = explain(
        "E5",
        "e5_income_below" if row["below_disposable_income"] else "e5_income_not_below",
        per_capita=per_capita,
        line=line,
        region_name=standard.region_name,
        effective_from=standard.effective_from.isoformat(),
    )
    return Verdict(
        eligible,
        (version, income, _assets("E5", row["assets_ok"]), _rigid_reason(row, strict=True)),
    )


def _rigid_reason(row: Mapping[str, Any], strict: bool) -> Explanation:
    """E5's comparison of rigid spending with ratio × income: at or above (the seed), or
    strictly above (the law); with zero income any rigid spending qualifies under both."""
    rigid, income = row["rigid_expenditure_annual"], row["household_annual_income"]
    met = row["rigid_above_line"] if strict else row["rigid_meets_line"]
    if income == 0:
        if met:
            return explain("E5", "e5_zero_income", rigid=money(rigid))
        return explain("E5", "e5_nothing")
    shown, line = money_pair(rigid, row["expenditure_line"])
    if strict:
        code = "e5_rigid_above" if met else "e5_rigid_not_above"
    else:
        code = "e5_rigid_meets" if met else "e5_rigid_short"
    ratio = f"{row['expenditure_ratio']:g}"
    return explain("E5", code, rigid=shown, line=line, ratio=ratio, income=money(income))


def _conditions(member: Mapping[str, Any]) -> list[Explanation]:
    """The E6 conditions a member meets. A grade may come without a type (CONTRACT §2): it
    counts at grades 1–2 ("any type"), never at 3–4, where a type is named."""
    found = []
    grade, kind = member["disability_grade"], member["disability_type"]
    if member["severe_disability"]:
        if kind is None:
            found.append(explain("E6", "e6_severe_any_type", grade=grade))
        else:
            found.append(explain("E6", "e6_severe", grade=grade, disability_type=kind))
    if member["intellectual_or_mental"]:
        found.append(explain("E6", "e6_intellectual_or_mental", grade=grade, disability_type=kind))
    if member["major_disease"]:
        found.append(explain("E6", "e6_major_disease"))
    if not found and grade in (3, 4) and kind is None:
        found.append(explain("E6", "e6_untyped_grade", grade=grade))
    return found


def _single_person(member: Mapping[str, Any], row: Mapping[str, Any]) -> MemberVerdict:
    """E6: a member meeting a condition, in a household marginal under E4."""
    conditions = _conditions(member) or [explain("E6", "e6_no_condition")]
    household = explain("E6", "e6_marginal" if row["marginal"] else "e6_not_marginal")
    return MemberVerdict(
        member["person_id"], bool(member["single_person_dibao"]), (*conditions, household)
    )
