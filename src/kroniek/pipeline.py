"""Pipeline components registered by name, in the spirit of spaCy's factories.

A component is a callable ``component(doc) -> doc`` that fills one annotation layer.
It is registered with :func:`component` together with what it assigns, and a
pipeline is built from a list of names, so a run can say exactly what it did.
Components are imported lazily: a pipeline that does not name a stage never
loads its lexicons.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kroniek.model import Document

Component = Callable[[Document], Document]


@dataclass(frozen=True)
class Factory:
    name: str
    make: Callable[[], Component]
    assigns: tuple[str, ...]


_FACTORIES: dict[str, Factory] = {}

# Where each stage lives; importing the module registers its factory.
_MODULES = {
    "sentences": "kroniek.text.segment",
    "time": "kroniek.extract.time",
    "places": "kroniek.extract.places",
    "actors": "kroniek.extract.actors",
    "figures": "kroniek.extract.figures",
    "claims": "kroniek.extract.claims",
}

DEFAULT_PIPELINE = ("sentences", "time", "places", "actors", "figures", "claims")


def component(name: str, assigns: Iterable[str] = ()) -> Callable[[Callable[[], Component]], Callable[[], Component]]:
    """Register a factory (a zero-argument callable returning a component) under ``name``."""

    def register(make: Callable[[], Component]) -> Callable[[], Component]:
        _FACTORIES[name] = Factory(name, make, tuple(assigns))
        return make

    return register


def factory(name: str) -> Factory:
    if name not in _FACTORIES and name in _MODULES:
        importlib.import_module(_MODULES[name])
    try:
        return _FACTORIES[name]
    except KeyError:
        raise KeyError(f"no pipeline component named {name!r}; known: {sorted(_MODULES)}") from None


def available() -> list[str]:
    """The names of the default pipeline (every stage of it is part of the package)."""
    return list(DEFAULT_PIPELINE)


@dataclass
class Pipeline:
    names: tuple[str, ...] = DEFAULT_PIPELINE
    components: list[Component] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.components = [factory(name).make() for name in self.names]

    def __call__(self, doc: Document) -> Document:
        for stage in self.components:
            doc = stage(doc)
        return doc

    @property
    def config(self) -> dict[str, object]:
        """What this pipeline ran, saved with results so they can be reproduced."""
        return {"pipeline": list(self.names)}


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The full pipeline, built once per process (its lexicons load once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline(DEFAULT_PIPELINE)
    return _DEFAULT
