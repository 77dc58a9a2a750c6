"""The overview composer: what happened since the previous update, in a few headed sections.

How it reads the reports:

1. **Candidates.** Content sentences of the reports published in the window (since the
   previous overview, or the last ``window_hours`` before the newest report), without page
   boilerplate, questions or fragments.
2. **Developments.** A report falls apart in blocks: its lead (under the title) and each
   headed section. Blocks that share their vocabulary (TF-IDF cosine) and lie within a day
   of each other report one development. When the event layer is there, blocks whose sentences
   it puts in one event (from different reports) join one development too.
3. **Ranking.** A development weighs by its independent sources (near-duplicate reports count
   once), whether it leads a report, figures, contradictions, and recency.
4. **Sentences.** Per development, 1-3 sentences taken whole from the reports (so attributions
   stay: "volgens Kiev ...", "Rusland ontkent dat"), central first; a denial comes right after
   the claim it denies; sentences that say the same are merged into one, with every report that
   says it as a source; a sentence that leans on the one before it ("Die ...", "Hij ...") only
   comes after that one.
5. **Nothing twice.** Sentences used by the previous overview, or saying the same, are left out;
   a development that was there before and has new sentences is marked "changed".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from kroniek.model import Document, Event, Sentence
from kroniek.overview.model import OverviewSentence, SourceRef, Update, UpdateSection
from kroniek.text.boilerplate import is_boilerplate
from kroniek.timeline.query import TopicQuery
from kroniek.timeline.text import Vector, centroid, content_terms, cosine, idf, tfidf

# Calls to the reader that the segmenter may not flag yet ("zet meldingen aan", "stay tuned").
_EXTRA_BOILERPLATE = re.compile(
    r"\b(meldingen aan|blijf op de hoogte|stay (up to date|tuned)|turn on notifications)\b", re.IGNORECASE
)
# A sentence that leans on the one before it cannot open a paragraph on its own.
_ANAPHORIC = frozenset(
    [
        "die",
        "dat",
        "deze",
        "dit",
        "hij",
        "zij",
        "ze",
        "ook",
        "daarna",
        "daarbij",
        "bovendien",
        "hierdoor",
        "daardoor",
        "toen",
        "dezelfde",
        "zo",
        "verder",
        "daarnaast",
        "eveneens",
        "evenmin",
        "hiermee",
        "daarmee",
        "he",
        "she",
        "they",
        "it",
        "this",
        "that",
        "these",
        "those",
        "also",
        "then",
        "such",
    ]
)
# Denials and rebuttals, used when the claims layer has nothing to say.
_DENIAL = re.compile(
    r"\b(ontkent|ontkennen|ontkende|ontkenden|weerspreekt|spreekt (dat|dit) tegen|daarentegen|"
    r"(noemt|noemde|noemen) (dat|dit|die \w+|de \w+)? ?(onjuist|onwaar|propaganda|nepnieuws|leugens?)|"
    r"(kloppen|klopt) niet|niet (kloppen|klopt)|"
    r"denies|denied|deny|rejects?|rejected|dismisse[sd]|disputes?|disputed|called (it|the \w+) (false|propaganda))\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = frozenset(
    [
        "een",
        "twee",
        "drie",
        "vier",
        "vijf",
        "zes",
        "zeven",
        "acht",
        "negen",
        "tien",
        "elf",
        "twaalf",
        "dertien",
        "veertien",
        "vijftien",
        "twintig",
        "dertig",
        "veertig",
        "vijftig",
        "honderd",
        "duizend",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "thousand",
    ]
)

MIN_TERMS = 4
MAX_CHARS = 450


@dataclass
class ComposeOptions:
    max_sections: int = 5
    per_section: int = 3
    language: str = "nl"
    window_hours: int = 24  # a first overview covers the reports of the last day before its moment
    link: float = 0.28  # blocks this similar report one development
    same: float = 0.5  # sentences this similar say the same thing
    duplicate: float = 0.8  # reports this similar are one source (a re-publication)


@dataclass
class _Cand:
    doc: Document
    sent: Sentence
    index: int  # position among the report's candidate sentences
    block: int
    terms: list[str]
    vector: Vector = field(default_factory=dict)
    known: bool = False
    relevant: bool = True

    @property
    def first_word(self) -> str:
        m = re.match(r"\W*(\w+)", self.sent.text)
        return m.group(1).lower() if m else ""

    @property
    def anaphoric(self) -> bool:
        return self.first_word in _ANAPHORIC

    @property
    def denial(self) -> bool:
        if any(c.attrs.get("stance") == "denies" for c in self.sent.mentions_of("claim")):
            return True
        return bool(_DENIAL.search(self.sent.text))

    @property
    def numbers(self) -> frozenset[str]:
        return numbers(self.sent.text)

    @property
    def has_figure(self) -> bool:
        return bool(self.sent.mentions_of("figure")) or bool(_DIGIT.search(self.sent.text))


@dataclass
class _Block:
    id: int
    doc: Document
    heading: str | None  # None for the lead, under the report's title
    cands: list[_Cand] = field(default_factory=list)
    vector: Vector = field(default_factory=dict)


@dataclass
class _Development:
    blocks: list[_Block] = field(default_factory=list)
    cands: list[_Cand] = field(default_factory=list)
    vector: Vector = field(default_factory=dict)
    score: float = 0.0
    families: int = 0


def _lang(doc: Document) -> str:
    return (doc.language or "nl")[:2]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def usable(sent: Sentence) -> bool:
    text = sent.text.strip()
    return not (
        sent.boilerplate
        or is_boilerplate(text)
        or _EXTRA_BOILERPLATE.search(text)
        or text.endswith("?")
        or len(text) > MAX_CHARS
        or not text[:1].isupper()
        and not text[:1].isdigit()
        and text[:1] not in "\"'‘“"
    )


def _window(
    docs: Sequence[Document], since: str | None, until: str | None, hours: int
) -> tuple[str | None, str | None]:
    dated = sorted(d.published for d in docs if d.published and (until is None or d.published[: len(until)] <= until))
    if until is None and dated:
        until = dated[-1]
    if since is None and until:
        newest = _day(until)
        if newest is not None:
            since = (newest - timedelta(hours=hours)).isoformat()
    return since, until


def _in_window(doc: Document, since: str | None, until: str | None) -> bool:
    if not doc.published:
        return since is None
    if since and doc.published < since[: len(doc.published)]:
        return False
    return not (until and doc.published[: len(until)] > until)


class Composer:
    def __init__(self, options: ComposeOptions | None = None) -> None:
        self.options = options or ComposeOptions()

    # -- candidates and developments ----------------------------------------------------

    def _candidates(self, docs: Sequence[Document]) -> tuple[list[_Cand], list[_Block]]:
        cands: list[_Cand] = []
        blocks: list[_Block] = []
        for doc in docs:
            by_heading: dict[str | None, _Block] = {}
            index = 0
            for sent in doc.content_sentences:
                if not usable(sent):
                    continue
                terms = content_terms(sent.text, _lang(doc))
                if len(terms) < MIN_TERMS and not _DENIAL.search(sent.text):
                    continue  # a fragment; but "Rusland ontkent dat." stays, to stand next to its claim
                block = by_heading.get(sent.section)
                if block is None:
                    block = by_heading[sent.section] = _Block(len(blocks), doc, sent.section)
                    blocks.append(block)
                cand = _Cand(doc, sent, index, block.id, terms)
                block.cands.append(cand)
                cands.append(cand)
                index += 1
        weights = idf(c.terms for c in cands)
        self._weights = weights
        for c in cands:
            c.vector = tfidf(c.terms, weights)
        for b in blocks:
            extra = content_terms(b.doc.title or "", _lang(b.doc)) if b.heading is None else []
            extra += content_terms(b.heading or "", _lang(b.doc))
            b.vector = centroid(
                [*(c.vector for c in b.cands), tfidf(extra, weights)] if extra else (c.vector for c in b.cands)
            )
        return cands, blocks

    def _cluster(self, blocks: list[_Block]) -> list[_Development]:
        """Leader clustering in publication order: a block joins the closest development of its days."""
        devs: list[_Development] = []
        order = sorted(blocks, key=lambda b: (b.doc.published or "", b.heading is not None, b.id))
        for block in order:
            best, best_sim = None, self.options.link
            day = _day(block.doc.published)
            for dev in devs:
                days = [_day(b.doc.published) for b in dev.blocks]
                if day and days and all(d and abs((d - day).days) > 1 for d in days):
                    continue
                if any(b.doc is block.doc for b in dev.blocks):
                    continue  # the sections of one report are its own distinct developments
                sim = cosine(block.vector, dev.vector)
                if sim > best_sim:
                    best, best_sim = dev, sim
            if best is None:
                best = _Development()
                devs.append(best)
            best.blocks.append(block)
            best.cands.extend(block.cands)
            best.vector = centroid(b.vector for b in best.blocks)
        return devs

    def _link_by_events(self, devs: list[_Development], events: Sequence[Event]) -> list[_Development]:
        """Join developments that the event layer says report the same event (from different reports).

        Events are finer than developments (one event is often one or two sentences), so they
        do not replace the report blocks; they tie together blocks the words alone kept apart.
        """
        where = {c.sent.id: i for i, dev in enumerate(devs) for c in dev.cands if c.sent.id is not None}
        parent = list(range(len(devs)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for event in events:
            members = [s for s in event.sources if s.sentence_id is not None and s.sentence_id in where]
            if len({s.document_id for s in members}) < 2:
                continue
            found = sorted({root(where[s.sentence_id]) for s in members if s.sentence_id is not None})
            if not 1 < len(found) <= 3:  # a wider event is a theme, not a development
                continue
            for other in found[1:]:
                # the event links them, but the reports' blocks must still share some vocabulary
                if cosine(devs[found[0]].vector, devs[other].vector) >= self.options.link / 2:
                    parent[other] = found[0]
        merged: dict[int, _Development] = {}
        for i, dev in enumerate(devs):
            target = merged.setdefault(root(i), _Development())
            target.blocks += dev.blocks
            target.cands += dev.cands
        for dev in merged.values():
            dev.vector = centroid(b.vector for b in dev.blocks)
        return list(merged.values())

    # -- ranking ------------------------------------------------------------------------

    def _families(self, docs: Sequence[Document], cands: list[_Cand]) -> dict[int, int]:
        """Each report's family: a re-publication of another report joins its family."""
        doc_vecs = {id(d): centroid(c.vector for c in cands if c.doc is d) for d in docs}
        family: dict[int, int] = {}
        for i, d in enumerate(docs):
            family[id(d)] = i
            for e in docs[:i]:
                if cosine(doc_vecs[id(d)], doc_vecs[id(e)]) >= self.options.duplicate:
                    family[id(d)] = family[id(e)]
                    break
        return family

    def _score(self, dev: _Development, family: dict[int, int], newest: date | None) -> None:
        fresh = [c for c in dev.cands if not c.known and c.relevant]
        docs = {id(c.doc): c.doc for c in fresh}
        dev.families = len({family[k] for k in docs})
        if not fresh:
            dev.score = 0.0
            return
        lead = any(c.sent.section is None and c.index == 0 for c in fresh)
        figures = any(c.has_figure for c in fresh)
        contrast = any(c.denial for c in fresh)
        days = [_day(d.published) for d in docs.values()]
        latest = max((d for d in days if d), default=None)
        age = (newest - latest).days if newest and latest else 0
        foreign = 1.0 if any(_lang(c.doc) == self.options.language for c in fresh) else 0.7
        dev.score = (
            foreign
            * (dev.families + 0.6 * lead + 0.3 * figures + 0.4 * contrast + 0.05 * min(len(fresh), 10))
            / (1 + 0.5 * max(age, 0))
        )

    # -- sentences ----------------------------------------------------------------------

    def _pick(self, dev: _Development, used: list[_Cand]) -> list[tuple[_Cand, str]]:
        same = self.options.same
        fresh = [c for c in dev.cands if not c.known]
        if not fresh:
            return []
        center = centroid(c.vector for c in fresh)
        lang = self.options.language
        by_pos = {(id(c.doc), c.index): c for c in dev.cands}

        def priority(c: _Cand) -> float:
            p = cosine(c.vector, center)
            if c.index == 0:
                p += 0.35
            elif dev_first.get(c.block) is c:
                p += 0.2
            if c.doc.published and c.doc.published == newest:
                p += 0.15
            if _lang(c.doc) == lang:
                p += 0.2
            if c.has_figure:
                p += 0.05
            if c.anaphoric:
                p -= 0.3
            return p

        newest = max((c.doc.published or "" for c in fresh), default="")
        dev_first: dict[int, _Cand] = {}
        for c in fresh:
            dev_first.setdefault(c.block, c)
        picked: list[tuple[_Cand, str]] = []
        room = self.options.per_section

        def redundant(c: _Cand) -> bool:
            return any(_same(c, u, same) for u in used)

        def take(c: _Cand, role: str) -> None:
            picked.append((c, role))
            used.append(c)

        def follows(c: _Cand) -> bool:
            return any(p.doc is c.doc and p.index == c.index - 1 for p, _ in picked)

        skipped: set[int] = set()
        while len(picked) < room:
            options = [c for c in fresh if id(c) not in skipped and not any(c is p for p, _ in picked)]
            if not options:
                break
            c = max(options, key=lambda c: (priority(c) + (0.25 if follows(c) else 0.0), -c.index))
            skipped.add(id(c))
            if redundant(c):
                continue
            before = by_pos.get((id(c.doc), c.index - 1))
            if c.denial and before is not None and not before.known and not follows(c) and not redundant(before):
                claim = [before]  # the claim, and what it leans on ("Ook zou ..." needs the sentence before)
                while claim[0].anaphoric and len(claim) < room - 1:
                    earlier = by_pos.get((id(claim[0].doc), claim[0].index - 1))
                    if earlier is None or earlier.known or redundant(earlier):
                        break
                    claim.insert(0, earlier)
                if claim[0].anaphoric or len(picked) + len(claim) + 1 > room:
                    continue
                for part in claim:
                    take(part, "fact")
                take(c, "contrast")
                continue
            if c.anaphoric and not (picked and picked[-1][0] is before) and not (used and used[-1] is before):
                continue
            take(c, "contrast" if c.denial and follows(c) else "fact")
            after = by_pos.get((id(c.doc), c.index + 1))
            if after is not None and after.denial and not after.known and len(picked) < room and not redundant(after):
                take(after, "contrast")
                skipped.add(id(after))
        return picked

    def _sentence(self, c: _Cand, role: str, pool: Sequence[_Cand]) -> OverviewSentence:
        also: list[SourceRef] = []
        seen = {id(c.doc)}
        for other in pool:
            if id(other.doc) in seen or other is c:
                continue
            if _same(c, other, self.options.same):
                seen.add(id(other.doc))
                also.append(
                    SourceRef(
                        source=other.doc.source or other.doc.origin or "",
                        document_id=other.doc.id,
                        sentence_id=other.sent.id,
                        url=other.doc.url,
                        title=other.doc.title,
                        published=other.doc.published,
                    )
                )
        return OverviewSentence(
            text=c.sent.text.strip(),
            source=c.doc.source or c.doc.origin or "",
            document_id=c.doc.id,
            sentence_id=c.sent.id,
            url=c.doc.url,
            published=c.doc.published,
            language=_lang(c.doc),
            role=role,
            also=also,
        )

    def _headline(self, dev: _Development, picked: list[tuple[_Cand, str]]) -> str:
        lang = self.options.language
        options: list[tuple[float, str]] = []
        first_blocks = [p.block for p, _ in picked]
        blocks = {c.block: c for c in dev.cands}
        for block_id, c in blocks.items():
            doc = c.doc
            if c.sent.section:
                texts = [c.sent.section]
            elif doc.title:
                texts = [part.strip() for part in re.split(r";\s+|:\s+(?=[A-Z])", doc.title) if part.strip()]
            else:
                continue
            for text in texts:
                vec = tfidf(content_terms(text, _lang(doc)), self._weights)
                score = cosine(vec, centroid(p.vector for p, _ in picked)) if picked else 0.0
                score += 0.3 if block_id in first_blocks[:1] else 0.0
                score += 0.3 if _lang(doc) == lang else 0.0
                score -= 0.002 * max(len(text) - 80, 0)
                options.append((score, text))
        if not options:
            return _short(picked[0][0].sent.text)
        options.sort(key=lambda o: -o[0])
        return options[0][1].rstrip(".")

    # -- the whole --------------------------------------------------------------------------

    def compose(
        self,
        docs: Sequence[Document],
        *,
        topic: str | None = None,
        since: str | None = None,
        until: str | None = None,
        previous: Update | None = None,
        events: Sequence[Event] | None = None,
        query: TopicQuery | None = None,
        created: datetime | None = None,
    ) -> Update:
        opts = self.options
        seen: set[int] = set()
        if previous is not None:
            seen = set(previous.document_ids)
            if since is None:
                since = previous.until  # reports of that day it had not read yet still count
        since, until = _window(docs, since, until, opts.window_hours)
        window = [d for d in docs if _in_window(d, since, until) and (d.id is None or d.id not in seen)]
        cands, blocks = self._candidates(window)
        if query is not None and not query.empty:
            # A block is on the topic when one of its sentences, its heading or (for a lead) the
            # report's title matches; then all of its sentences may tell the story.
            pattern = query.pattern
            for b in blocks:
                label = b.heading if b.heading is not None else (b.doc.title or "")
                hit = bool(pattern and pattern.search(label)) or any(query.matches(c.sent, c.doc) for c in b.cands)
                for c in b.cands:
                    c.relevant = hit
        if previous is not None:
            self._mark_known(cands, previous)
        devs = self._cluster(blocks)
        if events:
            devs = self._link_by_events(devs, events)
        family = self._families(window, cands)
        newest = _day(until)
        for dev in devs:
            self._score(dev, family, newest)
            if query is not None and not query.empty and not any(c.relevant for c in dev.cands):
                dev.score = 0.0
        devs = sorted((d for d in devs if d.score > 0), key=lambda d: -d.score)
        used: list[_Cand] = []
        opening = self._lead(devs[0]) if devs else None
        if opening is not None:
            used.append(opening)
        sections: list[UpdateSection] = []
        previous_keys = {s.key for s in previous.sections} if previous else set()  # type: ignore[attr-defined]
        for dev in devs:
            if len(sections) >= opts.max_sections:
                break
            picked = self._pick(dev, used)
            if not picked:
                continue
            key = _key(dev)
            status = "changed" if key in previous_keys or any(c.known for c in dev.cands) else "new"
            sections.append(
                UpdateSection(
                    headline=self._headline(dev, picked),
                    sentences=[self._sentence(c, role, dev.cands + cands) for c, role in picked],
                    key=key,
                    sources=dev.families,
                    score=round(dev.score, 3),
                    status=status,
                )
            )
        if opening is None:
            opening = self._opening(devs[: len(sections)], used)
        opening_sentence = self._sentence(opening, "fact", cands) if opening else None
        outlets = {d.source for d in window if d.source}
        return Update(
            topic=topic,
            created=(created or datetime.now(UTC)).isoformat(timespec="seconds"),
            opening=opening_sentence.text if opening_sentence else "",
            sections=list(sections),
            since=since,
            language=opts.language,
            until=until,
            opening_source=opening_sentence,
            documents=len(window),
            outlets=len(outlets),
            previous_id=previous.id if previous else None,
            document_ids=[d.id for d in window if d.id is not None],
        )

    def _mark_known(self, cands: list[_Cand], previous: Update) -> None:
        ids = set(previous.used_sentence_ids())
        texts = [s.text for sec in previous.sections for s in sec.sentences]
        if previous.opening:
            texts.append(previous.opening)
        said = [(tfidf(content_terms(t, lang), self._weights), numbers(t)) for t in texts for lang in ("nl", "en")]
        for c in cands:
            if c.sent.id in ids:
                c.known = True
                continue
            for vec, figures in said:
                if cosine(c.vector, vec) >= self.options.same and not (figures and c.numbers and figures != c.numbers):
                    c.known = True  # said before; a sentence with other figures is news
                    break

    def _lead(self, dev: _Development) -> _Cand | None:
        """The opening line: the lead of the newest report on the most important development."""
        fresh = [c for c in dev.cands if not c.known and c.relevant]
        leads = [c for c in fresh if c.index == 0 and not c.denial and not c.anaphoric]
        if len(fresh) < 2 or not leads:
            return None
        lang = self.options.language
        return max(leads, key=lambda c: (_lang(c.doc) == lang, c.doc.published or "", -(c.doc.id or 0)))

    def _opening(self, devs: list[_Development], used: list[_Cand]) -> _Cand | None:
        """The sentence closest to the gist of the whole update that no section uses."""
        pool = [c for d in devs for c in d.cands if not c.known and c.relevant]
        if not pool:
            return None
        center = centroid(c.vector for c in pool)
        lang = self.options.language
        first = {c.block: c for c in reversed(pool)}
        best, best_score = None, -1.0
        for c in pool:
            if first.get(c.block) is not c:
                continue
            if c.anaphoric or c.denial or len(c.terms) < 6 or any(c is u for u in used):
                continue
            if any(_same(c, u, self.options.same * 0.8) for u in used):
                continue
            score = cosine(c.vector, center) + (0.2 if _lang(c.doc) == lang else 0.0)
            if score > best_score:
                best, best_score = c, score
        if best is not None:
            used.append(best)
        return best


