"""Deployment settings, one object, read from the environment (``KRONIEK_*``) at start-up."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    database_url: str | None = field(default_factory=lambda: os.environ.get("KRONIEK_DATABASE_URL"))
    # Writing through the API (ingest, topics, publishing, subscriptions) needs this token.
    api_token: str | None = field(default_factory=lambda: os.environ.get("KRONIEK_API_TOKEN"))
    # Reading is public unless this is set; then reads need the token too.
    private_reads: bool = field(default_factory=lambda: _flag("KRONIEK_PRIVATE_READS"))
    # Feed and webhook URLs on private or loopback addresses are refused unless allowed.
    allow_private_urls: bool = field(default_factory=lambda: _flag("KRONIEK_ALLOW_PRIVATE_URLS"))
    base_url: str = field(default_factory=lambda: os.environ.get("KRONIEK_BASE_URL", "http://127.0.0.1:8000"))
    tile_url: str | None = field(default_factory=lambda: os.environ.get("KRONIEK_TILE_URL"))
    smtp_host: str = field(default_factory=lambda: os.environ.get("KRONIEK_SMTP_HOST", "127.0.0.1"))
    smtp_port: int = field(default_factory=lambda: int(os.environ.get("KRONIEK_SMTP_PORT", "25")))
    mail_from: str = field(default_factory=lambda: os.environ.get("KRONIEK_MAIL_FROM", "kroniek@localhost"))
    max_upload_bytes: int = field(default_factory=lambda: int(os.environ.get("KRONIEK_MAX_UPLOAD_BYTES", "10485760")))
    fetch_timeout: float = field(default_factory=lambda: float(os.environ.get("KRONIEK_FETCH_TIMEOUT", "20")))


def get_settings() -> Settings:
    return Settings()
