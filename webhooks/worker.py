"""The delivery loop: rounds of `deliver_due` until told to stop, for the API's lifespan or a
CLI command to run in a thread (docs/webhooks.md says how to wire it).

A round that found a full batch is followed at once by the next (a backlog drains at the
speed of the receivers); otherwise the loop waits `interval` seconds, or less if it is stopped.
A round that fails (Neo4j away, a bug) is logged and the loop goes on: a message whose outcome
was not recorded is leased, and is sent again when the lease ends.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from graph.db import Graph
from webhooks.delivery import deliver_due
from webhooks.settings import WebhookSettings, get_webhook_settings

log = logging.getLogger("hhgraph.webhooks")


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class LoopSummary:
    """What a delivery loop did until it stopped."""

    rounds: int = 0
    delivered: int = 0
    failed_rounds: int = 0


def run_delivery(
    graph: Graph,
    stop_event: threading.Event,
    interval: float | None = None,
    *,
    settings: WebhookSettings | None = None,
    client: httpx.Client | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> LoopSummary:
    """Deliver due messages round after round until `stop_event` is set; `interval` seconds
    (`HHGRAPH_WEBHOOK_INTERVAL_S` when None) between rounds that left nothing waiting. Uses
    `client`, or an HTTP client of its own that it closes when it stops."""
    settings = settings or get_webhook_settings()
    pause = settings.interval_s if interval is None else interval
    http = client or httpx.Client()
    summary = LoopSummary()
    try:
        while not stop_event.is_set():
            full = _round(graph, http, settings, clock, summary)
            if not full:
                stop_event.wait(pause)
    finally:
        if client is None:
            http.close()
    return summary


def _round(
    graph: Graph,
    client: httpx.Client,
    settings: WebhookSettings,
    clock: Callable[[], datetime],
    summary: LoopSummary,
) -> bool:
    """One round, counted in `summary`; whether it claimed a full batch (more may wait)."""
    summary.rounds += 1
    try:
        report = deliver_due(graph, clock(), client, settings)
    except Exception:  # the loop outlives a bad round; the next one tries again
        summary.failed_rounds += 1
        log.warning("webhook delivery round failed", exc_info=True)
        return False
    summary.delivered += len(report.delivered)
    if report.retrying or report.dead:
        log.info(
            "webhooks: %d delivered, %d to retry, %d dead",
            len(report.delivered),
            len(report.retrying),
            len(report.dead),
        )
    return len(report.claimed) >= settings.batch_size
