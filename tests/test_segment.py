"""Sentence splitting on the real seeds, and on the cases they show."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import SEED_NEWS
from kroniek.ingest.readers import read_path
from kroniek.model import Document
from kroniek.text.segment import Segmenter, split_sentences


def segment(text: str) -> Document:
    return Segmenter()(Document(text=text))


def spans(text: str, lowercased: bool = True) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lowercased=lowercased)]


def test_seed_004_sentence_count_and_sections(seed_narrative_text: str) -> None:
    doc = segment(seed_narrative_text)
    assert 1700 <= len(doc.sentences) <= 1900
    sections = {s.section for s in doc.sentences}
    # Headings of every level become the section of the sentences under them, never sentences;
    # a heading followed at once by a subheading holds no sentence of its own.
    headings = re.findall(r"^(=+) *(.+?) *\1\n+(?![\n=])", seed_narrative_text, re.MULTILINE)
    assert len(headings) > 100
    assert {title for _level, title in headings} <= sections
    assert {"val van marioepol", "opstand wagnergroep", "zomeroffensief zuidfront"} <= sections
    assert not any(s.text.startswith("==") for s in doc.sentences)
    # Offsets point into the text as decoded.
    assert all(seed_narrative_text[s.start : s.end] == s.text for s in doc.sentences)


def test_seed_004_no_sentence_spans_a_glued_boundary(seed_narrative_text: str) -> None:
    # A glued boundary: a word, a full stop, and straight after it a word that starts sentences.
    starters = r"(de|het|een|op|in|na|er|hij|zij|ze|dit|deze|die|toen|tijdens|volgens|bij|met|rusland|oekraïne)"
    glued = [m.start() + 1 for m in re.finditer(rf"(?<=[a-zë]{{3}})\.{starters}\b", seed_narrative_text)]
    assert len(glued) > 100  # the seed really is glued
    doc = segment(seed_narrative_text)
    ends = {s.end for s in doc.sentences}
    starts = {s.start for s in doc.sentences}
    missed = [p for p in glued if p not in ends or p not in starts]
    assert missed == [], [seed_narrative_text[p - 40 : p + 40] for p in missed[:5]]


def test_glued_sentences_numbers_and_abbreviations() -> None:
    text = "de oorlog die sinds 2014 gaande is.de invasie begon. er vielen ruim 10.000 doden, o.a. in kiev."
    assert spans(text) == [
        "de oorlog die sinds 2014 gaande is.",
        "de invasie begon.",
        "er vielen ruim 10.000 doden, o.a. in kiev.",
    ]


def test_glued_after_a_number_with_thousands_dots() -> None:
    text = "er waren er meer dan 20.000.op 11 april volgde meer."
    assert spans(text) == ["er waren er meer dan 20.000.", "op 11 april volgde meer."]


def test_glued_after_year_and_quote() -> None:
    text = "dat gebeurde in 1991.op 24 februari volgde de 'vredesmissie'.daarna kwam de oorlog."
    assert spans(text) == [
        "dat gebeurde in 1991.",
        "op 24 februari volgde de 'vredesmissie'.",
        "daarna kwam de oorlog.",
    ]


def test_urls_and_initials_are_not_boundaries() -> None:
    text = "Meer op www.example.org en in het rapport van J. de Vries. Het volgende punt volgt."
    assert spans(text, lowercased=False) == [
        "Meer op www.example.org en in het rapport van J. de Vries.",
        "Het volgende punt volgt.",
    ]


def test_seed_000_headlines_sections_and_boilerplate() -> None:
    (doc,) = list(read_path(SEED_NEWS))
    Segmenter()(doc)
    # The header line is skipped; the first sentence starts right after the date.
    assert doc.sentences[0].text.startswith("In grote delen") and doc.sentences[0].start > 0
    assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
    flagged = [s.text for s in doc.sentences if s.boilerplate]
    assert any(text.startswith("Abonneer je") for text in flagged)
    assert any(text.startswith("Volg dit onderwerp") for text in flagged)
    content = doc.content_sentences
    assert not any("abonneer" in s.text.lower() or "volg dit onderwerp" in s.text.lower() for s in content)
    # The short headline lines are sections, not sentences.
    sections = [s.section for s in content if s.section]
    assert sections and all(not section.endswith(".") for section in sections)
    assert len({*sections}) >= 3
    assert len(content) >= 20


def test_non_content_sections_are_flagged(tmp_path: Path) -> None:
    doc = segment("== verloop ==\nde stad viel op 3 juli.\n\n== zie ook ==\nlijst van steden\n")
    assert [(s.text, s.boilerplate) for s in doc.sentences] == [
        ("de stad viel op 3 juli.", False),
        ("lijst van steden", True),
    ]
