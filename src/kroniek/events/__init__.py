"""Events: sentences of many reports that describe the same development, merged into one record."""

from __future__ import annotations

from kroniek.events.cluster import EventClusterer
from kroniek.events.types import DEFAULT_TYPE, classify, classify_all, type_names

__all__ = ["DEFAULT_TYPE", "EventClusterer", "classify", "classify_all", "type_names"]
