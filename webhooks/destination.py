"""Where a webhook may point: public addresses only, unless a setting allows a network (SSRF).

A department's administrator chooses the URL, and the server then POSTs to it from inside the
platform's network. Without a check a URL could aim those POSTs at the server itself
(`127.0.0.1`, Neo4j's ports), at the cloud metadata service (`169.254.169.254`) or at any
internal host, and the delivery's errors (`ConnectError`, `HTTP 404`, in the dead-letter list)
would tell the caller what answers there. So every address a URL's host names (an address
literal, or each address its name resolves to) must be public (`ipaddress`'s `is_global`, not
multicast), or inside a network of `HHGRAPH_WEBHOOK_ALLOW_NETWORKS` (a deployment whose
receivers sit on an internal network lists it; the tests list loopback).

The check runs at registration (the API answers 422) and again before every POST (a name that
resolved to a public address may resolve to a private one later: DNS rebinding). Between that
second check and httpx's own lookup a name could still change; docs/webhooks.md says so.
"""

import ipaddress
import socket
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from webhooks.errors import InvalidWebhook

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[..., Sequence[tuple[Any, ...]]]  # socket.getaddrinfo's shape
DEFAULT_PORTS = {"http": 80, "https": 443}


def _plain(address: Address) -> Address:
    """An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) as the IPv4 address it carries:
    Python 3.11 calls the mapped form global whatever it maps."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def allowed(address: Address, networks: Iterable[Network]) -> bool:
    """Whether a webhook may be posted to `address`: a public unicast address, or one inside
    a network the deployment allows."""
    plain = _plain(address)
    if any(plain in network for network in networks):
        return True
    return plain.is_global and not plain.is_multicast


def addresses(url: str, resolve: Resolver = socket.getaddrinfo) -> list[Address]:
    """Every address the host of `url` names: itself if it is an address, else what it
    resolves to now; `InvalidWebhook` if it resolves to nothing."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        return [ipaddress.ip_address(host.split("%")[0])]
    except ValueError:
        pass  # a name: resolve it
    port = parts.port or DEFAULT_PORTS.get(parts.scheme, 443)
    try:
        infos = resolve(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise InvalidWebhook(f"the webhook host {host} does not resolve") from exc
    found = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not found:
        raise InvalidWebhook(f"the webhook host {host} does not resolve")
    return found


def check_destination(
    url: str, networks: Iterable[Network], resolve: Resolver = socket.getaddrinfo
) -> str:
    """`url` if every address its host names is allowed (`allowed`), else `InvalidWebhook`
    naming the host only: the caller learns nothing of the internal network."""
    allowed_networks = tuple(networks)
    refused = [a for a in addresses(url, resolve) if not allowed(a, allowed_networks)]
    if refused:
        host = urlsplit(url).hostname
        raise InvalidWebhook(
            f"the webhook host {host} is not a public address (loopback, private, link-local "
            "and reserved addresses are refused unless HHGRAPH_WEBHOOK_ALLOW_NETWORKS lists them)"
        )
    return url
