"""The kroniek command: every subcommand documented, the database chosen by --db or the environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from conftest import SEED_NEWS, SEEDS
from kroniek.cli import app
from kroniek.ingest import Ingestor, IngestReport, read_path
from kroniek.model import Document
from kroniek.store import open_store

runner = CliRunner()
SUBCOMMANDS = ["ingest", "extract", "timeline", "overview", "search", "serve"]


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_has_help(name: str) -> None:
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_ingest_uses_the_environment_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("KRONIEK_DATABASE_URL", url)
    result = runner.invoke(app, ["ingest", "--quiet", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "2 added, 0 duplicates skipped, 0 failed" in result.output
    assert open_store(url).count("documents") == 2


def test_ingest_default_database_is_kroniek_db_in_working_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KRONIEK_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["ingest", "-q", str(SEED_NEWS)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kroniek.db").is_file()


def test_ingest_exit_status_counts_failures(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(" date 2022-02-26\nIn Charkov wordt gevochten.")
    (tmp_path / "kapot.bin").write_bytes(b"\x00\x01\x02" * 100)
    db = tmp_path.parent / f"{tmp_path.name}-x.db"
    result = runner.invoke(app, ["ingest", "-q", "--db", f"sqlite:///{db}", str(tmp_path)])
    assert result.exit_code == 1
    assert "1 added, 0 duplicates skipped, 1 failed" in result.output
    assert "kapot.bin" in result.output


def _column(store, name: str) -> list:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return list(conn.execute(text(f"SELECT {name} FROM events")).scalars())


def test_ingest_adds_to_the_events_catches_up_and_rebuilds(db_url: str) -> None:
    samples = Path(__file__).parents[1] / "samples"

    def ingest(*args: str) -> str:
        result = runner.invoke(app, ["ingest", "-q", "--db", db_url, *args])
        assert result.exit_code == 0, result.output
        return result.output

    assert "developments new or updated" in ingest(str(samples / "2022-02-25-slangeneiland.txt"))
    store = open_store(db_url)
    ids = set(_column(store, "id"))
    assert ids
    # a new report joins the events or opens new ones: the events already stored keep their ids
    ingest(str(samples / "2022-02-26-swift.txt"))
    assert ids < set(_column(store, "id"))
    # a report stored by a run that died before the events were updated is clustered by the next one
    stray = samples / "2022-02-25-vluchtelingen-vn.txt"
    (doc,) = [d for d in read_path(stray) if isinstance(d, Document)]
    Ingestor(store).add(doc, IngestReport())
    with store.engine.connect() as conn:
        clustered = text("SELECT count(*) FROM event_sources WHERE document_id = :d")
        assert conn.execute(clustered, {"d": doc.id}).scalar_one() == 0
    assert "1 duplicates skipped" in ingest(str(stray))
    with store.engine.connect() as conn:
        assert conn.execute(clustered, {"d": doc.id}).scalar_one() > 0
    # asked for, every stored report is clustered again: as many events, all written anew
    n, created = store.count("events"), max(_column(store, "created_at"))
    assert f"events: {n} developments (rebuilt)" in ingest("--rebuild-events", str(stray))
    assert store.count("events") == n and min(_column(store, "created_at")) > created


def test_extract_jsonl_has_offsets_into_the_text(seed_narrative_text: str) -> None:
    result = runner.invoke(app, ["extract", "--format", "jsonl", str(SEEDS / "004_673d561ad2e5bcf3.txt")])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert 1700 <= len(records) <= 1900
    for rec in records[:200]:
        assert seed_narrative_text[rec["start"] : rec["end"]] == rec["text"]
        assert {"event_date", "timex", "mentions"} <= rec.keys()


def test_overview_prints_markdown_of_stored_reports(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'o.db'}"
    runner.invoke(app, ["ingest", "-q", "--db", db, str(SEED_NEWS)])
    result = runner.invoke(app, ["overview", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# ")
    assert "Abonneer" not in result.output
