"""Bearer tokens and the refusal of weak secrets (CONTRACT §3)."""

import base64
import json
import warnings
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.security import LEEWAY_S, decode_token, mint_token
from core.errors import ConfigError, InvalidToken
from core.settings import Settings, audit_key, token_secret
from graph.db import Graph
from tests.helpers import TEST_SECRET, bearer
from tests.loaders import family
from tests.scoring.test_score import load


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
    later = datetime.now(UTC).timestamp() + 61 + LEEWAY_S
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


def _signed(**claims: object) -> str:
    """A token signed with the test key, issued now unless `iat` says otherwise (None: no
    iat at all). Built when a test runs: a suite takes minutes."""
    base = {"sub": "x", "role": "county", "region": "440103000000", "iat": _now()}
    merged = {k: v for k, v in (base | claims).items() if v is not None}
    return jwt.encode(merged, TEST_SECRET, "HS256")


def _now() -> int:
    return int(datetime.now(UTC).timestamp())


BAD_NUMBERS: dict[str, Callable[[int], dict[str, object]]] = {
    "exp-string": lambda t: {"exp": str(t + 300)},  # PyJWT alone takes a string of digits
    "iat-boolean": lambda t: {"exp": t + 300, "iat": True},  # PyJWT reads true as 1 (1970)
    "iat-string": lambda t: {"exp": t + 300, "iat": str(t)},
    "no-iat": lambda t: {"exp": t + 300, "iat": None},  # its lifetime cannot be told
    "nbf-string": lambda t: {"exp": t + 300, "nbf": "0"},
}


@pytest.mark.parametrize("claims", BAD_NUMBERS.values(), ids=BAD_NUMBERS.keys())
def test_issue14_item15_exp_and_iat_are_numbers_only(
    claims: Callable[[int], dict[str, object]],
) -> None:
    with pytest.raises(InvalidToken):
        decode_token(_signed(**claims(_now())), TEST_SECRET)


def test_issue14_item15_a_token_may_not_outlive_the_servers_maximum() -> None:
    day, now = 24 * 3600, _now()
    assert decode_token(_signed(exp=now + day), TEST_SECRET).sub == "x"
    with pytest.raises(InvalidToken, match="longer"):
        decode_token(_signed(exp=now + day + 60), TEST_SECRET)
    with pytest.raises(InvalidToken, match="longer"):
        decode_token(_signed(exp=now + 3600), TEST_SECRET, max_lifetime_s=1800)


def test_issue14_item15_clocks_may_differ_by_a_small_leeway() -> None:
    now = _now()
    slightly_late = _signed(iat=now - 600, exp=now - LEEWAY_S // 2)
    minted_ahead = _signed(iat=now + LEEWAY_S // 2, exp=now + 600)
    assert decode_token(slightly_late, TEST_SECRET).sub == "x"
    assert decode_token(minted_ahead, TEST_SECRET).sub == "x"
    with pytest.raises(InvalidToken):
        decode_token(_signed(iat=now - 600, exp=now - 2 * LEEWAY_S), TEST_SECRET)
    with pytest.raises(InvalidToken):
        decode_token(_signed(iat=now + 2 * LEEWAY_S, exp=now + 600), TEST_SECRET)


@pytest.mark.parametrize("region", ["٤٤٠١٠٣", "４４０１０３"], ids=["arabic-indic", "full-width"])
def test_issue14_item15_a_region_is_6_or_12_ascii_digits(region: str) -> None:
    with pytest.raises(InvalidToken):
        decode_token(_signed(exp=_now() + 300, region=region), TEST_SECRET)


def test_issue14_item15_a_token_over_a_region_that_does_not_exist_is_401(
    client: TestClient, graph: Graph
) -> None:
    # A fresh database, before its regions feed: any well-formed region passes.
    assert (
        client.get("/v1/households/H1", headers=bearer("county", "440199000000")).status_code == 404
    )
    load(graph, "regions", family.regions())
    refused = client.get("/v1/households/H1", headers=bearer("county", "440199000000"))
    assert (refused.status_code, refused.headers["www-authenticate"]) == (401, "Bearer")
    known = client.get("/v1/households/H1", headers=bearer("county", "440103000000"))
    assert known.status_code == 404  # a region, and no household H1 in it


def test_issue14_item15_repeated_bad_tokens_from_one_address_are_refused_for_a_while(
    graph: Graph, settings: Settings
) -> None:
    app = create_app(settings.model_copy(update={"bad_token_limit": 3}), graph)
    guesser = TestClient(app, client=("10.0.0.7", 40000))
    bad = {"Authorization": "Bearer " + mint_token("x" * 40, "province", "440000000000", "x")}
    assert [guesser.get("/v1/warnings", headers=bad).status_code for _ in range(3)] == [401] * 3
    limited = guesser.get("/v1/warnings", headers=bearer("province"))  # even a good token
    assert limited.status_code == 429
    assert limited.headers["content-type"] == "application/problem+json"
    assert 0 < int(limited.headers["retry-after"]) <= 60
    other = TestClient(app, client=("10.0.0.8", 40000))
    assert other.get("/v1/warnings", headers=bearer("province")).status_code == 200


@pytest.mark.parametrize("key", [None, "changethis", "short-but-random-9x", "a" * 40, TEST_SECRET])
def test_issue14_item8_the_audit_key_is_refused_like_the_secret(key: str | None) -> None:
    settings = Settings(_env_file=None, secret=TEST_SECRET, audit_key=key)  # type: ignore[call-arg,arg-type]
    with pytest.raises(ConfigError, match="HHGRAPH_AUDIT_KEY"):
        audit_key(settings)
    with pytest.raises(ConfigError, match="HHGRAPH_AUDIT_KEY"):
        create_app(settings)  # the API does not start without a real one


def test_issue14_item8_dev_mode_keeps_a_local_audit_key(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, dev_mode=True, data_dir=tmp_path)  # type: ignore[call-arg]
    with pytest.warns(UserWarning, match="HHGRAPH_AUDIT_KEY"):
        first = audit_key(settings)
    with pytest.warns(UserWarning, match="HHGRAPH_DEV_MODE"):
        assert audit_key(settings) == first
    assert (tmp_path / "hhgraph-dev-audit-key").stat().st_mode & 0o777 == 0o600
    with pytest.warns(UserWarning, match="HHGRAPH_SECRET"):
        assert first != token_secret(settings)
