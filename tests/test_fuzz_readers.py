"""Property-based tests of the readers: no input crashes them, every failure names its input,
and whatever they produce can be stored without harming what is stored already.

Each test prints how many generated cases it ran (``[fuzz] ...``) for the project's notes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BACKENDS, SAMPLES, _pg_reset
from kroniek.ingest import Ingestor, IngestReport
from kroniek.ingest.html import strip_tags
from kroniek.ingest.readers import IngestError, read_bytes, read_path, safe_url
from kroniek.model import Document
from kroniek.pipeline import Pipeline
from kroniek.store import open_store

FUZZ = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck), print_blob=True)
SUFFIXES = ["", ".txt", ".json", ".jsonl", ".html", ".htm", ".rss", ".atom", ".xml", ".md", ".bin"]
SAMPLE_BYTES = sorted(p.read_bytes() for p in SAMPLES.iterdir() if p.is_file() and p.name != "README.md")


def report_cases(capsys: pytest.CaptureFixture[str], name: str, count: int, minimum: int) -> None:
    """Print the number of generated cases; fail if far fewer ran than configured."""
    with capsys.disabled():
        print(f"\n[fuzz] {name}: {count} generated cases")
    assert count >= minimum, f"{name}: only {count} cases ran"


def check_items(items: list[Document | IngestError], origin: str) -> None:
    """What every reader owes its caller, whatever the input."""
    assert items, "a reader always yields something: a document or an error"
    for item in items:
        if isinstance(item, IngestError):
            assert item.origin.startswith(origin) and item.message
            assert str(item).startswith(origin)
            continue
        assert isinstance(item, Document)
        assert item.text.strip()
        assert "\x00" not in item.text
        item.text.encode("utf-8")  # storable: no lone surrogates
        assert item.origin and item.origin.startswith(origin)
        assert item.url is None or item.url.lower().startswith(("http://", "https://"))
        assert item.title is None or len(item.title) <= 1000
        assert len(item.source) <= 200
        assert item.genre in ("news", "narrative")


@pytest.fixture(scope="module", params=BACKENDS)
def ingestor(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ingestor]:
    """A store for the module, on SQLite and on PostgreSQL (where lengths and NUL bytes matter)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}"
    else:
        url = request.getfixturevalue("pg_database")
        _pg_reset(url)
    store = open_store(url)
    yield Ingestor(store, Pipeline(("sentences",)))
    store.engine.dispose()


# -- strategies --------------------------------------------------------------------------

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)
field_values = json_values | st.sampled_from(
    ["2022-02-24", "2022", "24 februari 2022", "javascript:alert(1)", "https://example.org/a", "", " ", "\u0000"]
)
records = st.fixed_dictionaries(
    {},
    optional={
        "text": st.text(max_size=300) | field_values,
        "id": field_values,
        "time": field_values,
        "date": field_values,
        "title": field_values,
        "url": field_values,
        "source": field_values,
    },
)


@st.composite
def json_inputs(draw: st.DrawFn) -> bytes:
    form = draw(st.sampled_from(["object", "array", "lines", "string", "value"]))
    ascii_only = draw(st.booleans())
    if form == "object":
        text = json.dumps(draw(records), ensure_ascii=ascii_only)
    elif form == "array":
        text = json.dumps(draw(st.lists(records | json_values, max_size=5)), ensure_ascii=ascii_only)
    elif form == "lines":
        lines = [json.dumps(r, ensure_ascii=ascii_only) for r in draw(st.lists(records, max_size=5))]
        lines += draw(st.lists(st.text(max_size=30), max_size=2))  # broken lines among them
        text = "\n".join(draw(st.permutations(lines)))
    elif form == "string":
        text = json.dumps(draw(st.text(max_size=200)), ensure_ascii=ascii_only)
    else:
        text = json.dumps(draw(json_values), ensure_ascii=ascii_only)
    if draw(st.booleans()):  # truncated mid-way
        text = text[: draw(st.integers(0, len(text)))]
    return text.encode("utf-8", "surrogatepass")


