"""Full-text search over sentences: one interface over SQLite FTS5 and PostgreSQL tsvector.

How a query runs, on either backend:

1. The query's words are analysed like the index: lower-cased, stop words dropped (the
   lists of PostgreSQL's 'dutch' and 'english' configurations), Snowball-stemmed per language.
   Without a language filter a word matches its Dutch stem, its English stem or itself.
2. The backend finds the matching sentences that pass the filters, newest first (highest
   sentence id), at most ``pool`` of them (300): FTS5 ``MATCH`` over pre-stemmed words on
   SQLite, ``@@`` on the GIN-indexed ``search_tsv`` column on PostgreSQL (in windows of ids,
   see :func:`_pg_windows`). PostgreSQL's English stemmer is an older Snowball than Python's
   ("international" and "internal" are both "intern" there), so each row it matches is
   re-checked with Python's stems and dropped unless SQLite would match it too; the windows
   read on until the pool is full (:func:`_recheck`).
3. One scoring function ranks that pool in Python: BM25, a word counting for a query term
   when it stems to one of the term's forms, length in characters, document frequencies and
   average length taken over the pool. So the same data and query give the same ranking on
   both backends; only the matching is backend SQL. (What the re-check cannot mend: a word
   PostgreSQL stems apart from the query's stem where Python does not, "sociologist" for
   "sociology", is found on SQLite alone.)

Snippets mark the matched words with ``<mark>`` and give their character spans.
Facets (date, place, actor, type, language, source) count the sentences of the pool.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from sqlalchemy import Connection, bindparam, select, text

from kroniek.model import Document
from kroniek.store import schema as t

if TYPE_CHECKING:
    from kroniek.store import Store

# Tokens as PostgreSQL's parser mostly sees them: runs of letters/digits, and dotted runs
# ("368.000", "u.s", "nos.nl") kept whole and not stemmed.
WORD = re.compile(r"[^\W_]+(?:\.[^\W_]+)+|[^\W_]+")
# Snowball algorithms that match PostgreSQL's 'dutch_stem' and 'english_stem' dictionaries.
STEMMERS = {"nl": "dutch_porter", "en": "english"}
CODES = ("nl", "en", "simple")
PG_CONFIG = {"nl": "dutch", "en": "english", "simple": "simple"}
FTS_TABLE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5("
    "terms, tokenize=\"unicode61 remove_diacritics 0 tokenchars '.'\", detail=none)"
)
DEFAULT_POOL = 300
BM25_K1 = 1.2
BM25_B = 0.75
SNIPPET_CHARS = 240
FACET_SIZE = 20

Mode = Literal["all", "any"]


# -- analysis -------------------------------------------------------------------------


def code_for(language: str | None) -> str:
    """The analyser of a document language: 'nl', 'en', or 'simple' (lower-casing only)."""
    lang = (language or "").lower()
    for code in STEMMERS:
        if lang.startswith(code):
            return code
    return "simple"


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    data = json.loads((Path(__file__).parents[1] / "data" / "search_stopwords.json").read_text("utf-8"))
    out = {code: frozenset(words) for code, words in data.items()}
    out["simple"] = frozenset()
    return out


@lru_cache(maxsize=4)
def _stemmer(code: str) -> Any:
    import snowballstemmer  # uses PyStemmer's C implementation when it is installed

    return snowballstemmer.stemmer(STEMMERS[code])


@lru_cache(maxsize=500_000)
def lexeme(code: str, word: str) -> str | None:
    """The index term of one lower-cased word, or None for a stop word."""
    if word in stopwords()[code]:
        return None
    if code == "simple" or "." in word:
        return word
    return str(_stemmer(code).stemWord(word))


def analyze(text_: str, code: str) -> list[tuple[str, int, int]]:
    """(term, start, end) of each indexed word of ``text_``."""
    out = []
    for match in WORD.finditer(text_):
        term = lexeme(code, match.group().lower())
        if term is not None:
            out.append((term, match.start(), match.end()))
    return out


def terms(text_: str, code: str) -> list[str]:
    """The index terms of ``text_`` (what the SQLite index stores)."""
    stops = stopwords()[code]
    words = [w for w in WORD.findall(text_.lower()) if w not in stops]
    if code == "simple":
        return words
    if any("." in w for w in words):
        return [w if "." in w else str(_stemmer(code).stemWord(w)) for w in words]
    return list(_stemmer(code).stemWords(words))


# -- indexing ---------------------------------------------------------------------------


TAG_KINDS = ("place", "actor")


def tag(kind: str, name: str) -> str:
    """The index token standing for "a mention of ``kind`` named ``name``" (SQLite's filter path)."""
    return "tag" + hashlib.sha1(f"{kind}:{name}".encode()).hexdigest()[:16]


def doc_tag(kind: str, value: str) -> str:
    """The index token of a document field (source, language, month): PostgreSQL's trigger makes
    the same one (``'tag' || left(md5(kind || ':' || value), 16)``)."""
    return "tag" + hashlib.md5(f"{kind}:{value}".encode()).hexdigest()[:16]


def doc_tags(source: str | None, language: str | None, published: str | None) -> list[str]:
    """Tags every sentence of a document carries, so document filters are index lookups too."""
    out = [doc_tag("source", source or "")]
    if language:
        out.append(doc_tag("language", language))
    if published and len(published) >= 7:
        out.append(doc_tag("month", published[:7]))
    return out


def month_tags(date_from: str | None, date_to: str | None, most: int = 24) -> list[str] | None:
    """Tags of the months a closed date range touches (None when open or longer than ``most``)."""
    if not date_from or not date_to or len(date_from) < 7 or len(date_to) < 7:
        return None
    try:
        y, m = int(date_from[:4]), int(date_from[5:7])
        y2, m2 = int(date_to[:4]), int(date_to[5:7])
    except ValueError:
        return None
    months: list[str] = []
    while (y, m) <= (y2, m2) and len(months) <= most:
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    if not months or len(months) > most:
        return None
    return [doc_tag("month", month) for month in months]


IndexRow = tuple[int, str, str | None] | tuple[int, str, str | None, Iterable[str]]


def index_rows(conn: Connection, rows: Iterable[IndexRow]) -> int:
    """Index (sentence id, text, document language[, tags]) rows in SQLite's FTS table; returns the count.

    Tags (see :func:`tag`) make the place and actor filters part of the FTS query.
    A no-op on PostgreSQL, where a trigger fills ``sentences.search_tsv``.
    """
    if conn.dialect.name != "sqlite":
        return 0
    batch: list[tuple[int, str]] = []
    n = 0
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    for row in rows:
        words = terms(row[1], code_for(row[2]))
        if len(row) > 3:
            words.extend(row[3])
        batch.append((row[0], " ".join(words)))
        if len(batch) >= 5000:
            cursor.executemany("INSERT OR REPLACE INTO sentences_fts(rowid, terms) VALUES (?, ?)", batch)
            n += len(batch)
            batch = []
    if batch:
        cursor.executemany("INSERT OR REPLACE INTO sentences_fts(rowid, terms) VALUES (?, ?)", batch)
        n += len(batch)
    cursor.close()
    return n


def _tags(sent: Any) -> list[str]:
    out = []
    for m in sent.mentions:
        name = m.attrs.get("name")
        if m.kind in TAG_KINDS and name:
            out.append(tag(m.kind, str(name)))
    return sorted(set(out))


def pg_add_tags(conn: Connection, rows: Iterable[tuple[int, Iterable[str]]]) -> int:
    """Add tags to sentences' ``search_tsv`` (PostgreSQL), so GIN intersects the place/actor filters."""
    batch = [{"id": sid, "tags": " ".join(tags)} for sid, tags in rows if tags]
    if batch:
        conn.execute(
            text("UPDATE sentences SET search_tsv = search_tsv || CAST(:tags AS tsvector) WHERE id = :id"), batch
        )
    return len(batch)


def index_document(conn: Connection, doc: Document) -> None:
    """Index a stored document's content sentences (the Store calls this after inserting them).

    SQLite: FTS rows of stemmed words and tags. PostgreSQL: the trigger has indexed the words;
    the tags are added here.
    """
    content = [s for s in doc.sentences if s.id is not None and not s.boilerplate]
    if conn.dialect.name == "postgresql":
        pg_add_tags(conn, ((s.id, _tags(s)) for s in content))  # type: ignore[misc]
        return
    document = doc_tags(doc.source, doc.language, doc.published)
    index_rows(conn, ((s.id, s.text, doc.language, _tags(s) + document) for s in content))  # type: ignore[misc]


def stored_tags(conn: Connection) -> dict[int, list[str]]:
    """Each sentence's tags, from the stored mentions."""
    tags: dict[int, list[str]] = defaultdict(list)
    for row in conn.execute(
        text(
            "SELECT DISTINCT sentence_id, kind, name FROM mentions WHERE kind IN ('place', 'actor') AND name IS NOT NULL"
        )
    ):
        tags[row.sentence_id].append(tag(row.kind, row.name))
    return {k: sorted(v) for k, v in tags.items()}


def sqlite_rows(conn: Connection) -> list[IndexRow]:
    """Every content sentence with its document's language and its tags, for (re)indexing."""
    tags = stored_tags(conn)
    rows = conn.execute(
        text(
            "SELECT s.id, s.text, d.language, d.source, d.published FROM sentences s "
            "JOIN documents d ON d.id = s.document_id WHERE NOT s.boilerplate"
        )
    ).all()
    return [(r.id, r.text, r.language, tags.get(r.id, []) + doc_tags(r.source, r.language, r.published)) for r in rows]


def reindex(store: Store) -> int:
    """Rebuild the whole index, e.g. after a change of stemmer; returns the sentences indexed."""
    with store.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("UPDATE sentences SET text = text"))  # the trigger recomputes search_tsv
            pg_add_tags(conn, stored_tags(conn).items())
            return int(conn.execute(text("SELECT count(*) FROM sentences WHERE search_tsv IS NOT NULL")).scalar_one())
        conn.execute(text("DELETE FROM sentences_fts"))
        return index_rows(conn, sqlite_rows(conn))


