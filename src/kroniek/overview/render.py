"""Renderings of an overview: Markdown, HTML and JSON, in Dutch or English.

Every sentence carries its sources: the report sentence it was taken from (a link to the
sentence in Kroniek's document view) and the other reports that say the same.
"""

from __future__ import annotations

import json
from datetime import date
from html import escape
from typing import Any

from kroniek.model import Overview, OverviewSection, TimelineSentence
from kroniek.overview.model import OverviewSentence, SourceRef, Update

MONTHS = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
WEEKDAYS = {
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
LABELS: dict[str, dict[str, Any]] = {
    "nl": {
        "title": "{topic}: de stand van zaken {on} {date}",
        "untitled": "Overzicht",
        "dateline": "{documents} {reports} van {outlets} {sources}, {span}.",
        "reports": ("bericht", "berichten"),
        "sources": ("bron", "bronnen"),
        "on": ("op", "in"),
        "span": "{since} tot en met {until}",
        "also": "ook",
        "changed": "bijgewerkt",
        "empty": "Er zijn geen nieuwe ontwikkelingen sinds het vorige overzicht.",
        "source": "bron",
    },
    "en": {
        "title": "{topic}: where things stand {on} {date}",
        "untitled": "Overview",
        "dateline": "{documents} {reports} from {outlets} {sources}, {span}.",
        "reports": ("report", "reports"),
        "sources": ("source", "sources"),
        "on": ("on", "in"),
        "span": "{since} to {until}",
        "also": "also",
        "changed": "updated",
        "empty": "Nothing new has happened since the previous overview.",
        "source": "source",
    },
}


def _labels(lang: str) -> dict[str, Any]:
    return LABELS.get(lang, LABELS["nl"])


def human_date(value: str | None, lang: str = "nl", weekday: bool = True) -> str:
    """ "dinsdag 1 maart 2022" / "Tuesday 1 March 2022"; a month or year stays as precise as it is."""
    if not value:
        return ""
    try:
        if len(value) >= 10:
            d = date.fromisoformat(value[:10])
            text = f"{d.day} {MONTHS[lang][d.month - 1]} {d.year}"
            return f"{WEEKDAYS[lang][d.weekday()]} {text}" if weekday else text
        if len(value) == 7:
            return f"{MONTHS[lang][int(value[5:7]) - 1]} {value[:4]}"
    except (ValueError, KeyError, IndexError):
        pass
    return value


def _lang(overview: Overview) -> str:
    return getattr(overview, "language", "nl") or "nl"


def title(overview: Overview) -> str:
    lab = _labels(_lang(overview))
    until = getattr(overview, "until", None) or overview.created
    on = lab["on"][0] if len(until) >= 10 else lab["on"][1]
    return lab["title"].format(topic=overview.topic or lab["untitled"], on=on, date=human_date(until, _lang(overview)))


def dateline(overview: Overview) -> str:
    if not isinstance(overview, Update) or not overview.documents:
        return ""
    lang = _lang(overview)
    lab = _labels(lang)
    since = human_date(overview.since, lang, weekday=False)
    until = human_date(overview.until, lang, weekday=False)
    span = until if since == until or not since else lab["span"].format(since=since, until=until)
    return lab["dateline"].format(
        documents=overview.documents,
        reports=lab["reports"][overview.documents != 1],
        outlets=overview.outlets,
        sources=lab["sources"][overview.outlets != 1],
        span=span,
    )


def refs(sent: TimelineSentence) -> list[SourceRef]:
    if isinstance(sent, OverviewSentence):
        return sent.refs
    return [SourceRef(sent.source, sent.document_id, sent.sentence_id, sent.url)]


def source_link(ref: SourceRef, base_url: str = "") -> str:
    """Where the reader checks a sentence: the sentence in Kroniek's document view, else the report."""
    if ref.document_id is not None:
        anchor = f"#s{ref.sentence_id}" if ref.sentence_id is not None else ""
        return f"{base_url.rstrip('/')}/documents/{ref.document_id}{anchor}"
    return ref.url or ""


def _paragraphs(section: OverviewSection) -> list[list[TimelineSentence]]:
    """Sentences grouped so that a denial stands next to the claim it answers."""
    paras: list[list[TimelineSentence]] = []
    for sent in section.sentences:
        if getattr(sent, "role", "fact") == "contrast" and paras:
            paras[-1].append(sent)
        else:
            paras.append([sent])
    return paras


# -- Markdown ----------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def _md_sources(sent: TimelineSentence, lang: str, base_url: str) -> str:
    links = [f"[{_md_escape(r.source or _labels(lang)['source'])}]({source_link(r, base_url)})" for r in refs(sent)]
    if len(links) == 1:
        return f"({links[0]})"
    return f"({links[0]}; {_labels(lang)['also']}: {', '.join(links[1:])})"


def to_markdown(overview: Overview, base_url: str = "") -> str:
    lang = _lang(overview)
    lab = _labels(lang)
    lines = [f"# {title(overview)}", ""]
    line = dateline(overview)
    if line:
        lines += [f"*{line}*", ""]
    opening = getattr(overview, "opening_source", None)
    if opening is not None:
        lines += [f"{opening.text} {_md_sources(opening, lang, base_url)}", ""]
    elif overview.opening:
        lines += [overview.opening, ""]
    if not overview.sections:
        lines += [lab["empty"], ""]
    for section in overview.sections:
        mark = f" *({lab['changed']})*" if getattr(section, "status", "new") == "changed" else ""
        lines += [f"## {section.headline}{mark}", ""]
        for para in _paragraphs(section):
            lines += [" ".join(f"{s.text} {_md_sources(s, lang, base_url)}" for s in para), ""]
    return "\n".join(lines).rstrip() + "\n"


def to_text(overview: Overview, base_url: str = "") -> str:
    """Plain text (the text part of an e-mail): sources as numbered notes with their links."""
    lang = _lang(overview)
    notes: list[str] = []

    def cite(sent: TimelineSentence) -> str:
        marks = []
        for r in refs(sent):
            notes.append(f"[{len(notes) + 1}] {r.source}: {source_link(r, base_url)}")
            marks.append(f"[{len(notes)}]")
        return "".join(marks)

    out = [title(overview), "=" * len(title(overview)), ""]
    if dateline(overview):
        out += [dateline(overview), ""]
    opening = getattr(overview, "opening_source", None)
    if opening is not None:
        out += [f"{opening.text} {cite(opening)}", ""]
    if not overview.sections:
        out += [_labels(lang)["empty"], ""]
    for section in overview.sections:
        out += [section.headline, "-" * len(section.headline)]
        for para in _paragraphs(section):
            out += [" ".join(f"{s.text} {cite(s)}" for s in para)]
        out.append("")
    return "\n".join(out + notes).rstrip() + "\n"


# -- HTML --------------------------------------------------------------------------------


def _html_sources(sent: TimelineSentence, lang: str, base_url: str) -> str:
    parts = []
    for i, r in enumerate(refs(sent)):
        label = escape(r.source or _labels(lang)["source"])
        link = escape(source_link(r, base_url), quote=True)
        doc = f' data-document="{r.document_id}"' if r.document_id is not None else ""
        sid = f' data-sentence="{r.sentence_id}"' if r.sentence_id is not None else ""
        prefix = f"{_labels(lang)['also']}: " if i == 1 else ""
        parts.append(f'{prefix}<a class="source" href="{link}"{doc}{sid}>{label}</a>')
    return f' <span class="sources">({", ".join(parts)})</span>'


def _html_sentence(sent: TimelineSentence, lang: str, base_url: str) -> str:
    role = getattr(sent, "role", "fact")
    return f'<span class="sentence {role}">{escape(sent.text)}{_html_sources(sent, lang, base_url)}</span>'


def to_html(overview: Overview, base_url: str = "", *, full: bool = False) -> str:
    """An ``<article>`` (or, with ``full``, a whole page) with every sentence linked to its sources."""
    lang = _lang(overview)
    lab = _labels(lang)
    out = [f'<article class="overview" lang="{lang}">', f"<h1>{escape(title(overview))}</h1>"]
    if dateline(overview):
        out.append(f'<p class="dateline">{escape(dateline(overview))}</p>')
    opening = getattr(overview, "opening_source", None)
    if opening is not None:
        out.append(f'<p class="opening">{_html_sentence(opening, lang, base_url)}</p>')
    if not overview.sections:
        out.append(f"<p>{escape(lab['empty'])}</p>")
    for section in overview.sections:
        status = getattr(section, "status", "new")
        mark = f' <small class="status">({lab["changed"]})</small>' if status == "changed" else ""
        out.append(f'<section class="{status}">')
        out.append(f"<h2>{escape(section.headline)}{mark}</h2>")
        for para in _paragraphs(section):
            cls = ' class="side-by-side"' if len(para) > 1 else ""
            out.append(f"<p{cls}>{' '.join(_html_sentence(s, lang, base_url) for s in para)}</p>")
        out.append("</section>")
    out.append("</article>")
    body = "\n".join(out)
    if not full:
        return body + "\n"
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head><meta charset="utf-8">'
        f"<title>{escape(title(overview))}</title></head>\n<body>\n{body}\n</body>\n</html>\n"
    )


