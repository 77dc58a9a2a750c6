"""Figures: numbers of killed, wounded, displaced, refugees, prisoners, troops, money and weapons.

Each number is normalised ("veertig" -> 40, "ruim 10.000" -> 10000 with qualifier
``more_than``, "8 miljoen" -> 8000000, "350-400" -> 350 with ``value_max`` 400, "tientallen"
-> lower bound 20, approximate), given a category from the words around it (the noun it
counts, then the verbs of its clause), whom it counts (civilians, soldiers, children) and,
once the claims stage has run, the speaker it is attributed to. Dates and durations the
time layer found are not figures.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from kroniek.extract.lexicon import fold, indexed
from kroniek.extract.time_lexicon import MONTHS
from kroniek.model import Document, Mention, Sentence
from kroniek.pipeline import component

CATEGORIES = ("killed", "injured", "displaced", "refugees", "prisoners", "troops", "money", "weapons")
WHO = ("civilians", "soldiers", "children")

UNITS_NL = {
    "nul": 0, "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
    "zeventien": 17, "achttien": 18, "negentien": 19,
}  # fmt: skip
TENS_NL = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
           "negentig": 90}  # fmt: skip
UNITS_EN = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
MULTIPLIERS = {
    "honderd": 100, "duizend": 1000, "miljoen": 10**6, "mln": 10**6, "miljard": 10**9, "mld": 10**9,
    "hundred": 100, "thousand": 1000, "million": 10**6, "millions": 10**6, "billion": 10**9, "bn": 10**9,
}  # fmt: skip
VAGUE = {
    "tientallen": 20, "honderden": 200, "duizenden": 2000, "tienduizenden": 20000, "honderdduizenden": 200000,
    "miljoenen": 2000000, "dozens": 24, "hundreds": 200, "thousands": 2000, "tens": 20, "scores": 40,
    "tiental": 10, "twintigtal": 20, "dertigtal": 30, "veertigtal": 40, "vijftigtal": 50, "honderdtal": 100,
    "duizendtal": 1000, "dozijn": 12, "dozen": 12,
}  # fmt: skip
FRACTIONS = {"derde": 1 / 3, "kwart": 0.25, "helft": 0.5, "vijfde": 0.2, "third": 1 / 3, "quarter": 0.25, "half": 0.5}
QUALIFIERS = [
    ("meer dan", "more_than"), ("ruim", "more_than"), ("ruimschoots", "more_than"), ("over", "more_than"),
    ("more than", "more_than"), ("upwards of", "more_than"), ("over de", "more_than"),
    ("zeker", "at_least"), ("minstens", "at_least"), ("ten minste", "at_least"), ("tenminste", "at_least"),
    ("op zijn minst", "at_least"), ("at least", "at_least"),
    ("ongeveer", "about"), ("circa", "about"), ("ca", "about"), ("rond", "about"), ("rond de", "about"),
    ("rondom", "about"), ("zo'n", "about"), ("zo n", "about"), ("wel", "about"), ("naar schatting", "about"),
    ("ongeveer", "about"), ("about", "about"), ("around", "about"), ("some", "about"), ("roughly", "about"),
    ("approximately", "about"), ("an estimated", "about"), ("nearly", "less_than"), ("almost", "less_than"),
    ("tot", "up_to"), ("tot wel", "up_to"), ("maximaal", "up_to"), ("hooguit", "up_to"), ("up to", "up_to"),
    ("bijna", "less_than"), ("minder dan", "less_than"), ("krap", "less_than"), ("nagenoeg", "less_than"),
    ("less than", "less_than"), ("fewer than", "less_than"), ("under", "less_than"),
]  # fmt: skip
_QUALIFIER_OF = {tuple(q.split()): v for q, v in QUALIFIERS}
_QUALIFIER_WORDS = frozenset(w for q, _ in QUALIFIERS for w in q.split())
_MONTHS = frozenset(MONTHS)  # a number before a month name is a day, not a count
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)?|[^\w\s]")
_RANGE_JOIN = frozenset({"-", "–", "tot", "à", "a", "to"})
CURRENCY_SIGNS = frozenset({"$", "€", "£", "¥", "₴", "₽"})
EXCHANGE = frozenset(
    {"gevangenenruil", "uitwisseling", "uitgewisseld", "ruil", "exchange", "exchanged", "swap", "swapped"}
)
_NOT_MODEL = frozenset({"van", "de", "het", "en", "of", "the", "and", "tot", "to", "op", "in", "bij", "met", "with",
                        "from", "by", "at", "on", "circa", "ca", "nr", "artikel", "voor", "na", "per", "om", "naar",
                        "door", "uit", "aan", "dan", "als", "nog", "ook", "for", "after", "than", "about",
                        "over", "under", "against", "into", "still", "only", "slechts", "maar", "zo",
                        "or", "nearly", "almost"})  # fmt: skip
# Service of people in an army: "in dienst bij het leger", "serving in the army", "aan het front".
SERVICE = frozenset({"dienst", "dienen", "dient", "diende", "dienden", "serve", "serving", "served", "enlisted",
                     "gestationeerd", "stationed", "deployed", "ingezet", "front"})  # fmt: skip
_KOMEN = frozenset({"kwam", "kwamen", "komen", "komt", "kom"})
_LOSS = frozenset({"verloor", "verloren", "verliest", "lost", "lose", "loses", "losing"})
ARMY = frozenset({"leger", "legers", "strijdkrachten", "krijgsmacht", "army", "forces", "front", "military"})
_STOP = frozenset({",", ";", ":", "(", ")", ".", "?", "!"})


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[str]]:
    text = resources.files("kroniek.data").joinpath("figures_lexicon.tsv").read_text(encoding="utf-8")
    groups = {}
    for line in text.splitlines()[1:]:
        if line.strip():
            group, words = line.split("\t")
            groups[group] = frozenset(fold(w) for w in words.split())
    return groups


@lru_cache(maxsize=50_000)
def dutch_number(word: str) -> int | None:
    """Value of a Dutch number word: 'veertig' -> 40, 'vijfduizend' -> 5000, 'tweeëntwintig' -> 22."""
    word = word.replace("ë", "e")
    if word in UNITS_NL:
        return UNITS_NL[word]
    if word in TENS_NL:
        return TENS_NL[word]
    for big, factor in (("miljoen", 10**6), ("duizend", 1000), ("honderd", 100)):
        if big in word:
            head, _, tail = word.partition(big)
            left = 1 if not head else dutch_number(head)
            right = 0 if not tail else dutch_number(tail)
            if left is None or right is None:
                return None
            return left * factor + right
    if "en" in word:
        for tens, value in TENS_NL.items():
            if word.endswith("en" + tens):
                unit = word[: -len("en" + tens)]
                if unit in UNITS_NL and UNITS_NL[unit] < 10:
                    return UNITS_NL[unit] + value
    return None


@lru_cache(maxsize=50_000)
def english_number(word: str) -> int | None:
    if word in UNITS_EN:
        return UNITS_EN[word]
    if "-" in word:
        a, _, b = word.partition("-")
        if a in UNITS_EN and b in UNITS_EN and UNITS_EN[b] < 10:
            return UNITS_EN[a] + UNITS_EN[b]
    return None


def parse_digits(token: str, english: bool) -> float | None:
    """'10.000' -> 10000, '1,5' -> 1.5 (Dutch); '10,000' -> 10000, '1.5' -> 1.5 (English)."""
    thousands, decimal = (",", ".") if english else (".", ",")
    if re.fullmatch(rf"\d{{1,3}}(?:\{thousands}\d{{3}})+", token):
        return int(token.replace(thousands, ""))
    if re.fullmatch(rf"\d+\{decimal}\d+", token):
        return float(token.replace(decimal, "."))
    if token.isdecimal():
        return int(token)
    return None


class Tok(NamedTuple):
    text: str
    start: int  # offsets into the sentence
    end: int


def _tokens(folded: str) -> list[Tok]:
    return [Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(folded)]


# Where a figure may start: a digit, or a word that opens a number word, a vague quantity or a fraction.
_MAYBE_NUMBER = re.compile(
    r"\d|(?<![^\W\d_])(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien"
    r"|zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig|honderd|duizend"
    r"|miljoen|miljard|helft|tientallen|dozens|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half)"
)
_WORD_AT = re.compile(r"[^\W\d_]+")


def _may_hold_figure(folded: str) -> bool:
    """Cheap test before tokenising: a digit, or a whole word that is a number, a vague quantity or a fraction."""
    for m in _MAYBE_NUMBER.finditer(folded):
        if m.group(0).isdecimal():
            return True
        word = _WORD_AT.match(folded, m.start())
        w = word.group(0) if word else ""
        if (
            w in VAGUE
            or w in FRACTIONS
            or w in MULTIPLIERS
            or dutch_number(w) is not None
            or english_number(w) is not None
        ):
            return True
    return False


def folded_text(text: str) -> str:
    """The folded document text, shared with the other stages through the lexicon's index."""
    return indexed(text).folded


