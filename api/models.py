"""Response and request models: one per direction and role (`HealthPublic`, later `EventIn`)."""

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class Neo4jPublic(BaseModel):
    """The Neo4j server answering, as it reports itself."""

    model_config = ConfigDict(extra="forbid")

    version: str
    edition: str


class HealthPublic(BaseModel):
    """`GET /health` (contract §3)."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["ok"]
    neo4j: Neo4jPublic


class FieldErrorPublic(BaseModel):
    field: str
    message: str


class RejectPublic(BaseModel):
    """A record that was not applied: its index in the body, its key, every field error."""

    index: int
    key: dict[str, Any]
    errors: list[FieldErrorPublic]


class IngestPublic(BaseModel):
    """`POST /v1/ingest/{feed}` (contract §3); `applied` + `unchanged` = `accepted`."""

    feed: str
    received: int
    accepted: int
    applied: int
    unchanged: int
    rejected: list[RejectPublic]


class ChangePublic(BaseModel):
    """One composition change of a household (contract §3, /changes)."""

    date: date
    kind: Literal["joined", "left", "born", "died", "married", "divorced"]
    person_id: str
    relation: str
