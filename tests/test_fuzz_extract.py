"""Property-based tests of the extractors, through the pipeline: no text crashes a stage, and every
annotation points at the text it claims to cover.

Texts are generated from the pieces news reports are made of (dates, numbers, units, places,
quotes, headings, abbreviations), mixed with arbitrary Unicode. Prints its case count.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kroniek.model import Document
from kroniek.pipeline import Pipeline, available

FUZZ = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck), print_blob=True)
PIPELINE = Pipeline(tuple(available()))

PIECES = [
    # dates and times
    "24 februari 2022",
    "op 3 maart",
    "gisteren",
    "vorige week",
    "in de nacht van zaterdag op zondag",
    "om 04.30 uur",
    "sinds 2014",
    "begin april",
    "eind mei 2022",
    "1 januari",
    "2022-02-24",
    "24-02-2022",
    "de 21ste eeuw",
    "in de jaren negentig",
    "dit voorjaar",
    "maandag",
    "31 februari",
    "0 maart",
    "99 april 99999",
    # numbers and units
    "3,5 miljoen",
    "1.200",
    "ruim 40 procent",
    "368.000 vluchtelingen",
    "12 km",
    "€ 2 miljard",
    "$5bn",
    "-7",
    "tienduizenden",
    "½",
    "1e",
    "2de",
    "100 %",
    "10^9",
    "١٢٣",
    "Ⅻ",
    # places and actors
    "Kiev",
    "Kyiv",
    "Charkiv",
    "Marioepol",
    "Oekraïne",
    "Rusland",
    "Moskou",
    "Den Haag",
    "de Krim",
    "Donbas",
    "Poetin",
    "Zelensky",
    "de NAVO",
    "de VN",
    "het Kremlin",
    "de EU",
    "Biden",
    "Lavrov",
    "de Verenigde Staten",
    # claims and quotes
    "zei",
    "aldus",
    "volgens",
    "meldt",
    "verklaarde",
    "ontkent",
    "'",
    '"',
    "“",
    "”",
    "„",
    "«",
    "»",
    ":",
    "‘Wij geven niet op’, zei hij.",
    '"Dat is een leugen", aldus het ministerie.',
    # structure and punctuation
    "\n",
    "\n\n",
    "== Achtergrond ==",
    "Lees ook:",
    "(ANP)",
    "o.a.",
    "bijv.",
    "dr.",
    "mr.",
    "St.",
    "...",
    "?",
    "!",
    ";",
    "-",
    "–",
    "—",
    "/",
    "\t",
    " ",
    "  ",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "(",
    ")",
    "[",
    "]",
    ".",
]
pieces = st.sampled_from(PIECES)
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
texts = st.lists(pieces | words, min_size=1, max_size=40).map(" ".join) | st.text(max_size=300)


def run_stages(doc: Document) -> Document:
    """The pipeline, stage by stage, so that a crash names its stage."""
    for name, stage in zip(PIPELINE.names, PIPELINE.components, strict=True):
        try:
            doc = stage(doc)
        except Exception as exc:
            raise AssertionError(f"stage {name!r} crashed on {doc.text!r}: {type(exc).__name__}: {exc}") from exc
    return doc


def check_annotations(doc: Document) -> None:
    text = doc.text
    previous_end = 0
    for position, sent in enumerate(doc.sentences):
        assert sent.position == position
        assert 0 <= sent.start <= sent.end <= len(text) and text[sent.start : sent.end] == sent.text
        assert sent.start >= previous_end, "sentences overlap"
        previous_end = sent.end
        for timex in sent.timex:
            assert sent.start <= timex.start < timex.end <= sent.end, (timex, sent.text)
            assert text[timex.start : timex.end] == timex.text, (timex, text)
            assert timex.type in ("DATE", "TIME", "DURATION", "SET"), timex
            assert timex.value, timex
        for mention in sent.mentions:
            assert sent.start <= mention.start <= mention.end <= sent.end, (mention, sent.text)
            assert text[mention.start : mention.end] == mention.text, (mention, text)
            assert mention.kind, mention


def test_generated_texts_never_crash_an_extractor(capsys) -> None:  # type: ignore[no-untyped-def]
    count = 0

    @settings(FUZZ, max_examples=1000)
    @given(
        text=texts,
        published=st.none() | st.sampled_from(["2022-02-24", "2022-03", "2022", "1999-12-31", "2100-01-01"]),
        language=st.sampled_from(["nl", "en", None]),
    )
    def prop(text: str, published: str | None, language: str | None) -> None:
        nonlocal count
        count += 1
        doc = Document(text=text, published=published, language=language, genre="news" if published else "narrative")
        check_annotations(run_stages(doc))

    prop()
    with capsys.disabled():
        print(f"\n[fuzz] extractors {list(PIPELINE.names)}: {count} generated cases")
    assert count >= 800
    assert "sentences" in PIPELINE.names and len(PIPELINE.names) >= 2
