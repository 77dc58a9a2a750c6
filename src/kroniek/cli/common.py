"""Options and helpers shared by the commands."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)

if TYPE_CHECKING:
    from kroniek.model import Document

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="KRONIEK_DATABASE_URL",
        help="SQLAlchemy URL of the database (default: sqlite:///kroniek.db in the working directory).",
        show_envvar=True,
    ),
]


def annotate_files(files: Sequence[Path]) -> list[Document]:
    """Read ``files`` (and folders) and run the default pipeline on each report; the ones
    that cannot be read are named on stderr and skipped. Nothing is stored."""
    from kroniek.ingest import IngestError, read_sources
    from kroniek.pipeline import default_pipeline

    pipeline = default_pipeline()
    docs = []
    for item in read_sources(files):
        if isinstance(item, IngestError):
            err_console.print(f"[yellow]skipped[/] {item}")
            continue
        docs.append(pipeline(item))
    return docs
