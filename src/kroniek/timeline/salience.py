"""What a sentence does with a day it names: tell a development, report a statement, bound a period.

A chronicle names many days; only some are days on which something changed. A day is

* ``report`` when a verb of saying stands next to it ("op 6 maart meldde ...",
  "... verklaarde op 7 april dat ..."): the day of a statement, not of a development;
* ``range`` when it bounds a period ("van 20 maart tot 12 april", "17–21 februari");
* ``event`` when the sentence tells a turning point: an invasion, an annexation, a town
  taken or retaken, a withdrawal, a mobilisation, a mutiny, a dam or bridge destroyed,
  a ship sunk, an agreement signed (the cue words are general words of conflict and
  politics, in Dutch and English);
* ``plain`` otherwise.
"""

from __future__ import annotations

import re

from kroniek.model import Sentence, Timex

# Turning points: word starts, so Dutch inflections and compounds match ("annexatieverdragen").
_EVENT_STARTS = """
    invasie invasion invaded invade binnengevallen binnenvielen binnenvallen annex ingenomen innam innamen
    inname verover herover bevrijd liberat terugtrek terugtrok teruggetrokken withdr retreat capitul overgave
    overgegeven surrender mobilis mobiliz opstand muiterij mutin rebellion doorbraak verwoest vernietig
    opgeblazen destroy gezonken zonk sank sunk akkoord overeenkomst verdrag ondertekend signed agreement deal
    referend explosie ontplof explosion aanslag offensief tegenoffensief offensive counteroffensive erkend
    recognis recogniz arrestatiebevel warrant kandidaat-lid candidate bezetten captur recaptur
    uitgeroepen declared staakt-het-vuren ceasefire cease-fire
"""
_EVENT = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in _EVENT_STARTS.split()) + r")", re.IGNORECASE)
# "trok zich ... terug", "viel ... in handen", "de val van"
_EVENT_PHRASES = re.compile(
    r"\btrok(?:ken)?\b[^.;]{0,40}\bterug\b|\bterug te trekken\b|\bin handen\b|\bde val van\b|\bfall of\b|\bfell to\b",
    re.IGNORECASE,
)
_REPORT_WORDS = frozenset(
    [
        "meldde",
        "meldden",
        "melden",
        "meldt",
        "berichtte",
        "berichtten",
        "bericht",
        "verklaarde",
        "verklaarden",
        "verklaart",
        "zei",
        "zeiden",
        "zegt",
        "schreef",
        "schreven",
        "twitterde",
        "twitterden",
        "beweerde",
        "beweerden",
        "claimde",
        "claimden",
        "stelde",
        "stelden",
        "waarschuwde",
        "waarschuwden",
        "aldus",
        "volgens",
        "bevestigde",
        "bevestigden",
        "ontkende",
        "ontkenden",
        "said",
        "says",
        "reported",
        "reports",
        "told",
        "stated",
        "claimed",
        "claims",
        "tweeted",
        "wrote",
        "warned",
        "confirmed",
        "denied",
        "according",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_RANGE_LINK = re.compile(r"^\s*(?:[-–—/]|tot en met|t/m|tot|to|until|till|through)\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:tussen|between)\s*$", re.IGNORECASE)
_AND = re.compile(r"^\s*(?:en|and)\s*$", re.IGNORECASE)
REPORT_REACH = 3  # words either side of the date


def is_event(text: str) -> bool:
    return bool(_EVENT.search(text) or _EVENT_PHRASES.search(text))


def _bounds(sent: Sentence, t: Timex, others: list[Timex]) -> bool:
    """``t`` and another date of the sentence are the two ends of one period."""
    for o in others:
        a, b = (t, o) if t.end <= o.start else (o, t)
        if a.end > b.start:
            continue
        link = sent.text[a.end - sent.start : b.start - sent.start]
        if _RANGE_LINK.match(link) or (_AND.match(link) and _BETWEEN.search(sent.text[: a.start - sent.start])):
            return True
    return False


def _reported(sent: Sentence, t: Timex) -> bool:
    before = _WORD.findall(sent.text[: max(0, t.start - sent.start)])[-REPORT_REACH:]
    after = _WORD.findall(sent.text[t.end - sent.start :])[:REPORT_REACH]
    return any(w.lower() in _REPORT_WORDS for w in (*before, *after))


def day_roles(sent: Sentence) -> dict[str, str]:
    """The full days ``sent`` names by a calendar date, each with its role (see the module doc)."""
    dates = [t for t in sent.timex if t.type in ("DATE", "TIME") and any(c.isdigit() for c in t.text)]
    event = is_event(sent.text)
    roles: dict[str, str] = {}
    for t in dates:
        day = t.value[:10]
        if len(day) != 10 or day in roles:
            continue
        if _bounds(sent, t, [o for o in dates if o is not t]):
            roles[day] = "range"
        elif _reported(sent, t):
            roles[day] = "report"
        else:
            roles[day] = "event" if event else "plain"
    return roles
