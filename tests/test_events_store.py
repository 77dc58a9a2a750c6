"""Stored events grow with the archive: updates cluster only new reports, into events that keep their ids."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import delete, select, text

from conftest import pg_create_database, pg_drop_database
from kroniek.events import EventClusterer, persist
from kroniek.events.persist import rebuild_events, update_events
from kroniek.ingest import Ingestor, read_sources
from kroniek.model import Document
from kroniek.store import Store, open_store
from kroniek.store import schema as t
from kroniek.store.db import alembic_config
from kroniek.timeline import text as text_module

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def sample_reports() -> list[Document]:
    """The bundled reports, oldest first (the order a replay takes them in)."""
    items = [item for item in read_sources([SAMPLES]) if isinstance(item, Document)]
    return sorted(items, key=lambda d: d.published or "")


def stored_events(store: Store) -> dict[int, dict[str, Any]]:
    """Every stored event by id: its record and the set of its sentences."""
    e, src = t.events, t.event_sources
    with store.engine.connect() as conn:
        out = {row.id: dict(row._mapping) | {"sentences": frozenset()} for row in conn.execute(select(e))}
        for row in conn.execute(select(src.c.event_id, src.c.sentence_id)):
            out[row.event_id]["sentences"] |= {row.sentence_id}
    return out


def record(event: dict[str, Any]) -> tuple[Any, ...]:
    fields = ("date", "precision", "type", "title", "places", "actors", "figures", "claims")
    return tuple(repr(event[f]) for f in fields)


def ingest_in_batches(store: Store, size: int) -> list[dict[int, dict[str, Any]]]:
    """Ingest the samples ``size`` at a time, updating the events after each batch; the events after each."""
    reports = sample_reports()
    ingestor = Ingestor(store)
    states = []
    for i in range(0, len(reports), size):
        report = ingestor.run(reports[i : i + size])
        assert not report.errors, report.summary()
        before = stored_events(store)
        changed = update_events(store, report.added)
        after = stored_events(store)
        changed_ids = {e.id for e in changed}
        assert changed_ids <= set(after)
        for event_id, event in before.items():
            # no event disappears or loses sources; those not touched are not rewritten at all
            assert event["sentences"] <= after[event_id]["sentences"]
            if event_id not in changed_ids:
                assert after[event_id] == event
        states.append(after)
    return states


def test_batches_group_sentences_as_one_replay(store: Store) -> None:
    states = ingest_in_batches(store, 4)
    assert len(states) >= 5
    final = states[-1]
    replay = EventClusterer()(store.load_documents())
    assert len(replay) > 20
    expected = {frozenset(s.sentence_id for s in e.sources): e for e in replay}
    assert {e["sentences"] for e in final.values()} == set(expected)
    # the records are recomputed as they grow: each is what the replay makes of the same sentences
    for event in final.values():
        twin = expected[event["sentences"]]
        assert record(event) == record(
            {
                "date": twin.date,
                "precision": twin.precision,
                "type": twin.type,
                "title": twin.title,
                "places": twin.places,
                "actors": twin.actors,
                "figures": twin.figures,
                "claims": twin.claims,
            }
        )
    # some events grew across batches, keeping their id
    grown = [i for i, e in states[0].items() if e["sentences"] < final[i]["sentences"]]
    assert grown
    # the full replay stores the same grouping (with new ids)
    rebuild_events(store)
    assert {e["sentences"] for e in stored_events(store).values()} == set(expected)


def test_one_report_at_a_time_agrees_with_a_rebuild(store: Store) -> None:
    final = ingest_in_batches(store, 1)[-1]
    rebuilt = {e.id: e for e in rebuild_events(store)}
    assert {e["sentences"] for e in final.values()} == {
        frozenset(s.sentence_id for s in e.sources) for e in rebuilt.values()
    }


def test_reports_are_clustered_once_and_missed_ones_are_picked_up(store: Store) -> None:
    reports = sample_reports()
    ingestor = Ingestor(store)
    first = ingestor.run(reports[:6])
    update_events(store, first.added)
    before = stored_events(store)
    assert update_events(store, first.added).events == []  # a re-run changes nothing
    assert stored_events(store) == before
    # a batch whose update never ran (a crash) is found by an update without a list
    missed = ingestor.run(reports[6:12])
    assert missed.added
    assert update_events(store)
    assert update_events(store).events == []
    with store.engine.connect() as conn:
        done = set(conn.execute(select(t.event_documents.c.document_id)).scalars())
        n_docs = conn.execute(select(t.event_state.c.n_docs)).scalar_one()
    assert done == set(first.added) | set(missed.added) and n_docs == len(done)
    replay = EventClusterer()(store.load_documents())
    assert {e["sentences"] for e in stored_events(store).values()} == {
        frozenset(s.sentence_id for s in e.sources) for e in replay
    }


def test_without_state_or_with_other_parameters_an_update_rebuilds(store: Store) -> None:
    reports = sample_reports()
    ingestor = Ingestor(store)
    added = ingestor.run(reports[:8]).added
    first = update_events(store)
    assert not first.rebuilt and len(first) == store.count("events") > 0  # a first build: all new
    assert not update_events(store, ingestor.run(reports[8:9]).added).rebuilt
    added += [d.id for d in store.load_documents() if d.id not in added]
    # events without clusterer state (as stored before it was, or after a re-annotation)
    with store.engine.begin() as conn:
        conn.execute(delete(t.event_state))
    more = ingestor.run(reports[9:12]).added
    result = update_events(store, more)
    assert result.rebuilt and len(result) == store.count("events")  # every event, with new ids
    replay = EventClusterer()(store.load_documents(ids=added + more))
    groups = {frozenset(s.sentence_id for s in e.sources) for e in replay}
    assert {e["sentences"] for e in stored_events(store).values()} == groups
    with store.engine.connect() as conn:
        assert conn.execute(select(t.event_state.c.n_docs)).scalar_one() == len(added + more)
    # other parameters: the stored state does not apply, all reports are clustered anew
    strict = EventClusterer(threshold=0.9)
    assert update_events(store, ingestor.run(reports[12:]).added, clusterer=strict).rebuilt
    replay = EventClusterer(threshold=0.9)(store.load_documents())
    assert {e["sentences"] for e in stored_events(store).values()} == {
        frozenset(s.sentence_id for s in e.sources) for e in replay
    }


def take_up(
    store: Store, ingestor: Ingestor, text: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[int], set[int], set[str]]:
    """Store a report of 1 March 2022 and update the events with it.

    Returns the stored events within the window of its sentences, those the update took up, and
    the report's terms. The date is the samples' last, so a replay takes the report last as well.
    """
    before = set(stored_events(store))
    doc = Document(text=text, source="Waterschapsbode", published="2022-03-01", language="nl")
    added = ingestor.run([doc]).added
    assert added
    taken_up: set[int] = set()
    restore_near = persist._restore_near

    def recording(*args: Any) -> Any:
        stored = restore_near(*args)
        taken_up.update(stored)
        return stored

    monkeypatch.setattr(persist, "_restore_near", recording)
    update_events(store, added)
    monkeypatch.undo()
    clusterer = EventClusterer()
    report = store.load_documents(ids=added)[0]
    days = clusterer.dates(report)
    assert days
    events = stored_events(store)
    window = [i for i in before if clusterer.can_join(events[i]["date"], days)]
    return window, taken_up, clusterer.terms(report)


def test_an_update_takes_up_only_the_events_sharing_a_term_it_probes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingestor = Ingestor(store)
    update_events(store, ingestor.run(sample_reports()).added)
    # a report from the same days about something the archive never mentions
    window, taken_up, _ = take_up(
        store,
        ingestor,
        "Op dinsdag 1 maart 2022 opende het waterschap bij Zwolle een nieuw gemaal aan de IJssel.\n"
        "Het gemaal pompt bij hoog water dagelijks duizenden kubieke meters uit de polder.\n"
        "De dijkgraaf noemde de investering van twaalf miljoen euro noodzakelijk voor natte winters.",
        monkeypatch,
    )
    assert len(window) > 20  # what taking up the whole window would have loaded
    assert taken_up == set()
    # one that repeats a stored sentence takes up the events filed under its rarest terms, no more
    title = max(stored_events(store).values(), key=lambda e: (len(e["sentences"]), e["id"]))["title"]
    window, taken_up, terms = take_up(
        store, ingestor, f"{title}\nDe dijkgraaf sprak van een zware winter.", monkeypatch
    )
    assert 0 < len(taken_up) < len(window) / 2
    with store.engine.connect() as conn:
        for event_id in taken_up:
            query = select(t.event_terms_index.c.term).where(t.event_terms_index.c.event_id == event_id)
            assert set(conn.execute(query).scalars()) & terms
    # and the grouping is still the replay's
    replay = EventClusterer()(store.load_documents())
    assert {e["sentences"] for e in stored_events(store).values()} == {
        frozenset(s.sentence_id for s in e.sources) for e in replay
    }


def test_an_update_commits_run_by_run_and_an_interrupted_one_loses_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Long updates must not hold SQLite's only write lock throughout, nor name every pending
    report in one IN (...) list: the pending reports are clustered a run at a time, each run
    committed with its reports marked clustered, so a crash keeps the runs before it."""
    reports = sample_reports()
    ingestor = Ingestor(store)
    update_events(store, ingestor.run(reports[:1]).added)
    pending = ingestor.run(reports[1:13]).added
    assert len(pending) == 12
    add, calls = EventClusterer.add, []

    def crashing(self: EventClusterer, doc: Document, **kwargs: Any) -> Any:
        calls.append(doc.id)
        if len(calls) == 9:
            raise RuntimeError("killed")
        return add(self, doc, **kwargs)

    monkeypatch.setattr(EventClusterer, "add", crashing)
    with pytest.raises(RuntimeError):
        update_events(store, chunk=4)
    monkeypatch.undo()
    with store.engine.connect() as conn:
        done = set(conn.execute(select(t.event_documents.c.document_id)).scalars())
        n_docs = conn.execute(select(t.event_state.c.n_docs)).scalar_one()
    assert len(done) == n_docs == 9  # the first report and the two runs before the crash
    assert done - {reports[0].id} == set(calls[:8])
    # the next update takes up the rest, run by run, and nothing is clustered twice
    changed = update_events(store, chunk=5)
    assert changed
    with store.engine.connect() as conn:
        assert conn.execute(select(t.event_state.c.n_docs)).scalar_one() == 13 == store.count("event_documents")
    replay = EventClusterer()(store.load_documents())
    assert {e["sentences"] for e in stored_events(store).values()} == {
        frozenset(s.sentence_id for s in e.sources) for e in replay
    }


