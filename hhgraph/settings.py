"""Settings, from the environment (and a `.env` file), validated once.

Neo4j's own variable names are used for the connection (`NEO4J_URI`, `NEO4J_USER`,
`NEO4J_PASSWORD`, `NEO4J_DATABASE`), as the contract requires; everything else is `HHGRAPH_*`.
"""

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """The whole configuration of a household-graph process."""

    model_config = SettingsConfigDict(
        env_prefix="HHGRAPH_", env_file=".env", extra="ignore", frozen=True
    )

    neo4j_uri: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_URI"),
        description="Any Bolt server; unset means the local server of `hhgraph db start`.",
    )
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER"))
    neo4j_password: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("NEO4J_PASSWORD")
    )
    neo4j_database: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE"))
    query_timeout_s: float = Field(
        default=30.0, gt=0, description="Client-side timeout of every transaction."
    )

    data_dir: Path = Field(default=Path(".data/neo4j"), description="Local server home.")
    bolt_port: int = Field(default=7687, ge=1, le=65535)
    heap_mb: int = Field(default=1024, ge=256, description="Local server JVM -Xms/-Xmx.")
    pagecache_mb: int = Field(default=512, ge=16)
    server_tx_timeout_s: int = Field(
        default=120, ge=1, description="Server-side cap on any transaction of the local server."
    )
    start_timeout_s: float = Field(default=180.0, gt=0)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
