"""Timeline summarisation metrics (alignment ROUGE m:1, Date-F1) and the news-tls protocol."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kroniek.cli import app
from kroniek.evaluation.tls import (
    alignment_rouge,
    date_f1,
    evaluate,
    load_topic,
    read_timeline,
    rouge_tokens,
)

T17 = Path(__file__).parents[2] / "shared" / "eval" / "t17"


def test_tokens_follow_rouge_1_5_5():
    # lowercased, hyphens split, stop words out, stems (WordNet exception first, then Porter)
    assert rouge_tokens("The Tamiflu-resistant strain -LRB- H1N1 -RRB- struck") == [
        "tamiflu",
        "resist",
        "strain",
        "lrb",
        "h1n1",
        "rrb",
        "strike",
    ]
    assert rouge_tokens("children") == ["child"]


def test_same_day_partial_overlap():
    pred = {"2010-01-12": ["Earthquake struck Haiti"]}
    ref = {"2010-01-12": ["Earthquake hit Haiti"]}
    scores = alignment_rouge(pred, ref)
    assert scores[1]["precision"] == pytest.approx(2 / 3)
    assert scores[1]["recall"] == pytest.approx(2 / 3)
    assert scores[2]["f_score"] == 0.0  # no shared bigram
    assert date_f1(pred, ref) == 1.0


def test_a_day_off_halves_the_credit():
    ref = {"2010-01-12": ["Earthquake hit Haiti"]}
    pred = {"2010-01-13": ["Earthquake hit Haiti"]}
    scores = alignment_rouge(pred, ref)
    assert scores[1]["f_score"] == pytest.approx(0.5)
    assert scores[2]["f_score"] == pytest.approx(0.5)
    assert date_f1(pred, ref) == 0.0


def test_many_to_one_alignment_and_unmatched_dates():
    ref = {"2010-01-12": ["Earthquake hit Haiti"], "2010-02-01": ["Rescue teams left Haiti"]}
    pred = {
        "2010-01-12": ["Earthquake hit Haiti"],
        "2010-01-14": ["Earthquake aftershocks"],  # also aligned to 01-12, at weight 1/3
    }
    scores = alignment_rouge(pred, ref)
    # precision: 3 hits + (1 hit / 3) over 3 + 2 predicted unigrams
    assert scores[1]["precision"] == pytest.approx((3 + 1 / 3) / 5)
    # recall: ref 01-12 gets its 3 hits; ref 02-01 shares "Haiti" with pred 01-12, which makes that
    # a cheaper alignment than the nearer 01-14: 1 hit at weight 1/21; over 3 + 4 reference unigrams
    assert scores[1]["recall"] == pytest.approx((3 + 1 / 21) / 7)
    assert date_f1(pred, ref) == pytest.approx(0.5)


def test_empty_prediction_scores_zero():
    assert alignment_rouge({}, {"2010-01-12": ["x y z"]})[1]["f_score"] == 0.0


def test_repeated_gold_dates_are_joined():
    tl = read_timeline([["2009-05-01", ["a \n"]], ["2009-05-03", ["b"]], ["2009-05-01", ["c"]]])
    assert tl == {"2009-05-01": ["a", "c"], "2009-05-03": ["b"]}


def test_agrees_with_tilse_on_a_fixed_prediction():
    """Figures computed with tilse 0.2.1 (ROUGE-1.5.5 -n 2 -m -s -t 2) for this very prediction."""
    expected = {"H1N1": (0.021881, 0.006753), "haiti": (0.101499, 0.014282)}
    for name, (ar1, ar2) in expected.items():
        topic = load_topic(T17 / name)
        gold = topic.timelines[0]
        days = sorted(gold)
        pred: dict[str, list[str]] = {}
        for a in [a for a in topic.articles if days[0] <= a.time <= days[-1]][:12]:
            pred.setdefault(a.time, []).extend(line for line in a.text.split("\n")[:2] if line.strip())
        scores = alignment_rouge(pred, gold)
        assert scores[1]["f_score"] == pytest.approx(ar1, abs=1e-6)
        assert scores[2]["f_score"] == pytest.approx(ar2, abs=1e-6)


def test_gate_on_two_dev_topics():
    """Kroniek's summariser, time tagging included, on H1N1 and haiti (4 gold timelines)."""
    report = evaluate(T17 / "H1N1")
    report.scores.extend(evaluate(T17 / "haiti").scores)
    avg = report.as_dict()
    assert len(report.scores) == 4
    assert avg["ar1_f"] >= 0.145
    assert avg["ar2_f"] >= 0.035
    assert avg["date_f1"] >= 0.80


def test_cli_json(tmp_path):
    result = CliRunner().invoke(app, ["eval", "tls", str(T17 / "haiti"), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert set(figures) == {"ar1_f", "ar2_f", "date_f1", "seconds"}
    assert figures["date_f1"] > 0.5


def test_cli_refuses_a_folder_without_topics(tmp_path):
    result = CliRunner().invoke(app, ["eval", "tls", str(tmp_path)])
    assert result.exit_code == 2