# -- queries ----------------------------------------------------------------------------


@dataclass
class ParsedQuery:
    """The query's words and, per word, the index terms it may match."""

    words: list[str]
    groups: list[set[str]]
    codes: tuple[str, ...]


def parse_query(query: str, language: str | None = None) -> ParsedQuery:
    codes = (code_for(language),) if language else CODES
    stops = stopwords()
    words: list[str] = []
    groups: list[set[str]] = []
    for word in WORD.findall(query.lower()):
        # A stop word in any language searched is dropped ("die", "was" are both).
        if any(word in stops[c] for c in codes) or word in words:
            continue
        group = {t for c in codes if (t := lexeme(c, word)) is not None}
        if group:
            words.append(word)
            groups.append(group)
    return ParsedQuery(words, groups, codes)


def _fts_expression(parsed: ParsedQuery, mode: Mode) -> str:
    def quote(term: str) -> str:
        return '"' + term.replace('"', '""') + '"'

    parts = ["(" + " OR ".join(quote(t) for t in sorted(g)) + ")" for g in parsed.groups]
    return (" AND " if mode == "all" else " OR ").join(parts)


def _pg_tsquery(parsed: ParsedQuery, mode: Mode, params: dict[str, Any]) -> str:
    # PostgreSQL stems the query words itself, so they meet the terms its own configurations indexed.
    parts = []
    for i, word in enumerate(parsed.words):
        params[f"w{i}"] = word
        alts = " || ".join(f"plainto_tsquery('{PG_CONFIG[c]}', :w{i})" for c in parsed.codes)
        parts.append(f"({alts})")
    return (" && " if mode == "all" else " || ").join(parts)


