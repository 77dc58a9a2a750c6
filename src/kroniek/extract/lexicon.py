"""Shared matching machinery: case folding, a spelling skeleton, and an Aho–Corasick automaton.

Names of places and people from Ukraine and Russia reach a Dutch desk in several spellings:
Dutch transliteration (Charkiv, Marioepol, Zaporizja, Tsjernihiv), English (Kharkiv,
Mariupol, Zaporizhzhia, Chernihiv), German (Charkiw) and Russian forms (Charkov). Instead
of listing every variant, both the lexicon and the text are reduced to a *skeleton* that
folds the systematic differences (oe/u, sj/sh, tsj/ch, zj/zh, ch/kh, j/y/i, w/v, doubled
letters). English ``ch`` (= Dutch ``tsj``) is the one clash: a lexicon spelling is indexed
both as written and with ``ch`` read as ``tsj``.

The text is tokenised once per document, each word mapped to its skeleton (cached), and
one automaton pass over the joined skeletons finds every lexicon entry at word boundaries.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if base.isascii() and base.isalpha():
            table[code] = base
    table.update({ord("ß"): "s", ord("ø"): "o", ord("Ø"): "o", ord("æ"): "a", ord("Æ"): "a", ord("ł"): "l"})
    table.update({ord("Ł"): "l", ord("đ"): "d", ord("Đ"): "d", ord("ı"): "i", ord("İ"): "i"})
    for ch in "‘’‛`´ʼʹ":
        table[ord(ch)] = "'"
    for ch in "–—‐‑‒−":
        table[ord(ch)] = "-"
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lowercase and strip diacritics, one character for one, so offsets stay valid."""
    folded = text.translate(_FOLD)
    if len(folded) != len(text):  # pragma: no cover - the table maps one to one
        raise AssertionError("fold changed the length of the text")
    return folded


