"""Events-stage benchmark: incremental ``update_events`` against ``rebuild_events`` on a real stream.

The articles of Timeline17 topics (read from ../shared/eval/t17 at run time, never copied),
annotated once with the default pipeline, are stored in publication order in a fresh
database (SQLite file; PostgreSQL scratch database ``kroniek_bench_<pid>_<hex>``), in
batches of 1 and of 50 reports. After each batch the events step runs:

* update: ``update_events(store, batch)``, clustering the new reports into the stored events;
* rebuild (the peer, a second database fed the same stream): ``rebuild_events(store)``,
  replaying every stored report. For batch size 1 the rebuild runs only after every
  ``--every``-th batch and its total is extrapolated (each measured rebuild stands for the
  ``--every`` batches up to it; the archive grows steadily, so this is close).

Only the events step is timed (not annotation, not storing). For the updates it also counts
the stored events taken up per run (``_restore_near``: their states), those whose sentences
were read (``_fill_members``: the events new sentences joined), and the time spent on both.
At the end both databases must hold the same grouping of sentences ("same").

    .venv/bin/python bench/bench_events.py [--topics H1N1] [--batches 1,50] [--every 25]
        [--backends sqlite,postgresql] [--pg postgresql://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import copy
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kroniek.evaluation.tls import article_document, load_topic  # noqa: E402
from kroniek.events import persist  # noqa: E402
from kroniek.model import Document  # noqa: E402
from kroniek.pipeline import default_pipeline  # noqa: E402
from kroniek.store import Store, open_store  # noqa: E402
from kroniek.store import schema as t  # noqa: E402

T17 = ROOT.parent / "shared" / "eval" / "t17"


def annotated_stream(topics: list[str]) -> list[Document]:
    """The topics' articles as annotated Documents, oldest first (ties: topic, then article order)."""
    pipeline = default_pipeline()
    docs = []
    for name in topics:
        topic = load_topic(T17 / name)
        for article in topic.articles:
            doc = pipeline(article_document(article))
            doc.origin = f"{name}/{article.id}"
            docs.append(doc)
    return sorted(docs, key=lambda d: d.published or "")


@dataclass
class Loads:
    """What the updates read of the stored events: per run, the events taken up (their states,
    ``_restore_near``) and those whose sentences were read (``_fill_members``: the events new
    sentences joined), and the seconds spent on both."""

    events: list[int] = field(default_factory=list)
    filled: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