@dataclass
class Filters:
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    actor: str | None = None
    event_type: str | None = None
    language: str | None = None
    source: str | None = None

    def sql(self, params: dict[str, Any], tagged: bool = False) -> list[str]:
        """WHERE conditions; with ``tagged`` the place and actor filters are left to the FTS query."""
        where = []
        if self.date_from:
            where.append("d.published >= :date_from")
            params["date_from"] = self.date_from
        if self.date_to:
            where.append("d.published <= :date_to")
            params["date_to"] = self.date_to + "\uffff"  # "2022-02-24" includes "2022-02-24T10:00"
        if self.language:
            where.append("d.language = :language")
            params["language"] = self.language
        if self.source:
            where.append("d.source = :source")
            params["source"] = self.source
        for kind, value in (("place", self.place), ("actor", self.actor)):
            if value and not tagged:
                where.append(
                    f"EXISTS (SELECT 1 FROM mentions m WHERE m.sentence_id = s.id "
                    f"AND m.kind = '{kind}' AND m.name = :{kind})"
                )
                params[kind] = value
        if self.event_type:
            where.append(
                "EXISTS (SELECT 1 FROM event_sources es JOIN events e ON e.id = es.event_id "
                "WHERE es.sentence_id = s.id AND e.type = :event_type)"
            )
            params["event_type"] = self.event_type
        return where


