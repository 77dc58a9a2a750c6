"""Language identification with py3langid's bundled model (no download)."""

from __future__ import annotations

from functools import lru_cache

# Restricting the candidates makes short and lowercased Dutch much more reliable;
# the list covers the languages a desk following this story meets.
CANDIDATES = ("nl", "en", "de", "fr", "es", "it", "uk", "ru", "pl")
_SAMPLE = 4000


@lru_cache(maxsize=1)
def _identifier():
    import py3langid.langid as langid

    langid.set_languages(list(CANDIDATES))
    return langid


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text with no letters."""
    sample = text[:_SAMPLE]
    if not any(ch.isalpha() for ch in sample):
        return None
    lang, _score = _identifier().classify(sample)
    return str(lang)
