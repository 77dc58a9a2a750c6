"""Plain data that flows through Kroniek: source -> Document -> Sentences -> Events.

Offsets (``start``/``end``) are always Python string indices into ``Document.text``
as decoded, the convention of the gold files in ``../shared/eval``.
Annotations of one kind live in one named layer: ``Sentence.timex`` and
``Sentence.mentions`` (places, actors, figures, claims, told apart by ``kind``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Genre = Literal["news", "narrative"]
Precision = Literal["day", "month", "year", "decade", "century", "season", "week", "time"]

_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """Hash of the text with case and white space folded: the same report twice is one."""
    folded = _SPACE.sub(" ", text).strip().lower()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


@dataclass
class Timex:
    """A TIMEX3 expression: ``type`` is DATE, TIME, DURATION or SET."""

    start: int
    end: int
    text: str
    type: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Mention:
    """A place, actor, figure or claim; ``attrs`` holds the kind's fields (name, country, value, ...).

    For claims ``start``/``end`` are the cue's span.
    """

    kind: str
    start: int
    end: int
    text: str
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The gold file's shape: kind, offsets, text, then the attributes flat."""
        if self.kind == "claim":
            out: dict[str, Any] = {
                "kind": "claim",
                "cue_start": self.start,
                "cue_end": self.end,
                "cue": self.text,
            }
        else:
            out = {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text}
        out.update(self.attrs)
        return out


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    position: int = 0
    section: str | None = None
    boilerplate: bool = False
    timex: list[Timex] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    event_date: str | None = None
    event_precision: str | None = None
    id: int | None = None

    def mentions_of(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]

    def to_dict(self) -> dict[str, Any]:
        """The sentence with its layers; offsets into the document text as decoded (the gold convention)."""
        return {
            "id": self.id,
            "position": self.position,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "section": self.section,
            "boilerplate": self.boilerplate,
            "event_date": self.event_date,
            "event_precision": self.event_precision,
            "timex": [x.to_dict() for x in self.timex],
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass
class Document:
    text: str
    source: str = ""
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date, as precise as known: "2022-02-24", "2022-02", "2022"
    date_precision: str | None = None  # "day", "month" or "year"
    language: str | None = None
    genre: Genre = "news"
    origin: str | None = None  # where it was read from: a path, a path#line, a URL
    sentences: list[Sentence] = field(default_factory=list)
    id: int | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    @property
    def content_sentences(self) -> list[Sentence]:
        return [s for s in self.sentences if not s.boilerplate]


@dataclass
class EventSource:
    document_id: int | None
    sentence_id: int | None
    text: str
    source: str
    published: str | None


@dataclass
class Event:
    """One development, merged from sentences of one or more reports."""

    date: str | None
    precision: str | None
    type: str
    title: str
    sources: list[EventSource] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    id: int | None = None


@dataclass
class TimelineSentence:
    text: str
    source: str
    document_id: int | None = None
    sentence_id: int | None = None
    url: str | None = None


@dataclass
class TimelineEntry:
    date: str
    sentences: list[TimelineSentence] = field(default_factory=list)


@dataclass
class OverviewSection:
    headline: str
    sentences: list[TimelineSentence] = field(default_factory=list)


@dataclass
class Overview:
    topic: str | None
    created: str
    opening: str
    sections: list[OverviewSection] = field(default_factory=list)
    since: str | None = None
    id: int | None = None
