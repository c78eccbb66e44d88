"""Delivery against real local receivers that fail, hang and answer twice (issue 18).

The clock is fake: each round runs at the `now` a test passes, stepped to the message's next
due time, so the backoff is walked through without sleeping. Issue 18 is done when a receiver
that fails three times has the message exactly once (by id) after it recovers, and one that
never recovers leaves it in the dead-letter list.
"""

import json
from datetime import datetime, timedelta

import httpx
import pytest

from graph.db import Graph
from tests.helpers import free_port
from tests.webhooks.helpers import COUNTY, due_at, just_before, queue, register_receiver
from tests.webhooks.receiver import MakeReceiver
from webhooks import (
    WebhookSettings,
    deactivate,
    dead_letters,
    deliver_due,
    get_message,
    register,
    requeue,
)
from webhooks.signing import MESSAGE_ID


def test_fails_three_times_then_has_the_message_exactly_once(
    graph: Graph,
    make_receiver: MakeReceiver,
    client: httpx.Client,
    hook_settings: WebhookSettings,
    start: datetime,
) -> None:
    receiver = make_receiver(script=["fail", "fail", "fail"])
    register_receiver(graph, receiver)
    message_id = queue(graph, start)
    now, waits = start, []
    for _ in range(3):
        report = deliver_due(graph, now, client, hook_settings)
        assert report.retrying == [message_id]
        due = due_at(graph, message_id)
        waits.append((due - now).total_seconds())
        # Not due a moment before its time: the backoff holds it back.
        assert deliver_due(graph, just_before(due), client, hook_settings).claimed == []
        now = due
    assert deliver_due(graph, now, client, hook_settings).delivered == [message_id]
    # 60, 120, 240 s, each less at most a fifth (the jitter).
    for wait, full in zip(waits, (60, 120, 240), strict=True):
        assert full * 0.8 <= wait <= full
    assert receiver.actions() == ["fail", "fail", "fail", "ok"]
    assert list(receiver.unique) == [message_id]
    assert receiver.processed == [message_id]
    message = get_message(graph, message_id)
    assert message is not None
    assert (message.status, message.attempts, message.delivered_at) == ("delivered", 4, now)
    assert message.last_error is None
    assert deliver_due(graph, now + timedelta(days=1), client, hook_settings).claimed == []


def test_never_recovering_lands_in_the_dead_letter_list(
    graph: Graph,
    make_receiver: MakeReceiver,
    client: httpx.Client,
    hook_settings: WebhookSettings,
    start: datetime,
) -> None:
    receiver = make_receiver(default="fail")
    register_receiver(graph, receiver)
    message_id = queue(graph, start)
    now = start
    for attempt in range(1, 9):
        report = deliver_due(graph, now, client, hook_settings)
        assert (report.dead if attempt == 8 else report.retrying) == [message_id]
        now = due_at(graph, message_id)
    (dead,) = dead_letters(graph)
    assert (dead.message_id, dead.attempts, dead.last_error) == (message_id, 8, "HTTP 500")
    assert len(receiver.requests) == 8
    assert receiver.unique == {}
    assert deliver_due(graph, now + timedelta(days=30), client, hook_settings).claimed == []
    # An operator requeues it once the receiver is mended: it is delivered, and the list empties.
    receiver.default = "ok"
    later = now + timedelta(days=30)
    assert requeue(graph, message_id, later)
    assert deliver_due(graph, later, client, hook_settings).delivered == [message_id]
    assert dead_letters(graph) == []
    assert list(receiver.unique) == [message_id]


def test_a_receiver_that_hangs_past_the_timeout_counts_as_a_failed_try(
    graph: Graph,
    make_receiver: MakeReceiver,
    client: httpx.Client,
    hook_settings: WebhookSettings,
    start: datetime,
) -> None:
    receiver = make_receiver(script=["hang"])
    register_receiver(graph, receiver)
    message_id = queue(graph, start)
    report = deliver_due(graph, start, client, hook_settings)
    assert report.retrying == [message_id]
    message = get_message(graph, message_id)
    assert message is not None
    assert message.attempts == 1
    assert message.last_error is not None
    assert message.last_error.startswith("timeout after 0.3 s")
    assert receiver.processed == []
    assert deliver_due(graph, due_at(graph, message_id), client, hook_settings).delivered == [
        message_id
    ]
    assert receiver.processed == [message_id]