POOL_COLUMNS = (
    "s.id, s.document_id, s.position, s.text, s.event_date, d.language, d.published, d.source, d.title, d.url"
)


def _pool(conn: Connection, parsed: ParsedQuery | None, filters: Filters, mode: Mode, pool: int) -> list[Any]:
    """The newest ``pool`` sentences that match the query and pass the filters."""
    params: dict[str, Any] = {"pool": pool}
    # The filters are tags in the index too, so the index intersects them: place and actor
    # exactly; source, language and the months of a date range as a first cut, the SQL
    # conditions (kept) deciding.
    where = filters.sql(params, tagged=True)
    tags = [tag(kind, value) for kind, value in (("place", filters.place), ("actor", filters.actor)) if value]
    if filters.source:
        tags.append(doc_tag("source", filters.source))
    if filters.language:
        tags.append(doc_tag("language", filters.language))
    months = month_tags(filters.date_from, filters.date_to)
    if conn.dialect.name == "postgresql":
        tsquery = [f"({_pg_tsquery(parsed, mode, params)})"] if parsed is not None else []
        if tags:
            params["tags"] = " & ".join(tags)
            tsquery.append("CAST(:tags AS tsquery)")
        if months:
            params["months"] = " | ".join(months)
            tsquery.append("CAST(:months AS tsquery)")
        where.insert(0, f"s.search_tsv @@ ({' && '.join(tsquery)})" if tsquery else "NOT s.boilerplate")
        return _pg_windows(conn, where, params, pool, _recheck(parsed, mode) if parsed is not None else None)
    match = _fts_expression(parsed, mode) if parsed is not None else ""
    parts = ([f"({match})"] if match else []) + [f'"{t}"' for t in tags]
    if months:
        parts.append("(" + " OR ".join(f'"{t}"' for t in months) + ")")
    match = " AND ".join(parts)
    if match:
        params["match"] = match
        where.insert(0, "sentences_fts MATCH :match")
        sql = (
            f"SELECT {POOL_COLUMNS} FROM sentences_fts f JOIN sentences s ON s.id = f.rowid "
            f"JOIN documents d ON d.id = s.document_id WHERE {' AND '.join(where)} "
            "ORDER BY f.rowid DESC LIMIT :pool"
        )
    else:
        where.insert(0, "NOT s.boilerplate")
        sql = (
            f"SELECT {POOL_COLUMNS} FROM sentences s JOIN documents d ON d.id = s.document_id "
            f"WHERE {' AND '.join(where)} ORDER BY s.id DESC LIMIT :pool"
        )
    return list(conn.execute(text(sql), params))


PG_WINDOW = 5_000
PG_BITMAPS_ONLY = "SELECT set_config('enable_indexscan', 'off', true), " + (
    "set_config('max_parallel_workers_per_gather', '0', true)"
)


Counts = tuple[int, list[int], list[tuple[int, int]]]  # a sentence's length, term counts, matched spans