def _clean(value: float) -> float | int:
    if isinstance(value, float) and value.is_integer() and value >= 1:
        return int(value)
    if isinstance(value, float):
        return round(value, 4)
    return value


class FigureTagger:
    """Appends ``figure`` mentions to ``sentence.mentions``."""

    def __call__(self, doc: Document) -> Document:
        english = (doc.language or "nl") == "en"
        carried: tuple[str, str | None] | None = None
        for sent in doc.sentences:
            if sent.boilerplate:
                continue
            found = self.figures(doc.text, sent, english, carried)
            sent.mentions.extend(found)
            counted = [m for m in found if m.attrs["category"] != "other"]
            carried = (counted[-1].attrs["category"], counted[-1].attrs["who"]) if counted else None
        return doc

    # -- number spans
    def _number_at(
        self, toks: list[Tok], i: int, folded: str, english: bool, second: bool = False
    ) -> tuple[float, int, bool] | None:
        """(value, index after the number, vague) for the number starting at token i."""
        t = toks[i].text
        value: float | None = None
        vague = False
        if t[0].isdecimal():
            before = folded[toks[i].start - 1] if toks[i].start else " "
            before2 = folded[toks[i].start - 2] if toks[i].start > 1 else " "
            if before in "-/–" and (before2.isalpha() or (before2.isdecimal() and not second)):
                return None  # "Mi-8", "OTR-21", "2022-02"
            if len(t) > 1 and t[0] == "0" and t[1].isdecimal():
                return None
            after = folded[toks[i].end] if toks[i].end < len(folded) else " "
            after2 = folded[toks[i].end + 1] if toks[i].end + 1 < len(folded) else " "
            if before.isalpha() or after.isalpha() or (after in "-" and after2.isalpha()) or after == ":":
                return None
            value = parse_digits(t, english)
        elif t in VAGUE:
            return float(VAGUE[t]), i + 1, True
        elif t == "anderhalf":
            value = 1.5
        else:
            value = value if value is not None else english_number(t) if english else dutch_number(t)
            if t in {"een", "één", "one", "a"}:
                nxt = toks[i + 1].text if i + 1 < len(toks) else ""
                if nxt not in MULTIPLIERS and nxt not in FRACTIONS:
                    return None
        if value is None:
            return None
        j = i + 1
        if j < len(toks) and toks[j].text in FRACTIONS and value < 10:
            value = value * FRACTIONS[toks[j].text]  # "een derde", "twee derde", "een half miljoen"
            j += 1
        while j < len(toks) and toks[j].text in MULTIPLIERS:
            value *= MULTIPLIERS[toks[j].text]
            j += 1
        return float(value), j, vague

    def figures(
        self, text: str, sent: Sentence, english: bool, carried: tuple[str, str | None] | None = None
    ) -> list[Mention]:
        folded = folded_text(text)[sent.start : sent.end]
        if not _may_hold_figure(folded):
            return []
        toks = _tokens(folded)
        lex = _lexicon()
        timex = [(t.start - sent.start, t.end - sent.start) for t in sent.timex]
        out: list[Mention] = []
        previous: dict[str, Any] | None = None
        i = 0
        while i < len(toks):
            tok = toks[i]
            if any(s < tok.end and tok.start < e for s, e in timex):
                i += 1
                continue
            if tok.text == "de" and i + 1 < len(toks) and toks[i + 1].text == "helft":
                number: tuple[float, int, bool] | None = (0.5, i + 2, False)
            else:
                number = self._number_at(toks, i, folded, english)
            if number is None:
                i += 1
                continue
            value, j, vague = number
            nxt = toks[j].text if j < len(toks) else ""
            if self._is_date(toks, i, j, value, tok.text) or self._is_model(toks, i, folded):
                i = j
                continue
            partitive_end = self._partitive(toks, j, folded, english)
            value_max = None
            if nxt in _RANGE_JOIN and j + 1 < len(toks):
                other = self._number_at(toks, j + 1, folded, english, second=True)
                if other is not None and other[0] > value:
                    value_max, end = other[0], other[1]
                    scale = toks[end - 1].text
                    if end - (j + 1) > 1 and scale in MULTIPLIERS and value * MULTIPLIERS[scale] <= value_max:
                        value *= MULTIPLIERS[scale]  # "5 tot 9 miljoen"
                    j = end
            if partitive_end is not None:
                j = partitive_end  # "28 van de 35 drones": 28 drones, the span up to the whole
            start_tok = i
            currency = i > 0 and toks[i - 1].text in CURRENCY_SIGNS
            if currency:
                start_tok = i - 1  # "$2 billion", "€ 50 miljoen"
            qualifier = None
            for n in (2, 1):
                words = tuple(t.text for t in toks[max(0, start_tok - n) : start_tok])
                if len(words) == n and words in _QUALIFIER_OF:
                    qualifier = _QUALIFIER_OF[words]
                    start_tok = start_tok - n
                    break
            if qualifier is None and i == 0:
                qualifier = self._qualifier_before(text, sent.start)
            if qualifier == "up_to" and start_tok > 0 and toks[start_tok - 1].text in {"van", "from"}:
                qualifier, start_tok = None, i  # "van 5 tot 9": a range, not "up to"
            category, who = ("money", None) if currency else self._category(toks, i, j, lex, start_tok)
            if category is not None and category != "money" and self._exchange(toks):
                category, who = "prisoners", who or "soldiers"  # a prisoner exchange returns prisoners
            if value < 1 and category in {"weapons", "money", "troops"}:
                category = None  # "de helft van de granaten": a share, not a count
            among = start_tok > 0 and toks[start_tok - 1].text in {"wie", "whom", "waaronder", "including", "among"}
            if (
                category is None
                and previous is not None
                and (nxt in {"in", "aan", "bij", "van", "op", "als", ""} or among)
            ):
                category = previous["category"]
                who = who or self._who(toks[j : j + 4], lex)
            if category is None and carried is not None and self._elided(toks, i, j):
                category, who = carried  # "waren dit er ongeveer 2,2 miljoen": the count of the sentence before
            category = category or "other"
            approx = vague or qualifier is not None or value_max is not None
            attrs: dict[str, Any] = {
                "value": _clean(value),
                "approx": approx,
                "qualifier": qualifier,
                "category": category,
                "who": who,
                "attribution": None,
            }
            if value_max is not None:
                attrs["value_max"] = _clean(value_max)
            s, e = sent.start + toks[start_tok].start, sent.start + toks[j - 1].end
            if category == "money" and j < len(toks) and toks[j].text in lex["money"]:
                e = sent.start + toks[j].end
            out.append(Mention("figure", s, e, text[s:e], attrs))
            if category != "other":
                previous = attrs
            i = j
        return out

    @staticmethod
    def _is_model(toks: list[Tok], i: int, folded: str) -> bool:
        """A model number, no count: "Leopard 2", "18 Leopard 2-tanks", "MiG-29", "F-16"."""
        if i == 0 or not toks[i].text.isdecimal() or len(toks[i].text) > 3:
            return False
        prev = toks[i - 1]
        if prev.text in {"-", "–"} and i > 1 and toks[i - 2].text.isalpha() and toks[i - 2].end == prev.start:
            return True  # "MiG-29", "F-16", "Su-25"
        if not prev.text.isalpha() or prev.text in _NOT_MODEL or prev.text in _MONTHS or prev.end != toks[i].start - 1:
            return False
        if i > 1 and toks[i - 2].text[0].isdecimal():
            year = len(toks[i - 2].text) == 4 and toks[i - 2].text.isdecimal()
            # a count, a name, a number: "18 Leopard 2" (not "in 2022 voor 12", "2022 bijna 500")
            return not year and prev.text not in _QUALIFIER_WORDS
        after = folded[toks[i].end : toks[i].end + 2]
        return after[:1] == "-" and after[1:].isalpha()  # "Leopard 2-tanks"

    def _partitive(self, toks: list[Tok], j: int, folded: str, english: bool) -> int | None:
        """'van de'/'of the' and a second number after the first: the index after that second number."""
        if j + 2 < len(toks) and (toks[j].text, toks[j + 1].text) in {("van", "de"), ("of", "the")}:
            other = self._number_at(toks, j + 2, folded, english, second=True)
            if other is not None:
                return other[1]
        return None

    @staticmethod
    def _exchange(toks: list[Tok]) -> bool:
        return any(t.text in EXCHANGE or t.text.endswith("ruil") for t in toks)

    @staticmethod
    def _elided(toks: list[Tok], i: int, j: int) -> bool:
        """A number with no noun after it, its noun left out: "waren dit er ongeveer 2,2 miljoen"."""
        nxt = toks[j].text if j < len(toks) else "."
        before = {t.text for t in toks[max(0, i - 5) : i]}
        return nxt in _STOP and bool(before & {"er", "dit", "dat", "die", "het", "there", "it", "they"})

    @staticmethod
    def _qualifier_before(text: str, start: int) -> str | None:
        """A qualifier just before the sentence ("ca." cut off by the sentence splitter)."""
        words = fold(text[max(0, start - 20) : start]).replace(".", " ").split()
        for n in (2, 1):
            if len(words) >= n and tuple(words[-n:]) in _QUALIFIER_OF:
                return _QUALIFIER_OF[tuple(words[-n:])]
        return None

    @staticmethod
    def _is_date(toks: list[Tok], i: int, j: int, value: float, raw: str) -> bool:
        nxt = toks[j].text if j < len(toks) else ""
        prev = toks[i - 1].text if i else ""
        if nxt in _MONTHS:
            return True
        if raw.isdecimal() and len(raw) == 4 and 1800 <= value <= 2100 and nxt not in MULTIPLIERS:
            return True
        return nxt in {"uur", "u", "h"} or prev in {"om", "nr", "nummer", "no", "artikel", "resolutie"}

    @staticmethod
    def _who(toks: list[Tok], lex: dict[str, frozenset[str]]) -> str | None:
        found = {
            w for w in WHO for t in toks if t.text in lex[w] or (w == "soldiers" and t.text.startswith("militair"))
        }
        return found.pop() if len(found) == 1 else None

    def _category(
        self, toks: list[Tok], i: int, j: int, lex: dict[str, frozenset[str]], start_tok: int | None = None
    ) -> tuple[str | None, str | None]:
        """Category and whom it counts: the verb just before the number, the noun after it, then its clause."""
        window: list[Tok] = []  # the words after the number, up to the next number
        clause: list[Tok] = []  # the words after the number, up to the end of the clause
        k = j
        while k < len(toks) and len(clause) < 12 and toks[k].text not in _STOP:
            if toks[k].text not in {"-", "–", "'", '"'}:
                if toks[k].text[0].isdecimal() and not self._is_model(toks, k, ""):
                    window = window or clause[:]
                clause.append(toks[k])
            k += 1
        if not window:
            window = clause[:6]
        window = window[:6]
        who = self._who(window[:4], lex)
        head = window[:4]
        if head and head[0].text in lex["units"]:
            return None, None
        if (
            j + 1 < len(toks)
            and toks[j].text.isalpha()
            and self._is_model(toks, j + 1, "")
            or (j + 2 < len(toks) and toks[j + 1].text in {"-", "–"} and self._is_model(toks, j + 2, ""))
        ):
            return "weapons", None  # "61 F-16's", "vier MiG-29's": a count of a weapon model
        for t in head:
            if t.text in lex["money"]:
                return "money", None
        # before the number (up to its clause's start)
        first = i if start_tok is None else start_tok
        before: list[Tok] = []
        for t in reversed(toks[max(0, first - 12) : first]):
            if t.text in _STOP:
                break
            before.append(t)
        verbs = ("killed", "injured", "prisoners", "refugees", "displaced")
        # "killed three civilians and wounded 12": the verb right before the number governs it
        for cat in verbs:
            if before and before[0].text in lex[cat]:
                return cat, who
        phrase = " ".join(t.text for t in clause)
        if "om het leven" in phrase or "het leven lieten" in phrase:
            return "killed", who
        if clause and clause[-1].text == "om" and any(t.text in _KOMEN for t in before[:4] + clause):
            return "killed", who  # "kwamen zeker zestien mensen om"
        for t in head:
            word = t.text
            for cat in ("killed", "injured", "prisoners", "refugees", "displaced", "weapons"):
                named = word in lex[cat] or (cat == "weapons" and _compound_of(word, lex["weapons"]))
                if named and (cat == "weapons" or not any(b.text in _LOSS for b in before)):
                    return cat, who
        # The verbs of the clause, after the number and just before it.
        for t in clause + before[:5]:
            for cat in verbs:
                if t.text in lex[cat]:
                    return cat, who
        troops = any(t.text in lex["troops"] or _compound_of(t.text, lex["troops"]) for t in head)
        if troops and any(t.text in _LOSS for t in clause + before):
            return "killed", who or "soldiers"  # "verloor 20.000 man", "lost 500 troops"
        if troops:
            return "troops", who or "soldiers"
        words = {t.text for t in clause}
        if words & SERVICE and words & ARMY:
            return "troops", who  # "zestigduizend vrouwen in dienst bij het leger"
        if before and before[0].text in {"op", "tot", "to", "at", "naar"}:
            # "het aantal doden werd geschat op 300", "the death toll rose to 300": the noun before
            for t in before[1:]:
                for cat in verbs:
                    if t.text in lex[cat]:
                        return cat, who or self._who(before, lex)
        return None, who


def _compound_of(word: str, heads: frozenset[str]) -> bool:
    """'grondraketten' ends in 'raketten'; 'bataljoneenheden' in 'eenheden'."""
    if len(word) < 8:
        return False
    return any(word.endswith(h) and len(word) - len(h) >= 3 for h in heads if len(h) >= 5)


@component("figures", assigns=["sentence.mentions[figure]"])
def make_figures() -> FigureTagger:
    return FigureTagger()
