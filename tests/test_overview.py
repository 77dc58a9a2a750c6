"""The overview composer on the bundled sample reports and on seed 000 (read at run time)."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kroniek.events import EventClusterer
from kroniek.ingest import Ingestor, read_path
from kroniek.model import Document, Sentence
from kroniek.overview import (
    OverviewSentence,
    compose_overview,
    to_html,
    to_json,
    to_markdown,
    to_text,
    update_from_dict,
)
from kroniek.pipeline import Pipeline, available, default_pipeline
from kroniek.text.boilerplate import is_boilerplate
from kroniek.timeline.query import TopicQuery

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEED_NEWS = ROOT.parent / "shared" / "seeds" / "000_52cbfcf192b59ab9.txt"


@lru_cache(maxsize=1)
def _annotated() -> tuple[Document, ...]:
    pipeline = default_pipeline()
    return tuple(pipeline(d) for d in read_path(SAMPLES) if isinstance(d, Document))


class _Annotated(Pipeline):
    """The samples are annotated once per session; storing them needs no second run."""

    def __init__(self) -> None:
        self.names = tuple(available())
        self.components = []


@pytest.fixture
def docs(store):  # type: ignore[no-untyped-def]
    Ingestor(store, pipeline=_Annotated()).run(copy.deepcopy(list(_annotated())))
    return store.load_documents()


def _sentences(update) -> list[OverviewSentence]:  # type: ignore[no-untyped-def]
    return [s for sec in update.sections for s in sec.sentences]


@pytest.mark.parametrize("with_events", [False, True], ids=["blocks", "events"])
def test_overview_of_the_samples_has_headed_sourced_sections(store, docs, with_events) -> None:
    events = EventClusterer()(docs) if with_events else None
    assert events is None or len(events) > 20
    update = compose_overview(docs, topic="Oekraïne", events=events)
    assert 3 <= len(update.sections) <= 6
    stored = {s.id: (d.id, s) for d in docs for s in d.sentences}
    sents = _sentences(update) + [update.opening_source]
    for section in update.sections:
        assert 1 <= len(section.sentences) <= 3
        assert section.headline and len(section.headline) <= 120 and not section.headline.endswith(".")
    for sent in sents:
        doc_id, source = stored[sent.sentence_id]  # every sentence is a stored report sentence
        assert sent.document_id == doc_id and sent.text == source.text.strip()
        assert not source.boilerplate and not is_boilerplate(sent.text)
        for ref in sent.also:
            assert stored[ref.sentence_id][0] == ref.document_id != sent.document_id
    texts = [s.text for s in sents]
    assert len(texts) == len(set(texts)), "a sentence is repeated"
    assert update.until == max(d.published for d in docs)
    assert all(d.published >= update.since for d in store.load_documents(ids=update.document_ids))


def test_a_denial_stands_next_to_the_claim_it_answers(docs) -> None:
    by_id = {s.id: (d, s) for d in docs for s in d.sentences}
    contrasts = 0
    for until in ("2022-02-24", "2022-02-25", "2022-02-27", "2022-03-01"):
        for section in compose_overview(docs, until=until, max_sections=6).sections:
            for before, sent in zip(section.sentences, section.sentences[1:], strict=False):
                if sent.role != "contrast":
                    continue
                contrasts += 1
                doc, s = by_id[sent.sentence_id]
                _, b = by_id[before.sentence_id]
                assert before.document_id == doc.id and b.position == s.position - 1
            assert section.sentences[0].role == "fact"
    assert contrasts >= 2


def test_the_next_overview_repeats_nothing_of_the_previous(docs) -> None:
    first = compose_overview(docs, until="2022-02-25")
    second = compose_overview(docs, previous=first, until="2022-02-27")
    assert second.sections
    assert not set(first.used_sentence_ids()) & set(second.used_sentence_ids())
    assert not set(first.document_ids) & set(second.document_ids)
    assert not {s.text for s in _sentences(first)} & {s.text for s in _sentences(second)}
    third = compose_overview(docs, previous=second, until="2022-02-27")
    assert third.sections == [] and third.documents == 0  # nothing new: nothing to say


def _doc(id: int, published: str, source: str, lines: list[str]) -> Document:
    text = "\n".join(lines)
    sents, at = [], 0
    for i, line in enumerate(lines):
        sents.append(Sentence(start=at, end=at + len(line), text=line, position=i, id=id * 100 + i))
        at += len(line) + 1
    return Document(
        text=text, source=source, title=lines[0][:40], published=published, language="nl", id=id, sentences=sents
    )


def test_a_development_with_a_new_figure_comes_back_marked_changed() -> None:
    day1 = [
        _doc(
            1,
            "2022-03-02",
            "Blad A",
            [
                "Bij een aanval op het station van Kramatorsk zijn volgens de gouverneur tien doden gevallen.",
                "Hulpdiensten zoeken in het puin van de stationshal naar overlevenden van de aanval.",
            ],
        ),
    ]
    day2 = day1 + [
        _doc(
            2,
            "2022-03-03",
            "Blad B",
            [
                "Bij de aanval op het station van Kramatorsk zijn volgens de gouverneur inmiddels vijftig doden gevallen.",
                "Hulpdiensten hebben het zoeken in het puin van de stationshal naar overlevenden gestaakt.",
            ],
        ),
    ]
    first = compose_overview(day1)
    second = compose_overview(day2, previous=first)
    assert [s.text for s in _sentences(second)][0].count("vijftig")
    assert second.sections[0].status == "changed"


def test_topic_query_keeps_to_the_topic(docs) -> None:
    query = TopicQuery.of(["vluchteling", "UNHCR"])
    update = compose_overview(docs, query=query, until="2022-02-27", max_sections=6)
    assert update.sections
    for section in update.sections:
        assert any(query.matches(s) for s in (Sentence(0, 0, x.text) for x in section.sentences))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sentences = 0
        self.sources: list[str] = []
        self.sections = 0

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag == "section":
            self.sections += 1
        if tag == "span" and "sentence" in (a.get("class") or ""):
            self.sentences += 1
        if tag == "a" and a.get("class") == "source":
            self.sources.append(a["href"])


def test_markdown_html_json_and_text_renderings(docs) -> None:
    update = compose_overview(docs, topic="Oekraïne")
    n = len(_sentences(update)) + 1
    md = to_markdown(update, "https://kroniek.example")
    assert md.startswith("# Oekraïne: de stand van zaken op dinsdag 1 maart 2022")
    assert md.count("\n## ") == len(update.sections)
    assert md.count("](https://kroniek.example/documents/") >= n
    parser = _Links()
    parser.feed(to_html(update))
    assert parser.sections == len(update.sections) and parser.sentences == n
    assert all(h.startswith("/documents/") and "#s" in h for h in parser.sources)
    data = json.loads(to_json(update))
    assert [s["headline"] for s in data["sections"]] == [s.headline for s in update.sections]
    assert all(x["sources"][0]["sentence_id"] for s in data["sections"] for x in s["sentences"])
    assert update_from_dict(json.loads(json.dumps(update.to_dict()))) == update
    text = to_text(update, "https://kroniek.example")
    assert "[1] " in text and "https://kroniek.example/documents/" in text


def test_english_overview(docs) -> None:
    update = compose_overview(docs, topic="Ukraine", language="en", until="2022-02-27")
    md = to_markdown(update)
    assert md.startswith("# Ukraine: where things stand on Sunday 27 February 2022")
    assert " reports from " in md
    english = [s for s in _sentences(update) if s.language == "en"]
    assert english, "an English overview prefers the English reports"


def test_seed_000_keeps_its_sections_and_drops_its_calls_to_follow() -> None:
    raw = SEED_NEWS.read_text(encoding="utf-8")
    [doc] = [d for d in read_path(SEED_NEWS) if isinstance(d, Document)]
    default_pipeline()(doc)
    doc.id = 1
    for i, s in enumerate(doc.sentences):
        s.id = i
    update = compose_overview([doc])
    headings = {line.strip() for line in raw.splitlines() if line.strip() and not line.strip().endswith(".")}
    titled = [s.headline for s in update.sections if s.headline in headings]
    assert len(titled) >= 3, "the seed's own section headings head the sections"
    for sent in _sentences(update):
        assert not is_boilerplate(sent.text)
        assert not any(w in sent.text.lower() for w in ("abonneer", "volg dit onderwerp", "liveblog"))
