"""Search benchmark: index N generated sentences on SQLite and PostgreSQL, time queries.

The sentences are sampled from the bundled samples, the seeds and the T17 articles (read
from ../shared at run time, never copied), and half of them recombined: the first part of
one sentence joined to the last part of another of the same language, so that the corpus
is large without being one text repeated. Documents of ~25 sentences get a language,
source and date; sentences naming a known place get a place mention (for the place filter).

    .venv/bin/python bench/bench_search.py [--sentences 1000000] [--queries 200]
        [--backends sqlite,postgresql] [--pg postgresql://postgres@127.0.0.1:5432/postgres]

Prints a Markdown table: load and indexing time, index size, query latency p50/p95 of
``kroniek.store.search.search`` over a fixed set of queries (without and with filters),
and how often both backends return the same top documents.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import secrets
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import text

from kroniek.store import Store, open_store
from kroniek.store.search import WORD, doc_tags, index_rows, search, tag
from kroniek.text.segment import split_sentences

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = [f"Bron {c}" for c in "ABCDEFGHIJKL"]
PLACES = {
    "nl": ["Kiev", "Charkov", "Marioepol", "Cherson", "Odessa", "Moskou", "Donetsk", "Loehansk", "Polen", "Belarus"],
    "en": ["Libya", "Benghazi", "Tripoli", "Haiti", "Port-au-Prince", "Louisiana", "Mexico", "London", "Gulf"],
}
DOC_SENTENCES = 25


@dataclass
class Corpus:
    sentences: dict[str, list[str]]  # language -> base sentences
    documents: list[tuple[int, str, str, str]] = field(default_factory=list)  # id, language, source, published
    rows: list[tuple[int, int, int, str]] = field(default_factory=list)  # sentence id, doc id, position, text
    mentions: list[tuple[int, str]] = field(default_factory=list)  # sentence id, place name


@lru_cache(maxsize=1)
def base_sentences() -> dict[str, list[str]]:
    """Sentences of the bundled samples and the seeds (Dutch) and T17 articles (English)."""
    nl: list[str] = []
    en: list[str] = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        target = en if re.search(r"\b(the|and|of)\b", body) else nl
        target.extend(body[s:e] for s, e in split_sentences(body))
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        body = json.loads(raw) if raw.lstrip().startswith('"') else raw
        nl.extend(body[s:e] for s, e in split_sentences(body))
    for path in sorted((SHARED / "eval" / "t17").glob("*/articles.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                en.extend(s.strip() for s in json.loads(line)["text"].split("\n"))

    def keep(s: str) -> bool:
        return 30 <= len(s) <= 400 and len(WORD.findall(s)) >= 5

    return {"nl": [s for s in dict.fromkeys(nl) if keep(s)], "en": [s for s in dict.fromkeys(en) if keep(s)]}


def recombine(a: str, b: str, rng: random.Random) -> str:
    wa, wb = a.split(), b.split()
    i = rng.randint(max(2, len(wa) // 3), max(2, 2 * len(wa) // 3))
    j = rng.randint(max(1, len(wb) // 3), max(1, 2 * len(wb) // 3))
    return " ".join(wa[:i] + wb[j:])


def generate(n: int, seed: int = 17) -> Corpus:
    rng = random.Random(seed)
    corpus = Corpus(base_sentences())
    place_res = {lang: re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b") for lang, names in PLACES.items()}
    sent_id = 0
    doc_id = 0
    while sent_id < n:
        doc_id += 1
        lang = "nl" if rng.random() < 0.4 else "en"
        pool = corpus.sentences[lang]
        year = 2022 if lang == "nl" else rng.choice([2009, 2010, 2011])
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        corpus.documents.append((doc_id, lang, rng.choice(SOURCES), published))
        for position in range(min(DOC_SENTENCES, n - sent_id)):
            sent_id += 1
            sentence = rng.choice(pool)
            if rng.random() < 0.5:
                sentence = recombine(sentence, rng.choice(pool), rng)
            corpus.rows.append((sent_id, doc_id, position, sentence))
            found = place_res[lang].search(sentence)
            if found:
                corpus.mentions.append((sent_id, found.group(1)))
    return corpus


def queries(corpus: Corpus, n: int, seed: int = 29) -> list[dict[str, Any]]:
    """A fixed set: one-, two- and three-word queries drawn from random sentences, a quarter with filters."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    while len(out) < n:
        _, doc_id, _, sentence = rng.choice(corpus.rows)
        words = [w for w in WORD.findall(sentence) if len(w) >= 4 and not w.isdigit()]
        if len(words) < 3:
            continue
        k = rng.choice([1, 1, 2, 2, 2, 3])
        start = rng.randrange(0, len(words) - k + 1)
        query: dict[str, Any] = {"query": " ".join(words[start : start + k])}
        if len(out) % 4 == 3:
            _, lang, source, published = corpus.documents[doc_id - 1]
            pick = rng.choice(["language", "source", "date", "place"])
            if pick == "language":
                query["language"] = lang
            elif pick == "source":
                query["source"] = source
            elif pick == "date":
                query["date_from"], query["date_to"] = published[:7] + "-01", published[:7] + "-28"
            else:
                query["place"] = rng.choice(PLACES[lang])
        out.append(query)
    return out


