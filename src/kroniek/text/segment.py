"""Sentence splitting that copes with real, messy reports.

Handles what the seeds show: sentences glued without a space ("gaande is.de invasie"),
numbers and abbreviations with dots ("10.000", "o.a.", "nr.2"), wiki headings
("== kop ==", kept as the section of the sentences under them), short headline
lines in plain text, and page boilerplate (flagged, never dropped, so offsets stay honest).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kroniek.model import Document, Sentence
from kroniek.pipeline import component
from kroniek.text.boilerplate import is_boilerplate, is_non_content_section
from kroniek.text.header import parse_header

ABBREVIATIONS = frozenset(
    """
    o.a e.a e.d m.a.w d.w.z bijv bv b.v enz etc ca nr nrs mr dr drs prof ir ing st jl j.l jhr mevr
    dhr mw hr resp incl excl t.a.v i.v.m zgn z.g m.b.t n.a.v a.s blz p pp cf e.g i.e mrs ms jr
    sr gen lt col sgt capt gov sen rep inc ltd co vol fig approx jan feb mrt apr jun jul aug sep
    sept okt oct nov dec u.s u.k u.n e.u a.m p.m
    """.split()  # noqa: SIM905 - a word list reads best as words
)

_WIKI_HEADING = re.compile(r"^\s*(={2,6})\s*(.+?)\s*\1\s*$")
# Sentence-final punctuation, with the closing quotes or brackets that follow it.
_END = re.compile(r"[.!?…]+[\"'’”»)\]]*")
_CLOSERS = "\"'’”»)]"
_DOTTED_NUMBER = re.compile(r"\d{1,3}(\.\d{3})+")
_OPENERS = "([\"'‘“«"


def _left_token(text: str, end: int) -> str:
    """The token that ends at ``end`` (exclusive), without opening brackets or quotes."""
    start = end
    while start > 0 and not text[start - 1].isspace() and end - start < 60:
        start -= 1
    return text[start:end].lstrip(_OPENERS)


def _is_abbreviation(token: str) -> bool:
    word = token.rstrip(".").lower().strip(_CLOSERS)
    if not word:
        return True
    if word in ABBREVIATIONS:
        return True
    # Initials and dotted abbreviations: "v", "o.a", "d.w.z".
    return (
        bool(re.fullmatch(r"(\w\.)*\w", word))
        and len(word.replace(".", "")) <= 1
        or bool(re.fullmatch(r"(\w\.)+\w", word) and all(len(p) == 1 for p in word.split(".")))
    )


def _looks_like_address(text: str, dot: int) -> bool:
    """A dot inside a URL, an e-mail address or a file name is no sentence end."""
    start = dot
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = dot
    while end < len(text) and not text[end].isspace():
        end += 1
    chunk = text[start:end].lower()
    return "/" in chunk or "@" in chunk or chunk.startswith("www") or chunk.startswith("http")


def split_sentences(
    text: str, start: int = 0, end: int | None = None, lowercased: bool = False
) -> Iterator[tuple[int, int]]:
    """Yield (start, end) spans of the sentences in ``text[start:end]``, stripped of white space."""
    end = len(text) if end is None else end
    sent_start = start
    for match in _END.finditer(text, start, end):
        stop = match.end()
        punct = text[match.start()]
        nxt = text[stop] if stop < end else ""
        if not nxt:
            continue  # the end of the span closes the last sentence anyway
        if nxt.isspace():
            following = text[stop:end].lstrip()
            if not following:
                continue
            head = following[0]
            if punct == "." and _is_abbreviation(_left_token(text, match.start())):
                continue
            ellipsis = punct == "…" or text[match.start() : match.end()].startswith("..")
            if ellipsis and head.islower():
                continue
            if not lowercased and head.islower():
                continue  # in cased text a lowercase word after a dot continues the sentence
        elif nxt.isalpha():
            # Glued: "gaande is.de invasie", "in 1991.op", "'vredesmissie'.op".
            left = _left_token(text, match.start()).strip(_CLOSERS)
            number = bool(_DOTTED_NUMBER.fullmatch(left))  # "20.000.op 11 april": a number ends it
            if punct == "." and not number and (_is_abbreviation(left) or len(left) < 2 or "." in left):
                continue
            if not (left[-1:].isalnum()):
                continue
            if _looks_like_address(text, match.start()):
                continue
        else:
            continue  # "10.000", "3.5", "nr.2", ".,"
        yield from _strip(text, sent_start, stop)
        sent_start = stop
    yield from _strip(text, sent_start, end)


def _strip(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def _is_plain_heading(line: str, next_line: str | None) -> bool:
    """A short line without final punctuation above a paragraph: a headline in plain text."""
    stripped = line.strip()
    if not stripped or not stripped[0].isupper() or next_line is None:
        return False
    if stripped[-1] in ".!?:;,\"'”’)" or len(stripped) > 90 or len(stripped.split()) > 14:
        return False
    return len(next_line.strip()) > len(stripped)


def _lines(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    pos = start
    for line in text[start:].split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


class Segmenter:
    """Splits ``doc.text`` into ``doc.sentences`` with sections and boilerplate flags."""

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        letters = [ch for ch in text[:20000] if ch.isalpha()]
        lowercased = bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) < 0.002
        _meta, body_start = parse_header(text)
        lines = [(s, e) for s, e in _lines(text, body_start) if text[s:e].strip()]
        sentences: list[Sentence] = []
        section: str | None = None
        skip_section = False
        for i, (line_start, line_end) in enumerate(lines):
            line = text[line_start:line_end]
            heading = _WIKI_HEADING.match(line)
            if heading:
                section = heading.group(2)
                skip_section = is_non_content_section(section)
                continue
            next_line = text[lines[i + 1][0] : lines[i + 1][1]] if i + 1 < len(lines) else None
            if not lowercased and not is_boilerplate(line) and _is_plain_heading(line, next_line):
                section = line.strip()
                skip_section = is_non_content_section(section)
                continue
            paragraph = []
            for s, e in split_sentences(text, line_start, line_end, lowercased=lowercased):
                sent_text = text[s:e]
                flagged = skip_section or is_boilerplate(sent_text)
                paragraph.append(Sentence(start=s, end=e, text=sent_text, section=section, boilerplate=flagged))
            # A paragraph that is mostly page furniture is furniture as a whole.
            flagged_count = sum(s.boilerplate for s in paragraph)
            if flagged_count and flagged_count * 2 >= len(paragraph):
                for sent in paragraph:
                    sent.boilerplate = True
            sentences.extend(paragraph)
        for position, sent in enumerate(sentences):
            sent.position = position
        doc.sentences = sentences
        return doc


@component("sentences", assigns=["doc.sentences"])
def make_segmenter() -> Segmenter:
    return Segmenter()
