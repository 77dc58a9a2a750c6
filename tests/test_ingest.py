"""Ingest: stored once, whole or not at all, batches go on past bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from conftest import SAMPLES, SEEDS
from kroniek.ingest import Ingestor, read_path, read_sources
from kroniek.model import Document
from kroniek.pipeline import Pipeline
from kroniek.store import Store
from kroniek.store import schema as t


def table_counts(store: Store) -> dict[str, int]:
    return {name: store.count(name) for name in ("documents", "sentences", "timexes", "mentions")}


def test_seeds_ingest_once(store: Store) -> None:
    ingestor = Ingestor(store)
    first = ingestor.run(read_sources([SEEDS]))
    assert len(first.added) == 2 and first.failed == 0
    before = table_counts(store)
    second = Ingestor(store).run(read_sources([SEEDS]))
    assert second.added == [] and len(second.duplicates) == 2
    assert table_counts(store) == before
    docs = store.load_documents()
    by_genre = {d.genre: d for d in docs}
    assert 1700 <= len(by_genre["narrative"].sentences) <= 1900
    news = by_genre["news"]
    assert (news.published, news.date_precision) == ("2022-02", "month")
    assert any(s.boilerplate and s.text.startswith("Abonneer") for s in news.sentences)


def test_samples_near_duplicate_is_skipped(store: Store) -> None:
    report = Ingestor(store).run(read_sources([SAMPLES]))
    assert report.failed == 0
    assert len(report.added) == 21
    assert len(report.duplicates) == 1 and "near-duplicate" in report.duplicates[0]
    sources = {d.source for d in store.load_documents()}
    assert len(sources) >= 5


def test_stored_document_round_trips(store: Store) -> None:
    (doc,) = list(read_path(SEEDS / "000_52cbfcf192b59ab9.txt"))
    assert isinstance(doc, Document)
    Ingestor(store).add(doc, report := __import__("kroniek.ingest", fromlist=["IngestReport"]).IngestReport())
    assert report.added
    loaded = store.get_document(report.added[0])
    assert loaded is not None
    assert [(s.start, s.end, s.text, s.section, s.boilerplate) for s in loaded.sentences] == [
        (s.start, s.end, s.text, s.section, s.boilerplate) for s in doc.sentences
    ]
    assert [[x.to_dict() for x in s.timex] for s in loaded.sentences] == [
        [x.to_dict() for x in s.timex] for s in doc.sentences
    ]
    assert [[m.to_dict() for m in s.mentions] for s in loaded.sentences] == [
        [m.to_dict() for m in s.mentions] for s in doc.sentences
    ]


def test_failing_document_leaves_nothing_half_written(store: Store, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(" date 2022-02-24\nRusland valt Oekraïne binnen. Er klinken explosies in Kiev.")
    Ingestor(store).run(read_path(good))
    before = table_counts(store)

    class Exploding(Pipeline):
        def __call__(self, doc: Document) -> Document:
            super().__call__(doc)
            doc.sentences[-1].text = None  # type: ignore[assignment]  # NOT NULL: the insert fails midway
            return doc

    bad = tmp_path / "bad.txt"
    bad.write_text(" date 2022-02-25\nEen tweede bericht. Het faalt bij het opslaan van de laatste zin.")
    with pytest.raises(Exception):  # noqa: B017 - any database error will do
        Ingestor(store, Exploding(("sentences",))).run(read_path(bad))
    assert table_counts(store) == before
    with store.engine.connect() as conn:
        orphans = conn.execute(
            select(func.count())
            .select_from(t.sentences)
            .where(t.sentences.c.document_id.not_in(select(t.documents.c.id)))
        ).scalar_one()
    assert orphans == 0


def test_bad_files_are_counted_and_the_batch_goes_on(store: Store, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(" date 2022-02-26\nIn Charkov wordt gevochten.")
    (tmp_path / "leeg.txt").write_text("")
    (tmp_path / "kapot.json").write_text('{"text": ')
    report = Ingestor(store).run(read_sources([tmp_path]))
    assert len(report.added) == 1 and report.failed == 2
    assert report.summary() == "1 added, 0 duplicates skipped, 2 failed"


def test_a_concurrent_writer_storing_the_same_report_is_no_error(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import IntegrityError

    (doc,) = list(read_path(SEEDS / "000_52cbfcf192b59ab9.txt"))
    assert isinstance(doc, Document)
    real = Store._add_document

    def racing(self: Store, doc: Document, digest: str, pipeline: object, simhash: object) -> object:
        real(self, doc, digest, (), None)  # the other writer commits first ...
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed: documents.content_hash"))

    monkeypatch.setattr(Store, "_add_document", racing)
    stored = store.add_document(doc)
    assert not stored.created and stored.id == doc.id
    assert store.count("documents") == 1
