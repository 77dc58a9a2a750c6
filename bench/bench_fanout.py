"""Fan-out benchmark: one overview to N webhook subscribers on a real HTTP receiver on localhost.

    .venv/bin/python bench/bench_fanout.py                 # 10,000 subscribers
    .venv/bin/python bench/bench_fanout.py -n 2000 -c 100  # smaller

The receiver is a separate process (uvicorn, plain ASGI) that checks every signature and
counts deliveries per ``webhook-id``. The benchmark then publishes one overview of the
sample reports to all subscribers (the outbox rows are written with the overview) and
measures the dispatch: time, deliveries, failures, retries. Then the receiver goes down,
a second overview is published and dispatched (everything fails and backs off), the
receiver comes back, and the next dispatch delivers everything, each message exactly once.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import multiprocessing
import socket
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def secret_for(i: int) -> str:
    """Deterministic per-subscriber secrets, so the receiver process can check signatures."""
    return "whsec_" + base64.b64encode(hashlib.sha256(f"bench-{i}".encode()).digest()[:24]).decode()


def run_receiver(port: int) -> None:
    import uvicorn

    from kroniek.topics.notify.webhook import verify

    seen: Counter[str] = Counter()
    bad = [0]

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        if scope["method"] == "GET":
            stats = {"received": sum(seen.values()), "unique": len(seen), "duplicates": sum(seen.values()) - len(seen)}
            stats["bad_signatures"] = bad[0]
            payload = json.dumps(stats).encode()
            await send(
                {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]}
            )
            await send({"type": "http.response.body", "body": payload})
            return
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        index = int(scope["path"].rsplit("/", 1)[1])
        if not verify(secret_for(index), headers, body):
            bad[0] += 1
        seen[headers["webhook-id"]] += 1
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="error", backlog=4096)


class ReceiverProcess:
    def __init__(self, port: int) -> None:
        self.port = port
        self.proc: multiprocessing.Process | None = None

    def start(self) -> None:
        self.proc = multiprocessing.get_context("spawn").Process(target=run_receiver, args=(self.port,), daemon=True)
        self.proc.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/stats", timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError("receiver did not start")

    def stats(self) -> dict[str, int]:
        return httpx.get(f"http://127.0.0.1:{self.port}/stats", timeout=5).json()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.join(10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--subscribers", type=int, default=10_000)
    parser.add_argument("-c", "--concurrency", type=int, default=200)
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()

    from kroniek.config import Settings
    from kroniek.ingest import Ingestor, read_path
    from kroniek.pipeline import Pipeline
    from kroniek.store import open_store
    from kroniek.store.outbox import status_counts
    from kroniek.store.topics import Topic, add_subscriptions, create_topic, utcnow
    from kroniek.topics.notify import Dispatcher
    from kroniek.topics.notify.webhook import WebhookNotifier
    from kroniek.topics.publish import publish

    tmp = tempfile.TemporaryDirectory()
    store = open_store(args.db or f"sqlite:///{tmp.name}/bench.db")
    Ingestor(store, pipeline=Pipeline(("sentences", "time"))).run(read_path(ROOT / "samples"))
    topic = create_topic(store, Topic(slug="oekraine", name="Oorlog in Oekraïne", keywords=["Oekraïne"]))
    port = free_port()
    receiver = ReceiverProcess(port)
    receiver.start()
    n = args.subscribers
    add_subscriptions(
        store, topic.id, "webhook", [(f"http://127.0.0.1:{port}/hook/{i}", secret_for(i)) for i in range(n)]
    )
    settings = Settings(allow_private_urls=True, base_url="https://kroniek.example")

    def dispatcher() -> Dispatcher:
        notifier = WebhookNotifier(allow_private=True, concurrency=args.concurrency, attempts=3, backoff=0.2)
        return Dispatcher(settings=settings, store=store, webhook=notifier)

    print(f"fan-out benchmark: {n} webhook subscribers, concurrency {args.concurrency}, receiver on 127.0.0.1:{port}")
    t = time.perf_counter()
    first = publish(store, topic, until="2022-02-27")
    queued_s = time.perf_counter() - t
    body = len(dispatcher()._overview(first.overview_id)[2])  # noqa: SLF001
    print(
        f"publish: overview {first.overview_id}, {first.queued} notifications queued in {queued_s:.2f} s "
        f"(payload {body / 1024:.1f} KiB)"
    )
    t = time.perf_counter()
    report = dispatcher().dispatch()
    total = time.perf_counter() - t
    stats = receiver.stats()
    print(
        f"run 1 (receiver up):   {report.delivered} delivered, {report.failed} failed, {report.retries} retries; "
        f"HTTP fan-out {report.fanout_seconds:.2f} s, dispatch incl. outbox bookkeeping {total:.2f} s "
        f"({report.delivered / total:.0f}/s)"
    )
    print(
        f"  receiver: {stats['received']} requests, {stats['unique']} unique ids, {stats['duplicates']} duplicates, "
        f"{stats['bad_signatures']} bad signatures"
    )

    receiver.stop()
    second = publish(store, topic, until="2022-03-01")
    t0 = utcnow()
    t = time.perf_counter()
    down = dispatcher().dispatch(now=t0)
    print(
        f"run 2 (receiver down): {down.delivered} delivered, {down.failed} failed, {down.retries} retries in "
        f"{time.perf_counter() - t:.2f} s; outbox {status_counts(store, second.overview_id)}"
    )
    early = dispatcher().dispatch(now=t0 + timedelta(seconds=2))
    print(f"  2 s later: {early.claimed} claimed (backing off)")
    receiver.start()
    t = time.perf_counter()
    back = dispatcher().dispatch(now=t0 + timedelta(seconds=10))
    total = time.perf_counter() - t
    stats = receiver.stats()
    print(
        f"run 3 (receiver back): {back.delivered} delivered, {back.failed} failed, {back.retries} retries in "
        f"{total:.2f} s; outbox {status_counts(store, second.overview_id)}"
    )
    print(
        f"  receiver: {stats['received']} requests, {stats['unique']} unique ids, {stats['duplicates']} duplicates, "
        f"{stats['bad_signatures']} bad signatures"
    )
    receiver.stop()
    tmp.cleanup()


if __name__ == "__main__":
    main()
