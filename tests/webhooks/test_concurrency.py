"""Two delivery workers at once never take one message (issue 18): the claim leases messages
in a write transaction that holds their locks, and reads them again under the locks."""

import threading
import time
from datetime import datetime, timedelta

import httpx

from graph.db import Graph
from tests.webhooks.helpers import COUNTY, queue, register_receiver
from tests.webhooks.receiver import MakeReceiver
from webhooks import WebhookSettings, deliver_due, register
from webhooks.delivery import DeliveryReport, claim, claim_in

BLOCKED = "SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS n"


def _wait_until_a_transaction_is_blocked(graph: Graph, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if graph.driver.execute_query(BLOCKED, database_="neo4j").records[0]["n"]:
            return
        time.sleep(0.02)
    raise AssertionError("the second claim never waited for the first one's locks")


def test_a_claim_waits_for_a_concurrent_claim_and_leaves_its_messages(
    graph: Graph, hook_settings: WebhookSettings, start: datetime
) -> None:
    """The first claim holds its transaction open while the second starts: the second, which
    read the messages as free, waits on their locks, then finds them leased and takes none."""
    register(graph, "health", COUNTY, "https://health.example.gov.cn/hook")
    queued = {queue(graph, start) for _ in range(3)}
    lease_until = start + timedelta(seconds=hook_settings.lease_s)
    second: list[list[str]] = []

    def claim_second() -> None:
        second.append([c.message_id for c in claim(graph, start, "second", hook_settings)])

    with graph.driver.session(database="neo4j") as session:
        tx = session.begin_transaction()
        first = claim_in(tx, graph, start, "first", hook_settings.batch_size, lease_until)
        assert {c.message_id for c in first} == queued
        thread = threading.Thread(target=claim_second)
        thread.start()
        _wait_until_a_transaction_is_blocked(graph)
        tx.commit()
        thread.join(timeout=30)
    assert second == [[]]
    leased = graph.driver.execute_query(
        "MATCH (m:OutboxMessage) RETURN collect(DISTINCT m.lease_token) AS tokens",
        database_="neo4j",
    ).records[0]["tokens"]
    assert leased == ["first"]


def test_two_workers_at_once_send_each_message_once(
    graph: Graph,
    make_receiver: MakeReceiver,
    client: httpx.Client,
    start: datetime,
) -> None:
    receiver = make_receiver()
    register_receiver(graph, receiver)
    queued = {queue(graph, start) for _ in range(25)}
    settings = WebhookSettings(_env_file=None, timeout_s=0.3, batch_size=20)  # type: ignore[call-arg]
    barrier = threading.Barrier(2)
    reports: list[DeliveryReport] = []

    def worker() -> None:
        with httpx.Client() as http:
            barrier.wait()
            reports.append(deliver_due(graph, start, http, settings))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    first, second = reports
    assert not set(first.claimed) & set(second.claimed)
    rest = deliver_due(graph, start, client, settings)  # whatever the race left to a third
    claimed = [*first.claimed, *second.claimed, *rest.claimed]
    assert sorted(claimed) == sorted(queued)
    assert sorted(receiver.processed) == sorted(queued)  # each exactly once
    assert [*first.lost_lease, *second.lost_lease] == []