@contextmanager
def counting_loads() -> Iterator[Loads]:
    loads = Loads()
    originals = {name: getattr(persist, name) for name in ("_restore_near", "_fill_members")}

    def timed(name: str, counts: list[int]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            out = originals[name](*args, **kwargs)
            loads.seconds.append(time.perf_counter() - started)
            counts.append(len(out))
            return out

        return wrapped

    persist._restore_near = timed("_restore_near", loads.events)  # type: ignore[assignment]
    persist._fill_members = timed("_fill_members", loads.filled)  # type: ignore[assignment]
    try:
        yield loads
    finally:
        for name, original in originals.items():
            setattr(persist, name, original)


@contextmanager
def scratch_store(backend: str, pg_admin_url: str) -> Iterator[Store]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            store = open_store(f"sqlite:///{folder}/bench.db")
            try:
                yield store
            finally:
                store.engine.dispose()
        return
    import psycopg

    name = f"kroniek_bench_{os.getpid()}_{secrets.token_hex(4)}"  # conftest drops it if the process dies
    admin = psycopg.connect(pg_admin_url, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    store = open_store(pg_admin_url.rsplit("/", 1)[0] + "/" + name)
    try:
        yield store
    finally:
        store.engine.dispose()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def grouping(store: Store) -> set[frozenset[tuple[str, int]]]:
    """The stored events as sets of (report, sentence position): comparable across databases."""
    src, s, d = t.event_sources, t.sentences, t.documents
    query = (
        select(src.c.event_id, d.c.origin, s.c.position)
        .join(s, s.c.id == src.c.sentence_id)
        .join(d, d.c.id == src.c.document_id)
    )
    events: dict[int, set[tuple[str, int]]] = {}
    with store.engine.connect() as conn:
        for event_id, origin, position in conn.execute(query):
            events.setdefault(event_id, set()).add((origin, position))
    return {frozenset(v) for v in events.values()}


@dataclass
class Run:
    seconds: list[float]  # the events step, per measured batch
    batches: int  # batches in the stream
    events: int
    groups: set[frozenset[tuple[str, int]]]
    loads: Loads | None = None

    @property
    def total(self) -> float:
        """Seconds for the whole stream (extrapolated when only some batches were measured)."""
        return sum(self.seconds) * self.batches / len(self.seconds)


def feed(
    store: Store, stream: list[Document], size: int, step: Callable[[Store, list[int]], object], every: int = 1
) -> Run:
    seconds = []
    batches = [stream[i : i + size] for i in range(0, len(stream), size)]
    for n, batch in enumerate(batches, 1):
        ids = [store.add_document(copy.deepcopy(doc)).id for doc in batch]
        if n % every and n != len(batches):
            continue
        started = time.perf_counter()
        step(store, ids)
        seconds.append(time.perf_counter() - started)
    groups = grouping(store)
    return Run(seconds, len(batches), len(groups), groups)


def measure(backend: str, size: int, stream: list[Document], every: int, pg: str) -> tuple[Run, Run]:
    with scratch_store(backend, pg) as store, counting_loads() as loads:
        update = feed(store, stream, size, lambda s, ids: persist.update_events(s, ids))
        update.loads = loads
    with scratch_store(backend, pg) as store:
        # the last batch always runs, so the final grouping is comparable; ``every`` thins the rest
        rebuild = feed(store, stream, size, lambda s, ids: persist.rebuild_events(s), every if size == 1 else 1)
    return update, rebuild


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--topics", default="H1N1", help="comma-separated T17 topics (%(default)s)")
    parser.add_argument("--batches", default="1,50", help="batch sizes (%(default)s)")
    parser.add_argument("--every", type=int, default=25, help="batch size 1: rebuild after every Nth batch")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()

    started = time.perf_counter()
    stream = annotated_stream(args.topics.split(","))
    days = sorted({d.published for d in stream if d.published})
    print(
        f"{len(stream)} reports of {args.topics}, {days[0]} .. {days[-1]}; "
        f"annotated in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    print()
    print(
        "| backend | batch | batches | update total s | per batch s (median / max) | load share |"
        " events taken up (mean / max) | sentences read of (mean) | rebuild total s | per batch s (mean) |"
        " events | same |"
    )
    print("|---|---:|---:|---:|---|---:|---|---:|---:|---:|---:|---|")
    for backend in args.backends.split(","):
        for size in (int(x) for x in args.batches.split(",")):
            update, rebuild = measure(backend, size, stream, args.every, args.pg)
            loads = update.loads or Loads()
            share = sum(loads.seconds) / update.total if update.total else 0.0
            mean_loaded = statistics.mean(loads.events) if loads.events else 0.0
            mean_filled = statistics.mean(loads.filled) if loads.filled else 0.0
            note = f" (every {args.every}th, extrapolated)" if size == 1 and args.every > 1 else ""
            print(
                f"| {backend} | {size} | {update.batches} | {update.total:.1f} |"
                f" {statistics.median(update.seconds):.3f} / {max(update.seconds):.3f} | {share:.0%} |"
                f" {mean_loaded:.0f} / {max(loads.events, default=0)} | {mean_filled:.1f} |"
                f" {rebuild.total:.1f}{note} |"
                f" {rebuild.total / rebuild.batches:.3f} | {update.events} |"
                f" {'yes' if update.groups == rebuild.groups else 'NO'} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
