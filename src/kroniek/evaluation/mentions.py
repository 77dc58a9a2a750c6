"""Score places, actors, figures and claims against gold in the format of ``../shared/eval``.

Per kind: span-overlap precision, recall and F1 (one-to-one matching inside each gold
sentence); a country counts as found under either kind (place or actor). Figures of
category ``other`` are not scored, on either side. Among matched spans: accuracy of
name/country (places), name (actors), value/category (figures), speaker/stance (claims,
matched by cue overlap).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kroniek.model import Document

KINDS = ("place", "actor", "figure", "claim")


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_document(path: Path) -> Document:
    """A seed document: one JSON string (decoded), else plain text; without a publication date it is narrative."""
    from kroniek.text.language import detect

    raw = path.read_text(encoding="utf-8")
    text = raw
    if raw.lstrip().startswith('"'):
        try:
            decoded = json.loads(raw)
        except json.JSONDecodeError:
            decoded = None
        if isinstance(decoded, str):
            text = decoded
    published = _publication_date(text)
    return Document(
        text=text,
        source=path.name,
        published=published,
        genre="news" if published else "narrative",
        language=detect(text),
        origin=str(path),
    )


def _publication_date(text: str) -> str | None:
    """A `` date 2022-02`` header makes a report news, as ``kroniek eval timex`` reads it."""
    try:
        from kroniek.evaluation.timex import publication_date
    except ImportError:  # pragma: no cover - the time evaluation is another stage's module
        return None
    return publication_date(text)


def extraction_pipeline() -> Callable[[Document], Document]:
    """The full extraction; without the time stage when it cannot be imported."""
    from kroniek.pipeline import Pipeline, factory

    names = ["sentences", "time", "places", "actors", "figures", "claims"]
    try:
        factory("time")
    except (ModuleNotFoundError, ImportError, KeyError):
        names.remove("time")
    return Pipeline(tuple(names))


def _span(m: dict[str, Any]) -> tuple[int, int]:
    if m["kind"] == "claim":
        return m["cue_start"], m["cue_end"]
    return m["start"], m["end"]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


@dataclass
class Counts:
    pred: int = 0
    gold: int = 0
    pred_matched: int = 0
    gold_matched: int = 0

    @property
    def precision(self) -> float:
        return self.pred_matched / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.gold_matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    attrs: dict[str, list[int]] = field(default_factory=dict)  # name -> [correct, total]
    errors: list[str] = field(default_factory=list)

    def tally(self, name: str, ok: bool) -> None:
        cell = self.attrs.setdefault(name, [0, 0])
        cell[0] += int(ok)
        cell[1] += 1

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for kind, c in self.counts.items():
            out[f"{kind}_precision"] = round(c.precision, 4)
            out[f"{kind}_recall"] = round(c.recall, 4)
            out[f"{kind}_f1"] = round(c.f1, 4)
            out[f"{kind}_gold"] = c.gold
            out[f"{kind}_predicted"] = c.pred
        for name, (ok, total) in sorted(self.attrs.items()):
            out[f"{name}_accuracy"] = round(ok / total, 4) if total else 0.0
        return out


def _is_state(m: dict[str, Any], countries: frozenset[str]) -> bool:
    if m["kind"] == "actor":
        return m.get("type") == "state"
    return m["kind"] == "place" and m.get("name") in countries


def _compatible(g: dict[str, Any], p: dict[str, Any], countries: frozenset[str]) -> bool:
    if g["kind"] == p["kind"]:
        return True
    pair = {g["kind"], p["kind"]}
    return pair == {"place", "actor"} and (_is_state(g, countries) or _is_state(p, countries))


def _same_value(a: Any, b: Any) -> bool:
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return a == b
    return abs(x - y) <= max(1e-3, 1e-3 * abs(y))


def score_sentence(gold: list[dict[str, Any]], pred: list[dict[str, Any]], report: Report, countries: frozenset[str],
                   label: str = "") -> None:  # fmt: skip
    """Match one sentence's predicted mentions to its gold mentions and tally the report."""
    ignored = [_span(g) for g in gold if g["kind"] == "figure" and g.get("category") == "other"]
    gold = [g for g in gold if not (g["kind"] == "figure" and g.get("category") == "other")]
    pred = [
        p
        for p in pred
        if not (
            p["kind"] == "figure" and (p.get("category") == "other" or any(_overlap(_span(p), s) > 0 for s in ignored))
        )
    ]
    for g in gold:
        report.counts[g["kind"]].gold += 1
    for p in pred:
        report.counts[p["kind"]].pred += 1
    used: set[int] = set()
    for g in gold:
        best, best_overlap = None, 0
        for i, p in enumerate(pred):
            if i in used or not _compatible(g, p, countries):
                continue
            ov = _overlap(_span(g), _span(p))
            if ov > best_overlap:
                best, best_overlap = i, ov
        if best is None:
            report.errors.append(f"MISS {label} {g['kind']}: {_describe(g)}")
            continue
        used.add(best)
        p = pred[best]
        report.counts[g["kind"]].gold_matched += 1
        report.counts[p["kind"]].pred_matched += 1
        _compare(g, p, report, label)
    for i, p in enumerate(pred):
        if i not in used:
            report.errors.append(f"FALSE {label} {p['kind']}: {_describe(p)}")


