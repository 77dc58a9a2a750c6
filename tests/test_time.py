"""The time tagger: TIMEX3 spans, types and values in Dutch and English, anchoring, event dates."""

from __future__ import annotations

import pytest

from kroniek.extract.time import make_time_tagger, precision_of, tag
from kroniek.model import Document
from kroniek.pipeline import factory
from kroniek.text.segment import make_segmenter


def found(text: str, language: str | None = "nl", anchor: str | None = "2021-06-15", genre: str = "news"):
    return [(t.text, t.type, t.value) for t in tag(text, language=language, anchor=anchor, genre=genre)]


def first(text: str, **kwargs) -> tuple[str, str, str]:
    result = found(text, **kwargs)
    assert result, f"nothing found in {text!r}"
    return result[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De stembusgang was op 17 maart 2021 in het hele land.", ("17 maart 2021", "DATE", "2021-03-17")),
        ("Het decreet is gedateerd 05-11-2019.", ("05-11-2019", "DATE", "2019-11-05")),
        ("De brief kwam op 3/6 binnen.", ("3/6", "DATE", "2021-06-03")),
        ("In oktober 2019 viel het kabinet.", ("oktober 2019", "DATE", "2019-10")),
        ("Het verdrag dateert uit 1997.", ("1997", "DATE", "1997")),
        ("Dat gebeurde eind januari.", ("eind januari", "DATE", "2021-01")),
        ("De fabriek stamt uit de jaren 60.", ("de jaren 60", "DATE", "196")),
        ("De fabriek stamt uit de jaren zeventig.", ("de jaren zeventig", "DATE", "197")),
        ("De kerk werd in de 16e eeuw gebouwd.", ("de 16e eeuw", "DATE", "15")),
        ("De dijk brak in de zomer van 2019.", ("de zomer van 2019", "DATE", "2019-SU")),
        ("In de derde week van maart 2020 sloten de scholen.", ("de derde week van maart 2020", "DATE", "2020-W12")),
        ("Het vuur brak om 04.15 uur uit.", ("04.15 uur", "TIME", "2021-06-15T04:15")),
        ("De trein vertrok om 22:05.", ("22:05", "TIME", "2021-06-15T22:05")),
        ("Gisteren viel de stroom uit.", ("Gisteren", "DATE", "2021-06-14")),
        ("Vorige week werd het contract getekend.", ("Vorige week", "DATE", "2021-W23")),
        ("Vorig jaar kwam er een nieuwe wet.", ("Vorig jaar", "DATE", "2020")),
        ("Volgende maand begint de bouw.", ("Volgende maand", "DATE", "2021-07")),
        ("De staking duurde vier dagen.", ("vier dagen", "DURATION", "P4D")),
        ("Het overleg sleepte zich enkele maanden voort.", ("enkele maanden", "DURATION", "PXM")),
        ("De vergadering duurde urenlang.", ("urenlang", "DURATION", "PTXH")),
        ("De bus rijdt dagelijks naar de stad.", ("dagelijks", "SET", "P1D")),
        ("De krant verschijnt elke week.", ("elke week", "SET", "P1W")),
        ("Er vielen ongeveer tien doden per dag.", ("per dag", "SET", "P1D")),
        ("De 63-jarige burgemeester trad af.", ("63-jarige", "DURATION", "P63Y")),
        ("Zaterdag werd de markt geopend.", ("Zaterdag", "DATE", "2021-06-12")),
        ("'s Avonds werd het onrustig.", ("'s Avonds", "TIME", "2021-06-15TEV")),
        ("Vannacht brak er brand uit.", ("Vannacht", "TIME", "2021-06-15TNI")),
        ("Het eerste kwartaal van 2020 was slecht.", ("Het eerste kwartaal van 2020", "DATE", "2020-Q1")),
    ],
)
def test_dutch_categories(text: str, expected: tuple[str, str, str]) -> None:
    assert first(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote took place on March 17, 2021.", ("March 17, 2021", "DATE", "2021-03-17")),
        ("The vote took place on 17 March 2021.", ("17 March 2021", "DATE", "2021-03-17")),
        ("Flooding hit the city on Jan. 12 , 2010 , after days of rain .", ("Jan. 12 , 2010", "DATE", "2010-01-12")),
        ("The plant closed in October 2019.", ("October 2019", "DATE", "2019-10")),
        ("The mine was opened in the 1960s.", ("the 1960s", "DATE", "196")),
        ("The church was built in the 16th century.", ("the 16th century", "DATE", "15")),
        ("The dam broke in the summer of 2019.", ("the summer of 2019", "DATE", "2019-SU")),
        ("The fire started at 4:15 a.m.", ("4:15 a.m.", "TIME", "2021-06-15T04:15")),
        ("Power failed yesterday.", ("yesterday", "DATE", "2021-06-14")),
        ("The contract was signed last week.", ("last week", "DATE", "2021-W23")),
        ("The strike lasted four days.", ("four days", "DURATION", "P4D")),
        ("Talks dragged on for several months.", ("several months", "DURATION", "PXM")),
        ("The bus runs daily.", ("daily", "SET", "P1D")),
        ("The market opened on Saturday.", ("Saturday", "DATE", "2021-06-12")),
        ("The deal was struck two years ago.", ("two years ago", "DATE", "2019")),
        ("The mayor resigned early last month.", ("last month", "DATE", "2021-05")),
    ],
)
def test_english_categories(text: str, expected: tuple[str, str, str]) -> None:
    assert first(text, language="en") == expected


