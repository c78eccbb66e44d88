"""`POST /v1/ingest/{feed}` (CONTRACT §2–§3): what was loaded and every reject."""

from typing import Any

from pydantic import BaseModel

__all__ = ["FieldErrorPublic", "IngestPublic", "RejectPublic"]


class FieldErrorPublic(BaseModel):
    field: str
    message: str


class RejectPublic(BaseModel):
    """A record that was not applied: its index in the body, its key, every field error."""

    index: int
    key: dict[str, Any]
    errors: list[FieldErrorPublic]


class IngestPublic(BaseModel):
    """`POST /v1/ingest/{feed}` (contract §3); `applied` + `unchanged` = `accepted`,
    `accepted` + `rejected_count` = `received`. `rejected` lists the first rejects (by
    index); when it cannot list them all, `rejects_truncated` is true and every reject is in
    the file `rejects_file` (`GET /v1/ingest/rejects/{rejects_file}`)."""

    feed: str
    received: int
    accepted: int
    applied: int
    unchanged: int
    rejected: list[RejectPublic]
    rejected_count: int
    rejects_truncated: bool
    rejects_file: str | None
