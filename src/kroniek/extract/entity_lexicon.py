"""Places and actors found in one pass over a document, resolved with the document as context.

The gazetteer (places, countries) and the actor lexicon (people, organisations, armed groups)
share one automaton. One analysis per document decides, for each match:

- which place an ambiguous name is (the candidate nearest to the document's other places,
  in a country the document mentions, then the most populous);
- whether a country is a place ("in Oekraïne") or an actor ("Rusland ontkent");
- oblasts and raions ("oblast Loehansk", "rajon X");
- people not in the lexicon, found after a title ("generaal Dvornikov"), and later
  mentions of their surname alone.

The "places" and "actors" stages both read the analysis; it is computed once per text.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from kroniek.extract.lexicon import Indexed, Lexicon, Match, fold, indexed, is_lowercased, key, skeleton
from kroniek.model import Document

PLACE_KINDS = frozenset(
    {
        "country",
        "city",
        "oblast",
        "region",
        "river",
        "sea",
        "continent",
        "historical",
        "island",
        "lake",
        "bridge",
        "facility",
    }
)
ACTOR_TYPES = frozenset({"person", "organization", "armed_group"})


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str  # a place kind (city, country, ...) or an actor type (person, organization, armed_group)
    country: str | None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    cased_only: bool = False
    genitive: bool = False  # a Dutch genitive of a country ("Ruslands"): the state as possessor

    @property
    def is_place(self) -> bool:
        return self.kind in PLACE_KINDS


@dataclass
class Found:
    """One resolved mention: a place or an actor, with its character span."""

    kind: str  # "place" or "actor"
    start: int
    end: int
    attrs: dict[str, Any]
    first: int = 0  # token indices
    last: int = 0


@dataclass
class Lexicons:
    entries: list[Entry]
    lexicon: Lexicon
    by_name: dict[str, int]
    adjectives: dict[str, str]  # folded adjective -> state name
    titles: frozenset[str]
    common: frozenset[str]
    first_names: frozenset[str]
    sizes: dict[str, int] = field(default_factory=dict)
    # folded first name -> (its usual English form or "", origin: "ru", "uk", "be" or "")
    given: dict[str, tuple[str, str]] = field(default_factory=dict)


def _data(name: str) -> str:
    return resources.files("kroniek.data").joinpath(name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(_data(name).splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


# Aliases that are everyday words in some language: matched only as written, in cased text.
CASED_ONLY = frozenset(
    {"IS", "WHO", "UN", "AP", "Meta", "Apple", "Telegram", "Xi", "RIA", "Twitter", "Spiegel", "Trouw", "Oryx", "Musk"}
)


PLATFORMS = frozenset({"Telegram", "Twitter", "Meta", "YouTube"})
NOT_DUTCH_WORDS = frozenset({"WHO", "UN", "TELEGRAM", "TWITTER", "ORYX"})
DUTCH_BEFORE_NAME = frozenset({"de", "het", "volgens", "door", "bij", "van", "aan", "op", "via"})


def _genitives(aliases: list[str], words: frozenset[str]) -> list[str]:
    """Dutch genitives of a country's one-word names: "Ruslands", "Oekraïnes" (not "Nederlands", a word)."""
    out = []
    for alias in aliases:
        folded = fold(alias)
        genitive = folded + "s"
        if not folded.isalpha() or len(folded) < 5 or folded[-1] in "aiousy":
            continue
        if genitive not in words and skeleton(genitive) not in words:
            out.append(alias + "s")
    return out


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    """Load the gazetteer and the actor lexicons and compile the automaton (once per process)."""
    entries: list[Entry] = []
    pairs: list[tuple[str, int]] = []
    common = frozenset(_data("actors_common_words.txt").split())
    adjectives = {fold(r["adjective"]): r["state"] for r in _rows("actors_adjectives.tsv")}
    not_genitive = common | frozenset(skeleton(a) for a in adjectives)  # "azerbeidzjaans" is an adjective
    genitives: list[tuple[str, Entry]] = []
    for row in _rows("gazetteer.tsv"):
        lat = float(row["lat"]) if row["lat"] else None
        lon = float(row["lon"]) if row["lon"] else None
        entry = Entry(row["name"], row["kind"], row["country"] or None, lat, lon, int(row["population"] or 0))
        idx = len(entries)
        entries.append(entry)
        aliases = [a for a in row["aliases"].split("|") if a]
        pairs.extend((alias, idx) for alias in aliases)
        if entry.kind == "country":
            genitives.extend((g, entry) for g in _genitives(aliases, not_genitive))
    n_places = len(entries)
    n_place_aliases = len(pairs)
    for alias, entry in genitives:
        pairs.append((alias, len(entries)))
        entries.append(Entry(entry.name, entry.kind, entry.country, entry.lat, entry.lon, genitive=True))
    for row in _rows("actors.tsv"):
        aliases = [a for a in row["aliases"].split("|") if a]
        plain = [a for a in aliases if a not in CASED_ONLY]
        cased = [a for a in aliases if a in CASED_ONLY]
        idx = len(entries)
        entries.append(Entry(row["name"], row["type"], row["country"] or None))
        pairs.extend((alias, idx) for alias in plain)
        for alias in cased:
            idx = len(entries)
            entries.append(Entry(row["name"], row["type"], row["country"] or None, cased_only=True))
            pairs.append((alias, idx))
    lexicon = Lexicon(pairs)
    by_name: dict[str, int] = {}
    for i, entry in enumerate(entries):
        by_name.setdefault(entry.name, i)
    titles = frozenset(fold(t) for t in _data("actors_titles.txt").split())
    given: dict[str, tuple[str, str]] = {}
    for line in _data("actors_first_names.txt").splitlines():
        cells = line.split("\t")
        if cells[0]:
            given[fold(cells[0])] = (cells[1] if len(cells) > 1 else "", cells[2] if len(cells) > 2 else "")
    sizes = {
        "places": n_places,
        "place_spellings": n_place_aliases,
        "actors": len({e.name for e in entries[n_places:] if not e.is_place}),
        "actor_spellings": len(pairs) - n_place_aliases - len(genitives),
        "automaton_keys": len(lexicon),
    }
    return Lexicons(
        entries,
        lexicon,
        by_name,
        adjectives,
        titles,
        common,
        frozenset(given),
        sizes,
        given,
    )


