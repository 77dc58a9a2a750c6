"""Seconds per Timeline17 topic for Kroniek's whole timeline path, on one core.

Per topic: read articles.jsonl, make documents, time-tag every sentence, and build the
timeline of each gold timeline's range (l dates, k sentences, as in ``kroniek eval tls``).

    .venv/bin/python bench/bench_tls.py [../shared/eval/t17]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from kroniek.evaluation.tls import evaluate_topic, kroniek_summariser, load_topic, topic_folders


def main(path: Path) -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    print(f"{'topic':<10} {'articles':>8} {'timelines':>9} {'seconds':>8} {'s/500 art.':>10}")
    total_s = total_a = 0.0
    for folder in topic_folders(path):
        started = time.perf_counter()
        topic = load_topic(folder)
        reading = time.perf_counter() - started
        summarise = kroniek_summariser()  # a fresh cache: time tagging is counted for every topic
        scores = list(evaluate_topic(topic, summarise))
        seconds = reading + sum(s.seconds for s in scores)  # scoring is not part of the path
        used = {a.id for a in topic.articles if any(min(t) <= a.time <= max(t) for t in topic.timelines)}
        total_s += seconds
        total_a += len(used)
        print(f"{topic.name:<10} {len(used):>8} {len(scores):>9} {seconds:>8.2f} {seconds * 500 / len(used):>10.2f}")
    print(f"{'all':<10} {int(total_a):>8} {'':>9} {total_s:>8.2f} {total_s * 500 / total_a:>10.2f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[2] / "shared" / "eval" / "t17")