def numbers(text: str) -> frozenset[str]:
    """The figures a sentence states, in digits or words ("tien", "82", "368.000")."""
    found = {n.replace(".", "").replace(",", "") for n in _NUMBER.findall(text)}
    found |= {w for w in re.findall(r"\w+", text.lower()) if w in _NUMBER_WORDS and w != "een"}
    return frozenset(found)


def _short(text: str, limit: int = 70) -> str:
    """A headline from a sentence: its first clause, at most ``limit`` characters, no final period."""
    text = text.strip().rstrip(".")
    clause = re.split(r"[,;:]\s", text, maxsplit=1)[0]
    if len(clause) <= limit:
        return clause
    cut = clause[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def _same(a: _Cand, b: _Cand, threshold: float) -> bool:
    """Two sentences say the same thing: close in words, and no figure of one missing from the other."""
    if cosine(a.vector, b.vector) < threshold:
        return False
    na, nb = a.numbers, b.numbers
    return not (na and nb and na != nb)


def _key(dev: _Development) -> str:
    """A stable name for a development: its three heaviest terms."""
    top = sorted(dev.vector.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    return "-".join(sorted(t for t, _ in top))


def compose_overview(
    docs: Sequence[Document],
    *,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    previous: Update | None = None,
    events: Sequence[Event] | None = None,
    query: TopicQuery | None = None,
    language: str = "nl",
    max_sections: int = 5,
    per_section: int = 3,
    window_hours: int = 24,
) -> Update:
    """The most important developments in ``docs`` since ``since`` (or the previous overview)."""
    options = ComposeOptions(
        max_sections=max_sections, per_section=per_section, language=language, window_hours=window_hours
    )
    return Composer(options).compose(
        docs, topic=topic, since=since, until=until, previous=previous, events=events, query=query
    )