# ---------------------------------------------------------------- document analysis

LOCATIVE = frozenset(
    [
        "in",
        "naar",
        "uit",
        "vanuit",
        "via",
        "richting",
        "binnen",
        "bij",
        "nabij",
        "rond",
        "rondom",
        "langs",
        "tussen",
        "buiten",
        "grens",
        "grenzen",
        "noorden",
        "zuiden",
        "oosten",
        "westen",
        "noordoosten",
        "noordwesten",
        "zuidoosten",
        "zuidwesten",
        "deel",
        "delen",
        "over",
        "into",
        "from",
        "to",
        "at",
        "near",
        "across",
        "toward",
        "towards",
        "inside",
        "outside",
        "within",
        "throughout",
    ]
)
AUTHORITY = frozenset(
    [
        "regering",
        "president",
        "premier",
        "minister",
        "vice-premier",
        "vicepremier",
        "leger",
        "ministerie",
        "ambassadeur",
        "delegatie",
        "strijdkrachten",
        "troepen",
        "leiding",
        "leider",
        "leiders",
        "overheid",
        "autoriteiten",
        "parlement",
        "wapencapaciteit",
        "regime",
        "government",
        "army",
    ]
)
COMPOUND_HEADS = (
    "troepen", "huurlingen", "strijders", "militairen", "brug", "leider", "leiders", "baas", "chef", "regering",
    "leger", "regiment", "eenheden", "stad", "dorp", "haven", "centrale", "offensief", "tegenoffensief", "front",
    "gebied", "garnizoen", "dam", "stuwdam", "vliegveld", "luchthaven", "spoorlijn", "snelweg", "akkoord",
    "akkoorden", "top", "conflict", "oorlog", "crisis", "grens", "regio", "rivier", "delta",
)  # fmt: skip
# Compound titles: "viceminister", "hoofdwoordvoerder", "presidentsadviseur".
_TITLE_SUFFIXES = ("minister", "woordvoerder", "woordvoerster", "adviseur", "commandant", "generaal", "president")
_COMPOUND = re.compile(r"(?<![^\W_])([^\W\d_]{5,}?)(?:" + "|".join(COMPOUND_HEADS) + r")(?![^\W_])")
REGION_WORDS = {"oblast": "Oblast", "regio": "Oblast", "provincie": "Oblast", "region": "Oblast"}
RAION_WORDS = frozenset({"rajon", "raion", "district"})
CLAUSE = frozenset({"en", "maar", "dat", "terwijl", "omdat", "nadat", "toen", "want", "and", "but", "while", "that"})
SUBORDINATORS = frozenset(
    ["dat", "that", "omdat", "terwijl", "nadat", "toen", "want", "zodat", "hoewel", "doordat", "because", "while"]
)
NOT_SUBJECT_NEXT = frozenset(["en", "of", "and", "or", "-", "in", "van", "and"])
AUX = frozenset(
    [
        "heeft",
        "hebben",
        "had",
        "hadden",
        "is",
        "zijn",
        "was",
        "waren",
        "werd",
        "werden",
        "wordt",
        "worden",
        "zal",
        "zullen",
        "zou",
        "zouden",
        "wil",
        "wilde",
        "kan",
        "kon",
        "moet",
        "moest",
        "gaat",
        "ging",
        "has",
        "have",
        "said",
        "says",
    ]
)
STRONG = frozenset(
    [
        "zei",
        "zegt",
        "kocht",
        "sloot",
        "kreeg",
        "gaf",
        "ging",
        "kwam",
        "nam",
        "liet",
        "hield",
        "bleef",
        "vond",
        "zag",
        "viel",
        "vielen",
        "trok",
        "trokken",
        "stuurde",
        "eist",
        "eiste",
        "ontkent",
        "ontkende",
        "beweert",
        "bleek",
        "stond",
        "sprak",
        "schoot",
        "riep",
        "weigerde",
        "vroeg",
        "verloor",
        "verloren",
        "won",
        "wonnen",
        "sloeg",
        "sloegen",
        "nam",
        "namen",
        "bracht",
        "brachten",
        "vocht",
        "vochten",
        "besloot",
        "besloten",
        "bood",
        "boden",
        "verbood",
        "lost",
        "won",
        "took",
        "sent",
        "launched",
        "began",
    ]
)
_PAST = re.compile(r"(?:de|te|den|ten|t)$")
# Capitals that stand for their state when they act ("Kyiv ontkende", "volgens Moskou").
CAPITALS = {
    "Kyiv": "Ukraine", "Moscow": "Russia", "Washington": "United States", "Minsk": "Belarus", "Beijing": "China",
    "Tehran": "Iran", "Pyongyang": "North Korea", "Ankara": "Turkey", "Warsaw": "Poland", "Berlin": "Germany",
    "Paris": "France", "London": "United Kingdom",
}  # fmt: skip
VESSELS = frozenset(["schip", "ship", "vessel", "kruiser", "cruiser", "fregat", "frigate", "korvet", "corvette",
                     "onderzeeer", "onderzeeboot", "submarine", "vlaggenschip", "flagship", "tanker", "vrachtschip",
                     "destroyer", "torpedobootjager", "mijnenveger", "minesweeper", "sleepboot", "tug", "veerboot",
                     "ferry", "jacht", "yacht", "boot", "boat"])  # fmt: skip
