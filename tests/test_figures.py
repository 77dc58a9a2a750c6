"""Figures: numbers normalised, with category, whom they count, qualifier and attribution."""

from __future__ import annotations

import pytest

from kroniek.extract.figures import dutch_number, parse_digits
from kroniek.model import Document
from kroniek.pipeline import Pipeline


@pytest.fixture(scope="module")
def tag():
    stages = ("sentences", "time", "places", "actors", "figures", "claims")
    pipeline = Pipeline(stages)

    def run(text: str, language: str = "nl") -> list[dict]:
        doc = pipeline(Document(text=text, language=language, genre="narrative", published=None))
        return [m.to_dict() for s in doc.sentences for m in s.mentions if m.kind == "figure"]

    return run


def _one(figures: list[dict]) -> dict:
    assert len(figures) == 1, figures
    return figures[0]


def test_number_words():
    assert dutch_number("veertig") == 40
    assert dutch_number("vijfduizend") == 5000
    assert dutch_number("tweeëntwintig") == 22
    assert dutch_number("driehonderdvijftig") == 350
    assert dutch_number("vrede") is None


def test_digits_in_dutch_and_english():
    assert parse_digits("10.000", english=False) == 10000
    assert parse_digits("1,5", english=False) == 1.5
    assert parse_digits("10,000", english=True) == 10000
    assert parse_digits("2.5", english=True) == 2.5


def test_veertig_doden(tag):
    f = _one(tag("Er zijn zeker veertig doden gevallen."))
    assert (f["text"], f["value"], f["approx"], f["qualifier"], f["category"]) == (
        "zeker veertig",
        40,
        True,
        "at_least",
        "killed",
    )


def test_tientallen_is_a_lower_bound(tag):
    f = _one(tag("Bij de aanval vielen tientallen doden."))
    assert (f["value"], f["approx"], f["category"]) == (20, True, "killed")


def test_ruim_10000_vluchtelingen(tag):
    f = _one(tag("ruim 10.000 vluchtelingen staken de grens over."))
    assert (f["text"], f["value"], f["qualifier"], f["category"]) == ("ruim 10.000", 10000, "more_than", "refugees")


def test_8_miljoen(tag):
    f = _one(tag("meer dan 8 miljoen oekraïners ontvluchtten het land."))
    assert (f["value"], f["qualifier"], f["category"], f["who"]) == (8000000, "more_than", "refugees", "civilians")


def test_range(tag):
    f = _one(tag("er vielen 350-400 oekraïense militairen en burgerdoden."))
    assert (f["value"], f["value_max"], f["approx"], f["category"], f["who"]) == (350, 400, True, "killed", None)
    g = _one(tag("Tussen 5 tot 9 miljoen mensen zijn ontheemd."))
    assert (g["value"], g["value_max"], g["category"]) == (5000000, 9000000, "displaced")


def test_categories_and_who(tag):
    text = (
        "Rusland zegt 572 Oekraïense soldaten te hebben gevangengenomen. Er werden 53 kinderen gewond. "
        "De EU trekt 500 miljoen euro uit. Oekraïne zette 50 tanks in. "
        "Volgens de VN zijn 37.500 burgers geëvacueerd. Rusland heeft 20.000 militairen verzameld."
    )
    got = [(f["value"], f["category"], f["who"]) for f in tag(text)]
    assert got == [
        (572, "prisoners", "soldiers"),
        (53, "injured", "children"),
        (500000000, "money", None),
        (50, "weapons", None),
        (37500, "displaced", "civilians"),
        (20000, "troops", "soldiers"),
    ]


def test_attribution_comes_from_the_claim(tag):
    f = _one(tag("Volgens de Oekraïense autoriteiten vielen zeker 25 doden."))
    assert f["attribution"] == "Ukraine"
    assert _one(tag("Er vielen zeker 25 doden."))["attribution"] is None


def test_fractions_and_vague_words(tag):
    f = _one(tag("een derde van de bevolking raakte ontheemd."))
    assert (round(f["value"], 3), f["category"], f["who"]) == (0.333, "displaced", "civilians")
    assert _one(tag("Honderden gewonden werden naar Lviv gebracht."))["value"] == 200


def test_dates_years_and_codes_are_no_figures(tag):
    text = "Op 24 februari 2022 vielen de troepen aan met Mi-8 helikopters langs de T1302 en de E40."
    assert [f["text"] for f in tag(text)] == []


def test_units_are_other(tag):
    f = _one(tag("De brug ligt 95 km ten noorden van Kiev."))
    assert f["category"] == "other"


def test_english(tag):
    figures = tag("At least 25 civilians were killed and more than 30 injured, officials said.", language="en")
    assert [(f["value"], f["qualifier"], f["category"]) for f in figures] == [
        (25, "at_least", "killed"),
        (30, "more_than", "injured"),
    ]


