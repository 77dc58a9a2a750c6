"""Which dates deserve an entry: how often, and how independently, the reports point at them.

A date is important when many *different* reports name it, above all reports written
later that look back on it; the reports published on a day count as well, but less:
a busy news day is not always a turning point. Each report counts once per date, so one
long article cannot carry a date on its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from kroniek.timeline.units import Unit


def date_scores(
    units: Sequence[Unit],
    *,
    start: str | None = None,
    end: str | None = None,
    publication_weight: float = 0.5,
) -> dict[str, float]:
    """Score every full day in [start, end] by the relevant reports that point at it."""
    mentions: dict[str, set[int]] = defaultdict(set)
    published: dict[str, set[int]] = defaultdict(set)
    for u in units:
        if not u.relevant:
            continue
        key = id(u.doc)
        for d in u.mentioned:
            mentions[d].add(key)
        if u.published:
            published[u.published].add(key)
    scores: dict[str, float] = {}
    for d in set(mentions) | set(published):
        if (start and d < start) or (end and d > end):
            continue
        scores[d] = len(mentions.get(d, ())) + publication_weight * len(published.get(d, ()))
    return scores


def choose_dates(scores: dict[str, float], n: int) -> list[str]:
    """The ``n`` best-scored dates in time order (ties go to the earlier date)."""
    best = sorted(scores, key=lambda d: (-scores[d], d))[:n]
    return sorted(best)
