"""Timelines: the key dated developments of a set of annotated documents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from kroniek.model import Document, TimelineEntry, TimelineSentence

LEVELS = ("day", "month", "phase")


def _date_at_level(date: str, level: str) -> str:
    return date[:7] if level == "month" else date


def build_timeline(
    docs: Sequence[Document],
    *,
    dates: int = 20,
    sentences: int = 2,
    level: str = "day",
    start: str | None = None,
    end: str | None = None,
) -> list[TimelineEntry]:
    """Sentences whose event has a full date, grouped by date, in date order.

    Deliberately simple: the dates are those the most sentences point at, and per date
    the sentences come in document order.
    """
    by_date: dict[str, list[TimelineSentence]] = defaultdict(list)
    for doc in docs:
        for sent in doc.content_sentences:
            if not sent.event_date or sent.event_precision != "day":
                continue
            if (start and sent.event_date < start) or (end and sent.event_date > end):
                continue
            key = _date_at_level(sent.event_date, level)
            by_date[key].append(
                TimelineSentence(
                    text=sent.text, source=doc.source, document_id=doc.id, sentence_id=sent.id, url=doc.url
                )
            )
    chosen = sorted(by_date, key=lambda d: (-len(by_date[d]), d))[:dates]
    return [TimelineEntry(date=d, sentences=by_date[d][:sentences]) for d in sorted(chosen)]