def _recheck(parsed: ParsedQuery, mode: Mode) -> Callable[[str, str | None], Counts | bool]:
    """A check of PostgreSQL's matches against the query as SQLite's index decides them.

    PostgreSQL's English stemmer is an older Snowball than Python's: "universal", "universe"
    and "university" are all "univers" there, not in Python. A row (text, document language)
    is kept when its words, stemmed as for the FTS table (:func:`terms`), hold a form of every
    query term ("all") or of one ("any"). The words :func:`_term_counts` finds settle most
    rows cheaply: a kept row's counts are returned, for :func:`score_pool`; only a row found
    short of a match is analysed whole (True: kept, not counted; False: dropped).
    """
    prefixes = _prefixes(parsed)
    every = mode == "all"
    # A word stemming to a term of 4 letters or more starts with the term's first 3 letters
    # unless an accent went in them (Dutch): in ASCII text the words found miss none.
    sure = [all(len(term) >= 4 for term in group) for group in parsed.groups]
    codes: dict[str | None, str] = {}

    def keep(text_: str, language: str | None) -> Counts | bool:
        code = codes.get(language) or codes.setdefault(language, code_for(language))
        lower = text_.lower()
        tf, spans = _term_counts(lower, code, parsed, prefixes)
        if (0 not in tf) if every else any(tf):
            return max(len(lower), 1), tf, spans
        if text_.isascii():
            missed = [sure[i] for i, f in enumerate(tf) if not f]
            if any(missed) if every else all(missed):
                return False
        found = set(terms(text_, code))
        hits = [not found.isdisjoint(group) for group in parsed.groups]
        return all(hits) if every else any(hits)

    return keep


def _pg_windows(
    conn: Connection,
    where: list[str],
    params: dict[str, Any],
    pool: int,
    keep: Callable[[str, str | None], Counts | bool] | None = None,
) -> list[Any]:
    """Newest matches first, in windows of sentence ids sized by the matches found so far.

    A GIN index returns matches in no useful order, and ORDER BY id DESC LIMIT n over all
    matches costs as much as the matches are many; within a window of ids the cost is bounded
    by the window, and a common word fills the pool in the first window. Each query also
    brings its rows' document fields and event ids: few round trips.

    ``keep`` re-checks each row PostgreSQL matched (its stemmers differ a little from
    Python's, see :func:`_recheck`); rows it drops leave room that the next read fills, so
    the pool holds the newest ``pool`` kept rows, as on SQLite.
    """
    # Documents are joined only to filter; their fields are read after the LIMIT.
    doc_where = [w for w in where if "d." in w and "EXISTS" not in w]
    sent_where = [w for w in where if w not in doc_where]
    if doc_where:
        sent_where.append(f"s.document_id IN (SELECT d.id FROM documents d WHERE {' AND '.join(doc_where)})")
    inner = "SELECT s.id, s.document_id, s.position, s.text, s.event_date FROM sentences s WHERE " + " AND ".join(
        sent_where
    )

    def query(bounds: str) -> Any:
        return text(
            "SELECT w.id, w.document_id, w.position, w.text, w.event_date, d.language, d.published, d.source, "
            "d.title, d.url, ARRAY(SELECT es.event_id FROM event_sources es WHERE es.sentence_id = w.id "
            "ORDER BY es.event_id) AS event_ids "
            f"FROM ({inner} AND {bounds} ORDER BY s.id + 0 DESC LIMIT :pool) w CROSS JOIN LATERAL "
            "(SELECT * FROM documents d WHERE d.id = w.document_id) d ORDER BY w.id DESC"
        )

    # Windows of ids, newest first. The first is small: a scan of its rows is cheap whatever
    # the word (and a common word fills the pool there). The next is sized by the density of
    # matches so far; when it would span most of the rest, the rest is read from the GIN index
    # alone ("s.id + 0" keeps the planner off a backward key scan that filters row by row,
    # ruinous for a rare word).
    top = conn.execute(text("SELECT max(id) FROM sentences")).scalar()
    if top is None:
        return []
    # The bounds are numbers, not subqueries: the planner sizes its plan by them.
    window = query("s.id > :lo AND s.id <= :hi")
    rest = query("s.id + 0 <= :hi")
    found: list[Any] = []
    hi = int(top)
    tuned = False

    read_rows = [0, 0]  # rows read, rows kept

    def read(stmt: Any, bounds: dict[str, int]) -> int | None:
        """Add the kept rows of one read; the id of its last row when its LIMIT cut it (more may match below).

        Once the re-check has dropped rows, a read asks for more rows by the share it kept.
        """
        want = pool - len(found)
        if read_rows[1] < read_rows[0]:
            want = min(int(want * read_rows[0] / max(read_rows[1], 1) * 1.25) + 10, 20 * pool)
        rows = conn.execute(stmt, {**params, **bounds, "pool": want}).all()
        if keep is None:
            kept = [_PoolRow(*r) for r in rows]
        else:
            kept = [
                _PoolRow._make((*r, None if c is True else c)) for r in rows if (c := keep(r[3], r[5])) is not False
            ]
        read_rows[0] += len(rows)
        read_rows[1] += len(kept)
        found.extend(kept[: pool - len(found)])
        return rows[-1].id if len(rows) == want else None

    while hi > 0 and len(found) < pool:
        width = int((top - hi) * (pool - len(found)) / len(found) * 1.5) + PG_WINDOW if found else PG_WINDOW
        if hi < top and not found:
            width = hi  # nothing in the newest window: a rare word, read all the rest at once
        lo = hi - width
        if lo <= hi // 2:
            last = read(rest, {"hi": hi})
            if last is None:
                break
        else:
            if hi < top and not tuned:
                # Past the first window the planner, trusting the key range, would scan it row
                # by row; a bitmap (GIN AND key range, or GIN alone) reads only the matches.
                # (For the rest of this read-only transaction.)
                conn.execute(text(PG_BITMAPS_ONLY))
                tuned = True
            last = read(window, {"lo": lo, "hi": hi})
        # A read cut by its LIMIT while the pool is short (the re-check dropped rows) goes on
        # below its last row; otherwise the window is done.
        hi = last - 1 if last is not None else lo
    return found


