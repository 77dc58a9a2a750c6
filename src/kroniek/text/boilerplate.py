"""Lines that belong to the page, not to the report: follow boxes, newsletter pitches, share bars.

They are kept (offsets stay honest) but flagged, so that no timeline or overview shows them.
"""

from __future__ import annotations

import re

# A sentence is boilerplate when it addresses the reader with a call to act on the page.
# Written from the phrasing of Dutch and English news sites, not copied from any page.
_PATTERNS = [
    # Dutch
    r"\babonneer\b",
    r"\babonneren\b",
    r"\bvolg dit (onderwerp|artikel|liveblog)\b",
    r"\b(ontvang|krijg) (een|direct een) (melding|pushbericht|notificatie)",
    r"\bmeld je (nu )?aan\b",
    r"\bschrijf je (nu )?in\b",
    r"\bnieuwsbrief\b",
    r"^(lees|bekijk|luister) (ook|meer|hier)\b",
    r"\bdeel (dit|dit artikel|via)\b",
    r"\bdownload (de|onze) app\b",
    r"\bvoor je op een rij\b",
    r"^volg (de|het|alle) (laatste|actuele) (ontwikkelingen|nieuws)\b",
    r"\bin (ons|het) liveblog\b",
    r"\bhouden (we|wij) je (hier )?op de hoogte\b",
    r"\b(accepteer|toestemming voor) (de )?cookies\b",
    r"^advertentie$",
    # English
    r"\bsubscribe\b",
    r"\bsign up (for|to)\b",
    r"\bnewsletter\b",
    r"\bfollow this (topic|story|page)\b",
    r"\bget (a )?notifi(ed|cation)",
    r"^(read|see) (more|also)\b",
    r"\bshare (this|on)\b",
    r"\bclick here\b",
    r"^advertisement$",
]
_BOILERPLATE = re.compile("|".join(_PATTERNS), re.IGNORECASE)

# Sections of an encyclopedic article that hold no events: lists of links and books.
_NON_CONTENT_SECTIONS = {
    "zie ook",
    "externe links",
    "externe link",
    "literatuur",
    "bronnen",
    "bronvermelding",
    "referenties",
    "noten",
    "voetnoten",
    "see also",
    "external links",
    "references",
    "further reading",
    "notes",
    "sources",
}


def is_boilerplate(sentence: str) -> bool:
    return bool(_BOILERPLATE.search(sentence.strip()))


def is_non_content_section(heading: str | None) -> bool:
    return heading is not None and heading.strip().lower() in _NON_CONTENT_SECTIONS
