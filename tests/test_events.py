"""Event records: incremental clustering of sentences from many reports, and event types."""

from __future__ import annotations

from pathlib import Path

import pytest

from kroniek.evaluation.tls import article_document, load_topic
from kroniek.events import EventClusterer, classify, classify_all, type_names
from kroniek.model import Document, Mention, Sentence
from kroniek.pipeline import Pipeline

T17 = Path(__file__).parents[2] / "shared" / "eval" / "t17"


def report(source: str, published: str, lines: list[tuple[str, str, list[str]]], doc_id: int) -> Document:
    """A report whose sentences happened on the given days and name the given places."""
    doc = Document(text="", source=source, published=published, language="nl", id=doc_id)
    text = ""
    for i, (line, day, places) in enumerate(lines):
        start = len(text)
        text += line + " "
        sent = Sentence(start, start + len(line), line, position=i, id=doc_id * 100 + i)
        sent.event_date, sent.event_precision = day, "day"
        sent.mentions = [Mention("place", start, start + 1, p, {"name": p, "country": "UA"}) for p in places]
        doc.sentences.append(sent)
    doc.text = text
    return doc


def test_types_follow_the_lexicon():
    assert classify("Russische troepen heroverden de stad na zware gevechten.") == "gevechten"
    assert classify("Een drone trof een flatgebouw; twee raketten werden onderschept.") == "luchtaanval/raket/drone"
    assert classify("De EU kondigde een nieuw sanctiepakket aan.") == "sancties"
    assert classify("Refugees fled across the border into Poland.") == "humanitair/vluchtelingen"
    assert classify("Het IAEA waarschuwt voor een ramp in de kerncentrale.") == "nucleair"
    assert classify("Het weer was mooi.") == "overig"
    # short terms match whole words only: "wet" is not "wetenschap"
    assert classify("De wetenschap is het erover eens.") == "overig"
    assert classify_all(["Beschietingen op Charkiv.", "Artillerie raakte een school."]) == "beschieting"
    assert type_names()[-1] == "overig" and len(type_names()) == 10


def test_reports_of_one_development_merge_and_others_stay_apart():
    clusterer = EventClusterer()
    dam = "De Kachovkadam in het zuiden van Oekraïne is vernield, het water van de Dnjepr stroomt de regio in."
    first = clusterer.add(
        report(
            "nos",
            "2023-06-06",
            [
                (dam, "2023-06-06", ["Kakhovka", "Kherson"]),
                ("Russische troepen heroverden het dorp Blahodatne na zware gevechten.", "2023-06-06", []),
            ],
            1,
        )
    )
    assert len(first) == 2
    updated = clusterer.add(
        report(
            "nu",
            "2023-06-06",
            [
                (
                    "Na de vernieling van de Kachovkadam stroomt het water van de Dnjepr de regio Cherson in.",
                    "2023-06-06",
                    ["Kherson"],
                )
            ],
            2,
        )
    )
    assert len(updated) == 1 and len(updated[0].sources) == 2
    # the same words a year later are another development
    clusterer.add(
        report("rtl", "2024-06-06", [(dam, "2024-06-06", ["Kakhovka"])], 3),
    )
    events = clusterer.events
    assert len(events) == 3
    dam_event = next(e for e in events if len(e.sources) == 2)
    assert dam_event.date == "2023-06-06" and dam_event.precision == "day"
    assert {s.source for s in dam_event.sources} == {"nos", "nu"}
    assert {s.document_id for s in dam_event.sources} == {1, 2}
    assert dam_event.places[0] == "Kherson"
    assert "Kachovkadam" in dam_event.title


def test_streaming_news_clusters_into_multi_report_events():
    """The first 60 Haiti reports of Timeline17, time-tagged: the quake's toll is one event."""
    topic = load_topic(T17 / "haiti")
    tagger = Pipeline(("time",))
    clusterer = EventClusterer(language="en")
    for article in topic.articles[:60]:
        clusterer.add(tagger(article_document(article)))
    events = clusterer.events
    top = sorted(events, key=lambda e: -len({s.source for s in e.sources}))[:3]
    assert all(len({s.source for s in e.sources}) >= 4 for e in top)
    assert all(e.date is not None and e.date.startswith("2010-01") for e in top)
    words = ("quake", "earthquake", "killed", "dead", "homeless")
    assert any(word in e.title.lower() for e in top for word in words)
    assert all(e.type in type_names() for e in events)
    # most sentences stand alone; a clusterer that merges everything would fail here
    assert len(events) > 0.5 * sum(len(e.sources) for e in events)


