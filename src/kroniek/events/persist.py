"""Writing events to the store: the events stage owns the ``events`` and ``event_sources`` rows.

``update_events`` clusters newly stored reports into the stored events: it takes up only the
events a new sentence can still join (dated within the clusterer's window of it and filed
under one of the terms it probes, ``event_terms_index``), updates those in place (their ids
stay) and adds the new ones. The clusterer's state lives in the store (``events.state``,
``event_sources.position``/``vector``, ``event_terms_index``, ``event_state``,
``event_terms``, ``event_documents``), so a run of updates groups the sentences as one
replay of the same reports in the same order would. Each update takes the reports not yet
clustered in publication order; over many updates that is the order they arrived in, which
``event_documents.seq`` records.

``rebuild_events`` is that replay: every stored report, in the recorded order (then those
never clustered, oldest first), through a fresh clusterer; it replaces the events and the state
(new ids), e.g. after a re-annotation, and groups the sentences as the updates did.

Each transaction first takes the events stage's lock, so readers never see half a run and two
writers never cluster a report twice. A rebuild writes in one; an update in one per run of
:data:`CHUNK` reports, each committing the reports it clustered with the events they changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, text, update

from kroniek.events.cluster import ClusterState, CorpusState, EventClusterer, StoredMember
from kroniek.model import Document, Event, Sentence
from kroniek.store import Store, chunks, mention_from_row, sentence_from_row
from kroniek.store import schema as t


def _lock(conn: Connection) -> None:
    """Serialise the writers of the events stage (readers go on reading the last commit)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE event_state IN SHARE ROW EXCLUSIVE MODE"))
    else:
        # SQLite takes its write lock at a transaction's first write, matched rows or not.
        conn.execute(update(t.event_state).where(t.event_state.c.id == -1).values(n_docs=0))


def _event_values(event: Event, state: ClusterState) -> dict[str, Any]:
    return {
        "date": event.date,
        "precision": event.precision,
        "type": event.type,
        "title": event.title,
        "places": list(event.places),
        "actors": list(event.actors),
        "figures": list(event.figures),
        "claims": list(event.claims),
        "state": state.to_json(),
    }


def _insert_event(conn: Connection, event: Event, state: ClusterState, now: datetime) -> int:
    values = _event_values(event, state) | {"created_at": now, "updated_at": now}
    event.id = int(conn.execute(insert(t.events).returning(t.events.c.id).values(**values)).scalar_one())
    return event.id


