"""Department webhooks: registering one per department and region, listing, stopping.

A department of RULES P11 registers one receiver URL per region (I2: any level, province to
village); a message about a region goes to the department's most specific active webhook that
covers it (`outbox.enqueue`). Registering again for the same department and region replaces the
URL and the secret. The signing secret is generated here (`secrets.token_urlsafe`), returned
once in the `Registration`, stored on the webhook and never returned by a read.
"""

import secrets
import uuid
from datetime import UTC, datetime
from urllib.parse import urlsplit

from core.ids import normalise_region_code, region_prefix
from core.terms import Department, values
from cypher import query
from graph.db import Graph
from webhooks.errors import InvalidWebhook
from webhooks.records import Registration, Webhook

REGISTER = query("webhooks/register")
LIST = query("webhooks/list")
WEBHOOK = query("webhooks/webhook")
DEACTIVATE = query("webhooks/deactivate")

# P11: the departments a case may be referred to (core.terms.Department).
DEPARTMENTS = values(Department)
SECRET_BYTES = 32  # 256 bits, the size of the HMAC-SHA256 key
MAX_URL_LENGTH = 2048
# Plain http only to this machine (a receiver under test, a developer's): anywhere else the
# body (a referral names persons) and its signature would cross the network readable.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


def check_department(department: str) -> str:
    """`department` if it is one of P11's departments, else `InvalidWebhook`."""
    if department not in DEPARTMENTS:
        raise InvalidWebhook(
            f"department {department!r} is not one of P11's: {', '.join(DEPARTMENTS)}"
        )
    return department


def check_region(region: str) -> str:
    """The 12-digit code of `region` (6 digits are padded, I2), else `InvalidWebhook`."""
    try:
        code = normalise_region_code(region)
        region_prefix(code)  # refuses codes that name no region (I2)
    except ValueError as exc:
        raise InvalidWebhook(str(exc)) from exc
    return code


def check_url(url: str) -> str:
    """`url` if a receiver may be registered at it: https (http only to a loopback host), a
    host, no user or password (reads return the URL: it must hold no credential), no
    fragment, printable ASCII, at most 2,048 characters."""
    if len(url) > MAX_URL_LENGTH or not url.isascii() or not url.isprintable() or " " in url:
        raise InvalidWebhook("a webhook URL is printable ASCII without spaces, 2,048 at most")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port refuses a malformed one
    except ValueError as exc:
        raise InvalidWebhook(f"not a URL: {exc}") from exc
    if not parts.hostname:
        raise InvalidWebhook("a webhook URL names a host")
    if parts.username is not None or parts.password is not None:
        raise InvalidWebhook("a webhook URL must not hold a user or password")
    if parts.fragment:
        raise InvalidWebhook("a webhook URL has no #fragment")
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS):
        return url
    raise InvalidWebhook("a webhook URL is https (http only to this machine)")


def register(graph: Graph, department: str, region: str, url: str) -> Registration:
    """Register (or re-register) `department`'s webhook for `region` at `url`, with a new
    signing secret; the secret is in the returned `Registration` and nowhere else again."""
    code = check_region(region)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    params = {
        "webhook_id": str(uuid.uuid4()),
        "department": check_department(department),
        "region": code,
        "prefix": region_prefix(code),
        "url": check_url(url),
        "secret": secret,
        "now": datetime.now(UTC),
        "actor": graph.actor,
    }
    (row,) = graph.write(REGISTER, params)
    return Registration(Webhook.of(row), secret)


def list_webhooks(
    graph: Graph, department: str | None = None, region_prefix: str | None = None
) -> list[Webhook]:
    """Every registered webhook (of `department` only, and registered for a region within
    `region_prefix` only, when given), without secrets."""
    if department is not None:
        check_department(department)
    rows = graph.read(LIST, {"department": department, "prefix": region_prefix})
    return [Webhook.of(row) for row in rows]


def get_webhook(graph: Graph, webhook_id: str) -> Webhook | None:
    """The webhook `webhook_id` without its secret, or None."""
    rows = graph.read(WEBHOOK, {"webhook_id": webhook_id})
    return Webhook.of(rows[0]) if rows else None


def deactivate(graph: Graph, webhook_id: str) -> Webhook | None:
    """Stop the webhook `webhook_id` (None if there is none). Its pending messages wait,
    unsent, until the department registers again."""
    params = {"webhook_id": webhook_id, "now": datetime.now(UTC), "actor": graph.actor}
    rows = graph.write(DEACTIVATE, params)
    return Webhook.of(rows[0]) if rows else None