VESSEL_HEADS = ("schip", "schepen", "ship", "kruiser", "fregat", "boot", "tanker")
MINISTRIES = {
    "defensie": "Defence", "defence": "Defence", "defense": "Defence", "buitenlandse zaken": "Foreign Affairs",
    "foreign affairs": "Foreign Affairs", "binnenlandse zaken": "Internal Affairs", "internal affairs": "Internal Affairs",
    "justitie": "Justice", "justice": "Justice", "financien": "Finance", "finance": "Finance", "energie": "Energy",
    "energy": "Energy", "volksgezondheid": "Health", "health": "Health", "noodsituaties": "Emergency Situations",
    "emergency situations": "Emergency Situations",
}  # fmt: skip
MINISTRY_PREFIX = {
    "defence": "Defence", "defense": "Defence", "foreign": "Foreign Affairs", "interior": "Internal Affairs",
    "justice": "Justice", "finance": "Finance", "energy": "Energy", "health": "Health", "defensie": "Defence",
    "buitenland": "Foreign Affairs", "buitenlandse": "Foreign Affairs", "binnenland": "Internal Affairs",
}  # fmt: skip
# Nouns of an attitude, a demand or a statement: "de woede van Moskou" is the state's, not the place's.
STANCE_NOUNS = frozenset(
    ["woede", "boosheid", "ergernis", "ongenoegen", "onvrede", "reactie", "reacties", "eis", "eisen", "standpunt",
     "houding", "besluit", "beslissing", "verzoek", "voorstel", "voorstellen", "kritiek", "weigering", "protest",
     "verklaring", "bewering", "beweringen", "ontkenning", "antwoord", "wens", "wensen", "bedoelingen", "belofte",
     "beloften", "waarschuwing", "waarschuwingen", "dreigementen", "aanbod", "toestemming", "goedkeuring",
     "instemming", "veto", "anger", "reaction", "demands", "demand", "position", "decision", "request", "proposal",
     "criticism", "refusal", "protest", "statement", "claims", "denial", "response", "warning", "warnings", "threats",
     "offer", "consent", "approval", "objections", "bezwaren", "bezwaar", "zorgen", "concerns"]
)  # fmt: skip
GOVERNORS = frozenset(["gouverneur", "gouverneurs", "governor", "governors", "gouverneur-generaal"])


def _finite(word: str) -> bool:
    """A Dutch or English finite verb form by its ending: "saboteert", "ontkende", "denies", "claimed"."""
    return len(word) > 4 and (word.endswith(("eert", "t", "ed", "es")) and not word.endswith(("heid", "ist", "ant")))


_PROPER = re.compile(r"[A-ZÀ-Þ]")
# Endings of Slavic, Georgian and Armenian surnames in Dutch and English transliteration.
# Endings of Ukrainian and Russian place names, and the words that announce a place.
_PLACE_ENDING = re.compile(
    r"(?:ivka|ovka|jivka|yivka|ivske|ovske|ivsk|ove|ovo|evo|ino|yne|ske|ivtsi|horod|grad|opil|opol)$"
)
_UKRAINIAN_ENDING = re.compile(r"(?:ivka|jivka|yivka|ivske|yne|ivtsi)$")
_VILLAGE = re.compile(r"(?<![^\W_])[^\W\d_]{3,}(?:ivka|ovka)(?![^\W_])")
PLACE_NOUNS = frozenset(
    [
        "dorp",
        "dorpje",
        "stad",
        "stadje",
        "plaats",
        "plaatsje",
        "nederzetting",
        "vliegbasis",
        "luchtmachtbasis",
        "gemeente",
        "village",
        "town",
        "city",
        "settlement",
    ]
)
_SURNAME = re.compile(
    r"(?:ov|ova|ev|eva|jev|jeva|in|ina|yn|yna|enko|ko|sky|ski|skyj|skyi|skaja|ska|ytsj|itsj|ych|ich|vitsj|vych|"
    r"oek|uk|tsjoek|chuk|yk|ak|jak|yak|yan|jan|adze|vili|ian|sky|yj|yi|iy|ij|ets|jets|aja|aya)$"
)


def _looks_verb(word: str, common: frozenset[str]) -> bool:
    return word in AUX or word in STRONG or (len(word) > 4 and bool(_PAST.search(word)) and not word.endswith("ste"))


