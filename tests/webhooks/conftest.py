"""Fixtures of the webhook tests."""

from datetime import UTC, datetime

import pytest


@pytest.fixture
def start() -> datetime:
    """The fake clock's first reading; tests step it forward, never sleep."""
    return datetime.now(UTC).replace(microsecond=0)
