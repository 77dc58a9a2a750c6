"""kroniek overview: the latest developments as Markdown (or JSON)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer

from kroniek.cli.common import DbOption


def overview(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="Only reports published on or after this ISO date.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md or json.")] = "md",
) -> None:
    """Print the latest overview of the stored reports."""
    from kroniek.overview import compose_overview, to_markdown
    from kroniek.store import open_store

    store = open_store(db)
    result = compose_overview(store.load_documents(), since=since)
    if fmt == "json":
        print(json.dumps(asdict(result), ensure_ascii=False, indent=2))
    else:
        print(to_markdown(result))


def register(app: typer.Typer) -> None:
    app.command()(overview)
