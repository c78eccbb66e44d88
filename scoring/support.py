"""Legal supporters and the destitute check (特困人员认定, 民发〔2021〕43号; RULES §3, T1–T7).

One named query, `persons/supporters`, decides everything in Cypher: who the legal supporters
(法定扶养义务人) of a person are on a date (T4, T5), whether each is able to support (T6), and
the three conditions of destitute support (T1–T3). This module only turns its row into typed
results and short sentences that name the rule ids (T7). Pure domain: no HTTP.

- tekun  # 特困人员, a destitute person (M2)
- dibao  # 最低生活保障, the minimum living allowance (M1)
- obligations: `support_parent` 赡养, `raise_child` 抚养, `support_spouse` / `support_sibling` 扶养

Choices the rules leave open, made the same way in the reference model
(`scoring.reference.support`):
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
from typing import Any, Literal, cast

from graph.db import Graph
from hhgraph.dates import money

QUERY = "persons/supporters"
# Guangdong's civil date (UTC+8): "today" when no as-of date is given.

Relation = Literal["spouse", "parent", "child", "grandparent", "grandchild", "sibling"]
Obligation = Literal["support_parent", "raise_child", "support_spouse", "support_sibling"]
Order = Literal["primary", "secondary"]
Category = Literal["elderly", "minor", "disabled"]

# T4 / T5 with the Civil Code article behind each relation (T7: the duty a supporter owes).
DUTIES: dict[str, str] = {
    "spouse": "T4 (民法典 1059): spouse",
    "parent": "T4 (民法典 1067): parent of a minor or of an adult child unable to live alone",
    "child": "T4 (民法典 1067): adult child",
    "grandparent": "T5 (民法典 1074): grandparent of a minor whose parents are dead or unable",
    "grandchild": "T5 (民法典 1074): adult grandchild of a person whose children are dead "
    "or unable",
    "sibling": "T5 (民法典 1075): adult elder sibling of a minor whose parents are dead or unable",
}
NO_LABOR: dict[str, str] = {
    "aged_60": "aged {age} (60 or over)",
    "under_16": "aged {age} (under 16)",
    "minor_16_17": "aged {age} (16–17, not living on own earnings)",
    "intellectual_or_mental_1_3": "{disability_type} disability of grade {disability_grade}",
    "physical_1_2": "physical disability of grade {disability_grade}",
    "visual_1": "visual disability of grade 1",
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
    relation: Relation
    obligation: Obligation
    order: Order
    duty: str  # T4 / T5: why this person owes support
    reason: str  # T6: why able or not

    @property
    def able(self) -> bool:
        return self.facts.able


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
    reasons: tuple[str, ...]


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
        reasons=(),
    )
    reasons = (
        _t2_reason(person),
        _t3_reason(person),
        _supporters_reason(supporters),
        _t1_reason(check, as_of),
    )
    return replace(check, reasons=reasons)


def _date(value: Any) -> date | None:
    return None if value is None else cast(date, value.to_native())


def _facts(raw: Mapping[str, Any]) -> PersonFacts:
    born = _date(raw["birth_date"])
    assert born is not None  # persons always have one (loader)
    return PersonFacts(
        person_id=raw["person_id"],
        name=raw["name"],
        birth_date=born,
        death_date=_date(raw["death_date"]),
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
        standard_from=_date(raw["standard_from"]),
        unable=tuple(raw["unable"]),
        no_labor=tuple(raw["no_labor"]),
        no_income=raw["no_income"],
    )


_RELATION_ORDER = ("spouse", "parent", "child", "grandparent", "grandchild", "sibling")


def _supporter_order(s: Supporter) -> tuple[int, int, str]:
    """Primary first, then by relation, then by id: a stable order for lists and tests."""
    return (s.order != "primary", _RELATION_ORDER.index(s.relation), s.facts.person_id)


def _supporter(raw: Mapping[str, Any]) -> Supporter:
    facts = _facts(raw)
    return Supporter(
        facts=facts,
        relation=raw["relation"],
        obligation=raw["obligation"],
        order=raw["order"],
        duty=DUTIES[raw["relation"]],
        reason=unable_reason(facts),
    )


def unable_reason(facts: PersonFacts) -> str:
    """T6 as one sentence: "T6: able", or every clause that makes the person unable. The
    local income line is shown only for a person in the caller's region (it would hint at
    where an outside person lives)."""
    if facts.able:
        return "T6: able"
    return "; ".join(_unable_clause(clause, facts) for clause in facts.unable)


def _income_test(facts: PersonFacts) -> str:
    line = f" {money(facts.income_line)}" if facts.visible and facts.income_line else ""
    return (
        f"own income {money(facts.annual_income)} below the local per-capita disposable "
        f"income{line}, household assets within the local rule"
    )


def _unable_clause(clause: str, facts: PersonFacts) -> str:
    match clause:
        case "dead":
            return f"T6: died on {facts.death_date}"
        case "tekun":
            return "T6: is destitute (enrolled in tekun)"
        case "dibao_aged_60":
            return f"T6: aged {facts.age} and in dibao"
        case "aged_70_low_income":
            return f"T6: aged {facts.age} (70 or over), {_income_test(facts)}"
        case "disabled_low_income":
            # A grade may come without a type (CONTRACT §2): grade 1–2 counts, "any type".
            kind = facts.disability_type
            disability = (
                f"{kind} disability of grade {facts.disability_grade}"
                if kind is not None
                else f"disability of grade {facts.disability_grade} (type not recorded; any type)"
            )
            return f"T6: {disability}, {_income_test(facts)}"
        case "incapacitated":
            return "T6: legally incapacitated"
        case "missing":
            return "T6: declared missing"
        case "imprisoned":
            return "T6: imprisoned"
        case "minor":
            return f"T6: a minor (aged {facts.age})"
    raise ValueError(f"unknown T6 clause {clause!r}")


def _standard_label(p: PersonFacts) -> str:
    return f"{p.standard_region_name} {p.hukou} standard from {p.standard_from}"


def _t2_reason(p: PersonFacts) -> str:
    """T2 as one sentence: the clauses that hold, or why the person can work."""
    if p.no_labor:
        values = {
            "age": p.age,
            "disability_type": p.disability_type,
            "disability_grade": p.disability_grade,
        }
        return "T2: no capacity to work: " + ", ".join(
            NO_LABOR[c].format(**values) for c in p.no_labor
        )
    if 16 <= p.age < 18 and p.dibao_line is not None:
        return (
            f"T2: aged {p.age}, lives on own earnings ({money(p.annual_income)} ≥ 12 × "
            f"{money(p.dibao_line)}, {_standard_label(p)})"
        )
    if p.disability_grade is not None and p.disability_type is None:
        return (
            f"T2: has capacity to work (aged {p.age}; a grade {p.disability_grade} disability "
            "of no recorded type meets no clause: each names its type)"
        )
    return f"T2: has capacity to work (aged {p.age}, no qualifying disability)"


def _t3_reason(p: PersonFacts) -> str:
    """T3 as one sentence naming the numbers compared."""
    if p.hukou is None:
        return "T3: no current household, so no local standard to compare with"
    if p.dibao_line is None:
        return "T3: no local standard in force for the household's region (E7)"
    monthly = money(p.annual_income / 12.0)
    line = f"{money(p.dibao_line)} ({_standard_label(p)})"
    if p.annual_income / 12.0 >= p.dibao_line:
        return f"T3: own income {monthly}/month is not below the dibao standard {line}"
    if not p.assets_ok:
        return f"T3: own income {monthly}/month < {line}, but household assets exceed the rule"
    return f"T3: no means of living: own income {monthly}/month < {line}, assets within the rule"


def _supporters_reason(supporters: Sequence[Supporter]) -> str:
    """T4–T6 as one sentence: which supporters are able, if any."""
    able = [s for s in supporters if s.able]
    if not able:
        listed = len(supporters)
        return f"T4–T6: no legal supporter able to support ({listed} legal supporters listed)"
    relations = ", ".join(f"{s.relation} ({s.order})" for s in able)
    return f"T4–T6: able legal supporters: {relations}"


def _t1_reason(check: DestituteCheck, as_of: date) -> str:
    """T1 as one sentence: eligible with its category, or which condition fails."""
    person = check.person
    if person.death_date is not None and person.death_date <= as_of:
        return f"T1: not eligible: died on {person.death_date}"
    if check.eligible:
        return f"T1: eligible (T2, T3 and no able supporter), category {check.category}"
    failing = [
        rule
        for rule, holds in (
            ("T2", check.no_labor_capacity),
            ("T3", check.no_income_source),
            ("T4–T6", check.no_capable_supporter),
        )
        if not holds
    ]
    return f"T1: not eligible: {', '.join(failing)} not met"
