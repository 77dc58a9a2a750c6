"""Time expressions (TIMEX3) in Dutch and English: finding them and resolving what they mean.

The tagger scans the words of a sentence once; only a word that can open a time
expression (a number, a month, "vorige", "de", ...) tries the few rules keyed to it,
each an anchored regular expression. A rule yields the span and its meaning; the
meaning is then resolved against a reference time:

- news (``doc.genre == "news"``): deictic words ("gisteren", "vorige week") against the
  publication date; anaphoric ones ("de volgende dag", "die dag") against the last date
  the text mentioned, which starts at the publication date;
- narrative: everything against the reference time carried forward from the last
  explicit date, as HeidelTime does for narratives.

A date without a year takes it from that reference (news: a year back or ahead by the tense of
its own clause; narrative: the year of the last date given to the month, not of an earlier bare
year); a range is two expressions, the first borrowing what it lacks from the second
("17–21 februari 2022").

This module owns the expressions: the rules, the scanner (:func:`scan`), the reference time and
the tense a date without a year goes by. Which date a sentence's *event* happens on (the date the
story stands at, carried from sentence to sentence, pluperfects, states, sections) is decided in
:mod:`kroniek.extract.event_date`, which reads a text sentence by sentence with :func:`scan`; that is a
judgement about narration rather than about what an expression means, and it is kept apart so each
can be read and changed on its own. The two still share one :class:`State`: the event-date reading
moves the reference time (a plan or an explanation does not, a section heading does), and rules such
as "twee jaar na de invasie" read the events the text dated.

The pipeline stage "time" (:class:`TimeTagger`, and :func:`tag` for a whole text) is wired here and
fills both: each sentence's expressions and its event date.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from kroniek.extract.time_lexicon import (
    AGO,
    AMBIGUOUS_MONTHS,
    DAY_WORDS,
    DECADE_WORDS,
    EARLIER,
    FUTURE_CUES,
    LATER,
    MONTHS,
    NOT_AFTER_YEAR,
    NUMERALS,
    ORDINAL_CENTURIES,
    ORDINALS,
    PARTS_OF_DAY,
    QUANTIFIERS,
    SEASONS,
    SET_WORDS,
    SHIFTERS,
    UNITS,
    VAGUE_DURATIONS,
    VAGUE_QUANTITIES,
    WEEKDAYS,
    words,
)
from kroniek.model import Document, Timex
from kroniek.pipeline import component
from kroniek.text.segment import split_sentences


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


_B = r"(?![\w])"  # end of a word
MONTH = rf"(?:(?:{_alt(k for k in MONTHS if len(k) > 4 or k in ('mei', 'may', 'juni', 'juli', 'june', 'july'))}){_B}|(?:{_alt(k for k in MONTHS if len(k) <= 4 and k not in ('mei', 'may', 'juni', 'juli', 'june', 'july'))}){_B}\.?)"
WEEKDAY = rf"(?:{_alt(WEEKDAYS)})"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:ste|st|nd|rd|th|de|e)?(?!\d)"
YEAR = r"(?:1\d{3}|20\d{2})(?![\d])"
NUM = rf"(?:\d{{1,3}}(?![\d.,]\d)|(?:{_alt(NUMERALS)}){_B})"
VAGUE = rf"(?:een\s+paar|a\s+few|a\s+couple\s+of|(?:{_alt(VAGUE_QUANTITIES)}){_B})"
UNIT = rf"(?:{_alt(UNITS)}){_B}"
POD = rf"(?:{_alt(PARTS_OF_DAY)})"
SEASON = rf"(?:{_alt(SEASONS)}){_B}"
ORD = rf"(?:{_alt(ORDINALS)}){_B}"
CONN = r"\s*(?:[-–—]|tot\s+en\s+met|t/m|tot|op|en|à|to|and|through|until|till)\s*"


@dataclass
class Ref:
    """A reference time as precise as known: year, month and day may each be missing."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> Ref | None:
        if not value:
            return None
        match = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
        if not match:
            return None
        y, m, d = match.groups()
        return cls(int(y), int(m) if m else None, int(d) if d else None)

    def as_date(self) -> date | None:
        if self.year and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None


