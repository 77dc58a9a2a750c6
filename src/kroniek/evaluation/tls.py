"""Timeline summarisation scores: alignment-based ROUGE (many-to-one) and Date-F1.

The metrics of Martschat & Markert (2017) as the ``tilse`` package computes them with
ROUGE-1.5.5 (``-n 2 -m -s -t 2``), reimplemented without Perl:

* tokens: the summary is lowercased, ``-`` split off, every character outside
  ``[A-Za-z0-9-]`` becomes a space; SMART stop words are dropped, tokens must start
  with ``[a-z0-9$]``, tokens longer than three characters are stemmed (WordNet exception
  list first, then Porter). N-grams run over the whole daily summary.
* alignment ("align+ m:1"): every predicted date is mapped to the reference date of least
  cost ``(1 - 1/(|days|+1)) * (1 - approximate ROUGE-1 F)``, and every reference date to a
  predicted date likewise; matched n-gram hits are weighted by ``1/(|days|+1)``.
* Date-F1: precision and recall of the set of dates.

The evaluation protocol of news-tls (Gholipour Ghalandari & Ifrim 2020): per reference
timeline, l = its number of dates, k = round(mean sentences per date), and only the
articles published between its first and last date are given to the summariser.
"""

from __future__ import annotations

import json
import re
import string
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kroniek.model import Document, Sentence
from kroniek.pipeline import Pipeline
from kroniek.timeline import TopicQuery, build_timeline

Timeline = Mapping[str, Sequence[str]]  # ISO date -> sentences

_NON_ALNUM = re.compile(r"[^A-Za-z0-9\-]")
_STARTS_OK = re.compile(r"^[a-z0-9$]")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    text = resources.files("kroniek").joinpath("data", "rouge_stopwords.txt").read_text(encoding="ascii")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def _exceptions() -> dict[str, str]:
    text = resources.files("kroniek").joinpath("data", "rouge_exceptions.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line)


# Porter (1980) as ROUGE-1.5.5 implements it (Martin Porter's Perl release 1 with the
# 'bli'/'logi' departures and Chin-Yew Lin's 2004 change to -ement/-ment/-ent in step 4).
_C = "[^aeiou][^aeiouy]*"
_V = "[aeiouy][aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_VOWEL_IN = re.compile(f"^({_C})?[aeiouy]")
_CVC = re.compile(f"^{_C}[aeiouy][^aeiouwxy]$")
_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
    "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
    "iviti": "ive", "biliti": "ble", "logi": "log",
}  # fmt: skip
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_STEP2_RE = re.compile("(" + "|".join(_STEP2) + ")$")
_STEP3_RE = re.compile("(" + "|".join(_STEP3) + ")$")
_STEP4_RE = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


