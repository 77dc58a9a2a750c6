"""A tiny run of bench/bench_search.py (2,000 sentences), so that the benchmark keeps working."""

from __future__ import annotations

import importlib.util
import sys

from conftest import PG_ADMIN_URL, ROOT


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "bench_search.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_search"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_generated_corpus_recombines_real_sentences() -> None:
    bench = _bench()
    corpus = bench.generate(3000)
    assert len(corpus.rows) == 3000 and len(corpus.documents) == 120
    assert {lang for _, lang, _, _ in corpus.documents} == {"nl", "en"}
    base = {s for sents in corpus.sentences.values() for s in sents}
    recombined = sum(text not in base for *_, text in corpus.rows)
    assert 0.35 < recombined / 3000 < 0.65
    queries = bench.queries(corpus, 40)
    assert len(queries) == 40 and sum(len(q) > 1 for q in queries) == 10


def test_tiny_benchmark_runs_on_both_backends(pg_admin) -> None:  # type: ignore[no-untyped-def]
    report = _bench().run(2000, 40, ["sqlite", "postgresql"], PG_ADMIN_URL)
    assert report["sentences"] == 2000 and set(report["backends"]) == {"sqlite", "postgresql"}
    for numbers in report["backends"].values():
        assert numbers["index"] > 0 and 0 < numbers["all_p50"] <= numbers["all_p95"] <= numbers["max_ms"]
    assert report["same_top_documents"] >= 0.95
    assert "| query p95, ms (all) |" in report["table"]
