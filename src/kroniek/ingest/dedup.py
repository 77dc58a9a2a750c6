"""Duplicates: the same report twice (content hash) and re-publications with small edits (SimHash)."""

from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"\w+")
NEAR_DUPLICATE_BITS = 3  # Hamming distance at or below which two texts are one report


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


def is_near_duplicate(a: int, b: int) -> bool:
    return distance(a, b) <= NEAR_DUPLICATE_BITS
