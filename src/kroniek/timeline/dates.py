"""Which dates deserve an entry: how often, and how independently, the reports point at them.

A date is important when many *different* reports name it, above all reports written
later that look back on it; the reports published on a day count as well, but less:
a busy news day is not always a turning point. Each report counts once per date, so one
long article cannot carry a date on its own.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kroniek.timeline.salience import day_roles
from kroniek.timeline.text import content_terms
from kroniek.timeline.units import Unit, sentence_days

# In a chronicle the sections are the witnesses; repeated mentions within a section and
# being a section's main date are signs of weight that a stack of news reports does not need.
NARRATIVE_SENTENCE_WEIGHT = 0.1
NARRATIVE_MAIN_WEIGHT = 2.0
# A chronicle tells one development over adjacent days ("in de nacht van 3 op 4 maart"); it
# gets one entry, so dates within NARRATIVE_WINDOW days of a chosen one are discounted.
# News reports are already dated apart by their own publication days.
NARRATIVE_WINDOW = 1
NARRATIVE_SPREAD = 1.0


def date_scores(
    units: Sequence[Unit],
    *,
    start: str | None = None,
    end: str | None = None,
    publication_weight: float = 0.5,
    sentence_weight: float | None = None,
    main_weight: float | None = None,
) -> dict[str, float]:
    """Score every full day in [start, end] by the relevant reports that point at it.

    A witness is a news report, or a section of a narrative (a chronicle's sections are
    its separate accounts). Each sentence naming the day adds a little on top.
    """
    narrative = any(u.doc.genre == "narrative" for u in units)
    if sentence_weight is None:
        sentence_weight = NARRATIVE_SENTENCE_WEIGHT if narrative else 0.0
    if main_weight is None:
        main_weight = NARRATIVE_MAIN_WEIGHT if narrative else 0.0
    mentions: dict[str, set[tuple[int, str | None]]] = defaultdict(set)
    published: dict[str, set[tuple[int, str | None]]] = defaultdict(set)
    sentences: dict[str, int] = defaultdict(int)
    per_witness: dict[tuple[int, str | None], Counter[str]] = defaultdict(Counter)
    for u in units:
        if not u.relevant:
            continue
        key = (id(u.doc), u.sent.section if u.doc.genre == "narrative" else None)
        for d in u.mentioned:
            mentions[d].add(key)
            sentences[d] += 1
            per_witness[key][d] += 1
        if u.published:
            published[u.published].add(key)
    main: Counter[str] = Counter()
    for counts in per_witness.values():
        top = max(counts.values())
        main[min(d for d, c in counts.items() if c == top)] += 1
    scores: dict[str, float] = {}
    for d in set(mentions) | set(published):
        if (start and d < start) or (end and d > end):
            continue
        scores[d] = (
            len(mentions.get(d, ()))
            + publication_weight * len(published.get(d, ()))
            + sentence_weight * sentences.get(d, 0)
            + main_weight * main.get(d, 0)
        )
    return scores


def choose_dates(scores: dict[str, float], n: int, *, window: int = 7, spread: float = 0.0) -> list[str]:
    """The ``n`` best dates in time order, taken greedily with crowding discounted.

    A date's score is divided by ``1 + spread * c``, where c counts the dates already
    chosen within ``window`` days: a timeline covers the story rather than its busiest
    week. Ties go to the earlier date. Only full days (YYYY-MM-DD) are spread.
    """
    if spread <= 0 or not scores or len(next(iter(scores))) != 10:
        return sorted(sorted(scores, key=lambda d: (-scores[d], d))[:n])
    ordinal = {d: date.fromisoformat(d).toordinal() for d in scores}
    pool = sorted(scores, key=lambda d: (-scores[d], d))
    chosen: list[str] = []
    crowd: dict[str, int] = dict.fromkeys(pool, 0)
    while pool and len(chosen) < n:
        best = max(pool, key=lambda d: (scores[d] / (1 + spread * crowd[d]), -ordinal[d]))
        chosen.append(best)
        pool.remove(best)
        for d in pool:
            if abs(ordinal[d] - ordinal[best]) <= window:
                crowd[d] += 1
    return sorted(chosen)


# Key dates of a chronicle (``narrative_scores``): each section votes for the days it names.
LEAD_WEIGHT = 6.0  # the lead (text before the first heading) summarises: its days are the key ones
OPENER_WEIGHT = 1.0  # the first day a section names: where its story starts
HEADING_WEIGHT = 2.0  # a day named by a sentence that tells what the heading names ("annexaties")
ROLE_WEIGHT = {"event": 3.0, "plain": 0.0, "report": -0.5, "range": -0.5}
SECTION_NORM = 0.5  # a section's votes are divided by (number of days it names) ** SECTION_NORM
# A chronicle's background (an earlier war, a treaty decades ago) is named in passing: a day
# with fewer than ISOLATION_COMPANY other named days within ISOLATION_REACH days is an aside.
ISOLATION_REACH = 30
ISOLATION_COMPANY = 2
MIN_HEADING_TERM = 4
COMMON_TERM_SHARE = 0.2


def _tells_heading(heading_terms: list[str], sentence_terms: list[str]) -> bool:
    """A sentence word begins or ends with a heading word: "annexatieverdragen" for "annexaties"."""
    return any(w.startswith(h) or w.endswith(h) for h in heading_terms for w in sentence_terms)


def _common_terms(units: Sequence[Unit], share: float = COMMON_TERM_SHARE) -> set[str]:
    """Terms found in more than ``share`` of the sections: the story's own words ("rusland"), no heading's topic."""
    found: dict[str, set[tuple[int, str | None]]] = defaultdict(set)
    for u in units:
        key = (id(u.doc), u.sent.section)
        for t in content_terms(u.sent.text, (u.doc.language or "en")[:2]):
            found[t].add(key)
    n = len({(id(u.doc), u.sent.section) for u in units})
    return {t for t, keys in found.items() if len(keys) > share * n}


def isolated(days: Sequence[str], reach: int = ISOLATION_REACH, company: int = ISOLATION_COMPANY) -> set[str]:
    """Days with fewer than ``company`` other named days within ``reach`` days: asides, not the story."""
    ordinals = sorted(date.fromisoformat(d).toordinal() for d in set(days))
    out = set()
    for d in set(days):
        o = date.fromisoformat(d).toordinal()
        near = bisect_right(ordinals, o + reach) - bisect_left(ordinals, o - reach) - 1
        if near < company:
            out.add(d)
    return out


@dataclass(frozen=True)
class Vote:
    """What a sentence adds to a day's score, and how well it tells the day's development."""

    score: float  # shared and normalised within its section
    merit: float  # its own: role, opener, heading, lead; to choose the day's sentence
    role: str = "plain"  # what the sentence does with the day (``salience.day_roles``)


def narrative_votes(units: Sequence[Unit]) -> dict[str, dict[int, Vote]]:
    """Per day, the vote of each sentence of a chronicle that names it by calendar date (by ``id``).

    A sentence's vote for a day: 1, plus ``OPENER_WEIGHT`` when it names its section's
    first day, plus ``HEADING_WEIGHT`` (shared among the section's such days) when it tells
    what the section's heading names, plus the weight of the day's role in it (a
    development, a statement, a period bound, see ``salience.py``); times ``LEAD_WEIGHT``
    in the lead (the text before the first heading, when there are headings). A section
    naming many days is a digest: its votes are divided by their number to the power
    ``SECTION_NORM``. Days outside the story proper (``isolated``: background, a wrongly
    dated aside) get no votes. Only days in ``Unit.mentioned`` count, so a range asked for
    is respected. A sentence's ``merit`` is its vote with the heading weight unshared and
    without the section's norm: the sentence that best tells a day is chosen by it.
    """
    sections: dict[tuple[int, str | None], list[tuple[Unit, dict[str, str], bool]]] = defaultdict(list)
    with_headings = {id(u.doc) for u in units if u.sent.section}
    heading_terms: dict[str, list[str]] = {}
    common = _common_terms(units)
    for u in units:
        if not u.relevant or not u.mentioned:
            continue
        roles = {d: r for d, r in day_roles(u.sent).items() if d in u.mentioned}
        if not roles:
            continue
        section = u.sent.section
        tells = False
        if section:
            language = (u.doc.language or "en")[:2]
            if section not in heading_terms:
                heading_terms[section] = [
                    t for t in content_terms(section, language) if len(t) >= MIN_HEADING_TERM and t not in common
                ]
            tells = _tells_heading(heading_terms[section], content_terms(u.sent.text, language))
        sections[(id(u.doc), section)].append((u, roles, tells))
    asides = isolated([d for u in units for d in sentence_days(u.sent)])  # of the whole text, topic or not
    votes: dict[str, dict[int, Vote]] = defaultdict(dict)
    for (doc, section), named in sections.items():
        opener = next(iter(named[0][1]))
        headed = {next(iter(roles)) for _, roles, tells in named if tells}
        norm = len({d for _, roles, _ in named for d in roles}) ** SECTION_NORM
        weight = LEAD_WEIGHT if section is None and doc in with_headings else 1.0
        for u, roles, tells in named:
            for i, (d, role) in enumerate(roles.items()):
                if d in asides:
                    continue
                merit = 1.0 + ROLE_WEIGHT[role] + OPENER_WEIGHT * (d == opener and u is named[0][0])
                vote = merit + (HEADING_WEIGHT / len(headed) if tells and i == 0 else 0.0)
                merit += HEADING_WEIGHT if tells and i == 0 else 0.0
                votes[d][id(u)] = Vote(weight * vote / norm, weight * merit, role)
    return votes


def narrative_scores(units: Sequence[Unit], votes: dict[str, dict[int, Vote]] | None = None) -> dict[str, float]:
    """A day's score: the sum over sections of the best vote of their sentences (``narrative_votes``)."""
    if votes is None:
        votes = narrative_votes(units)
    best: dict[tuple[str, int, str | None], float] = {}
    section = {id(u): (id(u.doc), u.sent.section) for u in units}
    for d, by_unit in votes.items():
        for uid, vote in by_unit.items():
            key = (d, *section[uid])
            best[key] = max(best.get(key, vote.score), vote.score)
    scores: dict[str, float] = {}
    for (d, _, _), score in best.items():
        scores[d] = scores.get(d, 0.0) + score
    return scores
