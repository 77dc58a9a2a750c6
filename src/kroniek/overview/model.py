"""What an overview is made of, beyond the shared model: every sentence with all its sources."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kroniek.model import Overview, OverviewSection, TimelineSentence


@dataclass
class SourceRef:
    """One report sentence that says (about) the same thing as an overview sentence."""

    source: str
    document_id: int | None = None
    sentence_id: int | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None


@dataclass
class OverviewSentence(TimelineSentence):
    """A sentence taken from a report, with the other reports that say the same.

    ``role`` is "fact", or "contrast" for the second half of a contradiction
    ("Oekraïne meldt ...; Rusland ontkent dat"), shown side by side with the sentence before it.
    """

    published: str | None = None
    language: str | None = None
    role: str = "fact"
    also: list[SourceRef] = field(default_factory=list)

    @property
    def refs(self) -> list[SourceRef]:
        first = SourceRef(self.source, self.document_id, self.sentence_id, self.url, None, self.published)
        return [first, *self.also]


@dataclass
class UpdateSection(OverviewSection):
    key: str = ""  # stable identity of the development, to tell "new" from "changed" in the next update
    sources: int = 0  # independent reports behind it
    score: float = 0.0
    status: str = "new"  # "new", or "changed" when an earlier overview had it


@dataclass
class Update(Overview):
    """An overview with the metadata its renderings and the next overview need."""

    language: str = "nl"
    until: str | None = None
    opening_source: OverviewSentence | None = None
    documents: int = 0
    outlets: int = 0
    previous_id: int | None = None
    document_ids: list[int] = field(default_factory=list)  # the reports this overview has read

    def used_sentence_ids(self) -> list[int]:
        ids: list[int] = []
        sents: list[OverviewSentence] = [s for sec in self.sections for s in sec.sentences]  # type: ignore[misc]
        if self.opening_source is not None:
            sents.append(self.opening_source)
        for s in sents:
            ids.extend(r.sentence_id for r in s.refs if r.sentence_id is not None)
        return ids

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _sentence(data: dict[str, Any] | None) -> OverviewSentence | None:
    if data is None:
        return None
    data = dict(data)
    data["also"] = [SourceRef(**r) for r in data.get("also", [])]
    return OverviewSentence(**data)


def update_from_dict(data: dict[str, Any]) -> Update:
    """Rebuild an :class:`Update` from its JSON form (as stored in ``overviews.content``)."""
    data = dict(data)
    sections = []
    for sec in data.pop("sections", []):
        sec = dict(sec)
        sents = [_sentence(s) for s in sec.pop("sentences", [])]
        sections.append(UpdateSection(sentences=[s for s in sents if s is not None], **sec))
    opening = _sentence(data.pop("opening_source", None))
    known = {f for f in Update.__dataclass_fields__}
    return Update(sections=sections, opening_source=opening, **{k: v for k, v in data.items() if k in known})  # type: ignore[arg-type]
