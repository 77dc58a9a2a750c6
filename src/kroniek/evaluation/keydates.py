"""Key dates: does a timeline pick the days journalists chose?

A gold list holds the key dates of a story (one ISO day per line, anything after a tab
or space is a note; ``#`` starts a comment). A timeline of ``l`` dates is scored by
one-to-one Date-F1 against it: each gold day can be matched once, by the same day.
The peer in the same run is the obvious baseline: the ``l`` days the text names most often.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kroniek.model import Document
from kroniek.timeline import build_timeline
from kroniek.timeline.units import sentence_days

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})\b")


def read_gold(path: Path) -> list[str]:
    """The days of a key-date list, in file order, without repeats."""
    days: dict[str, None] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = _DAY.match(line)
        if not m:
            raise ValueError(f"{path}:{number}: expected a date YYYY-MM-DD at the start of the line")
        days[m.group(1)] = None
    return list(days)


@dataclass(frozen=True)
class DateScore:
    precision: float
    recall: float
    f1: float
    hits: int

    @classmethod
    def of(cls, predicted: Iterable[str], gold: Iterable[str]) -> DateScore:
        p, g = set(predicted), set(gold)
        hits = len(p & g)
        precision = hits / len(p) if p else 0.0
        recall = hits / len(g) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        return cls(precision, recall, f1, hits)


@dataclass
class KeyDateReport:
    gold: list[str]
    predicted: list[str]
    baseline: list[str]
    score: DateScore
    baseline_score: DateScore
    named: set[str] = field(default_factory=set)  # every day the text names at all

    @property
    def missed(self) -> list[str]:
        return [d for d in self.gold if d not in set(self.predicted)]

    @property
    def unreachable(self) -> list[str]:
        """Gold days the text never names: no timeline of it can find them."""
        return [d for d in self.gold if d not in self.named]

    def as_dict(self) -> dict[str, object]:
        return {
            "dates": len(self.predicted),
            "gold": len(self.gold),
            "date_f1": round(self.score.f1, 4),
            "precision": round(self.score.precision, 4),
            "recall": round(self.score.recall, 4),
            "hits": self.score.hits,
            "baseline_date_f1": round(self.baseline_score.f1, 4),
            "baseline_hits": self.baseline_score.hits,
            "unreachable": len(self.unreachable),
        }


def most_named_days(docs: Sequence[Document], n: int) -> list[str]:
    """The ``n`` days the sentences point at most often (ties: the earlier day)."""
    counts: Counter[str] = Counter()
    for doc in docs:
        for sent in doc.content_sentences:
            counts.update(sentence_days(sent))
    return sorted(sorted(counts, key=lambda d: (-counts[d], d))[:n])


def evaluate(docs: Sequence[Document], gold: Sequence[str], dates: int = 40) -> KeyDateReport:
    predicted = [e.date for e in build_timeline(docs, dates=dates, sentences=1)]
    baseline = most_named_days(docs, dates)
    named = {d for doc in docs for sent in doc.content_sentences for d in sentence_days(sent)}
    return KeyDateReport(
        gold=list(gold),
        predicted=predicted,
        baseline=baseline,
        score=DateScore.of(predicted, gold),
        baseline_score=DateScore.of(baseline, gold),
        named=named,
    )


def render(report: KeyDateReport) -> str:
    s, b = report.score, report.baseline_score
    lines = [
        f"gold key dates: {len(report.gold)} ({len(report.unreachable)} never named in the text)",
        f"{'system':<28} {'dates':>5} {'hits':>5} {'P':>6} {'R':>6} {'Date-F1':>8}",
        f"{'kroniek timeline':<28} {len(report.predicted):>5} {s.hits:>5} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>8.3f}",
        f"{'most-named days (baseline)':<28} {len(report.baseline):>5} {b.hits:>5} "
        f"{b.precision:>6.3f} {b.recall:>6.3f} {b.f1:>8.3f}",
        "",
        "missed (named in the text): " + (", ".join(d for d in report.missed if d in report.named) or "none"),
        "missed (never named): " + (", ".join(report.unreachable) or "none"),
        "chosen, not in the list: " + (", ".join(d for d in report.predicted if d not in set(report.gold)) or "none"),
    ]
    return "\n".join(lines) + "\n"
