"""Bag-of-words vectors for sentences: stemmed content words, TF-IDF weighted, unit length."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

import snowballstemmer

Vector = dict[str, float]

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)

_ENGLISH = """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just lcb lrb lsb me more most
    mr mrs ms my myself new no nor not now of off on once one only or other our ours out over own rcb rrb rsb
    said same say says she should so some such than that the their theirs them then there these they this
    those through to told too two under until up very was we were what when where which while who whom why
    will with would year years you your
"""
_DUTCH = """
    aan al als bij daar dan dat de deze die dit door een eerste en er geen haar had hebben heeft hem het hier
    hij hun ik in is jaar jaren je kan kon maar meer men met mijn moet moeten na naar niet nog nu of om onder
    ons onze ook op over sinds te tegen toen tot tussen twee u uit van veel volgens voor waar waren was wat
    we wel werd wie wij worden wordt zal ze zich zij zijn zo zou zullen één
"""
# Time words are left to the time tagger: two reports of one event share the event, not the calendar.
_TIME_WORDS = """
    january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today yesterday
    januari februari maart mei juni juli augustus oktober maandag dinsdag woensdag donderdag vrijdag zaterdag
    zondag vandaag gisteren morgen
"""
STOPWORDS = {
    "en": frozenset(_ENGLISH.split()) | frozenset(_TIME_WORDS.split()),
    "nl": frozenset(_DUTCH.split()) | frozenset(_TIME_WORDS.split()),
}

_STEMMERS = {"en": "english", "nl": "dutch"}


@lru_cache(maxsize=4)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(_STEMMERS.get(language, "english"))


@lru_cache(maxsize=300_000)
def _stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def content_terms(text: str, language: str = "en") -> list[str]:
    """Stemmed words of ``text`` without stop words or bare numbers."""
    stop = STOPWORDS.get(language, STOPWORDS["en"])
    return [_stem(w, language) for w in words(text) if w not in stop and len(w) > 1 and not w.isdigit()]


def idf(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    n = 0
    for terms in documents:
        n += 1
        df.update(set(terms))
    return {t: math.log((n + 1) / (c + 1)) + 1 for t, c in df.items()}


def tfidf(terms: Sequence[str], weights: dict[str, float]) -> Vector:
    counts = Counter(terms)
    vec = {t: (1 + math.log(c)) * weights.get(t, 1.0) for t, c in counts.items()}
    return normalise(vec)


def normalise(vec: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


def centroid(vectors: Iterable[Vector]) -> Vector:
    total: dict[str, float] = {}
    for vec in vectors:
        for t, v in vec.items():
            total[t] = total.get(t, 0.0) + v
    return normalise(total)
