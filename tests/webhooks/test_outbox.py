"""The transactional outbox: a message exists exactly when the change it reports committed."""

import json
from datetime import date, datetime, timedelta

import pytest
from neo4j import ManagedTransaction

from graph.db import Graph
from tests.webhooks.helpers import COUNTY, OTHER_VILLAGE, TOWNSHIP, VILLAGE, queue
from webhooks import (
    InvalidWebhook,
    WebhookSettings,
    deactivate,
    dead_letters,
    enqueue,
    get_message,
    prune_delivered,
    register,
    requeue,
)

URL = "https://health.example.gov.cn/hook"


class ReferralFailed(Exception):
    """The referral's own write failed after its message was queued."""


def _count(graph: Graph, label: str) -> int:
    cypher = f"MATCH (n:{label}) RETURN count(n) AS n"
    return int(graph.driver.execute_query(cypher, database_="neo4j").records[0]["n"])


def test_a_message_commits_with_the_change_it_reports(graph: Graph, start: datetime) -> None:
    register(graph, "health", COUNTY, URL)

    def refer(tx: ManagedTransaction) -> str | None:
        tx.run("CREATE (:ReferralProbe {referral_id: 'R1'})").consume()
        return enqueue(tx, "referral.sent", "health", VILLAGE, {"referral_id": "R1"}, now=start)

    message_id = graph.execute_write(refer)
    assert message_id is not None
    message = get_message(graph, message_id)
    assert message is not None
    assert (message.status, message.attempts, message.topic) == ("pending", 0, "referral.sent")
    assert message.next_attempt_at == message.created_at == start  # due at once
    assert _count(graph, "ReferralProbe") == 1


def test_a_transaction_that_fails_after_enqueue_leaves_no_message(graph: Graph) -> None:
    register(graph, "health", COUNTY, URL)
    queued: list[str | None] = []

    def refer(tx: ManagedTransaction) -> None:
        tx.run("CREATE (:ReferralProbe {referral_id: 'R1'})").consume()
        queued.append(enqueue(tx, "referral.sent", "health", VILLAGE, {"referral_id": "R1"}))
        raise ReferralFailed("the referral's own write failed")

    with pytest.raises(ReferralFailed):
        graph.execute_write(refer)
    assert queued[0] is not None  # it was queued, inside the transaction
    assert get_message(graph, queued[0]) is None
    assert _count(graph, "OutboxMessage") == 0
    assert _count(graph, "ReferralProbe") == 0


def test_the_body_is_an_envelope_fixed_at_enqueue(graph: Graph, start: datetime) -> None:
    register(graph, "health", COUNTY, URL)
    data = {"referral_id": "R1", "need": "大病医疗", "sent_on": date(2026, 11, 2)}
    message_id = queue(graph, start, data, region="440103")  # 6 digits are padded (I2)
    message = get_message(graph, message_id)
    assert message is not None
    assert message.region == "440103000000"
    assert json.loads(message.body_json) == {
        "message_id": message_id,
        "topic": "referral.sent",
        "department": "health",
        "region": "440103000000",
        "created_at": start.isoformat(),
        "data": {"referral_id": "R1", "need": "大病医疗", "sent_on": "2026-11-02"},
    }
    assert "大病医疗" in message.body_json  # UTF-8 kept, not \\u escapes


def test_the_most_specific_active_webhook_of_the_department_gets_it(graph: Graph) -> None:
    county = register(graph, "health", COUNTY, URL).webhook
    township = register(graph, "health", TOWNSHIP, URL + "/township").webhook
    register(graph, "education", VILLAGE, URL + "/education")
    now = datetime.now().astimezone()
    in_township = get_message(graph, queue(graph, now, region=VILLAGE))
    in_county = get_message(graph, queue(graph, now, region="440103002001"))
    assert in_township is not None
    assert in_county is not None
    assert (in_township.webhook_id, in_county.webhook_id) == (
        township.webhook_id,
        county.webhook_id,
    )
    deactivate(graph, township.webhook_id)
    after = get_message(graph, queue(graph, now, region=VILLAGE))
    assert after is not None
    assert after.webhook_id == county.webhook_id


def test_without_a_covering_webhook_nothing_is_queued(graph: Graph) -> None:
    register(graph, "health", COUNTY, URL)
    register(graph, "education", COUNTY, URL)

    def refer(tx: ManagedTransaction) -> list[str | None]:
        return [
            enqueue(tx, "referral.sent", "health", OTHER_VILLAGE, {}),  # another county
            enqueue(tx, "referral.sent", "housing", VILLAGE, {}),  # no housing webhook
        ]

    assert graph.execute_write(refer) == [None, None]
    assert _count(graph, "OutboxMessage") == 0


