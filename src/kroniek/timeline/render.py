"""Timelines as Markdown for reading and as JSON for machines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kroniek.model import TimelineEntry


def to_json(entries: Sequence[TimelineEntry]) -> list[dict[str, Any]]:
    """``[{"date", "sentences": [{"text", "source", ...}]}]``; ids and URLs only when known."""
    out = []
    for e in entries:
        sentences = []
        for s in e.sentences:
            item: dict[str, Any] = {"text": s.text, "source": s.source}
            if s.document_id is not None:
                item["document_id"] = s.document_id
            if s.sentence_id is not None:
                item["sentence_id"] = s.sentence_id
            if s.url:
                item["url"] = s.url
            sentences.append(item)
        out.append({"date": e.date, "sentences": sentences})
    return out


def to_markdown(entries: Sequence[TimelineEntry], title: str | None = None) -> str:
    lines = [f"# {title}", ""] if title else []
    for e in entries:
        lines.append(f"## {e.date}")
        lines.append("")
        for s in e.sentences:
            where = s.url or s.source
            lines.append(f"- {s.text}" + (f" — *{where}*" if where else ""))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
