"""kroniek overview: the latest developments, of all reports or of a topic; --publish sends it out."""

from __future__ import annotations

from typing import Annotated

import typer

from kroniek.cli.common import DbOption, console, err_console


def overview(
    db: DbOption = None,
    topic: Annotated[str | None, typer.Option("--topic", "-t", help="A topic's slug: its reports only.")] = None,
    since: Annotated[str | None, typer.Option(help="Reports published on or after this ISO date.")] = None,
    until: Annotated[
        str | None, typer.Option(help="The moment of the overview (ISO date; default: newest report).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html, json or text.")] = "md",
    lang: Annotated[str, typer.Option("--lang", "-l", help="Language of the overview: nl or en.")] = "nl",
    sections: Annotated[int, typer.Option(min=1, max=8, help="At most this many sections.")] = 5,
    publish: Annotated[
        bool, typer.Option("--publish", help="Store it for the topic and notify its followers.")
    ] = False,
    force: Annotated[bool, typer.Option(help="With --publish: publish even when nothing is new.")] = False,
    base_url: Annotated[str, typer.Option(help="Prefix for the source links.")] = "",
) -> None:
    """Print the latest overview: headed sections, every sentence with its sources."""
    from kroniek.overview import ComposeOptions, Composer, to_html, to_json, to_markdown, to_text
    from kroniek.store import open_store
    from kroniek.store.topics import get_topic

    if fmt not in ("md", "html", "json", "text") or lang not in ("nl", "en"):
        raise typer.BadParameter("--format is md, html, json or text; --lang is nl or en")
    store = open_store(db)
    options = ComposeOptions(language=lang, max_sections=sections)
    if topic is None:
        if publish:
            raise typer.BadParameter("--publish needs --topic")
        result = Composer(options).compose(store.load_documents(), since=since, until=until)
    else:
        from kroniek.topics.publish import build_overview
        from kroniek.topics.publish import publish as publish_topic

        found = get_topic(store, topic)
        if found is None:
            err_console.print(f"[red]no topic {topic!r}[/red] (see: kroniek topics list)")
            raise typer.Exit(1)
        result = build_overview(store, found, language=lang, until=until, options=options)
        if publish:
            done = publish_topic(store, found, force=force, reason="cli", update=result)
            if done.skipped:
                err_console.print("Nothing new since the previous overview: nothing published (use --force).")
            else:
                err_console.print(
                    f"Published overview {done.overview_id} for {found.slug}: {done.queued} notifications queued "
                    "(sent by `kroniek serve` or `kroniek notify`)."
                )
    render = {"md": to_markdown, "html": to_html, "json": to_json, "text": to_text}[fmt]
    console.print(render(result, base_url), markup=False, highlight=False, soft_wrap=True, end="")


def register(app: typer.Typer) -> None:
    app.command()(overview)
