"""The ``kroniek`` command. Thin: each command parses, calls one library function, renders.

Each command lives in its own module under ``kroniek.cli`` and exposes ``register(app)``;
this module only assembles them, so a stage's command sits next to nothing else.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="kroniek",
    help="Kroniek: follow a developing news story. Ingest reports, extract, build timelines and overviews.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score Kroniek against gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

# (module, typer app it registers on)
COMMAND_MODULES = [
    ("ingest", app),
    ("extract", app),
    ("timeline", app),
    ("overview", app),
    ("search", app),
    ("serve", app),
    ("topics", app),
    ("feeds", app),
    ("eval_timex", eval_app),
    ("eval_mentions", eval_app),
    ("eval_tls", eval_app),
]


def _register_all() -> None:
    for name, target in COMMAND_MODULES:
        qualified = f"kroniek.cli.{name}"
        try:
            module = importlib.import_module(qualified)
        except ModuleNotFoundError as exc:
            if exc.name == qualified:
                continue  # that stage is not built (yet); its command is simply absent
            raise
        module.register(target)


_register_all()


def main() -> None:
    app()
