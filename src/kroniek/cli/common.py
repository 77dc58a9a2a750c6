"""Options and helpers shared by the commands."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="KRONIEK_DATABASE_URL",
        help="SQLAlchemy URL of the database (default: sqlite:///kroniek.db in the working directory).",
        show_envvar=True,
    ),
]