@pytest.mark.parametrize(
    ("topic", "department", "region", "body", "why"),
    [
        ("Referral Sent", "health", VILLAGE, {}, "topic"),
        ("referral.", "health", VILLAGE, {}, "topic"),
        ("r" * 65, "health", VILLAGE, {}, "topic"),
        ("referral.sent", "public_security", VILLAGE, {}, "P11"),
        ("referral.sent", "health", "44010300100", {}, "6 or 12 digits"),
        ("referral.sent", "health", VILLAGE, {"x": float("nan")}, "not JSON"),
        ("referral.sent", "health", VILLAGE, {"x": {1, 2}}, "not JSON"),
        ("referral.sent", "health", VILLAGE, {"x": "y" * 70_000}, "over 65536 bytes"),
    ],
)
def test_a_bad_message_is_refused_before_anything_is_written(
    graph: Graph, topic: str, department: str, region: str, body: dict[str, object], why: str
) -> None:
    register(graph, "health", COUNTY, URL)
    with pytest.raises(InvalidWebhook, match=why):
        graph.execute_write(lambda tx: enqueue(tx, topic, department, region, body))
    assert _count(graph, "OutboxMessage") == 0


def test_the_body_limit_is_a_setting(graph: Graph) -> None:
    register(graph, "health", COUNTY, URL)
    small = WebhookSettings(_env_file=None, max_body_bytes=1024)  # type: ignore[call-arg]
    body = {"x": "y" * 1000}
    with pytest.raises(InvalidWebhook, match="over 1024 bytes"):
        graph.execute_write(
            lambda tx: enqueue(tx, "referral.sent", "health", VILLAGE, body, settings=small)
        )


def _kill(graph: Graph, message_id: str, at: datetime) -> None:
    """Mark a message dead as the delivery does after its last try (test_delivery drives the
    real path; this one looks at the list and requeue alone)."""
    graph.driver.execute_query(
        "MATCH (m:OutboxMessage {message_id: $id}) "
        "SET m.status = 'dead', m.dead_at = $at, m.attempts = 8, m.last_error = 'HTTP 500'",
        {"id": message_id, "at": at},
        database_="neo4j",
    )


def test_the_dead_letter_list_and_requeue(graph: Graph, start: datetime) -> None:
    register(graph, "health", COUNTY, URL)
    register(graph, "education", COUNTY, URL)
    first, second = queue(graph, start), queue(graph, start, department="education")
    alive = queue(graph, start)
    _kill(graph, second, start + timedelta(hours=2))
    _kill(graph, first, start + timedelta(hours=1))
    dead = dead_letters(graph)
    assert [d.message_id for d in dead] == [first, second]  # the oldest death first
    assert (dead[0].attempts, dead[0].last_error) == (8, "HTTP 500")
    assert [d.message_id for d in dead_letters(graph, "education")] == [second]
    assert not requeue(graph, alive)  # pending: left as it is
    later = start + timedelta(days=1)
    assert requeue(graph.acting_as("operator"), first, later)
    again = get_message(graph, first)
    assert again is not None
    assert (again.status, again.attempts, again.next_attempt_at, again.dead_at) == (
        "pending",
        0,
        later,
        None,
    )
    assert [d.message_id for d in dead_letters(graph)] == [second]
    with pytest.raises(InvalidWebhook, match="P11"):
        dead_letters(graph, "nobody")


def test_pruning_deletes_only_messages_delivered_before_the_date(
    graph: Graph, start: datetime
) -> None:
    register(graph, "health", COUNTY, URL)
    old, recent, pending = (queue(graph, start) for _ in range(3))
    for message_id, delivered in ((old, start - timedelta(days=40)), (recent, start)):
        graph.driver.execute_query(
            "MATCH (m:OutboxMessage {message_id: $id}) "
            "SET m.status = 'delivered', m.delivered_at = $at",
            {"id": message_id, "at": delivered},
            database_="neo4j",
        )
    assert prune_delivered(graph, start - timedelta(days=30)) == 1
    assert get_message(graph, old) is None
    assert get_message(graph, recent) is not None
    assert get_message(graph, pending) is not None
    assert prune_delivered(graph, start - timedelta(days=30)) == 0