header_lines = st.sampled_from(
    [
        " date 2022-02-24",
        " date 2022-02",
        "date 2022",
        " date 24-02-2022",
        " date 9999-99-99T99:99",
        " source Testkrant",
        " title Een titel",
        " url javascript:alert(1)",
        " url https://example.org/x",
        " date",
        "",
    ]
)


@st.composite
def text_inputs(draw: st.DrawFn) -> bytes:
    head = "\n".join(draw(st.lists(header_lines, max_size=4)))
    body = draw(st.text(max_size=400))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
    return (head + ("\n" if head else "") + body).encode(encoding, errors="replace")


html_tags = st.sampled_from(["p", "div", "article", "h1", "script", "style", "a", "img", "iframe", "svg", "table"])
html_attrs = st.sampled_from(
    ["", ' onerror="alert(1)"', ' href="javascript:alert(1)"', ' src="x"', ' style="x:expression(alert(1))"']
)


@st.composite
def html_inputs(draw: st.DrawFn) -> bytes:
    parts = ["<!doctype html><html><head><title>", draw(st.text(max_size=30)), "</title></head><body>"]
    for _ in range(draw(st.integers(0, 8))):
        tag, attr = draw(html_tags), draw(html_attrs)
        parts.append(f"<{tag}{attr}>{draw(st.text(max_size=120))}</{tag}>")
    if draw(st.booleans()):
        parts.append("</body></html>")
    return "".join(parts).encode("utf-8", "surrogatepass")


