"""HMAC signatures of webhook requests, and the check a receiver makes (docs/webhooks.md).

A request carries `X-Hhgraph-Timestamp` (Unix seconds when it was signed) and
`X-Hhgraph-Signature: sha256=<hex>`, the HMAC-SHA256 under the webhook's secret of the ASCII
timestamp, a full stop and the exact body bytes. Signing the timestamp with the body lets a
receiver refuse a captured request replayed later (outside its tolerance) as well as a forged
or altered one; comparing in constant time keeps the signature from leaking byte by byte.
"""

import hashlib
import hmac
import time

SCHEME = "sha256="
MESSAGE_ID = "X-Hhgraph-Message-Id"
TIMESTAMP = "X-Hhgraph-Timestamp"
SIGNATURE = "X-Hhgraph-Signature"
DEFAULT_TOLERANCE_S = 300


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex>` of `timestamp + "." + body` under `secret`."""
    signed = timestamp.encode("ascii") + b"." + body
    return SCHEME + hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def request_headers(secret: str, message_id: str, body: bytes, timestamp: int) -> dict[str, str]:
    """The headers of one delivery attempt: the message id a receiver deduplicates on, and the
    timestamp and signature it verifies."""
    stamp = str(timestamp)
    return {
        "Content-Type": "application/json; charset=utf-8",
        MESSAGE_ID: message_id,
        TIMESTAMP: stamp,
        SIGNATURE: signature(secret, stamp, body),
    }


def verify_signature(
    secret: str,
    timestamp: str,
    body: bytes,
    signature_header: str,
    *,
    now: float | None = None,
    tolerance_s: float = DEFAULT_TOLERANCE_S,
) -> bool:
    """Whether a received request is authentic and fresh: its signature is that of
    `timestamp` and the body under `secret`, and the timestamp is within `tolerance_s` of
    `now` (the receiver's clock, Unix seconds; the current time when None).

    `body` must be the raw bytes received, before any JSON parsing: a re-serialised body
    differs in spacing or key order and fails the check."""
    if not timestamp.isascii() or not timestamp.isdigit():
        return False
    current = time.time() if now is None else now
    if abs(current - int(timestamp)) > tolerance_s:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), signature_header)
