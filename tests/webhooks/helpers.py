"""What the webhook tests share: regions, a registered receiver, a queued message, a clock."""

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from graph.db import Graph
from tests.webhooks.receiver import Receiver
from webhooks import Registration, enqueue, get_message, register

COUNTY = "440103000000"
TOWNSHIP = "440103001000"
VILLAGE = "440103001001"
OTHER_VILLAGE = "440104001001"  # another county: no webhook covers it


def register_receiver(
    graph: Graph, receiver: Receiver, department: str = "health", region: str = COUNTY
) -> Registration:
    """`receiver` registered as `department`'s webhook for `region`; it verifies signatures
    with the secret the registration showed."""
    registration = register(graph, department, region, receiver.url)
    receiver.secret = registration.secret
    return registration


def queue(
    graph: Graph,
    now: datetime,
    body: Mapping[str, Any] | None = None,
    department: str = "health",
    region: str = VILLAGE,
    topic: str = "referral.sent",
) -> str:
    """A message queued in a transaction of its own (as a referral's would be)."""
    data = body if body is not None else {"referral_id": "R1", "need": "medical"}
    message_id = graph.execute_write(
        lambda tx: enqueue(tx, topic, department, region, data, now=now)
    )
    assert message_id is not None, "no webhook covers the region"
    return message_id


def due_at(graph: Graph, message_id: str) -> datetime:
    """When the message is due next (the fake clock steps to it)."""
    message = get_message(graph, message_id)
    assert message is not None
    assert message.next_attempt_at is not None
    return message.next_attempt_at


def just_before(moment: datetime) -> datetime:
    return moment - timedelta(milliseconds=1)
