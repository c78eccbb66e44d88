"""Response models of the investigators' routes (CONTRACT §3: /v1/cases, kinship paths)."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from core.terms import LegalStatus, WarningLevel
from loaders.records import DisabilityType, Program

__all__ = [
    "CaseEdge",
    "CaseGraphPublic",
    "CaseNode",
    "HouseholdStatus",
    "KinshipPathPublic",
    "KinshipStep",
    "PathPerson",
    "PersonStatus",
]


class PersonStatus(BaseModel):
    """What an investigator needs to see of a person on the as-of date (the T6 facts and the
    enrolments of M1–M5). Shown only for persons in the caller's region."""

    dead: bool  # death_date on or before the as-of date
    death_date: date | None  # set when dead
    disability_grade: int | None  # 1 (most severe) to 4
    disability_type: DisabilityType | None
    legal_status: LegalStatus
    enrolments: list[Program]  # the person's own enrolments open on the as-of date


class HouseholdStatus(BaseModel):
    """A household's enrolments (dibao 最低生活保障 and others, M1–M5) open on the as-of date
    and the level of its open warning (W3, W6), if any."""

    enrolments: list[Program]
    warning_level: WarningLevel | None


class CaseNode(BaseModel):
    """A person or household of a case graph; `status` is null for a masked person."""

    id: str
    kind: Literal["person", "household"]
    label: str | None
    masked: bool
    status: PersonStatus | HouseholdStatus | None


class CaseEdge(BaseModel):
    source: str
    target: str
    kind: Literal["member_of", "parent_of", "spouse_of"]


class CaseGraphPublic(BaseModel):
    """The case graph around a person or household; persons outside the caller's region are
    masked, households outside it left out."""

    nodes: list[CaseNode]
    edges: list[CaseEdge]


class PathPerson(BaseModel):
    id: str
    label: str | None
    masked: bool


class KinshipStep(BaseModel):
    from_: str = Field(serialization_alias="from")
    to: str
    kind: Literal["parent_of", "spouse_of"]


class KinshipPathPublic(BaseModel):
    """How two persons are related: the persons along the shortest path and its steps (each
    edge as stored: `parent_of` from parent to child). Empty when they are not related."""

    persons: list[PathPerson]
    steps: list[KinshipStep]
