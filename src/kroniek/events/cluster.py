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

The result depends on the order the reports come in (a sentence can only join the events
opened before it). The state is explicit (:class:`CorpusState`, :class:`ClusterState`,
:meth:`EventClusterer.export`, :meth:`EventClusterer.restore`) so the store can continue the
clustering of a large archive from the few events a new report can still join, with the same
result as a replay of all its reports in the order they were clustered (the store records it).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata, resources
from typing import Any

from kroniek.events import types
from kroniek.events.types import best_type, type_votes
from kroniek.model import Document, Event, EventSource, Sentence
from kroniek.timeline import text
from kroniek.timeline.text import Vector, content_terms, cosine, normalise

# Bump when the clustering's input changes in a way code_fingerprint() cannot see.
CODE_VERSION = 1

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


def _source(fn: Any) -> str:
    try:
        return inspect.getsource(fn)
    except (OSError, TypeError):  # no source shipped: the compiled code still tells versions apart
        return repr(inspect.unwrap(fn).__code__.co_code)


def code_fingerprint() -> str:
    """A digest of what turns a report into clustering input besides the parameters.

    The tokenisation (word pattern, stop words, stemmer and its version: the terms, so the
    vectors and document frequencies), the event-type lexicon (the votes) and the code that
    reads them. Stored state built by other code holds other terms and votes: it is rebuilt,
    not continued.
    """
    parts = [
        str(CODE_VERSION),
        text._WORD.pattern,
        json.dumps({lang: sorted(words) for lang, words in sorted(text.STOPWORDS.items())}, ensure_ascii=False),
        json.dumps(text._STEMMERS, sort_keys=True),
        metadata.version("snowballstemmer"),
        resources.files("kroniek").joinpath("data", "event_types.json").read_text(encoding="utf-8"),
    ]
    for fn in (
        text.words,
        text.content_terms,
        text._stem,
        text._stemmer,
        types._lexicon,
        types.type_votes,
        _entities,
        EventClusterer._tokenise,
        EventClusterer._vector,
    ):
        parts.append(_source(fn))
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


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
    seq: int  # opening order: of the candidates sharing a term, the latest opened are probed
    members: list[_Member] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=dict)
    centroid: Vector = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)
    days: Counter[str] = field(default_factory=Counter)
    event: Event | None = None

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
        self._set_day()

    def _set_day(self) -> None:
        self.day = min(self.days, key=lambda d: (-self.days[d], -len(d), d))
        self.ordinal = _ordinal(self.day)


@dataclass
class CorpusState:
    """What the clusterer knows of the whole archive: reports seen, events opened, document frequencies.

    ``df`` may hold just the terms of the reports still to come: other terms are never looked up.
    """

    n_docs: int = 0
    opened: int = 0
    df: dict[str, int] = field(default_factory=dict)


@dataclass
class ClusterState:
    """One event's running totals, enough to let more sentences join it later."""

    seq: int
    total: dict[str, float]
    entities: dict[str, int]
    days: dict[str, int]
    votes: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "total": self.total,
            "entities": self.entities,
            "days": self.days,
            "votes": self.votes,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ClusterState:
        return cls(
            seq=int(data["seq"]),
            total={str(k): float(v) for k, v in data["total"].items()},
            entities={str(k): int(v) for k, v in data["entities"].items()},
            days={str(k): int(v) for k, v in data["days"].items()},
            votes={str(k): int(v) for k, v in data["votes"].items()},
        )


@dataclass
class StoredMember:
    """A sentence that joined an event earlier, with the vector it joined with."""

    doc: Document
    sent: Sentence
    vector: dict[str, float]


