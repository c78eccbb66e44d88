"""Delivery of the outbox: claim the due messages, POST each signed, record what happened.

Delivery is at least once: a message is sent until a receiver answers 2xx, and an answer lost
on the way (a receiver that processed it, then answered after our timeout) means it is sent
again. The receiver deduplicates on `X-Hhgraph-Message-Id`. Within one round no message is sent
twice: a claim leases its messages in a write transaction that holds their locks
(cypher/webhooks/claim_lock.cypher), so a second worker running at the same time takes others.

`now` is the scheduler's clock: it decides what is due and when the next try is. The
signature's timestamp is the wall clock at sending, since the receiver compares it with its
own. Tests pass a fake `now` to step through the backoff without sleeping.
"""

import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
from neo4j import ManagedTransaction, Transaction

from cypher import query
from graph.db import Graph
from webhooks.destination import Network, check_destination
from webhooks.errors import InvalidWebhook
from webhooks.records import aware
from webhooks.settings import WebhookSettings, get_webhook_settings
from webhooks.signing import request_headers

RECORD_DELIVERED = query("webhooks/record_delivered")
RECORD_FAILED = query("webhooks/record_failed")
CLAIM_LOCK = query("webhooks/claim_lock")
CLAIM_LEASE = query("webhooks/claim_lease")

MAX_ERROR_LENGTH = 300
_jitter = random.SystemRandom()


def backoff_s(attempts: int, settings: WebhookSettings, rng: random.Random = _jitter) -> float:
    """Seconds to wait after the `attempts`-th failed try: the base doubled after each try,
    at most the cap, less a random part of up to `jitter` of it (so the messages of a receiver
    that was down come back spread out, not at one instant)."""
    exponent = min(attempts - 1, 62)  # 2**62 seconds is past any cap; no float overflow
    wait = min(settings.backoff_cap_s, settings.backoff_base_s * 2.0**exponent)
    return wait * (1.0 - settings.jitter * rng.random())


@dataclass(frozen=True, slots=True)
class Claimed:
    """A message leased to this worker, with what it takes to send it."""

    message_id: str
    webhook_id: str
    url: str
    secret: str = field(repr=False)  # never in a log line
    body_json: str
    attempts: int


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one POST gave: `ok` for a 2xx, else the error (status, timeout, connection)."""

    ok: bool
    http_status: int | None
    error: str | None


@dataclass(slots=True)
class DeliveryReport:
    """The message ids of one round, by what became of them."""

    claimed: list[str] = field(default_factory=list)
    delivered: list[str] = field(default_factory=list)
    retrying: list[str] = field(default_factory=list)
    dead: list[str] = field(default_factory=list)
    lost_lease: list[str] = field(default_factory=list)


def claim_in(
    tx: ManagedTransaction | Transaction,
    graph: Graph,
    now: datetime,
    token: str,
    limit: int,
    lease_until: datetime,
) -> list[Claimed]:
    """Lease up to `limit` due messages to `token` in `tx`: lock them, then read them again
    under the locks and lease those still free (see claim_lock.cypher: why two statements)."""
    locked = tx.run(CLAIM_LOCK.text, now=now, limit=limit).data()
    if not locked:
        return []
    params = {
        "message_ids": [row["message_id"] for row in locked],
        "now": now,
        "token": token,
        "lease_until": lease_until,
    }
    rows = tx.run(CLAIM_LEASE.text, params).data()
    return [Claimed(**row) for row in rows]


def claim(graph: Graph, now: datetime, token: str, settings: WebhookSettings) -> list[Claimed]:
    """Lease up to a batch of due messages to `token`, in one write transaction."""
    lease_until = now + timedelta(seconds=settings.lease_s)

    def work(tx: ManagedTransaction) -> list[Claimed]:
        return claim_in(tx, graph, now, token, settings.batch_size, lease_until)

    return graph.execute_write(work)


def post(
    client: httpx.Client, message: Claimed, timeout_s: float, networks: tuple[Network, ...] = ()
) -> Attempt:
    """POST the message's body, signed, to its webhook. Only the status is read: a receiver's
    answer body is never loaded (it could be of any size), and redirects are not followed (a
    3xx is a failure: a receiver moves by registering its new URL). A host that names a
    non-public address outside `networks` is not contacted at all (webhooks.destination: a
    name may resolve elsewhere than when it was registered); that is a failed try."""
    try:
        check_destination(message.url, networks)
    except InvalidWebhook as exc:
        return Attempt(False, None, f"refused: {exc}"[:MAX_ERROR_LENGTH])
    body = message.body_json.encode("utf-8")
    headers = request_headers(message.secret, message.message_id, body, int(time.time()))
    try:
        with client.stream(
            "POST",
            message.url,
            content=body,
            headers=headers,
            timeout=timeout_s,
            follow_redirects=False,
        ) as response:
            status = response.status_code
    except httpx.TimeoutException as exc:
        return Attempt(False, None, f"timeout after {timeout_s:g} s ({type(exc).__name__})")
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return Attempt(False, None, f"{type(exc).__name__}: {exc}"[:MAX_ERROR_LENGTH])
    if 200 <= status < 300:
        return Attempt(True, status, None)
    return Attempt(False, status, f"HTTP {status}")


def record(
    graph: Graph,
    message: Claimed,
    token: str,
    attempt: Attempt,
    now: datetime,
    settings: WebhookSettings,
    rng: random.Random,
) -> str:
    """Write an attempt's outcome; returns 'delivered', 'pending' (retrying), 'dead' or
    'lost_lease' (another worker holds the message now and records its own outcome)."""
    if attempt.ok:
        params = {"message_id": message.message_id, "now": now, "http_status": attempt.http_status}
        rows = graph.write(RECORD_DELIVERED, params)
        return "delivered" if rows else "lost_lease"
    attempts = message.attempts + 1
    dead = attempts >= settings.max_attempts
    wait_s = 0.0 if dead else backoff_s(attempts, settings, rng)
    params = {
        "message_id": message.message_id,
        "token": token,
        "attempts": attempts,
        "status": "dead" if dead else "pending",
        "next_attempt_at": now + timedelta(seconds=wait_s),
        "error": attempt.error,
        "http_status": attempt.http_status,
        "now": now,
    }
    rows = graph.write(RECORD_FAILED, params)
    return str(rows[0]["status"]) if rows else "lost_lease"


def deliver_due(
    graph: Graph,
    now: datetime,
    client: httpx.Client,
    settings: WebhookSettings | None = None,
    rng: random.Random = _jitter,
) -> DeliveryReport:
    """One delivery round: claim up to a batch of messages due at `now`, POST each once (the
    settings' timeout), and record each outcome: 2xx delivered, anything else retried after
    the backoff, dead after the last allowed attempt. Safe to run in several workers at once.

    A worker that dies mid-round leaves its unsent messages leased: another takes them when
    the lease ends (`HHGRAPH_WEBHOOK_LEASE_S`); one it sent but did not record is sent again
    (at least once)."""
    settings = settings or get_webhook_settings()
    token = str(uuid.uuid4())
    report = DeliveryReport()
    for message in claim(graph, aware(now), token, settings):
        report.claimed.append(message.message_id)
        attempt = post(client, message, settings.timeout_s, settings.allowed_networks)
        outcome = record(graph, message, token, attempt, now, settings, rng)
        bucket = {"delivered": report.delivered, "pending": report.retrying, "dead": report.dead}
        bucket.get(outcome, report.lost_lease).append(message.message_id)
    return report
