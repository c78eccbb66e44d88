"""Department webhooks (issue 18): departments hear about their referrals (RULES P11).

Requests are HMAC-signed (`signing`) under the settings of `settings`.

Layer 2: imports core, graph and cypher only.
"""

from webhooks.errors import InvalidWebhook, WebhookError
from webhooks.settings import WebhookSettings, get_webhook_settings
from webhooks.signing import verify_signature

__all__ = [
    "InvalidWebhook",
    "WebhookError",
    "WebhookSettings",
    "get_webhook_settings",
    "verify_signature",
]
