"""Sentences prepared for summarising: their terms, the days they point at, their relevance."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kroniek.model import Document, Sentence
from kroniek.timeline.query import TopicQuery
from kroniek.timeline.text import Vector, content_terms, idf, tfidf


@dataclass
class Unit:
    doc: Document
    sent: Sentence
    position: int  # index among the document's content sentences
    mentioned: tuple[str, ...]  # full days the sentence names or whose event it reports
    published: str | None  # the report's day of publication (news only)
    relevant: bool = True
    names_day: bool = False  # it names a day, perhaps one outside the range asked for
    terms: list[str] = field(default_factory=list)
    vector: Vector = field(default_factory=dict)

    @property
    def days(self) -> tuple[str, ...]:
        """The days this sentence speaks about: what it names, else the day it was published."""
        if self.mentioned or self.names_day:
            return self.mentioned
        return (self.published,) if self.published else ()


def _day(value: str | None) -> str | None:
    if value and len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:10].replace("-", "").isdigit():
        return value[:10]
    return None


def sentence_days(sent: Sentence) -> tuple[str, ...]:
    """Full days named by the sentence's DATE expressions, and its event date when it is a full day."""
    days: list[str] = []
    if sent.event_precision in (None, "day", "time"):
        d = _day(sent.event_date)
        if d:
            days.append(d)
    for t in sent.timex:
        if t.type in ("DATE", "TIME"):
            d = _day(t.value)
            if d and d not in days:
                days.append(d)
    return tuple(days)


def build_units(
    docs: Sequence[Document],
    *,
    query: TopicQuery | None = None,
    start: str | None = None,
    end: str | None = None,
) -> list[Unit]:
    """Every content sentence with the days it points at and whether it is on the topic."""
    units: list[Unit] = []
    for doc in docs:
        published = _day(doc.published) if doc.genre == "news" else None
        for position, sent in enumerate(doc.content_sentences):
            named = sentence_days(sent)
            mentioned = tuple(d for d in named if (not start or d >= start) and (not end or d <= end))
            relevant = query.matches(sent, doc) if query is not None else True
            units.append(Unit(doc, sent, position, mentioned, published, relevant, bool(named)))
    return units


def vectorise(units: Iterable[Unit], language: str | None = None) -> None:
    """Give ``units`` their terms and TF-IDF vectors, with document frequencies taken among them."""
    units = list(units)
    for u in units:
        if not u.terms:
            u.terms = content_terms(u.sent.text, language or (u.doc.language or "en")[:2])
    weights = idf(u.terms for u in units)
    for u in units:
        u.vector = tfidf(u.terms, weights)
