"""Row views of the corpus database: documents, structural units, sentences, beads and
divergence records, as frozen dataclasses for the Python API and the exports.

Offsets (``start``, ``end``) count characters (code points) of the document's raw
text, ``end`` exclusive."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from outline_corpus.errors import QueryError, UnknownDocumentError

if TYPE_CHECKING:
    from outline_corpus.diverge.records import Divergence, WordGap


@dataclass(frozen=True)
class DocumentRow:
    """A document of the corpus: its manifest entry and its raw text (``text``, which
    every ``start``/``end`` offset of its units and sentences indexes)."""

    id: str
    language: str
    role: str
    work: str
    title: str
    original: str | None
    publisher: str | None
    date: str | None
    file: str
    notes: str | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class UnitRow:
    """A structural unit: ``kind`` is front, back, preamble, part, article, item or
    turn; ``number`` its number (index for front matter and turns); ``label`` the
    raw heading label or list marker (front matter: its kind; turns: question,
    answer, …); ``title`` a heading's title (turns: the speaker); ``part`` and
    ``article`` the part and article it belongs to; ``start``/``end`` character
    offsets into the document's raw text; ``path`` its steps in the unit tree
    (``("chap-2", "art-12")``) and ``parent`` the id of the unit above it."""

    id: str
    doc: str
    kind: str
    number: int | None
    label: str | None
    title: str | None
    part: int | None
    article: int | None
    start: int
    end: int
    path: tuple[str, ...] = ()
    parent: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "path": list(self.path)}


@dataclass(frozen=True)
class SentenceRow:
    """A sentence: ``unit`` is the id of the unit it belongs to, ``index`` its
    position there (from 0), ``role`` body, heading, item, …; offsets into the raw
    text of ``doc``."""

    id: str
    doc: str
    lang: str
    unit: str
    article: int | None
    item: int | None
    index: int
    role: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class BeadRow:
    """An alignment bead ``{translation}/b-{n}`` (n from 1, in order): ``kind`` is
    ``"m:n"`` (Chinese:English sentence counts; ``1:0`` untranslated, ``0:1``
    added), ``score`` the aligner's confidence in [0, 1] (for a 1:0 or 0:1 bead:
    confidence that the sentence really has no counterpart, 1 minus that of its best
    match nearby, so the 1:0 beads of a missing article score 1.0), ``similarity``
    the cosine of the two sides in [-1, 1] (None for 1:0/0:1), ``divergences`` the
    ids of the divergence records on its sentences."""

    id: str
    original: str
    translation: str
    kind: str
    score: float
    similarity: float | None
    article: int | None
    source_ids: tuple[str, ...]
    target_ids: tuple[str, ...]
    source_text: str
    target_text: str
    divergences: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DiagnosticRow:
    """A repair the parser made or a problem it found: ``kind`` (page_break_join,
    duplicated_phrase, …), the ``unit`` id, offsets into the raw text of ``doc``, the
    raw ``snippet``, and whether it was ``repaired``."""

    doc: str
    kind: str
    unit: str
    start: int
    end: int
    snippet: str
    message: str
    repaired: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def json_list(text: Any) -> tuple[Any, ...]:
    """A column holding a JSON array, as a tuple; :class:`ValueError` for any other value
    (:class:`json.JSONDecodeError` for text that is not JSON), as a damaged one."""
    value = json.loads(text) if isinstance(text, str | bytes) else text
    if not isinstance(value, list):
        raise ValueError(f"a column holds {str(text)[:40]!r} where a JSON array is expected")
    return tuple(value)


def json_object(text: Any) -> dict[str, Any]:
    """A column holding a JSON object, as a dict; :class:`ValueError` for any other
    value (see :func:`json_list`)."""
    value = json.loads(text) if isinstance(text, str | bytes) else text
    if not isinstance(value, dict):
        raise ValueError(f"a column holds {str(text)[:40]!r} where a JSON object is "
                         "expected")
    return value


def _known(db: sqlite3.Connection, doc: str | None) -> None:
    if doc is None:
        return
    docs = [r[0] for r in db.execute("SELECT id FROM documents ORDER BY rowid")]
    if doc not in docs:
        raise UnknownDocumentError(f"unknown document id {doc!r} (known: {', '.join(docs)})")


def _where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    used = {k: v for k, v in filters.items() if v is not None}
    sql = " AND ".join(f"{k} = ?" for k in used)
    return (f" WHERE {sql}" if sql else ""), list(used.values())


def documents(db: sqlite3.Connection, doc: str | None = None) -> list[DocumentRow]:
    _known(db, doc)
    where, args = _where({"id": doc})
    return [DocumentRow(*r) for r in db.execute(
        "SELECT id, language, role, work, title, original, publisher, date, file, notes, "
        f"text FROM documents{where} ORDER BY rowid", args)]


UNIT_KINDS = ("front", "back", "preamble", "text", "part", "volume", "subvolume", "chapter",
              "section", "article", "item", "turn")


def units(db: sqlite3.Connection, doc: str | None = None, kind: str | None = None,
          article: int | None = None) -> list[UnitRow]:
    _known(db, doc)
    if kind not in (None, *UNIT_KINDS):
        raise QueryError(f"unknown unit kind {kind!r} ({', '.join(UNIT_KINDS)})")
    where, args = _where({"doc": doc, "kind": kind, "article": article})
    sql = ("SELECT id, doc, kind, number, label, title, part, article, start, end, path, "
           f"parent FROM units{where} ORDER BY rowid")
    return [UnitRow(i, d, k, n, lb, t, pt, a, s, e, tuple(path.split("/")) if path else (),
                    parent)
            for i, d, k, n, lb, t, pt, a, s, e, path, parent in db.execute(sql, args)]


def sentences(db: sqlite3.Connection, doc: str | None = None,
              article: int | None = None) -> list[SentenceRow]:
    _known(db, doc)
    where, args = _where({"doc": doc, "article": article})
    return [SentenceRow(*r) for r in db.execute(
        "SELECT id, doc, lang, unit, article, item, idx, role, start, end, text FROM "
        f"sentences{where} ORDER BY rowid", args)]


def beads(db: sqlite3.Connection, translation: str | None = None,
          article: int | None = None, kind: str | None = None) -> list[BeadRow]:
    _known(db, translation)
    if kind is not None and not re.fullmatch(r"\d:\d", kind):
        raise QueryError(f"unknown bead kind {kind!r} (Chinese:English counts: 1:1, 1:0, "
                         "0:1, 2:3, …)")
    where, args = _where({"translation": translation, "article": article, "kind": kind})
    return [BeadRow(i, o, t, k, sc, sim, a, json_list(src), json_list(tgt),
                    st, tt, json_list(dv))
            for i, o, t, k, sc, sim, a, src, tgt, st, tt, dv in db.execute(
                "SELECT id, original, translation, kind, score, similarity, article, "
                "source_ids, target_ids, source_text, target_text, divergences FROM beads"
                f"{where} ORDER BY rowid", args)]


def divergences(db: sqlite3.Connection, doc: str | None = None, kind: str | None = None,
                article: int | None = None, severity: str | None = None
                ) -> list[Divergence]:
    # imported here: the diverge package loads the aligner, which search need not
    from outline_corpus.diverge.records import KINDS, SEVERITIES, Divergence

    _known(db, doc)
    if severity not in (None, *SEVERITIES):
        raise QueryError(f"unknown severity {severity!r} ({', '.join(SEVERITIES)})")
    if kind not in (None, *KINDS):
        raise QueryError(f"unknown divergence kind {kind!r} ({', '.join(KINDS)})")
    where, args = _where({"doc": doc, "kind": kind, "article": article,
                          "severity": severity})
    return [Divergence(i, d, k, sv, a, json_list(z), json_list(e), zt, et,
                       m, json_object(ev), json_list(bs))
            for i, d, k, sv, a, z, e, zt, et, ev, m, bs in db.execute(
                "SELECT id, doc, kind, severity, article, original_ids, translation_ids, "
                "original_text, translation_text, evidence, message, beads FROM "
                f"divergences{where} ORDER BY rowid", args)]


def word_gaps(db: sqlite3.Connection, translation: str | None = None,
              bead: str | None = None) -> list[WordGap]:
    from outline_corpus.diverge.records import WordGap

    _known(db, translation)
    where, args = _where({"translation": translation, "bead": bead})
    return [WordGap(t, b, side, sent, start, end, text, unm, conf, weight,
                    json_list(gl), tuple(sorted(json_object(ot).items())), bool(sh),
                    rec or "", near, json_list(rp))
            for t, b, side, sent, start, end, text, unm, conf, weight, gl, ot, sh, rec, near, rp
            in db.execute("SELECT translation, bead, side, sentence, start, end, text, "
                          "unmatched, confidence, weight, glosses, others, shared, record, "
                          f"nearest, repeats FROM word_gaps{where} ORDER BY rowid", args)]


def diagnostics(db: sqlite3.Connection, doc: str | None = None) -> list[DiagnosticRow]:
    _known(db, doc)
    where, args = _where({"doc": doc})
    return [DiagnosticRow(d, k, u, s, e, sn, m, bool(r)) for d, k, u, s, e, sn, m, r in
            db.execute("SELECT doc, kind, unit, start, end, snippet, message, repaired FROM "
                       f"diagnostics{where} ORDER BY rowid", args)]
