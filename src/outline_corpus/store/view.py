"""Side-by-side views of one unit of an original (an article, a part or chapter, an
item, the preamble, a block of front matter or all of it) in every translation, read
from the database: the unit is found by number, label or path
(:func:`outline_corpus.lookup.find_unit`) in the original a work or document names;
its sentences are those inside its raw span; the records shown are those placed on its
beads or naming its sentences. The view of all the front matter also lists each
translation's front matter that renders none of the original's."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from outline_corpus.errors import UnknownDocumentError, UnknownUnitError
from outline_corpus.lookup import GROUPS, find_unit, group_spans, valid_keys
from outline_corpus.store import rows as _rows
from outline_corpus.store.rows import UnitRow, json_list


@dataclass(frozen=True)
class Rendering:
    """How one translation renders a sentence of the original: its sentence ids and
    text, the bead ``kind`` (``1:0`` where nothing renders it), confidence ``score``
    in [0, 1] and cosine ``similarity`` (None for 1:0)."""

    ids: tuple[str, ...]
    text: str
    kind: str
    score: float
    shared: bool  # the bead also covers the previous sentence of the original
    similarity: float | None = None


@dataclass(frozen=True)
class Row:
    """A sentence of the original with its rendering in each translation and the kinds
    of the divergences recorded on it (``{doc: [kind, …]}``)."""

    id: str
    text: str
    renderings: dict[str, Rendering]
    divergences: dict[str, list[str]]


@dataclass(frozen=True)
class ArticleView:
    """A unit side by side: rows in order, sentences a translation adds (0:1),
    records about the unit as a whole, and passages of related documents that discuss
    it. ``number`` is the unit's number (an article's), ``unit``/``kind``/``label``/
    ``path`` say which unit it is."""

    original: str
    number: int | None
    title: str
    translations: tuple[str, ...]
    rows: tuple[Row, ...]
    added: dict[str, list[tuple[str, str]]]
    notes: list[dict[str, Any]]
    links: list[dict[str, Any]]
    unit: str = ""
    kind: str = "article"
    label: str = ""
    path: tuple[str, ...] = ()


def original_of(db: sqlite3.Connection, scope: str | None) -> str:
    """The original a view is of: the only one when ``scope`` is ``None``, the
    original of work ``scope``, or the original of document ``scope``."""
    docs: dict[str, tuple[str, str, str | None]] = {
        i: (role, work, original) for i, role, work, original in db.execute(
            "SELECT id, role, work, original FROM documents ORDER BY rowid")}
    originals = [i for i, (role, _, _) in docs.items() if role == "original"]
    works = list(dict.fromkeys(docs[i][1] for i in originals))
    if scope is None:
        if len(originals) == 1:
            return originals[0]
        raise UnknownDocumentError(f"the corpus holds several works ({', '.join(works)}); "
                                   "name one: show WORK UNIT")
    if scope in docs:
        role, work, original = docs[scope]
        if role == "original":
            return scope
        if role == "translation" and original:
            return original
        scope = work
    of_work = [i for i in originals if docs[i][1] == scope]
    if not of_work:
        raise UnknownDocumentError(f"{scope!r} is neither a work nor a document of the "
                                   f"corpus (works: {', '.join(works)})")
    return of_work[0]


def unit_view(db: sqlite3.Connection, key: str, scope: str | None = None,
              docs: list[str] | None = None) -> ArticleView:
    """Unit ``key`` (number, label or path) of the original of ``scope`` side by side
    with its translations (all, or ``docs``)."""
    original = original_of(db, scope)
    nodes = _rows.units(db, original)
    tree = [*nodes, *_holders(nodes)]
    try:
        unit = find_unit(original, tree, key)
    except UnknownUnitError:
        if scope is None and key.strip() in _names(db):  # `show WORK` without its unit
            raise UnknownUnitError(f"{key.strip()!r} is a document or work, not a unit: "
                                   f"show {key.strip()} UNIT, UNIT being "
                                   f"{valid_keys(tree)}") from None
        raise
    translations = _translations(db, original, docs)
    sentences = db.execute("SELECT id, text FROM sentences WHERE doc = ? AND start >= ? AND "
                           "end <= ? ORDER BY rowid", (original, unit.start, unit.end)
                           ).fetchall()
    ids = {sid for sid, _ in sentences}
    renderings: dict[str, dict[str, Rendering]] = {sid: {} for sid in ids}
    added: dict[str, list[tuple[str, str]]] = {}
    shown: set[str] = set()
    for t in translations:
        for bid, kind, score, sim, src, tgt, text in _beads(db, t, unit, ids):
            shown.add(bid)
            src_ids, tgt_ids = json_list(src), json_list(tgt)
            if not src_ids:
                added.setdefault(t, []).append((tgt_ids[0], text))
            for k, sid in enumerate(src_ids):
                if sid in renderings:
                    renderings[sid][t] = Rendering(tuple(tgt_ids), text, kind, score, k > 0,
                                                  sim)
    if unit.path == ("front",):
        for t in translations:
            added.setdefault(t, []).extend(_unpaired_front(db, t))
    marks, notes = _records(db, unit, {original, *translations}, ids, shown)
    rows = tuple(Row(sid, text, renderings[sid], marks.get(sid, {})) for sid, text in sentences)
    return ArticleView(original, unit.number, unit.title or "", translations, rows, added,
                       notes, _links(db, original, unit), unit.id, unit.kind,
                       unit.label or "", unit.path)


def _names(db: sqlite3.Connection) -> set[str]:
    """The ids of the documents and works of the corpus."""
    return {name for row in db.execute("SELECT id, work FROM documents") for name in row}


def _holders(rows: list[UnitRow]) -> list[UnitRow]:
    """The units that hold the preamble's (or a flat text's) paragraph rows, which the
    database keeps as paragraphs only: one spanning them, path ``("preamble",)``; and
    the groups of all the front and of all the back matter (path ``("front",)``)."""
    out: dict[str, list[UnitRow]] = {}
    known = {r.id for r in rows}
    for r in rows:
        if r.kind in ("preamble", "text") and r.parent and r.parent not in known:
            out.setdefault(r.parent, []).append(r)
    doc = rows[0].doc if rows else ""
    return [*(UnitRow(parent, ps[0].doc, ps[0].kind, None, None, None, None, None,
                      min(p.start for p in ps), max(p.end for p in ps), (ps[0].kind,), None)
              for parent, ps in out.items()),
            *(UnitRow(f"{doc}/{kind}", doc, kind, None, GROUPS[kind], None, None, None,
                      start, end, (kind,), None)
              for kind, (start, end) in group_spans(rows).items())]


def _unpaired_front(db: sqlite3.Connection, translation: str) -> list[tuple[str, str]]:
    """The sentences of ``translation``'s front matter that no bead holds: front matter
    of its own, which renders none of the original's."""
    return db.execute(
        "SELECT s.id, s.text FROM sentences s JOIN units u ON u.id = s.unit WHERE s.doc = ? "
        "AND u.kind = 'front' AND NOT EXISTS (SELECT 1 FROM bead_sentences bs WHERE "
        "bs.sentence = s.id) ORDER BY s.rowid", (translation,)).fetchall()