def test_more_number_forms(tag):
    got = [
        (f["value"], f["approx"]) for f in tag("Anderhalf miljoen mensen vluchtten, een tiental soldaten sneuvelde.")
    ]
    assert got == [(1500000, False), (10, True)]
    assert _one(tag("Een half miljoen inwoners werden geëvacueerd."))["value"] == 500000


def _cats(figures: list[dict]) -> list[tuple[str, float, str]]:
    return [(f["text"], f["value"], f["category"]) for f in figures]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # the verb right before the number governs it
        ("A strike killed three civilians and wounded 12 in the city.", "en",
         [("three", 3, "killed"), ("12", 12, "injured")]),
        ("a strike killed three civilians and wounded 12 in the city.", "en",
         [("three", 3, "killed"), ("12", 12, "injured")]),
        ("Er werden drie burgers gedood en twaalf gewond.", "nl", [("drie", 3, "killed"), ("twaalf", 12, "injured")]),
        ("The strike wounded 14 people in the city, killing two children.", "en",
         [("14", 14, "injured"), ("two", 2, "killed")]),
        # model numbers are no figures
        ("Duitsland levert 18 Leopard 2-tanks en 24 F-16-gevechtsvliegtuigen.", "nl",
         [("18", 18, "weapons"), ("24", 24, "weapons")]),
        ("duitsland levert 18 leopard 2 tanks.", "nl", [("18", 18, "weapons")]),
        ("They shot down four MiG-29 fighter jets over the sea.", "en", [("four", 4, "weapons")]),
        # currency signs
        ("The package is worth more than $2 billion in the end.", "en", [("more than $2 billion", 2e9, "money")]),
        ("Het pakket is € 50 miljoen waard.", "nl", [("€ 50 miljoen", 5e7, "money")]),
        # partitives
        ("Het leger schoot 28 van de 35 drones neer.", "nl", [("28 van de 35", 28, "weapons")]),
        ("The army downed 28 of the 35 drones over the city.", "en", [("28 of the 35", 28, "weapons")]),
        # separable verbs and estimates
        ("Bij de aanval kwamen zeker zestien mensen om.", "nl", [("zeker zestien", 16, "killed")]),
        ("Het aantal doden werd geschat op ongeveer 300.", "nl", [("ongeveer 300", 300, "killed")]),
        ("Tienduizenden mensen moesten hun huizen verlaten.", "nl", [("Tienduizenden", 20000, "displaced")]),
        # losses of troops are deaths; an exchange returns prisoners
        ("Wagner verloor bij Bachmoet 20.000 man.", "nl", [("20.000", 20000, "killed")]),
        ("Bij een gevangenenruil keerden 130 soldaten terug.", "nl", [("130", 130, "prisoners")]),
        ("A prisoner exchange returned 75 soldiers to Ukraine.", "en", [("75", 75, "prisoners")]),
        # service in an army
        ("Er waren zestigduizend vrouwen in dienst bij het leger.", "nl", [("zestigduizend", 60000, "troops")]),
        # "survived" is no death toll
        ("Ruim honderd bewoners overleefden de aanval.", "nl", [("Ruim honderd", 100, "other")]),
        # "onder wie": a part of the count before
        ("Er raakten 32 mensen gewond, onder wie vijf kinderen.", "nl", [("32", 32, "injured"), ("vijf", 5, "injured")]),
    ],
)  # fmt: skip
def test_general_figure_rules(tag, text, language, expected):
    assert _cats(tag(text, language=language)) == expected


def test_an_elided_noun_takes_the_previous_sentence_s_category(tag):
    text = "Ruim 6 miljoen Oekraïners zijn gevlucht. Begin 2024 waren dit er ongeveer 6,3 miljoen."
    assert _cats(tag(text)) == [("Ruim 6 miljoen", 6e6, "refugees"), ("ongeveer 6,3 miljoen", 6.3e6, "refugees")]


def test_a_count_of_a_weapon_model(tag):
    assert _cats(tag("Denemarken zegde 61 F-16's toe.")) == [("61", 61, "weapons")]
    assert _cats(tag("denemarken zegde 61 f-16's toe.")) == [("61", 61, "weapons")]


def test_a_year_or_a_preposition_before_a_number_is_no_model_name(tag):
    assert _cats(tag("In oktober 2023 verkocht Rusland voor 12 miljard euro aan olie.")) == [
        ("12 miljard euro", 12e9, "money")
    ]
    assert _cats(tag("Sinds september 2022 bijna 500 drones neergehaald.")) == [("bijna 500", 500, "weapons")]
    assert _cats(tag("Drie strijders werden ter dood veroordeeld.")) == [("Drie", 3, "troops")]


def test_the_buried_are_dead(tag):
    assert _cats(tag("Er waren zeker 280 mensen in massagraven begraven.")) == [("zeker 280", 280, "killed")]
    assert _cats(tag("At least 280 people were buried in mass graves.", language="en")) == [
        ("At least 280", 280, "killed")
    ]
