"""Claims: who says, claims or denies what, so that no later stage presents it as fact."""

from __future__ import annotations

import pytest

from kroniek.model import Document
from kroniek.pipeline import Pipeline


@pytest.fixture(scope="module")
def tag():
    stages = ("sentences", "time", "places", "actors", "figures", "claims")
    pipeline = Pipeline(stages)

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


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("De minister maakte woensdag tijdens een persconferentie bekend dat de steun doorgaat.", "nl",
         [("maakte woensdag tijdens een persconferentie bekend", None, "asserts")]),
        ("Blinken noemde de beschieting een oorlogsmisdaad.", "nl", [("noemde", "Antony Blinken", "asserts")]),
        ("De VN schatten dat het aantal vluchtelingen groeit.", "nl", [("schatten", "United Nations", "asserts")]),
        ("Het aantal doden werd door de VN geschat op driehonderd.", "nl", [("geschat", "United Nations", "asserts")]),
        ("Het aantal doden werd geschat op driehonderd.", "nl", [("geschat", None, "asserts")]),
        ("Zelensky zegde de stad meer luchtafweer toe.", "nl", [("zegde de stad meer luchtafweer toe", "Volodymyr Zelensky", "asserts")]),
        ("Poetin gaf het Westen de schuld van de escalatie.", "nl", [("gaf het Westen de schuld", "Vladimir Putin", "asserts")]),
        ("Stoltenberg kondigde, na een lang overleg in Brussel, aan dat de steun doorgaat.", "nl",
         [("kondigde, na een lang overleg in Brussel, aan", "Jens Stoltenberg", "asserts")]),
        ("poetin gaf het westen de schuld van de escalatie.", "nl", [("gaf het westen de schuld", "Vladimir Putin", "asserts")]),
        ("Stoltenberg estimated that the losses were heavy.", "en", [("estimated", "Jens Stoltenberg", "asserts")]),
        ("The United States announced that a new aid package was ready.", "en", [("announced", "United States", "asserts")]),
    ],
)  # fmt: skip
def test_reporting_verbs_and_separable_verbs(tag, text, language, expected):
    assert tag(text, language=language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Oekraïne heeft de aanval niet bevestigd of ontkend.", "nl"),
        ("oekraïne heeft de aanval niet bevestigd of ontkend.", "nl"),
        ("Kyiv did not confirm or deny the strike.", "en"),
        ("Reports of a sunken ship spread.", "en"),
    ],
)
def test_negated_cues_and_nouns_make_no_claim(tag, text, language):
    assert tag(text, language=language) == []


def test_the_noun_claims_is_no_cue(tag):
    assert tag("The Kremlin rejected claims that its troops shelled the town.", language="en") == [
        ("rejected", "Kremlin", "denies")
    ]


def test_institutions_speak_for_themselves_and_unnamed_sources_for_no_one(tag):
    assert tag("Het Russische ministerie van Defensie zei dat de aanval was afgeslagen.") == [
        ("zei", "Ministry of Defence of Russia", "asserts")
    ]
    assert tag("Russia's Defence Ministry said that the attack was repelled.", language="en") == [
        ("said", "Ministry of Defence of Russia", "asserts")
    ]
    assert tag("Rusland viel aan. Volgens hulpdiensten vielen er doden.") == [("Volgens", None, "asserts")]
    assert tag("De Oekraïense autoriteiten meldden dat de brug was geraakt.") == [("meldden", "Ukraine", "asserts")]


def test_a_capital_speaks_for_its_state_and_a_possessor_is_no_speaker(tag):
    assert tag("Kyiv ontkende elke betrokkenheid.") == [("ontkende", "Ukraine", "denies")]
    assert tag("kyiv ontkende elke betrokkenheid.") == [("ontkende", "Ukraine", "denies")]
    assert tag("Zelensky's stafchef Andri Jermak beweerde dat Moskou liegt.") == [
        ("beweerde", "Andriy Yermak", "asserts")
    ]


def test_a_reporting_clause_after_the_report(tag):
    assert tag("Er zijn duizenden doden, schat de VN.") == [("schat", "United Nations", "asserts")]
    assert tag("Thousands have died, the United Nations estimates.", language="en") == [
        ("estimates", "United Nations", "asserts")
    ]
    assert tag("Kyiv verwierp die lezing.") == [("verwierp", "Ukraine", "denies")]