def test_a_rebuild_replays_the_reports_in_the_order_they_arrived(store: Store) -> None:
    """Reports that arrive late (here: newest first) are clustered on arrival; a rebuild, asked
    for or because the stored state no longer holds, must group the sentences as the updates did."""
    reports = sample_reports()[::-1]
    ingestor = Ingestor(store)
    arrived: list[int] = []
    for i in range(0, len(reports), 5):
        added = ingestor.run(reports[i : i + 5]).added
        arrived += sorted(added, key=lambda d: next(r.published or "" for r in reports if r.id == d))
        update_events(store)
    live = {e["sentences"] for e in stored_events(store).values()}
    by_id = {d.id: d for d in store.load_documents()}
    in_arrival = {frozenset(s.sentence_id for s in e.sources) for e in EventClusterer()(by_id[i] for i in arrived)}
    in_publication = {frozenset(s.sentence_id for s in e.sources) for e in EventClusterer()(store.load_documents())}
    assert live == in_arrival != in_publication  # the arrival order matters for these reports
    rebuild_events(store)
    assert {e["sentences"] for e in stored_events(store).values()} == live
    # the fallback when the state is gone replays in the same order
    with store.engine.begin() as conn:
        conn.execute(delete(t.event_state))
    update_events(store)
    assert {e["sentences"] for e in stored_events(store).values()} == live


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def own_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of the test's own (the migrations are run down and up on it)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'events.db'}"
        return
    admin = request.getfixturevalue("pg_admin")
    url = pg_create_database(admin)
    yield url
    pg_drop_database(admin, url)