def test_a_lost_ack_sends_it_again_and_the_receiver_keeps_it_once(
    graph: Graph,
    make_receiver: MakeReceiver,
    client: httpx.Client,
    hook_settings: WebhookSettings,
    start: datetime,
) -> None:
    """The receiver processes the message, then answers 200 after the client gave up: at
    least once means it comes again, and the receiver answers 200 twice."""
    receiver = make_receiver(script=["slow_ack"])
    register_receiver(graph, receiver)
    message_id = queue(graph, start)
    assert deliver_due(graph, start, client, hook_settings).retrying == [message_id]
    assert deliver_due(graph, due_at(graph, message_id), client, hook_settings).delivered == [
        message_id
    ]
    assert receiver.actions() == ["slow_ack", "ok"]  # both answered 200
    assert receiver.processed == [message_id, message_id]
    assert list(receiver.unique) == [message_id]  # deduplicated by message id
    first, second = (r.body for r in receiver.requests)
    assert first == second  # the same bytes, each time freshly signed
    assert {r.headers[MESSAGE_ID] for r in receiver.requests} == {message_id}


def test_the_request_is_signed_with_the_current_secret(
    graph: Graph,
    make_receiver: MakeReceiver,
    client: httpx.Client,
    hook_settings: WebhookSettings,
    start: datetime,
) -> None:
    receiver = make_receiver()
    registration = register_receiver(graph, receiver)
    message_id = queue(graph, start)
    receiver.secret = "not-the-registered-secret"
    assert deliver_due(graph, start, client, hook_settings).retrying == [message_id]
    message = get_message(graph, message_id)
    assert message is not None
    assert message.last_error == "HTTP 401"
    # Registering again gives a new secret; the message still pending is signed with it.
    again = register(graph, "health", registration.webhook.region, receiver.url)
    receiver.secret = again.secret
    assert deliver_due(graph, due_at(graph, message_id), client, hook_settings).delivered == [
        message_id
    ]
    (accepted,) = receiver.unique.values()
    assert json.loads(accepted)["message_id"] == message_id


def test_a_redirect_is_a_failure_not_followed(
    graph: Graph,
    make_receiver: MakeReceiver,
    client: httpx.Client,
    hook_settings: WebhookSettings,
    start: datetime,
) -> None:
    """A receiver moves by registering its new URL: a signed body is never carried to a
    place the department did not register."""
    receiver = make_receiver(script=["redirect"])
    register_receiver(graph, receiver)
    message_id = queue(graph, start)
    assert deliver_due(graph, start, client, hook_settings).retrying == [message_id]
    message = get_message(graph, message_id)
    assert message is not None
    assert message.last_error == "HTTP 307"
    assert receiver.actions() == ["redirect"]  # not followed to the Location


def test_an_unreachable_receiver_is_a_failure(
    graph: Graph, client: httpx.Client, hook_settings: WebhookSettings, start: datetime
) -> None:
    register(graph, "health", COUNTY, f"http://127.0.0.1:{free_port()}/hook")  # nobody there
    message_id = queue(graph, start)
    assert deliver_due(graph, start, client, hook_settings).retrying == [message_id]
    message = get_message(graph, message_id)
    assert message is not None
    assert message.last_error is not None
    assert message.last_error.startswith("ConnectError")


def test_a_stopped_webhook_keeps_its_messages_until_it_registers_again(
    graph: Graph,
    make_receiver: MakeReceiver,
    client: httpx.Client,
    hook_settings: WebhookSettings,
    start: datetime,
) -> None:
    receiver = make_receiver()
    registration = register_receiver(graph, receiver)
    message_id = queue(graph, start)
    deactivate(graph, registration.webhook.webhook_id)
    assert deliver_due(graph, start, client, hook_settings).claimed == []
    receiver.secret = register(graph, "health", registration.webhook.region, receiver.url).secret
    assert deliver_due(graph, start, client, hook_settings).delivered == [message_id]


def test_a_time_without_a_zone_is_refused(
    graph: Graph, client: httpx.Client, hook_settings: WebhookSettings, start: datetime
) -> None:
    """Stored, a naive time is a LocalDateTime that no DateTime comparison finds due: the
    message would wait for ever, silently."""
    with pytest.raises(ValueError, match="no time zone"):
        deliver_due(graph, start.replace(tzinfo=None), client, hook_settings)
    with pytest.raises(ValueError, match="no time zone"):
        queue(graph, start.replace(tzinfo=None))
