"""Header lines at the top of a plain-text report: `` date 2022-02``, `` source X``, `` title T``, `` url U``.

The document keeps its text exactly as decoded (offsets must match any scorer reading the file);
the header is parsed for metadata and skipped by the segmenter.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"[ \t]*(date|source|title|url)[ \t]+([^\n]*?)[ \t]*(?:\n|$)", re.IGNORECASE)
_DATE = re.compile(r"\d{4}(?:-\d{2})?(?:-\d{2})?(?:[T ][\d:.+\-Z]*)?")


def parse_header(text: str) -> tuple[dict[str, str], int]:
    """The header fields and the offset at which the body starts (0 when there is no header).

    The date line may carry the start of the body after the date (seed 000 does that).
    """
    meta: dict[str, str] = {}
    pos = 0
    while True:
        match = _HEADER.match(text, pos)
        if not match:
            break
        key, value = match.group(1).lower(), match.group(2)
        if key == "date":
            date = _DATE.match(value)
            if not date:
                break
            meta["date"] = date.group(0)
            rest = value[date.end() :]
            if rest.strip():
                # The body starts on the date line, right after the date and its spaces.
                pos = match.start(2) + date.end() + (len(rest) - len(rest.lstrip()))
                break
        else:
            meta[key] = value
        pos = match.end()
    return meta, pos
