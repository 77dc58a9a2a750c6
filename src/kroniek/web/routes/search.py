"""Search and questions: GET /api/search (filters, pages, facets) and GET /api/ask."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from kroniek.answer import ask
from kroniek.store.search import search
from kroniek.web.deps import StoreDep

router = APIRouter()

ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DateFrom = Annotated[str | None, Query(alias="from", pattern=ISO_DATE, description="ISO date, inclusive")]
DateTo = Annotated[str | None, Query(alias="to", pattern=ISO_DATE, description="ISO date, inclusive")]
Language = Annotated[str | None, Query(alias="lang", max_length=8, description="document language: nl, en")]


def _document_link(hit: dict[str, Any]) -> str:
    return f"/documents/{hit['document_id']}#s{hit['position']}"


@router.get("/api/search", tags=["search"])
def search_api(
    store: StoreDep,
    q: Annotated[str, Query(max_length=500, description="words to find; empty lists the filtered sentences")] = "",
    date_from: DateFrom = None,
    date_to: DateTo = None,
    place: Annotated[str | None, Query(max_length=300, description="canonical place name")] = None,
    actor: Annotated[str | None, Query(max_length=300, description="canonical actor name")] = None,
    type: Annotated[str | None, Query(max_length=64, description="event type")] = None,
    lang: Language = None,
    source: Annotated[str | None, Query(max_length=200, description="source name")] = None,
    mode: Annotated[Literal["all", "any"], Query(description="all words (default) or any")] = "all",
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
    facets: Annotated[bool, Query(description="count date, place, actor, type, language, source")] = True,
) -> dict[str, Any]:
    """Sentences matching the words (stemmed), filtered, ranked by BM25; each hit links its document and events.

    ``snippet`` is HTML with the matched words in ``<mark>``; ``highlights`` are their character spans.
    ``total`` counts the ranked pool (at most 500 newest matches; ``capped`` says when there were more);
    facets count that pool.
    """
    results = search(
        store,
        q,
        date_from=date_from or None,
        date_to=date_to or None,
        place=place or None,
        actor=actor or None,
        event_type=type or None,
        language=lang or None,
        source=source or None,
        limit=limit,
        offset=offset,
        mode=mode,
        facets=facets,
    )
    out = results.to_dict()
    for hit in out["hits"]:
        hit["document_url"] = _document_link(hit)
        hit["event_urls"] = [f"/api/events/{e}" for e in hit["event_ids"]]
    return out


@router.get("/api/ask", tags=["search"])
def ask_api(
    store: StoreDep,
    q: Annotated[
        str, Query(min_length=1, max_length=500, description='a short question: "wanneer ...", "hoeveel ..."')
    ],
    date_from: DateFrom = None,
    date_to: DateTo = None,
    lang: Language = None,
) -> dict[str, Any]:
    """Answer a short question from the sources with citations: dates, figures per source, actors or passages."""
    filters: dict[str, Any] = {
        k: v for k, v in {"date_from": date_from, "date_to": date_to, "language": lang}.items() if v
    }
    return ask(store, q, **filters).to_dict()