class _PoolRow(NamedTuple):
    id: int
    document_id: int
    position: int
    text: str
    event_date: str | None
    language: str | None
    published: str | None
    source: str
    title: str | None
    url: str | None
    event_ids: list[int] | None = None
    counts: Counts | None = None  # set by the re-check


# -- scoring and snippets --------------------------------------------------------------------


def _candidates(lower: str, prefixes: Sequence[str]) -> Iterable[tuple[int, int]]:
    """Spans of the words of ``lower`` that start with one of ``prefixes`` (str.find: fast).

    A word starts after a character that is no letter or digit, and not inside a dotted run
    ("nos.nl" is one word, as :data:`WORD` and the index see it).
    """
    seen = set()
    for prefix in prefixes:
        i = lower.find(prefix)
        while i != -1:
            before = lower[i - 1] if i else " "
            inside = before.isalnum() or (before == "." and i > 1 and lower[i - 2].isalnum())
            if not inside and i not in seen:
                seen.add(i)
                word = WORD.match(lower, i)
                if word:
                    yield i, word.end()
            i = lower.find(prefix, i + 1)


def _prefixes(parsed: ParsedQuery) -> list[str]:
    # A word stems to a term that starts like the word (Snowball stems are prefixes, but for
    # a changed last letter or a dropped accent, which sit past the first three letters of a
    # stem of 4 letters or more; a shorter one may not: "dying" is "die", see _recheck).
    return sorted({term[:3] for group in parsed.groups for term in group})


def _term_counts(
    lower: str, code: str, parsed: ParsedQuery, prefixes: Sequence[str]
) -> tuple[list[int], list[tuple[int, int]]]:
    """How often words of ``lower`` stem to each query term, and their spans."""
    tf = [0] * len(parsed.groups)
    spans = []
    for start, end in _candidates(lower, prefixes):
        term = lexeme(code, lower[start:end])
        for i, group in enumerate(parsed.groups):
            if term in group:
                tf[i] += 1
                spans.append((start, end))
                break
    return tf, spans


