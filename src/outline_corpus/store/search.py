"""Full-text search of the corpus database, ranked and highlighted.

A query's terms (see :mod:`outline_corpus.store.terms`) are looked up in the index of
their language: English words in ``fts_en`` (porter stemming: ``vaccine`` finds
``vaccines``), each quoted, so punctuation is never FTS5 syntax; Chinese terms as written
(substrings) in the trigram index ``sentences_fts``. A trigram index cannot match one or
two characters, so a Chinese group holding a shorter run is found with ``instr`` over the
sentences instead and ranked by the same bm25 formula, counted in characters. Groups
joined by ``OR`` are searched apart and their hits merged, best first."""

from __future__ import annotations

import json
import math
import sqlite3
import string
from dataclasses import asdict, dataclass, field
from typing import Any

from outline_corpus.errors import QueryError
from outline_corpus.languages import REGISTRY
from outline_corpus.store.schema import TRIGRAM, TRIGRAM_TABLE, WORD_TABLES
from outline_corpus.store.terms import Group, count_fts_words, fts_string, parse_query
from outline_corpus.store.tokens import CJK, highlight

#: bm25's term-frequency saturation and length normalisation (FTS5's defaults).
K1, B = 1.2, 0.75
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_COLUMNS = "s.rowid, s.doc, s.id, s.lang, s.article, s.text"


@dataclass(frozen=True)
class Hit:
    """A sentence matching a query. ``score`` is the bm25 relevance (higher is better;
    for ``similar``, the cosine); ``snippet`` marks the matches with ``[`` ``]``;
    ``parallel`` (with ``--parallel``) holds the aligned sentences of the original and
    of every other translation: ``{doc: {"ids": [...], "text": ..., "kind": "1:2"}}``."""

    doc: str
    id: str
    lang: str
    article: int | None
    text: str
    score: float
    snippet: str
    parallel: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Scope:
    """The documents and article numbers a search is limited to (``None``: all)."""

    docs: list[str] | None = None
    articles: list[int] | None = None

    def sql(self) -> tuple[str, list[Any]]:
        """The ``AND …`` conditions on sentences ``s`` and their arguments."""
        sql, args = "", []
        for column, values in (("doc", self.docs), ("article", self.articles)):
            if values is not None:
                sql += f" AND s.{column} IN (SELECT value FROM json_each(?))"
                args.append(json.dumps(values))
        return sql, args


_Ranked = tuple[int, Hit]  # (sentence rowid, hit)


def find(db: sqlite3.Connection, query: str, lang: str | None, scope: Scope, limit: int,
         fts: bool = False) -> list[Hit]:
    """The best ``limit`` sentences matching ``query`` in language ``lang`` (default: by
    each term's script); ``fts`` reads ``query`` as FTS5 syntax instead."""
    if fts:
        return [h for _, h in _fts(db, query, lang, scope, limit)]
    best: dict[str, _Ranked] = {}
    for group in parse_query(query):
        for code in group.languages(lang, tuple(REGISTRY)):
            for rowid, hit in _group(db, group, code, scope, limit):
                if hit.id not in best or best[hit.id][1].score < hit.score:
                    best[hit.id] = (rowid, hit)
    ranked = sorted(best.values(), key=lambda r: (-r[1].score, r[0]))
    return [h for _, h in ranked[:limit]]


def _group(db: sqlite3.Connection, group: Group, code: str, scope: Scope, limit: int
           ) -> list[_Ranked]:
    """The hits of one group of terms in language ``code``."""
    table = WORD_TABLES.get(code)
    if table is not None:
        match = " ".join(fts_string(t.text) for t in group.terms)
        return _match(db, table, match, None, scope, limit, f"snippet({table}, 0, '[', ']', "
                      "'…', 16)", match)
    runs = list(dict.fromkeys(r for t in group.terms for r in t.runs))
    if min(len(r) for r in runs) < TRIGRAM:
        return _substrings(db, runs, code, scope, limit)
    hits = _match(db, TRIGRAM_TABLE, " ".join(fts_string(r) for r in runs), code, scope,
                  limit, "NULL", " ".join(runs))
    return [(rowid, _highlighted(h, runs)) for rowid, h in hits]


