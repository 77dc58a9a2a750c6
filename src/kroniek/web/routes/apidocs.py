"""The OpenAPI docs (Swagger UI) served from this server: no CDN, so they work offline.

The Swagger UI files come from the ``swagger-ui-bundle-v2`` package.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

router = APIRouter()

ASSETS = {"swagger-ui-bundle.js", "swagger-ui.css"}


def _assets_dir() -> Path | None:
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return None
    return Path(swagger_ui_path)


@router.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> HTMLResponse:
    if _assets_dir() is None:
        raise HTTPException(status_code=404, detail="the API docs need the swagger-ui-bundle-v2 package")
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url or "/openapi.json",
        title=f"{request.app.title} API",
        swagger_js_url="/api/docs/assets/swagger-ui-bundle.js",
        swagger_css_url="/api/docs/assets/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
        # No validator badge: it would call a server elsewhere.
        swagger_ui_parameters={"validatorUrl": None, "defaultModelsExpandDepth": 0},
    )


@router.get("/api/docs/assets/{name}", include_in_schema=False)
def api_docs_asset(name: str) -> FileResponse:
    folder = _assets_dir()
    if folder is None or name not in ASSETS:
        raise HTTPException(status_code=404, detail=f"no asset {name!r}")
    return FileResponse(folder / name, headers={"Cache-Control": "public, max-age=86400"})


@router.get("/docs", include_in_schema=False)
def docs_redirect() -> RedirectResponse:
    """The usual address of FastAPI's docs leads here (once the app leaves ``docs_url`` unset)."""
    return RedirectResponse("/api/docs", status_code=307)
