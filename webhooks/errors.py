"""The errors webhooks raise on purpose, `WebhookError` and its leaf `InvalidWebhook`, drawn
in the project's one tree (`core.errors`). Defined in this package rather than in
core/errors.py so that the outbox stays one merge of its own.
"""

from core.errors import HhgraphError


class WebhookError(HhgraphError):
    """Base of every error raised on purpose by the webhooks package."""


class InvalidWebhook(WebhookError, ValueError):
    """A registration or a message the outbox refuses; the message says which value and why.
    A ValueError too, so that callers that validate input catch it with the rest."""
