"""The webhook settings (`HHGRAPH_WEBHOOK_*`)."""

import pytest
from pydantic import ValidationError

from webhooks import WebhookSettings


def settings(**values: object) -> WebhookSettings:
    return WebhookSettings(_env_file=None, **values)  # type: ignore[call-arg,arg-type]


def test_defaults_are_the_documented_ones() -> None:
    s = settings()
    assert (s.max_attempts, s.backoff_base_s, s.backoff_cap_s, s.jitter) == (8, 60.0, 3600.0, 0.2)
    assert (s.timeout_s, s.batch_size, s.lease_s, s.interval_s) == (5.0, 10, 300.0, 5.0)


def test_the_environment_sets_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HHGRAPH_WEBHOOK_MAX_ATTEMPTS", "3")
    monkeypatch.setenv("HHGRAPH_WEBHOOK_TIMEOUT_S", "1.5")
    s = settings()
    assert (s.max_attempts, s.timeout_s) == (3, 1.5)


def test_a_lease_shorter_than_a_round_is_refused() -> None:
    # 10 messages x 5 s x 4 phases: a round may take 200 s; a 100 s lease would let a second
    # worker take messages the first is still sending.
    with pytest.raises(ValidationError, match="LEASE_S"):
        settings(lease_s=100)
    assert settings(lease_s=200).lease_s == 200


def test_a_cap_below_the_base_is_refused() -> None:
    with pytest.raises(ValidationError, match="CAP_S"):
        settings(backoff_base_s=120, backoff_cap_s=60)
