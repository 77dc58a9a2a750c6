"""Feeds the desk watches, and uploads of report files (both need the write token)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi import Path as FastAPIPath
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from kroniek.store import Store
from kroniek.web.deps import SettingsDep, StoreDep, WriteAccess

router = APIRouter()

MAX_FILES = 100  # files per upload request
MAX_ID = 2**31 - 1  # ids are 32-bit integers in PostgreSQL; larger ones cannot exist


class FeedCreate(BaseModel):
    url: str = Field(description="RSS or Atom feed URL (http or https).", max_length=2000)
    interval_seconds: int = Field(900, ge=60, le=7 * 24 * 3600, description="Seconds between polls.")


class FeedPublic(BaseModel):
    id: int
    url: str
    kind: str
    title: str | None
    interval_seconds: int
    next_poll_at: datetime | None
    last_polled_at: datetime | None
    failures: int
    last_error: str | None
    created_at: datetime


class IngestErrorPublic(BaseModel):
    origin: str
    message: str


class IngestResult(BaseModel):
    added: list[int]
    duplicates: list[str]
    errors: list[IngestErrorPublic]
    summary: str


def _public(feed: dict[str, Any]) -> FeedPublic:
    return FeedPublic(**{name: feed[name] for name in FeedPublic.model_fields})


@router.get("/api/feeds", tags=["feeds"])
def list_feeds(store: StoreDep) -> list[FeedPublic]:
    """The feeds and folders watched, with their polling state."""
    from kroniek.store.feeds import list_feeds as rows

    return [_public(feed) for feed in rows(store)]


@router.post("/api/feeds", tags=["feeds"], status_code=201, dependencies=[WriteAccess])
def add_feed(body: FeedCreate, store: StoreDep, settings: SettingsDep) -> FeedPublic:
    """Watch a feed. URLs on private or loopback addresses are refused unless the server allows them."""
    from kroniek.ingest.fetch import RefusedURL, check_url
    from kroniek.store.feeds import DuplicateFeed
    from kroniek.store.feeds import add_feed as add

    try:
        check_url(body.url, allow_private=settings.allow_private_urls)
    except RefusedURL as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    try:
        feed = add(store, body.url, kind="feed", interval_seconds=body.interval_seconds)
    except DuplicateFeed as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from None
    return _public(feed)


@router.delete("/api/feeds/{feed_id}", tags=["feeds"], status_code=204, dependencies=[WriteAccess])
def delete_feed(feed_id: Annotated[int, FastAPIPath(ge=1, le=MAX_ID)], store: StoreDep) -> Response:
    """Stop watching a feed; the documents read from it stay."""
    from kroniek.store.feeds import remove_feed

    if not remove_feed(store, feed_id):
        raise HTTPException(status_code=404, detail=f"no feed with id {feed_id}")
    return Response(status_code=204)


def _check_length(request: Request, limit: int) -> None:
    """Refuse an upload larger than the limit before reading it."""
    declared = request.headers.get("content-length")
    if declared is None:
        raise HTTPException(status_code=411, detail="uploads need a Content-Length header")
    if not declared.isdigit():
        raise HTTPException(status_code=400, detail="Content-Length is not a number")
    # Multipart framing adds a little to the files themselves.
    if int(declared) > limit + 64 * 1024:
        raise HTTPException(
            status_code=413, detail=f"upload too large: {int(declared):,} bytes (limit {limit:,} bytes per request)"
        )


_UPLOAD_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "Report files: text, JSON, JSONL, HTML, RSS/Atom.",
                        }
                    },
                }
            }
        },
    }
}


@router.post(
    "/api/ingest",
    tags=["ingest"],
    dependencies=[WriteAccess],
    openapi_extra=_UPLOAD_SCHEMA,
    responses={
        400: {"description": "Not a multipart upload"},
        411: {"description": "Content-Length missing"},
        413: {"description": "Upload too large"},
    },
)
async def ingest_files(request: Request, store: StoreDep, settings: SettingsDep) -> IngestResult:
    """Ingest uploaded report files (multipart field ``files``); each file's problems are reported, none
    stops the others. The request is refused before it is read when it is larger than the upload limit."""
    limit = settings.max_upload_bytes
    _check_length(request, limit)
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_FILES)
    except HTTPException:
        raise
    except Exception as exc:  # noqa: BLE001 - a malformed body is the client's problem, said plainly
        raise HTTPException(status_code=400, detail=f"not a readable multipart upload: {exc}") from None
    uploads: list[tuple[str, bytes | None]] = []
    for value in form.getlist("files"):
        if isinstance(value, StarletteUpload):
            name = (value.filename or "upload").replace("\x00", "")[:200] or "upload"
            uploads.append((name, await value.read(limit + 1)))
        else:
            uploads.append(("files", None))
    await form.close()
    if not uploads:
        raise HTTPException(status_code=422, detail="no files: send them in the multipart field 'files'")
    return await run_in_threadpool(_ingest_uploads, store, uploads, limit)


def _ingest_uploads(store: Store, uploads: list[tuple[str, bytes | None]], limit: int) -> IngestResult:
    from kroniek.ingest import IngestError, Ingestor, IngestReport, read_bytes

    report = IngestReport()
    ingestor: Ingestor | None = None
    for name, data in uploads:
        if data is None:
            report.errors.append(IngestError(name, "a form field, not a file"))
            continue
        if len(data) > limit:
            report.errors.append(IngestError(name, f"too large: more than {limit:,} bytes (limit {limit:,})"))
            continue
        suffix = "." + name.rsplit(".", 1)[1][:10] if "." in name else ""
        for item in read_bytes(data, name, suffix):
            if isinstance(item, IngestError):
                report.errors.append(item)
                continue
            if not item.source:
                item.source = name
            ingestor = ingestor or Ingestor(store)
            ingestor.add(item, report)
    from kroniek.events.persist import update_events

    update_events(store)  # the new reports, and any an interrupted run left out of the events
    return IngestResult(
        added=report.added,
        duplicates=report.duplicates,
        errors=[IngestErrorPublic(origin=e.origin, message=e.message) for e in report.errors],
        summary=report.summary(),
    )
