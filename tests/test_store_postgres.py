"""The store on PostgreSQL as on SQLite: migrations both ways, and search giving the same answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from conftest import EVAL, SAMPLES, pg_create_database, pg_drop_database
from kroniek.ingest import Ingestor, read_path
from kroniek.model import Document
from kroniek.pipeline import Pipeline
from kroniek.store import Store, open_store
from kroniek.store.db import alembic_config
from kroniek.store.search import code_for, search, terms

T17_LIBYA = EVAL / "t17" / "LibyaWar" / "articles.jsonl"
QUERIES = [
    "vluchtelingen",
    "Kiev",
    "Russische troepen",
    "avondklok",
    "Charkov raket",
    "sancties",
    "NAVO",
    "Benghazi",
    "rebels Tripoli",
    "Gaddafi forces",
    "no-fly zone",
    "international",
    "protesters killed",
    "oil",
]


def _alembic(store: Store, action: str, revision: str) -> None:
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        getattr(command, action)(config, revision)


@pytest.fixture
def fresh_pg(pg_admin) -> Iterator[str]:  # type: ignore[no-untyped-def]
    url = pg_create_database(pg_admin, migrate=False)
    yield url
    pg_drop_database(pg_admin, url)


def _fill(store: Store, articles: int = 40) -> None:
    """The bundled samples and the first T17 LibyaWar articles (English), sentences only."""
    ingestor = Ingestor(store, Pipeline(("sentences",)))
    report = ingestor.run(read_path(SAMPLES))
    assert not report.errors
    with T17_LIBYA.open(encoding="utf-8") as handle:
        docs = [
            Document(text=rec["text"], source="T17 LibyaWar", published=rec["time"], language="en", origin=rec["id"])
            for rec in map(json.loads, handle.readlines()[:articles])
        ]
    assert ingestor.run(docs).added


def _search_objects(store: Store) -> set[str]:
    insp = inspect(store.engine)
    found = set(insp.get_table_names())
    found |= {c["name"] for c in insp.get_columns("sentences")}
    found |= {i["name"] for i in insp.get_indexes("sentences")} | {i["name"] for i in insp.get_indexes("event_sources")}
    return found & {"sentences_fts", "search_tsv", "ix_sentences_search_tsv", "ix_event_sources_sentence_id"}


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def test_migrations_go_up_and_down_and_backfill_the_index(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}" if backend == "sqlite" else request.getfixturevalue("fresh_pg")
    store = open_store(url)
    with store.engine.connect() as conn:
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head
    expected = (
        {"sentences_fts", "ix_event_sources_sentence_id"}
        if backend == "sqlite"
        else {"search_tsv", "ix_sentences_search_tsv", "ix_event_sources_sentence_id"}
    )
    assert _search_objects(store) == expected
    Ingestor(store, Pipeline(("sentences",))).run(read_path(SAMPLES / "2022-02-25-slangeneiland.txt"))
    hits = search(store, "Slangeneiland").hits
    assert hits
    _alembic(store, "downgrade", "0001")
    assert _search_objects(store) == set()
    assert store.count("sentences") > 0
    _alembic(store, "upgrade", "head")
    # Sentences stored before the index existed are indexed by the migration.
    assert [h.sentence_id for h in search(store, "Slangeneiland").hits] == [h.sentence_id for h in hits]
    store.engine.dispose()


def test_both_backends_give_the_same_top_documents(tmp_path: Path, fresh_pg: str) -> None:
    lite = open_store(f"sqlite:///{tmp_path / 'same.db'}")
    pg = open_store(fresh_pg)
    for store in (lite, pg):
        _fill(store)
    assert lite.count("sentences") == pg.count("sentences") > 1000
    compared = 0
    for query in QUERIES:
        a, b = search(lite, query, limit=10), search(pg, query, limit=10)
        assert a.document_ids == b.document_ids, query
        assert [h.sentence_id for h in a.hits] == [h.sentence_id for h in b.hits], query
        assert [h.snippet for h in a.hits] == [h.snippet for h in b.hits], query
        compared += bool(a.hits)
    assert compared >= len(QUERIES) - 1
    filtered = {"date_from": "2011-02-20", "date_to": "2011-03-31", "language": "en"}
    assert search(lite, "Gaddafi", **filtered).document_ids == search(pg, "Gaddafi", **filtered).document_ids
    assert search(lite, "Gaddafi", **filtered).facets == search(pg, "Gaddafi", **filtered).facets
    pg.engine.dispose()


def test_python_analysis_agrees_with_postgresql_configurations(pg_admin) -> None:  # type: ignore[no-untyped-def]
    """SQLite indexes what Python's Snowball makes of a sentence; PostgreSQL what 'dutch'/'english' make of it."""
    sentences: list[tuple[str, str]] = []
    for path in sorted(SAMPLES.glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        lang = "en" if " the " in body else "nl"
        sentences += [(line.strip(), lang) for line in body.splitlines() if len(line.split()) > 4]
    with T17_LIBYA.open(encoding="utf-8") as handle:
        for line in handle.readlines()[:15]:
            sentences += [(s.strip(), "en") for s in json.loads(line)["text"].split("\n") if len(s.split()) > 4]
    assert len(sentences) > 300
    config = {"nl": "dutch", "en": "english"}
    alike = terms_alike = terms_all = 0
    for sentence, lang in sentences:
        lexemes = pg_admin.execute(
            "SELECT tsvector_to_array(to_tsvector(%s::regconfig, %s))", (config[lang], sentence)
        ).fetchone()[0]
        # PostgreSQL also indexes hyphenated compounds whole; their parts are indexed on both sides.
        pg_terms = {x for x in lexemes if "-" not in x}
        py_terms = set(terms(sentence, code_for(lang)))
        alike += pg_terms == py_terms
        terms_alike += len(pg_terms & py_terms)
        terms_all += len(pg_terms | py_terms)
    # What differs is English words whose Snowball stem changed after PostgreSQL's copy
    # ("international": PostgreSQL "intern", Snowball 3 "internat"); the Dutch stems agree.
    assert terms_alike / terms_all >= 0.985, f"{terms_alike} of {terms_all} terms alike"
    assert alike / len(sentences) >= 0.9, f"{alike} of {len(sentences)} sentences analysed alike"


def test_words_postgresql_alone_stems_alike_do_not_widen_its_matches(tmp_path: Path, fresh_pg: str) -> None:
    """PostgreSQL's older English Snowball makes "universal", "universe" and "university" all
    "univers" (Python: "universal", "univers", "universiti"); its candidates are re-checked with
    Python's stems, and the pool still filled with the newest real matches."""
    old = " ".join(f"The university opened hall {i} for the students." for i in range(3))
    new = " ".join(f"A universal truth about the universe, number {i}, was debated." for i in range(6))
    docs = [
        Document(text=old, source="Campus", published="2011-01-01", language="en", origin="old"),
        Document(text=new, source="Campus", published="2011-02-01", language="en", origin="new"),
    ]
    lite = open_store(f"sqlite:///{tmp_path / 'stems.db'}")
    pg = open_store(fresh_pg)
    for store in (lite, pg):
        assert Ingestor(store, Pipeline(("sentences",))).run(docs).added
    with pg.engine.connect() as conn:  # the case holds: PostgreSQL's index alone conflates them
        assert (
            conn.execute(
                text("SELECT count(*) FROM sentences WHERE search_tsv @@ plainto_tsquery('english', 'university')")
            ).scalar_one()
            == 9
        )
    for query, kwargs in [
        ("university", {}),
        ("university", {"pool": 2}),  # the newest PostgreSQL matches are all dropped: it reads on
        ("university students", {"mode": "all"}),
        ("university debated", {"mode": "any", "language": "en"}),
        ("universe", {}),
    ]:
        a, b = search(lite, query, **kwargs), search(pg, query, **kwargs)  # type: ignore[arg-type]
        assert a.hits, query
        assert [h.sentence_id for h in a.hits] == [h.sentence_id for h in b.hits], (query, kwargs)
        assert a.document_ids == b.document_ids and a.total == b.total, (query, kwargs)
    assert {h.text.split()[1] for h in search(pg, "university").hits} == {"university"}
    assert len(search(pg, "university", pool=2).hits) == 2
    pg.engine.dispose()
