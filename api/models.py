"""Response and request models: one per direction and role (`HealthPublic`, later `EventIn`)."""

from typing import Literal

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
