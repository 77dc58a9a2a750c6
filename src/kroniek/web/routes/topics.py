"""Topics, their overviews and subscriptions (JSON API), the Atom feed and the unsubscribe link.

Writing needs the API token, except unsubscribing: the secret token in the link is the key.
"""

from __future__ import annotations

from html import escape
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, PlainTextResponse
from pydantic import BaseModel, Field

from kroniek.overview import to_dict, to_html, to_json, to_markdown
from kroniek.store.topics import (
    EDITABLE,
    Topic,
    add_subscription,
    create_topic,
    delete_subscription,
    delete_topic,
    get_overview,
    get_subscription,
    get_topic,
    list_overviews,
    list_subscriptions,
    set_subscription_active,
    slugify,
    update_topic,
)
from kroniek.topics.notify.atom import atom_feed
from kroniek.topics.notify.webhook import new_secret
from kroniek.topics.publish import build_overview, publish, stored_update
from kroniek.web.deps import SettingsDep, StoreDep, WriteAccess
from kroniek.web.view import RowId

router = APIRouter()

Format = Literal["json", "md", "html"]


class TopicIn(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    slug: str | None = Field(default=None, max_length=100)
    keywords: list[str] = []
    actors: list[str] = []
    places: list[str] = []
    language: str | None = Field(default=None, max_length=8)
    date_from: str | None = None
    date_to: str | None = None
    schedule: str | None = Field(default=None, max_length=200, examples=["0 7,12,18 * * *"])
    breaking_threshold: int | None = Field(default=None, ge=1)


class TopicPatch(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=300)
    keywords: list[str] | None = None
    actors: list[str] | None = None
    places: list[str] | None = None
    language: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    schedule: str | None = None
    breaking_threshold: int | None = Field(default=None, ge=1)


class PublishIn(BaseModel):
    publish: bool = True
    language: Literal["nl", "en"] | None = None
    force: bool = False


class SubscriptionIn(BaseModel):
    channel: Literal["webhook", "email"]
    target: str = Field(min_length=3, max_length=2000)


def _topic_or_404(store: Any, slug: str) -> Topic:
    topic = get_topic(store, slug)
    if topic is None:
        raise HTTPException(404, f"no topic {slug!r}")
    return topic


def _render(update: Any, fmt: Format, base_url: str) -> Response:
    if fmt == "md":
        return PlainTextResponse(to_markdown(update, base_url), media_type="text/markdown; charset=utf-8")
    if fmt == "html":
        return HTMLResponse(to_html(update, base_url, full=True))
    return Response(content=to_json(update, base_url, indent=None), media_type="application/json")


# -- topics ------------------------------------------------------------------------------


@router.get("/api/topics", tags=["topics"])
def topics_api(store: StoreDep) -> list[dict[str, Any]]:
    from kroniek.store.topics import list_topics

    return [t.to_dict() for t in list_topics(store)]


@router.post("/api/topics", tags=["topics"], status_code=201, dependencies=[WriteAccess])
def create_topic_api(body: TopicIn, store: StoreDep) -> dict[str, Any]:
    values = body.model_dump()
    slug = values.pop("slug") or slugify(body.name)
    try:
        return create_topic(store, Topic(slug=slug, **values)).to_dict()
    except ValueError as exc:
        raise HTTPException(409 if "exists" in str(exc) else 422, str(exc)) from None


@router.get("/api/topics/{slug}", tags=["topics"])
def topic_api(slug: str, store: StoreDep) -> dict[str, Any]:
    return _topic_or_404(store, slug).to_dict()


@router.patch("/api/topics/{slug}", tags=["topics"], dependencies=[WriteAccess])
def edit_topic_api(slug: str, body: TopicPatch, store: StoreDep) -> dict[str, Any]:
    _topic_or_404(store, slug)
    changes = {k: v for k, v in body.model_dump(exclude_unset=True).items() if k in EDITABLE}
    try:
        return update_topic(store, slug, **changes).to_dict()
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


@router.delete("/api/topics/{slug}", tags=["topics"], status_code=204, dependencies=[WriteAccess])
def delete_topic_api(slug: str, store: StoreDep) -> Response:
    if not delete_topic(store, slug):
        raise HTTPException(404, f"no topic {slug!r}")
    return Response(status_code=204)


# -- overviews ---------------------------------------------------------------------------


@router.get("/api/topics/{slug}/overview", tags=["overviews"])
def preview_overview(
    slug: str,
    store: StoreDep,
    settings: SettingsDep,
    lang: Literal["nl", "en"] | None = None,
    format: Format = "json",
) -> Response:
    """What the next overview would say now (not stored, not sent)."""
    topic = _topic_or_404(store, slug)
    update = build_overview(store, topic, language=lang or topic.language)
    return _render(update, format, settings.base_url)


@router.post("/api/topics/{slug}/overviews", tags=["overviews"], status_code=201, dependencies=[WriteAccess])
def publish_overview(
    slug: str, store: StoreDep, settings: SettingsDep, body: PublishIn | None = None
) -> dict[str, Any]:
    """Compose the next overview and publish it: it joins the feed and every follower is notified."""
    body = body or PublishIn()
    topic = _topic_or_404(store, slug)
    if not body.publish:
        update = build_overview(store, topic, language=body.language or topic.language)
        return {"published": False, "overview": to_dict(update, settings.base_url)}
    result = publish(store, topic, language=body.language or topic.language, force=body.force, reason="api")
    return {
        "published": not result.skipped,
        "overview_id": result.overview_id,
        "queued": result.queued,
        "overview": to_dict(result.update, settings.base_url),
    }


@router.get("/api/topics/{slug}/overviews", tags=["overviews"])
def topic_overviews(
    slug: str, store: StoreDep, limit: Annotated[int, Query(ge=1, le=200)] = 20
) -> list[dict[str, Any]]:
    topic = _topic_or_404(store, slug)
    out = []
    for row in list_overviews(store, topic.id, limit=limit):
        update = stored_update(row)
        out.append(
            {
                "id": row["id"],
                "created_at": row["created_at"].isoformat(),
                "headlines": [s.headline for s in update.sections],
                "reason": row["content"].get("reason"),
            }
        )
    return out


@router.get("/api/overviews/{overview_id}", tags=["overviews"])
def overview_by_id(overview_id: RowId, store: StoreDep, settings: SettingsDep, format: Format = "json") -> Response:
    row = get_overview(store, overview_id)
    if row is None or not row["published"]:
        raise HTTPException(404, "no such overview")
    return _render(stored_update(row), format, settings.base_url)


@router.get("/api/topics/{slug}/atom", tags=["overviews"], response_class=Response)
def atom(
    slug: str, store: StoreDep, settings: SettingsDep, limit: Annotated[int, Query(ge=1, le=100)] = 20
) -> Response:
    """The topic's published overviews as an Atom feed."""
    topic = _topic_or_404(store, slug)
    rows = list_overviews(store, topic.id, limit=limit)
    xml = atom_feed(topic, [(r, stored_update(r)) for r in rows], settings.base_url)
    return Response(content=xml, media_type="application/atom+xml; charset=utf-8")


@router.get("/topics/{slug}/feed.atom", include_in_schema=False)
def atom_alias(slug: str, store: StoreDep, settings: SettingsDep) -> Response:
    return atom(slug, store, settings)


# -- subscriptions -----------------------------------------------------------------------


def _public(sub: dict[str, Any], *, with_secret: bool = False) -> dict[str, Any]:
    out = {k: sub[k] for k in ("id", "topic_id", "channel", "target", "active")}
    out["created_at"] = sub["created_at"].isoformat() if hasattr(sub["created_at"], "isoformat") else sub["created_at"]
    if with_secret:
        out["secret"] = sub.get("secret")
        out["token"] = sub["token"]
    return out


@router.post("/api/topics/{slug}/subscriptions", tags=["subscriptions"], status_code=201, dependencies=[WriteAccess])
def follow(slug: str, body: SubscriptionIn, store: StoreDep, settings: SettingsDep) -> dict[str, Any]:
    """Follow a topic by webhook (the answer holds the signing secret, shown once) or e-mail."""
    topic = _topic_or_404(store, slug)
    target = body.target.strip()
    secret = None
    if body.channel == "webhook":
        from kroniek.ingest.fetch import check_url

        try:
            check_url(target, allow_private=settings.allow_private_urls)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        secret = new_secret()
    elif "@" not in target or any(c.isspace() for c in target) or target.startswith("@") or target.endswith("@"):
        raise HTTPException(422, "not an e-mail address")
    sub = add_subscription(store, topic.id, body.channel, target, secret)  # type: ignore[arg-type]
    return _public(sub, with_secret=True)


@router.get("/api/topics/{slug}/subscriptions", tags=["subscriptions"], dependencies=[WriteAccess])
def subscriptions(slug: str, store: StoreDep) -> list[dict[str, Any]]:
    topic = _topic_or_404(store, slug)
    return [_public(s) for s in list_subscriptions(store, topic.id)]


@router.delete("/api/subscriptions/{sub_id}", tags=["subscriptions"], status_code=204, dependencies=[WriteAccess])
def unfollow(sub_id: RowId, store: StoreDep) -> Response:
    if not delete_subscription(store, sub_id):
        raise HTTPException(404, "no such subscription")
    return Response(status_code=204)


_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Kroniek</title>
<link rel="stylesheet" href="/static/style.css"></head><body><main id="main">{body}</main></body></html>"""

_TEXTS = {
    "nl": {
        "ask": "Wil je geen berichten meer over <strong>{topic}</strong> ontvangen op {target}?",
        "button": "Afmelden",
        "done": "Je bent afgemeld: je ontvangt geen berichten meer over <strong>{topic}</strong>.",
        "unknown": "Deze afmeldlink is onbekend of verlopen.",
    },
    "en": {
        "ask": "Stop receiving messages about <strong>{topic}</strong> at {target}?",
        "button": "Unsubscribe",
        "done": "You are unsubscribed: no more messages about <strong>{topic}</strong>.",
        "unknown": "This unsubscribe link is unknown or has expired.",
    },
}


def _unsubscribe_page(store: Any, token: str, lang: str, *, done: bool) -> HTMLResponse:
    texts = _TEXTS.get(lang, _TEXTS["nl"])
    sub = get_subscription(store, token=token)
    if sub is None:
        return HTMLResponse(_PAGE.format(lang=lang, body=f"<p>{texts['unknown']}</p>"), status_code=404)
    topic = get_topic(store, sub["topic_id"])
    name = escape(topic.name if topic else "")
    if done:
        body = f"<p>{texts['done'].format(topic=name)}</p>"
    else:
        body = (
            f"<p>{texts['ask'].format(topic=name, target=escape(sub['target']))}</p>"
            f'<form method="post" action="/unsubscribe/{escape(token)}"><button type="submit">{texts["button"]}</button></form>'
        )
    return HTMLResponse(_PAGE.format(lang=lang, body=body))


def _lang(request: Request) -> str:
    accept = request.headers.get("accept-language", "nl").lower()
    return "en" if accept.startswith("en") else "nl"


@router.get("/unsubscribe/{token}", response_class=HTMLResponse, include_in_schema=False)
def unsubscribe_page(token: str, request: Request, store: StoreDep) -> HTMLResponse:
    """The link in every e-mail: asks to confirm (link scanners follow GET links, so GET changes nothing)."""
    return _unsubscribe_page(store, token, _lang(request), done=False)


@router.post("/unsubscribe/{token}", tags=["subscriptions"])
def unsubscribe(token: str, request: Request, store: StoreDep) -> Response:
    """Unsubscribe: the confirm button, and one-click unsubscribe from mail clients (RFC 8058)."""
    if not set_subscription_active(store, False, token=token):
        if "application/json" in request.headers.get("accept", ""):
            raise HTTPException(404, "unknown unsubscribe link")
        return _unsubscribe_page(store, token, _lang(request), done=True)
    if "application/json" in request.headers.get("accept", ""):
        return Response(content='{"unsubscribed": true}', media_type="application/json")
    return _unsubscribe_page(store, token, _lang(request), done=True)
