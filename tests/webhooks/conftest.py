"""Fixtures of the webhook tests: fast settings, an HTTP client, real local receivers."""

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from tests.webhooks.receiver import Receiver, running
from webhooks import WebhookSettings


@pytest.fixture
def hook_settings() -> WebhookSettings:
    """The defaults but a short timeout: a hanging receiver costs a third of a second."""
    return WebhookSettings(_env_file=None, timeout_s=0.3)  # type: ignore[call-arg]


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client() as http:
        yield http


@pytest.fixture
def start() -> datetime:
    """The fake clock's first reading; tests step it forward, never sleep."""
    return datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def make_receiver() -> Iterator[Callable[..., Receiver]]:
    """Starts receivers (`Receiver(**options)`); all stop when the test ends."""
    with ExitStack() as stack:

        def make(**options: Any) -> Receiver:
            return stack.enter_context(running(Receiver(**options)))

        yield make