# -- JSON --------------------------------------------------------------------------------


def _json_sentence(sent: TimelineSentence, base_url: str) -> dict[str, Any]:
    return {
        "text": sent.text,
        "role": getattr(sent, "role", "fact"),
        "language": getattr(sent, "language", None),
        "sources": [
            {
                "source": r.source,
                "document_id": r.document_id,
                "sentence_id": r.sentence_id,
                "url": r.url,
                "published": r.published,
                "link": source_link(r, base_url),
            }
            for r in refs(sent)
        ],
    }


def to_dict(overview: Overview, base_url: str = "") -> dict[str, Any]:
    """The public JSON shape: every sentence with the list of its sources."""
    opening = getattr(overview, "opening_source", None)
    return {
        "id": overview.id,
        "topic": overview.topic,
        "title": title(overview),
        "language": _lang(overview),
        "created": overview.created,
        "since": overview.since,
        "until": getattr(overview, "until", None),
        "dateline": dateline(overview),
        "opening": _json_sentence(opening, base_url) if opening is not None else None,
        "sections": [
            {
                "headline": s.headline,
                "status": getattr(s, "status", "new"),
                "sources": getattr(s, "sources", None),
                "sentences": [_json_sentence(x, base_url) for x in s.sentences],
            }
            for s in overview.sections
        ],
    }


def to_json(overview: Overview, base_url: str = "", indent: int | None = 2) -> str:
    return json.dumps(to_dict(overview, base_url), ensure_ascii=False, indent=indent)