# -- loading ---------------------------------------------------------------------------------


def load_sqlite(corpus: Corpus, path: Path) -> tuple[Store, dict[str, float]]:
    store = open_store(f"sqlite:///{path}")
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with store.engine.begin() as conn:
        cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        cur.executemany(
            "INSERT INTO documents (id, source, published, language, genre, content_hash, text, ingested_at) "
            "VALUES (?, ?, ?, ?, 'news', ?, '', '2026-01-01')",
            [(d, src, pub, lang, f"h{d}") for d, lang, src, pub in corpus.documents],
        )
        cur.executemany(
            'INSERT INTO sentences (id, document_id, position, start, "end", text, boilerplate) '
            "VALUES (?, ?, ?, 0, 0, ?, 0)",
            corpus.rows,
        )
        cur.executemany(
            "INSERT INTO mentions (sentence_id, kind, start, \"end\", text, name, attrs) VALUES (?, 'place', 0, 0, ?, ?, '{}')",
            [(s, name, name) for s, name in corpus.mentions],
        )
    timings["load"] = time.perf_counter() - started
    started = time.perf_counter()
    language = {d: lang for d, lang, _, _ in corpus.documents}
    document = {d: doc_tags(src, lang, pub) for d, lang, src, pub in corpus.documents}
    places = {s: [tag("place", name)] for s, name in corpus.mentions}
    with store.engine.begin() as conn:
        index_rows(conn, ((s, txt, language[d], places.get(s, []) + document[d]) for s, d, _, txt in corpus.rows))
    timings["index"] = time.perf_counter() - started
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO sentences_fts(sentences_fts) VALUES ('optimize')"))
        conn.execute(text("ANALYZE"))
    timings["optimize"] = time.perf_counter() - started - timings["index"]
    timings["size_mb"] = path.stat().st_size / 1e6
    return store, timings


