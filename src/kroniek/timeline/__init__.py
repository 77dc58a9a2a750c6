"""Timelines: the key dated developments of a set of annotated documents.

``build_timeline`` chooses the dates the reports point at most (``dates.py``), and per
date the most central non-redundant sentences (``select.py``). A chronicle (a narrative
such as an encyclopedia article) is read by its sections instead: the days its lead,
its section openings and its headings point at, and the days on which it tells a
development rather than a statement (``salience.py``); per day, the sentence that tells
it best. Levels:

* ``day``: one entry per chosen day;
* ``month``: the same, with the references of a month pooled (entries dated ``YYYY-MM``);
* ``phase``: the story cut into stretches between turning points (``phases.py``); each
  entry is dated by its interval ``YYYY-MM-DD/YYYY-MM-DD`` and told by the key
  sentences of its best dates.
"""

from __future__ import annotations

from collections.abc import Sequence

from kroniek.model import Document, TimelineEntry, TimelineSentence
from kroniek.timeline.dates import (
    NARRATIVE_SPREAD,
    NARRATIVE_WINDOW,
    choose_dates,
    date_scores,
    narrative_scores,
    narrative_votes,
)
from kroniek.timeline.query import TopicQuery
from kroniek.timeline.select import MAX_TERMS, candidates_by_date, central_sentences, usable
from kroniek.timeline.units import Unit, build_units, vectorise

__all__ = ["LEVELS", "TopicQuery", "build_timeline"]

LEVELS = ("day", "month", "phase")
TELLS_DEVELOPMENT = 0.5  # in a chronicle, between sentences of equal merit, the one telling a development


def _entry_sentence(u: Unit) -> TimelineSentence:
    return TimelineSentence(
        text=u.sent.text.strip(),
        source=u.doc.source or u.doc.origin or "",
        document_id=u.doc.id,
        sentence_id=u.sent.id,
        url=u.doc.url,
    )


def _to_month(units: Sequence[Unit]) -> None:
    for u in units:
        u.mentioned = tuple(dict.fromkeys(d[:7] for d in u.mentioned))
        u.published = u.published[:7] if u.published else None


def build_timeline(
    docs: Sequence[Document],
    *,
    dates: int = 20,
    sentences: int = 2,
    level: str = "day",
    start: str | None = None,
    end: str | None = None,
    query: TopicQuery | None = None,
    keywords: Sequence[str] = (),
    language: str | None = None,
) -> list[TimelineEntry]:
    """The ``dates`` key dates of ``docs`` in [start, end], each with up to ``sentences`` sentences."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose one of {LEVELS}")
    if query is None and keywords:
        query = TopicQuery.of(keywords)
    units = build_units(docs, query=query, start=start, end=end)
    if query is not None and not any(u.relevant for u in units):
        for u in units:  # a query nothing matches filters nothing rather than everything
            u.relevant = True
    if level == "phase":
        from kroniek.timeline.phases import phase_timeline

        return phase_timeline(units, phases=dates, sentences=sentences, start=start, end=end, entry=_entry_sentence)
    if level == "month":
        _to_month(units)
        start, end = (start[:7] if start else None), (end[:7] if end else None)
    narrative = any(u.doc.genre == "narrative" for u in units)
    votes = narrative_votes(units) if narrative and level == "day" else {}
    scores = narrative_scores(units, votes) if votes else {}
    if not scores:
        scores = date_scores(units, start=start, end=end)
    if narrative:
        chosen = choose_dates(scores, dates, window=NARRATIVE_WINDOW, spread=NARRATIVE_SPREAD)
    else:
        chosen = choose_dates(scores, dates)
    pools = candidates_by_date(units, chosen)
    vectorise({id(u): u for pool in pools.values() for u in pool}.values(), language)
    taken: set[str] = set()
    entries = []
    for d in chosen:
        # a chronicle: the sentences that tell the day's development best, a development first
        merit = {uid: v.merit + TELLS_DEVELOPMENT * (v.role == "event") for uid, v in votes.get(d, {}).items()}
        named = [u for u in pools.get(d, []) if id(u) in merit]
        pool = [u for u in named if len(u.terms) <= MAX_TERMS] or named
        if pool:
            picked = central_sentences(pool, sentences, taken=taken, prior=merit)
        else:
            picked = central_sentences(usable(pools.get(d, []), d), sentences, taken=taken)
        if picked:
            entries.append(TimelineEntry(date=d, sentences=[_entry_sentence(u) for u in picked]))
    return entries
