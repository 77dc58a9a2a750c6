"""kroniek feeds add|list|remove, and kroniek watch: follow RSS/Atom feeds and folders."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from kroniek.cli.common import DbOption, console, err_console

feeds_app = typer.Typer(help="Feeds (RSS, Atom) and folders the desk watches.", no_args_is_help=True)


@feeds_app.command("add")
def add(
    url: Annotated[str, typer.Argument(help="Feed URL (http/https), or a folder to watch for new report files.")],
    interval: Annotated[int, typer.Option("--interval", min=60, help="Seconds between polls of this feed.")] = 900,
    db: DbOption = None,
) -> None:
    """Watch a feed or a folder. Feeds on private or loopback addresses need KRONIEK_ALLOW_PRIVATE_URLS=1."""
    from kroniek.config import get_settings
    from kroniek.ingest.fetch import RefusedURL, check_url
    from kroniek.store import open_store
    from kroniek.store.feeds import DuplicateFeed, add_feed

    folder = Path(url).expanduser()
    if "://" not in url and folder.is_dir():
        url, kind = str(folder.resolve()), "folder"
    else:
        kind = "feed"
        try:
            check_url(url, allow_private=get_settings().allow_private_urls)
        except RefusedURL as exc:
            err_console.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
            raise typer.Exit(code=2) from None
    store = open_store(db)
    try:
        feed = add_feed(store, url, kind=kind, interval_seconds=interval)
    except DuplicateFeed as exc:
        err_console.print(f"[yellow]skipped[/yellow] {escape(str(exc))}", highlight=False)
        raise typer.Exit(code=1) from None
    console.print(f"feeds: watching {kind} {feed['id']}: {url} every {interval} s", highlight=False)


@feeds_app.command("list")
def list_(db: DbOption = None) -> None:
    """The feeds and folders watched, with their state."""
    from kroniek.store import open_store
    from kroniek.store.feeds import list_feeds

    feeds = list_feeds(open_store(db))
    if not feeds:
        console.print("feeds: none (add one with `kroniek feeds add URL`)")
    for feed in feeds:
        polled = f"{feed['last_polled_at']:%Y-%m-%d %H:%M}" if feed["last_polled_at"] else "never"
        state = f"{feed['failures']} failures: {feed['last_error']}" if feed["failures"] else "ok"
        console.print(
            f"{feed['id']:>4}  {feed['kind']:<6} {feed['url']}  every {feed['interval_seconds']} s, "
            f"last polled {polled}, {state}",
            highlight=False,
            markup=False,
        )


@feeds_app.command("remove")
def remove(
    feed_id: Annotated[int, typer.Argument(help="Feed id, as shown by `kroniek feeds list`.")], db: DbOption = None
) -> None:
    """Stop watching a feed; its documents stay."""
    from kroniek.store import open_store
    from kroniek.store.feeds import remove_feed

    if not remove_feed(open_store(db), feed_id):
        err_console.print(f"[red]error[/red] no feed with id {feed_id}", highlight=False)
        raise typer.Exit(code=1)
    console.print(f"feeds: removed feed {feed_id}")


def watch(
    once: Annotated[bool, typer.Option("--once", help="Poll what is due once, then stop.")] = False,
    interval: Annotated[
        float,
        typer.Option("--interval", min=1, help="Seconds between rounds (each round polls the feeds that are due)."),
    ] = 60,
    db: DbOption = None,
) -> None:
    """Poll the watched feeds and folders that are due, ingest what is new, repeat until stopped (Ctrl-C)."""
    from kroniek.config import get_settings
    from kroniek.ingest.feeds import FeedWatcher
    from kroniek.store import open_store

    settings = get_settings()
    store = open_store(db)
    watcher = FeedWatcher(store, allow_private=settings.allow_private_urls, timeout=settings.fetch_timeout)

    def show(result) -> None:  # noqa: ANN001 - a PollResult
        if result.status == "error":
            err_console.print(f"[red]error[/red] {escape(result.summary())}", highlight=False)
        else:
            console.print(f"watch: {result.summary()}", highlight=False, markup=False)
        for error in result.report.errors:
            err_console.print(f"  [red]error[/red] {escape(str(error))}", highlight=False)

    try:
        watcher.watch(every=interval, rounds=1 if once else None, on_result=show)
    except KeyboardInterrupt:
        console.print("watch: stopped")
    finally:
        watcher.close()


def register(app: typer.Typer) -> None:
    app.add_typer(feeds_app, name="feeds")
    app.command()(watch)
