"""Search over the bundled sample reports, on SQLite and on PostgreSQL (the ``store`` fixture runs both)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select

from conftest import SAMPLES
from kroniek.ingest import Ingestor, read_path
from kroniek.model import Mention
from kroniek.pipeline import Pipeline
from kroniek.store import Store
from kroniek.store import schema as t
from kroniek.store.search import _recheck, analyze, parse_query, reindex, search, snippet, terms


@pytest.fixture
def samples(store: Store) -> Store:
    report = Ingestor(store, Pipeline(("sentences",))).run(read_path(SAMPLES))
    assert len(report.added) >= 20 and not report.errors
    return store


def _plain(html_snippet: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html_snippet)


def test_analysis_stems_dutch_and_english_and_drops_stop_words() -> None:
    assert terms("De vluchtelingen vluchten naar Polen", "nl") == ["vluchtel", "vlucht", "pol"]
    assert terms("The protesters were protesting", "en") == ["protest", "protest"]
    assert [w for w, *_ in analyze("Oekraïne en Kiev", "nl")] == ["oekrain", "kiev"]
    # Dotted numbers stay whole, as PostgreSQL's parser keeps them.
    assert "368.000" in terms("De VN telt 368.000 vluchtelingen", "nl")


def test_query_words_match_each_languages_stem_and_lose_stop_words() -> None:
    parsed = parse_query("de vluchtelingen en the refugees")
    assert parsed.words == ["vluchtelingen", "refugees"]
    assert {"vluchtel"} <= parsed.groups[0] and {"refuge"} <= parsed.groups[1]
    assert parse_query("refugees", language="en").groups == [{"refuge"}]
    assert parse_query("de het een").groups == []


def test_stemmed_search_finds_inflected_forms_and_marks_them(samples: Store) -> None:
    results = search(samples, "vluchteling")  # singular finds "vluchtelingen"
    assert results.hits and results.total == len(results.hits) and not results.capped
    for hit in results.hits:
        marked = _plain(hit.snippet)
        assert marked and all(m.lower().startswith("vluchteling") for m in marked)
        assert [hit.text[s:e] for s, e in hit.highlights] == marked
        assert hit.title and hit.source and hit.published
    english = search(samples, "sanction", language="en")
    assert english.hits and all("sanction" in h.text.lower() for h in english.hits)
    assert {h.language for h in english.hits} == {"en"}


def test_all_words_are_needed_unless_mode_is_any(samples: Store) -> None:
    both = search(samples, "avondklok Kiev", limit=100)
    one = search(samples, "avondklok", limit=100)
    either = search(samples, "avondklok Kiev", mode="any", limit=100)
    assert both.hits and {h.sentence_id for h in both.hits} <= {h.sentence_id for h in one.hits}
    assert all("avondklok" in h.text.lower() and "kiev" in h.text.lower() for h in both.hits)
    assert either.total > one.total >= both.total
    # BM25: sentences with both words rank above sentences with one.
    top = either.hits[: both.total]
    assert {h.sentence_id for h in top} == {h.sentence_id for h in both.hits}


def test_stop_word_queries_find_nothing(samples: Store) -> None:
    assert search(samples, "de het en").hits == []
    assert search(samples, "xyzzyplugh").total == 0


def test_filters_by_date_source_and_language(samples: Store) -> None:
    everything = search(samples, "Kiev", limit=200)
    day = search(samples, "Kiev", date_from="2022-02-26", date_to="2022-02-26", limit=200)
    assert day.hits and all(h.published.startswith("2022-02-26") for h in day.hits)
    assert day.total < everything.total
    source = everything.hits[0].source
    by_source = search(samples, "Kiev", source=source, limit=200)
    assert by_source.hits and {h.source for h in by_source.hits} == {source}
    assert search(samples, "Kiev", language="en").total < everything.total


def test_pages_follow_the_ranking(samples: Store) -> None:
    full = search(samples, "Russische", limit=50)
    pages = [search(samples, "Russische", limit=5, offset=o).hits for o in range(0, 15, 5)]
    assert [h.sentence_id for page in pages for h in page] == [h.sentence_id for h in full.hits[:15]]
    scores = [h.score for h in full.hits]
    assert scores == sorted(scores, reverse=True)


def test_place_actor_and_event_type_filters_and_facets(samples: Store) -> None:
    docs = samples.load_documents()
    doc = next(d for d in docs if any("Charkov" in s.text for s in d.sentences))
    sent = next(s for s in doc.sentences if "Charkov" in s.text)
    start = sent.text.index("Charkov")
    sent.mentions.append(Mention("place", start, start + 7, "Charkov", {"name": "Charkiv"}))
    sent.mentions.append(Mention("actor", 0, 3, sent.text[:3], {"name": "Oekraïense leger"}))
    samples.replace_annotations(doc)
    sent_id = next(s.id for s in doc.sentences if "Charkov" in s.text)
    now = datetime.now(UTC)
    with samples.engine.begin() as conn:
        event_id = conn.execute(
            insert(t.events).returning(t.events.c.id),
            {
                "type": "gevecht",
                "title": "Gevechten in Charkiv",
                "places": [],
                "actors": [],
                "figures": [],
                "claims": [],
                "created_at": now,
                "updated_at": now,
            },
        ).scalar_one()
        conn.execute(insert(t.event_sources), {"event_id": event_id, "sentence_id": sent_id, "document_id": doc.id})
    assert [h.sentence_id for h in search(samples, "Charkov", place="Charkiv").hits] == [sent_id]
    assert [h.sentence_id for h in search(samples, "Charkov", actor="Oekraïense leger").hits] == [sent_id]
    typed = search(samples, "Charkov", event_type="gevecht")
    assert [h.sentence_id for h in typed.hits] == [sent_id] and typed.hits[0].event_ids == [event_id]
    assert search(samples, "Charkov", event_type="diplomatie").hits == []
    facets = search(samples, "Charkov").facets
    assert ("Charkiv", 1) in facets["place"] and ("gevecht", 1) in facets["type"]
    assert sum(c for _, c in facets["language"]) == search(samples, "Charkov").total
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d, _ in facets["date"])
    # An empty query with a filter lists the filtered sentences.
    assert [h.sentence_id for h in search(samples, "", place="Charkiv").hits] == [sent_id]
    # A rebuilt index (words and tags) answers the same.
    assert reindex(samples) == samples.count("sentences")
    assert [h.sentence_id for h in search(samples, "Charkov", place="Charkiv").hits] == [sent_id]


def test_replaced_annotations_leave_no_stale_index_rows(samples: Store) -> None:
    before = search(samples, "Slangeneiland", limit=100)
    doc = samples.get_document(before.hits[0].document_id)
    assert doc is not None
    samples.replace_annotations(doc)  # new sentence rows, new ids
    after = search(samples, "Slangeneiland", limit=100)
    assert after.total == before.total
    with samples.engine.connect() as conn:
        live = set(conn.execute(select(t.sentences.c.id)).scalars())
    assert {h.sentence_id for h in after.hits} <= live


def test_snippet_windows_long_sentences_and_escapes_html() -> None:
    text = "a<b " + "woord " * 80 + "doel " + "woord " * 80
    start = text.index("doel")
    out = snippet(text, [(start, start + 4)])
    assert "<mark>doel</mark>" in out and out.startswith("…") and out.endswith("…")
    assert len(out) < 320
    assert snippet("x < y", [(0, 1)]) == "<mark>x</mark> &lt; y"


def test_recheck_of_postgresql_rows_decides_as_the_index_does() -> None:
    """The re-check's shortcuts (words found by their first letters) agree with a full analysis,
    also where a stem does not start like its word ("dying" is "die") or a word is part of a
    dotted run ("nos.nl" is one index term)."""
    sentences = [
        ("A dying soldier was carried off.", "en"),
        ("The crew had to cry for help.", "en"),
        ("Internal documents were leaked to the press.", "en"),
        ("An international mission left the city.", "en"),
        ("Zie nos.nl voor het laatste nieuws.", "nl"),
        ("Eén vluchteling werd in Oekraïne opgevangen.", "nl"),
    ]
    queries = ["die", "cries", "internal", "international", "nl", "een", "oekraine", "die internal", "nieuws cry"]
    for query in queries:
        parsed = parse_query(query)
        for mode in ("all", "any"):
            keep = _recheck(parsed, mode)
            for text_, lang in sentences:
                found = set(terms(text_, lang))
                hits = [not found.isdisjoint(group) for group in parsed.groups]
                expected = all(hits) if mode == "all" else any(hits)
                assert (keep(text_, lang) is not False) == expected, (query, mode, text_)
    internal = _recheck(parse_query("internal"), "all")
    assert [t for t, lang in sentences if internal(t, lang) is not False] == [sentences[2][0]]
    assert internal(*sentences[2]) == (44, [1], [(0, 8)])  # length, count, span: for the scoring
