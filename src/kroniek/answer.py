"""Short questions answered from the sources, every answer with its citations.

"wanneer/when ..." gives dates, "hoeveel/how many ..." the figures with each source's number
side by side, "wie/who ..." the actors; any other question gets the best passages.
The passages come from :func:`kroniek.store.search.search`; the dates, figures and actors
from what the pipeline stored with those sentences (event dates, time expressions, figure,
actor and claim mentions). Nothing is generated: each item points at its sentences.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from kroniek.store import Store
from kroniek.store.search import SearchHit, lexeme, parse_query, score_pool, search, sentence_annotations

Kind = Literal["when", "how_many", "who", "passages"]

QUESTION_WORDS: list[tuple[Kind, re.Pattern[str]]] = [
    ("when", re.compile(r"^(?:sinds |tot )?(?:wanneer|when|op welke (?:dag|datum)|on what (?:day|date)|what date)\b")),
    ("how_many", re.compile(r"^(?:hoeveel|how (?:many|much))\b")),
    ("who", re.compile(r"^(?:(?:door|met|van|tegen|aan|by|with|from|against) )?(?:wie|who|whom)\b")),
]
# Words of a question that say which figures it asks about, by figure category.
CATEGORY_WORDS = {
    "killed": "doden dode gedood omgekomen gesneuveld sneuvelden slachtoffers killed dead deaths died casualties",
    "injured": "gewonden gewond gewonde injured wounded hurt",
    "displaced": "ontheemden ontheemd displaced",
    "refugees": "vluchtelingen gevlucht vluchtten vluchteling refugees fled",
    "prisoners": "gevangenen krijgsgevangenen gevangen prisoners captured detained",
    "troops": "troepen soldaten militairen manschappen troops soldiers",
    "money": "euro dollar geld steun kosten money aid cost",
    "weapons": "wapens tanks raketten drones weapons missiles",
}
DATE_RE = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?")


@dataclass
class Citation:
    sentence_id: int
    document_id: int
    source: str
    title: str | None
    published: str | None
    url: str | None
    text: str

    @classmethod
    def of(cls, hit: SearchHit) -> Citation:
        return cls(hit.sentence_id, hit.document_id, hit.source, hit.title, hit.published, hit.url, hit.text)


@dataclass
class AnswerItem:
    """One answer (a date, a source's figure, an actor) with the sentences that say it."""

    value: str
    label: str
    citations: list[Citation] = field(default_factory=list)
    score: float = 0.0
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Answer:
    question: str
    kind: Kind
    text: str
    items: list[AnswerItem] = field(default_factory=list)
    passages: list[Citation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def classify(question: str) -> tuple[Kind, str]:
    """The kind of question and what is left to search for once the question word is gone."""
    q = question.strip().lower()
    for kind, pattern in QUESTION_WORDS:
        match = pattern.match(q)
        if match:
            return kind, question.strip()[match.end() :].strip(" ?")
    return "passages", question.strip(" ?")


def passages(store: Store, query: str, limit: int = 20, **filters: Any) -> list[SearchHit]:
    """The best sentences for ``query``: those with all its words, else with all but one, else any.

    Candidates from the narrower searches are ranked together by the full query's BM25, so
    a sentence with more of the question's words comes first.
    """
    kw = {"limit": limit, "facets": False, **filters}
    hits = search(store, query, **kw).hits
    parsed = parse_query(query, filters.get("language"))
    if len(hits) >= 3 or len(parsed.words) < 2:
        return hits or search(store, query, mode="any", **kw).hits
    found: dict[int, SearchHit] = {h.sentence_id: h for h in hits}
    for i in range(len(parsed.words)):
        for hit in search(store, " ".join(parsed.words[:i] + parsed.words[i + 1 :]), **kw).hits:
            found.setdefault(hit.sentence_id, hit)
    if not found:
        for hit in search(store, query, mode="any", **kw).hits:
            found.setdefault(hit.sentence_id, hit)
    candidates = list(found.values())
    for hit, (score, spans) in zip(candidates, score_pool(candidates, parsed), strict=True):
        hit.score = round(score, 6)
        hit.highlights = sorted(spans)
    return sorted(candidates, key=lambda h: (-h.score, -h.sentence_id))[:limit]


def _add(items: dict[str, AnswerItem], key: str, label: str, hit: SearchHit, weight: float, **details: Any) -> None:
    item = items.get(key)
    if item is None:
        item = items[key] = AnswerItem(key, label, details=details)
    if all(c.sentence_id != hit.sentence_id for c in item.citations):
        item.citations.append(Citation.of(hit))
    item.score += weight


def _weight(rank: int) -> float:
    return 1.0 / (1 + rank)


def _strong(hits: list[SearchHit]) -> list[SearchHit]:
    """The hits that score at least half the best: answers come from the passages that fit."""
    if not hits:
        return hits
    best = hits[0].score
    return [h for h in hits if h.score >= best / 2] if best > 0 else hits


def answer_when(hits: list[SearchHit], notes: dict[int, dict[str, list[dict[str, Any]]]]) -> list[AnswerItem]:
    items: dict[str, AnswerItem] = {}
    for rank, hit in enumerate(hits):
        dates = [hit.event_date] if hit.event_date else []
        dates += [x["value"] for x in notes.get(hit.sentence_id, {}).get("timex", []) if x["type"] == "DATE"]
        # "2022-02-27TMO" (a part of the day) counts for its day.
        dates = list(dict.fromkeys(m.group() for d in dates if d and (m := DATE_RE.match(d))))
        if dates:
            for d in dates:
                _add(items, d, "date in the sentence", hit, _weight(rank))
        elif hit.published:
            # No date in the sentence: the report's date, counted at half weight.
            _add(items, hit.published[:10], "date of the report", hit, _weight(rank) / 2)
    return sorted(items.values(), key=lambda i: (-i.score, i.value))


def _categories(question: str) -> set[str]:
    words = {w for w in re.findall(r"[^\W\d_]+", question.lower())}
    stems = {lexeme(c, w) for w in words for c in ("nl", "en")} | words
    return {
        cat for cat, cues in CATEGORY_WORDS.items() if any(c in words or lexeme("nl", c) in stems for c in cues.split())
    }


NUMBER_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,\s]\d{3})+(?![\w.,]\d)|(?<![\w.,])\d+(?![\w.,]\d)")


