"""Reference model of the destitute check and legal supporters (RULES §3, T1–T7).

Plain Python over the networkx export (`tests.reference.export_graph`), written from RULES §3
alone: it shares no code and no query with `scoring.support` / `cypher/persons/supporters`.
The property tests compare both on random families; where they disagree one of them is wrong.

The choices the rules leave open are made as `scoring.support` documents them: dead and unable
relatives are listed (unable); enrolment in single-person dibao counts as enrolment in dibao;
a dead person is not eligible; `category` only for an eligible person; kin born after the
as-of date do not exist yet. Ages are whole years, turning N on the birthday.

Complexity: O(kin × (edges of each)), for the small graphs of tests.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

DUTY_BASES = {"birth", "adoptive", "step_raised"}  # 1072: step_not_raised carries no duty
# T5: grandparents, grandchildren and siblings are kin over birth and adoptive edges only; a
# step_raised edge joins its two persons and nobody else (1072).
KIN_BASES = {"birth", "adoptive"}
LEGAL_UNABLE = ("incapacitated", "missing", "imprisoned")


@dataclass(frozen=True, slots=True)
class RefSupporter:
    """A supporter as the reference sees it: who, how related, and the T6 clauses."""

    person_id: str
    relation: str
    order: str
    obligation: str
    unable: frozenset[str]


@dataclass(frozen=True, slots=True)
class RefVerdict:
    """T1–T3 and the supporters of one person on one date."""

    person_id: str
    no_labor: frozenset[str]
    no_income: bool
    no_capable_supporter: bool
    eligible: bool
    category: str | None
    supporters: frozenset[RefSupporter]


def age_on(born: date, day: date) -> int:
    """Whole years (周岁) on `day`."""
    had_birthday = (day.month, day.day) >= (born.month, born.day)
    return day.year - born.year - (0 if had_birthday else 1)


def _in_force(attrs: dict[str, Any], day: date) -> bool:
    """A from/to range, both ends included; `to` None is open."""
    end = attrs.get("to")
    return bool(attrs["from"] <= day and (end is None or day <= end))


def _edges(g: "nx.MultiDiGraph[str]", node: str, kind: str, out: bool) -> Iterator[tuple[str, Any]]:
    """(other end, attributes) of the edges of type `kind` leaving (out) or entering `node`."""
    view = (
        g.out_edges(node, keys=True, data=True) if out else g.in_edges(node, keys=True, data=True)
    )
    for u, v, _key, attrs in view:
        if attrs["type"] == kind:
            yield (v if out else u), attrs


class SupportModel:
    """The rules evaluated on one graph and one as-of date."""

    def __init__(self, g: "nx.MultiDiGraph[str]", as_of: date) -> None:
        self.g = g
        self.day = as_of

    # --- kinship (T4) -------------------------------------------------------------------
    def parents(self, child: str, bases: set[str] = DUTY_BASES) -> set[str]:
        """Parents by edges of `bases` in force on the day (T4: the duty edges; T5: kin
        edges); an adoptive parent cancels birth parents (1111)."""
        edges = [
            (p, a)
            for p, a in _edges(self.g, child, "PARENT_OF", out=False)
            if a["basis"] in DUTY_BASES and _in_force(a, self.day)
        ]
        adopted = any(a["basis"] == "adoptive" for _, a in edges)
        return {
            p for p, a in edges if a["basis"] in bases and not (adopted and a["basis"] == "birth")
        }

    def children(self, parent: str, bases: set[str] = DUTY_BASES) -> set[str]:
        return {
            c
            for c, _ in _edges(self.g, parent, "PARENT_OF", out=True)
            if parent in self.parents(c, bases)
        }

    def spouses(self, person: str) -> set[str]:
        ends = list(_edges(self.g, person, "SPOUSE_OF", out=True))
        ends += list(_edges(self.g, person, "SPOUSE_OF", out=False))
        return {q for q, a in ends if _in_force(a, self.day)}

    def born(self, person: str) -> bool:
        return bool(self.g.nodes[person]["birth_date"] <= self.day)

    # --- facts of a person --------------------------------------------------------------
    def age(self, person: str) -> int:
        return age_on(self.g.nodes[person]["birth_date"], self.day)

    def household(self, person: str) -> str | None:
        """The household of the membership in force on the day (at most one)."""
        for h, a in _edges(self.g, person, "MEMBER_OF", out=True):
            if _in_force(a, self.day):
                return h
        return None

    def standard(self, household: str | None) -> dict[str, Any] | None:
        """E7: walk up the region chain; the first region with a standard in force wins, and
        of its standards the latest effective on or before the day."""
        if household is None:
            return None
        region = next((r for r, _ in _edges(self.g, household, "IN", out=True)), None)
        while region is not None:
            found = [
                self.g.nodes[s]
                for s, _ in _edges(self.g, region, "FOR_REGION", out=False)
                if self.g.nodes[s]["effective_from"] <= self.day
            ]
            if found:
                return max(found, key=lambda s: s["effective_from"])
            region = next((r for r, _ in _edges(self.g, region, "IN", out=True)), None)
        return None

    def enrolled(self, subject: str | None, programs: set[str]) -> bool:
        if subject is None:
            return False
        return any(
            self.g.nodes[e]["program"] in programs and _in_force(self.g.nodes[e], self.day)
            for e, _ in _edges(self.g, subject, "OF", out=False)
        )

    def dibao_line(self, person: str) -> float | None:
        """The local monthly dibao standard for the hukou type of the person's household."""
        h = self.household(person)
        s = self.standard(h)
        if h is None or s is None:
            return None
        hukou = self.g.nodes[h]["hukou"]
        return float(s["dibao_urban_monthly" if hukou == "urban" else "dibao_rural_monthly"])

    def assets_ok(self, person: str) -> bool:
        h = self.household(person)
        return h is not None and bool(self.g.nodes[h]["assets_ok"])

    # --- T2, T3, T6 ---------------------------------------------------------------------
    def no_labor(self, person: str) -> frozenset[str]:
        """T2 clauses that hold."""
        p = self.g.nodes[person]
        age, grade, kind = self.age(person), p.get("disability_grade"), p.get("disability_type")
        found = set()
        if age >= 60:
            found.add("aged_60")
        if age < 16:
            found.add("under_16")
        if age in (16, 17):
            line = self.dibao_line(person)
            if line is None or not p["annual_income"] >= 12.0 * line:
                found.add("minor_16_17")
        if grade is not None:
            if kind in ("intellectual", "mental") and grade <= 3:
                found.add("intellectual_or_mental_1_3")
            if kind == "physical" and grade <= 2:
                found.add("physical_1_2")
            if kind == "visual" and grade == 1:
                found.add("visual_1")
        return frozenset(found)

    def no_income(self, person: str) -> bool:
        """T3: own income ÷ 12 below the local dibao standard, household assets within."""
        line = self.dibao_line(person)
        income = self.g.nodes[person]["annual_income"]
        return line is not None and income / 12.0 < line and self.assets_ok(person)

    def unable(self, person: str) -> frozenset[str]:
        """T6 clauses that hold."""
        p = self.g.nodes[person]
        age = self.age(person)
        household = self.household(person)
        s = self.standard(household)
        poor = (
            s is not None
            and p["annual_income"] < s["per_capita_disposable_income_annual"]
            and self.assets_ok(person)
        )
        grade, kind = p.get("disability_grade"), p.get("disability_type")
        severe = grade is not None and (
            grade <= 2 or (grade == 3 and kind in ("intellectual", "mental"))
        )
        in_dibao = self.enrolled(person, {"dibao", "single_person_dibao"}) or self.enrolled(
            household, {"dibao"}
        )
        found = set()
        if p.get("death_date") is not None and p["death_date"] <= self.day:
            found.add("dead")
        if self.enrolled(person, {"tekun"}):
            found.add("tekun")
        if in_dibao and age >= 60:
            found.add("dibao_aged_60")
        if age >= 70 and poor:
            found.add("aged_70_low_income")
        if severe and poor:
            found.add("disabled_low_income")
        if p["legal_status"] in LEGAL_UNABLE:
            found.add(p["legal_status"])
        if age < 18:
            found.add("minor")
        return frozenset(found)

    # --- T4, T5, T1 ---------------------------------------------------------------------
    def supporters(self, person: str) -> frozenset[RefSupporter]:
        """Primary supporters (T4) and, where a kind fails, secondary ones (T5)."""
        minor = self.age(person) < 18
        found: set[tuple[str, str]] = {(q, "spouse") for q in self.spouses(person)}
        parents = self.parents(person)
        if minor or self.no_labor(person):
            found |= {(q, "parent") for q in parents}
        children = self.children(person)
        found |= {(c, "child") for c in children if self.born(c) and self.age(c) >= 18}
        parents_fail = all(self.unable(q) for q in parents if self.born(q))
        # T5 kin: over birth and adoptive edges only (a step-parent's parents, children and
        # step-children are not the person's grandparents, siblings or grandchildren).
        kin_parents = self.parents(person, KIN_BASES)
        kin_children = self.children(person, KIN_BASES)
        if minor and parents_fail:
            found |= {(g, "grandparent") for q in kin_parents for g in self.parents(q, KIN_BASES)}
            mine = self.g.nodes[person]["birth_date"]
            found |= {
                (s, "sibling")
                for q in kin_parents
                for s in self.children(q, KIN_BASES)
                if s != person
                and self.born(s)
                and self.g.nodes[s]["birth_date"] < mine
                and self.age(s) >= 18
            }
        if all(self.unable(c) for c in children if self.born(c)):
            found |= {
                (gc, "grandchild")
                for c in kin_children
                for gc in self.children(c, KIN_BASES)
                if self.born(gc) and self.age(gc) >= 18
            }
        return frozenset(
            RefSupporter(q, rel, _ORDER[rel], _OBLIGATION[rel], self.unable(q))
            for q, rel in found
            if self.born(q)
        )

    def verdict(self, person: str) -> RefVerdict:
        """T1: no capacity to work, no means of living, no able supporter; category."""
        supporters = self.supporters(person)
        no_labor = self.no_labor(person)
        no_income = self.no_income(person)
        nobody = all(s.unable for s in supporters)
        death = self.g.nodes[person].get("death_date")
        alive = death is None or death > self.day
        eligible = bool(no_labor) and no_income and nobody and alive
        category = None
        if eligible:
            age = self.age(person)
            category = "elderly" if age >= 60 else "minor" if age < 18 else "disabled"
        return RefVerdict(
            person.removeprefix("Person:"),
            no_labor,
            no_income,
            nobody,
            eligible,
            category,
            frozenset(
                RefSupporter(
                    s.person_id.removeprefix("Person:"), s.relation, s.order, s.obligation, s.unable
                )
                for s in supporters
            ),
        )


_ORDER = {
    "spouse": "primary",
    "parent": "primary",
    "child": "primary",
    "grandparent": "secondary",
    "grandchild": "secondary",
    "sibling": "secondary",
}
_OBLIGATION = {
    "spouse": "support_spouse",  # 扶养
    "sibling": "support_sibling",  # 扶养
    "parent": "raise_child",  # 抚养
    "grandparent": "raise_child",  # 抚养
    "child": "support_parent",  # 赡养
    "grandchild": "support_parent",  # 赡养
}


def destitute_verdict(g: "nx.MultiDiGraph[str]", person_id: str, as_of: date) -> RefVerdict:
    """The reference verdict for `person_id` (a resident id) on `as_of`."""
    return SupportModel(g, as_of).verdict(f"Person:{person_id}")
