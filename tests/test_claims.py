"""Claims: who says, claims or denies what, so that no later stage presents it as fact."""

from __future__ import annotations

import pytest

from kroniek.model import Document
from kroniek.pipeline import Pipeline, available


@pytest.fixture(scope="module")
def tag():
    stages = ("sentences", "time", "places", "actors", "figures", "claims")
    pipeline = Pipeline(tuple(n for n in stages if n in available()))

    def run(text: str, language: str = "nl") -> list[tuple[str, str | None, str]]:
        doc = pipeline(Document(text=text, language=language, genre="narrative"))
        return [
            (m.text, m.attrs["speaker"], m.attrs["stance"])
            for s in doc.sentences
            for m in s.mentions
            if m.kind == "claim"
        ]

    return run


def test_volgens(tag):
    assert tag("Volgens Zelensky zijn er zeker veertig doden gevallen.") == [
        ("Volgens", "Volodymyr Zelensky", "asserts")
    ]
    assert tag("volgens analisten van het isw boekten de troepen vooruitgang.") == [
        ("volgens", "Institute for the Study of War", "asserts")
    ]
    assert tag("volgens de oekraïense autoriteiten vielen er 25 doden.") == [("volgens", "Ukraine", "asserts")]


def test_zegt_dat(tag):
    assert tag("Oekraïne zegt dat er tientallen Russische soldaten zijn omgekomen.") == [("zegt", "Ukraine", "asserts")]


def test_meldt_with_inverted_subject(tag):
    assert tag("Op 2 juni meldde de NAVO dat de troepen waren teruggetrokken.") == [("meldde", "NATO", "asserts")]
    assert tag("De IAEA meldt dat er geen straling is vrijgekomen.") == [("meldt", "IAEA", "asserts")]


def test_ontkent(tag):
    assert tag("Rusland ontkent dat.") == [("ontkent", "Russia", "denies")]
    assert tag("het kremlin ontkende elke betrokkenheid bij de aanval.") == [("ontkende", "Kremlin", "denies")]


def test_naar_verluidt_has_no_speaker(tag):
    assert tag("De marine begon naar verluidt een aanval op de kust.") == [("naar verluidt", None, "asserts")]


def test_particle_verbs_and_coordinated_verbs(tag):
    assert tag("Poetin gaf die avond aan dat hij de troepen terugtrok.") == [
        ("gaf die avond aan", "Vladimir Putin", "asserts")
    ]
    assert tag("Premier Mark Rutte sprak over agressie en benadrukte dat sancties nodig zijn.") == [
        ("sprak over", "Mark Rutte", "asserts"),
        ("benadrukte", "Mark Rutte", "asserts"),
    ]


def test_anaphora_to_the_last_actor(tag):
    text = "Volgens OVD-Info werden 2.000 mensen opgepakt. Op 6 maart meldde de organisatie dat het er 13.000 waren."
    assert tag(text) == [("Volgens", "OVD-Info", "asserts"), ("meldde", "OVD-Info", "asserts")]


def test_declaring_war_is_no_claim(tag):
    assert tag("Poetin had de oorlog aan Oekraïne verklaard.") == []


def test_anonymous_speaker(tag):
    assert tag("Een anonieme functionaris vertelde aan Reuters dat de jets klaarstonden.") == [
        ("vertelde", None, "asserts")
    ]


def test_english(tag):
    text = "According to the UN, 40 civilians died. Russia denied the attack. Zelenskyy said that help was coming."
    assert tag(text, language="en") == [
        ("According to", "United Nations", "asserts"),
        ("denied", "Russia", "denies"),
        ("said", "Volodymyr Zelensky", "asserts"),
    ]