def test_ranges_are_two_endpoints() -> None:
    assert found("De top vond plaats van 17 tot 21 februari 2020.") == [
        ("17", "DATE", "2020-02-17"),
        ("21 februari 2020", "DATE", "2020-02-21"),
    ]
    assert found("De tentoonstelling liep van 2 maart – 9 mei 2019.") == [
        ("2 maart", "DATE", "2019-03-02"),
        ("9 mei 2019", "DATE", "2019-05-09"),
    ]
    assert found("Het stormde in de nacht van 8 op 9 januari 2018.") == [
        ("8", "DATE", "2018-01-08"),
        ("9 januari 2018", "DATE", "2018-01-09"),
    ]


def test_lowercased_and_cased_text_agree() -> None:
    cased = "Op Dinsdag 2 Maart 2021 sloot de grens. Twee Dagen Later ging hij weer open."
    assert [v for _, _, v in found(cased)] == [v for _, _, v in found(cased.lower())]
    assert [v for _, _, v in found(cased)] == ["2021-03-02", "2021-03-04"]


def test_narrative_carries_the_reference_time_forward() -> None:
    text = (
        "de brug werd op 3 april 1944 opgeblazen. de volgende dag trokken de troepen verder. "
        "op 9 mei volgde de capitulatie. die dag werd gevierd. vorig jaar was het nog rustig."
    )
    values = [v for _, _, v in found(text, anchor=None, genre="narrative")]
    assert values == ["1944-04-03", "1944-04-04", "1944-05-09", "1944-05-09", "1943"]


def test_news_resolves_deictic_words_against_the_publication_date() -> None:
    text = "Op 3 april 1944 werd de brug opgeblazen. Gisteren werd de nieuwe brug geopend."
    values = [v for _, _, v in found(text, anchor="2021-06-15", genre="news")]
    assert values == ["1944-04-03", "2021-06-14"]


def test_relative_offsets_and_event_anchors() -> None:
    text = (
        "de kerncentrale werd op 26 april 1986 getroffen door een ontploffing. "
        "twee weken later werd de stad ontruimd. achttien maanden na de ontploffing keerden de eerste bewoners terug."
    )
    result = found(text, anchor=None, genre="narrative")
    assert ("twee weken later", "DATE", "1986-W19") in result
    assert ("achttien maanden", "DATE", "1987-10") in result
    counted = found(
        "de staking begon op 3 mei 1988. op de tweede dag van de staking kwam de politie. later op de dag werd het stil.",
        anchor=None,
        genre="narrative",
    )
    assert counted[1:] == [("de tweede dag", "DATE", "1988-05-04"), ("de dag", "DATE", "1988-05-04")]


