"""What the webhook functions return: plain frozen records, built from query rows.

None of them has a field for a webhook's signing secret: it is shown once, by `register`
(`Registration.secret`), and read back only by the delivery's claim (docs/webhooks.md).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

Status = str  # 'pending', 'delivered' or 'dead' (docs/webhooks.md, the message's states)


def aware(moment: datetime) -> datetime:
    """`moment` if it carries a time zone, else ValueError: a naive time would be stored as a
    LocalDateTime, which Neo4j never finds due against a DateTime, so nothing would ever be
    sent and nothing would say why."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no time zone; pass an aware datetime")
    return moment


def when(value: Any) -> datetime | None:
    """A row's time as a Python `datetime`: the driver gives `neo4j.time.DateTime`; a graph
    layer that converts rows already gives `datetime` (both are taken)."""
    if value is None or isinstance(value, datetime):
        return value
    native: datetime = value.to_native()
    return native


@dataclass(frozen=True, slots=True)
class Webhook:
    """A department's registered receiver for one region (P11's departments)."""

    webhook_id: str
    department: str
    region: str
    url: str
    active: bool
    created_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> "Webhook":
        return cls(
            webhook_id=row["webhook_id"],
            department=row["department"],
            region=row["region"],
            url=row["url"],
            active=bool(row["active"]),
            created_at=when(row["created_at"]),
            updated_at=when(row["updated_at"]),
        )


@dataclass(frozen=True, slots=True)
class Registration:
    """A registration's outcome: the webhook, and its new signing secret, shown this once."""

    webhook: Webhook
    secret: str

    def __repr__(self) -> str:  # a logged registration must not carry the secret
        return f"Registration(webhook={self.webhook!r}, secret='***')"


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """One message of the outbox, as an operator looks at it (no lease bookkeeping)."""

    message_id: str
    topic: str
    department: str
    region: str
    body_json: str
    status: Status
    attempts: int
    created_at: datetime | None
    next_attempt_at: datetime | None
    last_error: str | None
    delivered_at: datetime | None
    dead_at: datetime | None
    webhook_id: str

    @classmethod
    def of(cls, row: dict[str, Any]) -> "OutboxMessage":
        return cls(
            message_id=row["message_id"],
            topic=row["topic"],
            department=row["department"],
            region=row["region"],
            body_json=row["body_json"],
            status=row["status"],
            attempts=int(row["attempts"]),
            created_at=when(row["created_at"]),
            next_attempt_at=when(row["next_attempt_at"]),
            last_error=row["last_error"],
            delivered_at=when(row["delivered_at"]),
            dead_at=when(row["dead_at"]),
            webhook_id=row["webhook_id"],
        )


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A message of the dead-letter list: what failed, where and why, without its body (the
    list is an operator's view; the body may name persons)."""

    message_id: str
    topic: str
    department: str
    region: str
    attempts: int
    last_error: str | None
    created_at: datetime | None
    dead_at: datetime | None
    webhook_id: str

    @classmethod
    def of(cls, row: dict[str, Any]) -> "DeadLetter":
        return cls(
            message_id=row["message_id"],
            topic=row["topic"],
            department=row["department"],
            region=row["region"],
            attempts=int(row["attempts"]),
            last_error=row["last_error"],
            created_at=when(row["created_at"]),
            dead_at=when(row["dead_at"]),
            webhook_id=row["webhook_id"],
        )
