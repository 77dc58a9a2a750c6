"""``kroniek timeline``: from files (seed 004) and from the database."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from kroniek.cli import app
from kroniek.model import Document
from kroniek.pipeline import Pipeline
from kroniek.timeline.salience import day_roles

SEED = Path(__file__).parents[2] / "shared" / "seeds" / "004_673d561ad2e5bcf3.txt"


def test_seed_004_forty_dates_json():
    result = CliRunner().invoke(app, ["timeline", str(SEED), "--dates", "40", "--sentences", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)
    dates = [e["date"] for e in entries]
    assert len(dates) == 40 and dates == sorted(dates)
    assert "2022-02-24" in dates
    assert all(len(e["sentences"]) == 1 for e in entries)
    assert all(s["source"] and s["text"] for e in entries for s in e["sentences"])
    # turning points the article itself dates: the invasion, the retreat from the north, Luhansk
    # oblast taken, the mobilisation, the annexations, the Crimean bridge, Kherson, the grain
    # deal, the Kakhovka dam, the Wagner mutiny
    turning_points = {
        "2022-02-24", "2022-04-08", "2022-07-03", "2022-09-21", "2022-09-30",
        "2022-10-08", "2022-11-11", "2022-07-22", "2023-06-06", "2023-06-24",
    }  # fmt: skip
    assert len(turning_points & set(dates)) >= 7, sorted(turning_points - set(dates))
    # each day is told by a sentence about what happened, not by a statement made that day
    doc = Pipeline(("sentences", "time"))(
        Document(text=json.loads(SEED.read_text(encoding="utf-8")), language="nl", genre="narrative")
    )
    by_text = {s.text.strip(): s for s in doc.sentences}
    roles = Counter(day_roles(by_text[e["sentences"][0]["text"]]).get(e["date"]) for e in entries)
    assert roles["report"] + roles["range"] <= 2, roles
    assert roles["event"] >= 20, roles
    invasion = next(e for e in entries if e["date"] == "2022-02-24")["sentences"][0]["text"]
    assert "24 februari" in invasion and ("invasie" in invasion or "binnen" in invasion)


def test_seed_004_months_markdown():
    result = CliRunner().invoke(app, ["timeline", str(SEED), "--level", "month", "--dates", "6", "--topic", "kiev"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# kiev")
    assert "## 2022-02" in result.stdout
    assert "kiev" in result.stdout.split("## 2022-02", 1)[1].split("##", 1)[0]


def test_bad_level_is_refused():
    result = CliRunner().invoke(app, ["timeline", str(SEED), "--level", "week"])
    assert result.exit_code != 0


def test_from_the_database(tmp_path):
    db = f"sqlite:///{tmp_path / 'k.db'}"
    report = tmp_path / "report.txt"
    report.write_text(
        "Op 6 juni 2023 werd de Kachovkadam vernield. Het water overstroomde dorpen langs de Dnjepr.\n",
        encoding="utf-8",
    )
    ingested = CliRunner().invoke(app, ["ingest", str(report), "--db", db])
    assert ingested.exit_code == 0, ingested.output
    result = CliRunner().invoke(app, ["timeline", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [e["date"] for e in json.loads(result.stdout)] == ["2023-06-06"]


def test_stored_topic_from_the_database(tmp_path):
    db = f"sqlite:///{tmp_path / 'k.db'}"
    (tmp_path / "a.txt").write_text("Op 6 juni 2023 werd de Kachovkadam vernield.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Op 24 juni 2023 kwam de Wagnergroep in opstand.\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", db]).exit_code == 0
    created = runner.invoke(app, ["topics", "create", "Wagner", "--slug", "wagner", "--keyword", "wagner", "--db", db])
    assert created.exit_code == 0, created.output
    result = runner.invoke(app, ["timeline", "--db", db, "--topic", "wagner"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Wagner")
    assert "## 2023-06-24" in result.stdout and "2023-06-06" not in result.stdout