@st.composite
def feed_inputs(draw: st.DrawFn) -> bytes:
    def esc(value: str) -> str:
        return value.replace("&", "&amp;").replace("<", "&lt;") if draw(st.booleans()) else value

    entries = []
    for _ in range(draw(st.integers(0, 4))):
        fields = {
            "title": esc(draw(st.text(max_size=30))),
            "link": esc(draw(st.sampled_from(["https://example.org/a", "javascript:alert(1)", "", "/rel"]))),
            "description": esc(draw(st.text(max_size=150))),
            "pubDate": draw(st.sampled_from(["Thu, 24 Feb 2022 05:00:00 GMT", "gisteren", "", "Fri, 99 Foo"])),
        }
        entries.append("<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in fields.items()) + "</item>")
    kind = draw(st.sampled_from(["rss", "atom"]))
    if kind == "rss":
        text = f"<rss version='2.0'><channel><title>{esc(draw(st.text(max_size=20)))}</title>{''.join(entries)}"
        text += "</channel></rss>" if draw(st.booleans()) else ""
    else:
        body = "".join(e.replace("item>", "entry>").replace("description>", "summary>") for e in entries)
        text = f"<feed xmlns='http://www.w3.org/2005/Atom'>{body}</feed>"
    return text.encode("utf-8", "surrogatepass")


@st.composite
def mutated_samples(draw: st.DrawFn) -> bytes:
    """A real sample report with bytes flipped, cut, or spliced in."""
    data = bytearray(draw(st.sampled_from(SAMPLE_BYTES)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[pos : pos + draw(st.integers(1, 200))]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(max_size=20))
        else:
            del data[pos:]
    return bytes(data)


# -- properties --------------------------------------------------------------------------


def test_arbitrary_bytes_never_crash_a_reader(capsys: pytest.CaptureFixture[str]) -> None:
    count = 0

    @settings(FUZZ, max_examples=3000)
    @given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
    def prop(data: bytes, suffix: str) -> None:
        nonlocal count
        count += 1
        check_items(list(read_bytes(data, "fuzz/input", suffix)), "fuzz/input")

    prop()
    report_cases(capsys, "readers: arbitrary bytes", count, 2500)


def test_json_and_text_inputs_never_crash_and_errors_name_the_input(capsys: pytest.CaptureFixture[str]) -> None:
    count = 0

    @settings(FUZZ, max_examples=1200)
    @given(data=json_inputs() | text_inputs(), suffix=st.sampled_from(SUFFIXES))
    def prop(data: bytes, suffix: str) -> None:
        nonlocal count
        count += 1
        check_items(list(read_bytes(data, "fuzz/report", suffix)), "fuzz/report")

    prop()
    report_cases(capsys, "readers: JSON and plain text", count, 1000)


def test_html_feeds_and_mutated_samples_never_crash(capsys: pytest.CaptureFixture[str]) -> None:
    count = 0

    @settings(FUZZ, max_examples=700)
    @given(data=html_inputs() | feed_inputs() | mutated_samples(), suffix=st.sampled_from(SUFFIXES))
    def prop(data: bytes, suffix: str) -> None:
        nonlocal count
        count += 1
        items = list(read_bytes(data, "fuzz/page", suffix))
        check_items(items, "fuzz/page")
        for item in items:
            if isinstance(item, Document):
                assert "<script" not in item.text.lower() or "<script" in data.decode("utf-8", "replace").lower()

    prop()
    report_cases(capsys, "readers: HTML, feeds and mutated samples", count, 500)


def test_strip_tags_and_safe_url_properties(capsys: pytest.CaptureFixture[str]) -> None:
    count = 0

    @settings(FUZZ, max_examples=1500)
    @given(
        fragment=st.text(max_size=200) | html_inputs().map(lambda b: b.decode("utf-8", "replace")),
        url=st.text(max_size=60) | st.sampled_from(["JavaScript:alert(1)", " https://x.nl/a", "http:/x", "data:,x"]),
    )
    def prop(fragment: str, url: str) -> None:
        nonlocal count
        count += 1
        text = strip_tags(fragment)
        assert "<script" not in text.lower() or "&lt;script" in fragment.lower() or "<script" in fragment.lower()
        if "script" not in fragment.lower():
            assert strip_tags(f"<script>{fragment}</script>") == ""
        kept = safe_url(url)
        assert kept is None or kept.lower().startswith(("http://", "https://"))

    prop()
    report_cases(capsys, "strip_tags and safe_url", count, 1200)


def test_ingesting_generated_inputs_never_loses_stored_data(
    ingestor: Ingestor, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every generated input is read and ingested; what was stored before stays intact."""
    count = 0
    baseline = ingestor.store.add_document(Document(text="Een vaste tekst die blijft. Hij blijft staan."))
    kept = ingestor.store.get_document(baseline.id)

    @settings(FUZZ, max_examples=300)
    @given(data=json_inputs() | text_inputs() | mutated_samples())
    def prop(data: bytes) -> None:
        nonlocal count
        count += 1
        before = ingestor.store.count("documents")
        report = IngestReport()
        docs = 0
        for item in read_bytes(data, "fuzz/batch"):
            if isinstance(item, Document):
                docs += 1
                ingestor.add(item, report)
        assert not report.errors or all(e.origin.startswith("fuzz/batch") for e in report.errors)
        assert ingestor.store.count("documents") == before + len(report.added)
        assert len(report.added) + len(report.duplicates) + len(report.errors) == docs
        for doc_id in report.added:
            stored = ingestor.store.get_document(doc_id)
            assert stored is not None and stored.text and stored.sentences

    prop()
    again = ingestor.store.get_document(baseline.id)
    assert again is not None and again.text == kept.text and len(again.sentences) == len(kept.sentences)
    report_cases(capsys, f"ingest round trip into the store ({ingestor.store.dialect})", count, 250)


def test_feedparser_is_never_handed_a_file_name(tmp_path: Path) -> None:
    """feedparser.parse(bytes) opens the file those bytes name; the reader must not let it."""
    secret = tmp_path / "secret.xml"
    secret.write_text(
        "<rss><channel><title>Geheim</title><item><title>x</title>"
        "<description>Geheime inhoud die niet gelezen mag worden.</description></item></channel></rss>",
        encoding="utf-8",
    )
    trap = tmp_path / "trap.rss"
    trap.write_bytes(str(secret).encode())
    items = list(read_path(trap))
    assert all(isinstance(i, IngestError) for i in items), items
    assert "Geheime" not in repr(items)
