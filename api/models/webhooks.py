"""Department webhooks and their dead letters (RULES P11; docs/webhooks.md): one model per
direction. No model but `WebhookRegistered` has a field for the signing secret: it is shown
once, in the answer to the registration."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from core.terms import Department

__all__ = [
    "DeadLetterList",
    "DeadLetterPublic",
    "MessageState",
    "WebhookIn",
    "WebhookList",
    "WebhookPublic",
    "WebhookRegistered",
]


class WebhookIn(BaseModel):
    """A receiver for the department's referrals (P11). `region` defaults to the caller's
    (I2, any level within it); `department` defaults to a department officer's own, and a
    county officer names it."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=1, max_length=2048)
    region: str | None = Field(default=None, min_length=6, max_length=12)
    department: Department | None = None


class WebhookPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    webhook_id: str
    department: Department
    region: str
    url: str
    active: bool
    created_at: datetime | None
    updated_at: datetime | None


class WebhookRegistered(WebhookPublic):
    """The registered webhook and its signing secret, shown this once (docs/webhooks.md)."""

    secret: str


class WebhookList(BaseModel):
    items: list[WebhookPublic]


class DeadLetterPublic(BaseModel):
    """A message whose every try failed, without its body (it may name persons)."""

    model_config = ConfigDict(from_attributes=True)

    message_id: str
    topic: str
    department: Department
    region: str
    attempts: int
    last_error: str | None
    created_at: datetime | None
    dead_at: datetime | None
    webhook_id: str


class DeadLetterList(BaseModel):
    items: list[DeadLetterPublic]


class MessageState(BaseModel):
    """An outbox message's delivery state after a requeue, without its body."""

    model_config = ConfigDict(from_attributes=True)

    message_id: str
    topic: str
    department: Department
    region: str
    status: Literal["pending", "delivered", "dead"]
    attempts: int
    created_at: datetime | None
    next_attempt_at: datetime | None
    last_error: str | None
    webhook_id: str
