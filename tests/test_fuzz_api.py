"""The API under generated requests (schemathesis, from the app's own OpenAPI spec): no 5xx, ever.

The app runs in-process (ASGI) with a write token, so the writing endpoints are exercised too.
Also the feed and upload endpoints' own contract: refused URLs, duplicates, size limits, tokens.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from kroniek.config import Settings
from kroniek.ingest import Ingestor, read_path
from kroniek.web.app import create_app

TOKEN = "fuzz-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
UPLOAD_LIMIT = 200_000
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CASES: Counter[str] = Counter()
SECONDS: Counter[str] = Counter()


def make_app(db_url: str, **overrides: object) -> FastAPI:
    options = {"database_url": db_url, "api_token": TOKEN, "max_upload_bytes": UPLOAD_LIMIT} | overrides
    return create_app(db_url, Settings(**options))  # type: ignore[arg-type]


# The schema is read from the app at import time (schemathesis parametrizes by operation).
API_DB = Path(tempfile.mkdtemp(prefix="kroniek-fuzz-api-")) / "api.db"
atexit.register(shutil.rmtree, API_DB.parent, True)
API_APP = make_app(f"sqlite:///{API_DB}")
# /api/live is a Server-Sent Events stream that never ends by design: not a request-response operation.
schema = schemathesis.openapi.from_asgi("/openapi.json", API_APP).exclude(path="/api/live")


@pytest.fixture(scope="module")
def api_data(pytestconfig: pytest.Config) -> Iterator[None]:
    """Real documents, so reads by id, timelines and overviews have something to chew on; a count at the end."""
    Ingestor(API_APP.state.store).run(
        item for path in sorted(SAMPLES.glob("2022-02-2*.txt"))[:6] for item in read_path(path)
    )
    yield
    API_APP.state.store.engine.dispose()
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    total = sum(CASES.values())
    paths = {operation.split(" ", 1)[1] for operation in CASES}
    lines = [
        f"[fuzz] API (schemathesis): {total} generated requests to {len(paths)} paths "
        f"({len(CASES)} method and path pairs, unsupported methods included)"
    ]
    lines += [
        f"    {count:>5}  {operation} ({SECONDS[operation]:.1f} s)"
        for operation, count in sorted(CASES.items())
        if count > 1
    ]
    if total == 0:
        return
    with capture.global_and_fixture_disabled():
        print("\n" + "\n".join(lines))


@schema.parametrize()
@pytest.mark.usefixtures("api_data")
@settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_generated_requests_never_get_a_server_error(case) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    response = case.call(headers=AUTH)
    operation = f"{case.method} {case.path}"
    CASES[operation] += 1
    SECONDS[operation] += time.perf_counter() - started
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:300]}\n"
        f"reproduce: {case.as_curl_command()}"
    )


# -- the feed and upload endpoints' contract ---------------------------------------------


@pytest.fixture
def client(db_url: str) -> TestClient:
    return TestClient(make_app(db_url))


def test_feeds_add_list_delete_and_refusals(client: TestClient) -> None:
    assert client.post("/api/feeds", json={"url": "https://8.8.8.8/rss"}).status_code == 401
    created = client.post("/api/feeds", json={"url": "https://8.8.8.8/rss", "interval_seconds": 600}, headers=AUTH)
    assert created.status_code == 201, created.text
    feed = created.json()
    assert feed["url"] == "https://8.8.8.8/rss" and feed["interval_seconds"] == 600 and feed["failures"] == 0
    duplicate = client.post("/api/feeds", json={"url": "https://8.8.8.8/rss"}, headers=AUTH)
    assert duplicate.status_code == 409 and "already watched" in duplicate.json()["detail"]
    for url in (
        "http://127.0.0.1:8000/rss",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/feed",
        "http://[::1]/feed",
        "file:///etc/passwd",
        "gopher://example.org/",
        "http://user:pass@8.8.8.8/rss",
    ):
        refused = client.post("/api/feeds", json={"url": url}, headers=AUTH)
        assert refused.status_code == 422, url
        assert "refused" in refused.json()["detail"] and url in refused.json()["detail"]
    assert (
        client.post("/api/feeds", json={"url": "https://8.8.8.8/x", "interval_seconds": 5}, headers=AUTH).status_code
        == 422
    )
    assert [f["url"] for f in client.get("/api/feeds").json()] == ["https://8.8.8.8/rss"]
    assert client.delete(f"/api/feeds/{feed['id']}").status_code == 401
    assert client.delete(f"/api/feeds/{feed['id']}", headers=AUTH).status_code == 204
    assert client.delete(f"/api/feeds/{feed['id']}", headers=AUTH).status_code == 404
    assert client.get("/api/feeds").json() == []


def test_private_feed_urls_pass_when_the_server_allows_them(db_url: str) -> None:
    client = TestClient(make_app(db_url, allow_private_urls=True))
    response = client.post("/api/feeds", json={"url": "http://127.0.0.1:8000/rss"}, headers=AUTH)
    assert response.status_code == 201
    assert client.post("/api/feeds", json={"url": "file:///etc/passwd"}, headers=AUTH).status_code == 422


def test_upload_reports_per_file_and_enforces_the_size_limit(client: TestClient) -> None:
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    files = [
        ("files", (sample.name, sample.read_bytes(), "text/plain")),
        ("files", ("kapot.json", b"{kapot", "application/json")),
        ("files", ("leeg.txt", b"   ", "text/plain")),
        ("files", ("binair.bin", bytes(range(256)) * 4, "application/octet-stream")),
    ]
    assert client.post("/api/ingest", files=files).status_code == 401
    response = client.post("/api/ingest", files=files, headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["added"]) == 1
    assert sorted(e["origin"].split(":")[0] for e in body["errors"]) == ["binair.bin", "kapot.json", "leeg.txt"]
    assert all(e["message"] for e in body["errors"])
    again = client.post("/api/ingest", files=files[:1], headers=AUTH).json()
    assert again["added"] == [] and len(again["duplicates"]) == 1

    big = client.post(
        "/api/ingest", files=[("files", ("groot.txt", b"a" * (UPLOAD_LIMIT * 2), "text/plain"))], headers=AUTH
    )
    assert big.status_code == 413 and "too large" in big.json()["detail"]
    just_over = b"Een zin. " * (UPLOAD_LIMIT // 9 + 10)  # over the per-file limit, within the framing allowance
    per_file = client.post("/api/ingest", files=[("files", ("net.txt", just_over, "text/plain"))], headers=AUTH)
    assert per_file.status_code == 200 and "too large" in per_file.json()["errors"][0]["message"]
    assert client.post("/api/ingest", data={"x": "y"}, headers=AUTH).status_code == 422
    many = [("files", (f"{i}.txt", b"Een zin.", "text/plain")) for i in range(101)]
    too_many = client.post("/api/ingest", files=many, headers=AUTH)
    assert too_many.status_code == 400 and "Too many files" in too_many.text
    raw = client.post(
        "/api/ingest", content=b"no multipart", headers=AUTH | {"Content-Type": "multipart/form-data; boundary=x"}
    )
    assert raw.status_code in (400, 422)


def test_upload_without_content_length_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'--x\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nHallo.\r\n--x--\r\n'

    response = client.post(
        "/api/ingest", content=chunks(), headers=AUTH | {"Content-Type": "multipart/form-data; boundary=x"}
    )
    assert response.status_code == 411
