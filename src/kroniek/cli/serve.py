"""kroniek serve: the web UI and API, with the scheduler that publishes overviews and sends notifications."""

from __future__ import annotations

from typing import Annotated

import typer

from kroniek.cli.common import DbOption, console


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    scheduler: Annotated[
        bool, typer.Option(help="Publish scheduled and breaking overviews and send notifications.")
    ] = True,
    interval: Annotated[float, typer.Option(help="Seconds between scheduler rounds.")] = 30.0,
) -> None:
    """Serve the web UI and the JSON API (OpenAPI docs at /docs); run the scheduler alongside."""
    import uvicorn

    from kroniek.topics.schedule import Scheduler
    from kroniek.web.app import create_app

    app = create_app(db)
    worker = Scheduler(app.state.store, app.state.settings, interval=interval) if scheduler else None
    console.print(f"Kroniek on http://{host}:{port}  (API docs: http://{host}:{port}/docs)")
    if worker is not None:
        worker.start()
        console.print(f"Scheduler: every {interval:g} s (scheduled and breaking overviews, notifications)")
    try:
        # uvicorn handles Ctrl-C (SIGINT/SIGTERM) and returns; then the scheduler is stopped too.
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        if worker is not None:
            worker.stop()


def register(app: typer.Typer) -> None:
    app.command()(serve)
