"""``kroniek eval mentions``: score places, actors, figures and claims against gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from kroniek.cli.common import console

DEFAULT_DOCS = Path("..") / "shared" / "seeds"


def mentions(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSONL) in the format of ../shared/eval/README.md.")],
    docs: Annotated[
        Path, typer.Option("--docs", help="Folder holding the documents the gold refers to.")
    ] = DEFAULT_DOCS,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List misses, false hits and wrong attributes.")] = False,
) -> None:
    """Per kind precision/recall/F1 and attribute accuracies of the extracted mentions."""
    from kroniek.evaluation.mentions import evaluate, format_report

    report = evaluate(gold, docs)
    if as_json:
        typer.echo(json.dumps(report.as_dict()))
    else:
        console.print(format_report(report), highlight=False, markup=False)
    if errors:
        for line in report.errors:
            typer.echo(line)


def register(app: typer.Typer) -> None:
    app.command("mentions")(mentions)
