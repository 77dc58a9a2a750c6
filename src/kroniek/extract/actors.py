"""Actors: people, organisations, states and armed groups, with aliases across languages and spellings.

Known actors come from the lexicon (Poetin/Putin, NAVO/NATO, VN/UN, Wagnergroep, ...); people
the lexicon lacks are found after a title ("generaal Dvornikov", "president X"), and their
surname alone later in the document. A country is an actor where it acts ("Rusland ontkent").
"""

from __future__ import annotations

from kroniek.extract.entity_lexicon import Found, analyse, attach
from kroniek.model import Document, Mention
from kroniek.pipeline import component


def _mention(text: str, f: Found) -> Mention:
    return Mention("actor", f.start, f.end, text[f.start : f.end], dict(f.attrs))


class ActorTagger:
    """Appends ``actor`` mentions ({name, type}) to ``sentence.mentions``."""

    def __call__(self, doc: Document) -> Document:
        analysis = analyse(doc)
        attach(doc, [f for f in analysis.found if f.kind == "actor"], lambda f: _mention(doc.text, f))
        return doc


@component("actors", assigns=["sentence.mentions[actor]"])
def make_actors() -> ActorTagger:
    return ActorTagger()