def _translations(db: sqlite3.Connection, original: str, docs: list[str] | None
                  ) -> tuple[str, ...]:
    known = [r[0] for r in db.execute("SELECT id FROM documents WHERE original = ? AND "
                                      "role = 'translation' ORDER BY rowid", (original,))]
    for d in docs or ():
        if d not in known:
            raise UnknownDocumentError(f"{d!r} is not a translation of {original} "
                                       f"(translations: {', '.join(known)})")
    return tuple(docs or known)


_BEAD = "SELECT id, kind, score, similarity, source_ids, target_ids, target_text FROM beads"


def _beads(db: sqlite3.Connection, translation: str, unit: UnitRow, ids: set[str]
           ) -> list[tuple[Any, ...]]:
    """The beads of ``translation`` the view shows: those from the first to the last
    bead holding one of the unit's sentences, and for an article every bead placed in
    it (a sentence the translation adds there)."""
    found = [r for r in db.execute(
        "SELECT b.rowid FROM beads b JOIN bead_sentences s ON s.bead = b.rowid WHERE "
        "b.translation = ? AND s.side = 'source' AND s.sentence IN (SELECT value FROM "
        "json_each(?))", (translation, json.dumps(sorted(ids))))]
    if unit.kind == "article":
        found += db.execute("SELECT rowid FROM beads WHERE translation = ? AND article = ?",
                            (translation, unit.number)).fetchall()
    if not found:
        return []
    lo, hi = min(r[0] for r in found), max(r[0] for r in found)
    return db.execute(f"{_BEAD} WHERE translation = ? AND rowid BETWEEN ? AND ? ORDER BY "
                      "rowid", (translation, lo, hi)).fetchall()


def _records(db: sqlite3.Connection, unit: UnitRow, docs: set[str], ids: set[str],
             beads: set[str]) -> tuple[dict[str, dict[str, list[str]]], list[dict[str, Any]]]:
    """Record kinds by sentence of the original and doc, and the records about the
    unit as a whole (naming none of its sentences)."""
    inside = {u.id for u in _rows.units(db, unit.doc)
              if unit.start <= u.start and u.end <= unit.end} | {unit.id}
    marks: dict[str, dict[str, list[str]]] = {}
    notes: list[dict[str, Any]] = []
    for rid, doc, kind, severity, original_ids, message, on, article in db.execute(
            "SELECT id, doc, kind, severity, original_ids, message, beads, article FROM "
            "divergences ORDER BY rowid"):
        named = set(json_list(original_ids))
        about = (article == unit.number if unit.kind == "article"
                 else bool(named & (ids | inside)) or bool(set(json_list(on)) & beads))
        if doc not in docs or not about:
            continue
        hit = [sid for sid in json_list(original_ids) if sid in ids]
        for sid in hit:
            marks.setdefault(sid, {}).setdefault(doc, []).append(kind)
        if not hit:
            notes.append({"id": rid, "doc": doc, "kind": kind, "severity": severity,
                          "message": message})
    return marks, notes


def _links(db: sqlite3.Connection, original: str, unit: UnitRow) -> list[dict[str, Any]]:
    """Related passages linked to the unit's article, or to any article inside it."""
    numbers = ([unit.number] if unit.kind == "article" else
               [u.number for u in _rows.units(db, original, "article")
                if unit.start <= u.start and u.end <= unit.end])
    return [{"unit": u, "doc": d, "score": sc, "rank": rk, "text": tx}
            for u, d, sc, rk, tx in db.execute(
                "SELECT unit, doc, score, rank, text FROM links WHERE original = ? AND "
                "article IN (SELECT value FROM json_each(?)) ORDER BY score DESC, unit",
                (original, json.dumps(numbers)))]
