"""Overviews: what happened since the last update, in headed sections, every sentence sourced."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from kroniek.model import Document, Overview, OverviewSection, TimelineSentence


def compose_overview(
    docs: Sequence[Document],
    *,
    topic: str | None = None,
    since: str | None = None,
    max_sections: int = 5,
    per_section: int = 3,
) -> Overview:
    """The latest developments, one section per recent report, newest first.

    Deliberately simple: each section is a report's headline (or first heading) with its first
    content sentences.
    """
    recent = [d for d in docs if d.published and (since is None or d.published >= since)]
    recent.sort(key=lambda d: (d.published or "", d.id or 0), reverse=True)
    sections: list[OverviewSection] = []
    for doc in recent:
        content = [s for s in doc.content_sentences if len(s.text) > 30]
        if not content:
            continue
        headline = doc.title or content[0].section or content[0].text
        picked = content[:per_section]
        sections.append(
            OverviewSection(
                headline=headline,
                sentences=[
                    TimelineSentence(text=s.text, source=doc.source, document_id=doc.id, sentence_id=s.id, url=doc.url)
                    for s in picked
                ],
            )
        )
        if len(sections) >= max_sections:
            break
    latest = recent[0].published if recent else None
    opening = (
        f"De laatste ontwikkelingen, bijgewerkt tot {latest}." if latest else "Er zijn nog geen gedateerde berichten."
    )
    return Overview(
        topic=topic,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        opening=opening,
        sections=sections,
        since=since,
    )


def to_markdown(overview: Overview) -> str:
    lines = [f"# {overview.topic or 'Overzicht'}", "", overview.opening, ""]
    for section in overview.sections:
        lines += [f"## {section.headline}", ""]
        for sent in section.sentences:
            lines.append(f"{sent.text} [{sent.source}]")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