def test_week_and_season_and_part_of_day_in_narrative() -> None:
    text = (
        "de opstand begon op 6 juli 2019. aan het einde van de middag werd het plein ontruimd. "
        "in de tweede week van augustus kwam er een bestand. het najaar bracht nieuwe onrust."
    )
    result = found(text, anchor=None, genre="narrative")
    assert ("het einde van de middag", "TIME", "2019-07-06TAF") in result
    assert ("de tweede week van augustus", "DATE", "2019-W32") in result
    assert ("het najaar", "DATE", "2019-FA") in result


def test_weekday_night_in_news_with_a_month_anchor() -> None:
    text = "Op 24 februari 2022 begon de aanval. In de nacht van woensdag op donderdag vielen de eerste raketten."
    result = found(text, anchor="2022-02", genre="news")
    assert ("de nacht van woensdag op donderdag", "TIME", "2022-02-23TNI") in result
    # Without a day to count from, the weekday stays underspecified within the month.
    assert found("Woensdag vielen de eerste raketten.", anchor="2022-02") == [("Woensdag", "DATE", "2022-02-WXX-3")]


def test_numbers_that_are_no_years() -> None:
    assert found("Het spoor is 1067 mm breed en er zijn 2000 soldaten.", anchor=None) == []
    assert found("Meer dan 1500 mensen vluchtten.", anchor=None) == []


def test_vague_words_are_not_marked() -> None:
    assert found("Toen werd het later en sindsdien is het inmiddels stil.") == []


def test_component_fills_timex_event_date_and_precision() -> None:
    text = (
        "== Verloop ==\nDe stad werd op 3 maart 2020 ingenomen. De burgemeester vluchtte. "
        "Het gebied is bergachtig.\n== Nasleep (mei 2021) ==\nEr werden verkiezingen gehouden."
    )
    doc = Document(text=text, genre="narrative", language="nl")
    doc = factory("time").make()(make_segmenter()(doc))
    events = [(s.text, s.event_date, s.event_precision) for s in doc.sentences]
    assert events == [
        ("De stad werd op 3 maart 2020 ingenomen.", "2020-03-03", "day"),
        ("De burgemeester vluchtte.", "2020-03-03", "day"),
        ("Het gebied is bergachtig.", None, None),
        ("Er werden verkiezingen gehouden.", "2021-05", "month"),
    ]
    span = doc.sentences[0].timex[0]
    assert doc.text[span.start : span.end] == "3 maart 2020"


def test_news_sentences_without_a_date_take_the_publication_date() -> None:
    doc = Document(text="De minister trad af. Het land is bergachtig.", genre="news", published="2022-02-24")
    doc = make_time_tagger()(make_segmenter()(doc))
    assert [s.event_date for s in doc.sentences] == ["2022-02-24", None]


def test_precision_of_values() -> None:
    assert [precision_of(v) for v in ["2022-02-24", "2022-02", "2022", "2023-W19", "2023-SU", "199", "19"]] == [
        "day",
        "month",
        "year",
        "week",
        "season",
        "decade",
        "century",
    ]
    assert precision_of("2022-02-24TNI") == "time"
    assert precision_of(None) is None


def test_english_narrative_and_lowercased_text() -> None:
    text = (
        "the bridge was blown up on april 3 , 1944 . the next day the troops moved on . "
        "two weeks later the town fell . that evening the bells rang . in the spring of 1945 the war ended ."
    )
    result = found(text, language="en", anchor=None, genre="narrative")
    assert result == [
        ("april 3 , 1944", "DATE", "1944-04-03"),
        ("the next day", "DATE", "1944-04-04"),
        ("two weeks later", "DATE", "1944-W16"),
        ("that evening", "TIME", "1944-04-18TEV"),
        ("the spring of 1945", "DATE", "1945-SP"),
    ]


