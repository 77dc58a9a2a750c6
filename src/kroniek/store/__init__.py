"""The store: documents with their annotated sentences, and the records built from them.

The store is a floor, not a hub: stages call it, it calls none of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from kroniek.model import Document, Mention, Sentence, Timex
from kroniek.store import schema as t
from kroniek.store.db import make_engine, migrate, resolve_url
from kroniek.store.search import index_document

T = TypeVar("T")


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Stored:
    """The outcome of storing one document."""

    id: int
    created: bool


def _mention_name(mention: Mention) -> str | None:
    value = mention.attrs.get("name") or mention.attrs.get("speaker")
    return str(value) if value is not None else None


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # -- documents -------------------------------------------------------------------

    def has_content(self, digest: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(select(t.documents.c.id).where(t.documents.c.content_hash == digest)).first() is not None
            )

    def document_text(self, doc_id: int) -> str:
        with self.engine.connect() as conn:
            text = conn.execute(select(t.documents.c.text).where(t.documents.c.id == doc_id)).scalar()
            return str(text or "")

    def simhashes(self) -> list[tuple[int, int]]:
        """(document id, SimHash) of every stored document, for near-duplicate checks."""
        d = t.documents
        with self.engine.connect() as conn:
            rows = conn.execute(select(d.c.id, d.c.simhash).where(d.c.simhash.is_not(None)))
            return [(int(row.id), int(row.simhash)) for row in rows]

    def add_document(self, doc: Document, pipeline: Sequence[str] = (), simhash: int | None = None) -> Stored:
        """Store a document with its sentences and annotations in one transaction.

        A document whose content is already stored is not stored again.
        """
        digest = doc.content_hash
        try:
            return self._add_document(doc, digest, pipeline, simhash)
        except IntegrityError:
            # Two writers stored the same report at once: the other one won, which is fine.
            existing = self._document_with_hash(digest)
            if existing is None:
                raise
            doc.id = existing
            return Stored(existing, False)

    def _document_with_hash(self, digest: str) -> int | None:
        with self.engine.connect() as conn:
            found = conn.execute(select(t.documents.c.id).where(t.documents.c.content_hash == digest)).scalar()
        return int(found) if found is not None else None

    def _add_document(self, doc: Document, digest: str, pipeline: Sequence[str], simhash: int | None) -> Stored:
        with self.engine.begin() as conn:
            existing = conn.execute(select(t.documents.c.id).where(t.documents.c.content_hash == digest)).scalar()
            if existing is not None:
                doc.id = int(existing)
                return Stored(int(existing), False)
            doc_id = conn.execute(
                insert(t.documents).returning(t.documents.c.id),
                {
                    "source": doc.source or "",
                    "url": doc.url,
                    "title": doc.title,
                    "published": doc.published,
                    "date_precision": doc.date_precision,
                    "language": doc.language,
                    "genre": doc.genre,
                    "content_hash": digest,
                    "simhash": simhash,
                    "text": doc.text,
                    "origin": doc.origin,
                    "pipeline": list(pipeline),
                    "ingested_at": now(),
                },
            ).scalar_one()
            doc.id = int(doc_id)
            self._insert_sentences(conn, doc)
        return Stored(doc.id, True)

    def _insert_sentences(self, conn: Connection, doc: Document) -> None:
        if not doc.sentences:
            return
        rows = [
            {
                "document_id": doc.id,
                "position": s.position,
                "start": s.start,
                "end": s.end,
                "section": s.section,
                "text": s.text,
                "boilerplate": s.boilerplate,
                "event_date": s.event_date,
                "event_precision": s.event_precision,
            }
            for s in doc.sentences
        ]
        ids = conn.execute(
            insert(t.sentences).returning(t.sentences.c.id, sort_by_parameter_order=True), rows
        ).scalars()
        for sent, sent_id in zip(doc.sentences, ids, strict=True):
            sent.id = int(sent_id)
        index_document(conn, doc)
        timex_rows = [
            {
                "sentence_id": s.id,
                "start": x.start,
                "end": x.end,
                "text": x.text[:500],
                "type": x.type,
                "value": x.value,
            }
            for s in doc.sentences
            for x in s.timex
        ]
        if timex_rows:
            conn.execute(insert(t.timexes), timex_rows)
        mention_rows = [
            {
                "sentence_id": s.id,
                "kind": m.kind,
                "start": m.start,
                "end": m.end,
                "text": m.text[:500],
                "name": _mention_name(m),
                "attrs": m.attrs,
            }
            for s in doc.sentences
            for m in s.mentions
        ]
        if mention_rows:
            conn.execute(insert(t.mentions), mention_rows)

    def replace_annotations(self, doc: Document, pipeline: Sequence[str] = ()) -> None:
        """Re-store a document's sentences after a new extraction run (one transaction)."""
        if doc.id is None:
            raise ValueError("document has no id")
        with self.engine.begin() as conn:
            conn.execute(delete(t.sentences).where(t.sentences.c.document_id == doc.id))
            conn.execute(t.documents.update().where(t.documents.c.id == doc.id).values(pipeline=list(pipeline)))
            self._insert_sentences(conn, doc)
            # the events were clustered from the old sentences: their stored state no longer
            # holds, so the next update of the events rebuilds them from all reports
            conn.execute(delete(t.event_state))

    def document_ids(self) -> list[int]:
        with self.engine.connect() as conn:
            return [int(i) for i in conn.execute(select(t.documents.c.id).order_by(t.documents.c.id)).scalars()]

    def count(self, table: str) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.metadata.tables[table])).scalar_one())

    def list_documents(self, limit: int = 50, offset: int = 0, language: str | None = None) -> list[dict[str, Any]]:
        """Document summaries, newest publication first."""
        d = t.documents
        n_sent = (
            select(func.count())
            .where(t.sentences.c.document_id == d.c.id, t.sentences.c.boilerplate.is_(False))
            .scalar_subquery()
        )
        query = select(
            d.c.id,
            d.c.source,
            d.c.title,
            d.c.url,
            d.c.published,
            d.c.date_precision,
            d.c.language,
            d.c.genre,
            d.c.origin,
            d.c.ingested_at,
            n_sent.label("sentences"),
        )
        if language:
            query = query.where(d.c.language == language)
        query = query.order_by(d.c.published.desc().nulls_last(), d.c.id.desc()).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def get_document(self, doc_id: int) -> Document | None:
        docs = self.load_documents(ids=[doc_id])
        return docs[0] if docs else None

    def load_documents(
        self,
        ids: Iterable[int] | None = None,
        since: str | None = None,
        until: str | None = None,
        language: str | None = None,
        ingested_since: datetime | None = None,
    ) -> list[Document]:
        """Documents with their sentences and annotations, in publication order.

        ``since``/``until`` compare ISO date strings with the publication date.
        """
        d = t.documents
        query = select(d)
        if ids is not None:
            query = query.where(d.c.id.in_(list(ids)))
        if since:
            query = query.where(d.c.published >= since)
        if until:
            query = query.where(d.c.published <= until + "\uffff")
        if language:
            query = query.where(d.c.language == language)
        if ingested_since is not None:
            query = query.where(d.c.ingested_at > ingested_since)
        query = query.order_by(d.c.published.nulls_first(), d.c.id)
        with self.engine.connect() as conn:
            docs = [
                Document(
                    id=row.id,
                    text=row.text,
                    source=row.source,
                    title=row.title,
                    url=row.url,
                    published=row.published,
                    date_precision=row.date_precision,
                    language=row.language,
                    genre=row.genre,
                    origin=row.origin,
                )
                for row in conn.execute(query)
            ]
            if not docs:
                return []
            by_id = {int(doc.id or 0): doc for doc in docs}
            doc_ids = list(by_id)
            sents: dict[int, Sentence] = {}
            s = t.sentences
            for chunk in chunks(doc_ids):
                for row in conn.execute(
                    select(s).where(s.c.document_id.in_(chunk)).order_by(s.c.document_id, s.c.position)
                ):
                    sent = sentence_from_row(row)
                    sents[row.id] = sent
                    by_id[row.document_id].sentences.append(sent)
                join = select(t.timexes).join(s, s.c.id == t.timexes.c.sentence_id).where(s.c.document_id.in_(chunk))
                for row in conn.execute(join.order_by(t.timexes.c.id)):
                    sents[row.sentence_id].timex.append(
                        Timex(start=row.start, end=row.end, text=row.text, type=row.type, value=row.value)
                    )
                join = select(t.mentions).join(s, s.c.id == t.mentions.c.sentence_id).where(s.c.document_id.in_(chunk))
                for row in conn.execute(join.order_by(t.mentions.c.id)):
                    sents[row.sentence_id].mentions.append(mention_from_row(row))
        return docs

    def sentence_context(self, sentence_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """For each sentence id: its text and its document's id, source, title, url and date."""
        s, d = t.sentences, t.documents
        query = select(s.c.id, s.c.text, s.c.document_id, d.c.source, d.c.title, d.c.url, d.c.published).join(
            d, d.c.id == s.c.document_id
        )
        out: dict[int, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(list(sentence_ids), 500):
                for row in conn.execute(query.where(s.c.id.in_(chunk))):
                    out[row.id] = dict(row._mapping)
        return out


def chunks(items: Sequence[T], size: int = 500) -> Iterable[Sequence[T]]:
    """``items`` in runs of ``size``: an IN (...) list stays within every backend's limits."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def sentence_from_row(row: Any) -> Sentence:
    """A stored sentence, without its annotations (they are rows of their own tables)."""
    return Sentence(
        id=row.id,
        start=row.start,
        end=row.end,
        text=row.text,
        position=row.position,
        section=row.section,
        boilerplate=row.boilerplate,
        event_date=row.event_date,
        event_precision=row.event_precision,
    )


def mention_from_row(row: Any) -> Mention:
    return Mention(kind=row.kind, start=row.start, end=row.end, text=row.text, attrs=dict(row.attrs))


def open_store(url: str | None = None, *, upgrade: bool = True) -> Store:
    """Open (and by default migrate) the database at ``url`` (see :func:`resolve_url`)."""
    engine = make_engine(resolve_url(url))
    if upgrade:
        migrate(engine)
    return Store(engine)