def test_source_noun_phrases_passives_and_adjectival_participles(tag):
    # the source after "volgens" is its noun phrase, not a country further on
    assert tag("Er zijn volgens de grenswacht 5.000 Russen naar Kazachstan gegaan.") == [("volgens", None, "asserts")]
    assert tag("Many left after the mobilisation was announced.", language="en") == []
    assert tag("North Korea is reportedly preparing shells.", language="en") == [("reportedly", None, "asserts")]
    assert tag("De genoemde stad ligt aan de grens.") == []
    assert tag("The leaders promised to support Kyiv, Scholz said.", language="en") == [
        ("promised", None, "asserts"),
        ("said", "Olaf Scholz", "asserts"),
    ]


def test_volgens_stops_at_the_verb(tag):
    assert tag("Volgens Russische bloggers verloor het Russische leger veel man.") == [("Volgens", None, "asserts")]


def test_volgens_after_an_article(tag):
    assert tag("Op 10 juni was het volgens Oekraïne duidelijk dat de aanval mislukte.") == [
        ("volgens", "Ukraine", "asserts")
    ]


def test_cues_of_the_document_s_language_and_infinitives(tag):
    assert tag("De stress bij de troepen is groot, dat is duidelijk.") == []  # English "stress" is no Dutch cue
    assert tag("Ze vroegen inwoners om voertuigen te melden.") == []
    assert tag("Duitsland zegde voor het eerst wapens aan Oekraïne toe.") == [
        ("zegde voor het eerst wapens aan Oekraïne toe", "Germany", "asserts")
    ]


def test_separable_verbs_with_a_demonstrative_or_a_plural_subject(tag):
    assert tag("President Erdoğan maakte dat bekend na de top.") == [
        ("maakte dat bekend", "Recep Tayyip Erdoğan", "asserts")
    ]
    assert tag("Op de top zegden de bondgenoten Oekraïne een uitnodiging toe.") == [
        ("zegden de bondgenoten Oekraïne een uitnodiging toe", None, "asserts")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # announcing an action performs it; announcing that something is so reports it
        ("Op maandag kondigde Poetin een gedeeltelijke mobilisatie aan.", []),
        ("Een dag later werd door Poetin een nieuwe wet aangekondigd.", []),
        ("Zelensky kondigde aan dat de grens dicht blijft.", [("kondigde aan", "Volodymyr Zelensky", "asserts")]),
        # "it became known that" names nobody: no attribution
        ("Later werd bekend dat de brug was geraakt.", []),
        # verbs of concluding, proclaiming, complaining, pointing out, mentioning
        ("De VN concludeerden dat de aanval een oorlogsmisdaad was.", [("concludeerden", "United Nations", "asserts")]),
        ("Medvedev verkondigde dat het Westen zou verliezen.", [("verkondigde", "Dmitry Medvedev", "asserts")]),
        ("De inwoners klaagden over het gebrek aan water.", [("klaagden over", None, "asserts")]),
        ("Op 3 mei werd er melding gemaakt van explosies bij de haven.", [("melding gemaakt van", None, "asserts")]),
        ("Guterres wees op de gevolgen voor de voedselvoorziening.", [("wees op", "António Guterres", "asserts")]),
    ],
)
def test_what_counts_as_a_report(tag, text, expected):
    assert tag(text) == expected


def test_speakers_of_relative_clauses_armies_and_reported_pronouns(tag):
    # the antecedent of "die" speaks, not nobody
    assert tag("Hij sprak met Dmitri Peskov, die zei dat er geen plannen waren.") == [
        ("zei", "Dmitry Peskov", "asserts")
    ]
    # an army speaks as the state's armed forces
    assert tag("Het Oekraïense leger meldde dat de stad was heroverd.") == [
        ("meldde", "Armed Forces of Ukraine", "asserts")
    ]
    assert tag("de russische strijdkrachten meldden dat de brug was vernield.") == [
        ("meldden", "Russian Armed Forces", "asserts")
    ]
    assert tag("De Oekraïense autoriteiten meldden dat de stad was heroverd.") == [("meldden", "Ukraine", "asserts")]
    # a pronoun opening the reported clause is the reporter itself
    assert tag("Amnesty International meldde dat ze concludeerden dat de school een doelwit was.") == [
        ("meldde", "Amnesty International", "asserts"),
        ("concludeerden", "Amnesty International", "asserts"),
    ]
    # plural "zij" is no woman of the story
    assert tag("Merkel sprak over de crisis. Zij klaagden over de behandeling.") == [
        ("sprak over", "Angela Merkel", "asserts"),
        ("klaagden over", None, "asserts"),
    ]
