"""kroniek topics: saved queries (create, list, edit, delete), following them, and kroniek notify."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from kroniek.cli.common import DbOption, console, err_console

topics_app = typer.Typer(help="Topics: saved queries that overviews are made for and followers follow.")

ListOption = Annotated[list[str] | None, typer.Option(help="Repeat for several.")]


def _store(db: str | None):
    from kroniek.store import open_store

    return open_store(db)


def _topic_or_exit(store, slug: str):
    from kroniek.store.topics import get_topic

    topic = get_topic(store, slug)
    if topic is None:
        err_console.print(f"[red]no topic {slug!r}[/red]")
        raise typer.Exit(1)
    return topic


@topics_app.command("create")
def create(
    name: Annotated[str, typer.Argument(help="The topic's name, e.g. 'Oorlog in Oekraïne'.")],
    db: DbOption = None,
    slug: Annotated[str | None, typer.Option(help="Short name in URLs (default: from the name).")] = None,
    keyword: ListOption = None,
    actor: ListOption = None,
    place: ListOption = None,
    language: Annotated[str | None, typer.Option(help="Only reports in this language (nl, en).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Only reports published on or after.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Only reports published on or before.")] = None,
    schedule: Annotated[
        str | None, typer.Option(help="Cron expressions, ';'-separated, e.g. '0 7,12,18 * * *'.")
    ] = None,
    breaking: Annotated[
        int | None, typer.Option(help="Publish at once when this many sources report one new development.")
    ] = None,
) -> None:
    """Create a topic."""
    from kroniek.store.topics import Topic, create_topic, slugify

    topic = Topic(
        slug=slug or slugify(name),
        name=name,
        keywords=keyword or [],
        actors=actor or [],
        places=place or [],
        language=language,
        date_from=date_from,
        date_to=date_to,
        schedule=schedule,
        breaking_threshold=breaking,
    )
    try:
        create_topic(_store(db), topic)
    except ValueError as exc:
        err_console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None
    console.print(f"Created topic [bold]{topic.slug}[/bold]")


@topics_app.command("list")
def list_(db: DbOption = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List the topics."""
    from kroniek.store.topics import list_subscriptions, list_topics

    store = _store(db)
    topics = list_topics(store)
    if as_json:
        print(json.dumps([t.to_dict() for t in topics], ensure_ascii=False, indent=2))
        return
    for t in topics:
        query = ", ".join(t.keywords + t.actors + t.places) or "(all reports)"
        followers = len(list_subscriptions(store, t.id, active_only=True))
        console.print(
            f"[bold]{t.slug}[/bold]  {t.name}  query: {query}  schedule: {t.schedule or '-'}  "
            f"breaking: {t.breaking_threshold or '-'}  followers: {followers}",
            highlight=False,
        )


@topics_app.command("edit")
def edit(
    slug: str,
    db: DbOption = None,
    name: Annotated[str | None, typer.Option()] = None,
    keyword: ListOption = None,
    actor: ListOption = None,
    place: ListOption = None,
    language: Annotated[str | None, typer.Option()] = None,
    date_from: Annotated[str | None, typer.Option("--from")] = None,
    date_to: Annotated[str | None, typer.Option("--to")] = None,
    schedule: Annotated[str | None, typer.Option(help="'' removes the schedule.")] = None,
    breaking: Annotated[int | None, typer.Option(help="0 removes the threshold.")] = None,
) -> None:
    """Change a topic; options not given stay as they are (lists are replaced)."""
    from kroniek.store.topics import update_topic

    changes: dict[str, Any] = {
        k: v
        for k, v in {
            "name": name,
            "keywords": keyword,
            "actors": actor,
            "places": place,
            "language": language,
            "date_from": date_from,
            "date_to": date_to,
            "schedule": schedule,
            "breaking_threshold": breaking,
        }.items()
        if v is not None
    }
    if changes.get("schedule") == "":
        changes["schedule"] = None
    if changes.get("breaking_threshold") == 0:
        changes["breaking_threshold"] = None
    store = _store(db)
    _topic_or_exit(store, slug)
    try:
        update_topic(store, slug, **changes)
    except ValueError as exc:
        err_console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None
    console.print(f"Updated [bold]{slug}[/bold]: {', '.join(changes) or 'nothing'}")


@topics_app.command("delete")
def delete(slug: str, db: DbOption = None) -> None:
    """Delete a topic with its overviews and subscriptions."""
    from kroniek.store.topics import delete_topic

    if not delete_topic(_store(db), slug):
        err_console.print(f"[red]no topic {slug!r}[/red]")
        raise typer.Exit(1)
    console.print(f"Deleted [bold]{slug}[/bold]")


@topics_app.command("follow")
def follow(
    slug: str,
    target: Annotated[str, typer.Argument(help="A webhook URL or an e-mail address.")],
    db: DbOption = None,
) -> None:
    """Follow a topic by webhook (prints the signing secret) or e-mail."""
    from kroniek.config import get_settings
    from kroniek.ingest.fetch import check_url
    from kroniek.store.topics import add_subscription
    from kroniek.topics.notify.webhook import new_secret

    store = _store(db)
    topic = _topic_or_exit(store, slug)
    if target.startswith(("http://", "https://")):
        try:
            check_url(target, allow_private=get_settings().allow_private_urls)
        except ValueError as exc:
            err_console.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from None
        sub = add_subscription(store, topic.id, "webhook", target, new_secret())
        console.print(f"Subscription {sub['id']}: webhook {target}\nsigning secret: {sub['secret']}", highlight=False)
    elif "@" in target:
        sub = add_subscription(store, topic.id, "email", target)
        console.print(f"Subscription {sub['id']}: e-mail {target}", highlight=False)
    else:
        err_console.print("[red]give an http(s) URL or an e-mail address[/red]")
        raise typer.Exit(1)


@topics_app.command("unfollow")
def unfollow(subscription: Annotated[int, typer.Argument(help="The subscription's id.")], db: DbOption = None) -> None:
    """Stop a subscription."""
    from kroniek.store.topics import delete_subscription

    if not delete_subscription(_store(db), subscription):
        err_console.print(f"[red]no subscription {subscription}[/red]")
        raise typer.Exit(1)
    console.print(f"Removed subscription {subscription}")


@topics_app.command("subscriptions")
def subscriptions(slug: str, db: DbOption = None) -> None:
    """List a topic's subscriptions."""
    from kroniek.store.topics import list_subscriptions

    store = _store(db)
    topic = _topic_or_exit(store, slug)
    for s in list_subscriptions(store, topic.id):
        state = "active" if s["active"] else "stopped"
        console.print(f"{s['id']}  {s['channel']}  {s['target']}  {state}", highlight=False)


def notify(db: DbOption = None) -> None:
    """Send the notifications waiting in the outbox (once; `kroniek serve` does this continuously)."""
    from kroniek.config import get_settings
    from kroniek.store.outbox import status_counts
    from kroniek.topics.notify import dispatch

    store = _store(db)
    report = dispatch(store, get_settings())
    console.print(
        f"notify: {report.delivered} delivered, {report.failed} failed (retried later), "
        f"{report.retries} retries, {report.seconds:.2f} s; outbox: {status_counts(store)}"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(topics_app, name="topics")
    app.command()(notify)
