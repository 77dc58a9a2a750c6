"""kroniek search / kroniek ask: find sentences in the stored reports; answer short questions with citations."""

from __future__ import annotations

import json
import re
from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape

from kroniek.cli.common import DbOption, console


class Format(StrEnum):
    text = "text"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text for people, json for programs.")]


def _marked(snippet: str) -> str:
    """The snippet's <mark>s as bold for the terminal; the rest unescaped."""
    import html

    parts = re.split(r"(<mark>.*?</mark>)", snippet)
    out = []
    for part in parts:
        if part.startswith("<mark>"):
            out.append(f"[bold yellow]{escape(html.unescape(part[6:-7]))}[/bold yellow]")
        else:
            out.append(escape(html.unescape(part)))
    return "".join(out)


def search(
    query: Annotated[str, typer.Argument(help='Words to find (all of them; with --any, any). "" lists all.')],
    date_from: Annotated[str | None, typer.Option("--from", help="Reports published on or after (ISO date).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Reports published on or before (ISO date).")] = None,
    place: Annotated[str | None, typer.Option(help="Sentences that mention this place (canonical name).")] = None,
    actor: Annotated[str | None, typer.Option(help="Sentences that mention this actor (canonical name).")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Sentences of events of this type.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Reports in this language (nl, en).")] = None,
    source: Annotated[str | None, typer.Option(help="Reports of this source.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="Hits per page.")] = 20,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many hits.")] = 0,
    any_word: Annotated[bool, typer.Option("--any", help="Sentences with any of the words, not all.")] = False,
    fmt: FormatOption = Format.text,
    db: DbOption = None,
) -> None:
    """Full-text search over the stored sentences (stemmed Dutch and English), newest-first pool ranked by BM25."""
    from kroniek.store import open_store
    from kroniek.store.search import search as run

    results = run(
        open_store(db),
        query,
        date_from=date_from,
        date_to=date_to,
        place=place,
        actor=actor,
        event_type=event_type,
        language=lang,
        source=source,
        limit=limit,
        offset=offset,
        mode="any" if any_word else "all",
        facets=fmt is Format.json,
    )
    if fmt is Format.json:
        print(json.dumps(results.to_dict(), ensure_ascii=False, indent=2))
        return
    more = "+" if results.capped else ""
    console.print(
        f"{results.total}{more} sentences for {escape(query)!r} ({results.elapsed_ms:.1f} ms)", highlight=False
    )
    for rank, hit in enumerate(results.hits, start=offset + 1):
        events = f" events {', '.join(map(str, hit.event_ids))}" if hit.event_ids else ""
        console.print(
            f"[bold]{rank:>3}[/bold] {escape(hit.source)}, {hit.published or '?'} "
            f"[dim](document {hit.document_id}, sentence {hit.sentence_id}{events})[/dim]",
            highlight=False,
        )
        console.print(f"    {_marked(hit.snippet)}", highlight=False)


def ask(
    question: Annotated[str, typer.Argument(help='A short question: "wanneer ...", "hoeveel ...", "wie ...".')],
    date_from: Annotated[str | None, typer.Option("--from", help="Reports published on or after (ISO date).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Reports published on or before (ISO date).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Reports in this language (nl, en).")] = None,
    fmt: FormatOption = Format.text,
    db: DbOption = None,
) -> None:
    """Answer a short question from the sources, with citations (dates, figures per source, actors or passages)."""
    from kroniek.answer import ask as run
    from kroniek.answer import render_text
    from kroniek.store import open_store

    answer = run(open_store(db), question, date_from=date_from, date_to=date_to, language=lang)
    if fmt is Format.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return
    console.print(render_text(answer), markup=False, highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(search)
    app.command()(ask)