def _describe(m: dict[str, Any]) -> str:
    text = m.get("cue") if m["kind"] == "claim" else m.get("text")
    attrs = {
        k: v
        for k, v in m.items()
        if k not in {"kind", "start", "end", "text", "cue", "cue_start", "cue_end", "lat", "lon"}
    }
    return f"{text!r} {json.dumps(attrs, ensure_ascii=False)}"


def _compare(g: dict[str, Any], p: dict[str, Any], report: Report, label: str) -> None:
    checks: list[tuple[str, Any, Any, bool]] = []
    kind = g["kind"]
    if kind in {"place", "actor"}:
        checks.append((f"{kind}_name", g.get("name"), p.get("name"), g.get("name") == p.get("name")))
        if kind == "place" and p["kind"] == "place":
            checks.append(("place_country", g.get("country"), p.get("country"), g.get("country") == p.get("country")))
    elif kind == "figure":
        checks.append(("figure_value", g.get("value"), p.get("value"), _same_value(g.get("value"), p.get("value"))))
        checks.append(("figure_category", g.get("category"), p.get("category"), g.get("category") == p.get("category")))
    elif kind == "claim":
        checks.append(("claim_speaker", g.get("speaker"), p.get("speaker"), g.get("speaker") == p.get("speaker")))
        checks.append(("claim_stance", g.get("stance"), p.get("stance"), g.get("stance") == p.get("stance")))
    for name, want, got, ok in checks:
        report.tally(name, ok)
        if not ok:
            text = g.get("cue") if kind == "claim" else g.get("text")
            report.errors.append(f"WRONG {label} {name}: {text!r} gold={want!r} predicted={got!r}")


def evaluate(
    gold_path: str | Path, docs_dir: str | Path, pipeline: Callable[[Document], Document] | None = None
) -> Report:
    """Run the extraction over each gold document and score the mentions inside the gold sentences."""
    from kroniek.extract.entity_lexicon import lexicons

    countries = frozenset(e.name for e in lexicons().entries if e.kind == "country")
    lines = load_gold(gold_path)
    pipeline = pipeline or extraction_pipeline()
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for line in lines:
        by_doc.setdefault(line["doc"], []).append(line)
    report = Report()
    for name, gold_sentences in by_doc.items():
        doc = pipeline(load_document(Path(docs_dir) / name))
        predicted = [m.to_dict() for s in doc.sentences for m in s.mentions]
        _score_doc(gold_sentences, predicted, report, countries)
    return report


def _score_doc(gold_sentences: Iterable[dict[str, Any]], predicted: list[dict[str, Any]], report: Report,
               countries: frozenset[str]) -> None:  # fmt: skip
    spans = sorted((g["start"], g["end"], g) for g in gold_sentences)
    assigned: dict[int, list[dict[str, Any]]] = {i: [] for i in range(len(spans))}
    for p in predicted:
        ps = _span(p)
        for i, (s, e, _) in enumerate(spans):
            if _overlap(ps, (s, e)) > 0:
                assigned[i].append(p)
                break
    for i, (s, _e, g) in enumerate(spans):
        score_sentence(g["mentions"], assigned[i], report, countries, label=f"[{g['doc']}:{s}]")


def format_report(report: Report) -> str:
    lines = [f"{'kind':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
    for kind, c in report.counts.items():
        lines.append(f"{kind:<8} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.gold:5d} {c.pred:5d}")
    lines.append("")
    for name, (ok, total) in sorted(report.attrs.items()):
        acc = ok / total if total else 0.0
        lines.append(f"{name + ' accuracy':<28} {acc:6.3f}  ({ok}/{total})")
    return "\n".join(lines)
