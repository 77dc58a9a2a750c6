"""kroniek ingest: read reports from files and folders, annotate and store them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kroniek.cli.common import DbOption, console, err_console


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (read recursively) of reports.")],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    rebuild_events: Annotated[
        bool,
        typer.Option(
            "--rebuild-events",
            help="Cluster every stored report again into events (a full replay, in the order the reports "
            "were first clustered, so the same grouping; the events are written anew with new ids), "
            "instead of adding only the new reports to the events.",
        ),
    ] = False,
) -> None:
    """Ingest reports: plain text, JSON string, JSON/JSONL records, HTML pages, RSS/Atom files, folders."""
    from kroniek.ingest import Ingestor, read_path
    from kroniek.store import open_store

    store = open_store(db)
    ingestor = Ingestor(store)
    items = [item for path in paths for item in read_path(path)]
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=quiet,
        transient=True,
    ) as progress:
        task = progress.add_task("ingesting", total=len(items))
        report = ingestor.run(items, on_item=lambda _item: progress.advance(task))
    for error in report.errors:
        err_console.print(f"[red]error[/red] {error}", highlight=False, markup=True)
    for duplicate in report.duplicates:
        err_console.print(f"[yellow]skipped[/yellow] {duplicate}", highlight=False)
    if rebuild_events:
        from kroniek.events.persist import rebuild_events as rebuild

        console.print(f"events: {len(rebuild(store))} developments (rebuilt)", highlight=False)
    else:
        from kroniek.events.persist import update_events

        # every report not yet in the events, also those an interrupted run stored but left out
        result = update_events(store)
        if result.rebuilt:
            console.print(
                f"events: {len(result)} developments (rebuilt from all reports: the stored clustering "
                "no longer applied)",
                highlight=False,
            )
        elif result.events:
            console.print(f"events: {len(result)} developments new or updated", highlight=False)
    console.print(f"ingest: {report.summary()} (database {store.url})", highlight=False)
    if report.failed:
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
