"""The webhook settings (`HHGRAPH_WEBHOOK_*`) and the backoff they shape."""

import random
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from webhooks import WebhookSettings, backoff_s


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


def test_backoff_doubles_up_to_the_cap_without_jitter() -> None:
    s = settings(jitter=0)
    assert [backoff_s(n, s) for n in range(1, 9)] == [60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert backoff_s(10_000, s) == 3600  # no overflow however many tries


def test_jitter_takes_up_to_its_share_off_and_never_adds() -> None:
    s = settings(jitter=0.2)
    rng = random.Random(18)
    waits = [backoff_s(3, s, rng) for _ in range(500)]
    assert all(240 * 0.8 <= w <= 240 for w in waits)
    assert max(waits) - min(waits) > 40  # spread out, not one instant


def test_docs_list_every_setting_with_its_default() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "webhooks.md").read_text()
    rows = dict(re.findall(r"^\| `HHGRAPH_WEBHOOK_(\w+)` \| ([^|]+) \|", doc, re.M))
    defaults = {name.upper(): info.default for name, info in WebhookSettings.model_fields.items()}
    assert set(rows) == set(defaults)
    for name, default in defaults.items():
        if isinstance(default, str):  # a list of networks: shown as text, "(none)" if empty
            assert rows[name].strip() == (f"`{default}`" if default else "(none)"), name
        else:
            assert float(rows[name]) == float(default), name


def test_allowed_networks_parse_and_a_typo_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    s = settings(allow_networks=" 10.20.0.0/16, ::1/128 ,")
    assert [str(n) for n in s.allowed_networks] == ["10.20.0.0/16", "::1/128"]
    monkeypatch.delenv("HHGRAPH_WEBHOOK_ALLOW_NETWORKS", raising=False)  # the suite's
    assert settings().allowed_networks == ()  # the default: public addresses only
    with pytest.raises(ValidationError, match="ALLOW_NETWORKS"):
        settings(allow_networks="10.20.0.0/16,intranet")
