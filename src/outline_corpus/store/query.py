"""Querying the corpus database: opening it (read-only, its schema version checked),
rows, bilingual full-text search (see :mod:`outline_corpus.store.search`) with an
optional parallel concordance, semantic search, side-by-side views and counts."""

from __future__ import annotations

import functools
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar
from urllib.parse import quote

from outline_corpus.errors import (
    QueryError,
    StoreError,
    UnknownDocumentError,
    UnknownUnitError,
    UnsupportedLanguageError,
)
from outline_corpus.languages import Language, language
from outline_corpus.lookup import MAX_NUMBER, article_number, article_numbers
from outline_corpus.store import rows as _rows
from outline_corpus.store.concordance import parallels
from outline_corpus.store.rows import (
    BeadRow,
    DiagnosticRow,
    DocumentRow,
    SentenceRow,
    UnitRow,
    json_object,
)
from outline_corpus.store.schema import SCHEMA, SCHEMA_VERSION
from outline_corpus.store.search import Hit, Scope, find
from outline_corpus.store.terms import MAX_QUERY_CHARS, MAX_QUERY_TERMS, check_query
from outline_corpus.store.view import ArticleView, Rendering, Row, original_of, unit_view

__all__ = ["DEFAULT_DB", "MAX_QUERY_CHARS", "MAX_QUERY_TERMS", "ArticleView", "Corpus", "Hit",
           "Rendering", "Row", "to_dataframe"]


#: The most hits a query may ask for.
MAX_LIMIT = 100_000


def _check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit {limit} must be 1 to {MAX_LIMIT}")


def _language(tag: str) -> Language:
    """The registered language of a ``--lang`` filter; :class:`QueryError` if unknown."""
    try:
        return language(tag)
    except UnsupportedLanguageError as exc:
        raise QueryError(str(exc)) from None

if TYPE_CHECKING:
    from outline_corpus.decisions import Decision
    from outline_corpus.diverge.records import Divergence, WordGap

DEFAULT_DB = Path("data/aligned/corpus.sqlite")

#: The tables and views a corpus database of this version holds.
_TABLES = tuple(re.findall(r"CREATE (?:VIRTUAL )?(?:TABLE|VIEW) (\w+)", SCHEMA))

_P = ParamSpec("_P")
_T = TypeVar("_T")


def damaged(path: Path, detail: object) -> StoreError:
    """The one-line error for a corpus database that cannot be read as built."""
    detail = " ".join(str(detail).split())
    return StoreError(f"{path}: damaged corpus database ({detail}); rebuild it with "
                      "`outline-corpus build`")


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """Turn what a damaged database at ``path`` raises while it is read (SQLite errors,
    text that is not the JSON or number expected) into :func:`damaged`'s StoreError."""
    try:
        yield
    except json.JSONDecodeError as exc:
        raise damaged(path, f"a column holds text that is not JSON: {exc}") from exc
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise damaged(path, exc) from exc


def _guarded(method: Callable[Concatenate[Corpus, _P], _T]
             ) -> Callable[Concatenate[Corpus, _P], _T]:
    """``method`` reading the database under :func:`reading`."""
    @functools.wraps(method)
    def guarded(self: Corpus, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        with reading(self.path):
            return method(self, *args, **kwargs)
    return guarded


def connect(path: Path, mode: str = "ro") -> sqlite3.Connection:
    """A connection to the file at ``path``, read-only (``mode`` ``ro``) or read-write
    (``rw``), named by a quoted ``file:`` URI (so ``%``, ``?`` or ``#`` in the name are
    the file's, never URI syntax); it never creates a file."""
    name = quote(os.fsencode(path.absolute()), safe="/")
    return sqlite3.connect(f"file://{name}?mode={mode}", uri=True)


def _foreign(path: Path, detail: str) -> StoreError:
    """The error for a file that is no corpus database at all."""
    return StoreError(f"{path}: not a corpus database ({detail}); check the path, or "
                      "rebuild it with `outline-corpus build`")


def _check_schema(db: sqlite3.Connection, path: Path) -> None:
    """Raise :class:`StoreError` unless ``db`` is a whole corpus database of this
    version (SQLite errors are left to :func:`reading`)."""
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE "
                                           "type IN ('table', 'view')")}
    except sqlite3.DatabaseError as exc:
        if exc.sqlite_errorcode != sqlite3.SQLITE_NOTADB:
            raise  # a damaged database: see reading()
        raise _foreign(path, str(exc)) from None
    if "meta" not in tables:
        raise _foreign(path, "it has no meta table")
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise _foreign(path, "it has no schema version")
    try:
        version = int(row[0])
    except (TypeError, ValueError):
        raise damaged(path, f"schema version {row[0]!r} is not a number") from None
    if version != SCHEMA_VERSION:
        raise StoreError(f"{path}: built by another version of outline-corpus; rebuild it "
                         "with `outline-corpus build`")
    missing = [t for t in _TABLES if t not in tables]
    if missing:
        raise damaged(path, f"no table {', '.join(missing)}")


