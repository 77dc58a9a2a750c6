"""Ingest: read sources, annotate each document with the pipeline, store it once.

One transaction per document, so an interrupted batch leaves every stored document whole;
a rerun of the same batch skips what is stored and completes the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kroniek.ingest.dedup import is_candidate, is_near_duplicate, simhash
from kroniek.ingest.readers import IngestError, read_bytes, read_path
from kroniek.model import Document
from kroniek.pipeline import Pipeline, default_pipeline
from kroniek.store import Store

__all__ = ["IngestError", "IngestReport", "Ingestor", "read_bytes", "read_path", "read_sources"]


@dataclass
class IngestReport:
    added: list[int] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary(self) -> str:
        return f"{len(self.added)} added, {len(self.duplicates)} duplicates skipped, {len(self.errors)} failed"


def read_sources(sources: Iterable[str | Path]) -> Iterator[Document | IngestError]:
    for source in sources:
        yield from read_path(source)


class Ingestor:
    """Annotates and stores documents, skipping exact and near duplicates."""

    def __init__(self, store: Store, pipeline: Pipeline | None = None) -> None:
        self.store = store
        self.pipeline = pipeline or default_pipeline()
        self._hashes = store.simhashes()

    def add(self, doc: Document, report: IngestReport) -> None:
        name = doc.origin or doc.title or "document"
        if not doc.text.strip():
            report.errors.append(IngestError(name, "no text left to store"))
            return
        if self.store.has_content(doc.content_hash):
            report.duplicates.append(f"{name}: already stored")
            return
        fingerprint = simhash(doc.text)
        for other_id, other in self._hashes:
            if is_candidate(fingerprint, other) and is_near_duplicate(doc.text, self.store.document_text(other_id)):
                report.duplicates.append(f"{name}: near-duplicate of document {other_id}")
                return
        try:
            self.pipeline(doc)
        except Exception as exc:  # noqa: BLE001 - an extractor bug must not stop a batch
            report.errors.append(IngestError(name, f"annotation failed: {type(exc).__name__}: {exc}"))
            return
        stored = self.store.add_document(doc, pipeline=self.pipeline.names, simhash=fingerprint)
        if stored.created:
            report.added.append(stored.id)
            self._hashes.append((stored.id, fingerprint))
        else:
            report.duplicates.append(f"{name}: already stored")

    def run(
        self, items: Iterable[Document | IngestError], on_item: Callable[[Document | IngestError], None] | None = None
    ) -> IngestReport:
        report = IngestReport()
        for item in items:
            if isinstance(item, IngestError):
                report.errors.append(item)
            else:
                self.add(item, report)
            if on_item is not None:
                on_item(item)
        return report
