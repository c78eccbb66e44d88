"""Bearer tokens and the refusal of weak secrets (CONTRACT §3)."""

import base64
import json
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest

from api.security import InvalidToken, decode_token, mint_token
from hhgraph.errors import ConfigError
from hhgraph.settings import Settings, token_secret
from tests.conftest import TEST_SECRET


def test_a_minted_token_decodes_to_its_officer() -> None:
    officer = decode_token(mint_token(TEST_SECRET, "township", "440103001000", "li"), TEST_SECRET)
    assert (officer.sub, officer.role, officer.region) == ("li", "township", "440103001000")
    assert officer.region_prefix == "440103001"


def _claims(**extra: object) -> dict[str, object]:
    return {
        "sub": "x",
        "role": "province",
        "region": "440000000000",
        "exp": datetime.now(UTC) + timedelta(minutes=5),
    } | extra


def _b64(data: dict[str, object]) -> str:
    raw = json.dumps(data, default=lambda d: int(d.timestamp())).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _hs512(claims: dict[str, object]) -> str:
    with warnings.catch_warnings():  # our test key is short for HS512; the point is the alg
        warnings.simplefilter("ignore")
        return jwt.encode(claims, TEST_SECRET, "HS512")


@pytest.mark.parametrize(
    "token",
    [
        jwt.encode(_claims(exp=datetime.now(UTC) - timedelta(seconds=5)), TEST_SECRET, "HS256"),
        jwt.encode(_claims(), "another-secret-of-enough-length-0123456789", "HS256"),
        _b64({"alg": "none", "typ": "JWT"}) + "." + _b64(_claims()) + ".",
        _hs512(_claims()),
        jwt.encode({k: v for k, v in _claims().items() if k != "exp"}, TEST_SECRET, "HS256"),
        jwt.encode(_claims(role="mayor"), TEST_SECRET, "HS256"),
        jwt.encode(_claims(region="99"), TEST_SECRET, "HS256"),
        "not.a.token",
        "",
    ],
    ids=[
        "expired",
        "wrong-key",
        "alg-none",
        "hs512",
        "no-exp",
        "bad-role",
        "bad-region",
        "garbage",
        "empty",
    ],
)
def test_bad_tokens_are_refused(token: str) -> None:
    with pytest.raises(InvalidToken):
        decode_token(token, TEST_SECRET)


def test_a_remembered_token_is_refused_once_it_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    token = mint_token(TEST_SECRET, "county", "440103000000", "wang", ttl_minutes=1)
    assert decode_token(token, TEST_SECRET).sub == "wang"  # verified, and now remembered
    later = datetime.now(UTC).timestamp() + 61
    monkeypatch.setattr("api.security.time.time", lambda: later)
    with pytest.raises(InvalidToken, match="expired"):
        decode_token(token, TEST_SECRET)


def test_a_remembered_token_is_not_valid_under_another_secret() -> None:
    token = mint_token(TEST_SECRET, "county", "440103000000", "wang")
    decode_token(token, TEST_SECRET)
    with pytest.raises(InvalidToken):
        decode_token(token, "another-secret-of-enough-length-0123456789")


@pytest.mark.parametrize("secret", [None, "changethis", "short-but-random-9x", "a" * 40])
def test_weak_or_missing_secrets_are_refused(secret: str | None) -> None:
    settings = Settings(_env_file=None, secret=secret)  # type: ignore[call-arg,arg-type]
    with pytest.raises(ConfigError, match="HHGRAPH_SECRET"):
        token_secret(settings)


def test_dev_mode_without_secret_warns_loudly_and_keeps_one_local_key(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, dev_mode=True, data_dir=tmp_path)  # type: ignore[call-arg]
    with pytest.warns(UserWarning, match="HHGRAPH_DEV_MODE"):
        first = token_secret(settings)
    with pytest.warns(UserWarning, match="HHGRAPH_DEV_MODE"):
        assert token_secret(settings) == first
    assert len(first) >= 32
    assert (tmp_path / "hhgraph-dev-secret").stat().st_mode & 0o777 == 0o600
