"""Settings, from the environment (and a `.env` file), validated once.

Neo4j's own variable names are used for the connection (`NEO4J_URI`, `NEO4J_USER`,
`NEO4J_PASSWORD`, `NEO4J_DATABASE`), as the contract requires; everything else is `HHGRAPH_*`.
"""

import os
import secrets
import warnings
from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.errors import ConfigError

MIN_SECRET_LENGTH = 32
PLACEHOLDER_SECRETS = {"changethis", "changeme", "secret", "password", "hhgraph"}


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
    # Issue 14 item 9: with the driver's defaults (30 s connection timeout, 30 s of retries,
    # 60 s to wait for a pooled connection) a request waited up to a minute for a server that
    # was down. These bound the wait; the API retries for less than the CLI (a person waits).
    connect_timeout_s: float = Field(
        default=3.0, gt=0, description="TCP connect and Bolt handshake with Neo4j."
    )
    acquire_timeout_s: float = Field(
        default=5.0, gt=0, description="Longest wait for a pooled connection."
    )
    api_retry_s: float = Field(
        default=3.0, ge=0, description="The API's retries of a transaction Neo4j did not answer."
    )
    unavailable_pause_s: float = Field(
        default=2.0,
        ge=0,
        description="After Neo4j did not answer, the API answers 503 at once for this long.",
    )
    retry_after_s: int = Field(default=5, ge=1, description="Retry-After of a 503.")

    data_dir: Path = Field(default=Path(".data/neo4j"), description="Local server home.")
    bolt_port: int = Field(default=7687, ge=1, le=65535)
    heap_mb: int = Field(default=1024, ge=256, description="Local server JVM -Xms/-Xmx.")
    pagecache_mb: int = Field(default=512, ge=16)
    server_tx_timeout_s: int = Field(
        default=120, ge=1, description="Server-side cap on any transaction of the local server."
    )
    start_timeout_s: float = Field(default=180.0, gt=0)

    secret: SecretStr | None = Field(
        default=None, description="HHGRAPH_SECRET: HS256 key of bearer tokens, 32+ characters."
    )
    token_max_minutes: int = Field(
        default=24 * 60,
        ge=1,
        description="Longest lifetime (exp - iat) of a token the API accepts (issue 14 item 15).",
    )
    bad_token_limit: int = Field(
        default=20, ge=1, description="Bad tokens per client address within the window."
    )
    bad_token_window_s: float = Field(default=60.0, gt=0)
    dev_mode: bool = Field(
        default=False, description="HHGRAPH_DEV_MODE: allow a missing secret (never in production)."
    )
    api_docs: bool = Field(
        default=False,
        description="HHGRAPH_API_DOCS: serve /docs, /redoc and /openapi.json (on in dev mode).",
    )
    header_timeout_s: float = Field(
        default=10.0, gt=0, description="Time for a request's headers to arrive (serve)."
    )
    body_timeout_s: float = Field(
        default=120.0, gt=0, description="Time for a request's whole body to arrive."
    )
    max_json_body_bytes: int = Field(
        default=1_000_000, ge=1024, description="Cap on a JSON body other than an ingest feed."
    )
    max_body_bytes: int = Field(default=50_000_000, ge=1024, description="Ingest body cap.")
    ingest_max_records: int = Field(
        default=100_000, ge=1, description="Records one ingest request may carry (413 above)."
    )
    ingest_listed_rejects: int = Field(
        default=1_000, ge=0, description="Rejects an ingest response lists; the rest: a file."
    )
    rejects_dir: Path = Field(
        default=Path(".data/rejects"), description="Rejects files of ingest requests."
    )
    audit_dir: Path = Field(default=Path(".data/audit"), description="Daily audit files.")
    audit_key: SecretStr | None = Field(
        default=None,
        description="HHGRAPH_AUDIT_KEY: HMAC key of the audit chain, 32+ characters.",
    )
    batch_size: int = Field(default=5_000, ge=1, le=100_000, description="UNWIND batch size.")
    load_writers: int = Field(
        default=2, ge=1, le=8, description="Batches of one feed written at once (loaders)."
    )
    rescore_allowance_s: float = Field(
        default=300.0,
        ge=1,
        description="A rescoring run whose heartbeat is older than this is interrupted "
        "(its heartbeat comes every fifth of it).",
    )
    small_cell: int = Field(
        default=5,
        ge=1,
        le=100,
        description="Published figures show any count below this as '<N' (RULES S3).",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()


def token_secret(settings: Settings) -> str:
    """The key that signs and checks bearer tokens.

    Refuses a missing, short or placeholder `HHGRAPH_SECRET`. In dev mode only, a missing one
    is replaced by a random key kept in the data directory (`hhgraph-dev-secret`, mode 0600),
    so that `hhgraph token` and `hhgraph serve` on one machine agree, with a loud warning.
    """
    return _key(settings, settings.secret, "HHGRAPH_SECRET", "hhgraph-dev-secret")


def audit_key(settings: Settings) -> str:
    """The HMAC key of the audit chain (issue 14 item 8), refused and generated in dev mode as
    the token secret is (`hhgraph-dev-audit-key`), and never the token secret itself: whoever
    holds only one of the two can neither forge tokens nor rewrite the audit trail."""
    key = _key(settings, settings.audit_key, "HHGRAPH_AUDIT_KEY", "hhgraph-dev-audit-key")
    if settings.secret is not None and key == settings.secret.get_secret_value():
        raise ConfigError("HHGRAPH_AUDIT_KEY must differ from HHGRAPH_SECRET")
    return key


def _key(settings: Settings, given: SecretStr | None, name: str, dev_file: str) -> str:
    value = given.get_secret_value() if given else None
    if value is None and settings.dev_mode:
        warnings.warn(
            f"HHGRAPH_DEV_MODE: no {name}, using a local random key; "
            "never run like this with real data",
            stacklevel=3,
        )
        return _dev_secret(settings.data_dir / dev_file)
    if value is None:
        raise ConfigError(
            f"{name} is not set (32+ random characters; "
            "or HHGRAPH_DEV_MODE=1 on a developer machine)"
        )
    if value.lower() in PLACEHOLDER_SECRETS or len(set(value)) < 8:
        raise ConfigError(f"{name} is a placeholder; use 32+ random characters")
    if len(value) < MIN_SECRET_LENGTH:
        raise ConfigError(
            f"{name} is {len(value)} characters; at least {MIN_SECRET_LENGTH} are needed"
        )
    return value


def _dev_secret(path: Path) -> str:
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
    return path.read_text().strip()
