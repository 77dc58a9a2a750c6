"""Fetching from the open web, safely: refused addresses, size limits, time-outs, politeness.

A desk runs unattended and follows links it did not choose, so every fetch

* accepts only ``http``/``https`` URLs without credentials in them;
* refuses hosts on loopback, private, link-local, multicast, reserved or unspecified
  addresses (IPv4 and IPv6, IPv4-mapped included) unless the configuration allows them —
  checked when the URL is given, on every redirect hop, and again on the address the
  connection is actually opened to, so a name that resolves differently the second time
  (DNS rebinding) is still caught;
* stops reading at a size limit while streaming, and gives up after a connect, read and
  total time-out;
* says who it is (User-Agent), sends conditional headers (ETag, Last-Modified) when it has
  them, and waits a moment between requests to the same host.

Every failure is a :class:`FetchError` that names the URL.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("kroniek")
    except Exception:  # noqa: BLE001 - a source checkout without metadata
        return "dev"


USER_AGENT = f"Kroniek/{_version()} (news desk feed reader; +https://github.com/kroniek/kroniek)"
MAX_FETCH_BYTES = 5 * 1024 * 1024  # a news page or feed larger than this is not one
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 20.0  # seconds, for the whole fetch; connect and read get less
HOST_DELAY = 1.0  # seconds between two requests to the same host

ALLOWED_SCHEMES = ("http", "https")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


class FetchError(Exception):
    """A fetch that failed; ``str()`` names the URL and says why."""

    def __init__(self, url: str, message: str, status: int | None = None, retry_after: str | None = None) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.message = message
        self.status = status
        self.retry_after = retry_after  # the server's Retry-After header, if it sent one


class RefusedURL(FetchError, ValueError):
    """A URL the desk will not fetch (scheme, credentials, or a private or loopback address)."""


def _address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is not on the public internet, or None if it is."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is not None:
            problem = _address_problem(inner)
            if problem:
                return problem
        if ip in ipaddress.IPv6Network("64:ff9b::/96"):  # NAT64 wraps an IPv4 address
            problem = _address_problem(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
            if problem:
                return problem
    for attribute, label in (
        ("is_loopback", "loopback"),
        ("is_unspecified", "unspecified"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_reserved", "reserved"),
        ("is_private", "private"),
    ):
        if getattr(ip, attribute):
            return label
    if not ip.is_global:
        return "non-public (special-purpose)"
    return None


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise OSError(f"host {host!r} cannot be resolved ({exc})") from exc
    seen: list[str] = []
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        if address not in seen:
            seen.append(address)
    return seen


def _check_addresses(url: str, host: str, addresses: Iterable[str], allow_private: bool) -> None:
    if allow_private:
        return
    for address in addresses:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            raise RefusedURL(url, f"host {host!r} resolves to {address!r}, not an IP address") from None
        problem = _address_problem(ip)
        if problem:
            raise RefusedURL(
                url,
                f"refused: host {host!r} is at {ip}, {'an' if problem[0] in 'aeiou' else 'a'} {problem} address "
                "(set KRONIEK_ALLOW_PRIVATE_URLS=1 to allow private addresses)",
            )


def check_url(url: str, *, allow_private: bool, resolve: bool = True) -> str:
    """Return ``url`` if the desk may fetch it (or post to it), else raise :class:`RefusedURL`.

    Refused: schemes other than http(s), user names or passwords in the URL, no host, and —
    unless ``allow_private`` — hosts that are, or resolve to, loopback, private, link-local,
    multicast, reserved or unspecified addresses. With ``resolve`` the host name is looked up
    (a name that cannot be resolved is refused too); without it only literal addresses and
    ``localhost`` are checked.
    """
    if not isinstance(url, str) or not url.strip():
        raise RefusedURL(str(url), "refused: empty URL")
    if len(url) > 2000:
        raise RefusedURL(url[:80] + "...", f"refused: URL is {len(url)} characters long (limit 2000)")
    if any(ord(ch) < 33 or ch == "\x7f" for ch in url):
        raise RefusedURL(url, "refused: URL holds white space or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise RefusedURL(url, f"refused: not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        if not scheme:
            raise RefusedURL(url, "refused: URL has no scheme (only http and https URLs are fetched)")
        raise RefusedURL(url, f"refused: only http and https URLs are fetched, not {scheme}:")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise RefusedURL(url, "refused: URLs with a user name or password are not fetched")
    host = parts.hostname
    if not host:
        raise RefusedURL(url, "refused: URL has no host")
    port = port or (443 if scheme == "https" else 80)
    if allow_private:
        return url
    try:
        literal: ipaddress.IPv4Address | ipaddress.IPv6Address | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        _check_addresses(url, host, [str(literal)], allow_private)
        return url
    lowered = host.rstrip(".").lower()
    if lowered == "localhost" or lowered.endswith((".localhost", ".local", ".internal")):
        raise RefusedURL(
            url, f"refused: host {host!r} is a local name (set KRONIEK_ALLOW_PRIVATE_URLS=1 to allow private addresses)"
        )
    if resolve:
        try:
            addresses = _resolve(host, port)
        except OSError as exc:
            raise RefusedURL(url, f"refused: {exc}") from None
        _check_addresses(url, host, addresses, allow_private)
    return url


class _GuardedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to vetted addresses: the check is on the address used."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = _resolve(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        _check_addresses(f"{host}:{port}", host, addresses, self.allow_private)
        last: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def guarded_transport(allow_private: bool) -> httpx.HTTPTransport:
    """An httpx transport whose every connection goes through the address check."""
    transport = httpx.HTTPTransport(retries=0, trust_env=False)
    pool = transport._pool  # noqa: SLF001 - httpx has no public hook for the network backend
    transport._pool = httpcore.ConnectionPool(  # noqa: SLF001
        ssl_context=pool._ssl_context,  # noqa: SLF001
        max_connections=10,
        max_keepalive_connections=5,
        network_backend=_GuardedBackend(allow_private),
    )
    return transport


@dataclass
class Fetched:
    """A fetched resource; ``not_modified`` when the server answered 304 to a conditional GET."""

    url: str
    status: int
    content: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    not_modified: bool = False
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The body as text: the charset the server or the page declares, else UTF-8, else Windows-1252."""
        declared = _CHARSET.search(self.content_type or "") or _CHARSET.search(
            self.content[:2048].decode("ascii", "replace")
        )
        for charset in ([declared.group(1)] if declared else []) + ["utf-8", "cp1252"]:
            try:
                return self.content.decode(charset)
            except (LookupError, UnicodeDecodeError):
                continue
        return self.content.decode("utf-8", errors="replace")