# Letter groups folded to one skeleton letter, longest first. Dutch ch = English kh (x);
# Dutch tsj = English ch (c, once the index has turned ch into tsj).
_RULES = [
    ("sjtsj", "s"),
    ("shch", "s"),
    ("tsch", "c"),
    ("tsj", "c"),
    ("sch", "s"),
    ("tch", "c"),
    ("kh", "x"),
    ("ch", "x"),
    ("sj", "s"),
    ("sh", "s"),
    ("sz", "s"),
    ("zj", "z"),
    ("zh", "z"),
    ("cz", "c"),
    ("ts", "c"),
    ("oe", "u"),
    ("ou", "u"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("j", "i"),
    ("y", "i"),
    ("q", "k"),
]
_RULE_RE = re.compile("|".join(re.escape(a) for a, _ in _RULES))
_RULE_MAP = dict(_RULES)
_SIBILANT_I = re.compile(r"(?<=[szc])i(?=[aeiou])")
_DOUBLE = re.compile(r"(.)\1+")
_WORD = re.compile(r"[^\W_]+")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """The spelling skeleton of one folded word: Izjoem, Izium and Isjum are all ``izum``."""
    if len(word) <= 3 or word.isdigit():
        return word  # acronyms and short words stay as written: CIA is not "ca"
    out = _RULE_RE.sub(lambda m: _RULE_MAP[m.group(0)], word)
    out = _SIBILANT_I.sub("", out)
    return _DOUBLE.sub(r"\1", out)


_ENGLISH_CH = re.compile(r"(?<![kszct])ch")


def key_variants(name: str) -> set[str]:
    """Automaton keys for a lexicon spelling: as written, and with English ``ch`` read as ``tsj``."""
    folded = _APOSTROPHE.sub("", fold(name))
    keys = set()
    for spelling in {folded, _ENGLISH_CH.sub("tsj", folded)}:
        words = _WORD.findall(spelling)
        if words:
            keys.add(" " + " ".join(skeleton(w) for w in words) + " ")
    return keys


def key(name: str) -> str:
    """The automaton key of a spelling read as written (no ``ch`` variant)."""
    words = _WORD.findall(_APOSTROPHE.sub("", fold(name)))
    return " " + " ".join(skeleton(w) for w in words) + " "


@dataclass
class Indexed:
    """A text tokenised once: word offsets, their skeletons joined by spaces, and a map back."""

    text: str
    folded: str
    spans: list[tuple[int, int]]
    words: list[str]  # the folded words
    skeletons: list[str]
    joined: str
    starts: list[int]  # position of each token's skeleton in ``joined``

    @classmethod
    def build(cls, text: str) -> Indexed:
        folded = fold(text)
        spans = [m.span() for m in _WORD.finditer(folded)]
        words = [folded[s:e] for s, e in spans]
        skeletons = [skeleton(w) for w in words]
        parts = [" "]
        starts = []
        pos = 1
        for sk in skeletons:
            starts.append(pos)
            parts.append(sk)
            parts.append(" ")
            pos += len(sk) + 1
        return cls(text, folded, spans, words, skeletons, "".join(parts), starts)

    def token_at(self, offset: int) -> int:
        """Index of the first token that ends after ``offset``."""
        lo, hi = 0, len(self.spans)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.spans[mid][1] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def word(self, i: int) -> str:
        return self.words[i]


@dataclass
class Match:
    first: int  # first token index
    last: int  # last token index (inclusive)
    start: int  # character offsets in the text
    end: int
    values: list[Any]


_JOINERS = frozenset(" -\t")


def spelled(name: str) -> str:
    """A spelling's folded words joined by spaces: what the text shows when it is written so exactly."""
    return " ".join(_WORD.findall(_APOSTROPHE.sub("", fold(name))))


class Lexicon:
    """An Aho–Corasick automaton over skeleton keys.

    Each key carries a list of ``(payload, spelling)`` pairs, ``spelling`` being the folded
    form of the lexicon spelling, so a caller can prefer the entries spelled as the text is.
    """

    def __init__(self, entries: Iterable[tuple[str, Any]]) -> None:
        table: dict[str, list[Any]] = {}
        for name, payload in entries:
            exact = spelled(name)
            for k in key_variants(name):
                if len(k) <= 3:
                    continue
                bucket = table.setdefault(k, [])
                if (payload, exact) not in bucket:
                    bucket.append((payload, exact))
        self.size = len(table)
        self.automaton = ahocorasick.Automaton()
        for k, values in table.items():
            self.automaton.add_word(k, (len(k), values))
        self.automaton.make_automaton()

    def __len__(self) -> int:
        return self.size

    def get(self, word_key: str) -> list[Any] | None:
        """The payloads of one key (as made by :func:`key`), or None."""
        found = self.automaton.get(word_key, None)
        return None if found is None else found[1]

    def find(self, doc: Indexed) -> list[Match]:
        """Leftmost-longest matches at word boundaries, not crossing punctuation other than hyphens."""
        if not self.size:
            return []
        starts = doc.starts
        raw: list[tuple[int, int, list[Any]]] = []
        for end, (length, values) in self.automaton.iter(doc.joined):
            begin = end - length + 2  # first character of the first token
            first = bisect.bisect_left(starts, begin)
            last = bisect.bisect_right(starts, end - 1) - 1
            raw.append((first, last, values))
        raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
        out: list[Match] = []
        taken = -1
        text = doc.text
        spans = doc.spans
        for first, last, values in raw:
            if first <= taken:
                continue
            if last > first and any(
                not (set(text[spans[i][1] : spans[i + 1][0]]) <= _JOINERS or text[spans[i][1] : spans[i + 1][0]] == ".")
                for i in range(first, last)
            ):
                continue
            out.append(Match(first, last, spans[first][0], spans[last][1], values))
            taken = last
        return out


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded word) for each word of ``text``."""
    folded = fold(text)
    for m in _WORD.finditer(folded):
        yield m.start(), m.end(), m.group(0)


_CACHE: dict[str, Any] = {}


def indexed(text: str) -> Indexed:
    """The document's index, kept for the last text seen so consecutive stages share it."""
    cached = _CACHE.get("indexed")
    if cached is not None and cached.text is text:
        return cached
    built = Indexed.build(text)
    _CACHE["indexed"] = built
    return built


def is_lowercased(text: str) -> bool:
    """True for text written all in lower case (as seed 004): capitals then carry no signal."""
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) < 0.002
