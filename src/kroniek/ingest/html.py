"""HTML fragments to plain text, safely (nh3 drops scripts and styles with their content)."""

from __future__ import annotations

import html as _html
import re

import nh3

_BREAKS = re.compile(r"(?i)<\s*(br|/p|/div|/li|/h[1-6]|/blockquote|/tr)\s*/?>")
_BLANKS = re.compile(r"\n\s*\n+")
_SPACES = re.compile(r"[ \t\u00a0]+")


def strip_tags(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph a line."""
    marked = _BREAKS.sub("\n", fragment)
    text = _html.unescape(nh3.clean(marked, tags=set(), clean_content_tags={"script", "style"}))
    text = _SPACES.sub(" ", text)
    return _BLANKS.sub("\n", "\n".join(line.strip() for line in text.splitlines())).strip()
