"""The vocabulary every layer shares, defined once: the loaders validate feeds with it, the
rules decide with it, the API documents it. The values are the strings of the contract
(CONTRACT §2–§3) and the graph; renaming one is a contract change.

They are `Literal`s, not enums: a pydantic model inlines a `Literal` as an `enum` of strings,
so the API's OpenAPI schema names no extra component, and a value read from Neo4j is already
one of them without a conversion.
"""

from typing import Literal, get_args

__all__ = [
    "CoiScope",
    "Department",
    "KinRelation",
    "KinshipBasis",
    "KinshipKind",
    "LegalStatus",
    "Level",
    "OfficialRole",
    "Relation",
    "RescoreMode",
    "WarningLevel",
    "values",
]

# W3: the levels a warning can have, most urgent first (预警等级: 红 橙 黄 蓝 绿).
WarningLevel = Literal["red", "orange", "yellow", "blue", "green"]
# W3: the level of any score; `none` below the lowest warning, which issues none.
Level = Literal["red", "orange", "yellow", "blue", "green", "none"]

# A member's relation to the head of their household (the memberships feed, E1).
Relation = Literal[
    "head", "spouse", "child", "parent", "grandchild", "grandparent", "sibling", "other"
]
# How a legal supporter is related to the person they owe support (T4 primary, T5 secondary).
KinRelation = Literal["spouse", "parent", "child", "grandparent", "grandchild", "sibling"]
# The kinship feed's edges: `spouse` (symmetric) and `parent` (a is a parent of b), and what
# a parent edge rests on (T5: step-parents count only when they raised the child).
KinshipKind = Literal["spouse", "parent"]
KinshipBasis = Literal["birth", "adoptive", "step_raised", "step_not_raised"]

# A person's legal status (the persons feed): E1 leaves out the imprisoned and the missing,
# T6 makes the incapacitated, missing and imprisoned unable to support.
LegalStatus = Literal["normal", "incapacitated", "missing", "imprisoned"]

# C1: what an official of the officials feed is: civil-affairs staff who accept, investigate,
# review or decide (handler), a village or residents committee member, or a 社会救助协理员.
OfficialRole = Literal["handler", "committee_member", "assistant"]

# C2: which relatives of an official a conflict-of-interest check looks for: C2's wide list,
# or the 近亲属 of 民法典 第一千零四十五条 only (the `coi_scope` setting, `officials.relatives`).
CoiScope = Literal["wide", "civil_code"]

# W1: a full rescoring of every household, or only those an event touched since the last run.
# The words are spelled here only: `scoring.rescore.Mode`, the run's enum, takes them from here.
RescoreMode = Literal["full", "incremental"]


# P11: the departments a case may be referred to (转办), and the `department` role's claim.
Department = Literal[
    "medical_security",
    "education",
    "housing",
    "human_resources",
    "emergency_management",
    "health",
    "disabled_persons_federation",
    "charity",
]


def values(term: object) -> tuple[str, ...]:
    """The strings of one of the terms above, in their order."""
    return tuple(str(v) for v in get_args(term))
