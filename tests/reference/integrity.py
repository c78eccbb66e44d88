"""Reference model of the integrity checks X1, X2, X6 and X7 (RULES §9), in plain Python over
the feed records (CONTRACT §2) and networkx.

Written from RULES §9 and the definitions of docs/integrity.md alone: it shares no code and
no query with `integrity/` or `cypher/integrity/`; the property test compares both on random
families. X6's relations come from the C2 reference (`tests.reference.relatives`), which
shares nothing with `officials.relatives` either. Filings (C3) are not modelled: the random
families have no applications, so every relative of a serving official counts.

- Where a person belongs on the date: the household of their latest membership begun on or
  before it (W5), if that household lies in the region.
- X1: a person's enrolment begun by the date, whose person died before the date and whose
  range reaches past the death; a household's enrolment begun by the date whose last members
  (a membership begun by the date that covers it or lasts until the member's death) are all
  dead before the date, its range reaching past the last death.
- X2: tekun with single_person_dibao of one person, dibao with marginal of one household,
  both ranges open on a common day on or before the date.
- X6: a household of the region with a member whose membership covers the date, an open
  enrolment on the date (its own or a member's), and a C2 relative among those members of an
  official serving its township, one of the township's villages or its county on the date.
- X7: a person of the region and another id of the same name and birth date, sharing a
  parent, a spouse or a household (any time); a pair is listed once, from the person of the
  region (of two, the smaller id).

Complexity: X7 compares persons pairwise, fine for small families only; the product uses
an index instead.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from itertools import combinations
from typing import Any

import networkx as nx

from tests.reference.relatives import kinship_graph, relatives

Record = dict[str, Any]
Feeds = dict[str, list[Record]]


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _first(value: Any) -> date:
    """A date the feed requires (a `from`)."""
    day = _day(value)
    assert day is not None
    return day


def _covers(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or day <= end)


class World:
    """The feed records of one family, indexed for the checks."""

    def __init__(self, feeds: Feeds, as_of: date, prefix: str) -> None:
        self.as_of = as_of
        self.prefix = prefix
        self.village = {h["household_id"]: h["region_code"] for h in feeds["households"]}
        self.persons = {p["person_id"]: p for p in feeds["persons"]}
        self.died = {pid: _day(p.get("death_date")) for pid, p in self.persons.items()}
        self.memberships = [
            (m["person_id"], m["household_id"], _first(m["from"]), _day(m.get("to")))
            for m in feeds["memberships"]
        ]
        self.enrolments = [
            (e["subject_id"], e["program"], _first(e["from"]), _day(e.get("to")))
            for e in feeds["enrollments"]
        ]
        self.kinship = feeds["kinship"]
        self.officials = feeds.get("officials", [])
        self.g: nx.MultiDiGraph[str] = kinship_graph(feeds["persons"], feeds["kinship"])

    def in_region(self, household: str) -> bool:
        return str(self.village[household]).startswith(self.prefix)

    def home(self, person: str) -> str | None:
        """The household of the person's latest membership begun on or before the date."""
        begun = [(s, h) for p, h, s, _ in self.memberships if p == person and s <= self.as_of]
        return max(begun)[1] if begun else None

    def of_region(self) -> list[str]:
        return sorted(p for p in self.persons if (h := self.home(p)) and self.in_region(h))


def x1(w: World) -> set[tuple[str, str, date]]:
    found = set()
    for person in w.of_region():
        died = w.died[person]
        if died is None or died >= w.as_of:
            continue
        for subject, program, start, end in w.enrolments:
            if subject == person and start <= w.as_of and (end is None or end > died):
                found.add((person, program, start))
    for household in (h for h in w.village if w.in_region(h)):
        last = {
            p
            for p, h, s, e in w.memberships
            if h == household
            and s <= w.as_of
            and (e is None or e >= w.as_of or _until_death(e, w.died[p]))
        }
        deaths = [d for p in last if (d := w.died[p]) is not None and d < w.as_of]
        if not last or len(deaths) < len(last):
            continue
        died = max(deaths)
        for subject, program, start, end in w.enrolments:
            if subject == household and start <= w.as_of and (end is None or end > died):
                found.add((household, program, start))
    return found


def _until_death(end: date, died: date | None) -> bool:
    return died is not None and end >= died


EXCLUSIVE = (("tekun", "single_person_dibao"), ("dibao", "marginal"))


def x2(w: World) -> set[tuple[str, str, date, date]]:
    subjects = set(w.of_region()) | {h for h in w.village if w.in_region(h)}
    found = set()
    for first, second in EXCLUSIVE:
        for a in w.enrolments:
            for b in w.enrolments:
                if a[0] != b[0] or a[0] not in subjects or (a[1], b[1]) != (first, second):
                    continue
                overlap = max(a[2], b[2])
                if overlap <= w.as_of and all(e is None or e >= overlap for e in (a[3], b[3])):
                    found.add((a[0], first, a[2], b[2]))
    return found


def _serving(w: World, township: str) -> list[str]:
    county = township[:6] + "000000"
    return sorted(
        {
            o["person_id"]
            for o in w.officials
            if _covers(_first(o["from"]), _day(o.get("to")), w.as_of)
            and (o["region_code"] == county or o["region_code"].startswith(township[:9]))
        }
    )


def x6(w: World, scope: str = "wide") -> set[tuple[str, str, str]]:
    found = set()
    for household in sorted(h for h in w.village if w.in_region(h)):
        members = sorted(
            {p for p, h, s, e in w.memberships if h == household and _covers(s, e, w.as_of)}
        )
        enrolled = any(
            subject in (household, *members) and _covers(start, end, w.as_of)
            for subject, _, start, end in w.enrolments
        )
        if not members or not enrolled:
            continue
        township = w.village[household][:9] + "000"
        for r in relatives(w.g, _serving(w, township), members, w.as_of, scope):
            found.add((household, r.official_id, r.member_id))
    return found


def _shared(w: World, a: str, b: str) -> tuple[str, ...]:
    def households(p: str) -> set[str]:
        return {h for q, h, _, _ in w.memberships if q == p}

    def parents(p: str) -> set[str]:
        return {k["a"] for k in w.kinship if k["kind"] == "parent" and k["b"] == p}

    def spouses(p: str) -> set[str]:
        ends = [(k["a"], k["b"]) for k in w.kinship if k["kind"] == "spouse"]
        return {y for x, y in ends if x == p} | {x for x, y in ends if y == p}

    kinds = {
        "household": households(a) & households(b),
        "parent": parents(a) & parents(b),
        "spouse": spouses(a) & spouses(b),
    }
    return tuple(kind for kind, common in kinds.items() if common)


def x7(w: World) -> set[tuple[str, str, tuple[str, ...]]]:
    region = set(w.of_region())
    found = set()
    for a, b in combinations(sorted(w.persons), 2):
        pa, pb = w.persons[a], w.persons[b]
        if (pa["name"], pa["birth_date"]) != (pb["name"], pb["birth_date"]):
            continue
        shared = _shared(w, a, b)
        if not shared:
            continue
        if a in region:
            found.add((a, b, shared))
        elif b in region:
            found.add((b, a, shared))
    return found


def by_rule(findings: Iterable[Any]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for f in findings:
        grouped[f.rule].append(f)
    return grouped