def _text_figures(text_: str) -> list[str]:
    """Numbers written in a sentence (when no figure layer was stored), years left out."""
    out = []
    for match in NUMBER_RE.finditer(text_):
        raw = match.group()
        if re.fullmatch(r"(19|20)\d\d", raw):
            continue
        out.append(raw)
    return out


def answer_how_many(
    hits: list[SearchHit], notes: dict[int, dict[str, list[dict[str, Any]]]], question: str
) -> list[AnswerItem]:
    """Each source's figure for what the question counts, side by side (one item per source)."""
    wanted = _categories(question)
    per_source: dict[str, AnswerItem] = {}
    for rank, hit in enumerate(hits):
        figures = notes.get(hit.sentence_id, {}).get("figure", [])
        if wanted:
            figures = [f for f in figures if f["attrs"].get("category") in wanted] or (
                [] if any(f["attrs"].get("category") for f in figures) else figures
            )
        found = [
            (
                f["text"],
                {k: f["attrs"].get(k) for k in ("value", "value_max", "approx", "qualifier", "category", "who")}
                | {"attribution": f["attrs"].get("attribution"), "from": "figures"},
            )
            for f in figures
        ]
        if not found and not notes.get(hit.sentence_id, {}).get("figure"):
            found = [(raw, {"from": "text"}) for raw in _text_figures(hit.text)]
        if not found or hit.source in per_source:
            continue
        said, details = found[0]
        item = AnswerItem(said, hit.source, [Citation.of(hit)], _weight(rank), details)
        per_source[hit.source] = item
    return sorted(per_source.values(), key=lambda i: -i.score)


def answer_who(
    hits: list[SearchHit], notes: dict[int, dict[str, list[dict[str, Any]]]], question: str
) -> list[AnswerItem]:
    asked = question.lower()
    items: dict[str, AnswerItem] = {}
    for rank, hit in enumerate(hits):
        for note in notes.get(hit.sentence_id, {}).get("actor", []) + notes.get(hit.sentence_id, {}).get("claim", []):
            name = note["name"]
            if not name or name.lower() in asked or note["text"].lower() in asked:
                continue  # the question's own actors are not its answer
            label = "speaker" if note["kind"] == "claim" else str(note["attrs"].get("type") or "actor")
            _add(items, name, label, hit, _weight(rank))
    return sorted(items.values(), key=lambda i: (-i.score, i.value))


ENGLISH_QUESTION = re.compile(r"^(?:when|how|who|whom|what|which|where|why|by|on)\b", re.IGNORECASE)


def _summary(kind: Kind, items: list[AnswerItem], hits: list[SearchHit], english: bool) -> str:
    if not hits:
        return "No passages found." if english else "Geen passages gevonden."
    if kind == "passages" or not items:
        return hits[0].text
    if kind == "when":
        top = items[0]
        n = len(top.citations)
        sources = ("source" if n == 1 else "sources") if english else ("bron" if n == 1 else "bronnen")
        return f"{top.value} ({n} {sources})"
    if kind == "how_many":
        return "; ".join(f"{i.label}: {i.value}" for i in items[:6])
    return ", ".join(i.value for i in items[:5])


def ask(store: Store, question: str, *, limit: int = 5, **filters: Any) -> Answer:
    """Answer a short question from the stored sources (see the module's docstring)."""
    kind, body = classify(question)
    hits = passages(store, body or question, limit=30, **filters)
    notes = sentence_annotations(store, [h.sentence_id for h in hits]) if kind != "passages" else {}
    strong = _strong(hits)
    if kind == "when":
        items = answer_when(strong, notes)
    elif kind == "how_many":
        # A question that names what it counts may take figures from any passage found.
        items = answer_how_many(hits if _categories(body) else strong, notes, body)
    elif kind == "who":
        items = answer_who(strong, notes, body)
    else:
        items = []
    return Answer(
        question=question,
        kind=kind,
        text=_summary(kind, items, hits, bool(ENGLISH_QUESTION.match(question.strip()))),
        items=items[: max(limit, 8) if kind == "how_many" else limit],
        passages=[Citation.of(h) for h in hits[:limit]],
    )


def render_text(answer: Answer) -> str:
    """The answer for a terminal: the short answer, the items with their citations, the passages."""
    lines = [f"V: {answer.question}", f"A: {answer.text}"]
    for item in answer.items:
        cites = ", ".join(f"[s{c.sentence_id} d{c.document_id}]" for c in item.citations[:4])
        lines.append(f"  - {item.value}  ({item.label})  {cites}")
        for c in item.citations[:2]:
            lines.append(f"      {c.source}, {c.published or '?'}: {c.text}")
    if answer.kind == "passages" or not answer.items:
        for c in answer.passages:
            lines.append(f"  [s{c.sentence_id} d{c.document_id}] {c.source}, {c.published or '?'}: {c.text}")
    return "\n".join(lines)
