"""Webhooks in the Standard Webhooks style, fanned out with async httpx.

Each delivery carries three headers: ``webhook-id`` (the outbox id, the same on every
retry, so receivers dedupe on it), ``webhook-timestamp`` (Unix seconds of this attempt) and
``webhook-signature``: ``v1,`` + base64 of HMAC-SHA256 over ``"{id}.{timestamp}.{body}"``
with the subscription's secret (``whsec_`` + base64 of the key bytes).

A fan-out runs many requests at once (bounded by a semaphore), retries a failed request a
few times with exponential backoff, and reports what failed; the outbox retries those later.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from kroniek.ingest.fetch import check_url

SECRET_PREFIX = "whsec_"
USER_AGENT = "Kroniek-Webhooks/1.0"


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value for one message."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def verify(
    secret: str, headers: Mapping[str, str], body: bytes, *, tolerance: int = 300, now: float | None = None
) -> bool:
    """What a receiver does: check the signature and that the timestamp is recent."""
    lower = {k.lower(): v for k, v in headers.items()}
    try:
        msg_id, ts = lower["webhook-id"], int(lower["webhook-timestamp"])
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - ts) > tolerance:
        return False
    expected = sign(secret, msg_id, ts, body).split(",", 1)[1]
    return any(
        version == "v1" and hmac.compare_digest(sig, expected)
        for version, _, sig in (part.partition(",") for part in lower.get("webhook-signature", "").split())
    )


def headers_for(secret: str, msg_id: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    ts = int(time.time()) if timestamp is None else timestamp
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": msg_id,
        "webhook-timestamp": str(ts),
        "webhook-signature": sign(secret, msg_id, ts, body),
    }


@dataclass
class Message:
    id: str
    url: str
    secret: str
    body: bytes


@dataclass
class Outcome:
    id: str
    ok: bool
    attempts: int
    status: int | None = None
    error: str | None = None
    gone: bool = False  # 410: the receiver asks us to stop


@dataclass
class FanoutReport:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def delivered(self) -> int:
        return sum(o.ok for o in self.outcomes)

    @property
    def failed(self) -> int:
        return sum(not o.ok for o in self.outcomes)

    @property
    def retries(self) -> int:
        return sum(o.attempts - 1 for o in self.outcomes)


@dataclass
class WebhookNotifier:
    concurrency: int = 200
    timeout: float = 10.0
    attempts: int = 3  # per fan-out; the outbox retries later with longer delays
    backoff: float = 0.25  # seconds before the first in-run retry; doubles each time
    allow_private: bool = False
    transport: httpx.AsyncBaseTransport | None = None
    _checked: dict[str, str | None] = field(default_factory=dict, repr=False)

    def _refusal(self, url: str) -> str | None:
        """Why ``url`` may not be posted to (checked once per host and port in a run), or None."""
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._checked:
            try:
                check_url(url, allow_private=self.allow_private)
                self._checked[host] = None
            except ValueError as exc:
                self._checked[host] = str(exc)
        return self._checked[host]

    async def _send(self, client: httpx.AsyncClient, sem: asyncio.Semaphore, msg: Message) -> Outcome:
        refusal = self._refusal(msg.url)
        if refusal:
            return Outcome(msg.id, False, 1, error=refusal)
        error, status = None, None
        for attempt in range(1, self.attempts + 1):
            if attempt > 1:
                await asyncio.sleep(self.backoff * 2 ** (attempt - 2))
            async with sem:
                try:
                    response = await client.post(
                        msg.url, content=msg.body, headers=headers_for(msg.secret, msg.id, msg.body)
                    )
                except httpx.HTTPError as exc:
                    error, status = f"{type(exc).__name__}: {exc}", None
                    continue
            status = response.status_code
            if 200 <= status < 300:
                return Outcome(msg.id, True, attempt, status)
            error = f"HTTP {status}"
            if status == 410:
                return Outcome(msg.id, False, attempt, status, error, gone=True)
            if 400 <= status < 500 and status not in (408, 409, 425, 429):
                break  # the receiver refuses this message; retrying now will not help
        return Outcome(msg.id, False, attempt, status, error)

    async def fanout(
        self, messages: Sequence[Message], progress: Callable[[Outcome], None] | None = None
    ) -> FanoutReport:
        start = time.perf_counter()
        sem = asyncio.Semaphore(self.concurrency)
        limits = httpx.Limits(max_connections=self.concurrency, max_keepalive_connections=self.concurrency)
        async with httpx.AsyncClient(
            timeout=self.timeout, limits=limits, transport=self.transport, follow_redirects=False
        ) as client:
            tasks = [asyncio.create_task(self._send(client, sem, m)) for m in messages]
            outcomes = []
            for task in asyncio.as_completed(tasks):
                outcome = await task
                outcomes.append(outcome)
                if progress:
                    progress(outcome)
        return FanoutReport(outcomes, time.perf_counter() - start)

    def send(self, messages: Sequence[Message]) -> FanoutReport:
        return asyncio.run(self.fanout(messages))
