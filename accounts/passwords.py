"""Passwords: argon2id hashes, the policy, one-time passwords (CONTRACT §5, issue 16).

Hashes are argon2id with argon2-cffi's recommended parameters (`PasswordHasher()`, RFC 9106's
low-memory profile: 3 passes over 64 MiB, 4 lanes); a hash made with older parameters is
rehashed at the next sign-in. A password is never returned, logged or stored in clear; the
one-time password of `create` and `reset` is shown once, to the officer who made it.

The policy (GB/T 22239-2019 8.1.4.1 b, 身份鉴别 "口令复杂度"): at least 10 characters, 3 of the 4
classes (lower case, upper case, digits, other characters), not containing the username (in
any case), and none of the last `HISTORY` passwords of the account.
"""

import secrets
import string
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from argon2 import Parameters, PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from core.errors import InvalidField

__all__ = [
    "HISTORY",
    "MIN_LENGTH",
    "RECOMMENDED",
    "check_policy",
    "hash_password",
    "hasher",
    "needs_rehash",
    "one_time_password",
    "parameters",
    "reused",
    "verify",
    "verify_dummy",
]

MIN_LENGTH = 10
MIN_CLASSES = 3
HISTORY = 5  # the current password and the four before it may not be chosen again
_CLASSES = (string.ascii_lowercase, string.ascii_uppercase, string.digits)
# One-time passwords: no 0/O, 1/l/I, so that an officer can read one out over the phone.
_OTP_ALPHABETS = ("abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "-_.!")
_OTP_LENGTH = 16


RECOMMENDED: Parameters = profiles.RFC_9106_LOW_MEMORY  # what `PasswordHasher()` uses
_hashers = [PasswordHasher.from_parameters(RECOMMENDED)]


def hasher() -> PasswordHasher:
    """argon2id with the library's recommended parameters (RFC 9106, low memory)."""
    return _hashers[-1]


@contextmanager
def parameters(chosen: Parameters) -> Iterator[None]:
    """Hash with `chosen` inside the block: the test suite's cheaper profile, on a machine
    where one recommended hash takes a second of two shared cores. The product never calls
    it; `tests/accounts/test_passwords.py` checks the recommended profile itself."""
    _hashers.append(PasswordHasher.from_parameters(chosen))
    _dummy_hash.cache_clear()
    try:
        yield
    finally:
        _hashers.pop()
        _dummy_hash.cache_clear()


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify(stored: str, password: str) -> bool:
    """Whether `password` matches the argon2 hash `stored` (False for a malformed hash)."""
    try:
        return hasher().verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(24))


def verify_dummy(password: str) -> bool:
    """The work of a verification against a hash of the same parameters, for a username that
    does not exist: a wrong username costs what a wrong password costs. Always False."""
    verify(_dummy_hash(), password)
    return False


def needs_rehash(stored: str) -> bool:
    return hasher().check_needs_rehash(stored)


def _classes(password: str) -> int:
    found = sum(any(c in chars for c in password) for chars in _CLASSES)
    return found + any(not c.isascii() or not c.isalnum() for c in password)


def check_policy(password: str, username: str, field: str = "new") -> None:
    """`InvalidField` (422 naming `body.<field>`, with the `code` of the rule it broke: the
    console says it in Chinese) unless `password` meets the policy."""
    if len(password) < MIN_LENGTH:
        raise InvalidField(
            field, f"a password has at least {MIN_LENGTH} characters", "password_too_short"
        )
    if _classes(password) < MIN_CLASSES:
        raise InvalidField(
            field,
            "a password mixes at least 3 of: lower case, upper case, digits, other characters",
            "password_classes",
        )
    if username.casefold() in password.casefold():
        raise InvalidField(field, "a password may not contain the username", "password_username")


def reused(history: list[str], password: str) -> bool:
    """Whether `password` is one of the last `HISTORY` passwords (argon2 hashes, newest
    first); one verification per stored hash."""
    return any(verify(stored, password) for stored in history[:HISTORY])


def one_time_password() -> str:
    """A random password of 16 characters from all four classes (about 90 bits), which
    meets the policy for any username of 3 or more characters."""
    while True:
        chars = [secrets.choice(alphabet) for alphabet in _OTP_ALPHABETS]
        pool = "".join(_OTP_ALPHABETS)
        chars += [secrets.choice(pool) for _ in range(_OTP_LENGTH - len(chars))]
        secrets.SystemRandom().shuffle(chars)
        candidate = "".join(chars)
        if candidate[0].isalnum():
            return candidate