@pytest.mark.parametrize("batch", [True, False])
def test_batch_and_incremental_agree(batch):
    docs = [
        report(
            "a",
            "2022-02-24",
            [("Rusland viel Oekraïne binnen vanuit het noorden, oosten en zuiden.", "2022-02-24", [])],
            1,
        ),
        report(
            "b", "2022-02-24", [("Rusland viel Oekraïne vanuit het noorden en oosten binnen.", "2022-02-24", [])], 2
        ),
    ]
    clusterer = EventClusterer()
    if batch:
        events = clusterer(docs)
    else:
        for d in docs:
            clusterer.add(d)
        events = clusterer.events
    assert len(events) == 1 and len(events[0].sources) == 2


def test_events_are_stored_and_read_back(tmp_path):
    from kroniek.events.persist import rebuild_events
    from kroniek.ingest import Ingestor, read_path
    from kroniek.store import open_store
    from kroniek.store.events import get_event, list_events

    store = open_store(f"sqlite:///{tmp_path / 'k.db'}")
    reports = {
        "a.txt": "Op 6 juni 2023 werd de Kachovkadam in het zuiden van Oekraïne vernield. "
        "Het water van de Dnjepr overstroomde dorpen in de regio Cherson.",
        "b.txt": "Kiev meldt dat de Kachovkadam in het zuiden van Oekraïne op 6 juni 2023 is vernield. "
        "Volgens de autoriteiten moeten duizenden mensen worden geëvacueerd.",
    }
    for name, text in reports.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    Ingestor(store, Pipeline(("sentences", "time", "places"))).run(read_path(tmp_path / "a.txt"))
    Ingestor(store, Pipeline(("sentences", "time", "places"))).run(read_path(tmp_path / "b.txt"))
    events = rebuild_events(store)
    assert events and all(e.id is not None for e in events)
    stored, total = list_events(store)
    assert total == len(stored) == len(events)
    dam = next(e for e in events if "Kachovkadam" in e.title)
    assert dam.date == "2023-06-06"
    assert len({s.document_id for s in dam.sources}) == 2
    record = get_event(store, dam.id)
    assert record is not None and record["date"] == "2023-06-06"
    # a second rebuild replaces rather than duplicates
    rebuild_events(store)
    assert list_events(store)[1] == len(events)


def test_re_annotation_makes_the_next_update_rebuild_the_events(store):  # type: ignore[no-untyped-def]
    """New sentences of a report make the stored clusterer state stale: the next update of the
    events does not carry it on (events left without sources, new sentences never clustered)."""
    from sqlalchemy import text

    from kroniek.events.persist import update_events
    from kroniek.ingest import Ingestor, read_path

    samples = Path(__file__).parents[1] / "samples"
    Ingestor(store).run(read_path(samples / "2022-02-26-swift.txt"))
    Ingestor(store).run(read_path(samples / "2022-02-26-avondklok-kiev.txt"))
    assert update_events(store)
    doc = store.load_documents()[0]
    store.replace_annotations(Pipeline(("sentences", "time", "places", "actors"))(doc), ["sentences", "time"])
    events = update_events(store)
    assert len(events) == store.count("events") > 0  # rebuilt: every event
    with store.engine.connect() as conn:
        orphans = "SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM event_sources)"
        assert conn.execute(text(orphans)).scalar_one() == 0
        stale = "SELECT count(*) FROM event_sources WHERE sentence_id NOT IN (SELECT id FROM sentences)"
        assert conn.execute(text(stale)).scalar_one() == 0
        fresh = "SELECT count(*) FROM event_sources JOIN sentences ON sentences.id = sentence_id WHERE sentences.document_id = :d"
        assert conn.execute(text(fresh), {"d": doc.id}).scalar_one() > 0


def test_a_report_is_tokenised_once_however_often_it_is_looked_at(monkeypatch):  # type: ignore[no-untyped-def]
    """An update asks for a report's terms and probes before adding it: that must not redo the work."""
    from kroniek.events import cluster

    calls = []
    real = cluster.content_terms

    def counting(text, language="en"):  # type: ignore[no-untyped-def]
        calls.append(text)
        return real(text, language)

    monkeypatch.setattr(cluster, "content_terms", counting)
    doc = report(
        "a",
        "2022-02-24",
        [
            ("Rusland viel Oekraïne binnen vanuit het noorden, oosten en zuiden.", "2022-02-24", []),
            ("Raketten troffen vliegvelden bij Kiev en Charkiv in de vroege ochtend.", "2022-02-24", ["Kiev"]),
        ],
        1,
    )
    clusterer = EventClusterer()
    assert clusterer.terms(doc) and clusterer.dates(doc) and clusterer.probes([doc])
    assert len(clusterer.add(doc)) == 2
    assert len(calls) == 2
