"""The liveblog: a page per topic that shows new developments as they arrive (Server-Sent Events)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, StreamingResponse

from kroniek.store.topics import Topic, get_topic, list_topics
from kroniek.topics.live import Cursor, live_items
from kroniek.web.deps import StoreDep
from kroniek.web.i18n import language_of
from kroniek.web.view import render

router = APIRouter()

HEARTBEAT = 15.0  # seconds between keep-alive comments, so proxies keep the stream open

TEXTS = {
    "nl": {
        "title": "Liveblog",
        "all": "Alle berichten",
        "intro": "Nieuwe ontwikkelingen verschijnen hier zodra ze binnenkomen.",
        "overview": "Nieuw overzicht",
        "waiting": "Wachten op nieuwe berichten…",
        "live": "live",
        "offline": "verbinding verbroken, opnieuw verbinden…",
    },
    "en": {
        "title": "Live blog",
        "all": "All reports",
        "intro": "New developments appear here as they arrive.",
        "overview": "New overview",
        "waiting": "Waiting for new reports…",
        "live": "live",
        "offline": "connection lost, reconnecting…",
    },
}


def _topic(store: Any, slug: str | None) -> Topic | None:
    if not slug:
        return None
    topic = get_topic(store, slug)
    if topic is None:
        raise HTTPException(404, f"no topic {slug!r}")
    return topic


def _event(item: dict[str, Any]) -> str:
    data = json.dumps(item, ensure_ascii=False)
    return f"id: {item['cursor']}\nevent: {item['type']}\ndata: {data}\n\n"


@router.get("/api/live", tags=["liveblog"])
async def live_stream(
    request: Request,
    store: StoreDep,
    topic: str | None = None,
    poll: Annotated[float, Query(ge=0.05, le=60)] = 3.0,
    backlog: Annotated[int, Query(ge=0, le=50)] = 10,
    cursor: str | None = None,
    last_event_id: Annotated[str | None, Header()] = None,
) -> StreamingResponse:
    """Server-Sent Events: ``development`` (a new report on the topic) and ``overview`` (a published overview).

    Every event's id is a cursor; reconnecting with ``Last-Event-ID`` resumes after it.
    """
    found = _topic(store, topic)
    start = Cursor.parse(last_event_id) or Cursor.parse(cursor)

    async def events() -> AsyncIterator[str]:
        position = start
        yield f"retry: {int(max(poll, 1.0) * 1000)}\n\n"
        beat = time.monotonic()
        while not await request.is_disconnected():
            items, position = await run_in_threadpool(live_items, store, found, position, backlog=backlog)
            for item in items:
                yield _event(item)
            if items:
                beat = time.monotonic()
            elif time.monotonic() - beat > HEARTBEAT:
                yield ": keep-alive\n\n"
                beat = time.monotonic()
            await asyncio.sleep(poll)

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def _page(request: Request, store: Any, topic: Topic | None) -> HTMLResponse:
    lang = language_of(request)
    items, position = live_items(store, topic, None, backlog=15)
    stream = f"/api/live?topic={topic.slug}" if topic else "/api/live"
    return render(
        request,
        "liveblog.html",
        {
            "topic": topic,
            "topics": list_topics(store),
            "items": list(reversed(items)),
            "stream_url": f"{stream}{'&' if topic else '?'}cursor={position}",
            "t": TEXTS.get(lang, TEXTS["nl"]),
        },
    )


@router.get("/liveblog", response_class=HTMLResponse, include_in_schema=False)
def liveblog_page(request: Request, store: StoreDep, topic: str | None = None) -> HTMLResponse:
    return _page(request, store, _topic(store, topic))


@router.get("/topics/{slug}/live", response_class=HTMLResponse, include_in_schema=False)
def topic_liveblog_page(request: Request, slug: str, store: StoreDep) -> HTMLResponse:
    return _page(request, store, _topic(store, slug))