def test_english_words_that_only_look_like_months_or_seasons() -> None:
    assert found("Protesters may march to the square before the fall of the regime.", language="en") == []
    assert found("They may return in May 2021.", language="en") == [("May 2021", "DATE", "2021-05")]


def test_tag_reads_wiki_headings_as_context() -> None:
    text = "== verloop ==\nde stad viel op 3 maart 2020.\n== nasleep (mei 2021) ==\nop 5 juni was er een verkiezing."
    assert found(text, anchor=None, genre="narrative") == [
        ("3 maart 2020", "DATE", "2020-03-03"),
        ("5 juni", "DATE", "2021-06-05"),
    ]


# --- round 2: rules that must hold on text the dev gold never saw -------------------------------


def test_yearless_date_in_a_narrative_takes_the_story_year_not_a_flashback_year() -> None:
    # A bare year from an earlier sentence that lies before the story's date is background.
    text = (
        "de staking begon op 12 maart 2019. de bond had in 2018 al gedreigd. "
        "nadat de directie op 10 maart was weggelopen, escaleerde het conflict."
    )
    assert ("10 maart", "DATE", "2019-03-10") in found(text, anchor=None, genre="narrative")
    # A bare year in the same sentence does count, and so does a later one.
    assert ("18 maart", "DATE", "2014-03-18") in found(
        "de oorlog begon op 24 februari 2022. in 2014 werd op 18 maart de krim ingelijfd.",
        anchor=None,
        genre="narrative",
    )
    assert ("5 mei", "DATE", "2020-05-05") in found(
        "het verdrag kwam op 3 april 2019. in 2020 volgde op 5 mei een tweede.", anchor=None, genre="narrative"
    )
    # Half a year back from the story's month is read forward: the story went on.
    assert ("3 January", "DATE", "2020-01-03") in found(
        "The talks began on 20 November 2019. On 3 January the parties met again.",
        language="en",
        anchor=None,
        genre="narrative",
    )


def test_yearless_date_in_news_follows_the_tense_of_its_own_clause() -> None:
    assert found("Op 28 december werd de stad beschoten.", anchor="2023-01-12") == [
        ("28 december", "DATE", "2022-12-28")
    ]
    assert found("officials said the town had been shelled on 28 december.", language="en", anchor="2023-01-12") == [
        ("28 december", "DATE", "2022-12-28")
    ]
    # A future clause looks ahead; a future word in another clause does not.
    assert found("De top zal op 5 januari beginnen.", anchor="2022-12-20") == [("5 januari", "DATE", "2023-01-05")]
    assert found("Hij vertrok maandag, zodat hij volgende maand kan beginnen.", anchor="2023-06-10")[0] == (
        "maandag",
        "DATE",
        "2023-06-05",
    )


def test_weekday_in_news_follows_the_tense_of_its_clause() -> None:
    # Saturday 10 June 2023: past tense looks back, the present (of plans) forward.
    assert first("De conferentie begon maandag.", anchor="2023-06-10") == ("maandag", "DATE", "2023-06-05")
    assert found("De tweedaagse conferentie begint maandag.", anchor="2023-06-10")[1] == (
        "maandag",
        "DATE",
        "2023-06-12",
    )
    assert first("the talks begin on monday.", language="en", anchor="2023-06-10") == ("monday", "DATE", "2023-06-12")
    assert first("On Thursday, Russian troops launched an assault.", language="en", anchor="2023-02-24") == (
        "Thursday",
        "DATE",
        "2023-02-23",
    )


def test_previous_and_next_week_with_a_weekday_count_iso_weeks() -> None:
    # Saturday 10 June 2023 lies in the week of Monday 5 June.
    assert first("Vorige week maandag werd het verdrag getekend.", anchor="2023-06-10") == (
        "Vorige week maandag",
        "DATE",
        "2023-05-29",
    )
    assert first("volgende week dinsdag komt de raad bijeen.", anchor="2023-06-10") == (
        "volgende week dinsdag",
        "DATE",
        "2023-06-13",
    )
    assert first("The treaty was signed last Monday.", language="en", anchor="2023-06-10")[2] == "2023-06-05"


