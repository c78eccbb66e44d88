"""The transactional outbox: a message per referral change, written in the change's own
transaction, and the operator's view of it (one message, the dead-letter list, requeue, prune).

`enqueue` takes the caller's transaction, not a `Graph`: the message then exists exactly when
the change it reports was committed, never for a change rolled back, and a change is never
committed without its message (the outbox pattern; docs/webhooks.md). A managed transaction that
is retried runs `enqueue` again with a new message id, in a transaction of its own: the rolled-
back try left nothing behind, so nothing is sent twice for one change.

The posted body is fixed at enqueue time: an envelope of the message id, topic, department,
region and creation time around the caller's `data`, serialised once, so that every attempt
sends the same bytes (a receiver may compare them) under a fresh signature.
"""

import json
import re
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from neo4j import ManagedTransaction, Transaction

from cypher import query
from graph.db import Graph
from webhooks.errors import InvalidWebhook
from webhooks.records import DeadLetter, OutboxMessage, aware
from webhooks.registry import check_department, check_region
from webhooks.settings import WebhookSettings, get_webhook_settings

# Loaded when this module is imported: enqueue runs inside a caller's transaction function,
# which holds a transaction, not a Graph.
ENQUEUE = query("webhooks/enqueue")
MESSAGE = query("webhooks/message")
DEAD_LETTERS = query("webhooks/dead_letters")
REQUEUE = query("webhooks/requeue")
PRUNE_DELIVERED = query("webhooks/prune_delivered")
# Topics name what happened, dotted lower-case words: `referral.sent`, `referral.outcome`.
TOPIC = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")
MAX_TOPIC_LENGTH = 64
DEAD_LETTER_PAGE = 100
Tx = ManagedTransaction | Transaction


def check_topic(topic: str) -> str:
    """`topic` if it is dotted lower-case words of at most 64 characters, else
    `InvalidWebhook`: receivers route on it, so it is a name, never free text."""
    if len(topic) > MAX_TOPIC_LENGTH or not TOPIC.fullmatch(topic):
        raise InvalidWebhook(f"topic {topic!r} is not dotted lower-case words (64 at most)")
    return topic


def _json_value(value: object) -> str:
    """Dates and times become ISO 8601 text; anything else JSON has no value for is refused."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def envelope_json(
    message_id: str,
    topic: str,
    department: str,
    region: str,
    created_at: datetime,
    data: Mapping[str, Any],
    max_bytes: int,
) -> str:
    """The body every attempt posts: compact JSON with sorted keys, UTF-8 text kept as is
    (no NaN or infinity: not JSON), at most `max_bytes` bytes, else `InvalidWebhook`."""
    envelope = {
        "message_id": message_id,
        "topic": topic,
        "department": department,
        "region": region,
        "created_at": created_at.isoformat(),
        "data": dict(data),
    }
    try:
        text = json.dumps(
            envelope,
            ensure_ascii=False,
            allow_nan=False,
            sort_keys=True,
            separators=(",", ":"),
            default=_json_value,
        )
    except (TypeError, ValueError) as exc:
        raise InvalidWebhook(f"the message body is not JSON: {exc}") from exc
    if len(text.encode("utf-8")) > max_bytes:
        raise InvalidWebhook(f"the message body is over {max_bytes} bytes")
    return text


def enqueue(
    tx: Tx,
    topic: str,
    department: str,
    region: str,
    body: Mapping[str, Any],
    *,
    now: datetime | None = None,
    settings: WebhookSettings | None = None,
) -> str | None:
    """Queue `body` under `topic` for `department`'s webhook covering `region`, in `tx`, the
    transaction of the change it reports; the new message id, or None when no active webhook
    of the department covers the region (nothing is queued: P11's departments without a
    webhook read their referrals).

    Refuses (`InvalidWebhook`) an unknown department (P11), a region code that is not one
    (I2), a topic that is not a name, and a body that is not JSON or is too large: all before
    anything is written."""
    settings = settings or get_webhook_settings()
    code = check_region(region)
    message_id = str(uuid.uuid4())
    created_at = aware(now) if now is not None else datetime.now(UTC)
    params = {
        "message_id": message_id,
        "topic": check_topic(topic),
        "department": check_department(department),
        "region": code,
        "body_json": envelope_json(
            message_id, topic, department, code, created_at, body, settings.max_body_bytes
        ),
        "now": created_at,
    }
    row = tx.run(ENQUEUE.text, params).single()
    return None if row is None else str(row["message_id"])


def get_message(graph: Graph, message_id: str) -> OutboxMessage | None:
    """The outbox message `message_id`, or None."""
    rows = graph.read(MESSAGE, {"message_id": message_id})
    return OutboxMessage.of(rows[0]) if rows else None


def dead_letters(
    graph: Graph,
    department: str | None = None,
    limit: int = DEAD_LETTER_PAGE,
    region_prefix: str | None = None,
) -> list[DeadLetter]:
    """The dead-letter list: messages whose every attempt failed, oldest death first (of
    `department` only, and about a region within `region_prefix` only, when given)."""
    if department is not None:
        check_department(department)
    params = {"department": department, "prefix": region_prefix, "limit": limit}
    rows = graph.read(DEAD_LETTERS, params)
    return [DeadLetter.of(row) for row in rows]


def requeue(graph: Graph, message_id: str, now: datetime | None = None) -> bool:
    """Make the dead message `message_id` pending again, due at `now`, with every attempt
    again; False if it is not dead (a pending or delivered message is left as it is)."""
    when_due = aware(now) if now is not None else datetime.now(UTC)
    params = {"message_id": message_id, "now": when_due, "actor": graph.actor}
    return bool(graph.write(REQUEUE, params))


def prune_delivered(graph: Graph, before: datetime, limit: int = 10_000) -> int:
    """Delete up to `limit` messages delivered before `before`; how many were deleted.
    Pending and dead messages stay."""
    params = {"before": aware(before), "limit": limit}
    (row,) = graph.write(PRUNE_DELIVERED, params)
    return int(row["deleted"])
