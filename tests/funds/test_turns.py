"""Postings to one fund take turns in this process (`funds/turns.py`, RULES R5): one holder of
a township's turn at a time, and a township on another stripe is not held up by it."""

import os
import subprocess
import sys
import threading

from funds.turns import STRIPES, posting_turn, stripe_of

TOWNSHIP = "440103001000"


def _other_stripe(code: str) -> str:
    """A township code whose stripe differs from `code`'s."""
    n = 2
    while stripe_of(f"4401030{n:02d}000") == stripe_of(code):
        n += 1
    return f"4401030{n:02d}000"


def test_one_holder_of_a_townships_turn_at_a_time() -> None:
    inside = threading.Event()
    release = threading.Event()
    second_in = threading.Event()

    def first() -> None:
        with posting_turn(TOWNSHIP):
            inside.set()
            release.wait(10)

    def second() -> None:
        with posting_turn(TOWNSHIP):
            second_in.set()

    a = threading.Thread(target=first)
    a.start()
    assert inside.wait(10)
    b = threading.Thread(target=second)
    b.start()
    assert not second_in.wait(0.3)  # waits while the first holds the turn
    release.set()
    assert second_in.wait(10)
    a.join(10)
    b.join(10)


def test_a_township_on_another_stripe_does_not_wait() -> None:
    other = _other_stripe(TOWNSHIP)
    entered = threading.Event()
    with posting_turn(TOWNSHIP):
        t = threading.Thread(target=lambda: _enter_and_leave(other, entered))
        t.start()
        assert entered.wait(10)
        t.join(10)


def _enter_and_leave(code: str, entered: threading.Event) -> None:
    with posting_turn(code):
        entered.set()


def test_stripes_are_the_same_in_every_process() -> None:
    """CRC-32, not Python's salted `hash`: another process, with another hash seed, puts a
    township on the same stripe."""
    code = f"from funds.turns import stripe_of; print(stripe_of({TOWNSHIP!r}))"
    env = os.environ | {"PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert 0 <= stripe_of(TOWNSHIP) < STRIPES
    assert int(other.stdout) == stripe_of(TOWNSHIP)