def date_value(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
    if y is None:
        return None
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    index = y * 12 + (m - 1) + n
    return index // 12, index % 12 + 1


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


@dataclass
class Cand:
    start: int
    end: int
    type: str
    value: str
    ref: Ref | None = None  # the new reference time this expression sets, if any
    background: bool = False  # not a candidate for the sentence's event date
    range_to: str = ""  # for the first end of a range: the word joining it to the second ("tot", "op", "-")


@dataclass
class State:
    """What the tagger knows while it reads one text.

    ``event_date.read`` sets ``future`` and ``frozen`` for each sentence and fills ``memory``, ``dated``,
    ``main`` and ``lead``; the rules read them to date "na de invasie" as the text dated the invasion.
    """

    genre: str = "news"
    language: str | None = None
    anchor: Ref | None = None  # publication date (news)
    ref: Ref | None = None  # last date mentioned (narrative reference time)
    memory: dict[str, list[int]] = field(default_factory=dict)  # word -> dated sentences (indices) with it
    dated: list[tuple[str, frozenset[str]]] = field(default_factory=list)  # (event date, words) per dated sentence
    main: str | None = None  # the date of the text's first dated sentence: what it is about
    future: bool = False  # the current sentence speaks of the future
    frozen: bool = False  # the current sentence is background: it sets no reference time
    season: str | None = None  # the season last mentioned
    fine: Ref | None = None  # last date mentioned to the month or day: what a date without a year goes by
    sentence: int = 0  # index of the current sentence
    ref_sentence: int = -1  # the sentence that last moved ``ref``
    text: str = ""  # the text being read, and the bounds of the current sentence
    bounds: tuple[int, int] = (0, 0)
    named: dict[str, str] = field(default_factory=dict)  # "invasie" -> its date, from "de invasie op 24 februari"
    lead: tuple[str, str] | None = None  # the subject of the text's first dated sentence and its date

    @property
    def deictic(self) -> Ref | None:
        return self.anchor if self.genre == "news" and self.anchor else self.ref

    @property
    def english(self) -> bool:
        return self.language != "nl"

    @property
    def dutch(self) -> bool:
        return self.language != "en"


Handler = Callable[[re.Match[str], State, str], "list[Cand] | None"]


@dataclass
class Rule:
    name: str
    pattern: re.Pattern[str]
    handle: Handler
    triggers: tuple[str, ...]


_RULES: list[Rule] = []


def rule(name: str, pattern: str, triggers: str) -> Callable[[Handler], Handler]:
    """Register a rule: ``triggers`` are the words (or ``#`` for a number) that may open it."""

    def register(handle: Handler) -> Handler:
        _RULES.append(Rule(name, re.compile(pattern, re.IGNORECASE), handle, tuple(triggers.split())))
        return handle

    return register


# --- helpers used by the rules ---------------------------------------------------------------


def left_word(text: str, pos: int) -> str:
    """The lowercased word just before ``pos``."""
    end = pos
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’"):
        start -= 1
    return text[start:end].lower()


def _number(word: str) -> float | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMERALS.get(word)


def _year_for(state: State, month: int, day: int | None = None, pos: int | None = None) -> int | None:
    """The year of a date given without one.

    News: the publication year, a year back for a date after it in a clause about the past, a year
    ahead for a date before it in a clause about the future. Narrative: the year of the story's time,
    i.e. of the last date given to the month or day, unless a later bare year moved it ("in 2019 ...");
    a bare year from an earlier sentence that lies before that date is a flashback and does not count.
    A month more than half a year before the reference's month is read as the next year's.
    """
    anchor = state.anchor
    if state.genre == "news" and anchor and anchor.year:
        year = anchor.year
        if anchor.month:
            tense = _tense_at(state, pos)
            here, there = (month, day or 1), (anchor.month, anchor.day or 1)
            if tense == "future":
                if month < anchor.month - 1:
                    year += 1  # "op 5 januari" in a report of December that looks ahead
            elif tense == "past" and anchor.day and day and here > there:
                year -= 1
            elif month - anchor.month > 2 or (tense == "past" and not anchor.day and month > anchor.month):
                year -= 1  # "op 28 december" in a report of January is last year's
        return year
    ref = state.ref or anchor
    if ref is None or ref.year is None:
        return None
    fine = state.fine
    if ref.month is None and fine and fine.year and fine.year > ref.year and state.ref_sentence != state.sentence:
        ref = fine
    year = ref.year or 0
    if ref.month and ref.month - month > 6:
        year += 1  # "op 3 januari" after "in november": the story went on
    return year


_CLAUSE_BREAK = re.compile(
    r"[,;:()\"“”]|\s(?:dat|omdat|terwijl|nadat|waarna|maar|toen|that|because|while|after|but|when|which|who)\s",
    re.IGNORECASE,
)


def _tense_at(state: State, pos: int | None) -> str:
    """ "past", "future" or "present": the tense of the clause around ``pos`` (the whole sentence without it)."""
    lo, hi = state.bounds
    if pos is None or not state.text or not lo <= pos <= hi:
        return "future" if state.future else "present"
    text = state.text
    start = lo
    for match in _CLAUSE_BREAK.finditer(text, lo, pos):
        start = match.end()
    stop = _CLAUSE_BREAK.search(text, pos, hi)
    clause = text[start : stop.start() if stop else hi].lower()
    for part in (clause, text[lo:hi].lower()):  # a clause without a verb ("On Thursday,") goes by the sentence
        if not set(WORD.findall(part)).isdisjoint(FUTURE_CUES):
            return "future"
        if is_past(part, state.language) or PERFECT.search(part):
            return "past"
    return "present"


def _date_cand(start: int, end: int, y: int | None, m: int, d: int | None, state: State) -> Cand | None:
    if y is None:
        y = _year_for(state, m, d, start)
    if y is None:
        value = f"XXXX-{m:02d}" + (f"-{d:02d}" if d else "")
        return Cand(start, end, "DATE", value)
    if d is not None and not _valid(y, m, d):
        return None
    return Cand(start, end, "DATE", date_value(y, m, d) or "", Ref(y, m, d))


def _shift(ref: Ref | None, unit: str, n: int) -> tuple[str, Ref] | None:
    """The value ``n`` units away from ``ref`` at that unit's precision (or coarser if ``ref`` is)."""
    if ref is None or ref.year is None:
        return None
    day = ref.as_date()
    if unit in ("D", "H", "MIN", "S"):
        if day is None:
            return _shift(ref, "M", 0) if ref.month else _shift(ref, "Y", 0)
        new = day + timedelta(days=n)
        return date_value(new.year, new.month, new.day) or "", Ref(new.year, new.month, new.day)
    if unit in ("W", "WE"):
        if day is None:
            return _shift(ref, "M", 0) if ref.month else _shift(ref, "Y", 0)
        new = day + timedelta(weeks=n)
        suffix = "-WE" if unit == "WE" else ""
        return _week_value(new) + suffix, Ref(new.year, new.month, new.day)
    if unit == "M":
        if ref.month is None:
            return _shift(ref, "Y", 0)
        y, m = _add_months(ref.year, ref.month, n)
        return date_value(y, m) or "", Ref(y, m)
    if unit == "Y":
        return f"{ref.year + n:04d}", Ref(ref.year + n)
    if unit == "DE":
        return f"{ref.year // 10 + n:03d}", Ref(ref.year)
    if unit == "CE":
        return f"{ref.year // 100 + n:02d}", Ref(ref.year)
    return None


def _rel_cand(start: int, end: int, ref: Ref | None, unit: str, n: int, kind: str = "DATE") -> Cand | None:
    shifted = _shift(ref, unit, n)
    if shifted is None:
        return None
    value, new_ref = shifted
    return Cand(start, end, kind, value, new_ref)


def _weekday_date(state: State, weekday: int, direction: int = 0, pos: int | None = None) -> Ref | None:
    """The date of a weekday near the reference: in news the last one before it when its clause speaks of
    the past, else the next one (today's included); in narratives the next one."""
    ref = state.deictic
    base = ref.as_date() if ref else None
    if base is None and state.ref is not None:
        base = state.ref.as_date()
    if base is None:
        return None
    delta = weekday - base.isoweekday()
    backwards = direction < 0 or (direction == 0 and state.genre == "news" and _tense_at(state, pos) == "past")
    if backwards and (delta > 0 or (direction < 0 and delta >= 0)):
        delta -= 7
    elif not backwards and (delta < 0 or (direction > 0 and delta <= 0)):
        delta += 7
    new = base + timedelta(days=delta)
    return Ref(new.year, new.month, new.day)


def _weekday_cand(start: int, end: int, state: State, weekday: int, direction: int = 0, pod: str = "") -> Cand:
    ref = _weekday_date(state, weekday, direction, start)
    kind = "TIME" if pod else "DATE"
    suffix = f"T{pod}" if pod else ""
    if ref is None:
        base = state.deictic or state.ref
        prefix = date_value(base.year, base.month) if base and base.year else "XXXX"
        return Cand(start, end, kind, f"{prefix}-WXX-{weekday}{suffix}")
    return Cand(start, end, kind, (date_value(ref.year, ref.month, ref.day) or "") + suffix, ref)


def _with_part_of_day(cand: Cand, pod: str) -> None:
    """Make a day's expression a part of that day ("TMO"); a date known only to the month stays a date."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cand.value):
        cand.type, cand.value = "TIME", f"{cand.value}T{pod}"


def _day_value(ref: Ref | None) -> str | None:
    if ref is None or ref.year is None:
        return None
    return date_value(ref.year, ref.month, ref.day)


# --- rules -----------------------------------------------------------------------------------
# Order matters: for one trigger word the first rule that accepts wins.


@rule("iso", r"(\d{4})-(\d{2})(?:-(\d{2}))?(?![\d-])", "#")
def _iso(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    y, mo = int(m.group(1)), int(m.group(2))
    d = int(m.group(3)) if m.group(3) else None
    if not (1000 <= y <= 2100 and 1 <= mo <= 12) or (d is None and mo > y % 100):
        return None  # "2011-12" is more likely a span of years than December 2011
    cand = _date_cand(m.start(), m.end(), y, mo, d, state)
    return [cand] if cand else None


@rule("numeric", r"(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d/])", "#")
def _numeric(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
    if sep == "." and not y:
        return None  # "3.5" and clock times
    if sep == "-" and not y:
        return None  # "17-21" is a range of days, "3-2" a score
    year = None
    if y:
        year = int(y) if len(y) == 4 else 2000 + int(y)
    day, month = a, b
    if state.language == "en" and a <= 12 and sep == "/":
        day, month = b, a
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    cand = _date_cand(m.start(), m.end(), year, month, day, state)
    return [cand] if cand else None


@rule(
    "clock",
    r"([01]?\d|2[0-3])([:.])([0-5]\d)(?!\d)(?:\s*(uur|u\b|h\b))?(?:\s*([ap])\.?\s?m\b\.?)?",
    "#",
)
def _clock(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    hour, sep, minute, unit, ampm = m.groups()
    if sep == "." and not unit and not ampm and left_word(text, m.start()) not in ("om", "rond", "tegen", "at"):
        return None
    h = int(hour)
    if ampm and ampm.lower() == "p" and h < 12:
        h += 12
    elif ampm and ampm.lower() == "a" and h == 12:
        h = 0
    end = m.end()
    return [_time_cand(m.start(), end, state, f"{h:02d}:{minute}")]


@rule("clock_ampm", r"(1[0-2]|0?[1-9])\s*([ap])\.?\s?m\b\.?", "#")
def _clock_ampm(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    h = int(m.group(1))
    if m.group(2).lower() == "p" and h < 12:
        h += 12
    if m.group(2).lower() == "a" and h == 12:
        h = 0
    return [_time_cand(m.start(), m.end(), state, f"{h:02d}:00")]


@rule(
    "midnight",
    r"(middernacht|midnight|noon|het\s+middaguur|middaguur)(?!\w)",
    "middernacht midnight noon het middaguur",
)
def _midnight(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    clock = "24:00" if m.group(1).lower() in ("middernacht", "midnight") else "12:00"
    return [_time_cand(m.start(), m.end(), state, clock)]


@rule("clock_uur", r"(1\d|2[0-3]|0?\d)\s+uur(?!\w)", "#")
def _clock_uur(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    if left_word(text, m.start()) not in ("om", "rond", "tegen", "vanaf", "sinds", "omstreeks", "tot"):
        return None
    return [_time_cand(m.start(), m.end(), state, f"{int(m.group(1)):02d}:00")]


def _time_cand(start: int, end: int, state: State, clock: str) -> Cand:
    ref = state.ref if state.genre == "narrative" else (state.ref or state.anchor)
    day = _day_value(ref) if ref and ref.day else None
    return Cand(start, end, "TIME", f"{day or 'XXXX-XX-XX'}T{clock}", background=day is None)


_RANGE_TAIL = re.compile(rf"({CONN}){DAY}\s+{MONTH}\s*,?\s*({YEAR})?", re.IGNORECASE)


@rule("dmy", rf"({DAY})\.?\s+(?:of\s+)?({MONTH})(?:\s*,?\s*({YEAR}))?", "#")
def _dmy(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    day = int(re.match(r"\d+", m.group(1)).group())  # type: ignore[union-attr]
    month = MONTHS[m.group(2).rstrip(".").lower()]
    year = int(m.group(3)) if m.group(3) else None
    end = m.end()
    if year is not None and not _year_follows(text, m.end(3), year):
        year, end = None, m.end(2) - (text[m.end(2) - 1] == ".")  # "vanaf 1 september 1000 km²"
    tail = _RANGE_TAIL.match(text, end)
    if year is None and tail and tail.group(2):
        year = int(tail.group(2))  # "24 februari – 7 april 2022": the year of the range's end
    cand = _date_cand(m.start(), end, year, month, day, state)
    if cand and tail:
        cand.range_to = tail.group(1).strip().lower()
    return [cand] if cand else None


def _year_follows(text: str, end: int, year: int) -> bool:
    """Whether a number after a date is its year: not "1000 km²", "1948 soldaten", "2000,5" or a year
    before 1500 ("op 3 mei 600 man")."""
    after = text[end : end + 16]
    if year < 1500 or re.match(r"[.,]\d|\s*[-–]?\s*(?:jarige|year-old)", after):
        return False
    next_word = re.match(r"\s*([\w%²]+)", after)
    return not (next_word and next_word.group(1).lower() in NOT_AFTER_YEAR)


@rule("day_range", rf"({DAY})(?=({CONN}){DAY}\s+({MONTH})(?:\s*,?\s*({YEAR}))?)", "#")
def _day_range(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    day = int(re.match(r"\d+", m.group(1)).group())  # type: ignore[union-attr]
    month = MONTHS[m.group(3).rstrip(".").lower()]
    year = int(m.group(4)) if m.group(4) else None
    cand = _date_cand(m.start(), m.end(), year, month, day, state)
    if cand:
        cand.range_to = m.group(2).strip().lower()
    return [cand] if cand else None


@rule("mdy", rf"({MONTH})\s+({DAY})(?:\s*,?\s*({YEAR}))?(?:({CONN})({DAY})(?:\s*,?\s*({YEAR}))?)?", "month")
def _mdy(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    if not state.english:
        return None
    month = MONTHS[m.group(1).rstrip(".").lower()]
    day = int(re.match(r"\d+", m.group(2)).group())  # type: ignore[union-attr]
    year = int(m.group(3)) if m.group(3) else (int(m.group(6)) if m.group(6) else None)
    end = m.start(4) if m.group(4) else m.end()
    first = _date_cand(m.start(), end, year, month, day, state)
    if first is None:
        return None
    out = [first]
    if m.group(5):
        day2 = int(re.match(r"\d+", m.group(5)).group())  # type: ignore[union-attr]
        second = _date_cand(m.start(5), m.end(), year, month, day2, state)
        if second:
            out.append(second)
    elif m.group(3) is None:
        out[0] = first
    return out


@rule(
    "month_mod",
    rf"(eind(?:e|-)?|begin(?:-)?|medio|half|midden|halverwege|early|late|mid-?|"
    rf"(?:the\s+)?(?:end|beginning|start|middle)\s+of|(?:het\s+)?(?:einde?|begin|midden)\s+van)\s*"
    rf"(?:({MONTH})(?:\s*,?\s*({YEAR}))?|({YEAR}))",
    "eind einde begin medio half midden halverwege early late mid the end beginning start middle het",
)
def _month_mod(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    month_word, year, bare_year = m.group(2), m.group(3), m.group(4)
    if bare_year:
        y = int(bare_year)
        return [Cand(m.start(), m.end(), "DATE", f"{y:04d}", Ref(y))]
    month = MONTHS[month_word.rstrip(".").lower()]
    cand = _date_cand(m.start(), m.end(), int(year) if year else None, month, None, state)
    return [cand] if cand else None


@rule("month_year", rf"({MONTH})\s*,?\s*({YEAR}|['’]\d\d(?!\d))", "month")
def _month_year(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    month = MONTHS[m.group(1).rstrip(".").lower()]
    raw = m.group(2).lstrip("'’")
    year = int(raw) if len(raw) == 4 else 2000 + int(raw)
    cand = _date_cand(m.start(), m.end(), year, month, None, state)
    return [cand] if cand else None


_MONTH_LEFT_OK = frozenset(
    [
        "in",
        "sinds",
        "vanaf",
        "tot",
        "van",
        "eind",
        "begin",
        "medio",
        "half",
        "midden",
        "tussen",
        "voor",
        "na",
        "during",
        "since",
        "until",
        "by",
        "early",
        "late",
        "mid",
        "of",
        "from",
        "through",
        "last",
        "next",
        "this",
        "en",
        "and",
        "or",
        "of",
    ]
)


@rule("month", rf"({MONTH})", "month")
def _month(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    word = m.group(1).rstrip(".").lower()
    left = left_word(text, m.start())
    if word in AMBIGUOUS_MONTHS or (len(word) <= 4 and word not in ("mei", "juni", "juli", "june", "july")):
        if word != "mei" and left not in _MONTH_LEFT_OK:
            return None
        if word in ("may", "march") and left not in ("in", "since", "until", "by", "early", "late", "mid", "of"):
            return None
    month = MONTHS[word]
    end = m.end() - 1 if text[m.end() - 1] == "." else m.end()
    # "februari en maart 2022": the year of the next month.
    year = None
    tail = _MONTH_TAIL.match(text[end : end + 40])
    if tail and tail.group(2):
        year = int(tail.group(2))
    cand = _date_cand(m.start(), end, year, month, None, state)
    if cand and tail:
        cand.range_to = tail.group(1).strip().lower()
    return [cand] if cand else None


_MONTH_TAIL = re.compile(rf"({CONN}){MONTH}\s*,?\s*({YEAR})?", re.IGNORECASE)


_PERIOD_MOD = (
    r"(?:(?:begin|eind|einde|midden|halverwege|medio|early|late|mid)[\s-]+(?:(?:van\s+)?de\s+|(?:of\s+)?the\s+)?)?"
)


@rule(
    "decade",
    rf"{_PERIOD_MOD}(?:(?:de|the)\s+)?(?:jaren\s+(?:['’]?(\d)0|(1\d|20)(\d)0|"
    rf"(twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig))(?![\w'])|"
    rf"(?:(1\d|20)(\d)0|['’]?(\d)0)['’]?s{_B}|"
    rf"(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties){_B})",
    "de the jaren # twenties thirties forties fifties sixties seventies eighties nineties "
    "begin eind einde midden halverwege medio early late mid",
)
def _decade(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    g = m.groups()
    if g[1] or g[4]:
        century, digit = (g[1], g[2]) if g[1] else (g[4], g[5])
        return [Cand(m.start(), m.end(), "DATE", f"{century}{digit}", background=True)]
    if g[7] and not re.search(r"\bthe\s+$", m.group(0)[: m.start(8) - m.start()], re.IGNORECASE):
        return None  # "nineties" alone is more often an age than a decade
    digit = DECADE_WORDS[(g[3] or g[7]).lower()] if (g[3] or g[7]) else int(g[0] or g[6])
    century = "19" if digit >= 2 or state.ref is None else "20"
    return [Cand(m.start(), m.end(), "DATE", f"{century}{digit}", background=True)]


@rule(
    "century",
    rf"{_PERIOD_MOD}(?:(?:de|the)\s+)?(?:(\d{{1,2}})(?:e|ste|de|st|nd|rd|th)|({_alt(ORDINAL_CENTURIES)}))[\s-]+"
    rf"(?:eeuw|century){_B}",
    "de the # begin eind einde midden halverwege medio early late mid " + " ".join(ORDINAL_CENTURIES),
)
def _century(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    n = int(m.group(1)) if m.group(1) else ORDINAL_CENTURIES[m.group(2).lower()]
    return [Cand(m.start(), m.end(), "DATE", f"{n - 1:02d}", background=True)]


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@rule(
    "season",
    rf"(?:(?:de|het|the)\s+)?(?:(deze|dit|vorige|afgelopen|komende|volgende|this|last|next|past|coming)\s+)?"
    rf"({SEASON})(?:\s+(?:van|of)\s+({YEAR})(?:\s*[/–-]\s*(\d{{2,4}}))?|\s+({YEAR}))?",
    "de het the deze dit vorige afgelopen komende volgende this last next past coming season",
)
def _season(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    shift_word, word, year1, _year2, year3 = m.groups()
    season = SEASONS[word.lower()]
    year_s = year1 or year3
    has_article = m.start(2) > m.start() and not shift_word
    left = left_word(text, m.start())
    if not year_s and not shift_word and not has_article and left not in ("in", "tijdens", "during", "sinds"):
        return None
    if word.lower() == "fall" and not year_s and left not in ("in", "this", "last", "next", "the"):
        return None
    if year_s:
        y = int(year_s)
    else:
        base = state.deictic if shift_word else state.ref
        if base is None or base.year is None:
            return None
        y = base.year
        if shift_word:
            y += SHIFTERS.get(shift_word.lower(), -1 if shift_word.lower() in ("afgelopen", "past") else 0)
        elif state.genre == "news" and base.month and _SEASON_START[season] > base.month:
            if _tense_at(state, m.start()) != "future":
                y -= 1  # "sinds de zomer" in a report of January: last summer
        elif season != "WI" and (state.season == "WI" and base.month is None or (base.month or 0) >= 11):
            y += 1  # spring after "de winter van 1978/79" is 1979's
    state.season = season
    ref = Ref(y, None, None)
    return [Cand(m.start(), m.end(), "DATE", f"{y:04d}-{season}", ref)]


@rule(
    "week",
    rf"(?:(?:de|the)\s+)?(?:({ORD})\s+week\s+(?:van|of|in)\s+({MONTH})(?:\s*,?\s*({YEAR}))?|"
    rf"week\s+(?:van|of)\s+(?:({DAY})\s+({MONTH})|({MONTH})\s+({DAY}))(?:\s*,?\s*({YEAR}))?|"
    rf"week\s+(\d{{1,2}})(?!\d)(?:\s+(?:van\s+|of\s+)?({YEAR}))?)",
    "de the week " + " ".join(ORDINALS),
)
def _week(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    g = m.groups()
    if g[0]:
        nth = ORDINALS[g[0].lower()]
        month = MONTHS[g[1].rstrip(".").lower()]
        year = int(g[2]) if g[2] else _year_for(state, month)
        if year is None:
            return None
        # Weeks belong to the month that holds their Thursday, as ISO weeks belong to years.
        if nth > 0:
            first_day = date(year, month, 1)
            day = first_day + timedelta(days=(4 - first_day.isoweekday()) % 7 + 7 * (nth - 1))
        else:
            last_day = date(year, month, calendar.monthrange(year, month)[1])
            day = last_day - timedelta(days=(last_day.isoweekday() - 4) % 7)
        return [Cand(m.start(), m.end(), "DATE", _week_value(day), Ref(day.year, day.month, day.day))]
    if g[3] or g[5]:
        d_s, month_s = (g[3], g[4]) if g[3] else (g[6], g[5])
        month = MONTHS[month_s.rstrip(".").lower()]
        d = int(re.match(r"\d+", d_s).group())  # type: ignore[union-attr]
        year = int(g[7]) if g[7] else _year_for(state, month, d)
        if year is None or not _valid(year, month, d):
            return None
        day = date(year, month, d)
        return [Cand(m.start(), m.end(), "DATE", _week_value(day), Ref(year, month, d))]
    n = int(g[8])
    if not 1 <= n <= 53:
        return None
    year = int(g[9]) if g[9] else (state.ref.year if state.ref and state.ref.year else None)
    if year is None:
        return None
    monday = date.fromisocalendar(year, n, 1) if n <= 52 else date(year, 12, 28)
    return [Cand(m.start(), m.end(), "DATE", f"{year:04d}-W{n:02d}", Ref(monday.year, monday.month, monday.day))]


@rule(
    "night_of",
    rf"(?:(?:de|the)\s+)?nacht\s+van\s+({WEEKDAY})\s+op\s+({WEEKDAY})(?!\w)",
    "de nacht",
)
def _night_of(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    weekday = WEEKDAYS[m.group(2).lower()]
    cand = _weekday_cand(m.start(), m.end(), state, weekday)
    thursday = cand.ref.as_date() if cand.ref else None
    if thursday is not None:
        before = thursday - timedelta(days=1)  # the night belongs to the evening before
        cand = Cand(m.start(), m.end(), "TIME", f"{date_value(before.year, before.month, before.day)}TNI", cand.ref)
    else:
        cand.type = "TIME"
        cand.value += "TNI"
    return [cand]


@rule("s_pod", r"['’]s[-\s]?(ochtends|morgens|middags|avonds|nachts)(?!\w)", "'s ’s")
def _s_pod(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    pod = PARTS_OF_DAY[m.group(1).lower()]
    ref = state.ref if state.genre == "narrative" else (state.ref or state.anchor)
    day = _day_value(ref) if ref and ref.day else None
    return [Cand(m.start(), m.end(), "TIME", f"{day or 'XXXX-XX-XX'}T{pod}", background=True)]


@rule(
    "pod",
    r"(?:(?:het\s+|the\s+)?(?:einde?|begin|rest|loop|midden|end|beginning|start|middle|course)\s+(?:van|of)\s+)?"
    r"(de|die|deze|diezelfde|dezelfde|the|that|this|same)\s+(?:same\s+)?(?:(?:vroege|late|early|late)\s+)?"
    r"(ochtend|morgen|middag|avond|nacht|morning|afternoon|evening|night)(?!\w)",
    "de die deze diezelfde dezelfde the that this het einde eind begin rest loop midden end beginning start "
    "middle course",
)
def _pod(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    article, word = m.group(1).lower(), m.group(2).lower()
    framed = m.start(1) > m.start()
    pod = PARTS_OF_DAY[word]
    of_day = _OF_DAY.match(text, m.end())
    if of_day:
        # "de (vroege) ochtend van 4 maart 2022", "the night of 9 March": that part of that day.
        found = _day_after(of_day.end(), state, text)
        if found is None:
            return None  # "de nacht van 3 op 4 maart": a range, the dates carry it
        found.start = m.start()
        _with_part_of_day(found, pod)
        return [found]
    if article in ("de", "the") and not framed:
        left = left_word(text, m.start())
        if left not in ("op", "in", "tijdens", "gedurende", "during", "'s", "van", "tot", "until", "through", "into"):
            return None
        if article == "de" and word == "morgen" and left != "op":
            return None
    if article == "this" and state.genre == "news":
        ref = state.anchor
    else:
        ref = state.ref if state.genre == "narrative" else (state.ref or state.anchor)
    day = _day_value(ref) if ref and ref.day else None
    if day is None:
        return None
    return [Cand(m.start(), m.end(), "TIME", f"{day}T{pod}")]


_OF_DAY = re.compile(r"\s+(?:van|of)\s+", re.IGNORECASE)


def _day_after(pos: int, state: State, text: str) -> Cand | None:
    """The single day a date at ``pos`` names ("4 maart 2022", "March 9", "maandag 6 juni"), else None."""
    for name in ("weekday", "dmy", "mdy"):
        date_rule = _RULE_BY_NAME[name]
        match = date_rule.pattern.match(text, pos)
        found = date_rule.handle(match, state, text) if match else None
        if found and len(found) == 1 and not found[0].range_to and precision_of(found[0].value) == "day":
            return found[0]
    return None


@rule(
    "later_that_day",
    r"(?:later|eerder|laat|vroeg)\s+(?:op|in)\s+((?:de|the)\s+(?:dag|day))(?!\w)",
    "later eerder laat vroeg",
)
def _later_that_day(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    ref = state.ref if state.genre == "narrative" else (state.ref or state.anchor)
    cand = _rel_cand(m.start(1), m.end(1), ref, "D", 0)
    return [cand] if cand else None


_OF_EVENT = re.compile(
    r"\s+(van|of)\s+(?:(?:het\s+)?(?:begin|start|uitbreken)\s+van\s+|the\s+(?:start|beginning|outbreak)\s+of\s+)?"
    r"(?:de|het|the)\s+([^\W\d][^.,;:!?()\n]{2,60})",
    re.IGNORECASE,
)


@rule(
    "nth_of_event",
    rf"(?:(?:de|het|the)\s+)?({ORD})\s+(dag|week|maand|jaar|day|month|year)(?!\w)",
    "de het the " + " ".join(ORDINALS),
)
def _nth_of_event(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    """ "de eerste dag van de invasie": counted from a date the text gave that event."""
    nth = ORDINALS[m.group(1).lower()]
    tail = _OF_EVENT.match(text, m.end())
    base = Ref.parse(anchor_date(state, tail)) if tail and nth > 0 else None
    if base is None:
        return None
    cand = _rel_cand(m.start(), m.end(), base, UNITS[m.group(2).lower()], nth - 1)
    return [cand] if cand else None


@rule(
    "deictic",
    r"(vandaag|heden|gisteren|eergisteren|overmorgen|morgen|today|yesterday|tomorrow|tonight|vanavond|vannacht|"
    r"vanochtend|vanmorgen|vanmiddag|gisteravond|gisterochtend|gistermiddag|gisternacht)(?!\w)"
    r"(?:\s+(ochtend|middag|avond|nacht|morning|afternoon|evening|night)(?!\w))?",
    "vandaag heden gisteren eergisteren overmorgen morgen today yesterday tomorrow tonight vanavond vannacht "
    "vanochtend vanmorgen vanmiddag gisteravond gisterochtend gistermiddag gisternacht",
)
def _deictic(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    word = m.group(1).lower()
    pod_word = m.group(2)
    if not state.english and word in ("today", "yesterday", "tomorrow", "tonight"):
        return None  # "de zender russia today" in a Dutch text
    if word == "morgen" and left_word(text, m.start()) in ("de", "die", "deze", "'s", "’s", "elke", "iedere", "van"):
        return None
    compounds = {
        "tonight": (0, "NI"), "vanavond": (0, "EV"), "vannacht": (0, "NI"), "vanochtend": (0, "MO"),
        "vanmorgen": (0, "MO"), "vanmiddag": (0, "AF"), "gisteravond": (-1, "EV"), "gisterochtend": (-1, "MO"),
        "gistermiddag": (-1, "AF"), "gisternacht": (-1, "NI"),
    }  # fmt: skip
    if word in compounds:
        offset, pod = compounds[word]
    else:
        offset, pod = DAY_WORDS[word], PARTS_OF_DAY[pod_word.lower()] if pod_word else ""
    cand = _rel_cand(m.start(), m.end(), state.deictic, "D", offset)
    if cand is None:
        return None
    if pod:
        _with_part_of_day(cand, pod)
    return [cand]


@rule(
    "last_night",
    r"(last|previous)\s+night(?!\w)",
    "last previous",
)
def _last_night(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    cand = _rel_cand(m.start(), m.end(), state.deictic, "D", -1)
    if cand is None:
        return None
    _with_part_of_day(cand, "NI")
    return [cand]


@rule(
    "shifted_weekday",
    rf"(vorige|afgelopen|komende|volgende|aanstaande|last|next|this|coming|past)\s+(week\s+)?({WEEKDAY})(?!\w)",
    "vorige afgelopen komende volgende aanstaande last next this coming past",
)
def _shifted_weekday(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    word = m.group(1).lower()
    direction = -1 if word in ("vorige", "afgelopen", "last", "past") else 1
    if word == "this":
        direction = 0
    weekday = WEEKDAYS[m.group(3).lower()]
    base = state.deictic.as_date() if state.deictic else None
    if m.group(2) and base is not None:
        # "vorige week maandag": that weekday of the previous (ISO) week, not the last Monday.
        day = base + timedelta(days=weekday - base.isoweekday() + 7 * direction)
        return [
            Cand(
                m.start(),
                m.end(),
                "DATE",
                date_value(day.year, day.month, day.day) or "",
                Ref(day.year, day.month, day.day),
            )
        ]
    return [_weekday_cand(m.start(), m.end(), state, weekday, direction)]


@rule(
    "weekday",
    rf"({WEEKDAY})(ochtend|morgen|middag|avond|nacht|\s+(?:morning|afternoon|evening|night|ochtend|middag|avond|nacht))?(?!\w)",
    " ".join(WEEKDAYS)
    + " "
    + " ".join(w + p for w in WEEKDAYS for p in ("ochtend", "morgen", "middag", "avond", "nacht")),
)
def _weekday(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    word = m.group(1).lower()
    if (not state.english and word.endswith("day")) or _PAPER.match(text, m.end()):
        return None  # "volgens the sunday times": a name, in a Dutch text or as a newspaper's
    pod = PARTS_OF_DAY[m.group(2).strip().lower()] if m.group(2) else ""
    # "maandag 24 februari 2022": the date that follows says which day; the span takes both.
    gap = _GAP.match(text, m.end())
    for name in ("dmy", "mdy"):
        date_rule = _RULE_BY_NAME[name]
        follow = date_rule.pattern.match(text, gap.end()) if gap else None
        found = date_rule.handle(follow, state, text) if follow else None
        if found:
            cand = found[0]
            cand.start = m.start()
            if pod:
                _with_part_of_day(cand, pod)
            return [cand]
    return [_weekday_cand(m.start(), m.end(), state, WEEKDAYS[m.group(1).lower()], 0, pod)]


_PAPER = re.compile(r"\s+(?:times|telegraph|mirror|express|post|herald|tribune|observer)\b", re.IGNORECASE)


@rule(
    "anaphoric_unit",
    r"(?:(de|het|the)\s+)?(volgende|daaropvolgende|vorige|voorgaande|voorafgaande|next|following|previous|preceding)\s+"
    r"(dag|week|maand|jaar|ochtend|morgen|middag|avond|nacht|day|month|year|morning|afternoon|evening|night)(?!\w)",
    "de het the volgende daaropvolgende vorige voorgaande voorafgaande next following previous preceding",
)
def _anaphoric_unit(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    article, shifter, unit_word = m.group(1), m.group(2).lower(), m.group(3).lower()
    n = SHIFTERS.get(shifter, 1)
    if not article and unit_word in ("week", "maand", "jaar", "month", "year", "day", "dag"):
        ref = state.deictic  # "vorige week", "next month": from the publication date
    else:
        ref = state.ref if state.genre == "narrative" else (state.ref or state.anchor)
    if unit_word in PARTS_OF_DAY:
        cand = _rel_cand(m.start(), m.end(), ref, "D", n)
        if cand is None:
            return None
        _with_part_of_day(cand, PARTS_OF_DAY[unit_word])
        return [cand]
    cand = _rel_cand(m.start(), m.end(), ref, UNITS[unit_word], n)
    return [cand] if cand else None


@rule(
    "this_unit",
    r"(dit|deze|dat|die|diezelfde|datzelfde|dezelfde|hetzelfde|this|that|the\s+same|that\s+same|"
    r"afgelopen|vorig|vorige|volgend|komend|komende|last|next|past)\s+(dag|week|maand|jaar|weekend|day|month|year)(?!\w)",
    "dit deze dat die diezelfde datzelfde dezelfde hetzelfde this that the afgelopen vorig vorige volgend komend "
    "komende last next past",
)
def _this_unit(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    word = re.sub(r"\s+", " ", m.group(1).lower())
    unit = UNITS[m.group(2).lower()]
    left = left_word(text, m.start())
    if word in ("afgelopen", "past") and left in ("de", "the", "het"):
        return None  # "de afgelopen week" is a duration: another rule
    if word in ("dit", "deze", "this"):
        ref, n = state.deictic, 0
    elif word in ("afgelopen", "vorig", "vorige", "last", "past"):
        ref, n = state.deictic, -1
    elif word in ("volgend", "komend", "komende", "next"):
        ref, n = state.deictic, 1
    else:
        ref, n = (state.ref if state.genre == "narrative" else (state.ref or state.anchor)), 0
    cand = _rel_cand(m.start(), m.end(), ref, unit, n)
    return [cand] if cand else None


@rule(
    "weekend",
    r"(?:the|het)\s+(?:(afgelopen|komende|past|coming)\s+)?(?:weekend|weekeinde)(?!\w)",
    "the het",
)
def _weekend(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    """ "over the weekend", "het afgelopen weekend": the weekend nearest the reference, before it in a
    clause about the past."""
    shift = (m.group(1) or "").lower()
    if not shift and left_word(text, m.start()) not in ("over", "during", "in", "at", "for", "tijdens", "afgelopen"):
        return None
    ref = state.deictic if state.genre == "news" else state.ref
    base = ref.as_date() if ref else None
    if base is None:
        return None
    past = shift in ("afgelopen", "past") or (not shift and _tense_at(state, m.start()) == "past")
    if past and base.isoweekday() < 6:
        base -= timedelta(days=7)
    elif shift in ("komende", "coming") and base.isoweekday() == 7:
        base += timedelta(days=7)
    return [Cand(m.start(), m.end(), "DATE", _week_value(base) + "-WE", Ref(base.year, base.month, base.day))]


@rule(
    "part_of_unit",
    r"(?:(?:the|het)\s+)?(start|beginning|end|middle|begin|einde?|midden)\s+(?:of|van)\s+"
    r"(the|this|last|next|het|dit|vorig|volgend|de|deze|vorige|volgende)\s+(year|month|week|jaar|maand)(?!\w)",
    "the het start beginning end middle begin eind einde midden",
)
def _part_of_unit(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    """ "the start of the year", "het einde van de maand": the year (month, week) it is part of."""
    word, unit = m.group(2).lower(), UNITS[m.group(3).lower()]
    n = SHIFTERS.get(word, 0)
    ref = state.ref if word in ("the", "het", "de") and state.genre != "news" else state.deictic
    cand = _rel_cand(m.start(), m.end(), ref, unit, n)
    return [cand] if cand else None


@rule(
    "unit_of_event",
    r"(?:de|het|the)\s+(dag|week|maand|jaar|day|month|year)"
    r"(?=\s+(?:voorafgaand\s+aan|voor|na|before|after|prior\s+to|following)\s+(?:de|het|the)\s)",
    "de het the",
)
def _unit_of_event(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    """ "het jaar voorafgaand aan de invasie", "the day after the vote": from a date the text gave that event."""
    tail = ANCHOR.match(text, m.end())
    value = anchor_date(state, tail) if tail else None
    if tail is None or value is None:
        return None
    word = tail.group(1).split()[0].lower()
    n = -1 if word in BEFORE else 1
    found = list(WORD.finditer(tail.group(2)))
    tokens = [t.group().lower() for t in found]
    end = tail.end(2)
    for i, token in enumerate(found[:3]):
        if is_head(tokens, i):
            end = tail.start(2) + token.end()
            break
    cand = _rel_cand(m.start(), end, Ref.parse(value), UNITS[m.group(1).lower()], n)
    if cand:
        cand.ref = None  # a step aside from the story, not a move of its time
    return [cand] if cand else None


@rule(
    "unit_after",
    r"(?:(?:de|het|the)\s+)?(dag|week|maand|jaar|ochtend|middag|avond|nacht|day|week|month|year|morning|evening|night)"
    r"\s+(erna|daarna|daarop|erop|nadien|ervoor|daarvoor|voordien|after|before|later|earlier)(?!\w)",
    "de het the dag week maand jaar ochtend middag avond nacht day month year morning evening night",
)
def _unit_after(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    """ "de dag erna", "het jaar daarop", "de avond ervoor", "the year before"."""
    unit_word, word = m.group(1).lower(), m.group(2).lower()
    if word in ("after", "before") and re.match(r"\s+\w", text[m.end() : m.end() + 3]):
        return None  # "the day after the vote": anchored on an event we do not know
    if word in ("later", "earlier") and not re.match(r"(?:de|het|the)\s", m.group(0), re.IGNORECASE):
        return None  # "a day later" is another rule's; "dag later" alone is no expression
    n = -1 if word in ("ervoor", "daarvoor", "voordien", "before", "earlier") else 1
    ref = state.ref if state.genre == "narrative" else (state.ref or state.anchor)
    if unit_word in PARTS_OF_DAY:
        cand = _rel_cand(m.start(), m.end(), ref, "D", n)
        if cand:
            _with_part_of_day(cand, PARTS_OF_DAY[unit_word])
        return [cand] if cand else None
    cand = _rel_cand(m.start(), m.end(), ref, UNITS[unit_word], n)
    return [cand] if cand else None


# "na de invasie", "kort voor het begin van de oorlog", "after the summit of Bucharest": an event as anchor.
ANCHOR = re.compile(
    r"\s*(?:(?:al\s+)?(?:heel\s+|zeer\s+|very\s+)?(?:kort|direct|vlak|meteen|vrijwel\s+meteen|onmiddellijk|snel|spoedig|"
    r"shortly|immediately|just|soon|vanaf)\s+)?"
    r"(na|vanaf|bij|tijdens|voor|voorafgaand\s+aan|in\s+de\s+aanloop\s+naar|after|during|before|prior\s+to|"
    r"ahead\s+of|in\s+the\s+run-up\s+to|at)\s+"
    r"(?:(?:het\s+)?(?:begin|start|uitbreken|aanvang)\s+van\s+|the\s+(?:start|beginning|outbreak)\s+of\s+)?"
    r"(?:de|het|the)\s+([^\W\d][^.,;:!?()\n]{2,60})",
    re.IGNORECASE,
)
# The anchor words that count back from the event ("het jaar voorafgaand aan de invasie").
BEFORE = words("voor voorafgaand before prior ahead")


_ADJECTIVE = re.compile(r"(?:ische|sche|ese|ense|ele|ale|ige|lijke|ste|de|te|ed|an|ish)$")
_LINKS = words("van of in")
_NOT_HEADS = words("de het een the a an van of in")


def is_head(tokens: list[str], i: int) -> bool:
    """Whether ``tokens[i]`` heads the noun phrase: no article or link, and no adjective before a noun
    ("russische invasie"; but "the vote" before "the" is a noun)."""
    word = tokens[i]
    if len(word) < 3 or word in _NOT_HEADS:
        return False
    following = tokens[i + 1] if i + 1 < len(tokens) else ""
    return not (_ADJECTIVE.search(word) and following and following not in _NOT_HEADS)


def anchor_date(state: State, match: re.Match[str]) -> str | None:
    """The date of the event a phrase like "na de conferentie van jalta" names, if the text dated it before.

    The head is the first word after the article that is no adjective ("de russische invasie" ->
    invasie). A head with a complement ("conferentie van jalta") is looked up in the first dated sentence
    holding both; a bare head ("de invasie") only counts when the text's first dated sentence, its
    lead, has it.
    """
    tokens = WORD.findall(match.group(2).lower())[:6]
    for i, head in enumerate(tokens[:3]):
        if not is_head(tokens, i):
            continue
        if head in state.named:
            return state.named[head]
        rest = tokens[i + 1 :]
        if len(rest) >= 2 and rest[0] in _LINKS:
            complement = rest[2] if rest[1] in ("de", "het", "the") and len(rest) > 2 else rest[1]
            for index in state.memory.get(head, ()):
                value, seen = state.dated[index]
                if complement in seen:
                    return value
        if state.dated and head in state.dated[0][1]:
            return state.dated[0][0]
        return None
    return None


@rule(
    "duration_range",
    rf"({NUM})\s*(?:[-–]|tot|to|en|and|or|of)\s*({NUM})\s+({UNIT})",
    "# " + " ".join(NUMERALS),
)
def _duration_range(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    """ "vijf tot zes weken", "tussen de 18 en 60 jaar": two durations, the first in the second's unit."""
    low, high = _number(m.group(1)), _number(m.group(2))
    unit = UNITS[m.group(3).lower()]
    if low is None or high is None or not 0 < low < high or unit == "WE" or m.group(3).lower() in ("uur", "hour"):
        return None
    after = _NEXT_WORD.match(text, m.end())
    if after and after.group(1).lower() in LATER | EARLIER | AGO | _EVENT_LINKS:
        return None  # "twee tot drie dagen later": counted from a date, another rule's
    first = Cand(m.start(1), m.end(1), "DURATION", _duration(low, unit))
    return [first, Cand(m.start(2), m.end(), "DURATION", _duration(high, unit))]


@rule(
    "amount",
    rf"(?:(de|the)\s+)?(?:(afgelopen|laatste|komende|volgende|eerste|past|last|next|coming|first)\s+)?"
    rf"(?:({NUM})|({VAGUE}))(?:\s*[-–]\s*(\d+)|\s+(?:(?:en|and)\s+(?:een|a)\s+)?(half|halve))?\s+({UNIT})(?:\s+(\w+))?",
    "de the afgelopen laatste komende volgende eerste past last next coming first # "
    + " ".join(NUMERALS)
    + " "
    + " ".join(VAGUE_QUANTITIES),
)
def _amount(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    article, shifter, num_s, vague_s, _upper, half, unit_word, after = m.groups()
    unit = UNITS[unit_word.lower()]
    if unit == "WE":
        return None
    n: float | None = _number(num_s) if num_s else None
    if num_s and n is None:
        return None
    if n is not None and half:
        joined = re.search(r"\s(?:en|and)\s", m.group(0))
        n = n * 0.5 if n == 1 and not joined else n + 0.5  # "een half jaar", "twee en een half": halves
    after_l = (after or "").lower()
    end = m.end(7)
    # "57 days after the spill": counted from an event, not "57 days after" on its own.
    names_event = after_l in _EVENT_LINKS and bool(re.match(r"\s+[^\W\d]", text[m.end(8) : m.end(8) + 3]))
    if n is not None and not shifter and after_l in LATER | EARLIER | AGO and not names_event:
        direction = 1 if after_l in LATER else -1
        ref = (
            state.deictic
            if after_l in AGO
            else (state.ref if state.genre == "narrative" else (state.ref or state.anchor))
        )
        if unit in ("H", "MIN", "S"):
            return [Cand(m.start(), end, "DURATION", _duration(n, unit))]
        if n != int(n):
            return None
        cand = _rel_cand(m.start(), m.end(8), ref, unit, direction * int(n))
        return [cand] if cand else None
    if n is not None and not shifter and names_event and unit not in ("H", "MIN", "S") and n == int(n):
        tail = ANCHOR.match(text, m.end(7))
        base = Ref.parse(anchor_date(state, tail)) if tail else None
        guessed = base is None
        if guessed and state.genre == "news":
            # "twee jaar na het begin van de invasie" in a report that never dated it: only the distance is known.
            return [Cand(m.start(), end, "DURATION", _duration(n, unit))]
        if guessed:  # an event the text did not date: count from the reference, but do not move it
            base = state.ref if state.genre == "narrative" else (state.ref or state.anchor)
        direction = 1 if after_l in ("na", "nadat", "after") else -1
        cand = _rel_cand(m.start(), end, base, unit, direction * int(n))
        if cand and guessed:
            cand.ref = None
        return [cand] if cand else None
    if article and shifter and shifter.lower() in ("afgelopen", "past", "laatste", "last", "komende", "next", "coming"):
        return [Cand(m.start(), end, "DURATION", _duration(n if n is not None else None, unit))]
    if article and shifter is None:
        return None  # "de drie dagen" without more: leave it
    if shifter and not article:
        return None
    if num_s and num_s.lower() in ("a", "an") and not article:
        return None  # "a day": too often no time at all
    if num_s and num_s.lower() in ("een", "één") and unit in ("D", "H", "MIN", "S"):
        left = left_word(text, m.start())
        if left in ("per", "keer", "maal"):
            return None
    start = m.start(2) if shifter else (m.start(3) if num_s else m.start(4))
    if article:
        start = m.start()
    return [Cand(start, end, "DURATION", _duration(n, unit))]


_SMALLER = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "MIN"), "W": (7, "D"), "DE": (10, "Y"), "CE": (100, "Y")}