def test_part_of_a_named_day_is_a_time() -> None:
    # TimeML: the part of day on that day. "de nacht van 3 op 4 maart" stays two dates (a range).
    assert first("De brand werd in de vroege ochtend van 4 maart 2022 geblust.", anchor=None, genre="narrative") == (
        "de vroege ochtend van 4 maart 2022",
        "TIME",
        "2022-03-04TMO",
    )
    assert first("de terugtocht begon in de avond van 16 februari.", anchor="2024-02-23") == (
        "de avond van 16 februari",
        "TIME",
        "2024-02-16TEV",
    )
    assert first("The shelling went on through the night of 9 March 2022.", language="en", anchor=None) == (
        "the night of 9 March 2022",
        "TIME",
        "2022-03-09TNI",
    )
    assert [v for _, _, v in found("in de nacht van 3 op 4 maart 2022 viel de stad.", anchor=None)] == [
        "2022-03-03",
        "2022-03-04",
    ]
    text = "Op dinsdag 6 juni 2023 brak de dam. In de vroege ochtend stroomde het water weg."
    assert ("de vroege ochtend", "TIME", "2023-06-06TMO") in found(text, anchor=None, genre="narrative")
    assert ("the early morning", "TIME", "2023-02-23TMO") in found(
        "On Thursday the attack began in the early morning.", language="en", anchor="2023-02-24"
    )


def test_numbers_after_a_date_are_no_year_when_a_unit_follows() -> None:
    assert found("Vanaf 1 september 1000 km² werd heroverd.", anchor="2022-10-01") == [
        ("1 september", "DATE", "2022-09-01")
    ]
    assert found("op 5 mei 1948 soldaten gevangen.", anchor=None, genre="narrative") == [
        ("5 mei", "DATE", "XXXX-05-05")
    ]
    assert found("Op 5 mei 1948 werd de staat uitgeroepen.", anchor=None)[0] == ("5 mei 1948", "DATE", "1948-05-05")


def test_duration_adjectives_fractions_and_ranges() -> None:
    assert found("De vijfdaagse top volgde op een 3-daagse reis van de 43-jarige minister.") == [
        ("vijfdaagse", "DURATION", "P5D"),
        ("3-daagse", "DURATION", "P3D"),
        ("43-jarige", "DURATION", "P43Y"),
    ]
    assert found("A 10-day truce for a three-year-old.", language="en") == [
        ("10-day", "DURATION", "P10D"),
        ("three-year-old", "DURATION", "P3Y"),
    ]
    assert found("de slag duurde drieënhalve maand.") == [("drieënhalve maand", "DURATION", "P3.5M")]
    assert found("The siege lasted two and a half years.", language="en") == [
        ("two and a half years", "DURATION", "P30M")
    ]
    assert found("Mannen tussen de 18 en 60 jaar moeten blijven.") == [
        ("18", "DURATION", "P18Y"),
        ("60 jaar", "DURATION", "P60Y"),
    ]
    assert found("training takes five to six weeks.", language="en") == [
        ("five", "DURATION", "P5W"),
        ("six weeks", "DURATION", "P6W"),
    ]


def test_weekend_and_parts_of_the_year() -> None:
    # Thursday 12 January 2023: the weekend before it in a past clause, the coming one otherwise.
    assert first("Fighting intensified over the weekend.", language="en", anchor="2023-01-12") == (
        "the weekend",
        "DATE",
        "2023-W01-WE",
    )
    assert first("De top is gepland in het weekend.", anchor="2023-01-12")[2] == "2023-W02-WE"
    assert first("The war has cost many lives since the start of the year.", language="en", anchor="2023-02-24") == (
        "the start of the year",
        "DATE",
        "2023",
    )
    assert first("aan het einde van de maand was de stad leeg.", anchor="2023-02-24") == (
        "het einde van de maand",
        "DATE",
        "2023-02",
    )


