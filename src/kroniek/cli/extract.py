"""kroniek extract: show (or redo) what the pipeline finds in each sentence."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from kroniek.cli.common import DbOption, console, err_console
from kroniek.model import Document, Sentence


class Format(StrEnum):
    text = "text"
    jsonl = "jsonl"


def sentence_record(sent: Sentence) -> dict[str, Any]:
    """One sentence as the gold files have it (plus its section and flags)."""
    record = sent.to_dict()
    del record["id"], record["position"]
    return record


def _print_text(doc: Document) -> None:
    console.rule(escape(f"{doc.origin}  [{doc.language}, {doc.genre}, published {doc.published or 'unknown'}]"))
    for sent in doc.sentences:
        flag = " [boilerplate]" if sent.boilerplate else ""
        console.print(f"[bold]{sent.position:>4}[/bold] {escape(sent.text)}{escape(flag)}", highlight=False)
        if sent.event_date:
            console.print(f"      event date: {sent.event_date} ({sent.event_precision})", highlight=False)
        for x in sent.timex:
            console.print(escape(f"      time  {x.text!r} {x.type} {x.value}"), highlight=False)
        for m in sent.mentions:
            attrs = ", ".join(f"{k}={v}" for k, v in m.attrs.items() if v is not None)
            console.print(escape(f"      {m.kind:<6}{m.text!r} {attrs}"), highlight=False)


def extract(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to annotate (nothing is stored).")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text for people, jsonl for scorers.")] = Format.text,
    db: DbOption = None,
) -> None:
    """Annotate files and print every sentence with its time expressions, event date and mentions.

    Without files, re-annotates every stored document with the current pipeline (after an upgrade).
    """
    from kroniek.ingest import read_path
    from kroniek.ingest.readers import IngestError
    from kroniek.pipeline import default_pipeline

    pipeline = default_pipeline()
    if not files:
        from kroniek.store import open_store

        store = open_store(db)
        ids = store.document_ids()
        for doc_id in ids:
            doc = store.get_document(doc_id)
            if doc is None:
                continue
            doc.sentences = []
            pipeline(doc)
            store.replace_annotations(doc, pipeline.names)
        from kroniek.events.persist import rebuild_events

        events = rebuild_events(store)
        console.print(
            f"extract: re-annotated {len(ids)} documents with {', '.join(pipeline.names)}; {len(events)} events"
        )
        return
    failed = 0
    for path in files:
        for item in read_path(path):
            if isinstance(item, IngestError):
                err_console.print(f"error {item}", highlight=False, markup=False)
                failed += 1
                continue
            doc = pipeline(item)
            if fmt is Format.jsonl:
                for sent in doc.sentences:
                    print(json.dumps(sentence_record(sent), ensure_ascii=False))
            else:
                _print_text(doc)
    if failed:
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    app.command()(extract)
