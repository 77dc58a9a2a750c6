"""What a timeline is about: keywords, actors, places."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kroniek.model import Document, Sentence


@dataclass(frozen=True)
class TopicQuery:
    """A sentence belongs to the topic when it contains a keyword or names one of the actors or places.

    Keywords match case-insensitively at word starts ("oil" matches "oil-soaked", not "toil").
    Actors and places match the canonical names of the sentence's mentions, or its text.
    """

    keywords: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, keywords: Sequence[str] = (), actors: Sequence[str] = (), places: Sequence[str] = ()) -> TopicQuery:
        return cls(tuple(keywords), tuple(actors), tuple(places))

    @property
    def empty(self) -> bool:
        return not (self.keywords or self.actors or self.places)

    @property
    def pattern(self) -> re.Pattern[str] | None:
        if self._pattern is None:
            terms = [t.strip().lower() for t in (*self.keywords, *self.actors, *self.places) if t.strip()]
            if not terms:
                return None
            alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
            object.__setattr__(self, "_pattern", re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE))
        return self._pattern

    def matches(self, sent: Sentence, doc: Document | None = None) -> bool:
        if self.empty:
            return True
        names = {str(m.attrs.get("name", "")).lower() for m in sent.mentions if m.kind in ("actor", "place")}
        wanted = {n.lower() for n in (*self.actors, *self.places)}
        if names & wanted:
            return True
        pattern = self.pattern
        return bool(pattern and pattern.search(sent.text))
