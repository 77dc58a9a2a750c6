"""ACLED-like event types from a Dutch and English lexicon (``data/event_types.json``)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

DEFAULT_TYPE = "overig"


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[str, re.Pattern[str]], ...]:
    raw = json.loads(resources.files("kroniek").joinpath("data", "event_types.json").read_text(encoding="utf-8"))
    out = []
    for entry in raw["types"]:
        terms = sorted({t.lower() for lang in ("nl", "en") for t in entry.get(lang, [])}, key=len, reverse=True)
        parts = [re.escape(t) + (r"\b" if len(t) <= 4 else "") for t in terms]
        out.append((entry["name"], re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE)))
    return tuple(out)


def type_names() -> list[str]:
    return [name for name, _ in _lexicon()] + [DEFAULT_TYPE]


def type_votes(text: str) -> Counter[str]:
    """How many terms of each type ``text`` contains."""
    return Counter({name: n for name, pattern in _lexicon() if (n := len(pattern.findall(text)))})


def best_type(votes: Counter[str]) -> str:
    """The type with the most votes; the earlier listed on ties; ``overig`` without votes."""
    if not votes:
        return DEFAULT_TYPE
    order = {name: i for i, name in enumerate(type_names())}
    return min(votes, key=lambda name: (-votes[name], order[name]))


def classify(text: str) -> str:
    """The event type of one sentence; ``overig`` when no term matches."""
    return best_type(type_votes(text))


def classify_all(texts: Iterable[str]) -> str:
    """The event type of a set of sentences: their votes pooled."""
    total: Counter[str] = Counter()
    for text in texts:
        total.update(type_votes(text))
    return best_type(total)