def _copy(cursor: Any, table: str, columns: str, rows: Iterator[tuple[Any, ...]]) -> None:
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def load_postgres(corpus: Corpus, admin_url: str) -> tuple[Store, dict[str, float], Callable[[], None]]:
    import psycopg

    name = f"kroniek_bench_{os.getpid()}_{secrets.token_hex(4)}"  # conftest drops it if the process dies
    admin = psycopg.connect(admin_url.replace("postgresql+psycopg", "postgresql"), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    store = open_store(url)
    timings: dict[str, float] = {}
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("SET maintenance_work_mem = '1GB'")
        # Bulk path: COPY with the trigger computing search_tsv row by row (no second version of
        # every row, as an UPDATE afterwards would leave); the GIN index built once at the end.
        cur.execute("DROP INDEX ix_sentences_search_tsv")
        started = time.perf_counter()
        _copy(
            cur,
            "documents",
            "id, source, published, language, genre, content_hash, text, ingested_at",
            ((d, src, pub, lang, "news", f"h{d}", "", "2026-01-01") for d, lang, src, pub in corpus.documents),
        )
        _copy(
            cur,
            "sentences",
            'id, document_id, position, start, "end", text, boilerplate',
            ((s, d, p, 0, 0, txt, False) for s, d, p, txt in corpus.rows),
        )
        _copy(
            cur,
            "mentions",
            'sentence_id, kind, start, "end", text, name, attrs',
            ((s, "place", 0, 0, name, name, "{}") for s, name in corpus.mentions),
        )
        raw.commit()
        timings["load"] = time.perf_counter() - started
        started = time.perf_counter()
        cur.execute("CREATE TEMP TABLE bench_tags (id integer, v tsvector)")
        _copy(cur, "bench_tags", "id, v", ((s, tag("place", name)) for s, name in corpus.mentions))
        cur.execute("UPDATE sentences s SET search_tsv = s.search_tsv || t.v FROM bench_tags t WHERE t.id = s.id")
        cur.execute("CREATE INDEX ix_sentences_search_tsv ON sentences USING gin (search_tsv)")
        raw.commit()
        timings["index"] = time.perf_counter() - started
        started = time.perf_counter()
        raw.driver_connection.autocommit = True  # type: ignore[union-attr]
        cur.execute("VACUUM ANALYZE")
        timings["optimize"] = time.perf_counter() - started
        cur.execute("SELECT pg_database_size(current_database())")
        timings["size_mb"] = cur.fetchone()[0] / 1e6
        for table in ("documents", "sentences", "mentions"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    finally:
        raw.close()

    def drop() -> None:
        store.engine.dispose()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return store, timings, drop


# -- measuring ---------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


@dataclass
class Timings:
    first: list[float]  # the first timed run of each query (caches warm), ms
    best: list[float]  # the best of ``repeat`` runs of each query, ms
    cpu: list[float]  # this process's CPU time in the first run, ms
    tops: list[list[int]]  # top-10 document ids of each query


def run_queries(store: Store, qs: list[dict[str, Any]], facets: bool, repeat: int = 3) -> Timings:
    """Each query once to warm the caches, then ``repeat`` timed runs of the whole set."""
    for q in qs:
        search(store, limit=10, facets=facets, **q)
    runs: list[list[float]] = []
    cpu: list[float] = []
    tops: list[list[int]] = []
    for r in range(repeat):
        times = []
        for q in qs:
            started, cpu_started = time.perf_counter(), time.process_time()
            results = search(store, limit=10, facets=facets, **q)
            times.append((time.perf_counter() - started) * 1000)
            if r == 0:
                cpu.append((time.process_time() - cpu_started) * 1000)
                tops.append(results.document_ids)
        runs.append(times)
    return Timings(runs[0], [min(ts) for ts in zip(*runs, strict=True)], cpu, tops)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--pg", default=os.environ.get("KRONIEK_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--json", type=Path, help="Also write the measurements to this JSON file.")
    parser.add_argument("--keep", type=Path, help="Keep the databases: SQLite file here; PostgreSQL's URL printed.")
    args = parser.parse_args(argv)
    report = run(args.sentences, args.queries, args.backends.split(","), args.pg, keep=args.keep)
    print(report["table"])
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


def run(n: int, n_queries: int, backends: list[str], pg_url: str, keep: Path | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    corpus = generate(n)
    qs = queries(corpus, n_queries)
    plain_mask = [len(q) == 1 for q in qs]
    print(
        f"generated {len(corpus.rows):,} sentences in {len(corpus.documents):,} documents "
        f"from {sum(len(v) for v in corpus.sentences.values()):,} base sentences "
        f"in {time.perf_counter() - started:.1f} s; {sum(plain_mask)} queries without filters, {len(qs) - sum(plain_mask)} with",
        file=sys.stderr,
    )
    results: dict[str, Any] = {"sentences": len(corpus.rows), "queries": len(qs), "backends": {}}
    tops: dict[str, list[list[int]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            drop: Callable[[], None] | None = None
            if backend == "sqlite":
                store, timings = load_sqlite(corpus, keep or Path(tmp) / "bench.db")
            else:
                store, timings, drop = load_postgres(corpus, pg_url)
                if keep:
                    print(f"kept {store.url}", file=sys.stderr)
                    drop = None
            print(f"{backend}: loaded and indexed {timings}", file=sys.stderr)
            try:
                measured = run_queries(store, qs, facets=False)
                with_facets = run_queries(store, qs, facets=True)
                tops[backend] = measured.tops
            finally:
                if drop is not None:
                    drop()
                store.engine.dispose()

            series = {
                "plain": [v for v, m in zip(measured.first, plain_mask, strict=True) if m],
                "filtered": [v for v, m in zip(measured.first, plain_mask, strict=True) if not m],
                "all": measured.first,
                "best": measured.best,
                "cpu": measured.cpu,
                "facets": with_facets.first,
            }
            timings["load_index"] = timings["load"] + timings["index"]
            results["backends"][backend] = {
                **{k: round(v, 2) for k, v in timings.items()},
                **{
                    f"{name}_{label}": round(percentile(values, q), 2)
                    for name, values in series.items()
                    for label, q in (("p50", 0.5), ("p95", 0.95))
                },
                "max_ms": round(max(measured.first), 2),  # as the percentiles, so p95 <= max holds
            }
    if len(tops) == 2:
        a, b = tops.values()
        results["same_top_documents"] = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
        results["different_top_documents"] = [q for q, x, y in zip(qs, a, b, strict=True) if x != y]
    results["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    results["table"] = table(results)
    return results


def table(results: dict[str, Any]) -> str:
    rows = [
        ("load (SQLite: executemany; PostgreSQL: COPY, to_tsvector in the trigger), s", "load"),
        ("indexing (SQLite: stemming + FTS5; PostgreSQL: tags + GIN build), s", "index"),
        ("load + indexing, s", "load_index"),
        ("optimize / VACUUM ANALYZE, s", "optimize"),
        ("database size, MB", "size_mb"),
        ("query p50, ms (no filters)", "plain_p50"),
        ("query p95, ms (no filters)", "plain_p95"),
        ("query p50, ms (with filters)", "filtered_p50"),
        ("query p95, ms (with filters)", "filtered_p95"),
        ("query p50, ms (all)", "all_p50"),
        ("query p95, ms (all)", "all_p95"),
        ("query p50, ms (all, best of 3 runs)", "best_p50"),
        ("query p95, ms (all, best of 3 runs)", "best_p95"),
        ("query p95, ms (all, with facets)", "facets_p95"),
        ("query max, ms (all)", "max_ms"),
        ("client CPU per query p50, ms", "cpu_p50"),
        ("client CPU per query p95, ms", "cpu_p95"),
    ]
    names = list(results["backends"])
    out = [
        f"Search benchmark: {results['sentences']:,} sentences, {results['queries']} queries (limit 10); "
        f"{os.cpu_count()} CPUs, load average {results['load_average'][0]} at the start, "
        f"{results['load_average'][1]} at the end",
        "",
        "| measure | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    for label, key in rows:
        out.append(f"| {label} | " + " | ".join(str(results["backends"][n].get(key, "")) for n in names) + " |")
    if "same_top_documents" in results:
        out.append("")
        out.append(f"Same top-10 documents on both backends: {results['same_top_documents']:.1%} of queries")
        for q in results.get("different_top_documents", []):
            out.append(f"- differs: {q}")
    return "\n".join(out)


if __name__ == "__main__":
    main()
