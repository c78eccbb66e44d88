"""Where a webhook may point (webhooks.destination, SSRF): every address its host names is
public, or in a network the deployment allows; names are resolved (a fake resolver here)."""

import ipaddress
import socket
from typing import Any

import pytest

from webhooks import InvalidWebhook, check_destination
from webhooks.destination import addresses, allowed

INTERNAL = (ipaddress.ip_network("10.20.0.0/16"),)


def resolver(*found: str) -> Any:
    """A getaddrinfo that answers `found` for any name (and records what it was asked)."""
    asked: list[tuple[str, int]] = []

    def resolve(host: str, port: int, **_: Any) -> list[tuple[Any, ...]]:
        asked.append((host, port))
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in found]

    resolve.asked = asked  # type: ignore[attr-defined]
    return resolve


def nowhere(host: str, port: int, **_: Any) -> list[tuple[Any, ...]]:
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


@pytest.mark.parametrize(
    ("address", "ok"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("172.31.255.255", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("255.255.255.255", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("::ffff:10.0.0.1", False),  # IPv4-mapped: judged as the IPv4 address
        ("fd12::1", False),
        ("fe80::1", False),
        ("ff02::1", False),
    ],
)
def test_only_public_unicast_addresses_are_allowed_by_default(address: str, ok: bool) -> None:
    assert allowed(ipaddress.ip_address(address), ()) is ok


def test_a_listed_network_is_allowed_and_only_it() -> None:
    assert allowed(ipaddress.ip_address("10.20.3.4"), INTERNAL)
    assert allowed(ipaddress.ip_address("::ffff:10.20.3.4"), INTERNAL)
    assert not allowed(ipaddress.ip_address("10.21.3.4"), INTERNAL)


def test_a_name_is_judged_by_every_address_it_resolves_to() -> None:
    public = resolver("93.184.216.34")
    assert check_destination("https://hook.example.gov.cn/x", (), public)
    assert public.asked == [("hook.example.gov.cn", 443)]
    mixed = resolver("93.184.216.34", "10.0.0.5")  # one internal address is enough to refuse
    with pytest.raises(InvalidWebhook, match="not a public address"):
        check_destination("https://hook.example.gov.cn:8443/x", (), mixed)
    assert mixed.asked == [("hook.example.gov.cn", 8443)]
    assert check_destination("https://hook.example.gov.cn/x", INTERNAL, resolver("10.20.0.9"))


def test_a_name_that_resolves_to_nothing_is_refused() -> None:
    with pytest.raises(InvalidWebhook, match="does not resolve"):
        check_destination("https://nowhere.example/x", (), nowhere)
    with pytest.raises(InvalidWebhook, match="does not resolve"):
        check_destination("https://empty.example/x", (), resolver())


def test_an_address_literal_is_not_resolved() -> None:
    assert [str(a) for a in addresses("http://[::1]:8080/x", nowhere)] == ["::1"]
    assert [str(a) for a in addresses("https://93.184.216.34/x", nowhere)] == ["93.184.216.34"]


def test_the_refusal_names_the_host_and_no_address() -> None:
    with pytest.raises(InvalidWebhook) as refused:
        check_destination("https://intranet.example/x", (), resolver("10.9.8.7"))
    assert "intranet.example" in str(refused.value)
    assert "10.9.8.7" not in str(refused.value)  # the caller learns nothing of the network
