"""Pages over the other features' libraries: topics, search and ingest.

Each page reads through the library of its feature; where a feature is not installed on this
server the page says so instead of showing anything made up.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from kroniek.store.events import event_titles
from kroniek.web.deps import StoreDep
from kroniek.web.i18n import gettext, language_of
from kroniek.web.view import Offset, RowId, error_page, paginate, render

router = APIRouter()

ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _optional(module: str) -> ModuleType | None:
    """A feature's module, or None where it is not part of this installation."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise


@router.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
def ingest_page(request: Request, store: StoreDep) -> HTMLResponse:
    feeds_store = _optional("kroniek.store.feeds")
    feeds: list[dict[str, Any]] = feeds_store.list_feeds(store) if feeds_store else []
    return render(request, "ingest.html", {"feeds": feeds})


def _topics_store() -> ModuleType | None:
    return _optional("kroniek.store.topics")


def _overview_html(overview: dict[str, Any] | None) -> Markup | None:
    """A stored overview as HTML (the overview renderer escapes every text it writes)."""
    if overview is None:
        return None
    from kroniek.overview import to_html, update_from_dict

    update = update_from_dict(overview["content"])
    update.id = overview["id"]
    return Markup(to_html(update))


@router.get("/topics", response_class=HTMLResponse, include_in_schema=False)
def topics_page(request: Request, store: StoreDep) -> HTMLResponse:
    topics = _topics_store()
    if topics is None:
        return render(request, "topics.html", {"topics": [], "available": False})
    rows = []
    for topic in topics.list_topics(store):
        latest = topics.latest_overview(store, topic.id)
        rows.append({"topic": topic, "latest": latest})
    return render(request, "topics.html", {"topics": rows, "available": True})


@router.get("/topics/{slug}", response_class=HTMLResponse, include_in_schema=False)
def topic_page(request: Request, slug: str, store: StoreDep) -> HTMLResponse:
    topics = _topics_store()
    topic = topics.get_topic(store, slug) if topics else None
    if topics is None or topic is None:
        return error_page(request, 404, gettext(language_of(request), "error.not_found"))
    overviews = topics.list_overviews(store, topic.id, limit=30)
    followers = len(topics.list_subscriptions(store, topic.id, active_only=True))
    return render(
        request,
        "topic.html",
        {
            "topic": topic,
            "latest": overviews[0] if overviews else None,
            "latest_html": _overview_html(overviews[0] if overviews else None),
            "older": overviews[1:],
            "followers": followers,
            "feed_url": f"/api/topics/{topic.slug}/atom",
        },
    )


@router.get("/topics/{slug}/overviews/{overview_id}", response_class=HTMLResponse, include_in_schema=False)
def topic_overview_page(request: Request, slug: str, overview_id: RowId, store: StoreDep) -> HTMLResponse:
    topics = _topics_store()
    topic = topics.get_topic(store, slug) if topics else None
    overview = topics.get_overview(store, overview_id) if topics and topic else None
    if topics is None or topic is None or overview is None or overview["topic_id"] != topic.id:
        return error_page(request, 404, gettext(language_of(request), "error.not_found"))
    html = _overview_html(overview)
    return render(request, "topic_overview.html", {"topic": topic, "overview": overview, "html": html})


FACETS = ("place", "actor", "type", "language", "source")


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=500)] = "",
    date_from: Annotated[str | None, Query(alias="from")] = None,
    date_to: Annotated[str | None, Query(alias="to")] = None,
    place: str | None = None,
    actor: str | None = None,
    type: str | None = None,
    language: str | None = None,
    source: str | None = None,
    offset: Offset = 0,
) -> HTMLResponse:
    search = _optional("kroniek.store.search")
    chosen = {"place": place, "actor": actor, "type": type, "language": language, "source": source}
    chosen = {k: v for k, v in chosen.items() if v}
    context: dict[str, Any] = {
        "q": q,
        "date_from": _iso_or_none(date_from),
        "date_to": _iso_or_none(date_to),
        "chosen": chosen,
        "available": search is not None,
        "results": None,
        "facet_links": {},
    }
    if search is None:
        return render(request, "search.html", context)
    answer = _optional("kroniek.answer")
    question = answer is not None and bool(q.strip()) and answer.classify(q)[0] != "passages"
    limit = 20
    results = search.search(
        store,
        answer.classify(q)[1] if question and answer is not None else q,
        date_from=context["date_from"],
        date_to=context["date_to"],
        place=place or None,
        actor=actor or None,
        event_type=type or None,
        language=language or None,
        source=source or None,
        limit=limit,
        offset=offset,
        mode="any" if question else "all",
    )
    context["results"] = results
    if question and answer is not None:
        # A question ("wanneer ...", "hoeveel ...", "wie ...") gets an answer with its citations above the hits.
        limits = {"date_from": context["date_from"], "date_to": context["date_to"], "language": language}
        context["answer"] = answer.ask(store, q, **{k: v for k, v in limits.items() if v})
    # Matched words are marked by the search library, which escapes the rest of the text.
    context["snippets"] = [Markup(hit.snippet) for hit in results.hits]
    context["event_titles"] = event_titles(store, (e for hit in results.hits for e in hit.event_ids))
    context["page"] = paginate(request, offset, limit, results.total)
    dates = results.facets.get("date", [])
    most = max((count for _value, count in dates), default=0)
    context["date_links"] = [
        (value, count, count / most if most else 0, _toggle_day(request, value)) for value, count in dates
    ]
    context["facet_links"] = {
        name: [(value, count, _toggle(request, name, value)) for value, count in results.facets.get(name, [])]
        for name in FACETS
    }
    return render(request, "search.html", context)


def _toggle(request: Request, name: str, value: str) -> str:
    """This search with the facet value ``name=value`` added, or removed when it is chosen."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in (name, "offset") and v != ""]
    if request.query_params.get(name) != value:
        params.append((name, value))
    return "/search?" + urlencode(params)


def _toggle_day(request: Request, day: str) -> str:
    """This search narrowed to one day, or widened again when it is that day already."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("from", "to", "offset") and v]
    if not (request.query_params.get("from") == day and request.query_params.get("to") == day):
        params += [("from", day), ("to", day)]
    return "/search?" + urlencode(params)


def _iso_or_none(value: str | None) -> str | None:
    return value if value and ISO_DATE.match(value) else None
