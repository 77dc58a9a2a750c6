"""Which dates deserve an entry: how often, and how independently, the reports point at them.

A date is important when many *different* reports name it, above all reports written
later that look back on it; the reports published on a day count as well, but less:
a busy news day is not always a turning point. Each report counts once per date, so one
long article cannot carry a date on its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

from kroniek.timeline.units import Unit

# In a chronicle the sections are the witnesses; repeated mentions within a section and
# being a section's main date are signs of weight that a stack of news reports does not need.
NARRATIVE_SENTENCE_WEIGHT = 0.1
NARRATIVE_MAIN_WEIGHT = 2.0
# A chronicle tells one development over adjacent days ("in de nacht van 3 op 4 maart"); it
# gets one entry, so dates within NARRATIVE_WINDOW days of a chosen one are discounted.
# News reports are already dated apart by their own publication days.
NARRATIVE_WINDOW = 3
NARRATIVE_SPREAD = 1.0


def date_scores(
    units: Sequence[Unit],
    *,
    start: str | None = None,
    end: str | None = None,
    publication_weight: float = 0.5,
    sentence_weight: float | None = None,
    main_weight: float | None = None,
) -> dict[str, float]:
    """Score every full day in [start, end] by the relevant reports that point at it.

    A witness is a news report, or a section of a narrative (a chronicle's sections are
    its separate accounts). Each sentence naming the day adds a little on top.
    """
    narrative = any(u.doc.genre == "narrative" for u in units)
    if sentence_weight is None:
        sentence_weight = NARRATIVE_SENTENCE_WEIGHT if narrative else 0.0
    if main_weight is None:
        main_weight = NARRATIVE_MAIN_WEIGHT if narrative else 0.0
    mentions: dict[str, set[tuple[int, str | None]]] = defaultdict(set)
    published: dict[str, set[tuple[int, str | None]]] = defaultdict(set)
    sentences: dict[str, int] = defaultdict(int)
    per_witness: dict[tuple[int, str | None], Counter[str]] = defaultdict(Counter)
    for u in units:
        if not u.relevant:
            continue
        key = (id(u.doc), u.sent.section if u.doc.genre == "narrative" else None)
        for d in u.mentioned:
            mentions[d].add(key)
            sentences[d] += 1
            per_witness[key][d] += 1
        if u.published:
            published[u.published].add(key)
    main: Counter[str] = Counter()
    for counts in per_witness.values():
        top = max(counts.values())
        main[min(d for d, c in counts.items() if c == top)] += 1
    scores: dict[str, float] = {}
    for d in set(mentions) | set(published):
        if (start and d < start) or (end and d > end):
            continue
        scores[d] = (
            len(mentions.get(d, ()))
            + publication_weight * len(published.get(d, ()))
            + sentence_weight * sentences.get(d, 0)
            + main_weight * main.get(d, 0)
        )
    return scores


def choose_dates(scores: dict[str, float], n: int, *, window: int = 7, spread: float = 0.0) -> list[str]:
    """The ``n`` best dates in time order, taken greedily with crowding discounted.

    A date's score is divided by ``1 + spread * c``, where c counts the dates already
    chosen within ``window`` days: a timeline covers the story rather than its busiest
    week. Ties go to the earlier date. Only full days (YYYY-MM-DD) are spread.
    """
    if spread <= 0 or not scores or len(next(iter(scores))) != 10:
        return sorted(sorted(scores, key=lambda d: (-scores[d], d))[:n])
    ordinal = {d: date.fromisoformat(d).toordinal() for d in scores}
    pool = sorted(scores, key=lambda d: (-scores[d], d))
    chosen: list[str] = []
    crowd: dict[str, int] = dict.fromkeys(pool, 0)
    while pool and len(chosen) < n:
        best = max(pool, key=lambda d: (scores[d] / (1 + spread * crowd[d]), -ordinal[d]))
        chosen.append(best)
        pool.remove(best)
        for d in pool:
            if abs(ordinal[d] - ordinal[best]) <= window:
                crowd[d] += 1
    return sorted(chosen)