def test_a_unit_before_or_after_a_dated_event() -> None:
    text = (
        "Sinds de invasie op 24 februari 2022 zijn duizenden burgers gedood. "
        "In het jaar voorafgaand aan de invasie groeide de economie."
    )
    assert ("het jaar voorafgaand aan de invasie", "DATE", "2021") in found(text, anchor="2024-02-23")
    text = "the vote was held on 5 may 2019. the day after the vote the president resigned."
    assert ("the day after the vote", "DATE", "2019-05-06") in found(
        text, language="en", anchor=None, genre="narrative"
    )
    # An event the text did not date gives no value to guess from.
    assert found("Het jaar voor de oorlog was rustig.", anchor="2024-02-23") == []


def test_ago_then_a_finer_date_dates_the_sentence() -> None:
    doc = Document(
        text="Twee jaar geleden, in juni 2021, woonden er nog 70.000 mensen.", genre="news", published="2023-06-10"
    )
    doc = make_time_tagger()(make_segmenter()(doc))
    assert [(t.text, t.value) for t in doc.sentences[0].timex] == [
        ("Twee jaar geleden", "2021"),
        ("juni 2021", "2021-06"),
    ]
    assert doc.sentences[0].event_date == "2021-06"


# --- event dates: the main event of a sentence, and when a sentence has none --------------------


def events(text: str, *, genre: str = "news", published: str | None = None, language: str = "nl") -> list:
    doc = Document(text=text, genre=genre, published=published, language=language)
    doc = make_time_tagger()(make_segmenter()(doc))
    return [s.event_date for s in doc.sentences]


def test_news_sentence_without_a_date_continues_the_development_of_its_paragraph() -> None:
    text = (
        "Het leger heeft donderdag twee dorpen heroverd. Daarbij werden dertig militairen gevangengenomen. "
        "Het ministerie stelt dat de aanvallen zijn afgeslagen.\n"
        "De minister trad af. Het land is bergachtig."
    )
    # Saturday 10 June 2023. A present main clause speaks as of the report; a new paragraph starts afresh.
    assert events(text, published="2023-06-10") == ["2023-06-08", "2023-06-08", "2023-06-10", "2023-06-10", None]
    text = (
        "Russian forces claimed on Wednesday to have captured the town. Ukraine denied the claim. "
        "Kyiv has been asking for tanks since the summer. The war has cost many lives since the start of the year."
    )
    assert events(text, published="2023-01-12", language="en") == ["2023-01-11", "2023-01-11", None, "2023-01-12"]


def test_narrative_past_states_and_pluperfects_take_the_story_date_habits_and_plans_none() -> None:
    # The dev annotators' convention (../shared/eval/timex-dev.jsonl): in a narrative a past state and a
    # pluperfect stand at the date the story carries (a previous round left them undated); a habit, a
    # state that stopped, a modal, a plan and a present state have no date.
    text = (
        "op 6 september 2022 meldde de commissie dat er maatregelen nodig waren. "
        "de verenigde naties riepen op tot een bestand. "  # an event: the story's date
        "de teams meldden dagelijks aanvallen. "  # a habit
        "de concentratie van troepen was hard gegroeid. "  # a pluperfect: the story's date
        "de stad lag grotendeels in puin. "  # a past state: the story's date
        "de waterleiding werkte niet meer. "  # a state that stopped
        "hoewel de president, een oud-generaal, een goede band had met het leger, kon hij het plan niet steunen. "
        "volgens de televisie zou het leger van plan zijn de stad aan te vallen. "  # a possibility
        "de rivier is breed. "  # a present state
        "de inspecteurs vroegen toegang tot de centrale. "
        "er waren de afgelopen week duizend mensen gevlucht."  # a pluperfect over a stretch: its month
    )
    assert events(text, genre="narrative") == [
        "2022-09-06",
        "2022-09-06",
        None,
        "2022-09-06",
        "2022-09-06",
        None,
        None,
        None,
        None,
        "2022-09-06",
        "2022-09",
    ]
    english = (
        "On 6 September 2022 the commission reported damage. The teams reported attacks daily. The inspectors left."
    )
    assert events(english, genre="narrative", language="en") == ["2022-09-06", None, "2022-09-06"]
    # News keeps its own rules: a state and a pluperfect without a date of their own have none.
    news = "Het leger heeft donderdag twee dorpen heroverd. De stad lag in puin. De troepen waren al teruggetrokken."
    assert events(news, published="2023-06-10") == ["2023-06-08", None, None]


