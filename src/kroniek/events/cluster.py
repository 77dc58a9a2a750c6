"""Incremental event clustering: sentences of many reports merged into developments.

After Miranda et al. (2018, "Multilingual clustering of streaming news"): reports arrive
one at a time; each datable sentence joins the best-matching *recent* event, or opens a
new one. The match combines

* text: cosine of TF-IDF vectors (document frequencies updated as reports arrive) with
  the event's centroid;
* time: 1 on the same day, decaying with the distance in days (events further apart than
  ``window`` days are not candidates at all);
* entities: overlap (Jaccard) of the places and actors named.

A sentence joins when the weighted similarity reaches ``threshold`` and the texts share
at least ``min_text`` cosine; the weights are the model, not learnt from data.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kroniek.events.types import best_type, type_votes
from kroniek.model import Document, Event, EventSource, Sentence
from kroniek.timeline.text import Vector, content_terms, cosine, normalise

_PRECISION_RANK = {"time": 0, "day": 0, "week": 1, "month": 2, "season": 3, "year": 4}


def _ordinal(value: str) -> int | None:
    """The ordinal of a day, or of the first day of a month (YYYY-MM)."""
    try:
        if len(value) >= 10:
            return date.fromisoformat(value[:10]).toordinal()
        if len(value) == 7:
            return date.fromisoformat(value + "-01").toordinal()
    except ValueError:
        return None
    return None


@dataclass
class _Member:
    doc: Document
    sent: Sentence
    vector: Vector
    day: str
    entities: frozenset[str]
    votes: Counter[str]


@dataclass
class _Cluster:
    members: list[_Member] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=dict)
    centroid: Vector = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)
    days: Counter[str] = field(default_factory=Counter)
    event: Event | None = None
    indexed: set[str] = field(default_factory=set)

    votes: Counter[str] = field(default_factory=Counter)
    day: str = ""  # the most precise of the most common dates of its sentences
    ordinal: int | None = None

    def add(self, m: _Member) -> None:
        self.members.append(m)
        for t, v in m.vector.items():
            self.total[t] = self.total.get(t, 0.0) + v
        self.centroid = normalise(self.total)
        self.entities.update(m.entities)
        self.votes.update(m.votes)
        self.days[m.day] += 1
        self.day = min(self.days, key=lambda d: (-self.days[d], -len(d), d))
        self.ordinal = _ordinal(self.day)


def _entities(sent: Sentence) -> frozenset[str]:
    return frozenset(str(m.attrs.get("name") or m.text).lower() for m in sent.mentions if m.kind in ("place", "actor"))


class EventClusterer:
    """Takes annotated documents one at a time and keeps the events they describe up to date."""

    def __init__(
        self,
        *,
        threshold: float = 0.4,
        min_text: float = 0.25,
        window: int = 3,
        text_weight: float = 0.6,
        time_weight: float = 0.2,
        entity_weight: float = 0.2,
        min_terms: int = 4,
        probe_terms: int = 5,
        max_postings: int = 64,
        language: str | None = None,
    ) -> None:
        self.threshold = threshold
        self.min_text = min_text
        self.window = window
        self.weights = (text_weight, time_weight, entity_weight)
        self.min_terms = min_terms
        self.probe_terms = probe_terms  # candidate events share one of the sentence's rarest terms
        self.max_postings = max_postings  # only the latest events of a term are probed
        self.language = language
        self._df: Counter[str] = Counter()
        self._n_docs = 0
        self._clusters: list[_Cluster] = []
        self._by_term: dict[str, list[_Cluster]] = defaultdict(list)

    # -- public -------------------------------------------------------------------------

    def __call__(self, docs: Iterable[Document]) -> list[Event]:
        for doc in docs:
            self.add(doc)
        return self.events

    def add(self, doc: Document) -> list[Event]:
        """Cluster the datable sentences of ``doc``; returns the events it created or changed."""
        language = self.language or (doc.language or "nl")[:2]
        prepared = []
        for sent in doc.content_sentences:
            if not sent.event_date or _ordinal(sent.event_date) is None:
                continue
            terms = content_terms(sent.text, language)
            if len(terms) < self.min_terms:
                continue
            prepared.append((sent, terms))
        self._n_docs += 1
        self._df.update({t for _, terms in prepared for t in terms})
        touched: dict[int, _Cluster] = {}
        for sent, terms in prepared:
            member = _Member(
                doc, sent, self._vector(terms), str(sent.event_date), _entities(sent), type_votes(sent.text)
            )
            cluster = self._best(member)
            if cluster is None:
                cluster = _Cluster()
                self._clusters.append(cluster)
            cluster.add(member)
            self._index(cluster, member)
            touched[id(cluster)] = cluster
        return [self._event(c) for c in touched.values()]

    @property
    def events(self) -> list[Event]:
        events = [self._event(c) for c in self._clusters]
        return sorted(events, key=lambda e: (e.date or "", -len(e.sources)))

    # -- matching ----------------------------------------------------------------------

    def _vector(self, terms: Sequence[str]) -> Vector:
        counts = Counter(terms)
        n = self._n_docs
        return normalise(
            {t: (1 + math.log(c)) * (math.log((n + 1) / (self._df[t] + 1)) + 1) for t, c in counts.items()}
        )

    def _time_similarity(self, a: str, b: str, ob: int | None) -> float:
        oa = _ordinal(a)
        if oa is None or ob is None:
            return 0.0
        if len(a) < 10 or len(b) < 10:  # a month against a day: the same month is a weak match
            return 0.5 if a[:7] == b[:7] else 0.0
        return math.exp(-abs(oa - ob) / 2)

    def _similarity(self, m: _Member, c: _Cluster) -> tuple[float, float]:
        text = cosine(m.vector, c.centroid)
        union = m.entities | set(c.entities)
        entity = len(m.entities & set(c.entities)) / len(union) if union else 0.0
        wt, wd, we = self.weights
        return wt * text + wd * self._time_similarity(m.day, c.day, c.ordinal) + we * entity, text

    def _best(self, m: _Member) -> _Cluster | None:
        """The best recent event among those sharing one of the sentence's rarest terms."""
        day = _ordinal(m.day)
        if day is None:
            return None
        rare = sorted(m.vector, key=lambda t: (self._df[t], t))[: self.probe_terms]
        best, best_score = None, self.threshold
        seen: set[int] = set()
        for term in rare:
            for c in reversed(self._by_term.get(term, [])[-self.max_postings :]):
                if id(c) in seen:
                    continue
                seen.add(id(c))
                if c.ordinal is None or abs(c.ordinal - day) > self.window:
                    continue
                score, text = self._similarity(m, c)
                if text >= self.min_text and score >= best_score:
                    best, best_score = c, score
        return best

    def _index(self, c: _Cluster, m: _Member) -> None:
        for term in m.vector:
            if term not in c.indexed:
                c.indexed.add(term)
                self._by_term[term].append(c)

    # -- the record --------------------------------------------------------------------

    def _event(self, c: _Cluster) -> Event:
        central = max(c.members, key=lambda m: (cosine(m.vector, c.centroid), -m.sent.position))
        places: Counter[str] = Counter()
        actors: Counter[str] = Counter()
        figures: list[dict[str, Any]] = []
        claims: list[dict[str, Any]] = []
        for m in c.members:
            for mention in m.sent.mentions:
                name = str(mention.attrs.get("name") or mention.text)
                if mention.kind == "place":
                    places[name] += 1
                elif mention.kind == "actor":
                    actors[name] += 1
                elif mention.kind in ("figure", "claim"):
                    record = {"text": mention.text, **mention.attrs, "sentence_id": m.sent.id}
                    (figures if mention.kind == "figure" else claims).append(record)
        day = c.day
        precisions = [m.sent.event_precision for m in c.members if m.day == day and m.sent.event_precision]
        precision = (
            min(precisions, key=lambda p: _PRECISION_RANK.get(p, 9))
            if precisions
            else ("day" if len(day) >= 10 else "month")
        )
        event = c.event or Event(date=None, precision=None, type="overig", title="")
        event.date = day
        event.precision = precision
        event.type = best_type(c.votes)
        event.title = central.sent.text.strip()
        event.sources = [
            EventSource(
                document_id=m.doc.id,
                sentence_id=m.sent.id,
                text=m.sent.text.strip(),
                source=m.doc.source or m.doc.origin or "",
                published=m.doc.published,
            )
            for m in c.members
        ]
        event.places = [n for n, _ in places.most_common()]
        event.actors = [n for n, _ in actors.most_common()]
        event.figures = figures
        event.claims = claims
        c.event = event
        return event
