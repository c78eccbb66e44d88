"""Legal supporters and the destitute check (特困人员认定, 民发〔2021〕43号; RULES §3, T1–T7).

One named query, `persons/supporters`, decides everything in Cypher: who the legal supporters
(法定扶养义务人) of a person are on a date (T4, T5), whether each is able to support (T6), and
the three conditions of destitute support (T1–T3). This module only turns its row into typed
results and short sentences that name the rule ids (T7). Pure domain: no HTTP.

- tekun  # 特困人员, a destitute person (M2)
- dibao  # 最低生活保障, the minimum living allowance (M1)
- obligations: `support_parent` 赡养, `raise_child` 抚养, `support_spouse` / `support_sibling` 扶养

Choices the rules leave open, made the same way in the reference model
(`tests.reference.support`):
- Dead relatives stay on the list, unable (T6: dead), so that T5 can say every primary
  supporter of a kind is "dead or unable". Unable secondary supporters are listed too; only an
  able supporter counts for T1.
- Being "enrolled in dibao itself" includes single-person dibao (单人保).
- A person who is dead on the as-of date is never eligible (T1).
- `category` is set only when the person is eligible.
- A person's region is that of the household of their latest membership begun on or before the
  as-of date (see the query's header); a person with no membership at all is visible only to a
  province-level caller.

Complexity: one query per call; the query reaches two generations up and down (O(kin)).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from core.dates import money
from core.terms import KinRelation, values
from cypher import query
from graph.db import Graph
from scoring.explain import Explanation, explain, texts

QUERY = query("persons/supporters")
# Guangdong's civil date (UTC+8): "today" when no as-of date is given.

Obligation = Literal["support_parent", "raise_child", "support_spouse", "support_sibling"]
Order = Literal["primary", "secondary"]
Category = Literal["elderly", "minor", "disabled"]

# T4 / T5 with the Civil Code article behind each relation (T7: the duty a supporter owes).
DUTIES: dict[str, tuple[str, str]] = {
    "spouse": ("T4", "t4_spouse"),
    "parent": ("T4", "t4_parent"),
    "child": ("T4", "t4_child"),
    "grandparent": ("T5", "t5_grandparent"),
    "grandchild": ("T5", "t5_grandchild"),
    "sibling": ("T5", "t5_sibling"),
}
# T2 clause -> reason code.
NO_LABOR: dict[str, str] = {
    "aged_60": "t2_aged_60",
    "under_16": "t2_under_16",
    "minor_16_17": "t2_minor_16_17",
    "intellectual_or_mental_1_3": "t2_intellectual_or_mental",
    "physical_1_2": "t2_physical",
    "visual_1": "t2_visual",
}


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What the query found about one person on the as-of date (see the query header)."""

    person_id: str
    name: str
    birth_date: date
    death_date: date | None
    age: int
    annual_income: float
    legal_status: str
    disability_grade: int | None
    disability_type: str | None
    household_id: str | None  # the current household, only when visible to the caller
    visible: bool  # in the caller's region
    hukou: str | None
    assets_ok: bool | None
    dibao_line: float | None  # local monthly dibao standard for the hukou type (E7)
    income_line: float | None  # local per-capita disposable income, annual (T6)
    standard_region: str | None
    standard_region_name: str | None
    standard_from: date | None
    unable: tuple[str, ...]  # T6 clauses that hold; empty: able
    no_labor: tuple[str, ...]  # T2 clauses that hold
    no_income: bool  # T3

    @property
    def able(self) -> bool:
        """T6: able to support unless some clause holds."""
        return not self.unable


@dataclass(frozen=True, slots=True)
class Supporter:
    """A legal supporter with the duty owed and the verdict on their ability (T7)."""

    facts: PersonFacts
    relation: KinRelation
    obligation: Obligation
    order: Order
    duty_explanation: Explanation  # T4 / T5: why this person owes support
    explanations: tuple[Explanation, ...]  # T6: why able or not, one per clause

    @property
    def able(self) -> bool:
        return self.facts.able

    @property
    def duty(self) -> str:
        return self.duty_explanation.text

    @property
    def reason(self) -> str:
        """T6 as one sentence: "T6: able", or every clause that makes the person unable."""
        return "; ".join(texts(self.explanations))