def test_narrative_state_since_a_date_is_dated_by_its_beginning() -> None:
    # "sinds X" opens a state that still holds: in a chronicle its beginning is what happened then;
    # news keeps a background "since" undated (test above), and a past event after "sinds" keeps its own rules.
    text = (
        "op 2 maart 2022 werd de haven gesloten. "
        "sinds april 2023 weigert de regering de schepen toegang. "
        "de rivier is breed."
    )
    assert events(text, genre="narrative") == ["2022-03-02", "2023-04", None]


def test_narrative_sentence_about_the_opening_event_takes_its_date() -> None:
    text = (
        "de staking van de havenarbeiders begon op 3 mei 1988.\n"
        "in 1990 kwam er een nieuwe wet.\n"
        "de staking werd breed gesteund. veel bedrijven stelden hun leveringen uit."
    )
    assert events(text, genre="narrative") == ["1988-05-03", "1990", "1988-05-03", "1988-05-03"]


def test_undated_thematic_section_dates_its_events_at_the_main_date() -> None:
    # Dev convention: a section whose heading has no date gives its past events the text's main date (a
    # previous round left them undated); its general states stay undated until a sentence there gives a date.
    text = (
        "De oorlog begon op 24 februari 2022.\n== Bewapening ==\nHet leger was uitgerust met oude tanks. "
        "De troepen maakten gebruik van drones. Op 3 maart 2022 kwamen er nieuwe wapens aan. Ze werden meteen ingezet. "
        "De voorraad was toen groot."
    )
    assert events(text, genre="narrative") == [
        "2022-02-24",
        None,
        "2022-02-24",
        "2022-03-03",
        "2022-03-03",
        "2022-03-03",
    ]


def test_attributive_dates_named_events_and_that_moment() -> None:
    # "de crisis van 1993" dates the crisis, not the sentence; the later "in 1994" does.
    text = "de crisis van 1993 en de oorlog in 1994 zorgden voor onrust."
    assert events(text, genre="narrative") == ["1994"]
    # A date given where an event is named dates it for later mentions, anywhere in a sentence.
    text = (
        "Poetin noemde de aanvallen een vergelding voor de explosie op de brug van zaterdag 8 oktober. "
        "De brug werd in 2018 geopend. Het verkeer werd na de explosie enkele uren stilgelegd."
    )
    assert events(text, published="2022-10-11")[2] == "2022-10-08"
    # "op dat moment": the story's time, whatever the verb.
    text = "op 12 maart 2022 waren twee miljoen mensen gevlucht. volgens de vn waren er op dat moment veel vertrokken."
    assert events(text, genre="narrative") == ["2022-03-12", "2022-03-12"]


def test_quoted_words_and_present_reporting_verbs() -> None:
    # A quotation's future is not the narrator's plan: the story moves on to 1990.
    text = (
        "in 1989 viel de muur. de minister sprak in 1990 de woorden: 'de navo zal niet uitbreiden', en dat gold toen. "
        "de sovjet-unie ging akkoord."
    )
    assert events(text, genre="narrative")[-1] == "1990"
    text = "On Wednesday Russia announced the withdrawal. Officials believe 30,000 troops were moved."
    assert events(text, published="2022-11-12", language="en") == ["2022-11-09", "2022-11-12"]


