"""Crash safety: `kroniek ingest` killed with SIGKILL mid-batch leaves every stored document whole,
and running the same batch again completes it without duplicates."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from kroniek.model import Document
from kroniek.pipeline import default_pipeline
from kroniek.store import Store, open_store
from kroniek.text.segment import Segmenter
from wordlist import WORDS

REPORTS = 40
KILL_AFTER = 8  # stored documents before the kill

PLACES = ["Kiev", "Charkiv", "Odesa", "Lviv", "Dnipro", "Marioepol", "Cherson", "Zaporizja", "Moskou", "Brussel"]
MONTHS = ["februari", "maart", "april", "mei"]


def report(seed: int) -> str:
    rng = random.Random(seed)
    lines = [f" date 2022-03-{1 + seed % 28:02d}", f" title Bericht {seed}"]
    sentences = []
    for _ in range(6):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 13))]
        where, day, month = rng.choice(PLACES), rng.randint(1, 28), rng.choice(MONTHS)
        sentences.append(f"In {where} " + " ".join(words) + f" op {day} {month} 2022.")
    return "\n".join(lines) + "\n" + " ".join(sentences) + "\n"


def kroniek_command() -> list[str]:
    script = Path(sys.executable).parent / "kroniek"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from kroniek.cli import main; main()"]


def check_intact(store: Store, reannotate: bool = True) -> int:
    """Every stored document has all its sentences and annotations; nothing points at nothing."""
    with store.engine.connect() as conn:
        orphans = {
            "sentences": "SELECT count(*) FROM sentences s LEFT JOIN documents d ON d.id = s.document_id "
            "WHERE d.id IS NULL",
            "timexes": "SELECT count(*) FROM timexes x LEFT JOIN sentences s ON s.id = x.sentence_id WHERE s.id IS NULL",
            "mentions": "SELECT count(*) FROM mentions m LEFT JOIN sentences s ON s.id = m.sentence_id "
            "WHERE s.id IS NULL",
        }
        for table, query in orphans.items():
            assert conn.execute(text(query)).scalar_one() == 0, f"orphan rows in {table}"
        if store.dialect == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    pipeline = default_pipeline()
    segmenter = Segmenter()
    docs = store.load_documents()
    for doc in docs:
        fresh = segmenter(Document(text=doc.text))
        assert len(doc.sentences) == len(fresh.sentences) > 0, f"document {doc.id} is missing sentences"
        assert [s.position for s in doc.sentences] == list(range(len(doc.sentences)))
        assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
        if not reannotate:
            continue
        again = pipeline(Document(text=doc.text, published=doc.published, genre=doc.genre, language=doc.language))
        assert sum(len(s.timex) for s in doc.sentences) == sum(len(s.timex) for s in again.sentences), doc.id
        assert sum(len(s.mentions) for s in doc.sentences) == sum(len(s.mentions) for s in again.sentences), doc.id
    return len(docs)


def test_sigkill_mid_batch_leaves_whole_documents_and_a_rerun_completes(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(REPORTS):
        (folder / f"bericht-{i:03d}.txt").write_text(report(i), encoding="utf-8")
    store = open_store(db_url)
    command = [*kroniek_command(), "ingest", str(folder), "--db", db_url, "--quiet"]
    env = os.environ | {"COLUMNS": "250", "NO_COLOR": "1"}

    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    try:
        while store.count("documents") < KILL_AFTER:
            assert process.poll() is None, f"ingest ended before the kill: {process.communicate()}"
            assert time.monotonic() < deadline, "ingest too slow to reach the kill point"
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()
    assert process.returncode == -signal.SIGKILL
    stored = check_intact(store)
    assert KILL_AFTER <= stored < REPORTS, "the kill must land mid-batch"

    rerun = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    summary = re.search(r"(\d+) added, (\d+) duplicates skipped, (\d+) failed", rerun.stdout)
    assert summary, rerun.stdout
    added, skipped, failed = map(int, summary.groups())
    assert (added, skipped, failed) == (REPORTS - stored, stored, 0)
    assert check_intact(store, reannotate=False) == REPORTS
    with store.engine.connect() as conn:
        distinct = conn.execute(text("SELECT count(DISTINCT origin) FROM documents")).scalar_one()
    assert distinct == REPORTS == store.count("documents"), "no report stored twice"
    with capsys.disabled():
        print(
            f"\n[crash] {store.dialect}: SIGKILL after {stored} of {REPORTS} reports stored; all {stored} intact "
            f"(sentences = fresh re-segmentation, annotations = fresh re-annotation, no orphans); "
            f"rerun: {added} added, {skipped} duplicates skipped, {failed} failed; {REPORTS} documents, none twice"
        )
