"""Timeline summarisation: date choice, sentence choice, levels, topic filter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kroniek.model import Document, Sentence, Timex
from kroniek.pipeline import Pipeline
from kroniek.timeline import TopicQuery, build_timeline
from kroniek.timeline.dates import choose_dates, narrative_scores
from kroniek.timeline.phases import segment
from kroniek.timeline.render import to_json, to_markdown
from kroniek.timeline.salience import day_roles
from kroniek.timeline.units import build_units

SEEDS = Path(__file__).parents[2] / "shared" / "seeds"


def report(source: str, published: str, lines: list[tuple[str, str | None]]) -> Document:
    """A news report whose sentences name the given days (None: no date named)."""
    doc = Document(text="", source=source, published=published, language="en", genre="news")
    text = ""
    for i, (line, day) in enumerate(lines):
        start = len(text)
        text += line + "\n"
        sent = Sentence(start, start + len(line), line, position=i)
        if day:
            sent.timex = [Timex(start, start + 5, "today", "DATE", day)]
            sent.event_date, sent.event_precision = day, "day"
        doc.sentences.append(sent)
    doc.text = text
    return doc


@pytest.fixture
def reports() -> list[Document]:
    quake = "A powerful earthquake struck the capital Port-au-Prince, destroying the presidential palace."
    return [
        report("a", "2010-01-13", [(quake, "2010-01-12"), ("Rescue teams from many countries flew in.", None)]),
        report("b", "2010-01-13", [("The earthquake struck the capital and flattened whole districts.", "2010-01-12")]),
        report("c", "2010-01-20", [("A strong aftershock rattled the capital again this morning.", "2010-01-20")]),
        report(
            "d",
            "2010-01-25",
            [("Since the earthquake struck on 12 January, aid has poured into the capital.", "2010-01-12")],
        ),
        report("e", "2010-01-14", [("Football results of the weekend were announced by the league.", "2010-01-14")]),
    ]


def test_dates_many_reports_point_at_come_first(reports):
    entries = build_timeline(reports, dates=2, sentences=1)
    assert [e.date for e in entries][0] == "2010-01-12"
    assert len(entries) == 2
    assert all(len(e.sentences) == 1 for e in entries)


def test_sentences_are_central_and_carry_their_source(reports):
    (entry,) = build_timeline(reports, dates=1, sentences=2)
    assert entry.date == "2010-01-12"
    assert len(entry.sentences) == 2
    assert {s.source for s in entry.sentences} <= {"a", "b", "d"}
    assert all("earthquake" in s.text.lower() for s in entry.sentences)


def test_topic_query_filters_off_topic_sentences(reports):
    entries = build_timeline(reports, dates=5, sentences=1, query=TopicQuery.of(["earthquake", "aftershock"]))
    assert "2010-01-14" not in [e.date for e in entries]
    assert build_timeline(reports, dates=5, sentences=1, keywords=["football"])[0].date == "2010-01-14"


def test_date_range_and_month_level(reports):
    assert [e.date for e in build_timeline(reports, dates=5, start="2010-01-15")] == ["2010-01-20"]
    months = build_timeline(reports, dates=3, sentences=2, level="month")
    assert [e.date for e in months] == ["2010-01"]


def test_unknown_level_is_refused(reports):
    with pytest.raises(ValueError):
        build_timeline(reports, level="week")


def test_choose_dates_spreads_when_asked():
    scores = {"2022-02-24": 10.0, "2022-02-25": 9.0, "2022-02-26": 8.0, "2022-06-01": 5.0}
    assert choose_dates(scores, 2) == ["2022-02-24", "2022-02-25"]
    assert choose_dates(scores, 2, window=7, spread=1.0) == ["2022-02-24", "2022-06-01"]


def test_segment_finds_the_change_points():
    series = [0.0] * 5 + [5.0] * 5 + [1.0] * 5
    assert segment(series, 3, min_size=2) == [(0, 5), (5, 10), (10, 15)]


def test_render(reports):
    entries = build_timeline(reports, dates=2, sentences=1)
    as_json = to_json(entries)
    assert json.loads(json.dumps(as_json))[0]["sentences"][0].keys() >= {"text", "source"}
    md = to_markdown(entries, title="Haiti")
    assert md.startswith("# Haiti") and "## 2010-01-12" in md


@pytest.fixture(scope="module")
def chronicle() -> Document:
    text = json.loads((SEEDS / "004_673d561ad2e5bcf3.txt").read_text(encoding="utf-8"))
    doc = Document(text=text, source="004", language="nl", genre="narrative")
    return Pipeline(("sentences", "time"))(doc)


def test_chronicle_days_and_phases(chronicle):
    entries = build_timeline([chronicle], dates=40, sentences=1)
    days = [e.date for e in entries]
    assert len(days) == 40 and days == sorted(days)
    # the start of the invasion and later turning points of the war are among them
    assert "2022-02-24" in days
    assert any(d >= "2022-09-01" for d in days)
    # a sentence for a day names that day itself
    first = next(e for e in entries if e.date == "2022-02-24").sentences[0].text
    assert "24 februari" in first
    phases = build_timeline([chronicle], dates=6, sentences=2, level="phase")
    assert 3 <= len(phases) <= 6
    spans = [p.date.split("/") for p in phases]
    assert all(a <= b for a, b in spans)
    assert any(a <= "2022-02-24" <= b for a, b in spans)


def _tagged(text: str) -> Sentence:
    (sent,) = Pipeline(("sentences", "time"))(Document(text=text, language="nl", genre="narrative")).sentences
    return sent


@pytest.mark.parametrize(
    ("text", "day", "role"),
    [
        ("Op 30 september 2022 ondertekende Poetin de annexatieverdragen.", "2022-09-30", "event"),
        ("Op 6 maart 2022 meldden de strijdkrachten dat er 88 vliegtuigen waren neergehaald.", "2022-03-06", "report"),
        ("De gouverneur verklaarde op 7 april 2022 dat het rustig was.", "2022-04-07", "report"),
        ("Van 20 maart 2022 tot 12 april 2022 waren er gevechten.", "2022-03-20", "range"),
        ("Op 14 juli 2022 kwamen de afgevaardigden bijeen in Den Haag.", "2022-07-14", "plain"),
        ("On 24 February 2022 Russian troops invaded Ukraine.", "2022-02-24", "event"),
    ],
)
def test_day_roles(text, day, role):
    assert day_roles(_tagged(text)).get(day) == role


def _chronicle(sections: list[tuple[str | None, list[str]]]) -> Document:
    """A chronicle with wiki headings; the lead is the section without one."""
    parts = []
    for heading, lines in sections:
        if heading:
            parts.append(f"\n== {heading} ==\n")
        parts.append(" ".join(lines) + "\n")
    return Pipeline(("sentences", "time"))(Document(text="".join(parts), language="nl", genre="narrative"))


def test_narrative_scores_prefer_the_lead_and_developments_over_statements():
    doc = _chronicle(
        [
            (None, ["De oorlog begon op 1 maart 2022, toen het leger de grens overstak en het land binnenviel."]),
            (
                "Het front",
                [
                    "Op 2 maart 2022 meldde de woordvoerder dat de stad rustig was.",
                    "Op 5 maart 2022 werd de stad Noordhaven door het leger ingenomen.",
                    "Op 6 maart 2022 waren er gesprekken.",
                    "Op 8 maart 2022 werd er weer gevochten.",
                ],
            ),
            ("Verdrag van Zuidhaven", ["Op 20 maart 2022 werd het verdrag van Zuidhaven ondertekend."]),
            ("Reacties", ["Op 21 maart 2022 zei de minister dat hij het verdrag steunde."]),
            ("Geschiedenis", ["Op 3 mei 1950 werd de eerste brug gebouwd."]),
        ]
    )
    scores = narrative_scores(build_units([doc]))
    assert max(scores, key=scores.get) == "2022-03-01"  # named in the lead
    assert scores["2022-03-05"] > scores["2022-03-02"]  # a town taken, not a statement
    assert scores["2022-03-20"] > scores["2022-03-21"]  # what the heading names
    assert "1950-05-03" not in scores  # an aside far from the story
    # what is background is judged on the whole text, not on the sentences of a topic
    on_topic = narrative_scores(build_units([doc], query=TopicQuery.of(["verdrag"])))
    assert set(on_topic) == {"2022-03-20", "2022-03-21"}
    (entry,) = build_timeline([doc], dates=1, sentences=1, start="2022-03-20", end="2022-03-20")
    assert "ondertekend" in entry.sentences[0].text