def migrate(store: Store, action: str, revision: str) -> None:
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        getattr(command, action)(config, revision)


def test_the_event_migrations_go_down_and_up_keeping_the_events_and_their_sources(own_db: str) -> None:
    store = open_store(own_db)
    reports = sample_reports()
    ingestor = Ingestor(store)
    update_events(store, ingestor.run(reports[10:20]).added)
    update_events(store, ingestor.run(reports[:10]).added)  # late reports: clustered after the others
    seq = "SELECT document_id FROM event_documents ORDER BY seq"
    with store.engine.connect() as conn:
        order = list(conn.execute(text(seq)).scalars())
    n_events, n_sources = store.count("events"), store.count("event_sources")
    assert n_events and n_sources and len(order) == 20
    # 0006 numbers the reports clustered before it in the order they were clustered
    migrate(store, "downgrade", "0005")
    migrate(store, "upgrade", "head")
    with store.engine.connect() as conn:
        assert list(conn.execute(text(seq)).scalars()) == order
    # without the clusterer's state the events and their sources stay (a batch rebuild of
    # ``events`` on SQLite cascaded to every source)
    migrate(store, "downgrade", "0003")
    assert store.count("events") == n_events and store.count("event_sources") == n_sources
    migrate(store, "upgrade", "head")
    assert store.count("event_sources") == n_sources
    # and the first update after rebuilds them with their state
    result = update_events(store)
    assert result and store.count("event_sources") == n_sources
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM events WHERE state IS NULL")).scalar_one() == 0
    store.engine.dispose()