def porter(w: str) -> str:
    """Stem one lowercase word exactly as ROUGE-1.5.5's Perl stemmer does."""
    if len(w) < 3:
        return w
    initial_y = w[0] == "y"
    if initial_y:
        w = "Y" + w[1:]
    if (m := re.search("(ss|i)es$", w)) or (m := re.search("([^s])s$", w)):
        w = w[: m.start()] + m[1]
    if w.endswith("eed"):
        if _MGR0.search(w[:-3]):
            w = w[:-1]
    elif m := re.search("(ed|ing)$", w):
        stem = w[: m.start()]
        if _VOWEL_IN.search(stem):
            w = stem
            if re.search("(at|bl|iz)$", w):
                w += "e"
            elif re.search(r"([^aeiouylsz])\1$", w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    if w.endswith("y") and _VOWEL_IN.search(w[:-1]):
        w = w[:-1] + "i"
    if m := _STEP2_RE.search(w):
        stem = w[: m.start()]
        if _MGR0.search(stem):
            w = stem + _STEP2[m[1]]
    if m := _STEP3_RE.search(w):
        stem = w[: m.start()]
        if _MGR0.search(stem):
            w = stem + _STEP3[m[1]]
    if (m := _STEP4_RE.search(w)) and _MGR1.search(w[: m.start()]):
        w = w[: m.start()]
    if w.endswith("ment") and _MGR1.search(w[:-4]):
        w = w[:-4]
    if w.endswith("ent"):
        if _MGR1.search(w[:-3]):
            w = w[:-3]
    elif (m := re.search("(s|t)(ion)$", w)) and _MGR1.search(w[: m.start()] + m[1]):
        w = w[: m.start()] + m[1]
    if w.endswith("e"):
        stem = w[:-1]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if w.endswith("ll") and _MGR1.search(w):
        w = w[:-1]
    if initial_y:
        w = "y" + w[1:]
    return w


@lru_cache(maxsize=200_000)
def _stem(token: str) -> str:
    if len(token) <= 3:
        return token
    exception = _exceptions().get(token)
    return exception if exception is not None else porter(token)


def rouge_tokens(text: str) -> list[str]:
    """The tokens ROUGE-1.5.5 counts for ``text`` (stemmed, stop words removed)."""
    text = text.split("<", 1)[0]  # the SEE format ROUGE reads stops a sentence at '<'
    lowered = "".join(c.lower() if "A" <= c <= "Z" else c for c in text)
    cleaned = _NON_ALNUM.sub(" ", lowered.replace("-", " - "))
    stop = _stopwords()
    return [_stem(tok) for tok in cleaned.split() if tok not in stop and _STARTS_OK.match(tok)]


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass
class _Summary:
    """One day of a timeline, prepared for scoring."""

    sentences: Sequence[str]
    grams: dict[int, Counter[tuple[str, ...]]] = field(default_factory=dict)
    raw: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, sentences: Sequence[str], orders: Sequence[int]) -> _Summary:
        tokens: list[str] = []
        raw: Counter[str] = Counter()
        for sent in sentences:
            tokens.extend(rouge_tokens(sent))
            raw.update(tok for tok in sent.split() if tok not in string.punctuation)  # as tilse 0.2.1
        return cls(sentences, {n: _ngrams(tokens, n) for n in orders}, raw)


