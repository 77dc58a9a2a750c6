"""Places: gazetteer matches resolved to one place with a canonical English name, country and coordinates.

Dutch, English and transliterated spellings meet in one skeleton (see :mod:`kroniek.extract.lexicon`);
ambiguous names are settled by the document's other places, and a country that acts
("Rusland ontkent") is left to the actors stage (see :mod:`kroniek.extract.entity_lexicon`).
"""

from __future__ import annotations

from kroniek.extract.entity_lexicon import Found, analyse, attach
from kroniek.model import Document, Mention
from kroniek.pipeline import component


def _mention(text: str, f: Found) -> Mention:
    return Mention("place", f.start, f.end, text[f.start : f.end], dict(f.attrs))


class PlaceTagger:
    """Appends ``place`` mentions ({name, country, lat, lon}) to ``sentence.mentions``."""

    def __call__(self, doc: Document) -> Document:
        analysis = analyse(doc)
        attach(doc, [f for f in analysis.found if f.kind == "place"], lambda f: _mention(doc.text, f))
        return doc


@component("places", assigns=["sentence.mentions[place]"])
def make_places() -> PlaceTagger:
    return PlaceTagger()
