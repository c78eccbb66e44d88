"""The delivery loop: it delivers, drains a backlog without waiting, outlives a failed round,
and stops when told."""

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest
from neo4j import GraphDatabase

from graph.db import Graph
from tests.helpers import free_port
from tests.webhooks.helpers import queue, register_receiver
from tests.webhooks.receiver import MakeReceiver, Receiver
from webhooks import LoopSummary, WebhookSettings, run_delivery


def _until(condition: Callable[[], bool], timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "the loop did not get there in time"
        time.sleep(0.02)


class Loop:
    """`run_delivery` in a thread; `stop()` sets its event and returns its summary."""

    def __init__(
        self,
        graph: Graph,
        interval: float,
        settings: WebhookSettings,
        client: httpx.Client | None = None,
    ) -> None:
        self.event = threading.Event()
        self.summaries: list[LoopSummary] = []

        def run() -> None:
            summary = run_delivery(graph, self.event, interval, settings=settings, client=client)
            self.summaries.append(summary)

        self.thread = threading.Thread(target=run, name="delivery-loop")
        self.thread.start()

    def stop(self) -> LoopSummary:
        self.event.set()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive(), "the loop did not stop"
        (summary,) = self.summaries
        return summary


def _delivered(receiver: Receiver, count: int) -> Callable[[], bool]:
    return lambda: len(receiver.processed) >= count


def test_the_loop_delivers_what_is_queued_and_stops_when_told(
    graph: Graph,
    make_receiver: MakeReceiver,
    client: httpx.Client,
    hook_settings: WebhookSettings,
) -> None:
    receiver = make_receiver()
    register_receiver(graph, receiver)
    loop = Loop(graph, 0.05, hook_settings, client)
    message_id = queue(graph, datetime.now(UTC))  # queued while the loop runs
    _until(_delivered(receiver, 1))
    summary = loop.stop()
    assert receiver.processed == [message_id]
    assert summary.delivered == 1
    assert summary.rounds >= 1
    assert summary.failed_rounds == 0
    assert not client.is_closed  # a client it was given stays open


def test_a_full_batch_is_followed_at_once_by_the_next_round(
    graph: Graph, make_receiver: MakeReceiver
) -> None:
    """Five messages, batches of two, an hour between quiet rounds: all five arrive at once,
    since only a round that left nothing waiting is followed by the pause."""
    receiver = make_receiver()
    register_receiver(graph, receiver)
    queued = {queue(graph, datetime.now(UTC)) for _ in range(5)}
    settings = WebhookSettings(_env_file=None, timeout_s=0.3, batch_size=2)  # type: ignore[call-arg]
    loop = Loop(graph, 3600.0, settings)  # and an HTTP client of its own
    _until(_delivered(receiver, 5))
    summary = loop.stop()  # stopping cuts the hour's pause short
    assert set(receiver.processed) == queued
    assert (summary.rounds, summary.delivered) == (3, 5)


def test_a_failed_round_is_logged_and_the_loop_goes_on(
    caplog: pytest.LogCaptureFixture, hook_settings: WebhookSettings
) -> None:
    unreachable = GraphDatabase.driver(
        f"bolt://127.0.0.1:{free_port()}", connection_timeout=0.2, max_transaction_retry_time=0
    )
    with unreachable, caplog.at_level(logging.WARNING, logger="hhgraph.webhooks"):
        loop = Loop(Graph(unreachable), 0.01, hook_settings)
        _until(lambda: len(caplog.records) >= 3)
        summary = loop.stop()
    assert summary.failed_rounds >= 3
    assert summary.failed_rounds == summary.rounds
    assert "webhook delivery round failed" in caplog.records[0].getMessage()
