"""The ``kroniek`` command. Thin: each command parses, calls one library function, renders.

Each command lives in its own module under ``kroniek.cli`` and exposes ``register(app)``;
this module only assembles them. The modules import their stages lazily, so ``--help`` is fast.
"""

from __future__ import annotations

import typer

from kroniek.cli import (
    eval_keydates,
    eval_mentions,
    eval_timex,
    eval_tls,
    extract,
    feeds,
    ingest,
    overview,
    search,
    serve,
    timeline,
    topics,
)

app = typer.Typer(
    name="kroniek",
    help="Kroniek: follow a developing news story. Ingest reports, extract, build timelines and overviews.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score Kroniek against gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

for command in (ingest, extract, timeline, overview, search, serve, topics, feeds):
    command.register(app)
for scorer in (eval_timex, eval_mentions, eval_tls, eval_keydates):
    scorer.register(eval_app)


def main() -> None:
    app()
