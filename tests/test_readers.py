"""Readers chosen by content as well as by extension; bad input named, never raised."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLES, SEED_NARRATIVE, SEED_NEWS
from kroniek.ingest.readers import IngestError, read_path
from kroniek.model import Document


def read_one(path: Path) -> Document | IngestError:
    items = list(read_path(path))
    assert len(items) == 1, items
    return items[0]


def test_seed_000_plain_text_with_date_line() -> None:
    doc = read_one(SEED_NEWS)
    assert isinstance(doc, Document)
    assert (doc.published, doc.date_precision) == ("2022-02", "month")
    assert doc.language == "nl" and doc.genre == "news"
    # The text is the file as decoded, header included, so offsets match any scorer's.
    assert doc.text == SEED_NEWS.read_text(encoding="utf-8")


def test_seed_004_json_string_is_a_narrative() -> None:
    doc = read_one(SEED_NARRATIVE)
    assert isinstance(doc, Document)
    assert doc.text == json.loads(SEED_NARRATIVE.read_text(encoding="utf-8"))
    assert doc.published is None and doc.genre == "narrative" and doc.language == "nl"


def test_jsonl_records_like_timeline17(shared_dir: Path) -> None:
    items = list(read_path(shared_dir / "eval/t17/MJ/articles.jsonl"))
    assert len(items) == 142
    docs = [d for d in items if isinstance(d, Document)]
    errors = [e for e in items if isinstance(e, IngestError)]
    # The corpus has a few records with empty text: each is named by its line.
    assert len(docs) > 130 and all("articles.jsonl:" in e.origin and "text" in e.message for e in errors)
    first = docs[0]
    assert isinstance(first, Document)
    assert first.published and first.date_precision == "day" and first.language == "en"
    assert first.origin and "#" in first.origin  # the record id is kept


def test_header_lines_give_source_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "report.md"  # the extension says nothing: the content decides
    path.write_text(" date 2022-02-24T07:30\n source Testkrant\n title Kop\n\nRusland valt aan. Kiev is getroffen.\n")
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert (doc.published, doc.source, doc.title) == ("2022-02-24", "Testkrant", "Kop")
    from kroniek.text.segment import Segmenter

    assert [s.text for s in Segmenter()(doc).sentences] == ["Rusland valt aan.", "Kiev is getroffen."]


def test_html_main_text_and_date_without_boilerplate() -> None:
    doc = read_one(SAMPLES / "noorderlicht-2022-02-25-navo-oostflank.html")
    assert isinstance(doc, Document)
    assert doc.published == "2022-02-25" and doc.language == "nl"
    assert "NAVO" in doc.text
    assert "cookie" not in doc.text.lower()  # page furniture is left out


def test_html_without_extension_is_sniffed(tmp_path: Path) -> None:
    page = (
        "<!doctype html><html><head><title>T</title>"
        '<meta property="article:published_time" content="2022-03-01T10:00:00+01:00"></head>'
        "<body><article><h1>Kop</h1><p>"
        + "De stad Charkov werd opnieuw beschoten door Russische troepen. "
        * 5
        + "</p><p>Volgens de burgemeester vielen er zeker tien doden bij de aanval op het centrum.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "page"
    path.write_text(page)
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.published == "2022-03-01" and "Charkov" in doc.text


def test_folder_is_read_recursively_and_skips_readme(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text(" date 2022-02-25\nDe aanval ging door in de nacht.")
    (tmp_path / "two.txt").write_text("Een tweede bericht over de oorlog in Oekraïne.")
    (tmp_path / "README.md").write_text("Not a report.")
    (tmp_path / ".hidden.txt").write_text("Hidden file.")
    docs = list(read_path(tmp_path))
    assert sorted(Path(d.origin or "").name for d in docs if isinstance(d, Document)) == ["one.txt", "two.txt"]


def test_bad_inputs_are_named_errors(tmp_path: Path) -> None:
    cases = {
        "empty.txt": b"",
        "blank.txt": b"   \n\n",
        "binary.bin": bytes(range(256)) * 4,
        "broken.json": b'{"text": "abc", ',
        "broken-string.txt": b'"unterminated string',
        "nothing.jsonl": b'{"id": 1, "time": "2022-02-24"}\n',
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    for name in cases:
        (error,) = list(read_path(tmp_path / name))
        assert isinstance(error, IngestError), name
        assert name in error.origin and error.message
    (missing,) = list(read_path(tmp_path / "missing.txt"))
    assert isinstance(missing, IngestError) and "no such file" in missing.message


def test_jsonl_with_one_broken_line_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a", "time": "2022-02-24", "text": "Eerste bericht over Kiev."}),
        "{broken",
        json.dumps({"id": "b", "time": "2022-02-25", "text": "Tweede bericht over Charkov."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["Document", "IngestError", "Document"]
    assert isinstance(items[1], IngestError) and items[1].origin.endswith("feed.jsonl:2")


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "oud.txt"
    path.write_bytes("Een bericht uit Oekraïne over de café-eigenaar.".encode("cp1252"))
    doc = read_one(path)
    assert isinstance(doc, Document) and "Oekraïne" in doc.text and "café" in doc.text
