"""Echoes: how often a chronicle comes back to a dated development without naming its date.

A chronicle dates a turning point once, often inside a section that names many days, and
then refers to it again and again: "na de annexatie", "sinds de herovering van cherson",
"de opstand van de wagnergroep". A day's development is key when it echoes through the
text. A sentence's *signature* is the set of pairs (turning-point stem, entity) it holds:
the stem is a general word of conflict and politics, folded over its derivations
(annexeerde / annexatie / geannexeerde, heroverde / herovering, trok zich terug /
terugtrekking); the entities are the places and actors it mentions (the ``places`` and
``actors`` layers) and, when it mentions none, its rarer content words. Entities found
all over the text ("rusland", "oekraïne") sign nothing. A dated sentence's *echo* is the
number of other sections holding a sentence that shares a pair with it, dated or not.

Not yet used by ``build_timeline``: on the Dutch encyclopedia chronicle of the 2022 war
the echoes are sparse (the events journalists list are echoed in 0-2 other sections,
like many minor ones) and adding ``w * log1p(echo)`` to a day's score did not raise
Date-F1 against outlets' key dates at any weight or variant tried.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from kroniek.timeline.text import content_terms
from kroniek.timeline.units import Unit

# Turning-point stems and the word parts that derive them, Dutch and English. A part
# matches anywhere in a word, so prefixes and compounds fold in ("geannexeerde",
# "annexatieverdragen"); parts with a space or a gap match across words.
_DERIVATIONS: dict[str, str] = {
    "annex": r"annex",
    "recapture": r"herover|recaptur|retak|retook",
    "liberate": r"bevrijd|liberat",
    "capture": r"verover|ingenomen|innam|inname|innemen|in te nemen|captur|in handen|de val van|fall of|fell to",
    "withdraw": r"terugtr|teruggetrokken|terug te trekken|\btrok(?:ken)?\b[^.;]{0,40}\bterug\b|withdr|retreat",
    "surrender": r"capitul|overgave|overgegeven|gaven zich over|surrender",
    "mobilise": r"mobilis|mobiliz",
    "mutiny": r"opstand|muiterij|muit|mutin|rebellion",
    "destroy": r"verwoest|vernietig|opgeblazen|destroy|explosie|ontplof|explosion|zonk|gezonken|tot zinken|sank|sunk",
    "agree": r"akkoord|overeenkomst|verdrag|agreement|\bdeal\b",
    "referendum": r"referend|volksraadpleging",
    "recognise": r"erkend|erkenning|erkende|recognis|recogniz",
    "warrant": r"arrestatiebevel|warrant",
    "offensive": r"offensie|offensiv",
    "invade": r"invasie|invasion|invad|binnengevallen|binnenvielen|binnenviel|binnenvallen",
    "visit": r"bezoek|visit",
    "supply": r"levering|leveren|leverde|geleverd|deliver|toezeg|zegde\b[^.;]{0,60}\btoe\b|pledg",
}
_STEMS = {stem: re.compile(pattern, re.IGNORECASE) for stem, pattern in _DERIVATIONS.items()}

ENTITY_KINDS = ("place", "actor")
COMMON_SHARE = 0.1  # an entity in more than this share of the sections signs nothing
MIN_WORD = 5  # a content word standing in for an entity has at least this many letters


def event_stems(text: str) -> frozenset[str]:
    """The turning-point stems ``text`` holds, each folded over its derivations."""
    return frozenset(stem for stem, pattern in _STEMS.items() if pattern.search(text))


def _section(u: Unit) -> tuple[int, str | None]:
    return (id(u.doc), u.sent.section)


def _entities(u: Unit) -> set[str]:
    """The places and actors ``u`` mentions (by canonical name); its longer content words when none."""
    named = {m.attrs.get("name") or m.text.lower() for m in u.sent.mentions if m.kind in ENTITY_KINDS}
    if named:
        return named
    language = (u.doc.language or "en")[:2]
    return {"~" + t for t in content_terms(u.sent.text, language) if len(t) >= MIN_WORD and not event_stems(t)}


def signatures(units: Sequence[Unit], common_share: float = COMMON_SHARE) -> dict[int, frozenset[tuple[str, str]]]:
    """Per unit (by ``id``), its pairs (stem, entity); entities common to the text left out."""
    raw: dict[int, tuple[frozenset[str], set[str]]] = {}
    found: dict[str, set[tuple[int, str | None]]] = defaultdict(set)
    for u in units:
        stems = event_stems(u.sent.text)
        entities = _entities(u)
        for e in entities:
            found[e].add(_section(u))
        if stems:
            raw[id(u)] = (stems, entities)
    n = len({_section(u) for u in units}) or 1
    common = {e for e, keys in found.items() if len(keys) > common_share * n}
    return {
        uid: frozenset((s, e) for s in stems for e in entities if e not in common)
        for uid, (stems, entities) in raw.items()
    }


def echo_counts(units: Sequence[Unit], common_share: float = COMMON_SHARE) -> dict[int, int]:
    """Per dated unit (by ``id``), the number of other sections that share a pair of its signature."""
    signs = signatures(units, common_share)
    where: dict[tuple[str, str], set[tuple[int, str | None]]] = defaultdict(set)
    by_id = {id(u): u for u in units}
    for uid, pairs in signs.items():
        for p in pairs:
            where[p].add(_section(by_id[uid]))
    out: dict[int, int] = {}
    for uid, pairs in signs.items():
        u = by_id[uid]
        if not u.mentioned or not pairs:
            continue
        sections = set().union(*(where[p] for p in pairs))
        sections.discard(_section(u))
        out[uid] = len(sections)
    return out