_EVENT_LINKS = words("na voor nadat voordat after before")


def _duration(n: float | None, unit: str) -> str:
    """A TIMEX3 duration: "P3D", "PT24H", "PXW"; halves in the next smaller unit ("P18M")."""
    if n is not None and n != int(n) and unit in _SMALLER:
        factor, smaller = _SMALLER[unit]
        return _duration(n * factor, smaller)
    amount = "X" if n is None else (str(int(n)) if n == int(n) else str(n))
    if unit in ("H", "S"):
        return f"PT{amount}{unit}"
    if unit == "MIN":
        return f"PT{amount}M"
    return f"P{amount}{unit}"


# "43-jarige", "vijfdaagse", "tweeweekse", "a 10-day truce", "three-year-old": a duration as adjective.
ADJ_UNITS = {
    "jarige": "Y", "jarig": "Y", "daagse": "D", "daags": "D", "weekse": "W", "maandse": "M", "maands": "M",
    "urige": "H",
}  # fmt: skip
_ADJ_SUFFIXES = tuple(ADJ_UNITS)
_COUNT = rf"(\d{{1,3}}|{_alt(w for w in NUMERALS if w not in ('a', 'an', 'een', 'één'))})"


@rule(
    "unit_adjective",
    rf"{_COUNT}(?:[-\s]?({_alt(ADJ_UNITS)})|-(year|day|week|month|hour|minute)s?(?:-old)?|\s+(years?)\s+old)(?!\w)",
    "# " + " ".join(w for w in NUMERALS if w not in ("a", "an", "een", "één")),
)
def _unit_adjective(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    n = _number(m.group(1))
    if n is None:
        return None
    unit = ADJ_UNITS[m.group(2).lower()] if m.group(2) else UNITS[(m.group(3) or m.group(4)).lower()]
    return [Cand(m.start(), m.end(), "DURATION", _duration(n, unit))]


def _adjective_parts(word: str) -> bool:
    """Whether a word is a numeral glued to a duration adjective ("vijfdaagse")."""
    if not word.endswith(_ADJ_SUFFIXES):
        return False
    return any(word.endswith(suffix) and word[: -len(suffix)] in NUMERALS for suffix in ADJ_UNITS)


@rule("vague_long", rf"({_alt(VAGUE_DURATIONS)})(?!\w)", " ".join(VAGUE_DURATIONS))
def _vague_long(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    return [Cand(m.start(), m.end(), "DURATION", VAGUE_DURATIONS[m.group(1).lower()])]


@rule(
    "vague_plural",
    r"(uren|dagen|weken|maanden|jaren|decennia|eeuwen|hours|days|weeks|months|years|decades|centuries)(?!\w)",
    "uren dagen weken maanden jaren decennia eeuwen hours days weeks months years decades centuries",
)
def _vague_plural(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    left = left_word(text, m.start())
    value = _duration(None, UNITS[m.group(1).lower()])
    after = _AROUND_EVENT.match(text, m.end())
    if left in ("de", "the") and after:
        # "de weken daarvoor", "the days that followed": a stretch of time next to the story's
        return [Cand(_left_start(text, m.start()), after.end(), "DURATION", value)]
    if left not in ("al", "for", "ruim", "binnen", "within", "since", "sinds", "nog"):
        return None
    if re.match(r"\s+(?:van|of|lang|long)\b", text[m.end() : m.end() + 6], re.I) and left not in ("al", "for"):
        return None
    return [Cand(m.start(), m.end(), "DURATION", value)]


_AROUND_EVENT = re.compile(
    r"\s+(?:erna|daarna|daarvoor|ervoor|nadien|voordien|that\s+followed|afterwards|(?:before|after)(?=\s*[.,;:]))(?!\w)",
    re.IGNORECASE,
)


def _left_start(text: str, pos: int) -> int:
    """Where the word just before ``pos`` starts."""
    end = pos
    while end > 0 and text[end - 1].isspace():
        end -= 1
    while end > 0 and text[end - 1].isalnum():
        end -= 1
    return end


@rule(
    "set",
    rf"(?:({_alt(SET_WORDS)})|(?:per|elke|iedere|ieder|elk|every|each)\s+(dag|week|maand|jaar|nacht|ochtend|avond|day|week|month|year|night|morning|evening)|"
    rf"(?:elke|iedere|every|each)\s+({WEEKDAY}))(?!\w)",
    " ".join(SET_WORDS) + " per elke iedere ieder elk every each",
)
def _set(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    if m.group(1):
        return [Cand(m.start(), m.end(), "SET", SET_WORDS[m.group(1).lower()])]
    if m.group(3):
        return [Cand(m.start(), m.end(), "SET", f"XXXX-WXX-{WEEKDAYS[m.group(3).lower()]}")]
    word = m.group(2).lower()
    if word in PARTS_OF_DAY:
        return [Cand(m.start(), m.end(), "SET", "P1D")]  # "elke avond": daily, at that part of the day
    return [Cand(m.start(), m.end(), "SET", f"P1{UNITS[word]}")]


@rule(
    "quarter",
    rf"(?:(?:het|de|the)\s+)?({ORD})\s+(kwartaal|helft|halfjaar|quarter|half)(?:\s+(?:van|of)\s+({YEAR}))?",
    "het de the " + " ".join(ORDINALS),
)
def _quarter(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    nth = ORDINALS[m.group(1).lower()]
    kind = m.group(2).lower()
    half = kind in ("helft", "halfjaar", "half")
    if nth < 0:
        nth = 2 if half else 4
    if nth > (2 if half else 4):
        return None
    if m.group(3):
        y = int(m.group(3))
    elif state.ref and state.ref.year:
        y = state.ref.year
    else:
        return None
    if half and not m.group(3) and kind == "helft":
        return None  # "de eerste helft" of a match
    return [Cand(m.start(), m.end(), "DATE", f"{y:04d}-{'H' if half else 'Q'}{nth}", Ref(y))]


@rule(
    "past_period",
    rf"(de|the)\s+(afgelopen|laatste|voorbije|komende|past|last|coming|next)\s+({UNIT})",
    "de the",
)
def _past_period(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    word = m.group(3).lower()
    unit = UNITS[word]
    plural = word.endswith(("en", "s")) or word in ("decennia", "centuries", "jaren")
    if word in ("uren",) or unit == "WE":
        plural = True
    if m.group(2).lower() in ("komende", "coming", "next") and not plural:
        return None  # "the next day" is a date
    return [Cand(m.start(), m.end(), "DURATION", _duration(None if plural else 1, unit))]


_HOLIDAYS: dict[str, tuple[int, int]] = {
    "kerstmis": (12, 25), "kerst": (12, 25), "eerste kerstdag": (12, 25), "tweede kerstdag": (12, 26),
    "kerstavond": (12, 24), "nieuwjaarsdag": (1, 1), "oudejaarsavond": (12, 31), "oudjaar": (12, 31),
    "oudejaarsdag": (12, 31), "koningsdag": (4, 27), "bevrijdingsdag": (5, 5), "dodenherdenking": (5, 4),
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
    "new year's eve": (12, 31), "independence day": (7, 4), "valentijnsdag": (2, 14), "valentine's day": (2, 14),
    "halloween": (10, 31),
}  # fmt: skip


@rule(
    "holiday",
    rf"((?:{_alt(_HOLIDAYS)}))(?!\w)(?:\s+(?:van\s+|of\s+)?({YEAR}))?",
    "kerstmis kerst eerste tweede kerstavond nieuwjaarsdag oudejaarsavond oudjaar oudejaarsdag koningsdag "
    "bevrijdingsdag dodenherdenking christmas new independence valentijnsdag valentine halloween",
)
def _holiday(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    month, day = _HOLIDAYS[re.sub(r"\s+", " ", m.group(1).lower()).replace("’", "'")]
    cand = _date_cand(m.start(), m.end(), int(m.group(2)) if m.group(2) else None, month, day, state)
    return [cand] if cand else None


@rule("year", rf"({YEAR})", "#")
def _year(m: re.Match[str], state: State, text: str) -> list[Cand] | None:
    y = int(m.group(1))
    after = text[m.end() : m.end() + 16]
    if re.match(r"[.,]\d", after) or re.match(r"\s*(?:[-–]\s*)?(?:jarige|year-old)", after):
        return None
    next_word = re.match(r"\s*([\w%²]+)", after)
    if next_word and next_word.group(1).lower() in NOT_AFTER_YEAR:
        return None
    left = left_word(text, m.start())
    if left in QUANTIFIERS and left not in ("tot", "voor") or (m.start() and text[m.start() - 1] in "€$£#+"):
        return None
    if y < 1800 and left not in (
        "in",
        "sinds",
        "van",
        "vanaf",
        "tot",
        "jaar",
        "rond",
        "omstreeks",
        "since",
        "until",
        "around",
        "year",
        "tussen",
        "between",
        "circa",
        "ca",
        "in het",
    ):
        return None
    if y > 2100:
        return None
    return [Cand(m.start(), m.end(), "DATE", f"{y:04d}", Ref(y))]


# Trigger table: word -> rules to try, in order.
_TRIGGERS: dict[str, list[Rule]] = {}
_DIGIT_RULES: list[Rule] = []
for _r in _RULES:
    for _t in _r.triggers:
        if _t == "#":
            _DIGIT_RULES.append(_r)
        elif _t == "month":
            for _w in MONTHS:
                _TRIGGERS.setdefault(_w, []).append(_r)
        else:
            _TRIGGERS.setdefault(_t, []).append(_r)

_RULE_BY_NAME = {r.name: r for r in _RULES}
_ADJECTIVE_RULES = [_RULE_BY_NAME["unit_adjective"]]

# Articles open many rules; only try them when the next word could continue a time expression.
_ARTICLE_TRIGGERS = words("de het the")
_AFTER_ARTICLE = (
    set(ORDINALS)
    | set(SHIFTERS)
    | set(NUMERALS)
    | VAGUE_QUANTITIES
    | set(SEASONS)
    | set(PARTS_OF_DAY)
    | set(UNITS)
    | set(ORDINAL_CENTURIES)
    | words(
        """afgelopen laatste komende voorbije daaropvolgende jaren einde eind begin rest loop midden same end
        beginning start middle course past week dag day nacht eerstvolgende kerst vroege late early"""
    )
)
_NEXT_WORD = re.compile(r"\s+([^\W_]+)")
_GAP = re.compile(r"\s*,?\s*")
_TOKEN = re.compile(r"['’]s(?!\w)|\w+")

# Words before an expression that make it background rather than the sentence's event.
_BACKGROUND_LEFT = words("sinds since tot until totdat")
_SINCE_EVENT = re.compile(
    r"\b(?:sinds|since)\s+(?:de|het|the)\s+(?:[^\W\d]+\s+){1,3}(?:op|van|in|on|of)\s+$", re.IGNORECASE
)
_ARTICLES = words("de het een")
_PREPOSITIONS = words("in op sinds tot na voor")
# A relative clause: Dutch puts its verb last, so its date comes early (", die in 1997 was gesloten");
# an English one may run on (", which changed hands twice during the day on Wednesday").
_CLAUSE_START = re.compile(
    r",\s*(?:(?:die|dat|welke|waar|waarin|waarbij)\s+(?:[^\W\d]+\s+){0,2}?|"
    r"(?:which|who|that|where)\s+(?:[^\W\d]+\s+){0,8}?)(?:in|op|sinds|on)\s*$"
)
# "(de, in 1990) door het bedrijf gesloten": an adjectival participle follows within a few words.
_PARTICIPLE_AFTER = re.compile(r"[^.;:!?]{0,40}?\sge\w+(?:de|te|en)\b", re.IGNORECASE)


def _moved(old: Ref | None, new: Ref) -> Ref:
    """The reference time after mentioning ``new``: a coarser mention that agrees ("datzelfde jaar"
    after "5 maart 2015") keeps the finer reference."""
    if old is None or old.year != new.year:
        return new
    if new.month is None:
        return old
    if old.month != new.month or new.day is not None:
        return new
    return old


def _is_background(text: str, start: int) -> bool:
    """ "sinds 1990", and the adjectival "de, in 1990 gesloten, mijn": not what the sentence is about."""
    left = left_word(text, start)
    if left in _BACKGROUND_LEFT or _SINCE_EVENT.search(text, max(0, start - 50), start):
        return True
    if left in ("van", "of") and (noun := _OF_NOUN.search(text, max(0, start - 40), start)):
        # "de crisis van 1993", "de explosie op de brug van zaterdag 8 oktober": the date of a thing named
        return noun.group(1).lower() not in _TIME_NOUNS
    clause = _CLAUSE_START.search(text, max(0, start - 60), start)
    if clause and not re.search(r"[.;:!?]", text[clause.end() : start]):
        return True  # ", die in 1997 was gesloten,": a relative clause looks elsewhere
    if left in _PREPOSITIONS and _PARTICIPLE_AFTER.match(text, start):
        cut = start
        while cut > 0 and text[cut - 1].isspace():
            cut -= 1
        cut -= len(left)
        while cut > 0 and (text[cut - 1].isspace() or text[cut - 1] == ","):
            cut -= 1
        return left_word(text, cut) in _ARTICLES
    return False


_OF_NOUN = re.compile(r"(?:de|het|the)\s+(?:[^\W\d]+\s+){0,2}?([^\W\d]{3,})\s+(?:van|of)\s+$", re.IGNORECASE)
_TIME_NOUNS = (
    words(
        """begin einde eind midden helft loop rest start end beginning middle half course maand jaar week dag
        zomer winter lente herfst voorjaar najaar summer spring autumn fall"""
    )
    | set(PARTS_OF_DAY)
    | set(UNITS)
)

# "de invasie op 24 februari 2022", "the attack of 8 June": a noun dated where it is named.
_NAMED_BEFORE = re.compile(
    r"(?:^|\s)(?:de|het|the)\s+(?:[^\W\d]+(?:e|an|ish)\s+){0,2}([^\W\d]{4,})\s+"
    r"(?:(?:op|in|bij|aan|at|on|in|near)\s+(?:de|het|the)\s+([^\W\d]{3,})\s+)?(?:op|van|on|of)\s+$",
    re.IGNORECASE,
)


def _name_event(text: str, cand: Cand, state: State) -> None:
    match = _NAMED_BEFORE.search(text, max(0, cand.start - 80), cand.start)
    if match and not _ADJECTIVE.search(match.group(1).lower()):
        state.named.setdefault(match.group(1).lower(), cand.value[:10])


def scan(text: str, start: int, end: int, state: State) -> list[Cand]:
    out: list[Cand] = []
    last = start
    state.text, state.bounds = text, (start, end)
    for tok in _TOKEN.finditer(text, start, end):
        pos = tok.start()
        if pos < last:
            continue
        word = tok.group().lower()
        rules = _DIGIT_RULES if word[0].isdigit() else _TRIGGERS.get(word)
        if not rules:
            if word[-1] in "egs" and _adjective_parts(word):
                rules = _ADJECTIVE_RULES
            else:
                continue
        if word in _ARTICLE_TRIGGERS:
            after = _NEXT_WORD.match(text, tok.end(), end)
            if not after or not (after.group(1)[0].isdigit() or after.group(1).lower() in _AFTER_ARTICLE):
                continue
        for r in rules:
            match = r.pattern.match(text, pos, end)
            if match is None:
                continue
            try:
                cands = r.handle(match, state, text)
            except (ValueError, OverflowError):
                continue  # a date off the calendar ("year 0", "29 februari 2023" counted from year 9999)
            if not cands:
                continue
            for cand in cands:
                if _is_background(text, cand.start):
                    cand.background = True
                out.append(cand)
                if cand.ref is not None and cand.ref.month and cand.type in ("DATE", "TIME"):
                    _name_event(text, cand, state)
                if cand.ref is not None and not cand.background and not state.frozen:
                    state.ref = _moved(state.ref, cand.ref)
                    state.ref_sentence = state.sentence
                    if state.ref.month:
                        state.fine = state.ref
            last = max(c.end for c in cands)
            break
    return out


# --- tense -----------------------------------------------------------------------------------
# A date without a year goes by the tense of its clause (``_tense_at``); ``event_date`` reads the
# same verb forms to tell an event from a state.

# Past tense: the sentence reports something that happened (Dutch and English).
_STRONG_PAST = words(
    """was waren werd werden had hadden kwam kwamen ging gingen vond vonden viel vielen trok trokken nam namen
    gaf gaven zag zagen liet lieten sloeg sloegen bleef bleven bleek bleken sprak spraken stierf stierven kreeg
    kregen schoot schoten brak braken zei zeiden hield hielden stond stonden lag lagen sloot sloten wist wisten
    begon begonnen verloor verloren won wonnen bracht brachten dacht dachten kocht kochten zocht zochten vroeg
    vroegen riep riepen trad traden liep liepen reed vloog vlogen vluchtte vluchtten sneuvelde sneuvelden
    kende kenden diende dienden wees bood boden verbood verboden besloot besloten verscheen verschenen
    ontstond ontstonden verdween verdwenen schreef schreven koos kozen droeg droegen sliep sliepen zat zaten
    dreef dreven greep grepen trof troffen onderging ondergingen verliet verlieten ontving ontvingen
    zou zouden kon konden moest moesten wilde wilden mocht mochten
    beval bevalen bewees bond bonden dook doken dronk dronken dwong dwongen gold golden hing hingen hief hielp
    hielpen kroop kropen las lazen leed liep loog mat meed rees rezen schoof smolt sneed sneden sprong sprongen
    stak stal streed streden verbond verbonden vergat vergaten verkoos verkozen vermeed versloeg
    verslogen vertrok vertrokken verwierf verwierven vloeide vocht vochten vroor wierp wierpen woog zong zongen
    zonk zonken zweeg zwegen ving vingen wezen deed deden steeg stegen keek keken smeet smeten beet schreed glom
    sloop klom klommen zwom zwommen schonk schonken hieven vroren wreef bezweek bezweken kneep knepen zond verzon
    genoot vloot goot droop onderging ontnam ontnamen ontstak bezat bezaten begreep begrepen
    bedroeg bedroegen betrof betroffen overleed verzette herriep sprak onderschreef onderschreven schreef
    beat bore bound bred caught clung crept dealt dug drew drank ate fed felt fought forgot froze hid laid led
    lent lit meant paid rode rang sold shook shone sank sat slept slid spun stood stole stuck stung swore
    swept swam taught tore understood woke wore wove wept wound
    were did said took came went began fell won lost saw gave held left told got made met led ran fled sent
    struck hit shot killed died became brought thought bought sought found kept spent built broke spoke wrote
    chose drove flew rose grew knew threw"""
)
_VERB_PREFIXES = ("ver", "ont", "her", "be", "over", "onder", "door", "uit", "op", "aan", "af", "in", "toe", "mee")
# English past forms that are common Dutch words ("met" = with, "rode" = red).
_DUTCH_WORDS = words("met rode bond lent hit sat led ran lit")
_NOT_PAST = words(
    """derde vierde orde aarde waarde harde ronde zonde schande diepte ziekte grootte witte natte platte vette
    noorden worden woorden orden steden leden landen gebieden heden tijden zijden beide verenigde
    vrienden maanden need speed seed feed united limited hundred red bed indeed naked wicked sacred"""
)
_PAST_SUFFIX = re.compile(
    r"(?:[bdglmnrvwz]de|[kpfx]te|dde|tte|[bdglmrvwz]den|[kpfx]ten|(?:ei|ij|aa|oo|uu|ee|oe|ui|ou|au)tten|"
    r"(?:ee|oo|aa|uu|oe|ie|ei|ij|ui)nden)$"
)
WORD = re.compile(r"[^\W\d]+")


# Present perfect: in news, something that happened just before the report.
PERFECT = re.compile(
    r"(?<!\w)(?:heeft|hebben|is|zijn|has|have)\s+(?:\S+\s+){0,12}?"
    r"(?:[^\W\d]*ge[^\W\d]{3,}(?:d|t|en)|(?:her|ver|be|ont|er)[^\W\d]{3,}(?:d|t)|[^\W\d]{3,}(?:ed|en)|been|done|made|"
    r"said|told|killed|hit|struck|left|met|cost|lost|won|paid|brought|fought|taken|given|seen|gone|come|found|"
    r"kept|spent|sent|built|become|begun)(?!\w)",
    re.IGNORECASE,
)


def is_past(sentence: str, language: str | None = None) -> bool:
    """Whether a finite verb in the past tense occurs: a strong form or a regular -de/-te/-ed ending."""
    return any(past_word(word, language) for word in WORD.findall(sentence.lower()))


@functools.lru_cache(maxsize=65536)
def past_word(word: str, language: str | None) -> bool:
    if word in _STRONG_PAST and not (language == "nl" and word in _DUTCH_WORDS):
        return True
    if len(word) < 5 or word in _NOT_PAST:
        return False
    if language != "en" and not word.endswith("en"):  # "bewezen" is more often a participle
        for prefix in _VERB_PREFIXES:  # "verschoof", "ontving", "aangaf": a prefix before a strong form
            if word.startswith(prefix) and word[len(prefix) :] in _STRONG_PAST and len(word) - len(prefix) >= 3:
                return True
    if language != "nl" and word.endswith("ed") and not word.endswith(("oed", "eed")):
        return True
    if (
        language == "en"
        or word.startswith("ge")
        or word.endswith("ende")
        or word.endswith("enden")
        and word[-6] not in "eiouj"
    ):
        return False  # participles used as adjectives, present participles
    return bool(_PAST_SUFFIX.search(word))


def precision_of(value: str | None) -> str | None:
    """The precision of a TIMEX3 value: day, month, year, week, season, decade, century, time."""
    if not value:
        return None
    if "T" in value[4:] and re.search(r"T\d\d:\d\d|T(?:MO|AF|EV|NI)", value):
        return "time"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}(?:-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-(?:SP|SU|FA|WI|Q\d|H\d)", value):
        return "season"
    if re.fullmatch(r"\d{4}-\d{2}(?:-WXX-\d)?", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{3}", value):
        return "decade"
    if re.fullmatch(r"\d{2}", value):
        return "century"
    return None


# --- the pipeline stage ----------------------------------------------------------------------


class TimeTagger:
    """Fills ``sentence.timex``, ``sentence.event_date`` and ``sentence.event_precision``."""

    def __call__(self, doc: Document) -> Document:
        state = self.start_state(doc.genre, doc.language, doc.published)
        spans = [(s.start, s.end) for s in doc.sentences]
        for sent, (cands, event) in zip(doc.sentences, self.run(doc.text, spans, state), strict=True):
            sent.timex = [Timex(c.start, c.end, doc.text[c.start : c.end], c.type, c.value) for c in cands]
            sent.event_date = event
            sent.event_precision = precision_of(event)
        return doc

    @staticmethod
    def start_state(genre: str, language: str | None, anchor: str | None) -> State:
        return State(genre=genre, language=language, anchor=Ref.parse(anchor), ref=Ref.parse(anchor))

    def run(self, text: str, spans: list[tuple[int, int]], state: State) -> Iterator[tuple[list[Cand], str | None]]:
        """For each sentence its expressions and its event date, reading the text in order."""
        # event_date builds on this module (scan, State, Ref), so it is imported here, once a text is read,
        # rather than at the top, where the two modules would import each other.
        from kroniek.extract.event_date import read

        return read(text, spans, state)


HEADING = re.compile(r"^[ \t]*(={2,6})[ \t]*(.+?)[ \t]*\1[ \t]*$", re.MULTILINE)
_LINE = re.compile(r"[^\n]+")


def tag(text: str, *, language: str | None, anchor: str | None, genre: str = "news") -> list[Timex]:
    """All time expressions of a whole text, resolved against ``anchor`` (news) or the text (narrative)."""
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    lowercased = bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) < 0.002
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        if not HEADING.fullmatch(line.group()):  # headings stay between sentences, where event_date.read reads them
            spans.extend(split_sentences(text, line.start(), line.end(), lowercased=lowercased))
    tagger = TimeTagger()
    state = tagger.start_state(genre, language, anchor)
    out: list[Timex] = []
    for cands, _event in tagger.run(text, spans, state):
        out.extend(Timex(c.start, c.end, text[c.start : c.end], c.type, c.value) for c in cands)
    return out


@component("time", assigns=["sentence.timex", "sentence.event_date", "sentence.event_precision"])
def make_time_tagger() -> TimeTagger:
    return TimeTagger()