@dataclass
class ClusterExport:
    """An event as the store keeps it: the record, its state, and its members' vectors (in source order)."""

    event: Event
    state: ClusterState
    vectors: list[dict[str, float]]


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
        self._params: dict[str, Any] = {
            "threshold": threshold,
            "min_text": min_text,
            "window": window,
            "text_weight": text_weight,
            "time_weight": time_weight,
            "entity_weight": entity_weight,
            "min_terms": min_terms,
            "probe_terms": probe_terms,
            "max_postings": max_postings,
            "language": language,
        }
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
        self._opened = 0
        self._clusters: list[_Cluster] = []
        # term -> day ordinal -> clusters, so only the events within the window are looked at
        self._by_term: dict[str, dict[int, dict[int, _Cluster]]] = defaultdict(dict)
        self._changed: dict[int, _Cluster] = {}
        self._prepared: dict[int, tuple[Document, list[tuple[Sentence, list[str]]]]] = {}
        self._awaiting: dict[int, _Cluster] = {}  # by event id: restored without members (see fill)
        self._code = code_fingerprint()

    # -- public -------------------------------------------------------------------------

    def __call__(self, docs: Iterable[Document]) -> list[Event]:
        for doc in docs:
            self.add(doc)
        return self.events

    def add(self, doc: Document, *, records: bool = True) -> list[Event]:
        """Cluster the datable sentences of ``doc``; returns the events it created or changed.

        ``records`` False: returns nothing (the records are made by :meth:`export`), so events
        restored without their members can be joined before these are read (:meth:`fill`).
        """
        prepared = self._prepare(doc)
        del self._prepared[id(doc)]
        self._n_docs += 1
        self._df.update({t for _, terms in prepared for t in terms})
        touched: dict[int, _Cluster] = {}
        for sent, terms in prepared:
            member = _Member(
                doc, sent, self._vector(terms), str(sent.event_date), _entities(sent), type_votes(sent.text)
            )
            cluster = self._best(member)
            if cluster is None:
                cluster = _Cluster(self._opened)
                self._opened += 1
                self._clusters.append(cluster)
            old_terms, old_ordinal = set(cluster.total), cluster.ordinal
            cluster.add(member)
            self._index(cluster, old_terms, old_ordinal)
            touched[cluster.seq] = cluster
        self._changed.update(touched)
        return [self._event(c) for c in touched.values()] if records else []

    def terms(self, doc: Document) -> set[str]:
        """The terms whose document frequencies :meth:`add` reads and counts for ``doc``."""
        return {t for _, terms in self._prepare(doc) for t in terms}

    def dates(self, doc: Document) -> set[int]:
        """The day ordinals (month: its first day) of the sentences of ``doc`` that can join events."""
        return {o for sent, _ in self._prepare(doc) if (o := _ordinal(str(sent.event_date))) is not None}

    def probes(self, docs: Sequence[Document]) -> list[tuple[int, set[str]]]:
        """Per sentence that adding ``docs`` in turn would cluster: its day ordinal and the terms it probes.

        The events a sentence can join are those within the window of its day filed under one of
        these terms (its rarest, by the document frequencies it will be weighed with), so a store
        need give the clusterer only those. Call after :meth:`restore_corpus`; changes nothing.
        """
        df = Counter(self._df)
        out = []
        for doc in docs:
            prepared = self._prepare(doc)
            df.update({t for _, terms in prepared for t in terms})
            for sent, terms in prepared:
                day = _ordinal(str(sent.event_date))
                if day is not None:
                    out.append((day, set(self._rare(terms, df))))
        return out

    def can_join(self, day: str | None, ordinals: Iterable[int]) -> bool:
        """Whether an event dated ``day`` is a candidate for a sentence dated at one of ``ordinals``."""
        o = _ordinal(day or "")
        return o is not None and any(abs(o - x) <= self.window for x in ordinals)

    def fresh(self) -> EventClusterer:
        """A clusterer with the same parameters that has seen nothing yet."""
        return type(self)(**self._params)

    def config(self) -> dict[str, Any]:
        """The parameters and the code's fingerprint: state built with other ones cannot be continued."""
        wt, wd, we = self.weights
        return {
            "threshold": self.threshold,
            "min_text": self.min_text,
            "window": self.window,
            "weights": [wt, wd, we],
            "min_terms": self.min_terms,
            "probe_terms": self.probe_terms,
            "max_postings": self.max_postings,
            "language": self.language,
            "code": self._code,
        }

    # -- state -------------------------------------------------------------------------

    def corpus_state(self) -> CorpusState:
        return CorpusState(self._n_docs, self._opened, dict(self._df))

    def restore_corpus(self, state: CorpusState) -> None:
        self._n_docs = state.n_docs
        self._opened = state.opened
        self._df = Counter(state.df)

    def restore(self, state: ClusterState, members: Sequence[StoredMember] | None, event: Event | None = None) -> None:
        """Take up a stored event; ``event`` (with its id) is the record that later changes update.

        Matching needs only the state. ``members`` None: they are given later, and only if a
        sentence joined the event (:meth:`awaiting`, :meth:`fill`), before its record is made.
        """
        cluster = _Cluster(state.seq)
        if members is None:
            if event is None or event.id is None:
                raise ValueError("an event restored without its members needs its stored id")
            self._awaiting[event.id] = cluster
        else:
            cluster.members = [self._stored_member(m) for m in members]
        cluster.total = dict(state.total)
        cluster.centroid = normalise(cluster.total)
        cluster.entities = Counter(state.entities)
        cluster.days = Counter(state.days)
        cluster.votes = Counter(state.votes)
        cluster.event = event
        if cluster.days:
            cluster._set_day()
        self._clusters.append(cluster)
        self._index(cluster, set(), None)

    def awaiting(self) -> list[int]:
        """The ids of the events restored without their members that sentences have joined since."""
        return [i for i, c in self._awaiting.items() if c.seq in self._changed]

    def fill(self, event_id: int, members: Sequence[StoredMember]) -> None:
        """Give an event restored without its members the members it had (before those that joined since)."""
        cluster = self._awaiting.pop(event_id)
        cluster.members[:0] = [self._stored_member(m) for m in members]

    @staticmethod
    def _stored_member(m: StoredMember) -> _Member:
        return _Member(m.doc, m.sent, m.vector, str(m.sent.event_date), frozenset(), Counter())

    def export(self, changed_only: bool = False) -> list[ClusterExport]:
        """Every event (or those changed since the clusterer was made), in opening order."""
        clusters = self._changed.values() if changed_only else self._clusters
        clusters = list(clusters)
        if {id(c) for c in clusters} & {id(c) for c in self._awaiting.values()}:
            raise RuntimeError("events restored without their members cannot be exported before fill()")
        out = []
        for c in sorted(clusters, key=lambda c: c.seq):
            state = ClusterState(c.seq, dict(c.total), dict(c.entities), dict(c.days), dict(c.votes))
            out.append(ClusterExport(self._event(c), state, [dict(m.vector) for m in c.members]))
        return out

    def _prepare(self, doc: Document) -> list[tuple[Sentence, list[str]]]:
        """The sentences of ``doc`` that can join events, with their terms.

        Kept from :meth:`terms`, :meth:`dates` and :meth:`probes` until :meth:`add` takes the
        report, so an update tokenises each report once.
        """
        cached = self._prepared.get(id(doc))
        if cached is not None and cached[0] is doc:
            return cached[1]
        prepared = self._tokenise(doc)
        self._prepared[id(doc)] = (doc, prepared)
        return prepared

    def _tokenise(self, doc: Document) -> list[tuple[Sentence, list[str]]]:
        language = self.language or (doc.language or "nl")[:2]
        prepared = []
        for sent in doc.content_sentences:
            if not sent.event_date or _ordinal(sent.event_date) is None:
                continue
            terms = content_terms(sent.text, language)
            if len(terms) < self.min_terms:
                continue
            prepared.append((sent, terms))
        return prepared

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
        """The best event within the window among those sharing one of the sentence's rarest terms."""
        day = _ordinal(m.day)
        if day is None:
            return None
        rare = self._rare(m.vector, self._df)
        best, best_score = None, self.threshold
        seen: set[int] = set()
        for term in rare:
            by_day = self._by_term.get(term)
            if not by_day:
                continue
            near = [c for o in range(day - self.window, day + self.window + 1) for c in by_day.get(o, {}).values()]
            near.sort(key=lambda c: -c.seq)
            for c in near[: self.max_postings]:
                if c.seq in seen:
                    continue
                seen.add(c.seq)
                score, text = self._similarity(m, c)
                if text >= self.min_text and score >= best_score:
                    best, best_score = c, score
        return best

    def _rare(self, terms: Iterable[str], df: Mapping[str, int]) -> list[str]:
        """The terms a sentence probes the index with: its rarest (ties: alphabetical)."""
        return sorted(set(terms), key=lambda t: (df.get(t, 0), t))[: self.probe_terms]

    def _index(self, c: _Cluster, old_terms: set[str], old_ordinal: int | None) -> None:
        """File the cluster under each of its terms at its (possibly new) day."""
        if c.ordinal is None:
            return
        if old_ordinal is not None and old_ordinal != c.ordinal:
            for term in old_terms:
                self._by_term[term][old_ordinal].pop(c.seq, None)
            old_terms = set()
        for term in c.total:
            if term not in old_terms:
                self._by_term[term].setdefault(c.ordinal, {})[c.seq] = c

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