def score_pool(rows: Sequence[Any], parsed: ParsedQuery) -> list[tuple[float, list[tuple[int, int]]]]:
    """BM25 of each pooled sentence (and the spans of its matched words), one formula for both backends.

    A word counts for a query term when it stems to one of the term's forms; a sentence's
    length is its length in characters (cheap, and the same whatever the backend).
    """
    prefixes = _prefixes(parsed)
    analysed = []
    for row in rows:
        counts = getattr(row, "counts", None)
        if counts is None:
            lower = row.text.lower()
            counts = (max(len(lower), 1), *_term_counts(lower, code_for(row.language), parsed, prefixes))
        analysed.append(counts)
    n = len(analysed)
    if not n:
        return []
    avgdl = sum(a[0] for a in analysed) / n
    df = [sum(1 for a in analysed if a[1][i]) for i in range(len(parsed.groups))]
    idf = [math.log(1 + (n - d + 0.5) / (d + 0.5)) for d in df]
    out = []
    for dl, tf, spans in analysed:
        norm = BM25_K1 * (1 - BM25_B + BM25_B * dl / avgdl)
        score = sum(idf[i] * f * (BM25_K1 + 1) / (f + norm) for i, f in enumerate(tf) if f)
        out.append((score, spans))
    return out


def snippet(text_: str, spans: Sequence[tuple[int, int]], width: int = SNIPPET_CHARS) -> str:
    """HTML: the sentence (a window around the first match if long) with matches in ``<mark>``."""
    start, end = 0, len(text_)
    if end > width:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - width // 3, end - width))
        while start > 0 and not text_[start - 1].isspace():
            start -= 1
        end = min(len(text_), start + width)
        while end < len(text_) and not text_[end].isspace():
            end += 1
    out = ["…" if start > 0 else ""]
    pos = start
    for s, e in sorted(spans):
        if s < pos or e > end:
            continue
        out.append(html.escape(text_[pos:s]))
        out.append(f"<mark>{html.escape(text_[s:e])}</mark>")
        pos = e
    out.append(html.escape(text_[pos:end]))
    if end < len(text_):
        out.append("…")
    return "".join(out)


# -- results ----------------------------------------------------------------------------


@dataclass
class SearchHit:
    sentence_id: int
    document_id: int
    position: int
    text: str
    snippet: str
    highlights: list[tuple[int, int]]
    score: float
    source: str
    title: str | None
    url: str | None
    published: str | None
    language: str | None
    event_date: str | None
    event_ids: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    hits: list[SearchHit]
    total: int  # matches found (at most ``pool``)
    capped: bool  # True when more sentences match than the pool holds
    limit: int
    offset: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    elapsed_ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["facets"] = {k: [{"value": v, "count": c} for v, c in items] for k, items in self.facets.items()}
        return out

    @property
    def document_ids(self) -> list[int]:
        """Documents of the hits, best first, each once."""
        return list(dict.fromkeys(h.document_id for h in self.hits))


def _ids_query(conn: Connection, sql: str, ids: Sequence[int]) -> list[Any]:
    """Run ``sql`` whose ``IN :ids`` takes the ids (one array parameter on PostgreSQL)."""
    if not ids:
        return []
    if conn.dialect.name == "postgresql":
        return list(conn.execute(text(sql.replace("IN :ids", "= ANY(:ids)")), {"ids": list(ids)}))
    rows: list[Any] = []
    stmt = text(sql).bindparams(bindparam("ids", expanding=True))
    for i in range(0, len(ids), 500):
        rows.extend(conn.execute(stmt, {"ids": list(ids[i : i + 500])}))
    return rows


def _facets(conn: Connection, rows: Sequence[Any]) -> dict[str, list[tuple[str, int]]]:
    def top(counter: Counter[str]) -> list[tuple[str, int]]:
        return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE]

    ids = [r.id for r in rows]
    dates = Counter((r.published or "")[:10] for r in rows if r.published)
    facets = {
        "date": sorted(dates.items()),
        "language": top(Counter(r.language for r in rows if r.language)),
        "source": top(Counter(r.source for r in rows if r.source)),
    }
    kinds: dict[str, Counter[str]] = {"place": Counter(), "actor": Counter()}
    for row in _ids_query(
        conn,
        "SELECT DISTINCT m.sentence_id, m.kind, m.name FROM mentions m "
        "WHERE m.sentence_id IN :ids AND m.kind IN ('place', 'actor') AND m.name IS NOT NULL",
        ids,
    ):
        kinds[row.kind][row.name] += 1
    types: Counter[str] = Counter()
    for row in _ids_query(
        conn,
        "SELECT DISTINCT es.sentence_id, e.type FROM event_sources es JOIN events e ON e.id = es.event_id "
        "WHERE es.sentence_id IN :ids",
        ids,
    ):
        types[row.type] += 1
    facets["place"] = top(kinds["place"])
    facets["actor"] = top(kinds["actor"])
    facets["type"] = top(types)
    return facets


