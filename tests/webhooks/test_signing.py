"""Signatures of webhook requests and the receiver's check (docs/webhooks.md, "Verifying")."""

import hashlib
import hmac

import pytest

from webhooks.signing import (
    MESSAGE_ID,
    SIGNATURE,
    TIMESTAMP,
    request_headers,
    signature,
    verify_signature,
)

SECRET = "s3cret-of-the-health-department"
BODY = '{"data":{"need":"医疗"},"message_id":"m1"}'.encode()
NOW = 1_800_000_000


def test_the_signature_is_the_hmac_of_timestamp_dot_body() -> None:
    expected = hmac.new(SECRET.encode(), b"1800000000." + BODY, hashlib.sha256).hexdigest()
    assert signature(SECRET, "1800000000", BODY) == f"sha256={expected}"


def test_headers_carry_message_id_timestamp_and_a_signature_that_verifies() -> None:
    headers = request_headers(SECRET, "m1", BODY, NOW)
    assert headers[MESSAGE_ID] == "m1"
    assert headers[TIMESTAMP] == str(NOW)
    assert verify_signature(SECRET, headers[TIMESTAMP], BODY, headers[SIGNATURE], now=NOW + 5)


@pytest.mark.parametrize(
    ("secret", "timestamp", "body"),
    [
        ("another-secret", str(NOW), BODY),  # signed by someone else
        (SECRET, str(NOW + 1), BODY),  # the timestamp changed
        (SECRET, str(NOW), BODY + b" "),  # the body changed, even by a space
    ],
)
def test_a_changed_secret_timestamp_or_body_fails(secret: str, timestamp: str, body: bytes) -> None:
    header = signature(SECRET, str(NOW), BODY)
    assert not verify_signature(secret, timestamp, body, header, now=NOW)


def test_a_request_outside_the_tolerance_is_refused_as_a_replay() -> None:
    header = signature(SECRET, str(NOW), BODY)
    assert verify_signature(SECRET, str(NOW), BODY, header, now=NOW + 300)
    assert not verify_signature(SECRET, str(NOW), BODY, header, now=NOW + 301)
    assert not verify_signature(SECRET, str(NOW), BODY, header, now=NOW - 301)
    assert verify_signature(SECRET, str(NOW), BODY, header, now=NOW + 3000, tolerance_s=3600)


@pytest.mark.parametrize("timestamp", ["", "-5", "1e9", "１８００"])
def test_a_timestamp_that_is_not_ascii_digits_fails(timestamp: str) -> None:
    # Signed as given, so only the timestamp's form can make the check fail.
    signed = timestamp.encode() + b"." + BODY
    header = "sha256=" + hmac.new(SECRET.encode(), signed, hashlib.sha256).hexdigest()
    assert not verify_signature(SECRET, timestamp, BODY, header, tolerance_s=10**12)


def test_a_signature_without_the_scheme_fails() -> None:
    bare = signature(SECRET, str(NOW), BODY).removeprefix("sha256=")
    assert not verify_signature(SECRET, str(NOW), BODY, bare, now=NOW)
