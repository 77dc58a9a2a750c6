"""``kroniek eval keydates``: one-to-one Date-F1 of a timeline against a list of key dates."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kroniek.cli import app
from kroniek.evaluation.keydates import DateScore, read_gold

ROOT = Path(__file__).parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "004_673d561ad2e5bcf3.txt"
GOLD = ROOT / "eval" / "keydates" / "ukraine-2022-2023.tsv"


def test_gold_list_reads_dates_and_skips_notes(tmp_path):
    path = tmp_path / "gold.tsv"
    path.write_text("# comment\n\n2022-02-24\tinvasion\n2022-09-30 annexation\n2022-02-24\tagain\n", encoding="utf-8")
    assert read_gold(path) == ["2022-02-24", "2022-09-30"]
    path.write_text("24 februari 2022\n", encoding="utf-8")
    with pytest.raises(ValueError, match="gold.tsv:1"):
        read_gold(path)


def test_date_score_is_one_to_one():
    score = DateScore.of(["2022-02-24", "2022-02-25", "2022-03-02"], ["2022-02-24", "2022-03-02", "2022-09-30", "x"])
    assert score.hits == 2
    assert score.precision == pytest.approx(2 / 3) and score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert DateScore.of([], ["2022-02-24"]).f1 == 0.0


def test_seed_004_beats_the_most_named_days():
    result = CliRunner().invoke(app, ["eval", "keydates", str(SEED), "--gold", str(GOLD), "--dates", "40", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["dates"] == 40 and figures["gold"] == len(read_gold(GOLD))
    assert figures["date_f1"] > figures["baseline_date_f1"] + 0.05, figures
    table = CliRunner().invoke(app, ["eval", "keydates", str(SEED), "--gold", str(GOLD)])
    assert "most-named days (baseline)" in table.stdout and "missed (never named)" in table.stdout


def test_a_bad_gold_list_is_named(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("2022-02-24\nnot a date\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "keydates", str(SEED), "--gold", str(bad)])
    assert result.exit_code == 2
    assert "bad.txt:2" in result.output