def to_dataframe(rows: Sequence[Any]) -> Any:
    """A pandas DataFrame of hits, rows or records (dataclasses or dicts; pandas must
    be installed)."""
    try:
        import pandas as pd
    except ImportError:
        raise StoreError("to_dataframe needs pandas: pip install pandas") from None
    return pd.DataFrame([asdict(r) if is_dataclass(r) and not isinstance(r, type) else r
                         for r in rows])


class Corpus:
    """A built corpus database, opened read-only."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB) -> Corpus:
        """Open the database at ``path`` read-only; raises :class:`StoreError` if it is
        missing, damaged or not a corpus database of this version."""
        p = Path(path)
        try:
            found = p.is_file()
        except OSError as exc:
            raise StoreError(f"{p}: cannot read the corpus database "
                             f"({exc.strerror or exc})") from None
        if not found:
            raise StoreError(f"{p}: no corpus database; run `outline-corpus build` first")
        try:
            db = connect(p)
        except sqlite3.Error as exc:
            raise StoreError(f"{p}: cannot open the corpus database ({exc})") from None
        try:
            with reading(p):
                _check_schema(db, p)
        except StoreError:
            db.close()
            raise
        return cls(db, p)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    @_guarded
    def signature(self) -> dict[str, Any]:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
        return json_object(row[0]) if row else {}

    @_guarded
    def documents(self) -> list[str]:
        """Document ids in manifest order."""
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY rowid")]

    @_guarded
    def document_rows(self, doc: str | None = None) -> list[DocumentRow]:
        """Documents (all, or ``doc``) with their manifest entries and raw texts."""
        return _rows.documents(self.db, doc)

    @_guarded
    def units(self, doc: str | None = None, kind: str | None = None,
              article: int | None = None) -> list[UnitRow]:
        """Structural units in document order, filtered by document, kind (part,
        article, item, turn, front, back, preamble) and article number."""
        return _rows.units(self.db, doc, kind, article)

    @_guarded
    def sentences(self, doc: str | None = None, article: int | None = None
                  ) -> list[SentenceRow]:
        """Sentences in document order, filtered by document and article number."""
        return _rows.sentences(self.db, doc, article)

    @_guarded
    def beads(self, translation: str | None = None, article: int | None = None,
              kind: str | None = None) -> list[BeadRow]:
        """Alignment beads in order, filtered by translation, article and bead kind
        (``"1:2"``, ``"1:0"``, …)."""
        return _rows.beads(self.db, translation, article, kind)

    @_guarded
    def diagnostics(self, doc: str | None = None) -> list[DiagnosticRow]:
        """The parsers' repairs and findings, per document in order."""
        return _rows.diagnostics(self.db, doc)

    @_guarded
    def divergences(self, doc: str | None = None, kind: str | None = None,
                    article: int | None = None, severity: str | None = None
                    ) -> list[Divergence]:
        """Divergence records in report order, filtered by document, kind, article and
        severity."""
        return _rows.divergences(self.db, doc, kind, article, severity)

    @_guarded
    def decisions(self) -> list[Decision]:
        """The reviewers' decisions stored (``outline-corpus review import``), records'
        first, in key order; each names the record or bead of this build it applies to
        (see :mod:`outline_corpus.decisions`)."""
        from outline_corpus.store.decisions import read

        return read(self.db)

    @_guarded
    def word_gaps(self, translation: str | None = None, bead: str | None = None
                  ) -> list[WordGap]:
        """The word gaps of the build (Chinese words a translation leaves unrendered,
        English words without source; see :class:`~outline_corpus.diverge.WordGap`)
        in order, filtered by translation and bead id."""
        return _rows.word_gaps(self.db, translation, bead)

    @_guarded
    def articles(self, key: int | str, scope: str | None = None) -> list[int]:
        """The article numbers ``key`` covers: an article number, or an article or
        division named by label or path in the original of work or document ``scope``
        (default: the only original); see :func:`outline_corpus.lookup.article_numbers`."""
        number = article_number(key)
        if number is not None:
            if abs(number) > MAX_NUMBER:
                raise UnknownUnitError(f"no article {number}")
            return [number]
        original = original_of(self.db, scope)
        return article_numbers(original, _rows.units(self.db, original), key)

    @_guarded
    def search(self, query: str, lang: str | None = None, doc: str | None = None,
               article: int | str | None = None, parallel: bool = False, limit: int = 20,
               fts: bool = False) -> list[Hit]:
        """Sentences matching ``query``, best first: its words, hyphenated words and
        "quoted phrases" all required, ``OR`` between alternatives (see
        :mod:`outline_corpus.store.terms`); ``fts`` reads ``query`` as FTS5 syntax
        instead. ``lang`` defaults to each term's script (a number: every language);
        ``doc`` is a document or a work (all its documents); ``article`` is a number,
        label or path (see :meth:`articles`)."""
        check_query(query)
        _check_limit(limit)
        code = None if lang is None else _language(lang).code
        docs = self._scope(doc)
        numbers = None if article is None else self.articles(article, doc)
        if numbers is not None:
            self._check_articles(docs, doc, numbers)
        hits = find(self.db, query, code, Scope(docs, numbers), limit, fts)
        if parallel:
            found = parallels(self.db, [h.id for h in hits])
            hits = [Hit(h.doc, h.id, h.lang, h.article, h.text, h.score, h.snippet,
                        found[h.id]) for h in hits]
        return hits

    def _scope(self, doc: str | None) -> list[str] | None:
        """The documents a ``doc`` filter names: that document, or every document of a
        work of that id; ``None`` for no filter."""
        if doc is None:
            return None
        rows = self.db.execute("SELECT id, work FROM documents ORDER BY rowid").fetchall()
        if doc in {i for i, _ in rows}:
            return [doc]
        of_work = [i for i, w in rows if w == doc]
        if not of_work:
            works = ", ".join(dict.fromkeys(w for _, w in rows))
            raise UnknownDocumentError(f"unknown document id {doc!r} (known: "
                                       f"{', '.join(i for i, _ in rows)}; works: {works})")
        return of_work

    def _check_articles(self, scope: list[str] | None, doc: str | None,
                        articles: list[int]) -> None:
        """Raise unless one of ``articles`` has a sentence in ``scope``."""
        sql = "SELECT 1 FROM sentences WHERE article IN (SELECT value FROM json_each(?))"
        args = [json.dumps(articles)]
        if scope is not None:
            sql += " AND doc IN (SELECT value FROM json_each(?))"
            args.append(json.dumps(scope))
        if self.db.execute(sql + " LIMIT 1", args).fetchone() is None:
            where = f" in {doc}" if doc else ""
            what = f"article {articles[0]}" if len(articles) == 1 else \
                f"article {', '.join(map(str, articles))}"
            raise UnknownUnitError(f"no {what}{where}")

    @_guarded
    def parallel(self, sentence_id: str) -> dict[str, dict[str, Any]]:
        """The sentence's counterparts: the original's sentences it is aligned with and
        every translation's rendering of them (the sentence's own document left out);
        see :func:`~outline_corpus.store.concordance.parallels`."""
        return parallels(self.db, [sentence_id])[sentence_id]

    @_guarded
    def similar(self, text: str, lang: str | None = None, doc: str | None = None,
                limit: int = 10) -> list[Hit]:
        """Sentences closest in meaning to ``text`` in any language (cosine of the
        build's embeddings, ``score`` in [-1, 1]), in document or work ``doc``; embeds
        ``text`` with the build's model unless it is a sentence of the corpus (see
        :func:`~outline_corpus.store.similar.query_vector`)."""
        import numpy as np

        from outline_corpus.store.similar import query_vector

        check_query(text, "text")
        _check_limit(limit)
        if lang is not None:
            lang = _language(lang).code
        scope = self._scope(doc)
        row = self.db.execute("SELECT value FROM meta WHERE key = 'model'").fetchone()
        if row is None or not row[0]:
            raise StoreError(f"{self.path}: built without sentence embeddings; rebuild it "
                             "with `outline-corpus build`")
        sql = ("SELECT s.doc, s.id, s.lang, s.article, s.text, e.vec FROM embeddings e JOIN "
               "sentences s ON s.rowid = e.rowid WHERE 1=1")
        args: list[Any] = []
        if lang:
            sql += " AND s.lang = ?"
            args.append(lang)
        if scope is not None:
            sql += " AND s.doc IN (SELECT value FROM json_each(?))"
            args.append(json.dumps(scope))
        rows = self.db.execute(sql + " ORDER BY s.rowid", args).fetchall()
        if not rows:
            return []
        query = query_vector(self.db, row[0], text)
        matrix = np.stack([np.frombuffer(r[5], dtype=np.float32) for r in rows])
        scores = matrix @ query
        order = np.argsort(-scores, kind="stable")[:limit]
        return [Hit(rows[k][0], rows[k][1], rows[k][2], rows[k][3], rows[k][4],
                    round(float(scores[k]), 4), rows[k][4]) for k in order]

    @_guarded
    def article(self, number: int, docs: list[str] | None = None) -> ArticleView:
        """Article ``number`` of the original side by side with its translations (all,
        or ``docs``), divergences marked, related passages listed."""
        return unit_view(self.db, str(number), None, docs)

    @_guarded
    def unit(self, key: str, scope: str | None = None, docs: list[str] | None = None
             ) -> ArticleView:
        """Unit ``key`` (an article number, a label as written or a path) of the
        original of work or document ``scope`` (default: the only original) side by
        side with its translations (all, or ``docs``)."""
        return unit_view(self.db, key, scope, docs)

    @_guarded
    def links(self, article: int | str | None = None, doc: str | None = None
              ) -> list[dict[str, Any]]:
        """Passages of related documents and the articles they discuss, with scores;
        ``article`` is a number, label or path (see :meth:`articles`)."""
        return _links(self, None if article is None else self.articles(article, doc), doc)

    @_guarded
    def stats(self) -> dict[str, Any]:
        """Counts per document, bead kinds per translation, divergence kinds."""
        docs = {d: dict(zip(("sentences", "articles", "parts", "items"), row, strict=True))
                for d, *row in self.db.execute(
                    "SELECT d.id, (SELECT count(*) FROM sentences s WHERE s.doc = d.id), "
                    "(SELECT count(*) FROM units u WHERE u.doc = d.id AND kind = 'article'), "
                    "(SELECT count(*) FROM units u WHERE u.doc = d.id AND kind IN "
                    "('part', 'volume', 'subvolume', 'chapter', 'section')), "
                    "(SELECT count(*) FROM units u WHERE u.doc = d.id AND kind = 'item') "
                    "FROM documents d ORDER BY d.rowid")}
        beads: dict[str, dict[str, int]] = {}
        for translation, kind, n in self.db.execute(
                "SELECT translation, kind, count(*) FROM beads GROUP BY translation, kind "
                "ORDER BY translation, count(*) DESC, kind"):
            beads.setdefault(translation, {})[kind] = n
        kinds: dict[str, dict[str, int]] = {}
        for doc, kind, n in self.db.execute(
                "SELECT doc, kind, count(*) FROM divergences GROUP BY doc, kind "
                "ORDER BY doc, kind"):
            kinds.setdefault(doc, {})[kind] = n
        return {"documents": docs, "beads": beads, "divergences": kinds,
                "signature": self.signature}


def _links(corpus: Corpus, articles: list[int] | None, doc: str | None
           ) -> list[dict[str, Any]]:
    sql = "SELECT unit, doc, original, article, score, rank, text FROM links WHERE 1=1"
    args: list[Any] = []
    if doc is not None:
        if doc not in corpus.documents():
            raise UnknownDocumentError(f"unknown document id {doc!r}")
        sql += " AND doc = ?"
        args.append(doc)
    for article in articles or ():
        if corpus.db.execute("SELECT 1 FROM units u JOIN documents d ON d.id = u.doc WHERE "
                             "d.role = 'original' AND u.kind = 'article' AND u.number = ?",
                             (article,)).fetchone() is None:
            raise UnknownUnitError(f"no article {article} in the original")
    if articles is not None:
        sql += " AND article IN (SELECT value FROM json_each(?))"
        args.append(json.dumps(articles))
    cols = ("unit", "doc", "original", "article", "score", "rank", "text")
    return [dict(zip(cols, r, strict=True)) for r in
            corpus.db.execute(sql + " ORDER BY rowid", args)]