def search(
    store: Store,
    query: str = "",
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    place: str | None = None,
    actor: str | None = None,
    event_type: str | None = None,
    language: str | None = None,
    source: str | None = None,
    limit: int = 20,
    offset: int = 0,
    mode: Mode = "all",
    facets: bool = True,
    pool: int = DEFAULT_POOL,
) -> SearchResults:
    """Search the sentences; see the module's docstring for how matching and ranking work.

    ``mode`` "all" needs every word (after stop words), "any" at least one. An empty query
    lists the newest sentences that pass the filters.
    """
    started = time.perf_counter()
    filters = Filters(date_from, date_to, place, actor, event_type, language, source)
    parsed = parse_query(query, language)
    if query.strip() and not parsed.groups:
        return SearchResults(query, [], [], 0, False, limit, offset, {}, 0.0)
    with store.engine.connect() as conn:
        rows = _pool(conn, parsed if parsed.groups else None, filters, mode, pool)
        scored = score_pool(rows, parsed) if parsed.groups else [(0.0, [])] * len(rows)
        order = sorted(range(len(rows)), key=lambda i: (-round(scored[i][0], 9), -rows[i].id))
        page = order[offset : offset + limit]
        events: dict[int, list[int]] = defaultdict(list)
        if rows and isinstance(rows[0], _PoolRow):  # PostgreSQL's pool rows bring their events
            events.update({rows[i].id: list(rows[i].event_ids or []) for i in page})
        else:
            for row in _ids_query(
                conn,
                "SELECT sentence_id, event_id FROM event_sources WHERE sentence_id IN :ids ORDER BY event_id",
                [rows[i].id for i in page],
            ):
                events[row.sentence_id].append(row.event_id)
        hits = []
        for i in page:
            row = rows[i]
            score, spans = scored[i]
            hits.append(
                SearchHit(
                    sentence_id=row.id,
                    document_id=row.document_id,
                    position=row.position,
                    text=row.text,
                    snippet=snippet(row.text, spans),
                    highlights=sorted(spans),
                    score=round(score, 6),
                    source=row.source,
                    title=row.title,
                    url=row.url,
                    published=row.published,
                    language=row.language,
                    event_date=row.event_date,
                    event_ids=events.get(row.id, []),
                )
            )
        facet_counts = _facets(conn, rows) if facets else {}
    elapsed = (time.perf_counter() - started) * 1000
    return SearchResults(
        query, parsed.words, hits, len(rows), len(rows) >= pool, limit, offset, facet_counts, round(elapsed, 2)
    )


def sentence_annotations(store: Store, sentence_ids: Sequence[int]) -> dict[int, dict[str, list[dict[str, Any]]]]:
    """What the pipeline stored with each sentence: ``timex`` and one list per mention kind."""
    out: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    ids = list(dict.fromkeys(sentence_ids))
    x, m = t.timexes, t.mentions
    with store.engine.connect() as conn:
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for row in conn.execute(
                select(x.c.sentence_id, x.c.text, x.c.type, x.c.value)
                .where(x.c.sentence_id.in_(chunk))
                .order_by(x.c.id)
            ):
                out[row.sentence_id]["timex"].append({"text": row.text, "type": row.type, "value": row.value})
            for mention in conn.execute(
                select(m.c.sentence_id, m.c.kind, m.c.text, m.c.name, m.c.attrs)
                .where(m.c.sentence_id.in_(chunk))
                .order_by(m.c.id)
            ):
                out[mention.sentence_id][mention.kind].append(
                    {
                        "kind": mention.kind,
                        "text": mention.text,
                        "name": mention.name,
                        "attrs": dict(mention.attrs or {}),
                    }
                )
    return {k: dict(v) for k, v in out.items()}