def test_english_news_datelines_relative_clauses_negation_and_perfects() -> None:
    text = (
        "GENEVA | Thu Mar 10 , 2011 6:19 am EST GENEVA - Libya has descended into civil war , the Red Cross said .\n"
        "He said he had no reports on the city , which changed hands twice during the day on Wednesday .\n"
        "Officials did not confirm the proposal on Monday , but on Tuesday a spokesman confirmed it .\n"
        "A spokesman told Reuters the talks would go on .\n"
        "Gaddafi has vowed to fight on ."
    )
    # A sentence on each line: the lines are no paragraphs, the story runs on.
    assert events(text, published="2011-03-10", language="en") == [
        "2011-03-10",  # a time stamp in the dateline is the report's, not the event's time
        "2011-03-10",  # Wednesday belongs to the relative clause
        "2011-03-08",  # what did happen, not what did not
        "2011-03-08",
        "2011-03-10",  # a present perfect speaks as of the report
    ]


def test_prefixed_strong_pasts_negated_events_and_reported_plans() -> None:
    text = (
        "op 1 oktober 2022 werd de stad heroverd. ook bij de rivier verschoof het front oostwaarts. "
        "het leger stuurde geen versterkingen, maar leek het zuiden te versterken. "
        "op 1 februari 2023 meldde een woordvoerder dat poetin de verovering zou hebben bevolen. "
        "hiervoor werden extra troepen ingezet."
    )
    assert events(text, genre="narrative") == ["2022-10-01", "2022-10-01", None, "2023-02-01", "2023-02-01"]
    # A failure did happen.
    assert events(
        "op 3 maart 2022 viel het leger aan. het slaagde er niet in de stad in te nemen.", genre="narrative"
    ) == [
        "2022-03-03",
        "2022-03-03",
    ]
    text = "Officials have not commented on the plan , but his son told a channel that it was real ."
    assert events(text, published="2011-03-08", language="en") == ["2011-03-08"]


def test_present_speech_acts_in_news_and_perfects_in_narrative() -> None:
    text = (
        "de dam is dinsdagochtend vernield. het water steeg daarna snel. rusland ontkent dat. "
        "westerse analisten verwachten een nieuw offensief."
    )
    # Wednesday 7 June 2023: a denial is made as of the report; an expectation is a state of mind.
    assert events(text, published="2023-06-07") == ["2023-06-06TMO", "2023-06-06TMO", "2023-06-07", None]
    text = "Bucha was retaken on 1 April 2022. Since then, the name Bucha has become a symbol of the war."
    assert events(text, genre="narrative", language="en") == ["2022-04-01", None]


def test_english_day_words_in_a_dutch_text_are_names() -> None:
    assert found("De zender Russia Today werd verboden.", anchor="2022-03-02") == []
    assert found("The channel went off air today.", language="en", anchor="2022-03-02") == [
        ("today", "DATE", "2022-03-02")
    ]


def test_vague_stretches_next_to_the_story() -> None:
    assert found("In de weken daarvoor was het rustig, en dat blijft nog jaren zo.") == [
        ("de weken daarvoor", "DURATION", "PXW"),
        ("jaren", "DURATION", "PXY"),
    ]
    assert found("in the days that followed, it rained. the weeks before the vote were calm.", language="en") == [
        ("the days that followed", "DURATION", "PXD")
    ]


def test_names_abilities_and_non_events() -> None:
    assert found("Volgens The Sunday Times gaf de regering toestemming.", anchor="2022-12-14") == []
    assert found("The Sunday Times reported it on Sunday.", language="en", anchor="2022-12-14") == [
        ("Sunday", "DATE", "2022-12-11")
    ]
    text = (
        "op 5 december 2022 waren er luchtaanvallen. de aanval werd noch bevestigd noch ontkend. "
        "na een inschatting konden de systemen snel verplaatst worden. het leger verstoorde de signalen."
    )
    assert events(text, genre="narrative") == ["2022-12-05", None, None, "2022-12-05"]
    # Friday 15 March 2024: a request is made as of the report.
    assert events("Hij vraagt opnieuw om meer luchtafweer.", published="2024-03-15") == ["2024-03-15"]
