"""Shared fixtures. Real inputs: the seeds and gold data are read from ../shared, never copied."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kroniek.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"
SAMPLES = ROOT / "samples"
SEED_NEWS = SEEDS / "000_52cbfcf192b59ab9.txt"
SEED_NARRATIVE = SEEDS / "004_673d561ad2e5bcf3.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    assert SHARED.is_dir(), f"{SHARED} is missing: the tests read the seeds and gold data from it"
    return SHARED


@pytest.fixture(scope="session")
def seed_narrative_text() -> str:
    return json.loads(SEED_NARRATIVE.read_text(encoding="utf-8"))


@pytest.fixture
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh, empty database for one test (outside tmp_path, which tests fill with inputs)."""
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'kroniek.db'}"


@pytest.fixture
def store(db_url: str) -> Store:
    return open_store(db_url)
