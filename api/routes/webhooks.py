"""Department webhooks (RULES P11; docs/webhooks.md): a department officer registers, lists
and stops its department's receivers and requeues its dead letters, within its region; a
county officer does the same for any department of its region. The signing secret is in the
registration's answer only."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from starlette.convertors import StringConvertor, register_url_convertor

from api.deps import GraphDep, Limit, allow
from api.errors import problem_responses
from api.models.webhooks import (
    DeadLetterList,
    MessageState,
    WebhookIn,
    WebhookList,
    WebhookPublic,
    WebhookRegistered,
)
from api.security import Officer
from api.services import webhooks as services
from core.terms import Department
from webhooks import WebhookSettings, get_webhook_settings

__all__ = ["WebhookIdConvertor", "router", "webhook_settings"]


class WebhookIdConvertor(StringConvertor):
    """A webhook id in a path: one segment (`webhooks.registry` mints uuid4 strings; any
    segment is accepted, an unknown id is 404), never the name of a collection that sits
    beside the ids under /v1/webhooks. Without it `/v1/webhooks/dead-letters` also matched
    `DELETE /v1/webhooks/{webhook_id}`: a DELETE there reached `stop` (404 "no webhook
    dead-letters" instead of 405), and the 405's `Allow` (api.errors) listed DELETE for a
    path that serves GET only."""

    COLLECTIONS = ("dead-letters",)
    regex = "(?!(?:" + "|".join(COLLECTIONS) + ")$)[^/]+"


register_url_convertor("webhook_id", WebhookIdConvertor())

router = APIRouter(tags=["webhooks"])
ERRORS = problem_responses(400, 401, 403, 404, 409, 422)
# The department for its own receivers, the county for its region's (P11).
Manager = Annotated[Officer, Depends(allow("department", "county"))]
WebhookId = Annotated[str, Path(min_length=1, max_length=64)]
MessageId = Annotated[str, Path(min_length=1, max_length=64)]


async def webhook_settings() -> WebhookSettings:
    """The process's webhook settings (`HHGRAPH_WEBHOOK_*`; tests override this)."""
    return get_webhook_settings()


HookSettings = Annotated[WebhookSettings, Depends(webhook_settings)]


@router.post("/v1/webhooks", status_code=201, responses=ERRORS)
def create(
    body: WebhookIn, graph: GraphDep, officer: Manager, settings: HookSettings
) -> WebhookRegistered:
    """Register the department's receiver for a region within the caller's (again: a new URL
    and secret). The answer shows the signing secret, this once. The URL is http(s), holds no
    user or password, and reaches public addresses only, unless
    `HHGRAPH_WEBHOOK_ALLOW_NETWORKS` allows its network (422 naming `body.url`)."""
    return services.register_webhook(graph, officer, body, settings)


@router.get("/v1/webhooks", responses=ERRORS)
def list_hooks(
    graph: GraphDep, officer: Manager, department: Department | None = None
) -> WebhookList:
    """The webhooks registered for regions within the caller's, without secrets; a
    department officer's only of its department."""
    return services.webhook_list(graph, officer, department)


@router.get("/v1/webhooks/dead-letters", responses=ERRORS)
def dead(
    graph: GraphDep, officer: Manager, department: Department | None = None, limit: Limit = 100
) -> DeadLetterList:
    """Messages about the caller's region whose every try failed, oldest death first, without
    their bodies; a department officer's only of its department."""
    return services.dead_list(graph, officer, department, limit)


@router.post("/v1/webhooks/dead-letters/{message_id}/requeue", responses=ERRORS)
def requeue(message_id: MessageId, graph: GraphDep, officer: Manager) -> MessageState:
    """A dead message pending again, due now, with every try again (409 naming its status
    when it is not dead)."""
    return services.requeue_message(graph, officer, message_id)


@router.delete("/v1/webhooks/{webhook_id:webhook_id}", responses=ERRORS)
def stop(webhook_id: WebhookId, graph: GraphDep, officer: Manager) -> WebhookPublic:
    """Stop a webhook: nothing more is queued for it; what it has pending waits until the
    department registers again."""
    return services.stop_webhook(graph, officer, webhook_id)