def test_state_built_with_other_tokenisation_is_rebuilt_not_continued(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other stop words make other terms: the stored vectors and document frequencies no longer
    match what the code computes, so the update must cluster every report anew."""
    reports = sample_reports()
    ingestor = Ingestor(store)
    update_events(store, ingestor.run(reports[:10]).added)
    nl = text_module.STOPWORDS["nl"]
    monkeypatch.setitem(text_module.STOPWORDS, "nl", nl | {"oekraïne", "rusland", "russische", "kiev"})
    result = update_events(store, ingestor.run(reports[10:12]).added)
    assert result.rebuilt
    replay = EventClusterer()(store.load_documents())
    assert {e["sentences"] for e in stored_events(store).values()} == {
        frozenset(s.sentence_id for s in e.sources) for e in replay
    }
    # and the new state is continued by the same code
    assert not update_events(store, ingestor.run(reports[12:14]).added).rebuilt


def test_an_update_reads_the_sentences_only_of_the_events_it_changes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingestor = Ingestor(store)
    update_events(store, ingestor.run(sample_reports()).added)
    title = max(stored_events(store).values(), key=lambda e: (len(e["sentences"]), e["id"]))["title"]
    doc = Document(text=f"{title}\nDe dijkgraaf sprak van een zware winter.", published="2022-03-01", language="nl")
    read: list[int] = []
    load_sentences, restore_near, taken_up = persist._load_sentences, persist._restore_near, set()

    def reading(conn: Any, sentence_ids: list[int]) -> Any:
        read.extend(sentence_ids)
        return load_sentences(conn, sentence_ids)

    def restoring(*args: Any) -> Any:
        out = restore_near(*args)
        taken_up.update(out)
        return out

    monkeypatch.setattr(persist, "_load_sentences", reading)
    monkeypatch.setattr(persist, "_restore_near", restoring)
    changed = update_events(store, ingestor.run([doc]).added)
    events = stored_events(store)
    joined = {e.id for e in changed} & taken_up
    assert joined and len(taken_up) > len(joined)  # events were taken up that nothing joined
    assert set(read) == set().union(*(events[i]["sentences"] for i in joined)) - {
        s.sentence_id for e in changed for s in e.sources if s.document_id == doc.id
    }
