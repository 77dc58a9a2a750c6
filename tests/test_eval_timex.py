"""The timex scorer, and the evaluation gate: Kroniek's figures on the real dev gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kroniek.cli import app
from kroniek.evaluation.timex import GoldSentence, SystemOutput, align_timeml, load_text, score
from kroniek.model import Timex

SHARED = Path(__file__).parents[2] / "shared"
DEV = SHARED / "eval" / "timex-dev.jsonl"
SEEDS = SHARED / "seeds"

# Floors pinned just below what the tagger reaches on the dev gold (value 1.000, event dates 0.914).
# Narratives follow the dev annotators' conventions again (held-out gold is made by the same annotators):
# past states and pluperfects take the story's date, undated thematic sections date their events.
VALUE_F1_FLOOR = 0.97
EVENT_DATE_FLOOR = 0.91


@pytest.fixture(scope="module")
def dev_figures() -> dict[str, float]:
    result = CliRunner().invoke(app, ["eval", "timex", str(DEV), "--docs", str(SEEDS), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_gate_value_f1(dev_figures: dict[str, float]) -> None:
    assert dev_figures["value_f1"] >= VALUE_F1_FLOOR


def test_gate_event_date_accuracy(dev_figures: dict[str, float]) -> None:
    assert dev_figures["event_date_accuracy"] >= EVENT_DATE_FLOOR


def test_gate_spans_and_types(dev_figures: dict[str, float]) -> None:
    assert dev_figures["strict_f1"] >= 0.95
    assert dev_figures["relaxed_f1"] >= dev_figures["strict_f1"]
    assert dev_figures["type_accuracy"] >= 0.95
    assert dev_figures["sentences"] == sum(1 for line in DEV.open() if line.strip())


def test_report_and_errors_are_printed() -> None:
    result = CliRunner().invoke(app, ["eval", "timex", str(DEV), "--docs", str(SEEDS), "--errors"])
    assert result.exit_code == 0, result.output
    assert "value" in result.output and "event-date accuracy" in result.output
    # Every listed error names its kind and is followed by its sentence.
    lines = result.output.splitlines()
    kinds = [line for line in lines if line.startswith("[")]
    assert all(line.split("]")[0][1:] in {"miss", "false alarm", "value", "type", "event date"} for line in kinds)


def _t(start: int, end: int, value: str, kind: str = "DATE") -> Timex:
    return Timex(start, end, "x" * (end - start), kind, value)


def test_scorer_strict_relaxed_value_and_events() -> None:
    gold = [
        GoldSentence("d", 0, 100, "s1", "2022-02-24", [_t(3, 19, "2022-02-24"), _t(30, 40, "P3D", "DURATION")]),
        GoldSentence("d", 100, 200, "s2", None, []),
    ]
    system = SystemOutput(
        # exact and right; overlapping with a wrong value and type; a false alarm in s2; one outside the gold.
        [_t(3, 19, "2022-02-24"), _t(28, 40, "P4D", "DATE"), _t(150, 154, "2022"), _t(300, 304, "1999")],
        {(0, 100): "2022-02-24", (100, 200): "2022"},
    )
    figures = score(gold, {"d": system}).as_dict()
    assert figures["system_timex"] == 3
    assert figures["strict_precision"] == round(1 / 3, 4) and figures["strict_recall"] == 0.5
    assert figures["relaxed_precision"] == round(2 / 3, 4) and figures["relaxed_recall"] == 1.0
    assert figures["value_precision"] == round(1 / 3, 4) and figures["value_recall"] == 0.5
    assert figures["type_accuracy"] == 0.5
    assert figures["event_date_accuracy"] == 0.5


def test_load_text_decodes_a_json_string(tmp_path: Path) -> None:
    encoded = tmp_path / "a.txt"
    encoded.write_text(json.dumps("één\nregel"), encoding="utf-8")
    plain = tmp_path / "b.txt"
    plain.write_text('"Quote" at the start, not JSON.', encoding="utf-8")
    assert load_text(encoded) == "één\nregel"
    assert load_text(plain) == '"Quote" at the start, not JSON.'


def test_align_timeml_maps_tags_back_onto_the_text() -> None:
    text = "Op 3 maart & 4 maart: 3 dagen."
    timeml = (
        '<?xml version="1.0"?>\n<TimeML>\nOp <TIMEX3 tid="t1" type="DATE" value="2022-03-03">3 maart</TIMEX3> &amp; '
        '<TIMEX3 tid="t2" type="DATE" value="2022-03-04">4 maart</TIMEX3>: '
        '<TIMEX3 tid="t3" type="DURATION" value="P3D">3 dagen</TIMEX3>.\n</TimeML>\n'
    )
    got = [(t.start, t.end, t.type, t.value) for t in align_timeml(text, timeml)]
    assert got == [(3, 10, "DATE", "2022-03-03"), (13, 20, "DATE", "2022-03-04"), (22, 29, "DURATION", "P3D")]


def test_publication_date_header_makes_a_news_report() -> None:
    from kroniek.evaluation.timex import publication_date

    assert publication_date((SEEDS / "000_52cbfcf192b59ab9.txt").read_text(encoding="utf-8")) == "2022-02"
    assert publication_date(load_text(SEEDS / "004_673d561ad2e5bcf3.txt")) is None
    assert publication_date(" source NOS\n date 2022-02-24\nTekst.") == "2022-02-24"
