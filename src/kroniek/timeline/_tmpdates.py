"""TEMPORARY stand-in for kroniek.extract.time until it lands. Remove afterwards."""

from __future__ import annotations

import re
from datetime import date, timedelta

from kroniek.model import Document, Timex

_MONTHS = {
    "jan": 1, "january": 1, "januari": 1, "feb": 2, "february": 2, "februari": 2, "mar": 3, "march": 3,
    "maart": 3, "mrt": 3, "apr": 4, "april": 4, "may": 5, "mei": 5, "jun": 6, "june": 6, "juni": 6,
    "jul": 7, "july": 7, "juli": 7, "aug": 8, "august": 8, "augustus": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "okt": 10, "oktober": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
_M = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MD = re.compile(rf"\b(?P<m>{_M})\.?\s+(?P<d>\d{{1,2}})(?:\s*,\s*(?P<y>(?:19|20)\d\d))?\b", re.I)
_DM = re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_M})\.?(?:\s+(?P<y>(?:19|20)\d\d))?\b", re.I)
_WD = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6,
}  # fmt: skip
_WDRE = re.compile(r"\b(" + "|".join(_WD) + r")\b", re.I)
_REL = re.compile(r"\b(yesterday|today|gisteren|vandaag)\b", re.I)


def tag(text: str, *, language: str = "en", anchor: str | None = None, genre: str = "news") -> list[Timex]:
    ref = date.fromisoformat(anchor[:10]) if anchor and len(anchor) >= 10 else None
    out: list[Timex] = []
    for rx in (_MD, _DM):
        for m in rx.finditer(text):
            month, day = _MONTHS[m["m"].lower()], int(m["d"])
            year = int(m["y"]) if m["y"] else (ref.year if ref else None)
            if year is None or not 1 <= day <= 31:
                continue
            try:
                d = date(year, month, day)
            except ValueError:
                continue
            if not m["y"] and ref and (d - ref).days > 180:
                d = d.replace(year=year - 1)
            out.append(Timex(m.start(), m.end(), m.group(), "DATE", d.isoformat()))
    if ref:
        for m in _WDRE.finditer(text):
            back = (ref.weekday() - _WD[m[1].lower()]) % 7
            out.append(Timex(m.start(), m.end(), m.group(), "DATE", (ref - timedelta(days=back)).isoformat()))
        for m in _REL.finditer(text):
            shift = 1 if m[1].lower() in ("yesterday", "gisteren") else 0
            out.append(Timex(m.start(), m.end(), m.group(), "DATE", (ref - timedelta(days=shift)).isoformat()))
    out.sort(key=lambda t: t.start)
    return out


def annotate(doc: Document) -> Document:
    for sent in doc.sentences:
        anchor = doc.published if doc.genre == "news" else None
        sent.timex = [
            Timex(t.start + sent.start, t.end + sent.start, t.text, t.type, t.value)
            for t in tag(sent.text, anchor=anchor)
        ]
        days = [t.value for t in sent.timex if len(t.value) == 10]
        sent.event_date, sent.event_precision = (days[0], "day") if days else (None, None)
    return doc
