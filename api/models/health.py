"""`GET /health` (CONTRACT §3)."""

from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["HealthPublic", "Neo4jPublic"]


class Neo4jPublic(BaseModel):
    """The Neo4j server answering, as it reports itself."""

    model_config = ConfigDict(extra="forbid")

    version: str
    edition: str


class HealthPublic(BaseModel):
    """`GET /health` (contract §3): `neo4j` only for a caller with a valid token."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["ok"]
    neo4j: Neo4jPublic | None = None
