"""Shared fixtures. Real inputs: the seeds and gold data are read from ../shared, never copied."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import hypothesis
import pytest

from kroniek.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"
SAMPLES = ROOT / "samples"
SEED_NEWS = SEEDS / "000_52cbfcf192b59ab9.txt"
SEED_NARRATIVE = SEEDS / "004_673d561ad2e5bcf3.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    assert SHARED.is_dir(), f"{SHARED} is missing: the tests read the seeds and gold data from it"
    return SHARED


@pytest.fixture(scope="session")
def seed_narrative_text() -> str:
    return json.loads(SEED_NARRATIVE.read_text(encoding="utf-8"))


# -- databases: every test that uses ``db_url`` or ``store`` runs on SQLite and on PostgreSQL --------

# The PostgreSQL server the tests use (trust auth); its databases kroniek_t_<pid>_<hex> are the tests' own.
PG_ADMIN_URL = os.environ.get("KRONIEK_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgresql: runs against the PostgreSQL server (select with -k postgresql)")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


# Generated cases: random locally (to find new failures), the same ones in CI (so a landing is
# judged on the code, not on the draw). Local runs that find a failure print its blob to replay.
hypothesis.settings.register_profile("ci", derandomize=True)
if _in_ci():
    hypothesis.settings.load_profile("ci")


def _pg_connect(dbname: str | None = None):  # type: ignore[no-untyped-def]
    import psycopg

    conninfo = PG_ADMIN_URL if dbname is None else PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + dbname
    return psycopg.connect(conninfo, autocommit=True, connect_timeout=3)


def _pg_url(dbname: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + dbname


def _drop_stale(conn) -> None:  # type: ignore[no-untyped-def]
    """Drop test databases left by test sessions that died (their process is gone)."""
    stale = "SELECT datname FROM pg_database WHERE datname LIKE 'kroniek\\_t\\_%' OR datname LIKE 'kroniek\\_bench\\_%'"
    for (name,) in conn.execute(stale).fetchall():
        try:
            pid = int(name.split("_")[2])
            os.kill(pid, 0)
        except ProcessLookupError:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except (ValueError, IndexError, PermissionError):
            continue


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[object]:
    """An autocommit connection to the PostgreSQL server; skips when there is none, fails in CI."""
    try:
        conn = _pg_connect()
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "no server"
        message = f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc}"
        if _in_ci():
            pytest.fail(message + " (CI is set: the PostgreSQL run is required)", pytrace=False)
        pytest.skip(message)
    _drop_stale(conn)
    yield conn
    conn.close()


def pg_create_database(admin, migrate: bool = True) -> str:  # type: ignore[no-untyped-def]
    """Create a fresh database (migrated to head unless ``migrate`` is False); returns its URL."""
    name = f"kroniek_t_{os.getpid()}_{secrets.token_hex(4)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    url = _pg_url(name)
    if migrate:
        open_store(url).engine.dispose()
    return url


def pg_drop_database(admin, url: str) -> None:  # type: ignore[no-untyped-def]
    admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_database(pg_admin) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """One migrated database for the session; ``db_url`` empties it before each test."""
    url = pg_create_database(pg_admin)
    yield url
    pg_drop_database(pg_admin, url)


def _pg_reset(url: str) -> None:
    """Close what earlier tests left connected, then empty every table (ids restart at 1)."""
    name = url.rsplit("/", 1)[1]
    with _pg_connect() as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
    with _pg_connect(name) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
            )
        ]
        if tables:
            conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh, empty database for one test, once on SQLite and once on PostgreSQL.

    The SQLite one is a file outside tmp_path (which tests fill with inputs). The PostgreSQL one
    is the session's database, emptied before the test. Select a backend with -k sqlite / -k postgresql.
    """
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'kroniek.db'}"
    url: str = request.getfixturevalue("pg_database")
    _pg_reset(url)
    return url


@pytest.fixture
def store(db_url: str) -> Store:
    return open_store(db_url)