def _distance(a: Entry, lat: float, lon: float) -> float:
    if a.lat is None or a.lon is None:
        return 2000.0
    dlat = math.radians(a.lat - lat)
    dlon = math.radians(a.lon - lon) * math.cos(math.radians((a.lat + lat) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


def _reverse_transliterate(word: str) -> str:
    """Dutch transliteration back to English: 'janoekovytsj' -> 'yanukovych'; English spellings stay."""
    if not re.search(r"oe|j", word) or re.search(r"y[aeiou]|kh|zh|sh", word):
        return word
    out = word.replace("ch", "kh")  # Dutch ch is English kh: before tsj becomes ch
    for a, b in (("sjtsj", "shch"), ("tsj", "ch"), ("sj", "sh"), ("zj", "zh"), ("oe", "u")):
        out = out.replace(a, b)
    out = re.sub(r"(?<=[bcdfgklmnprstvz])j(?=[aeiou])", "i", out)  # Slovjansk -> Sloviansk
    out = re.sub(r"(?:^|(?<=[aeiouy]))j", "y", out)
    return out


_UKRAINIAN_ADJECTIVE_ENDING = re.compile(r"(?<=[sc]k)(?:yj|ij|iy|yi|y|i)$|(?<=[^aeiouy])(?:yj|yi)$")


def person_name(
    tokens: list[str], text_words: list[str], cased: bool, given: dict[str, tuple[str, str]] | None = None
) -> str:
    """A canonical name for a person found by pattern: as written in cased text, else transliterated.

    A known first name takes its usual English form ("jevgeni", "evgeni" -> Yevgeny); after a Ukrainian
    first name an adjectival surname takes Ukraine's national romanisation ("Zjyvytsky" -> Zhyvytskyi).
    """
    if cased:
        folded = " ".join(tokens)
        if not (re.search(r"tsj|sj|zj|ij\b", folded) or (re.search(r"oe|j", folded) and _SURNAME.search(tokens[-1]))):
            return " ".join(text_words)  # not a Dutch transliteration of a Slavic name: as written
    form, origin = (given or {}).get(tokens[0], ("", "")) if len(tokens) > 1 else ("", "")
    out = []
    for i, (t, written) in enumerate(zip(tokens, text_words, strict=True)):
        english = t if re.search(r"q|x|ck|th|ph|ou", t) else _reverse_transliterate(t)
        if i == 0 and form:
            out.append(form)
        elif t in {"van", "de", "der", "von"}:
            out.append(t)
        else:  # untouched words keep their letters: "wörner" -> "Wörner"
            if origin == "uk" and i == len(tokens) - 1 and len(english) > 5:
                english = _UKRAINIAN_ADJECTIVE_ENDING.sub("yi", english)
            out.append(english.capitalize() if english != t else written[:1].upper() + written[1:])
    return " ".join(out)


class Analysis:
    """Places and actors of one document."""

    def __init__(self, doc: Document) -> None:
        self.lex = lexicons()
        self.text = doc.text
        self.cased = not is_lowercased(doc.text)
        self.dutch = (doc.language or "nl") == "nl"
        self.index: Indexed = indexed(doc.text)
        self.found: list[Found] = []
        self._plural_oblasts: set[int] = set()
        self._run()

    # -- helpers on tokens
    def _word(self, i: int) -> str:
        words = self.index.words
        return words[i] if 0 <= i < len(words) else ""

    def _gap(self, i: int) -> str:
        """The text between token i and token i + 1."""
        spans = self.index.spans
        if i < 0 or i + 1 >= len(spans):
            return " "
        return self.text[spans[i][1] : spans[i + 1][0]]

    def _run(self) -> None:
        lex = self.lex
        whole = lex.lexicon.find(self.index)
        covered = {t for m in whole for t in range(m.first, m.last + 1)}
        matches = whole + [m for m in self._compounds() if m.first not in covered]
        kept: list[tuple[Match, list[Entry], set[str]]] = []
        for m in matches:
            surface = self.text[m.start : m.end]
            written = " ".join(self._word(t) for t in range(m.first, m.last + 1))
            values = [(lex.entries[i], spelling == written) for i, spelling in m.values]
            if self.cased:
                if not _PROPER.search(surface):
                    continue
                values = [(e, x) for e, x in values if not e.cased_only or surface in CASED_ONLY]
            elif self.dutch and surface.upper() in NOT_DUTCH_WORDS and self._word(m.first - 1) in DUTCH_BEFORE_NAME:
                pass  # lowercased Dutch: "volgens de who", "de un": no Dutch words, so they name the organisation
            else:
                values = [(e, x) for e, x in values if not e.cased_only]
            if values and self._modifier(m, [e for e, _ in values]):
                continue
            if values:
                exact = {e.name for e, x in values if x}
                chosen: dict[str, Entry] = {}
                for e, _ in values:
                    chosen.setdefault(f"{e.name}|{e.lat}|{e.lon}|{e.kind}", e)
                kept.append((m, list(chosen.values()), exact))
        context = self._context([v for _, v, _ in kept])
        taken: set[int] = set()
        for m, entries, exact in kept:
            found = self._resolve(m, entries, exact, context)
            if found is not None:
                self.found.append(found)
                taken.update(range(found.first, found.last + 1))
        self._ministries(taken)
        self._people(taken)
        self._villages(taken, context)
        self.found.sort(key=lambda f: f.start)

    def _compounds(self) -> list[Any]:
        """Names written as the first part of a Dutch compound: "Wagnertroepen", "Antonivkabrug"."""
        out = []
        lexicon = self.lex.lexicon
        for m in _COMPOUND.finditer(self.index.folded):
            stem = m.group(1)
            values = lexicon.get(key(stem))
            if values and stem in self.lex.common:
                entries = [self.lex.entries[i] for i, _ in values]
                if all(e.kind == "city" and e.population < 100_000 for e in entries):
                    continue  # "grensgebied", "westfront": an ordinary word, not a name
            if values:
                t = self.index.token_at(m.start())
                out.append(Match(t, t, m.start(), m.start() + len(stem), values))
        return out

    def _modifier(self, m: Any, values: list[Entry]) -> bool:
        """A small place's name glued to an ordinary word by a hyphen names a thing ("Vilcha-raket")."""
        if not self._gap(m.last).startswith("-") or self._word(m.last + 1) not in self.lex.common:
            return False
        return all(e.is_place and e.kind == "city" and e.population < 20_000 for e in values)

    def _context(self, candidates: list[list[Entry]]) -> dict[str, Any]:
        countries: Counter[str] = Counter()
        lat = lon = weight = 0.0
        for values in candidates:
            places = [e for e in values if e.is_place]
            if not places:
                continue
            best = max(places, key=lambda e: e.population)
            others = [e for e in places if e is not best and e.name != best.name]
            if others and best.population < 10 * max(e.population for e in others):
                continue
            if best.country:
                countries[best.country] += 1
            if best.lat is not None and best.kind in {"city", "oblast", "region"}:
                lat += best.lat
                lon += best.lon or 0.0
                weight += 1
        centre = (lat / weight, lon / weight) if weight else None
        return {"countries": countries, "centre": centre}

    def _choose(self, places: list[Entry], context: dict[str, Any], exact: set[str]) -> Entry:
        if len(places) == 1:
            return places[0]
        countries: Counter[str] = context["countries"]
        centre = context["centre"]

        def score(e: Entry) -> float:
            s = math.log10(e.population + 10)
            if e.kind in {"country", "oblast", "region", "river", "sea", "continent", "historical"}:
                s += 3
            if e.country and countries.get(e.country):
                s += 2 + math.log10(countries[e.country])
            if centre is not None:
                s -= _distance(e, *centre) / 250.0
            if e.name in exact:
                s += 2
            return s

        return max(places, key=score)

    def _resolve(self, m: Any, values: list[Entry], exact: set[str], context: dict[str, Any]) -> Found | None:
        actors = [e for e in values if not e.is_place]
        places = [e for e in values if e.is_place]
        text = self.text
        if actors and places:
            big = max(places, key=lambda e: e.population)
            if big.kind == "country" or (big.population >= 100_000 and self._word(m.first - 1) in LOCATIVE):
                actors = []
            else:
                places = []
        if actors and actors[0].name in PLATFORMS and self._word(m.first - 1) in {"op", "on", "via"}:
            return None  # "schreef op Telegram": the medium, not a speaker
        if actors:
            entry = actors[0]
            return Found("actor", m.start, m.end, {"name": entry.name, "type": entry.kind}, m.first, m.last)
        if self._part_of_name(m, places) or self._vessel(m.first):
            return None
        entry = self._choose(places, context, exact)
        if entry.genitive:  # "Ruslands arsenaal": the state that has it
            return Found("actor", m.start, m.end, {"name": entry.name, "type": "state"}, m.first, m.last)
        start, end, first, last = m.start, m.end, m.first, m.last
        name, country = entry.name, entry.country
        prev = self._word(first - 1)
        if entry.kind == "city" and self._governor_of(first, last):
            # "de gouverneur van Belgorod", "Belgorod governor": the official of the region
            oblast = self.lex.by_name.get(f"{entry.name} Oblast")
            if oblast is not None:
                o = self.lex.entries[oblast]
                attrs = {"name": o.name, "country": o.country, "lat": o.lat, "lon": o.lon}
                return Found("place", start, end, attrs, first, last)
        if entry.kind == "city" and entry.name in CAPITALS and self._acts(first, last, capital=True):
            # "Kyiv ontkende", "volgens Moskou": the capital speaks for its state
            return Found("actor", start, end, {"name": CAPITALS[entry.name], "type": "state"}, first, last)
        plural = prev == "oblasten" or (prev == "s" and self._word(first - 2) == "regio")
        if entry.kind == "city" and (plural or (prev == "en" and first - 2 in self._plural_oblasts)):
            # "de oblasten Donetsk en Loehansk": both are oblasts
            oblast = self.lex.by_name.get(f"{entry.name} Oblast")
            if oblast is not None:
                self._plural_oblasts.add(last)
                o = self.lex.entries[oblast]
                attrs = {"name": o.name, "country": o.country, "lat": o.lat, "lon": o.lon}
                return Found("place", start, end, attrs, first, last)
        if prev.endswith(("regio", "provincie")) and len(prev) > 8:
            prev = prev[-9:] if prev.endswith("provincie") else "regio"  # "de grensregio Belgorod"
        if entry.kind == "city" and prev in REGION_WORDS and not self._gap(first - 1).strip(" "):
            oblast = self.lex.by_name.get(f"{entry.name} Oblast")
            if oblast is not None or prev == "oblast":
                name = f"{entry.name} Oblast"
                if oblast is not None:
                    entry = self.lex.entries[oblast]
                start, first = self.index.spans[first - 1][0], first - 1
        elif entry.kind == "city" and prev in RAION_WORDS and not self._gap(first - 1).strip(" "):
            name = f"{entry.name} Raion"
            start, first = self.index.spans[first - 1][0], first - 1
        named_raion = self._word(last) in RAION_WORDS
        raion_after = self._word(last + 1) in RAION_WORDS and not self._gap(last).strip(" ")
        if entry.kind == "city" and not name.endswith("Raion") and (named_raion or raion_after):
            # "the Shevchenkivskyi district": a raion named after its word
            if not named_raion:
                end, last = self.index.spans[last + 1][1], last + 1
            name = f"{name.removesuffix(' District')} Raion"
        if entry.kind == "country" and self._acts(first, last):
            return Found("actor", start, end, {"name": name, "type": "state"}, first, last)
        attrs = {"name": name, "country": country, "lat": entry.lat, "lon": entry.lon}
        return Found("place", start, end, attrs, first, last) if text[start:end] else None

    def _part_of_name(self, m: Any, places: list[Entry]) -> bool:
        """A town named like a person's name, standing in one: "Vladimir Saldo", "generaal Simonov"."""
        if any(e.kind != "city" for e in places):
            return False
        lex = self.lex
        prev, nxt = self._word(m.first - 1), self._word(m.last + 1)
        if prev in LOCATIVE:
            return False
        if (prev in lex.first_names or prev in lex.titles) and not self._gap(m.first - 1).strip(" "):
            return True
        if m.first == m.last and self._word(m.first) in lex.first_names and not self._gap(m.last).strip(" "):
            if self.cased:
                s = self.index.spans[m.last + 1][0] if m.last + 1 < len(self.index.spans) else 0
                return bool(nxt) and self.text[s].isupper()
            return bool(nxt) and nxt not in lex.common
        return False

    def _vessel(self, first: int) -> bool:
        """A ship named after a place: "het landingsschip de Saratov", "the cruiser Moskva"."""
        k = first - 1
        if self._word(k) in {"de", "het", "the"}:
            k -= 1
        word = self._word(k)
        return bool(word) and (word in VESSELS or word.endswith(VESSEL_HEADS))

    def _governor_of(self, first: int, last: int) -> bool:
        if self._word(first - 1) in {"van", "of"} and self._word(first - 2) in GOVERNORS:
            return True
        return self._word(last + 1) in GOVERNORS and not self._gap(last).strip(" -")

    def _acts(self, first: int, last: int, capital: bool = False) -> bool:
        """Is the country at tokens first..last an actor rather than a location?"""
        common = self.lex.common
        prev, prev2 = self._word(first - 1), self._word(first - 2)
        nxt = self._word(last + 1)
        if prev in LOCATIVE or nxt in {"binnen", "binnengevallen", "binnenvallen", "binnengetrokken"}:
            return False
        if prev in {"door", "by", "volgens"} or (prev == "to" and prev2 == "according"):
            return True
        if prev in {"van", "of"} and prev2 in STANCE_NOUNS:
            return True  # "tot woede van Moskou", "de eisen van Rusland": whose attitude or act
        if capital:
            # a capital acts only as a clause's subject next to its verb: "Kyiv ontkende", "dat Moskou ... saboteert"
            gap = self._gap(first - 1)
            if prev in SUBORDINATORS and nxt and nxt not in NOT_SUBJECT_NEXT and nxt not in {"is", "was"}:
                return True
            # not in a list ("in Londen, Frankfurt en Moskou, noteerde"), the verb right after it
            boundary = first == 0 or any(ch in gap for ch in ".;:!?,") or prev in CLAUSE - {"en", "and"}
            verb = _looks_verb(nxt, common) or _finite(nxt) or nxt in reporting_verbs()
            return boundary and bool(nxt) and verb and not self._gap(last).strip(" ")
        if prev == "aan":
            return True
        if prev in {"van", "of"} and prev2 in AUTHORITY:
            return True
        if prev in {"de", "het", "the"}:
            prev, prev2 = prev2, self._word(first - 3)
        gap_before = self._gap(first - 1)
        boundary = first == 0 or any(ch in gap_before for ch in ".;:!?") or prev in CLAUSE
        if boundary and nxt and (_looks_verb(nxt, common) or nxt in reporting_verbs()):
            return True
        if prev in SUBORDINATORS and nxt and nxt not in NOT_SUBJECT_NEXT:
            return True  # the subject of a clause: "... dat Rusland op 16 mei raketten had afgevuurd"
        if _looks_verb(prev, common) and prev not in {"is", "was", "zijn", "waren"}:
            return True
        return bool(prev == "en" and _looks_verb(self._word(first - 3), common))

    # -- ministries of a state
    def _state_at(self, i: int) -> str | None:
        """The state named by token i: an adjective ("Russische"), a possessive ("Russia's") or a country."""
        word = self._word(i)
        state = self.lex.adjectives.get(word)
        if state:
            return state
        for f in self.found:
            if f.first <= i <= f.last and f.kind in {"place", "actor"}:
                name = f.attrs["name"]
                idx = self.lex.by_name.get(name)
                if idx is not None and self.lex.entries[idx].kind == "country":
                    return name
        return None

    def _ministries(self, taken: set[int]) -> None:
        """ "het Russische ministerie van Defensie", "Russia's Defence Ministry": an institution of its state."""
        words = self.index.words
        for i, w in enumerate(words):
            dept, last = None, i
            if w in {"ministerie", "ministry"} and self._word(i + 1) in {"van", "of"}:
                nxt, nxt2 = self._word(i + 2), self._word(i + 3)
                for phrase, name in MINISTRIES.items():
                    parts = phrase.split()
                    if [nxt, nxt2][: len(parts)] == parts:
                        dept, last = name, i + 1 + len(parts)
                        break
            elif w in {"ministry", "ministerie"} and self._word(i - 1) in MINISTRY_PREFIX:
                dept, i = MINISTRY_PREFIX[self._word(i - 1)], i - 1
            elif w.endswith("ministerie") and w[: -len("ministerie")] in MINISTRY_PREFIX:
                dept = MINISTRY_PREFIX[w[: -len("ministerie")]]
            if dept is None or any(t in taken for t in range(i, last + 1)):
                continue
            k = i - 1
            if self._word(k) in {"de", "het", "the"}:
                k -= 1
            if self._word(k) == "s" and self._gap(k - 1) in {"'", "’"}:
                k -= 1  # "Russia's Ministry of Defence"
            state = self._state_at(k)
            if state is None and self._word(last + 1) in {"van", "of"}:
                state = self._state_at(last + 2 if self._word(last + 2) != "the" else last + 3)
            if state is None:
                continue
            the = "the " if state in {"United Kingdom", "United States", "Netherlands"} else ""
            start, end = self.index.spans[i][0], self.index.spans[last][1]
            attrs = {"name": f"Ministry of {dept} of {the}{state}", "type": "organization"}
            self.found.append(Found("actor", start, end, attrs, i, last))
            taken.update(range(i, last + 1))

    # -- places the gazetteer lacks
    def _villages(self, taken: set[int], context: dict[str, Any]) -> None:
        """A village the gazetteer lacks, announced by a place noun: "het dorp Vremivka", "vliegbasis Koelbakino"."""
        lex = self.lex
        words = self.index.words
        countries: Counter[str] = context["countries"]
        core = [c for c, _ in countries.most_common() if c in {"UA", "RU", "BY", "MD", "GE"}]
        country = core[0] if core else None
        announced: dict[int, str | None] = {}  # token -> the country an adjective gives ("het Poolse dorp")
        for k, w in enumerate(words):
            if w not in PLACE_NOUNS or self._gap(k).strip(" "):
                continue
            j = k + 2 if words[k + 1 : k + 2] == ["of"] else k + 1  # "the village of Robotyne"
            state = lex.adjectives.get(self._word(k - 1))
            entry = lex.entries[lex.by_name[state]] if state in lex.by_name else None
            announced[j] = entry.country if entry is not None else None
        # "-ivka" and "-ovka" name villages whether announced or not: "de Vremivka-saillant"; after a
        # locative ("bij Robotyne en Verbove") any Ukrainian or Russian place ending does.
        suffixed = [self.index.token_at(m.start()) for m in _VILLAGE.finditer(self.index.folded)]
        for k, w in enumerate(words[:-1]):
            if w in LOCATIVE and w not in {"over", "to", "from"} and _PLACE_ENDING.search(words[k + 1]):
                suffixed.append(k + 1)
                if self._word(k + 2) in {"en", "and"} and _PLACE_ENDING.search(self._word(k + 3)):
                    suffixed.append(k + 3)
        for j in sorted(set(announced) | set(suffixed)):
            if j >= len(words) or j in taken:
                continue
            word = words[j]
            if word in lex.common or word in lex.first_names or len(word) < 4:
                continue
            s, e = self.index.spans[j]
            if self.cased and not self.text[s].isupper():
                continue
            if not _PLACE_ENDING.search(word) and not ((self.cased or announced.get(j)) and j in announced):
                continue  # lowercased text: only a name that ends as Ukrainian and Russian places do
            written = self.text[s:e]
            english = _reverse_transliterate(word)
            name = written if self.cased else (english if english != word else written).capitalize()
            place_country = announced.get(j) or ("UA" if _UKRAINIAN_ENDING.search(word) else country)
            attrs = {"name": name, "country": place_country, "lat": None, "lon": None}
            self.found.append(Found("place", s, e, attrs, j, j))
            taken.add(j)

    # -- people found by pattern
    def _name_token(self, i: int) -> bool:
        """Could token i be part of a name? Capitalised in cased text; no common word in lowercased text."""
        word = self._word(i)
        if not word or not word.isalpha() or len(word) < 2:
            return False
        if self.cased:
            s, _ = self.index.spans[i]
            return self.text[s].isupper()
        return word in self.lex.first_names or (word not in self.lex.common and word not in self.lex.titles)

    def _name_after(self, j: int, taken: set[int]) -> list[int]:
        """Token indices of a person's name starting at token j, or []."""
        n = len(self.index.spans)
        names: list[int] = []
        k = j
        while k < n and len(names) < 3 and k not in taken and self._name_token(k):
            names.append(k)
            if self._gap(k).strip(" -"):
                break
            k += 1
        if not names or self.cased:
            return names
        # Lowercased text: a first name and a surname, or words ending as Slavic surnames do.
        first_names = self.lex.first_names
        if self._word(names[0]) in first_names:
            rest = [t for t in names[1:] if self._word(t) not in first_names]
            if not rest and len(names) >= 2:
                return names[:2]  # a surname that is also a first name: "Warren Christopher"
            return names[: 1 + len(rest)] if rest else []
        if len(names) > 1 and _SURNAME.search(self._word(names[-1])):
            return names
        return names[:1] if _SURNAME.search(self._word(names[0])) else []

    def _people(self, taken: set[int]) -> None:
        lex = self.lex
        surnames: dict[str, str] = {}
        for f in self.found:
            if f.kind == "actor" and f.attrs["type"] == "person":
                surnames.setdefault(skeleton(self._word(f.last)), f.attrs["name"])
        new: list[Found] = []
        titles = lex.titles
        consumed = -1
        suffixes = _TITLE_SUFFIXES
        for i in [k for k, w in enumerate(self.index.words) if w in titles or (len(w) > 9 and w.endswith(suffixes))]:
            if i <= consumed:
                continue
            j = i + 1
            # apposition: "de vice-premier van Oekraïne, Olha Stefanisjyna"
            if self._word(j) in {"van", "of"} and self._word(j + 1) in {"de", "het", "the"} and j + 2 in taken:
                j += 1
            if self._word(j) in {"van", "of"} and j + 1 in taken:
                k = j + 1
                while k in taken:
                    k += 1
                if "," in self._gap(k - 1):
                    j = k
            names = [] if j in taken or self._gap(j - 1).strip(" ,") != "" else self._name_after(j, taken)
            if not names and self._word(i + 1) in {"van", "of"}:
                # "de minister van Buitenlandse Zaken Sergej Lavrov": a first name a few words on
                for k in range(i + 2, min(i + 10, len(self.index.words))):
                    if self._gap(k - 1).strip(" ,"):
                        break
                    if self._word(k) in lex.first_names and k not in taken:
                        names = self._name_after(k, taken)
                        break
            if not names:
                continue
            first, last = names[0], names[-1]
            tokens = [self._word(t) for t in names]
            written = [self.text[self.index.spans[t][0] : self.index.spans[t][1]] for t in names]
            name = person_name(tokens, written, self.cased, lex.given)
            start, end = self.index.spans[first][0], self.index.spans[last][1]
            new.append(Found("actor", start, end, {"name": name, "type": "person"}, first, last))
            taken.update(range(first, last + 1))
            surnames.setdefault(skeleton(tokens[-1]), name)
            consumed = last
        # A first name and a surname anywhere: "Georgi Gotev schreef", "volgens Oleksi Arestovytsj".
        first_names = lex.first_names
        for i in [k for k, w in enumerate(self.index.words) if w in first_names]:
            if i in taken or i + 1 in taken or self._gap(i).strip(" "):
                continue
            nxt = self._word(i + 1)
            if not nxt.isalpha() or len(nxt) < 3 or nxt in lex.common or nxt in first_names or nxt in lex.titles:
                continue
            if self.cased and not (self.text[self.index.spans[i][0]].isupper() and self._name_token(i + 1)):
                continue
            last = i + 1
            if not self._gap(last).strip(" -") and self._name_token(last + 1) and last + 1 not in taken:
                after = self._word(last + 1)
                if after not in lex.common and _SURNAME.search(after):
                    last += 1  # a patronymic or a second surname
            tokens = [self._word(t) for t in range(i, last + 1)]
            written = [self.text[self.index.spans[t][0] : self.index.spans[t][1]] for t in range(i, last + 1)]
            name = person_name(tokens, written, self.cased, lex.given)
            start, end = self.index.spans[i][0], self.index.spans[last][1]
            new.append(Found("actor", start, end, {"name": name, "type": "person"}, i, last))
            taken.update(range(i, last + 1))
            surnames.setdefault(skeleton(tokens[-1]), name)
        if surnames:
            skels = self.index.skeletons
            for t in [k for k, sk in enumerate(skels) if sk in surnames]:
                if t in taken:
                    continue
                word = self._word(t)
                known = surnames.get(skels[t]) if len(word) > 3 else None
                if known is None or (not self.cased and word in lex.common):
                    continue
                s, e = self.index.spans[t]
                if self.cased and not self.text[s].isupper():
                    continue
                new.append(Found("actor", s, e, {"name": known, "type": "person"}, t, t))
        if self.cased:
            new.extend(self._speakers(taken))
        self.found.extend(new)

    def _speakers(self, taken: set[int]) -> list[Found]:
        """In cased text, a capitalised name next to a reporting verb: "Vandewalle said", "zei Jan Peters"."""
        out: list[Found] = []
        words = self.index.words
        verbs = reporting_verbs()
        common = self.lex.common
        spans = self.index.spans
        for v in [k for k, w in enumerate(words) if w in verbs]:
            for step in (-1, 1):
                names: list[int] = []
                k = v + step
                while 0 <= k < len(words) and len(names) < 3 and k not in taken and self._name_token(k):
                    gap = self._gap(k - 1) if step == 1 else self._gap(k)
                    if names and gap.strip(" -"):
                        break
                    if not names and (self._gap(v - 1) if step == -1 else self._gap(v)).strip(" "):
                        break
                    names.append(k)
                    k += step
                names.sort()
                if not names or (len(names) == 1 and (words[names[0]] in common or len(words[names[0]]) < 3)):
                    continue
                if any(words[t] in common and words[t] not in self.lex.first_names for t in names[:-1]):
                    continue
                first, last = names[0], names[-1]
                start, end = spans[first][0], spans[last][1]
                out.append(Found("actor", start, end, {"name": self.text[start:end], "type": "person"}, first, last))
                taken.update(range(first, last + 1))
                break
        return out


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """One-word verb cues of the claims lexicon: a name next to one is a speaker."""
    rows = _rows("claims_cues.tsv")
    return frozenset(fold(r["cue"]) for r in rows if r["speaker"] == "subject" and " " not in r["cue"])


_LAST: dict[str, Any] = {}


def analyse(doc: Document) -> Analysis:
    """The analysis of ``doc``, shared by the stages that run on the same text."""
    cached = _LAST.get("analysis")
    if cached is not None and cached.text is doc.text:
        return cached
    result = Analysis(doc)
    _LAST["analysis"] = result
    return result


def attach(doc: Document, found: list[Found], make: Any) -> None:
    """Append a mention built by ``make(found)`` to the sentence containing each found span."""
    sentences = doc.sentences
    if not sentences:
        return
    starts = [s.start for s in sentences]
    import bisect

    for f in found:
        i = bisect.bisect_right(starts, f.start) - 1
        if i < 0:
            continue
        sent = sentences[i]
        if f.end <= sent.end:
            sent.mentions.append(make(f))


def state_of_adjective(word: str) -> str | None:
    return lexicons().adjectives.get(fold(word))


__all__ = ["Analysis", "Entry", "Found", "analyse", "attach", "key", "lexicons", "state_of_adjective"]
