"""Word lists for the time tagger (Dutch and English): months, weekdays, numerals, units.

Plain facts of the two languages, written by hand; every key is lowercase.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set of the white-space separated words of ``text``."""
    return frozenset(text.split())


MONTHS: dict[str, int] = {
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10, "mar": 3, "oct": 10,
}  # fmt: skip

# Month words that are also common words: only dates with a number around them count.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "dec", "sep", "jun", "jul", "aug", "apr", "nov", "oct"})

WEEKDAYS: dict[str, int] = {
    "maandag": 1, "dinsdag": 2, "woensdag": 3, "donderdag": 4, "vrijdag": 5, "zaterdag": 6, "zondag": 7,
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}  # fmt: skip

_NL_UNITS = ["", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_NL_TENS = {20: "twintig", 30: "dertig", 40: "veertig", 50: "vijftig", 60: "zestig", 70: "zeventig",
            80: "tachtig", 90: "negentig"}  # fmt: skip
_EN_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty",
            90: "ninety"}  # fmt: skip


def _numerals() -> dict[str, float]:
    words = {
        "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
        "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
        "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19, "honderd": 100, "duizend": 1000,
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "hundred": 100, "a": 1, "an": 1,
        "anderhalf": 1.5, "anderhalve": 1.5,
    }  # fmt: skip
    for tens, word in _NL_TENS.items():
        words[word] = tens
        for unit in range(1, 10):
            joint = "ën" if _NL_UNITS[unit].endswith("e") else "en"
            words[f"{_NL_UNITS[unit]}{joint}{word}"] = tens + unit
    for unit in range(1, 10):  # "drieënhalve maand", "tweeënhalf jaar"
        joint = "ën" if _NL_UNITS[unit].endswith("e") else "en"
        words[f"{_NL_UNITS[unit]}{joint}half"] = words[f"{_NL_UNITS[unit]}{joint}halve"] = unit + 0.5
    for tens, word in _EN_TENS.items():
        words[word] = tens
        for unit in range(1, 10):
            words[f"{word}-{_EN_UNITS[unit]}"] = tens + unit
    return words


NUMERALS: dict[str, float] = _numerals()

# Quantities without a number: "enkele weken" -> PXW.
VAGUE_QUANTITIES = words(
    "enkele paar meerdere verschillende vele talloze aantal ettelijke several few many some couple"
)

ORDINALS: dict[str, int] = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "laatste": -1,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1, "final": -1,
}  # fmt: skip

ORDINAL_CENTURIES: dict[str, int] = {
    "tiende": 10, "elfde": 11, "twaalfde": 12, "dertiende": 13, "veertiende": 14, "vijftiende": 15,
    "zestiende": 16, "zeventiende": 17, "achttiende": 18, "negentiende": 19, "twintigste": 20,
    "eenentwintigste": 21,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21,
}  # fmt: skip

DECADE_WORDS: dict[str, int] = {
    "twintig": 2, "dertig": 3, "veertig": 4, "vijftig": 5, "zestig": 6, "zeventig": 7, "tachtig": 8,
    "negentig": 9, "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip

# Calendar units: word -> TIMEX3 unit letter ("H" and "MIN" are clock units).
UNITS: dict[str, str] = {
    "seconde": "S", "seconden": "S", "minuut": "MIN", "minuten": "MIN", "uur": "H", "uren": "H",
    "dag": "D", "dagen": "D", "etmaal": "D", "etmalen": "D", "week": "W", "weken": "W",
    "maand": "M", "maanden": "M", "jaar": "Y", "jaren": "Y", "decennium": "DE", "decennia": "DE",
    "eeuw": "CE", "eeuwen": "CE",
    "second": "S", "seconds": "S", "minute": "MIN", "minutes": "MIN", "hour": "H", "hours": "H",
    "day": "D", "days": "D", "weeks": "W", "month": "M", "months": "M", "year": "Y",
    "years": "Y", "decade": "DE", "decades": "DE", "century": "CE", "centuries": "CE",
    "weekend": "WE", "weekeinde": "WE",
}  # fmt: skip

SEASONS: dict[str, str] = {
    "lente": "SP", "voorjaar": "SP", "zomer": "SU", "herfst": "FA", "najaar": "FA", "winter": "WI",
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA",
}  # fmt: skip

PARTS_OF_DAY: dict[str, str] = {
    "ochtend": "MO", "morgen": "MO", "middag": "AF", "avond": "EV", "nacht": "NI",
    "ochtends": "MO", "morgens": "MO", "middags": "AF", "avonds": "EV", "nachts": "NI",
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
}  # fmt: skip

# "vorige week", "next month", "dit jaar": direction of the shift from the reference.
SHIFTERS: dict[str, int] = {
    "vorige": -1, "vorig": -1, "verleden": -1, "voorgaande": -1, "voorafgaande": -1,
    "volgende": 1, "volgend": 1, "komende": 1, "daaropvolgende": 1, "daarop volgende": 1,
    "deze": 0, "dit": 0, "huidige": 0,
    "last": -1, "previous": -1, "preceding": -1, "next": 1, "following": 1, "coming": 1, "this": 0,
}  # fmt: skip

# Deictic day words: offset in days from the reference.
DAY_WORDS: dict[str, int] = {
    "vandaag": 0, "heden": 0, "gisteren": -1, "eergisteren": -2, "morgen": 1, "overmorgen": 2,
    "today": 0, "yesterday": -1, "tomorrow": 1,
}  # fmt: skip

# Words after "N dagen": which way the shift goes.
LATER = words("later daarna erna nadien hierna laterop later. after afterwards afterward later,")
EARLIER = words("eerder daarvoor ervoor voordien hiervoor tevoren earlier before beforehand")
AGO = words("geleden ago")

SET_WORDS: dict[str, str] = {
    "dagelijks": "P1D", "dagelijkse": "P1D", "wekelijks": "P1W", "wekelijkse": "P1W",
    "maandelijks": "P1M", "maandelijkse": "P1M", "jaarlijks": "P1Y", "jaarlijkse": "P1Y",
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "annual": "P1Y", "nightly": "P1D",
}  # fmt: skip

VAGUE_DURATIONS: dict[str, str] = {
    "urenlang": "PTXH", "dagenlang": "PXD", "wekenlang": "PXW", "maandenlang": "PXM", "jarenlang": "PXY",
    "decennialang": "PXDE", "eeuwenlang": "PXCE", "nachtenlang": "PXD",
}  # fmt: skip

# Words that make a following number a quantity, not a year ("meer dan 2000").
QUANTIFIERS = words("""meer dan ruim bijna zo'n ongeveer circa ca minstens zeker tot wel nog slechts maar
    more than about nearly almost some around over least approximately only""")

# Units and nouns after a number that rule out a year ("1067 mm", "2000 soldaten").
NOT_AFTER_YEAR = words("""mm cm m km km2 km² kg g ton liter l euro dollar dollars roebel hryvnia pond procent % man
    mensen doden gewonden soldaten militairen burgers personen vluchtelingen kinderen inwoners tanks
    vliegtuigen raketten drones meter kilometer kilo stuks keer x people troops soldiers civilians
    dead killed tanks missiles metres meters miles kilometres feet ft lb lbs usd eur uur hours""")

# Signals that a yearless date in a news report may lie ahead rather than behind.
FUTURE_CUES = words("zal zullen zou gaat gaan komende volgende gepland will shall next upcoming planned scheduled")
