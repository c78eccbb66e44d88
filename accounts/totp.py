"""The second factor: TOTP (RFC 6238: 30-second steps, 6 digits, HMAC-SHA-1), with pyotp.

A code is accepted for the current step and one step either side (clock drift), and only for
a step later than the last one the account used: a code seen once, or an older one, is
refused (a replay). The caller stores the step it returns in the same transaction that signs
in (`cypher/accounts/use_otp_step.cypher`, conditional on the stored step).

Secrets are sealed at rest with AES-256-GCM under a key derived (HKDF-SHA256) from the
server's token secret, so that a copy of the graph alone does not give the second factors
away (GB/T 22239-2019 8.1.4.8, 鉴别数据的存储保密性). The username is the associated data: a
sealed secret moved to another account does not open.
"""

import base64
import hmac
import io
import secrets
import time
from dataclasses import dataclass

import pyotp
import segno
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

__all__ = ["ISSUER", "STEP_S", "Enrolment", "Sealer", "enrolment", "matching_step", "new_secret"]

ISSUER = "household-graph"
STEP_S = 30
DIGITS = 6
DRIFT_STEPS = 1


@dataclass(frozen=True, slots=True)
class Enrolment:
    """What the holder needs to add the factor to an authenticator app."""

    secret: str  # base32
    otpauth_uri: str
    qr_svg: str  # the URI as a QR code, an SVG document


def new_secret() -> str:
    """160 random bits in base32 (RFC 4226's recommended length)."""
    return pyotp.random_base32(32)


def enrolment(secret: str, username: str) -> Enrolment:
    uri = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_S).provisioning_uri(
        name=username, issuer_name=ISSUER
    )
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=4, xmldecl=False)
    return Enrolment(secret, uri, out.getvalue().decode())


def matching_step(
    secret: str, code: str, last_step: int | None, now: float | None = None
) -> int | None:
    """The time step `code` is right for (within the drift) and later than `last_step`, else
    None: a wrong code, and a replayed one, both give None."""
    if not (len(code) == DIGITS and code.isascii() and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_S)
    current = int((time.time() if now is None else now) // STEP_S)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.at(step * STEP_S), code):
            if last_step is not None and step <= last_step:
                return None
            return step
    return None


class Sealer:
    """Seals and opens TOTP secrets with a key derived from `key` (the token secret)."""

    def __init__(self, key: str) -> None:
        derived = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"hhgraph totp seal v1"
        ).derive(key.encode())
        self._aead = AESGCM(derived)

    def seal(self, secret: str, username: str) -> str:
        nonce = secrets.token_bytes(12)
        sealed = self._aead.encrypt(nonce, secret.encode(), username.encode())
        return "v1." + base64.urlsafe_b64encode(nonce + sealed).decode()

    def open(self, sealed: str, username: str) -> str:
        raw = base64.urlsafe_b64decode(sealed.removeprefix("v1.").encode())
        return self._aead.decrypt(raw[:12], raw[12:], username.encode()).decode()