def _approx_rouge1(pred: _Summary, ref: _Summary) -> float:
    """tilse's cheap ROUGE-1 F on whitespace tokens (bare punctuation left out), for alignment costs only."""
    small, large = (pred.raw, ref.raw) if len(pred.raw) <= len(ref.raw) else (ref.raw, pred.raw)
    match = sum(min(c, large[tok]) for tok, c in small.items() if tok in large)
    p_total, r_total = pred.raw.total(), ref.raw.total()
    prec = match / p_total if p_total else 0.0
    rec = match / r_total if r_total else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def _hits(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> int:
    if len(a) > len(b):
        a, b = b, a
    return sum(min(c, b[g]) for g, c in a.items() if g in b)


def _f(prec: float, rec: float) -> float:
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def _ordinal(day: str) -> int:
    return date.fromisoformat(day[:10]).toordinal()


def _align(rows: list[str], cols: list[str], cost: Callable[[str, str], float]) -> list[tuple[str, str]]:
    """Map every row to its cheapest column (first one on ties, like numpy's argmin)."""
    pairs = []
    for r in rows:
        best, best_cost = cols[0], float("inf")
        for c in cols:
            value = cost(r, c)
            if value < best_cost:
                best, best_cost = c, value
        pairs.append((r, best))
    return pairs


def alignment_rouge(pred: Timeline, ref: Timeline, orders: Sequence[int] = (1, 2)) -> dict[int, dict[str, float]]:
    """Many-to-one alignment ROUGE-N ("align+ m:1") of ``pred`` against one reference timeline.

    Returns ``{n: {"precision", "recall", "f_score"}}``.
    """
    pred_days = {d: _Summary.of(s, orders) for d, s in pred.items()}
    ref_days = {d: _Summary.of(s, orders) for d, s in ref.items()}
    p_dates, r_dates = sorted(pred_days), sorted(ref_days)
    out: dict[int, dict[str, float]] = {}
    if not p_dates or not r_dates:
        return {n: {"precision": 0.0, "recall": 0.0, "f_score": 0.0} for n in orders}

    def cost(p: str, r: str) -> float:
        date_factor = 1 - 1 / (abs(_ordinal(p) - _ordinal(r)) + 1)
        return date_factor * (1 - _approx_rouge1(pred_days[p], ref_days[r]))

    prec_pairs = _align(p_dates, r_dates, cost)
    rec_pairs = [(p, r) for r, p in _align(r_dates, p_dates, lambda r, p: cost(p, r))]
    for n in orders:
        num = sum(
            _hits(pred_days[p].grams[n], ref_days[r].grams[n]) / (abs(_ordinal(p) - _ordinal(r)) + 1)
            for p, r in prec_pairs
        )
        denom = sum(sum(pred_days[p].grams[n].values()) for p in p_dates)
        prec = num / denom if denom else 0.0
        num = sum(
            _hits(pred_days[p].grams[n], ref_days[r].grams[n]) / (abs(_ordinal(p) - _ordinal(r)) + 1)
            for p, r in rec_pairs
        )
        denom = sum(sum(ref_days[r].grams[n].values()) for r in r_dates)
        rec = num / denom if denom else 0.0
        out[n] = {"precision": prec, "recall": rec, "f_score": _f(prec, rec)}
    return out


def date_f1(pred: Timeline, ref: Timeline) -> float:
    shared = len(set(pred) & set(ref))
    if not shared:
        return 0.0
    return _f(shared / len(set(pred)), shared / len(set(ref)))


# --- the benchmark's files -------------------------------------------------------------


@dataclass
class Article:
    id: str
    time: str
    text: str


@dataclass
class Topic:
    name: str
    articles: list[Article]
    timelines: list[dict[str, list[str]]]
    keywords: list[str]


def read_timeline(items: Sequence[Sequence]) -> dict[str, list[str]]:
    """A gold timeline; sentences of a date listed twice are joined under that date."""
    out: dict[str, list[str]] = {}
    for day, sentences in items:
        out.setdefault(day[:10], []).extend(s.strip() for s in sentences)
    return dict(sorted(out.items()))


def load_topic(folder: Path) -> Topic:
    articles = []
    with open(folder / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                raw = json.loads(line)
                articles.append(Article(str(raw["id"]), raw["time"][:10], raw["text"]))
    articles.sort(key=lambda a: a.time)
    timelines = []
    with open(folder / "timelines.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                timelines.append(read_timeline(json.loads(line)))
    keywords_path = folder / "keywords.json"
    keywords = json.loads(keywords_path.read_text(encoding="utf-8")) if keywords_path.exists() else []
    return Topic(folder.name, articles, timelines, keywords)


def topic_folders(path: Path) -> list[Path]:
    """``path`` itself when it holds a topic, else its sub-folders that do."""
    if (path / "articles.jsonl").exists():
        return [path]
    return sorted(p for p in path.iterdir() if (p / "articles.jsonl").exists())


# --- running the protocol -----------------------------------------------------------------

Summariser = Callable[[Topic, Sequence[Article], int, int, str, str], Timeline]


@dataclass
class TimelineScore:
    topic: str
    index: int
    dates: int
    sentences: int
    ar1_f: float
    ar2_f: float
    date_f1: float
    seconds: float


def evaluate_topic(topic: Topic, summarise: Summariser) -> Iterator[TimelineScore]:
    """Score ``summarise(topic, articles, l, k, first, last)`` against every gold timeline."""
    for index, gold in enumerate(topic.timelines):
        days = sorted(gold)
        first, last = days[0], days[-1]
        l_dates = len(days)
        k_sents = round(sum(len(s) for s in gold.values()) / l_dates)
        articles = [a for a in topic.articles if first <= a.time <= last]
        started = time.perf_counter()
        pred = summarise(topic, articles, l_dates, k_sents, first, last)
        seconds = time.perf_counter() - started
        rouge = alignment_rouge(pred, gold)
        yield TimelineScore(
            topic.name, index, l_dates, k_sents, rouge[1]["f_score"], rouge[2]["f_score"], date_f1(pred, gold), seconds
        )


def averages(scores: Sequence[TimelineScore]) -> dict[str, float]:
    n = len(scores) or 1
    return {
        "ar1_f": sum(s.ar1_f for s in scores) / n,
        "ar2_f": sum(s.ar2_f for s in scores) / n,
        "date_f1": sum(s.date_f1 for s in scores) / n,
        "seconds": sum(s.seconds for s in scores) / n,
    }


# --- Kroniek on the benchmark -------------------------------------------------------------


def article_document(article: Article, language: str = "en", query: TopicQuery | None = None) -> Document:
    """A benchmark article as a Document: one sentence per line, offsets into the text.

    With a ``query``, only the lines on the topic become sentences: the rest would be
    annotated for nothing, as the summariser ignores them.
    """
    doc = Document(
        text=article.text, source=article.id, published=article.time, date_precision="day", language=language
    )
    pattern = query.pattern if query is not None else None
    offset = 0
    for line in article.text.split("\n"):
        stripped = line.strip()
        if stripped and (pattern is None or pattern.search(stripped)):
            begin = offset + line.index(stripped)
            doc.sentences.append(Sentence(begin, begin + len(stripped), stripped, position=len(doc.sentences)))
        offset += len(line) + 1
    return doc


def kroniek_summariser() -> Summariser:
    """Kroniek's own timeline summariser, with time tagging, in the benchmark's shape."""
    tagger = Pipeline(("time",))
    cache: dict[str, Document] = {}

    def summarise(topic: Topic, articles: Sequence[Article], l_dates: int, k_sents: int, first: str, last: str):
        query = TopicQuery.of(topic.keywords) if topic.keywords else None
        docs = []
        for a in articles:
            key = f"{topic.name}/{a.id}"
            if key not in cache:
                cache[key] = tagger(article_document(a, query=query))
            docs.append(cache[key])
        entries = build_timeline(
            docs, dates=l_dates, sentences=k_sents, start=first, end=last, query=query, language="en"
        )
        return {e.date: [s.text for s in e.sentences] for e in entries}

    return summarise


@dataclass
class Report:
    scores: list[TimelineScore]
    topic_seconds: dict[str, float]  # reading, time tagging and summarising (not scoring), all timelines of a topic

    def as_dict(self) -> dict[str, float]:
        out = averages(self.scores)
        out["seconds"] = sum(self.topic_seconds.values()) / (len(self.topic_seconds) or 1)
        return out


def evaluate(path: Path, summarise: Summariser | None = None) -> Report:
    """Run the protocol on every topic under ``path`` (a topic folder or a folder of them)."""
    summarise = summarise or kroniek_summariser()
    scores: list[TimelineScore] = []
    seconds: dict[str, float] = {}
    for folder in topic_folders(path):
        started = time.perf_counter()
        topic = load_topic(folder)
        reading = time.perf_counter() - started
        topic_scores = list(evaluate_topic(topic, summarise))
        scores.extend(topic_scores)
        seconds[topic.name] = reading + sum(s.seconds for s in topic_scores)
    return Report(scores, seconds)


def render(report: Report) -> str:
    lines = [f"{'topic':<12} {'tl':>2} {'l':>4} {'k':>2} {'AR1-F':>7} {'AR2-F':>7} {'Date-F1':>8}"]
    for s in report.scores:
        lines.append(
            f"{s.topic:<12} {s.index:>2} {s.dates:>4} {s.sentences:>2} {s.ar1_f:>7.3f} {s.ar2_f:>7.3f} {s.date_f1:>8.3f}"
        )
    avg = report.as_dict()
    lines.append(
        f"{'average':<12} {len(report.scores):>2} {'':>4} {'':>2} "
        f"{avg['ar1_f']:>7.3f} {avg['ar2_f']:>7.3f} {avg['date_f1']:>8.3f}"
    )
    lines.append("seconds per topic: " + ", ".join(f"{t} {s:.1f}" for t, s in report.topic_seconds.items()))
    return "\n".join(lines)
