"""Answers from the bundled sample reports, annotated by the pipeline, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import SAMPLES
from kroniek.answer import answer_how_many, ask, classify
from kroniek.cli import app
from kroniek.ingest import read_path
from kroniek.model import Document
from kroniek.pipeline import Pipeline, available
from kroniek.store import Store
from kroniek.store.search import search, sentence_annotations
from kroniek.web.app import create_app


@pytest.fixture(scope="module")
def annotated() -> list[Document]:
    pipeline = Pipeline(tuple(available()))
    return [pipeline(doc) for doc in read_path(SAMPLES) if isinstance(doc, Document)]


@pytest.fixture
def samples(store: Store, annotated: list[Document]) -> Store:
    for doc in copy.deepcopy(annotated):
        store.add_document(doc)
    return store


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_question_words_decide_the_kind_of_answer() -> None:
    assert classify("Wanneer begonnen de gesprekken?") == ("when", "begonnen de gesprekken")
    assert classify("how many refugees fled?") == ("how_many", "refugees fled")
    assert classify("Door wie werd Charkov beschoten?") == ("who", "werd Charkov beschoten")
    assert classify("Wat gebeurde er op Slangeneiland?") == ("passages", "Wat gebeurde er op Slangeneiland")


def test_how_many_puts_each_sources_figure_side_by_side(samples: Store) -> None:
    answer = ask(samples, "Hoeveel vluchtelingen zijn er?")
    assert answer.kind == "how_many"
    sources = [item.label for item in answer.items]
    assert len(sources) >= 3 and len(set(sources)) == len(sources)  # one figure per source
    for item in answer.items:
        cited = item.citations[0]
        assert cited.source == item.label
        assert "vluchteling" in cited.text.lower()
        assert _digits(item.value) == "" or _digits(item.value) in _digits(cited.text)
    values = {item.details.get("value") for item in answer.items}
    assert {500_000, 660_000} <= values
    assert all(item.details.get("category") in (None, "refugees") for item in answer.items)
    assert "Regioblad Proefstad" in answer.text


def test_how_many_without_a_figure_layer_reads_numbers_from_the_text(samples: Store) -> None:
    hits = search(samples, "vluchtelingen").hits
    items = answer_how_many(hits, {}, "vluchtelingen")  # as if no figures had been extracted
    assert items and all(item.details["from"] == "text" for item in items)
    assert all(item.value in item.citations[0].text for item in items)


def test_when_gives_dates_from_the_cited_sentences(samples: Store) -> None:
    answer = ask(samples, "Wanneer begonnen de gesprekken aan de grens met Belarus?")
    assert answer.kind == "when" and answer.items
    top = answer.items[0]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", top.value)
    assert "2022-02-27" <= top.value <= "2022-03-01"
    notes = sentence_annotations(samples, [c.sentence_id for c in top.citations])
    for cite in top.citations:
        said = [x["value"][:10] for x in notes.get(cite.sentence_id, {}).get("timex", [])]
        assert top.label == "date of the report" or top.value in said or cite.published == top.value
    assert answer.text.startswith(top.value)


def test_who_gives_actors_other_than_those_asked_about(samples: Store) -> None:
    answer = ask(samples, "Wie onderhandelde met Rusland in Belarus?")
    assert answer.kind == "who" and answer.items
    names = [item.value for item in answer.items]
    assert "Russia" not in names  # named in the question
    assert "Ukraine" in names[:3]
    for item in answer.items:
        assert item.citations and all(c.sentence_id for c in item.citations)


def test_other_questions_get_passages_with_citations(samples: Store) -> None:
    answer = ask(samples, "Wat gebeurde er op Slangeneiland?")
    assert answer.kind == "passages" and not answer.items
    assert "Slangeneiland" in answer.passages[0].text and answer.text == answer.passages[0].text
    assert ask(samples, "xyzzy plugh?").passages == []


def test_ask_and_search_commands_and_api(samples: Store, db_url: str) -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["ask", "Hoeveel vluchtelingen zijn er?", "--db", db_url])
    assert out.exit_code == 0, out.output
    assert "500.000" in out.output and "[s" in out.output
    out = runner.invoke(app, ["search", "Charkov", "--db", db_url, "--limit", "2", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert '"snippet"' in out.output and "<mark>Charkov</mark>" in out.output
    client = TestClient(create_app(db_url))
    body = client.get("/api/search", params={"q": "Charkov", "limit": 3}).json()
    assert len(body["hits"]) == 3 and body["total"] >= 3
    assert body["hits"][0]["document_url"].startswith(f"/documents/{body['hits'][0]['document_id']}")
    assert {"date", "place", "actor", "type", "language", "source"} <= set(body["facets"])
    page2 = client.get("/api/search", params={"q": "Charkov", "limit": 3, "offset": 3}).json()
    assert not {h["sentence_id"] for h in page2["hits"]} & {h["sentence_id"] for h in body["hits"]}
    assert client.get("/api/search", params={"q": "x", "from": "gisteren"}).status_code == 422
    asked = client.get("/api/ask", params={"q": "Hoeveel vluchtelingen zijn er?"}).json()
    assert asked["kind"] == "how_many" and asked["items"][0]["citations"]
