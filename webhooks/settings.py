"""The settings of webhook delivery (`HHGRAPH_WEBHOOK_*`), validated once.

A class of its own, beside `core.settings.Settings`, so that the outbox carries its settings with
it (docs/webhooks.md lists them). Every number a deployment may want to change is here, never a
literal in the delivery code.
"""

import ipaddress
from functools import lru_cache
from typing import Self

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# A timed-out POST may wait for connect, write, read and a pooled connection, each bounded by
# the timeout: the longest one message can hold its worker.
TIMEOUT_PHASES = 4


class WebhookSettings(BaseSettings):
    """Retries, backoff, timeouts and leases of the department webhooks (issue 18)."""

    model_config = SettingsConfigDict(
        env_prefix="HHGRAPH_WEBHOOK_", env_file=".env", extra="ignore", frozen=True
    )

    max_attempts: int = Field(
        default=8, ge=1, le=100, description="Tries of one message before it is dead."
    )
    backoff_base_s: float = Field(
        default=60.0, gt=0, description="Wait after the first failed try; doubled after each."
    )
    backoff_cap_s: float = Field(
        default=3600.0, gt=0, description="Longest wait between two tries of a message."
    )
    jitter: float = Field(
        default=0.2,
        ge=0,
        le=1,
        description="A wait is drawn from [(1 - jitter) x its value, its value], so that the "
        "messages of a receiver that was down are not all retried at one instant.",
    )
    timeout_s: float = Field(
        default=5.0, gt=0, le=60, description="Timeout of each phase of one POST."
    )
    batch_size: int = Field(
        default=10, ge=1, le=1000, description="Messages one delivery round claims at most."
    )
    lease_s: float = Field(
        default=300.0,
        gt=0,
        description="How long a claimed message is kept from other workers: longer than a "
        "round can take, so that a live worker never loses its messages to another.",
    )
    interval_s: float = Field(
        default=5.0, gt=0, description="Pause of the delivery loop after a round that was not full."
    )
    max_body_bytes: int = Field(
        default=65_536, ge=1024, description="Largest message body (its JSON, in UTF-8)."
    )
    allow_networks: str = Field(
        default="",
        max_length=2000,
        description="Comma-separated networks (CIDR) a webhook may resolve to although they "
        "are not public: loopback, private, link-local, ... are refused otherwise (SSRF). "
        "Empty: public addresses only.",
    )

    @property
    def allowed_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        """`allow_networks` parsed (validated when the settings were built)."""
        return parse_networks(self.allow_networks)

    @model_validator(mode="after")
    def _networks_parse(self) -> Self:
        parse_networks(self.allow_networks)  # a typo fails at start, not at the first POST
        return self

    @model_validator(mode="after")
    def _lease_outlasts_a_round(self) -> Self:
        """A lease shorter than the longest round would let a second worker claim messages
        the first is still posting: each would be sent twice, on every round."""
        longest = self.batch_size * self.timeout_s * TIMEOUT_PHASES
        if self.lease_s < longest:
            raise ValueError(
                f"HHGRAPH_WEBHOOK_LEASE_S ({self.lease_s:g}) must be at least batch size x "
                f"timeout x {TIMEOUT_PHASES} ({longest:g} s), the longest delivery round"
            )
        if self.backoff_cap_s < self.backoff_base_s:
            raise ValueError("HHGRAPH_WEBHOOK_BACKOFF_CAP_S must not be below the base")
        return self


def parse_networks(text: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The networks of `HHGRAPH_WEBHOOK_ALLOW_NETWORKS` ("127.0.0.0/8,::1/128"), else
    ValueError naming the one that is not a network."""
    networks = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ValueError(f"HHGRAPH_WEBHOOK_ALLOW_NETWORKS: {item!r} is not a network") from exc
    return tuple(networks)


@lru_cache(maxsize=1)
def get_webhook_settings() -> WebhookSettings:
    """The process-wide webhook settings, read once from the environment."""
    return WebhookSettings()
