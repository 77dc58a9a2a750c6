"""``kroniek eval keydates REPORTS... --gold LIST``: does the timeline pick the key dates?"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from kroniek.cli.common import annotate_files


def register(app: typer.Typer) -> None:
    @app.command("keydates")
    def keydates(
        files: Annotated[list[Path], typer.Argument(exists=True, help="Reports to read and annotate.")],
        gold: Annotated[
            Path, typer.Option("--gold", exists=True, dir_okay=False, help="Key dates, one YYYY-MM-DD per line.")
        ],
        dates: Annotated[int, typer.Option("--dates", "-l", min=1, help="Number of dates of the timeline.")] = 40,
        as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    ) -> None:
        """One-to-one Date-F1 of `kroniek timeline` against a list of key dates, beside the most-named days."""
        from kroniek.evaluation.keydates import evaluate, read_gold, render

        try:
            days = read_gold(gold)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--gold") from exc
        docs = annotate_files(files)
        if not docs:
            typer.echo("no readable reports", err=True)
            raise typer.Exit(2)
        report = evaluate(docs, days, dates)
        typer.echo(json.dumps(report.as_dict()) if as_json else render(report), nl=as_json)
