"""Overviews: what happened since the last update, in headed sections, every sentence sourced.

``compose_overview`` reads annotated reports (``compose.py``); ``to_markdown``, ``to_html``,
``to_json`` and ``to_text`` render the result in Dutch or English (``render.py``).
"""

from __future__ import annotations

from kroniek.overview.compose import ComposeOptions, Composer, compose_overview
from kroniek.overview.model import OverviewSentence, SourceRef, Update, UpdateSection, update_from_dict
from kroniek.overview.render import to_dict, to_html, to_json, to_markdown, to_text

__all__ = [
    "ComposeOptions",
    "Composer",
    "OverviewSentence",
    "SourceRef",
    "Update",
    "UpdateSection",
    "compose_overview",
    "to_dict",
    "to_html",
    "to_json",
    "to_markdown",
    "to_text",
    "update_from_dict",
]
