"""``kroniek timeline``: the key dates of a story, each with its sentences and their sources."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from kroniek.cli.common import DbOption, annotate_files


def timeline(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Reports to read and annotate directly (the database is not touched)."),
    ] = None,
    db: DbOption = None,
    topic: Annotated[
        str | None,
        typer.Option(
            "--topic", help="A stored topic (slug or id), or keywords, actors and places separated by commas."
        ),
    ] = None,
    dates: Annotated[int, typer.Option("--dates", "-l", min=1, help="Number of dates (entries).")] = 20,
    sentences: Annotated[int, typer.Option("--sentences", "-k", min=1, help="Sentences per date.")] = 2,
    level: Annotated[str, typer.Option("--level", help="day, month or phase.")] = "day",
    fmt: Annotated[str, typer.Option("--format", "-f", help="md or json.")] = "md",
    date_from: Annotated[str | None, typer.Option("--from", help="First date (ISO).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date (ISO).")] = None,
    language: Annotated[str | None, typer.Option("--language", help="nl or en (default: each report's own).")] = None,
) -> None:
    """Print a timeline of the given files, or of the stored reports."""
    from kroniek.timeline import LEVELS, TopicQuery, build_timeline
    from kroniek.timeline.render import to_json, to_markdown

    if level not in LEVELS:
        raise typer.BadParameter(f"choose one of {', '.join(LEVELS)}", param_hint="--level")
    if fmt not in ("md", "json"):
        raise typer.BadParameter("choose md or json", param_hint="--format")
    query = TopicQuery.of([t.strip() for t in topic.split(",") if t.strip()]) if topic else None
    if files:
        docs = annotate_files(files)
    else:
        from kroniek.store import open_store
        from kroniek.store.topics import get_topic
        from kroniek.topics.query import topic_documents, topic_query

        store = open_store(db)
        stored = get_topic(store, topic) if topic else None
        if stored is not None:
            docs = topic_documents(store, stored)
            query = topic_query(stored)
            topic = stored.name
        else:
            docs = store.load_documents()
    entries = build_timeline(
        docs,
        dates=dates,
        sentences=sentences,
        level=level,
        start=date_from,
        end=date_to,
        query=query,
        language=language,
    )
    if fmt == "json":
        typer.echo(json.dumps(to_json(entries), ensure_ascii=False, indent=2))
    else:
        typer.echo(to_markdown(entries, title=topic), nl=False)


def register(app: typer.Typer) -> None:
    app.command()(timeline)
