"""The bundled sample reports, split into sentences once per session, for tests that store them."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

from kroniek.ingest import read_path
from kroniek.model import Document
from kroniek.pipeline import Pipeline
from kroniek.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@lru_cache(maxsize=1)
def _segmented() -> tuple[Document, ...]:
    segment = Pipeline(("sentences",))
    return tuple(segment(d) for d in read_path(SAMPLES) if isinstance(d, Document))


def store_samples(store: Store) -> None:
    """Store every sample report (fresh copies: storing sets their ids)."""
    for doc in copy.deepcopy(_segmented()):
        store.add_document(doc)
