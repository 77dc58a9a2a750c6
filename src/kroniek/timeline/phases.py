"""The story in phases: stretches between turning points in how much happens.

The daily volume of references (how many witnesses point at each day, see ``dates.py``)
is summed per week (per day for a story of a few weeks) and cut into segments of nearly constant level by binary
segmentation (each cut the one that most reduces the squared error, Scott & Knott
1974). Each phase is named by its interval and told by the central sentence of each of
its best dates.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date

from kroniek.model import TimelineEntry, TimelineSentence
from kroniek.timeline.dates import date_scores
from kroniek.timeline.select import candidates_by_date, central_sentences, usable
from kroniek.timeline.units import Unit, vectorise

MIN_UNITS = 2  # a phase lasts at least two weeks (or days, for a short story)
TAIL = 0.01  # the 1% of references furthest out on either side are background, not the story


def _span(scores: dict[str, float]) -> tuple[int, int]:
    days = sorted(scores)
    total = sum(scores.values())
    acc, first, last = 0.0, days[0], days[-1]
    for d in days:
        acc += scores[d]
        if acc >= TAIL * total:
            first = d
            break
    acc = 0.0
    for d in reversed(days):
        acc += scores[d]
        if acc >= TAIL * total:
            last = d
            break
    return date.fromisoformat(first).toordinal(), date.fromisoformat(last).toordinal()


def segment(series: Sequence[float], parts: int, min_size: int = 1) -> list[tuple[int, int]]:
    """Cut ``series`` into at most ``parts`` segments [start, end) by greedy binary segmentation."""
    prefix, prefix2 = [0.0], [0.0]
    for x in series:
        prefix.append(prefix[-1] + x)
        prefix2.append(prefix2[-1] + x * x)

    def sse(a: int, b: int) -> float:
        n = b - a
        s = prefix[b] - prefix[a]
        return prefix2[b] - prefix2[a] - s * s / n if n else 0.0

    def best_cut(a: int, b: int) -> tuple[float, int] | None:
        whole = sse(a, b)
        best = None
        for c in range(a + min_size, b - min_size + 1):
            gain = whole - sse(a, c) - sse(c, b)
            if best is None or gain > best[0]:
                best = (gain, c)
        return best

    segments = [(0, len(series))]
    while len(segments) < parts:
        options = [(cut, i) for i, (a, b) in enumerate(segments) if (cut := best_cut(a, b)) and cut[0] > 1e-12]
        if not options:
            break
        (gain, c), i = max(options)
        a, b = segments[i]
        segments[i : i + 1] = [(a, c), (c, b)]
    return segments


def phase_timeline(
    units: Sequence[Unit],
    *,
    phases: int,
    sentences: int,
    start: str | None,
    end: str | None,
    entry: Callable[[Unit], TimelineSentence],
) -> list[TimelineEntry]:
    scores = {d: s for d, s in date_scores(units, start=start, end=end).items() if len(d) == 10}
    if not scores:
        return []
    first, last = _span(scores)
    # weeks for a long story, days for one of a few weeks; a phase spans at least two units
    step = 7 if last - first >= 7 * 4 * phases else 1
    n_units = (last - first) // step + 1
    volume = [0.0] * n_units
    for d, s in scores.items():
        o = date.fromisoformat(d).toordinal()
        if first <= o <= last:
            volume[(o - first) // step] += s
    cuts = segment([math.log1p(x) for x in volume], phases, min_size=min(MIN_UNITS, n_units))
    intervals = []
    for a, b in cuts:
        lo_day = date.fromordinal(first + step * a)
        hi_day = min(date.fromordinal(first + step * b - 1), date.fromordinal(last))
        intervals.append((lo_day.isoformat(), hi_day.isoformat()))
    best_days = []
    for lo, hi in intervals:
        inside = sorted((d for d in scores if lo <= d <= hi), key=lambda d: (-scores[d], d))
        best_days.append(inside[:sentences])
    pools = candidates_by_date(units, [d for days in best_days for d in days])
    vectorise({id(u): u for pool in pools.values() for u in pool}.values())
    taken: set[str] = set()
    entries = []
    for (lo, hi), days in zip(intervals, best_days, strict=True):
        picked: list[Unit] = []
        for d in days:
            picked.extend(central_sentences(usable(pools.get(d, []), d), 1, taken=taken))
        if picked:
            picked.sort(key=lambda u: min(u.days) if u.days else "")
            entries.append(TimelineEntry(date=f"{lo}/{hi}", sentences=[entry(u) for u in picked]))
    return entries
