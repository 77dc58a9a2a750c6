"""Duplicates: the same report twice (content hash) and re-publications with small edits (SimHash)."""

from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"\w+")
# SimHash finds candidates cheaply; shingle overlap decides. Unrelated reports sit near 32 bits
# apart; a re-publication with a changed phrase or two stays within a handful.
CANDIDATE_BITS = 12
NEAR_DUPLICATE_JACCARD = 0.75


def simhash(text: str, shingle: int = 3) -> int:
    """A signed 64-bit SimHash over word shingles (signed so that databases store it as BIGINT)."""
    words = _WORD.findall(text.lower())
    # The first few thousand shingles decide: a re-publication does not differ only at its end.
    grams = [" ".join(words[i : i + shingle]) for i in range(min(5000, max(1, len(words) - shingle + 1)))]
    weights = [0] * 64
    for gram in grams:
        h = int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if h >> bit & 1 else -1
    value = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    return value - (1 << 64) if value >= 1 << 63 else value


def distance(a: int, b: int) -> int:
    return ((a ^ b) & ((1 << 64) - 1)).bit_count()


def is_candidate(a: int, b: int) -> bool:
    return distance(a, b) <= CANDIDATE_BITS


def shingles(text: str, size: int = 3) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def is_near_duplicate(a: str, b: str) -> bool:
    """Whether two texts are one report: most of their word 3-grams are shared."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return False
    return len(sa & sb) / len(sa | sb) >= NEAR_DUPLICATE_JACCARD
