"""Department webhooks (issue 18): departments hear about their referrals (RULES P11).

A department registers a webhook per region (`registry`); each referral and each change of it
is written to an outbox in the same transaction as the change (`outbox.enqueue`). Requests are
HMAC-signed (`signing`) under the settings of `settings`.

Layer 2: imports core, graph and cypher only.
"""

from webhooks.errors import InvalidWebhook, WebhookError
from webhooks.outbox import dead_letters, enqueue, get_message, prune_delivered, requeue
from webhooks.records import DeadLetter, OutboxMessage, Registration, Webhook
from webhooks.registry import DEPARTMENTS, deactivate, list_webhooks, register
from webhooks.settings import WebhookSettings, get_webhook_settings
from webhooks.signing import verify_signature

__all__ = [
    "DEPARTMENTS",
    "DeadLetter",
    "InvalidWebhook",
    "OutboxMessage",
    "Registration",
    "Webhook",
    "WebhookError",
    "WebhookSettings",
    "deactivate",
    "dead_letters",
    "enqueue",
    "get_message",
    "get_webhook_settings",
    "list_webhooks",
    "prune_delivered",
    "register",
    "requeue",
    "verify_signature",
]
