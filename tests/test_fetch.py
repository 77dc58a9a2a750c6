"""Safe fetching: refused URLs, redirects to refused hosts, DNS rebinding, size limits, time-outs."""

from __future__ import annotations

import ipaddress
import time
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kroniek.ingest import fetch
from kroniek.ingest.fetch import Fetcher, FetchError, RefusedURL, check_url
from localweb import LocalWeb, Page

# Every input here is refused; the test prints the list so the report can quote it.
REFUSED = [
    ("http://127.0.0.1/feed.xml", "loopback"),
    ("http://127.1/", "loopback"),
    ("http://2130706433/", "loopback"),
    ("http://0x7f.0.0.1/", "loopback"),
    ("http://localhost:8000/rss", "local name"),
    ("http://intranet.localhost/", "local name"),
    ("http://10.1.2.3/rss", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://172.16.0.5/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://100.64.0.1/", "non-public"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://224.0.0.251/", "multicast"),
    ("http://240.0.0.1/", "reserved"),
    ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://[::ffff:10.0.0.1]/", "private"),
    ("http://[fe80::1]/", "link-local"),
    ("http://[fc00::1]/", "private"),
    ("http://[::]/", "unspecified"),
    ("http://[ff02::1]/", "multicast"),
    ("file:///etc/passwd", "only http and https"),
    ("gopher://example.org:70/", "only http and https"),
    ("ftp://example.org/feed.xml", "only http and https"),
    ("javascript:alert(1)", "only http and https"),
    ("data:text/html,<script>alert(1)</script>", "only http and https"),
    ("//example.org/feed", "no scheme"),
    ("http://user:pass@example.org/feed", "user name or password"),
    ("http://user@example.org/feed", "user name or password"),
    ("http:///feed", "no host"),
    ("http://exa mple.org/", "white space"),
    ("http://example.org:99999/", "not a valid URL"),
    ("", "empty"),
    ("http://nonexistent.invalid/feed", "cannot be resolved"),
]


@pytest.mark.parametrize(("url", "reason"), REFUSED)
def test_refused_urls_are_refused_with_a_clear_reason(url: str, reason: str) -> None:
    with pytest.raises(RefusedURL) as info:
        check_url(url, allow_private=False)
    message = str(info.value)
    assert reason in message
    assert message.startswith(url[:80]) or not url


def test_refused_inputs_list_is_printed_for_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    refused = []
    for url, _reason in REFUSED:
        try:
            check_url(url, allow_private=False)
        except RefusedURL as exc:
            refused.append(str(exc))
    with capsys.disabled():
        print(f"\n[fetch] {len(refused)} refused inputs:")
        for line in refused:
            print("  ", line)
    assert len(refused) == len(REFUSED)


def test_private_addresses_pass_when_allowed_but_schemes_and_credentials_never() -> None:
    assert check_url("http://127.0.0.1:8000/feed", allow_private=True) == "http://127.0.0.1:8000/feed"
    assert check_url("http://[::1]/", allow_private=True)
    with pytest.raises(RefusedURL):
        check_url("file:///etc/passwd", allow_private=True)
    with pytest.raises(RefusedURL):
        check_url("http://a:b@127.0.0.1/", allow_private=True)


def test_public_literal_address_is_accepted() -> None:
    assert check_url("https://8.8.8.8/feed", allow_private=False)
    assert check_url("https://[2001:4860:4860::8888]/", allow_private=False)


@pytest.fixture
def web():
    with LocalWeb() as server:
        yield server


def fetcher(**kwargs) -> Fetcher:
    kwargs.setdefault("allow_private", True)
    kwargs.setdefault("host_delay", 0)
    kwargs.setdefault("timeout", 5)
    return Fetcher(**kwargs)


def test_fetch_sends_user_agent_and_conditional_headers_and_sees_304(web: LocalWeb) -> None:
    web.pages["/a"] = Page(b"<p>hallo</p>", etag='"v1"', last_modified="Mon, 21 Feb 2022 10:00:00 GMT")
    with fetcher() as f:
        first = f.get(web.url("/a"))
        assert first.status == 200 and first.content == b"<p>hallo</p>" and first.etag == '"v1"'
        again = f.get(web.url("/a"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.status == 304 and again.content == b""
    sent = web.hits("/a")
    assert sent[0]["user-agent"].startswith("Kroniek/")
    assert sent[1]["if-none-match"] == '"v1"'
    assert sent[1]["if-modified-since"] == "Mon, 21 Feb 2022 10:00:00 GMT"


def test_loopback_server_is_refused_without_permission(web: LocalWeb) -> None:
    web.pages["/a"] = Page(b"secret")
    with fetcher(allow_private=False) as f, pytest.raises(RefusedURL, match="loopback"):
        f.get(web.url("/a"))
    assert web.requests == []  # not even one request reached the server


def test_redirect_hops_are_checked(web: LocalWeb) -> None:
    web.pages["/hop"] = Page(status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    web.pages["/to-file"] = Page(status=301, headers={"Location": "file:///etc/passwd"})
    web.pages["/ok"] = Page(status=302, headers={"Location": "/final"})
    web.pages["/final"] = Page(b"<p>eind</p>")
    web.pages["/loop"] = Page(status=302, headers={"Location": "/loop"})
    with fetcher() as f:
        assert f.get(web.url("/ok")).content == b"<p>eind</p>"
        assert f.get(web.url("/ok")).url == web.url("/final")
        with pytest.raises(RefusedURL, match="only http and https"):
            f.get(web.url("/to-file"))
        with pytest.raises(FetchError, match="more than 5 redirects"):
            f.get(web.url("/loop"))


def test_redirect_to_private_address_is_refused_at_the_hop(web: LocalWeb, monkeypatch: pytest.MonkeyPatch) -> None:
    """The local server stands in for a public site (its address passes); its redirect does not."""
    web.pages["/hop"] = Page(status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    original = fetch._check_addresses
    monkeypatch.setattr(
        fetch,
        "_check_addresses",
        lambda url, host, addresses, allow: (
            None if list(addresses) == ["127.0.0.1"] else original(url, host, addresses, allow)
        ),
    )
    with fetcher(allow_private=False) as f, pytest.raises(RefusedURL, match="link-local"):
        f.get(web.url("/hop"))
    assert len(web.hits("/hop")) == 1


def test_dns_rebinding_is_caught_at_connect_time(web: LocalWeb, monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that resolves to a public address when checked and to loopback when connecting."""
    web.pages["/a"] = Page(b"secret")
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])
    monkeypatch.setattr(fetch, "_resolve", lambda host, port: next(answers))
    with fetcher(allow_private=False) as f, pytest.raises(RefusedURL, match="loopback"):
        f.get(f"http://rebind.example:{web.port}/a")
    assert web.requests == []


def test_size_limit_while_streaming(web: LocalWeb) -> None:
    web.pages["/big"] = Page(b"x" * 200_000)
    web.pages["/big-no-length"] = Page(b"x" * 200_000, send_length=False)
    web.pages["/endless"] = Page(endless=True)
    with fetcher(max_bytes=100_000) as f:
        with pytest.raises(FetchError, match="too large: 200,000 bytes declared"):
            f.get(web.url("/big"))
        with pytest.raises(FetchError, match="too large: more than 100,000 bytes"):
            f.get(web.url("/big-no-length"))
        with pytest.raises(FetchError, match="too large"):
            f.get(web.url("/endless"))
        assert len(f.get(web.url("/big"), max_bytes=300_000).content) == 200_000


def test_slow_server_times_out(web: LocalWeb) -> None:
    web.pages["/slow"] = Page(b"<p>laat</p>", delay=3)
    web.pages["/drip"] = Page(b"x" * 100, drip=0.05)
    with fetcher(timeout=1) as f:
        started = time.monotonic()
        with pytest.raises(FetchError, match="timed out"):
            f.get(web.url("/slow"))
        with pytest.raises(FetchError, match="timed out after 1 s"):
            f.get(web.url("/drip"))  # every byte in time, the whole far too late
        assert time.monotonic() - started < 4


def test_http_errors_and_unreachable_hosts_are_fetch_errors(web: LocalWeb) -> None:
    web.pages["/gone"] = Page(b"weg", status=410)
    with fetcher() as f:
        with pytest.raises(FetchError, match="HTTP 410") as info:
            f.get(web.url("/gone"))
        assert info.value.status == 410
        closed = f"http://127.0.0.1:{_closed_port()}/"
        with pytest.raises(FetchError, match="network error") as info:
            f.get(closed)
        assert str(info.value).startswith(closed)


def test_same_host_requests_are_spaced(web: LocalWeb) -> None:
    web.pages["/a"] = Page(b"a")
    with fetcher(host_delay=0.3) as f:
        started = time.monotonic()
        for _ in range(3):
            f.get(web.url("/a"))
    assert time.monotonic() - started >= 0.6


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


hosts = st.one_of(
    st.ip_addresses().map(lambda ip: f"[{ip}]" if ip.version == 6 else str(ip)),
    st.sampled_from(["localhost", "example.org", "a.localhost", "x.internal", "127.1", "0x7f000001", ""]),
    st.text(max_size=20),
)
urls = st.one_of(
    st.builds(
        lambda scheme, userinfo, host, port, path: f"{scheme}://{userinfo}{host}{port}{path}",
        st.sampled_from(["http", "https", "HTTP", "ftp", "file", "gopher", "javascript", ""]),
        st.sampled_from(["", "", "user@", "user:pass@", ":@"]),
        hosts,
        st.sampled_from(["", ":80", ":8080", ":0", ":99999", ":x"]),
        st.text(max_size=20),
    ),
    st.text(max_size=60),
)


def test_check_url_on_generated_urls(capsys: pytest.CaptureFixture[str]) -> None:
    """Whatever the URL: either refused with a reason that names it, or http(s) to a public literal address."""
    count = 0

    @settings(max_examples=1500, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(url=urls)
    def prop(url: str) -> None:
        nonlocal count
        count += 1
        try:
            accepted = check_url(url, allow_private=False, resolve=False)
        except RefusedURL as exc:
            assert str(exc).startswith(url[:80]) and "refused" in exc.message
            return
        parts = urlsplit(accepted)
        assert parts.scheme.lower() in ("http", "https") and parts.hostname and "@" not in parts.netloc
        try:
            ip = ipaddress.ip_address(parts.hostname)
        except ValueError:
            return  # a name: checked when resolved, at fetch time
        assert ip.is_global and not ip.is_multicast, accepted

    prop()
    with capsys.disabled():
        print(f"\n[fuzz] check_url: {count} generated cases")
    assert count >= 1200


def test_page_text_follows_the_declared_charset_or_falls_back(web: LocalWeb) -> None:
    web.pages["/latin"] = Page(
        '<meta charset="iso-8859-1"><p>Kyïv, café</p>'.encode("latin-1"), content_type="text/html"
    )
    web.pages["/cp1252"] = Page("<p>“Kyïv” – café</p>".encode("cp1252"), content_type="text/html")
    web.pages["/utf8"] = Page("<p>Київ</p>".encode(), content_type="text/html; charset=utf-8")
    with fetcher() as f:
        assert "Kyïv, café" in f.get(web.url("/latin")).text
        assert "“Kyïv” – café" in f.get(web.url("/cp1252")).text
        assert "Київ" in f.get(web.url("/utf8")).text
