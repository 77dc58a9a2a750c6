"""kroniek serve: the web UI and API."""

from __future__ import annotations

from typing import Annotated

import typer

from kroniek.cli.common import DbOption, console


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web UI and the JSON API (OpenAPI docs at /docs)."""
    import uvicorn

    from kroniek.web.app import create_app

    app = create_app(db)
    console.print(f"Kroniek on http://{host}:{port}  (API docs: http://{host}:{port}/docs)")
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    app.command()(serve)