def _index_rows(event_id: int, terms: Iterable[str], known: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The ``event_terms_index`` rows filing an event under ``terms`` but those it is ``known``
    under (an event's terms only grow). Written at once for all events: one statement, not one each."""
    old = set(known)
    return [{"term": term, "event_id": event_id} for term in terms if term not in old]


def _insert_sources(
    conn: Connection, event: Event, vectors: Sequence[dict[str, float]], skip: set[int] | None = None
) -> None:
    """The event's sources, but those without a stored sentence and those in ``skip``."""
    seen = set(skip or ())
    rows = []
    for position, (s, vector) in enumerate(zip(event.sources, vectors, strict=True)):
        if s.sentence_id is None or s.document_id is None or s.sentence_id in seen:
            continue
        seen.add(s.sentence_id)
        rows.append(
            {
                "event_id": event.id,
                "sentence_id": s.sentence_id,
                "document_id": s.document_id,
                "position": position,
                "vector": vector,
            }
        )
    if rows:
        conn.execute(insert(t.event_sources), rows)


def _clear(conn: Connection) -> None:
    for table in (t.event_sources, t.event_terms_index, t.events, t.event_terms, t.event_documents, t.event_state):
        conn.execute(delete(table))


def _write_corpus(conn: Connection, corpus: CorpusState, old_df: dict[str, int], config: dict[str, Any]) -> None:
    now = datetime.now(UTC)
    values = {"n_docs": corpus.n_docs, "opened": corpus.opened, "config": config, "updated_at": now}
    if conn.execute(update(t.event_state).where(t.event_state.c.id == 1).values(**values)).rowcount == 0:
        conn.execute(insert(t.event_state).values(id=1, **values))
    changed = [{"t": term, "n": n} for term, n in corpus.df.items() if term in old_df and old_df[term] != n]
    if changed:
        conn.execute(
            update(t.event_terms).where(t.event_terms.c.term == bindparam("t")).values(df=bindparam("n")), changed
        )
    new = [{"term": term, "df": n} for term, n in corpus.df.items() if term not in old_df]
    if new:
        conn.execute(insert(t.event_terms), new)


def _mark_clustered(conn: Connection, doc_ids: Iterable[int], first: int) -> None:
    """Record ``doc_ids`` as clustered, in the order the clusterer took them (from ``first`` on)."""
    now = datetime.now(UTC)
    rows = [{"document_id": i, "clustered_at": now, "seq": first + n} for n, i in enumerate(doc_ids)]
    if rows:
        conn.execute(insert(t.event_documents), rows)


def _replay_order(conn: Connection, docs: list[Document]) -> list[Document]:
    """``docs`` (in publication order) in the order a replay takes them: the reports clustered
    before in the order they were clustered, then the others in publication order."""
    done = t.event_documents
    seq = {int(i): int(n) for i, n in conn.execute(select(done.c.document_id, done.c.seq))}
    return sorted(docs, key=lambda d: (d.id not in seq, seq.get(int(d.id or 0), 0)))


def rebuild_events(store: Store, clusterer: EventClusterer | None = None) -> list[Event]:
    """Cluster every stored report again and store the events and the clusterer's state.

    The reports are replayed in the order they were clustered (``event_documents.seq``: the order
    they arrived in, update after update), those never clustered after them in publication order,
    so a rebuild groups the sentences as the updates did.
    """
    clusterer = clusterer or EventClusterer()
    # The replay runs before the lock, so ingests (which wait on it in SQLite) are not held up.
    with store.engine.connect() as conn:
        docs = _replay_order(conn, store.load_documents())
    for doc in docs:
        clusterer.add(doc)
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        _lock(conn)
        # Reports stored meanwhile (perhaps clustered into the events about to be replaced) come last.
        seen = {d.id for d in docs}
        late = [
            doc
            for some in chunks([i for i in store.document_ids() if i not in seen])
            for doc in store.load_documents(ids=some)
        ]
        late = _replay_order(
            conn, sorted(late, key=lambda d: (d.published is not None, d.published or "", int(d.id or 0)))
        )
        for doc in late:
            clusterer.add(doc)
        docs += late
        _clear(conn)
        # by date, as EventClusterer.events orders them: ids follow the story
        exports = sorted(clusterer.export(), key=lambda x: (x.event.date or "", -len(x.event.sources)))
        index: list[dict[str, Any]] = []
        for x in exports:
            index += _index_rows(_insert_event(conn, x.event, x.state, now), x.state.total)
            _insert_sources(conn, x.event, x.vectors)
        if index:
            conn.execute(insert(t.event_terms_index), index)
        _write_corpus(conn, clusterer.corpus_state(), {}, clusterer.config())
        _mark_clustered(conn, [int(d.id or 0) for d in docs], 0)
    return [x.event for x in exports]


CHUNK = 200
"""Reports clustered per transaction: each holds the events stage's lock (in SQLite the database's
only write lock, which the web server, the feed watcher and the outbox wait on) for a few seconds at
most, and every commit records its reports as clustered, so an interrupted update loses nothing."""


@dataclass
class EventUpdate:
    """What :func:`update_events` did.

    ``rebuilt`` False: ``events`` are the events the new reports created or changed (the others
    kept their records and ids). True: the stored state did not apply, every report was clustered
    again and the stored events replaced (new ids): ``events`` are all of them. A first build (no
    events stored yet) is not a rebuild: all its events are new.
    """

    events: list[Event]
    rebuilt: bool = False

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)


def update_events(
    store: Store,
    documents: Iterable[Document | int] | None = None,
    clusterer: EventClusterer | None = None,
    chunk: int = CHUNK,
) -> EventUpdate:
    """Cluster newly stored reports into the stored events (see :class:`EventUpdate`).

    ``documents`` (records or ids) are clustered in publication order, each at most once ever;
    None: every stored report not clustered yet. They are taken ``chunk`` at a time, each run in a
    transaction of its own. ``clusterer`` gives the parameters (each run starts a fresh one from
    them). Without stored state (an archive from before this scheme, or re-annotated reports) or
    with other clusterer parameters, this is :func:`rebuild_events`.
    """
    template = clusterer or EventClusterer()
    queue = (
        None if documents is None else _by_publication(store, {d if isinstance(d, int) else d.id for d in documents})
    )
    changed: dict[int, Event] = {}
    while True:
        with store.engine.begin() as conn:
            _lock(conn)
            state = conn.execute(select(t.event_state).where(t.event_state.c.id == 1)).first()
            if state is None or state.config != template.config():
                replaced = conn.execute(select(t.events.c.id).limit(1)).first() is not None
                break
            todo = _pending(conn, queue, chunk)
            if not todo:
                return EventUpdate(sorted(changed.values(), key=lambda e: int(e.id or 0)))
            for event in _update(conn, store, template.fresh(), state, todo):
                changed[int(event.id or 0)] = event
    return EventUpdate(rebuild_events(store, template.fresh()), rebuilt=replaced)


def _by_publication(store: Store, ids: set[int | None]) -> list[int]:
    """``ids`` in the order :meth:`Store.load_documents` returns them (publication, then id)."""
    d = t.documents
    keyed = []
    with store.engine.connect() as conn:
        for some in chunks(sorted(i for i in ids if i is not None)):
            for i, published in conn.execute(select(d.c.id, d.c.published).where(d.c.id.in_(some))):
                keyed.append((published is not None, published or "", int(i)))
    return [i for *_, i in sorted(keyed)]


def _pending(conn: Connection, queue: list[int] | None, limit: int) -> list[int]:
    """The next at most ``limit`` reports not clustered yet: of ``queue`` (taken off it, in its
    order), or, None, of all stored reports, in publication order."""
    d, done = t.documents, t.event_documents
    if queue is None:
        query = (
            select(d.c.id)
            .where(~d.c.id.in_(select(done.c.document_id)))
            .order_by(d.c.published.nulls_first(), d.c.id)
            .limit(limit)
        )
        return [int(i) for i in conn.execute(query).scalars()]
    todo: list[int] = []
    while queue and len(todo) < limit:
        some, queue[:] = queue[: limit - len(todo)], queue[limit - len(todo) :]
        clustered = set(conn.execute(select(done.c.document_id).where(done.c.document_id.in_(some))).scalars())
        todo += [i for i in some if i not in clustered]
    return todo


def _update(conn: Connection, store: Store, clusterer: EventClusterer, state: Any, todo: list[int]) -> list[Event]:
    docs = store.load_documents(ids=todo)  # publication order, as a replay takes them
    if not docs:
        return []

    terms = sorted({term for doc in docs for term in clusterer.terms(doc)})
    df: dict[str, int] = {}
    for some_terms in chunks(terms):
        query = select(t.event_terms.c.term, t.event_terms.c.df).where(t.event_terms.c.term.in_(some_terms))
        df.update((str(term), int(n)) for term, n in conn.execute(query))
    clusterer.restore_corpus(CorpusState(state.n_docs, state.opened, dict(df)))

    filed = _restore_near(conn, clusterer, clusterer.probes(docs))
    for doc in docs:
        clusterer.add(doc, records=False)
    sentences_of = _fill_members(conn, clusterer)

    now = datetime.now(UTC)
    changed = clusterer.export(changed_only=True)
    index: list[dict[str, Any]] = []
    for x in changed:
        event = x.event
        if event.id is not None and event.id in filed:
            values = _event_values(event, x.state) | {"updated_at": now}
            conn.execute(update(t.events).where(t.events.c.id == event.id).values(**values))
            _insert_sources(conn, event, x.vectors, skip=sentences_of[event.id])
            index += _index_rows(event.id, x.state.total, known=filed[event.id])
        else:
            index += _index_rows(_insert_event(conn, event, x.state, now), x.state.total)
            _insert_sources(conn, event, x.vectors)
    if index:
        conn.execute(insert(t.event_terms_index), index)
    _write_corpus(conn, clusterer.corpus_state(), df, clusterer.config())
    _mark_clustered(conn, [int(doc.id or 0) for doc in docs], int(state.n_docs))
    return [x.event for x in changed]


def _date_ranges(ordinals: set[int], window: int) -> list[tuple[int, int]]:
    """The days within ``window`` of any of ``ordinals``, as merged [first, last] ranges."""
    ranges: list[tuple[int, int]] = []
    for o in sorted(ordinals):
        lo, hi = o - window, o + window
        if ranges and lo <= ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], hi))
        else:
            ranges.append((lo, hi))
    return ranges