@dataclass(frozen=True, slots=True)
class DestituteCheck:
    """T1: the three conditions, the verdict, the category and every supporter."""

    person: PersonFacts
    as_of: date
    eligible: bool
    category: Category | None
    no_labor_capacity: bool
    no_income_source: bool
    no_capable_supporter: bool
    supporters: tuple[Supporter, ...]
    explanations: tuple[Explanation, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        return texts(self.explanations)


def destitute_check(
    graph: Graph, region_prefix: str, person_id: str, as_of: date
) -> DestituteCheck | None:
    """The destitute check of a person in the caller's region, or None when there is none."""
    return destitute_checks(graph, region_prefix, [person_id], as_of).get(person_id)


def destitute_checks(
    graph: Graph, region_prefix: str, person_ids: Sequence[str], as_of: date
) -> dict[str, DestituteCheck]:
    """The destitute check of each of `person_ids` in the caller's region, by person id; ids
    not found there are absent. One query for the whole list (screening's batches)."""
    rows = graph.read(
        QUERY, {"person_ids": list(person_ids), "as_of": as_of, "region_prefix": region_prefix}
    )
    return {row["person"]["person_id"]: build(row, as_of) for row in rows}


def build(row: Mapping[str, Any], as_of: date) -> DestituteCheck:
    """Typed results and reasons from the query's row."""
    person = _facts(row["person"])
    supporters = tuple(sorted((_supporter(s) for s in row["supporters"]), key=_supporter_order))
    check = DestituteCheck(
        person=person,
        as_of=as_of,
        eligible=row["eligible"],
        category=row["category"],
        no_labor_capacity=row["no_labor_capacity"],
        no_income_source=row["no_income_source"],
        no_capable_supporter=row["no_capable_supporter"],
        supporters=supporters,
        explanations=(),
    )
    reasons = (
        *_t2_reasons(person),
        _t3_reason(person),
        *_supporters_reasons(supporters),
        _t1_reason(check, as_of),
    )
    return replace(check, explanations=reasons)


def _facts(raw: Mapping[str, Any]) -> PersonFacts:
    return PersonFacts(
        person_id=raw["person_id"],
        name=raw["name"],
        birth_date=raw["birth_date"],  # persons always have one (loader)
        death_date=raw["death_date"],
        age=raw["age"],
        annual_income=raw["annual_income"],
        legal_status=raw["legal_status"],
        disability_grade=raw["disability_grade"],
        disability_type=raw["disability_type"],
        household_id=raw["household_id"],
        visible=raw["visible"],
        hukou=raw["hukou"],
        assets_ok=raw["assets_ok"],
        dibao_line=raw["dibao_line"],
        income_line=raw["income_line"],
        standard_region=raw["standard_region"],
        standard_region_name=raw["standard_region_name"],
        standard_from=raw["standard_from"],
        unable=tuple(raw["unable"]),
        no_labor=tuple(raw["no_labor"]),
        no_income=raw["no_income"],
    )


_RELATION_ORDER = values(KinRelation)  # spouse, parent, child, grandparent, grandchild, sibling


def _supporter_order(s: Supporter) -> tuple[int, int, str]:
    """Primary first, then by relation, then by id: a stable order for lists and tests."""
    return (s.order != "primary", _RELATION_ORDER.index(s.relation), s.facts.person_id)


def _supporter(raw: Mapping[str, Any]) -> Supporter:
    facts = _facts(raw)
    rule, duty = DUTIES[raw["relation"]]
    return Supporter(
        facts=facts,
        relation=raw["relation"],
        obligation=raw["obligation"],
        order=raw["order"],
        duty_explanation=explain(rule, duty),
        explanations=unable_reasons(facts),
    )


def unable_reasons(facts: PersonFacts) -> tuple[Explanation, ...]:
    """T6: "T6: able", or every clause that makes the person unable. A person outside the
    caller's region (masked, CONTRACT §3) gets each clause in fixed words, without the age,
    income, disability or death date that decided it (issue 14 item 6)."""
    if facts.able:
        return (explain("T6", "t6_able"),)
    clause = _unable_clause if facts.visible else _unable_clause_fixed
    return tuple(clause(c, facts) for c in facts.unable)


def _unable_clause_fixed(clause: str, facts: PersonFacts) -> Explanation:
    if clause in ("dead", "dibao_aged_60", "aged_70_low_income", "disabled_low_income", "minor"):
        return explain("T6", f"t6_{clause}_fixed")
    return _unable_clause(clause, facts)  # no number in it: tekun, legal status


def _unable_clause(clause: str, facts: PersonFacts) -> Explanation:
    income = money(facts.annual_income)
    line = money(facts.income_line or 0.0)  # set whenever a low-income clause holds
    match clause:
        case "dead":
            return explain("T6", "t6_dead", date=str(facts.death_date))
        case "tekun":
            return explain("T6", "t6_tekun")
        case "dibao_aged_60":
            return explain("T6", "t6_dibao_aged_60", age=facts.age)
        case "aged_70_low_income":
            return explain("T6", "t6_aged_70_low_income", age=facts.age, income=income, line=line)
        case "disabled_low_income":
            grade, kind = facts.disability_grade, facts.disability_type
            if kind is None:  # a grade without a type (CONTRACT §2): grade 1–2, any type
                return explain(
                    "T6", "t6_disabled_any_type_low_income", grade=grade, income=income, line=line
                )
            return explain(
                "T6",
                "t6_disabled_low_income",
                disability_type=kind,
                grade=grade,
                income=income,
                line=line,
            )
        case "incapacitated" | "missing" | "imprisoned":
            return explain("T6", f"t6_{clause}")
        case "minor":
            return explain("T6", "t6_minor", age=facts.age)
    raise ValueError(f"unknown T6 clause {clause!r}")


def _standard_params(p: PersonFacts) -> dict[str, str | None]:
    return {
        "region_name": p.standard_region_name,
        "hukou": p.hukou,
        "effective_from": None if p.standard_from is None else p.standard_from.isoformat(),
    }


def _t2_reasons(p: PersonFacts) -> tuple[Explanation, ...]:
    """T2: each clause that holds, or why the person can work."""
    if p.no_labor:
        params: dict[str, dict[str, Any]] = {
            "aged_60": {"age": p.age},
            "under_16": {"age": p.age},
            "minor_16_17": {"age": p.age},
            "intellectual_or_mental_1_3": {
                "disability_type": p.disability_type,
                "grade": p.disability_grade,
            },
            "physical_1_2": {"grade": p.disability_grade},
            "visual_1": {},
        }
        return tuple(explain("T2", NO_LABOR[c], **params[c]) for c in p.no_labor)
    if 16 <= p.age < 18 and p.dibao_line is not None:
        return (
            explain(
                "T2",
                "t2_own_earnings",
                age=p.age,
                income=money(p.annual_income),
                line=money(p.dibao_line),
                **_standard_params(p),
            ),
        )
    if p.disability_grade is not None and p.disability_type is None:
        return (explain("T2", "t2_untyped_disability", age=p.age, grade=p.disability_grade),)
    return (explain("T2", "t2_able", age=p.age),)


def _t3_reason(p: PersonFacts) -> Explanation:
    """T3 naming the numbers compared."""
    if p.hukou is None:
        return explain("T3", "t3_no_household")
    if p.dibao_line is None:
        return explain("T3", "t3_no_standard")
    compared = {
        "monthly": money(p.annual_income / 12.0),
        "line": money(p.dibao_line),
        **_standard_params(p),
    }
    if p.annual_income / 12.0 >= p.dibao_line:
        return explain("T3", "t3_not_below", **compared)
    if not p.assets_ok:
        return explain("T3", "t3_assets_not_ok", **compared)
    return explain("T3", "t3_no_means", **compared)


def _supporters_reasons(supporters: Sequence[Supporter]) -> tuple[Explanation, ...]:
    """T4–T6: each able supporter, or that none is."""
    able = [s for s in supporters if s.able]
    if not able:
        return (explain("T4–T6", "t456_none_able", count=len(supporters)),)
    return tuple(explain("T4–T6", "t456_able", relation=s.relation, order=s.order) for s in able)


def _t1_reason(check: DestituteCheck, as_of: date) -> Explanation:
    """T1: eligible with its category, or which condition fails."""
    person = check.person
    if person.death_date is not None and person.death_date <= as_of:
        return explain("T1", "t1_dead", date=str(person.death_date))
    if check.eligible:
        return explain("T1", "t1_eligible", category=check.category)
    failing = tuple(
        rule
        for rule, holds in (
            ("T2", check.no_labor_capacity),
            ("T3", check.no_income_source),
            ("T4–T6", check.no_capable_supporter),
        )
        if not holds
    )
    return explain("T1", "t1_not_met", failing=failing)
