"""Reference model of the relatives of officials (近亲属, RULES C2), over networkx.

Written from RULES C2, T4, T5 and C5 alone: it shares no code and no query with
`officials.relatives` / `cypher/officials/relatives.cypher`; the property test compares both
on random families. The graph is a `MultiDiGraph` in the shape of the reference export
(nodes `Person:<id>` with `person_id`; edges with `type` `PARENT_OF` (parent → child,
`basis`, `from`, `to`) or `SPOUSE_OF` (`from`, `to`)): `kinship_graph` builds it straight from
the persons and kinship feed records, so that the facts reach it without Neo4j.

A relation is a simple path (no person twice) from the official to the member that follows
the relation's shape, each edge in force on the date:
- a spouse edge, either way, whose range covers the date;
- a parent or child edge that is the path's only PARENT_OF edge (parent, child, parent-in-law,
  child-in-law): a duty edge of T4, basis birth, adoptive or step_raised;
- every PARENT_OF edge of a path with two or more (grandparents, grandchildren, siblings,
  siblings-in-law, parents' siblings): a kin edge of T5, basis birth or adoptive;
- a birth edge does not count while its child has an adoptive edge in force (1111).
Deaths play no part (C5). `civil_code` keeps the relations of 民法典 第一千零四十五条 (spouse,
parent, child, sibling, grandparent, grandchild); both scopes add `self`. Of several paths of
one relation the least (persons, steps) is the one shown.

Complexity: O(officials × the walks of at most three edges from each), for small graphs.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

DUTY = frozenset({"birth", "adoptive", "step_raised"})
KIN = frozenset({"birth", "adoptive"})
SPOUSE = frozenset[str]()  # a spouse step has no basis
# Relation -> the shapes of its paths: (step, the PARENT_OF bases that step may use).
SHAPES: dict[str, list[list[tuple[str, frozenset[str]]]]] = {
    "spouse": [[("spouse", SPOUSE)]],
    "parent": [[("parent", DUTY)]],
    "child": [[("child", DUTY)]],
    "parent_in_law": [[("spouse", SPOUSE), ("parent", DUTY)]],
    "child_in_law": [[("child", DUTY), ("spouse", SPOUSE)]],
    "grandparent": [[("parent", KIN), ("parent", KIN)]],
    "grandchild": [[("child", KIN), ("child", KIN)]],
    "sibling": [[("parent", KIN), ("child", KIN)]],
    "sibling_in_law": [
        [("parent", KIN), ("child", KIN), ("spouse", SPOUSE)],
        [("spouse", SPOUSE), ("parent", KIN), ("child", KIN)],
    ],
    "parent_sibling": [[("parent", KIN), ("parent", KIN), ("child", KIN)]],
}
CIVIL_CODE = frozenset({"spouse", "parent", "child", "sibling", "grandparent", "grandchild"})
Record = dict[str, Any]


@dataclass(frozen=True, slots=True, order=True)
class RefRelative:
    official_id: str
    member_id: str
    relation: str
    persons: tuple[str, ...]
    steps: tuple[str, ...]


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def kinship_graph(persons: Iterable[Record], kinship: Iterable[Record]) -> "nx.MultiDiGraph[str]":
    """The persons and kinship feed records (CONTRACT §2) as a graph of the export's shape; a
    parent edge's null `from` is the child's birth (CONTRACT §2 kinship)."""
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    born: dict[str, date] = {}
    for p in persons:
        born[p["person_id"]] = date.fromisoformat(p["birth_date"])
        g.add_node(f"Person:{p['person_id']}", label="Person", person_id=p["person_id"])
    for k in kinship:
        kind = "PARENT_OF" if k["kind"] == "parent" else "SPOUSE_OF"
        start = _day(k["from"]) or born[k["b"]]
        attrs = {"type": kind, "from": start, "to": _day(k.get("to"))}
        if kind == "PARENT_OF":
            attrs["basis"] = k["basis"]
        g.add_edge(f"Person:{k['a']}", f"Person:{k['b']}", key=kind, **attrs)
    return g


class Kinship:
    """The edges of one graph on one date."""

    def __init__(self, g: "nx.MultiDiGraph[str]", on: date) -> None:
        self.g = g
        self.on = on

    def _holds(self, attrs: dict[str, Any]) -> bool:
        end = attrs.get("to")
        return bool(attrs["from"] <= self.on and (end is None or self.on <= end))

    def _parent_edges(self, child: str) -> list[tuple[str, str]]:
        """(parent, basis) of the PARENT_OF edges into `child` in force on the date."""
        return [
            (u, a["basis"])
            for u, _, a in self.g.in_edges(child, data=True)
            if a["type"] == "PARENT_OF" and self._holds(a)
        ]

    def parents(self, child: str, bases: frozenset[str]) -> set[str]:
        edges = self._parent_edges(child)
        adopted = any(basis == "adoptive" for _, basis in edges)
        return {u for u, b in edges if b in bases and not (adopted and b == "birth")}

    def children(self, parent: str, bases: frozenset[str]) -> set[str]:
        return {
            v
            for _, v, a in self.g.out_edges(parent, data=True)
            if a["type"] == "PARENT_OF" and parent in self.parents(v, bases)
        }

    def spouses(self, person: str) -> set[str]:
        ends = [(v, a) for _, v, a in self.g.out_edges(person, data=True)]
        ends += [(u, a) for u, _, a in self.g.in_edges(person, data=True)]
        return {q for q, a in ends if a["type"] == "SPOUSE_OF" and self._holds(a)}

    def step(self, person: str, kind: str, bases: frozenset[str]) -> set[str]:
        if kind == "spouse":
            return self.spouses(person)
        return self.parents(person, bases) if kind == "parent" else self.children(person, bases)

    def walks(self, start: str, shape: list[tuple[str, frozenset[str]]]) -> Iterator[list[str]]:
        """Every simple path from `start` that follows `shape`."""
        paths = [[start]]
        for kind, bases in shape:
            paths = [[*p, n] for p in paths for n in self.step(p[-1], kind, bases) if n not in p]
        yield from paths


def relatives(
    g: "nx.MultiDiGraph[str]",
    official_ids: Iterable[str],
    member_ids: Iterable[str],
    on: date,
    scope: str = "wide",
) -> list[RefRelative]:
    """Every (official, member, relation) with its least path, sorted."""
    kin = Kinship(g, on)
    members = {f"Person:{m}" for m in member_ids}
    best: dict[tuple[str, str, str], RefRelative] = {}
    for official in {f"Person:{o}" for o in official_ids} & set(g.nodes):
        if official in members:
            oid = official.removeprefix("Person:")
            best[(oid, oid, "self")] = RefRelative(oid, oid, "self", (oid,), ())
        for relation, shapes in SHAPES.items():
            if scope == "civil_code" and relation not in CIVIL_CODE:
                continue
            for shape in shapes:
                for path in kin.walks(official, shape):
                    if path[-1] not in members:
                        continue
                    ids = tuple(p.removeprefix("Person:") for p in path)
                    found = RefRelative(ids[0], ids[-1], relation, ids, tuple(k for k, _ in shape))
                    key = (ids[0], ids[-1], relation)
                    if key not in best or (found.persons, found.steps) < (
                        best[key].persons,
                        best[key].steps,
                    ):
                        best[key] = found
    return sorted(best.values())
