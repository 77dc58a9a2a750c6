"""What handlers depend on, declared once: settings, the store, templates, access checks."""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.templating import Jinja2Templates

from kroniek.config import Settings, get_settings
from kroniek.store import Store, open_store

WEB_DIR = Path(__file__).parent
STATIC_DIR = WEB_DIR / "static"
templates = Jinja2Templates(directory=WEB_DIR / "templates")


def init_state(app: FastAPI, db_url: str | None, settings: Settings | None = None) -> None:
    app.state.settings = settings or get_settings()
    app.state.store = open_store(db_url or app.state.settings.database_url)


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _presented_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-kroniek-token") or request.cookies.get("kroniek_token")


def _check(request: Request, settings: Settings) -> None:
    expected = settings.api_token
    presented = _presented_token(request)
    if not expected:
        raise HTTPException(status_code=403, detail="writing is disabled: set KRONIEK_API_TOKEN on the server")
    if not presented or not hmac.compare_digest(presented, expected):
        raise HTTPException(
            status_code=401,
            detail="a valid token is needed (Authorization: Bearer <token>)",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_write(request: Request) -> None:
    """Writing actions need the API token."""
    _check(request, get_app_settings(request))


def require_read(request: Request) -> None:
    """Reading is public unless the server closed it (KRONIEK_PRIVATE_READS)."""
    settings = get_app_settings(request)
    if settings.private_reads:
        _check(request, settings)


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
WriteAccess = Depends(require_write)
ReadAccess = Depends(require_read)
