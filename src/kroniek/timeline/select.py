"""Per date, the most central sentences that do not repeat each other.

Candidates for a date are the relevant sentences that name it, and, for news, the
relevant sentences published that day that name no other day. They are ranked by
cosine similarity to the centroid of all candidates (the date's "average report"),
and taken greedily, skipping any sentence too similar to one already chosen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from kroniek.timeline.salience import day_roles
from kroniek.timeline.text import centroid, cosine
from kroniek.timeline.units import Unit

MIN_TERMS = 5
MAX_TERMS = 40


def candidates_by_date(units: Sequence[Unit], dates: Iterable[str]) -> dict[str, list[Unit]]:
    wanted = set(dates)
    out: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        if not u.relevant:
            continue
        for d in u.days:
            if d in wanted:
                out[d].append(u)
    return out


def _names(u: Unit, day: str) -> bool:
    """The sentence names ``day`` with a calendar date ("op 3 april"), not by reference ("die dag")."""
    return any(t.value[:10] == day and any(c.isdigit() for c in t.text) for t in u.sent.timex)


# In a chronicle, the sentence for a day tells what happened that day: one that reports a
# statement made that day, or names the day as the bound of a period, only when no other does.
ROLE_PREFERENCE = ("event", "plain", "report", "range")


def fitting(candidates: Sequence[Unit]) -> list[Unit]:
    """Candidates of a length fit for a timeline (call after ``vectorise``); any, when none is."""
    return [u for u in candidates if MIN_TERMS <= len(u.terms) <= MAX_TERMS] or [u for u in candidates if u.terms]


def usable(candidates: Sequence[Unit], day: str | None = None) -> list[Unit]:
    """Candidates of a length fit for a timeline (call after ``vectorise``); any, when none is.

    In a chronicle, the sentences that name ``day`` by its date are preferred: they
    introduce the event, the sentences after them only inherit its date or refer back;
    among those, the ones that tell a development (``ROLE_PREFERENCE``, see ``salience.py``).
    """
    fit = fitting(candidates)
    if day is not None:
        named = [u for u in fit if u.doc.genre == "narrative" and _names(u, day)]
        if named:
            roles = {id(u): day_roles(u.sent).get(day, "plain") for u in named}
            for role in ROLE_PREFERENCE:
                tier = [u for u in named if roles[id(u)] == role]
                if tier:
                    return tier
            return named
    return fit


def central_sentences(
    candidates: Sequence[Unit],
    k: int,
    *,
    redundancy: float = 0.3,
    taken: set[str] | None = None,
    prior: dict[int, float] | None = None,
) -> list[Unit]:
    """Up to ``k`` candidates closest to their centroid, none too close to another chosen one.

    With a ``prior`` (a weight per candidate ``id``), candidates are ranked by it first and
    by closeness to the centroid among equals.
    """
    if not candidates or k <= 0:
        return []
    taken = taken if taken is not None else set()
    center = centroid(u.vector for u in candidates)
    prior = prior or {}
    ranked = sorted(candidates, key=lambda u: (-prior.get(id(u), 0.0), -cosine(u.vector, center)))
    chosen: list[Unit] = []
    for u in ranked:
        key = u.sent.text.strip().lower()
        if key in taken:
            continue
        if any(cosine(u.vector, c.vector) > redundancy for c in chosen):
            continue
        chosen.append(u)
        taken.add(key)
        if len(chosen) == k:
            break
    return chosen
