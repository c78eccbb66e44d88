"""The webhook routes' service (RULES P11; docs/webhooks.md): who may register, see, stop
and requeue what.

A department officer acts for its own department (the token's `department` claim) within its
region; a county officer for any department within its region. Another department's webhook
or message, or one outside the caller's region, is absent (404), as a referral is.
"""

from datetime import UTC, datetime

from api.models.webhooks import (
    DeadLetterList,
    DeadLetterPublic,
    MessageState,
    WebhookIn,
    WebhookList,
    WebhookPublic,
    WebhookRegistered,
)
from api.security import Officer
from core.errors import InvalidField, NotFound
from core.ids import normalise_region_code, region_prefix
from graph.db import Graph
from procedure.errors import StepNotAllowed
from webhooks import (
    InvalidWebhook,
    WebhookSettings,
    check_destination,
    deactivate,
    dead_letters,
    get_message,
    get_webhook,
    list_webhooks,
    register,
    requeue,
)
from webhooks.registry import check_url

__all__ = ["dead_list", "register_webhook", "requeue_message", "stop_webhook", "webhook_list"]
RULES = ("P11",)


def _department(officer: Officer, asked: str | None) -> str:
    """The department a registration is for: a department officer's own, or the one a
    county officer names."""
    if officer.department is not None:
        if asked not in (None, officer.department):
            raise InvalidField("department", "a department officer registers its own (P11)")
        return officer.department
    if asked is None:
        raise InvalidField("department", "is required: the department the webhook is for (P11)")
    return asked


def _region(officer: Officer, asked: str | None) -> str:
    """The 12-digit region of a registration: the caller's, or one within it (else 404)."""
    if asked is None:
        return officer.region
    try:
        code = normalise_region_code(asked)
        prefix = region_prefix(code)
    except ValueError as exc:
        raise InvalidField("region", str(exc)) from exc
    if not prefix.startswith(officer.region_prefix):
        raise NotFound(f"no region {asked} in the caller's region")
    return code


def _mine(officer: Officer, department: str, region: str) -> bool:
    """Whether a webhook or message of `department` about `region` is the caller's."""
    return region.startswith(officer.region_prefix) and officer.department in (None, department)


def register_webhook(
    graph: Graph, officer: Officer, body: WebhookIn, settings: WebhookSettings
) -> WebhookRegistered:
    """Register (or re-register, with a new secret) a webhook; the URL must be http(s) without
    credentials and, unless the settings allow its network, reach a public address only."""
    department = _department(officer, body.department)
    region = _region(officer, body.region)
    try:
        check_destination(check_url(body.url), settings.allowed_networks)
        registration = register(graph.acting_as(officer.sub), department, region, body.url)
    except InvalidWebhook as exc:
        raise InvalidField("url", str(exc)) from exc
    shown = WebhookPublic.model_validate(registration.webhook).model_dump()
    return WebhookRegistered.model_validate(shown | {"secret": registration.secret})


def webhook_list(graph: Graph, officer: Officer, department: str | None) -> WebhookList:
    """The webhooks registered for regions within the caller's (a department's own only)."""
    if officer.department is not None:
        if department not in (None, officer.department):
            return WebhookList(items=[])
        department = officer.department
    found = list_webhooks(graph, department, officer.region_prefix)
    return WebhookList(items=[WebhookPublic.model_validate(w) for w in found])


def stop_webhook(graph: Graph, officer: Officer, webhook_id: str) -> WebhookPublic:
    """Deactivate the caller's webhook (its pending messages wait: docs/webhooks.md)."""
    found = get_webhook(graph, webhook_id)
    if found is None or not _mine(officer, found.department, found.region):
        raise NotFound(f"no webhook {webhook_id}")
    stopped = deactivate(graph.acting_as(officer.sub), webhook_id)
    if stopped is None:  # deleted between the two statements: as absent
        raise NotFound(f"no webhook {webhook_id}")
    return WebhookPublic.model_validate(stopped)


def dead_list(graph: Graph, officer: Officer, department: str | None, limit: int) -> DeadLetterList:
    """The dead letters about regions within the caller's (a department's own only)."""
    if officer.department is not None:
        if department not in (None, officer.department):
            return DeadLetterList(items=[])
        department = officer.department
    found = dead_letters(graph, department, limit, officer.region_prefix)
    return DeadLetterList(items=[DeadLetterPublic.model_validate(d) for d in found])


def requeue_message(graph: Graph, officer: Officer, message_id: str) -> MessageState:
    """Make the caller's dead message pending again, due now; 409 naming its status if it is
    not dead (a pending or delivered message would be sent again)."""
    found = get_message(graph, message_id)
    if found is None or not _mine(officer, found.department, found.region):
        raise NotFound(f"no message {message_id}")
    requeued = requeue(graph.acting_as(officer.sub), message_id, datetime.now(UTC))
    now = get_message(graph, message_id)
    if now is None:  # pruned meanwhile
        raise NotFound(f"no message {message_id}")
    if not requeued:
        raise StepNotAllowed(now.status, "requeue", RULES, "only a dead message is requeued")
    return MessageState.model_validate(now)
