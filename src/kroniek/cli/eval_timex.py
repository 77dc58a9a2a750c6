"""``kroniek eval timex GOLD.jsonl``: score time expressions and sentence event dates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command("timex")
    def timex(
        gold: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Gold file (JSON lines).")],
        docs: Annotated[
            Path, typer.Option("--docs", help="Folder holding the gold's documents, found by their `doc` name.")
        ] = Path("../shared/seeds"),
        as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
        errors: Annotated[bool, typer.Option("--errors", help="List every miss and false alarm.")] = False,
        system: Annotated[str, typer.Option("--system", help="kroniek or heideltime.")] = "kroniek",
    ) -> None:
        """Strict/relaxed span P/R/F1, value-F1, type accuracy and event-date accuracy."""
        from kroniek.evaluation.timex import SYSTEMS, evaluate, heideltime_available, render, render_errors

        if system not in SYSTEMS:
            raise typer.BadParameter(f"unknown system {system!r}; choose from {', '.join(SYSTEMS)}")
        if system == "heideltime" and (why := heideltime_available()):
            typer.echo(f"HeidelTime cannot run: {why}", err=True)
            raise typer.Exit(2)
        scores = evaluate(gold, docs, system)
        if as_json:
            typer.echo(json.dumps(scores.as_dict()))
        else:
            typer.echo(render(scores, system))
        if errors:
            typer.echo(render_errors(scores))
