"""Properties of the bundled sample reports in ``samples/``.

Independent of the ingest code: the three formats are parsed with plain Python here.
"""

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parents[1] / "samples"
SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
FIRST_DAY, LAST_DAY = date(2022, 2, 24), date(2022, 3, 1)
WINDOW = 60


class _ArticleText(HTMLParser):
    """Collects the text inside <article> and the page's meta properties."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.lang = ""
        self.parts: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang", "")
        elif tag == "meta" and "property" in attrs:
            self.meta[attrs["property"]] = attrs.get("content", "")
        elif tag == "article":
            self._depth += 1
        elif self._depth and tag in ("p", "h1", "h2"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "article":
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.parts.append(data)


def _read_txt(path: Path) -> dict:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields = {}
    for line in head.splitlines():
        assert line.startswith(" "), f"{path.name}: header line {line!r}"
        key, _, value = line.strip().partition(" ")
        fields[key] = value.strip()
    return {
        "name": path.name,
        "date": fields.get("date", ""),
        "source": fields.get("source", ""),
        "title": fields.get("title", ""),
        "text": body.strip(),
    }


def _read_jsonl(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        obj = json.loads(line)
        out.append(
            {
                "name": f"{path.name}:{n}",
                "date": obj["time"],
                "source": obj["source"],
                "title": obj["title"],
                "text": obj["text"],
            }
        )
    return out


def _read_html(path: Path) -> dict:
    parser = _ArticleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return {
        "name": path.name,
        "date": parser.meta.get("article:published_time", ""),
        "source": parser.meta.get("og:site_name", ""),
        "title": "",
        "text": "".join(parser.parts).strip(),
        "lang": parser.lang,
    }


def _reports() -> list[dict]:
    reports = [_read_txt(p) for p in sorted(SAMPLES.glob("*.txt"))]
    for p in sorted(SAMPLES.glob("*.jsonl")):
        reports.extend(_read_jsonl(p))
    reports.extend(_read_html(p) for p in sorted(SAMPLES.glob("*.html")))
    return reports


REPORTS = _reports()


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def _is_english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    english = sum(w in {"the", "and", "of", "to", "was", "were", "said"} for w in words)
    dutch = sum(w in {"de", "het", "en", "van", "een", "zijn", "dat"} for w in words)
    return english > 2 * dutch


def test_enough_reports_in_all_three_formats():
    assert len(REPORTS) >= 20
    assert len(list(SAMPLES.glob("*.txt"))) >= 10
    assert len(list(SAMPLES.glob("*.jsonl"))) >= 1
    assert len(list(SAMPLES.glob("*.html"))) >= 3


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r["name"])
def test_report_has_date_in_range_source_and_body(report):
    day = date.fromisoformat(report["date"][:10])
    assert FIRST_DAY <= day <= LAST_DAY
    assert report["source"]
    words = len(report["text"].split())
    assert 120 <= words <= 300, words


def test_txt_names_carry_the_report_date():
    for path in SAMPLES.glob("*.txt"):
        report = _read_txt(path)
        assert path.name[:10] == report["date"][:10]
        assert report["title"]


def test_html_pages_have_page_furniture_to_strip():
    for path in SAMPLES.glob("*.html"):
        page = path.read_text(encoding="utf-8")
        for tag in ("<title>", "<nav", "<footer", "<h1>", "<h2>", "cookie"):
            assert tag in page, (path.name, tag)


def test_at_least_three_english_reports():
    english = [r["name"] for r in REPORTS if _is_english(r["text"])]
    assert len(english) >= 3, english
    assert len(REPORTS) - len(english) >= 15


def test_several_outlets_and_a_near_duplicate():
    assert len({r["source"] for r in REPORTS}) >= 5
    shingles = [
        {t[i : i + WINDOW] for i in range(0, len(t) - WINDOW, 20)} for t in (_normalise(r["text"]) for r in REPORTS)
    ]
    near_duplicates = [
        (REPORTS[i]["source"], REPORTS[j]["source"])
        for i in range(len(REPORTS))
        for j in range(i + 1, len(REPORTS))
        if len(shingles[i] & shingles[j]) > 0.8 * min(len(shingles[i]), len(shingles[j]))
    ]
    assert len(near_duplicates) == 1
    assert near_duplicates[0][0] != near_duplicates[0][1]


def _seed_texts() -> list[str]:
    texts = []
    for path in sorted(SEEDS.iterdir()):
        raw = path.read_text(encoding="utf-8")
        if raw.lstrip().startswith('"'):
            raw = json.loads(raw)
        texts.append(raw)
    return texts


def test_no_passage_copied_from_the_seeds():
    seeds = _seed_texts()
    assert seeds, f"no seeds found in {SEEDS}"
    windows = set()
    for seed in seeds:
        norm = _normalise(seed)
        windows.update(norm[i : i + WINDOW] for i in range(len(norm) - WINDOW + 1))
    for report in REPORTS:
        norm = _normalise(report["title"] + " " + report["text"])
        copied = [norm[i : i + WINDOW] for i in range(len(norm) - WINDOW + 1) if norm[i : i + WINDOW] in windows]
        assert not copied, (report["name"], copied[:1])


def test_samples_are_utf8_without_bom():
    for path in SAMPLES.iterdir():
        data = path.read_bytes()
        data.decode("utf-8")
        assert not data.startswith(b"\xef\xbb\xbf")
