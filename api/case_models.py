"""Response models of the investigators' routes (CONTRACT §3: /v1/cases, kinship paths)."""

from typing import Literal

from pydantic import BaseModel, Field


class CaseNode(BaseModel):
    id: str
    kind: Literal["person", "household"]
    label: str | None
    masked: bool


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
