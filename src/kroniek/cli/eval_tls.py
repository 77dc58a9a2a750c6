"""``kroniek eval tls DIR``: timeline summarisation on a Timeline17-style benchmark."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command("tls")
    def tls(
        folder: Annotated[
            Path,
            typer.Argument(exists=True, file_okay=False, help="A topic folder or a folder of topic folders."),
        ],
        as_json: Annotated[bool, typer.Option("--json", help="Print the averages as one JSON object.")] = False,
    ) -> None:
        """AR1-F, AR2-F (alignment ROUGE, many-to-one) and Date-F1 per gold timeline and averaged."""
        from kroniek.evaluation.tls import evaluate, render

        report = evaluate(folder)
        if not report.scores:
            typer.echo(f"no topic folders (with articles.jsonl) under {folder}", err=True)
            raise typer.Exit(2)
        typer.echo(json.dumps(report.as_dict()) if as_json else render(report))
