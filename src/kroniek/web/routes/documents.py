"""Documents and their annotated sentences."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from kroniek.store.events import EventFilter, list_events
from kroniek.web.deps import StoreDep
from kroniek.web.i18n import gettext, language_of
from kroniek.web.view import Offset, RowId, error_page, paginate, render

router = APIRouter()


@router.get("/api/documents", tags=["documents"])
def list_documents(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
    language: str | None = None,
) -> dict[str, Any]:
    """Documents, newest publication first, with their number of content sentences."""
    items = store.list_documents(limit=limit, offset=offset, language=language)
    return {"items": items, "limit": limit, "offset": offset, "total": store.count("documents")}


@router.get("/api/documents/{doc_id}", tags=["documents"])
def get_document(doc_id: RowId, store: StoreDep) -> dict[str, Any]:
    """One document with its sentences, time expressions and mentions."""
    doc = store.get_document(doc_id)
    if doc is None:
        raise HTTPException(status_code=404, detail=f"no document with id {doc_id}")
    return {
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "url": doc.url,
        "published": doc.published,
        "date_precision": doc.date_precision,
        "language": doc.language,
        "genre": doc.genre,
        "origin": doc.origin,
        "sentences": [s.to_dict() for s in doc.sentences],
    }


@router.get("/api/sentences/{sentence_id}", tags=["documents"])
def get_sentence(sentence_id: RowId, store: StoreDep) -> dict[str, Any]:
    """One sentence with its time expressions and mentions, its document and the events it is a source of."""
    context = store.sentence_context([sentence_id]).get(sentence_id)
    doc = store.get_document(context["document_id"]) if context else None
    sent = next((s for s in doc.sentences if s.id == sentence_id), None) if doc else None
    if doc is None or sent is None:
        raise HTTPException(status_code=404, detail=f"no sentence with id {sentence_id}")
    events, _total = list_events(store, EventFilter(sentence_id=sentence_id), limit=100)
    return {
        **sent.to_dict(),
        "document": {k: getattr(doc, k) for k in ("id", "source", "title", "url", "published", "language")},
        "events": [{k: e[k] for k in ("id", "date", "type", "title")} for e in events],
    }


@router.get("/documents", response_class=HTMLResponse, include_in_schema=False)
def documents_page(request: Request, store: StoreDep, offset: Offset = 0, language: str | None = None) -> HTMLResponse:
    limit = 50
    items = store.list_documents(limit=limit, offset=offset, language=language or None)
    total = store.count("documents")
    return render(request, "documents.html", {"items": items, "page": paginate(request, offset, limit, total)})


@router.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
def document_page(request: Request, doc_id: RowId, store: StoreDep) -> HTMLResponse:
    doc = store.get_document(doc_id)
    if doc is None:
        return error_page(request, 404, gettext(language_of(request), "error.not_found"))
    events, _total = list_events(store, EventFilter(document_id=doc_id), limit=100)
    return render(request, "document.html", {"doc": doc, "events": events})
