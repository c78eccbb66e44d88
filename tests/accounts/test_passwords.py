"""The password policy, hashing and one-time passwords (CONTRACT §5, issue 16)."""

import pytest
from argon2 import PasswordHasher, Type
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from accounts import passwords
from core.errors import InvalidField


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("Ab1!short", "at least 10"),  # 9 characters
        ("abcdefghijk1", "3 of"),  # two classes
        ("ABCDEFGHIJKL!", "3 of"),  # two classes
        ("Wang.Li-2026x", "username"),  # contains the username, in another case
    ],
)
def test_policy_refuses(password: str, why: str) -> None:
    with pytest.raises(InvalidField, match=why) as refused:
        passwords.check_policy(password, "wang.li")
    assert refused.value.field == "new"


@pytest.mark.parametrize(
    "password", ["Guangzhou2026", "guangzhou-2026", "GUANGZHOU_2026", "广州市Ab12345"]
)
def test_policy_takes_three_of_four_classes(password: str) -> None:
    passwords.check_policy(password, "wang.li")


def test_the_product_hashes_with_argon2s_recommended_parameters() -> None:
    product = passwords._hashers[0]  # the hasher outside the suite's cheaper profile
    default = PasswordHasher()
    assert (product.time_cost, product.memory_cost, product.parallelism) == (
        default.time_cost,
        default.memory_cost,
        default.parallelism,
    )
    assert passwords.RECOMMENDED.type is Type.ID
    assert product.hash("Guangzhou2026").startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_hash_is_argon2id_and_verifies() -> None:
    stored = passwords.hash_password("Guangzhou2026")
    assert stored.startswith("$argon2id$")
    assert "Guangzhou2026" not in stored
    assert passwords.verify(stored, "Guangzhou2026")
    assert not passwords.verify(stored, "Guangzhou2027")
    assert not passwords.verify("not a hash", "Guangzhou2026")
    assert not passwords.verify_dummy("Guangzhou2026")


def test_the_last_five_are_reused_the_sixth_is_not() -> None:
    history = [passwords.hash_password(f"Guangzhou-{n}") for n in range(6)]
    assert passwords.reused(history, "Guangzhou-4")
    assert not passwords.reused(history, "Guangzhou-5")  # the sixth newest: free again


@settings(max_examples=50, deadline=None)
@given(st.from_regex(r"[a-z][a-z0-9._-]{2,20}", fullmatch=True))
def test_one_time_passwords_meet_the_policy_for_any_username(username: str) -> None:
    password = passwords.one_time_password()
    assert len(password) == 16
    # A username inside 16 random characters is a chance of about 1 in 10^7: such a draw
    # would be refused, rightly, and `create` would only have to draw again.
    assume(username.casefold() not in password.casefold())
    passwords.check_policy(password, username)
