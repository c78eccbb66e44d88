"""Relatives of officials among a household's members (近亲属, RULES C2), for C3, C5 and X6.

One named query, `officials/relatives`, decides everything in Cypher over the dated
`PARENT_OF` and `SPOUSE_OF` edges; this module checks the arguments and turns its rows into
frozen values. Its header states the rules; in short:

- `wide` (the default of the `coi_scope` setting): C2's list: spouse; parents and
  parents-in-law; siblings and siblings-in-law; children and children-in-law; grandparents
  and grandchildren; parents' siblings.
- `civil_code`: the 近亲属 of 民法典 第一千零四十五条 only: "配偶、父母、子女、兄弟姐妹、
  祖父母、外祖父母、孙子女、外孙子女为近亲属": spouse, parent, child, sibling, grandparent
  (paternal and maternal), grandchild (sons' and daughters' children). In-laws and parents'
  siblings are 亲属 (姻亲, 旁系血亲) there, not 近亲属.
- Both add `self` where an official is one of the members: not kinship, but the plainest
  conflict, which a recusal check (C5) must not pass over.
- Parent and child over T4's duty edges (birth, adoptive, step_raised; an adoption ends the
  birth ties, 1111); every relation that walks two or more parent edges (grandparents,
  grandchildren, siblings, their spouses, parents' siblings) over T5's kin edges (birth,
  adoptive: a step_raised edge joins its two persons only, 1072). Half-siblings count.
- Kinship does not end with a death (C5): dead relatives relate, and relate through.

Complexity: one query; from each official's node a walk of at most three kinship edges.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, cast, get_args

from core.terms import CoiScope
from cypher import query
from graph.db import Graph, Row

RELATIVES = query("officials/relatives")

Scope = CoiScope  # the words of the `coi_scope` setting (procedure.policy), defined in core
SCOPES: tuple[str, ...] = get_args(Scope)
Relation = Literal[
    "self",
    "spouse",
    "parent",
    "parent_in_law",
    "sibling",
    "sibling_in_law",
    "child",
    "child_in_law",
    "grandparent",
    "grandchild",
    "parent_sibling",
]
RELATIONS: tuple[str, ...] = get_args(Relation)
# One edge of a relation path, walked from the official: the next person is the previous
# one's spouse, parent or child.
Step = Literal["spouse", "parent", "child"]


@dataclass(frozen=True, slots=True)
class Relative:
    """A household member related to an official on the date: what the member is to the
    official, and one path that shows it (`persons` from the official to the member, one
    `steps` entry per edge between them)."""

    official_id: str
    member_id: str
    relation: Relation
    persons: tuple[str, ...]
    steps: tuple[Step, ...]


def relatives_of(
    graph: Graph,
    official_ids: Sequence[str],
    member_ids: Sequence[str],
    on: date,
    scope: Scope = "wide",
) -> list[Relative]:
    """Every (official, member, relation) of C2 on `on` within `scope`, ordered by official,
    member and relation. An id that names no person relates to nobody."""
    if scope not in SCOPES:
        raise ValueError(f"scope {scope!r} is not one of {', '.join(SCOPES)} (coi_scope, C2)")
    for name, ids in (("official_ids", official_ids), ("member_ids", member_ids)):
        if isinstance(ids, str):  # a lone id would be read as a list of characters
            raise TypeError(f"{name} must be a sequence of person ids, not one string")
    params = {
        "official_ids": list(official_ids),
        "member_ids": list(member_ids),
        "on": on,
        "scope": scope,
    }
    rows = graph.read(RELATIVES, params)
    return [_relative(row) for row in rows]


def _relative(row: Row) -> Relative:
    return Relative(
        official_id=row["official_id"],
        member_id=row["member_id"],
        relation=cast(Relation, row["relation"]),
        persons=tuple(row["persons"]),
        steps=tuple(cast(list[Step], row["steps"])),
    )