def _restore_near(
    conn: Connection, clusterer: EventClusterer, probes: Sequence[tuple[int, set[str]]]
) -> dict[int, set[str]]:
    """Give ``clusterer`` the stored events that one of the new sentences can join.

    ``probes``: per new sentence, its day ordinal and the terms it probes (see
    :meth:`EventClusterer.probes`). The clusterer only ever looks at events within the window of
    the sentence's day filed under one of those terms, and an event nothing joins never changes,
    so these events (all of them, whatever the clusterer's cap on postings) are all it needs.
    Only their states are read: matching needs no more, and most of them nothing joins (their
    sentences are read by :func:`_fill_members` for those something does).
    Returns, by event id, the terms each taken-up event is already filed under.
    """
    days_of: dict[str, set[int]] = {}
    for day, terms in probes:
        for term in terms:
            days_of.setdefault(term, set()).add(day)
    e, ix = t.events, t.event_terms_index
    ids: set[int] = set()
    for lo, hi in _date_ranges({day for day, _ in probes}, clusterer.window):
        first, last = date.fromordinal(lo).isoformat(), date.fromordinal(hi).isoformat()
        in_range = sorted(term for term, days in days_of.items() if any(lo <= d <= hi for d in days))
        for some in chunks(in_range):
            # "2022-02" (a month, dated by its first day) sorts before "2022-02-01"; later months sort inside
            in_days = ((e.c.date >= first) | (e.c.date == first[:7])) & (e.c.date <= last + "\uffff")
            query = (
                select(ix.c.event_id, ix.c.term, e.c.date)
                .join(e, e.c.id == ix.c.event_id)
                .where(ix.c.term.in_(some), in_days)
            )
            for event_id, term, day in conn.execute(query):
                if event_id not in ids and clusterer.can_join(day, days_of[term]):
                    ids.add(event_id)
    if not ids:
        return {}

    rows: dict[int, Any] = {}
    columns = (e.c.id, e.c.date, e.c.precision, e.c.type, e.c.title, e.c.state)
    for chunk in chunks(sorted(ids)):
        rows.update(
            (row.id, row) for row in conn.execute(select(*columns).where(e.c.id.in_(chunk), e.c.state.is_not(None)))
        )
    states = {i: ClusterState.from_json(row.state) for i, row in rows.items()}
    for event_id in sorted(rows, key=lambda i: states[i].seq):
        row = rows[event_id]
        event = Event(date=row.date, precision=row.precision, type=row.type, title=row.title, id=row.id)
        clusterer.restore(states[event_id], None, event)
    return {i: set(state.total) for i, state in states.items()}