class Fetcher:
    """A polite, bounded HTTP client. Use as a context manager or call :meth:`close`."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = MAX_FETCH_BYTES,
        host_delay: float = HOST_DELAY,
        user_agent: str = USER_AGENT,
        max_redirects: int = MAX_REDIRECTS,
    ) -> None:
        self.allow_private = allow_private
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.host_delay = host_delay
        self.max_redirects = max_redirects
        self._last_request: dict[str, float] = {}
        self._client = httpx.Client(
            transport=guarded_transport(allow_private),
            timeout=httpx.Timeout(timeout, connect=min(10.0, timeout), read=min(15.0, timeout)),
            follow_redirects=False,
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _wait_for_host(self, host: str) -> None:
        if self.host_delay <= 0:
            return
        last = self._last_request.get(host)
        if last is not None:
            pause = self.host_delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last_request[host] = time.monotonic()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
        max_bytes: int | None = None,
    ) -> Fetched:
        """GET ``url``, following up to ``max_redirects`` redirects, each hop checked.

        Raises :class:`RefusedURL` for refused URLs and :class:`FetchError` for everything
        else that goes wrong (time-outs, too large, HTTP errors, network errors).
        """
        limit = self.max_bytes if max_bytes is None else max_bytes
        deadline = time.monotonic() + self.timeout
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        current = url
        for _hop in range(self.max_redirects + 1):
            check_url(current, allow_private=self.allow_private)
            self._wait_for_host(urlsplit(current).hostname or "")
            try:
                with self._client.stream("GET", current, headers=headers) as response:
                    if response.status_code in (301, 302, 303, 307, 308):
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(current, f"HTTP {response.status_code} redirect without a Location")
                        current = urljoin(current, location)
                        continue
                    return self._read(url, current, response, limit, deadline)
            except FetchError:
                raise
            except httpx.TimeoutException as exc:
                raise FetchError(url, f"timed out after {self.timeout:g} s ({type(exc).__name__})") from None
            except httpx.HTTPError as exc:
                raise FetchError(url, f"network error: {type(exc).__name__}: {exc}") from None
        raise FetchError(url, f"more than {self.max_redirects} redirects")

    def _read(self, url: str, final: str, response: httpx.Response, limit: int, deadline: float) -> Fetched:
        status = response.status_code
        meta = {
            "url": final,
            "status": status,
            "etag": response.headers.get("etag"),
            "last_modified": response.headers.get("last-modified"),
            "content_type": response.headers.get("content-type"),
            "headers": {k.lower(): v for k, v in response.headers.items()},
        }
        if status == 304:
            return Fetched(**meta, not_modified=True)
        if status >= 400:
            raise FetchError(
                url,
                f"HTTP {status} {response.reason_phrase}".rstrip(),
                status=status,
                retry_after=response.headers.get("retry-after"),
            )
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"too large: {int(declared):,} bytes declared (limit {limit:,})")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"too large: more than {limit:,} bytes (limit {limit:,})")
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {self.timeout:g} s (total time limit)")
            chunks.append(chunk)
        return Fetched(**meta, content=b"".join(chunks))
