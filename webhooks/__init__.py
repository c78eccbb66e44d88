"""Department webhooks (issue 18): departments hear about their referrals (RULES P11).

A department registers a webhook per region (`registry`); each referral and each change of it
is written to an outbox in the same transaction as the change (`outbox.enqueue`), and delivered
at least once (`delivery.deliver_due`, run by `worker.run_delivery`): an HMAC-signed body
(`signing`), a message id the receiver deduplicates on, retries with exponential backoff, and
a dead-letter list after the last try. Generic over the message's topic: the referral code
names its topics (`referral.sent`, ...). docs/webhooks.md is the whole story.

Layer 2: imports core, graph and cypher only.
"""

from webhooks.delivery import DeliveryReport, backoff_s, deliver_due
from webhooks.destination import check_destination
from webhooks.errors import InvalidWebhook, WebhookError
from webhooks.outbox import dead_letters, enqueue, get_message, prune_delivered, requeue
from webhooks.records import DeadLetter, OutboxMessage, Registration, Webhook
from webhooks.registry import DEPARTMENTS, deactivate, get_webhook, list_webhooks, register
from webhooks.settings import WebhookSettings, get_webhook_settings
from webhooks.signing import verify_signature
from webhooks.worker import LoopSummary, run_delivery

__all__ = [
    "DEPARTMENTS",
    "DeadLetter",
    "DeliveryReport",
    "InvalidWebhook",
    "LoopSummary",
    "OutboxMessage",
    "Registration",
    "Webhook",
    "WebhookError",
    "WebhookSettings",
    "backoff_s",
    "check_destination",
    "deactivate",
    "dead_letters",
    "deliver_due",
    "enqueue",
    "get_message",
    "get_webhook",
    "get_webhook_settings",
    "list_webhooks",
    "prune_delivered",
    "register",
    "requeue",
    "run_delivery",
    "verify_signature",
]