def _fill_members(conn: Connection, clusterer: EventClusterer) -> dict[int, set[int]]:
    """Read the sentences of the taken-up events that sentences joined (their records are made
    anew from all their members); returns, by event id, the ids of the sentences it had."""
    ids = clusterer.awaiting()
    src = t.event_sources
    sources: dict[int, list[Any]] = {i: [] for i in ids}
    for chunk in chunks(sorted(ids)):
        query = select(src).where(src.c.event_id.in_(chunk)).order_by(src.c.event_id, src.c.position)
        for row in conn.execute(query):
            sources[row.event_id].append(row)
    sentences = _load_sentences(conn, [r.sentence_id for rs in sources.values() for r in rs])
    for event_id, rs in sources.items():
        members = [
            StoredMember(*sentences[r.sentence_id], dict(r.vector or {})) for r in rs if r.sentence_id in sentences
        ]
        clusterer.fill(event_id, members)
    return {i: {r.sentence_id for r in rs} for i, rs in sources.items()}


def _load_sentences(conn: Connection, sentence_ids: list[int]) -> dict[int, tuple[Document, Sentence]]:
    """Stored sentences with their mentions, each with (the fields events use of) its document."""
    s, m, d = t.sentences, t.mentions, t.documents
    out: dict[int, tuple[Document, Sentence]] = {}
    docs: dict[int, Document] = {}
    ids = sorted(set(sentence_ids))
    for chunk in chunks(ids):
        for row in conn.execute(select(s).where(s.c.id.in_(chunk))):
            sent = sentence_from_row(row)
            doc = docs.setdefault(row.document_id, Document(text="", id=row.document_id))
            out[row.id] = (doc, sent)
        query = select(m).where(m.c.sentence_id.in_(chunk)).order_by(m.c.id)
        for row in conn.execute(query):
            out[row.sentence_id][1].mentions.append(mention_from_row(row))
    doc_ids = sorted(docs)
    for chunk in chunks(doc_ids):
        query = select(d.c.id, d.c.source, d.c.origin, d.c.published, d.c.language).where(d.c.id.in_(chunk))
        for row in conn.execute(query):
            doc = docs[row.id]
            doc.source, doc.origin, doc.published, doc.language = row.source, row.origin, row.published, row.language
    return out