def _fts(db: sqlite3.Connection, query: str, lang: str | None, scope: Scope, limit: int
         ) -> list[_Ranked]:
    """``query`` passed to the index of its language as FTS5 syntax."""
    count_fts_words(query)
    code = lang or ("zh" if CJK.search(query) else "en")
    table = WORD_TABLES.get(code)
    if table is not None:
        return _match(db, table, query, None, scope, limit,
                      f"snippet({table}, 0, '[', ']', '…', 16)", query, fts=True)
    return _match(db, TRIGRAM_TABLE, query, code, scope, limit,
                  f"highlight({TRIGRAM_TABLE}, 0, '[', ']')", query, fts=True)


def _match(db: sqlite3.Connection, table: str, match: str, code: str | None, scope: Scope,
           limit: int, snippet: str, shown: str, fts: bool = False) -> list[_Ranked]:
    """Sentences of ``table`` matching FTS5 query ``match`` (in language ``code`` when
    given), best bm25 first, with ``snippet`` (an SQL expression; NULL for the text)."""
    where, args = scope.sql()
    if code is not None:
        where, args = " AND s.lang = ?" + where, [code, *args]
    sql = (f"SELECT {_COLUMNS}, -bm25({table}), {snippet} FROM {table} JOIN sentences s "
           f"ON s.rowid = {table}.rowid WHERE {table} MATCH ?{where} "
           f"ORDER BY bm25({table}), s.rowid LIMIT ?")
    try:
        rows = db.execute(sql, [match, *args, limit]).fetchall()
    except sqlite3.OperationalError as exc:
        # a harmless query failing too means the database, not the query, is at fault
        db.execute(sql, ['"x"', *args, limit]).fetchall()
        syntax = " as FTS5 syntax" if fts else ""
        hint = "; leave out --fts to search for its words" if fts else ""
        raise QueryError(f"cannot read the query {shown!r}{syntax} ({exc}){hint}") from None
    return [(rowid, Hit(d, i, lg, a, t, round(float(sc), 4), sn if sn is not None else t))
            for rowid, d, i, lg, a, t, sc, sn in rows]


def _fold(text: str) -> str:
    """``text`` with ASCII letters lower-cased, as SQLite's ``lower`` does."""
    return text.translate(_ASCII_LOWER)


def _substrings(db: sqlite3.Connection, runs: list[str], code: str, scope: Scope,
                limit: int) -> list[_Ranked]:
    """Sentences of language ``code`` holding every one of ``runs`` (ASCII letters in
    either case), ranked by bm25 over character counts."""
    folded = list(dict.fromkeys(_fold(r) for r in runs))
    where, args = scope.sql()
    holds = " AND ".join("instr(lower(s.text), ?) > 0" for _ in folded)
    rows = db.execute(f"SELECT {_COLUMNS} FROM sentences s WHERE s.lang = ? AND {holds}"
                      f"{where}", [code, *folded, *args]).fetchall()
    if not rows:
        return []
    total, mean = db.execute("SELECT count(*), avg(length(text)) FROM sentences "
                             "WHERE lang = ?", (code,)).fetchone()
    idf = {w: _idf(total, db.execute("SELECT count(*) FROM sentences s WHERE s.lang = ? "
                                     "AND instr(lower(s.text), ?) > 0", (code, w)
                                     ).fetchone()[0]) for w in folded}
    scored = sorted(((_bm25(_fold(t), idf, len(t) / max(float(mean), 1.0)), rowid,
                      Hit(d, i, lg, a, t, 0.0, t)) for rowid, d, i, lg, a, t in rows),
                    key=lambda r: (-r[0], r[1]))[:limit]
    return [(rowid, _highlighted(Hit(h.doc, h.id, h.lang, h.article, h.text,
                                     round(score, 4), h.text), runs))
            for score, rowid, h in scored]


def _idf(total: int, holding: int) -> float:
    """FTS5's inverse document frequency (at least 1e-6)."""
    value = math.log((total - holding + 0.5) / (holding + 0.5))
    return value if value > 0 else 1e-6


def _bm25(text: str, idf: dict[str, float], length: float) -> float:
    """bm25 of ``text`` (ASCII-folded) for the words of ``idf``; ``length`` the text's
    length over the mean."""
    score = 0.0
    for word, weight in idf.items():
        tf = text.count(word)
        score += weight * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length))
    return score


def _highlighted(hit: Hit, runs: list[str]) -> Hit:
    """``hit`` with its whole text as the snippet, each of ``runs`` marked."""
    return Hit(hit.doc, hit.id, hit.lang, hit.article, hit.text, hit.score,
               highlight(hit.text, runs, ignore_case=True))
