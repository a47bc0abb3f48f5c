"""Writing the corpus database: built in a temporary file beside the target and renamed
over it, so an interrupted build leaves the previous database intact. The full-text
indexes are filled from the sentences once they are all in, and the references checked
(``PRAGMA foreign_key_check``) before the file takes the target's name."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from outline_corpus.align.corpus import Alignment
from outline_corpus.decisions import Decision
from outline_corpus.diverge.records import Divergence, WordGap
from outline_corpus.errors import StoreError
from outline_corpus.languages import language
from outline_corpus.link import Link
from outline_corpus.model import Document
from outline_corpus.store.decisions import insert as insert_decisions
from outline_corpus.store.schema import SCHEMA, SCHEMA_VERSION, TRIGRAM_TABLE, WORD_TABLES


def _units(doc: Document) -> Iterator[tuple[Any, ...]]:
    """Rows of the units table: id, doc, kind, number, label, title, part, article,
    start, end, text, path (the unit tree's path, steps joined by ``/``), parent."""
    tree = {u.id: u for u in doc.units}
    for row in _unit_rows(doc):
        node = tree.get(row[0])
        yield (*row, "/".join(node.path) if node else "", node.parent if node else None)


def _unit_rows(doc: Document) -> Iterator[tuple[Any, ...]]:
    for f in (*doc.front_matter, *doc.back_matter):
        kind = "back" if f.kind == "back-matter" else "front"
        yield (f.id, doc.id, kind, f.index, f.kind, None, None, None, f.start, f.end, f.text)
    for p in doc.preamble:
        yield (p.id, doc.id, doc.preamble_unit[1], p.index, None, None, None, None, p.start, p.end,
               p.text)
    for part in doc.parts:
        yield (part.id, doc.id, part.kind, part.number, part.heading.label, part.title,
               part.number, None, part.start, part.end, doc.text[part.start:part.end])
    for art in doc.articles:
        yield (art.id, doc.id, "article", art.number, art.heading.label, art.title, art.part,
               art.number, art.start, art.end, doc.text[art.start:art.end])
        for item in art.items:
            yield (item.id, doc.id, "item", item.number, item.marker, None, art.part,
                   art.number, item.start, item.end, item.text)
    for turn in doc.turns:
        yield (turn.id, doc.id, "turn", turn.index, turn.kind, turn.speaker, None, None,
               turn.start, turn.end, doc.text[turn.start:turn.end])


def bead_divergences(al: Alignment, records: list[Divergence]) -> list[list[str]]:
    """For each bead of ``al``, the ids of the records placed on it (see
    :func:`outline_corpus.diverge.place.place`), in record order."""
    on: dict[str, list[str]] = {}
    for r in records:
        for bid in r.beads:
            on.setdefault(bid, []).append(r.id)
    return [on.get(bid, []) for bid in al.bead_ids]


def write_store(path: str | Path, docs: list[Document], alignments: list[Alignment],
                records: list[Divergence], signature: dict[str, Any],
                links: list[Link] | None = None,
                vectors: dict[str, np.ndarray] | None = None, model: str = "",
                gaps: list[WordGap] | None = None,
                decisions: list[Decision] | None = None) -> Path:
    """Write the database to ``path`` atomically; returns the path. ``vectors`` are
    sentence embeddings by sentence id, from the embedding model ``model``; ``gaps``
    the word gaps of the divergence stage; ``decisions`` reviewers' decisions (of the
    previous build), matched to this build's records and beads."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        db = sqlite3.connect(tmp)
        try:
            db.executescript(SCHEMA)
            with db:
                _fill(db, docs, alignments, records, signature)
                db.execute("INSERT INTO meta VALUES ('model', ?)", (model,))
                db.executemany("INSERT INTO embeddings SELECT rowid, ? FROM sentences "
                               "WHERE id = ?", [(v.astype(np.float32).tobytes(), sid)
                                                for sid, v in (vectors or {}).items()])
                db.executemany("INSERT INTO word_gaps VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                               [_gap_row(g) for g in gaps or ()])
                db.executemany("INSERT INTO links VALUES (?,?,?,?,?,?,?)",
                               [(k.unit, k.doc, k.original, k.article, k.score, k.rank, k.text)
                                for k in links or ()])
                insert_decisions(db, decisions or [])
                _index(db)
            _check_references(db, target)
        finally:
            db.close()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _gap_row(g: WordGap) -> tuple[Any, ...]:
    return (g.translation, g.bead, g.side, g.sentence, g.start, g.end, g.text, g.unmatched,
            g.confidence, g.weight, round(g.score, 4),
            json.dumps(list(g.glosses), ensure_ascii=False),
            json.dumps(dict(g.others), ensure_ascii=False, sort_keys=True), int(g.shared),
            g.record or None, g.nearest, json.dumps(list(g.repeats), ensure_ascii=False))


def _index(db: sqlite3.Connection) -> None:
    """Fill the full-text indexes from the sentences table: the trigram index with every
    sentence, each word index with the sentences of its language."""
    db.execute(f"INSERT INTO {TRIGRAM_TABLE} ({TRIGRAM_TABLE}) VALUES ('rebuild')")
    for code, table in WORD_TABLES.items():
        db.execute(f"INSERT INTO {table} (rowid, text) SELECT rowid, text FROM sentences "
                   "WHERE lang = ? ORDER BY rowid", (code,))


def _check_references(db: sqlite3.Connection, path: Path) -> None:
    """Raise :class:`StoreError` if a row refers to a row that is not there."""
    bad = db.execute("PRAGMA foreign_key_check").fetchone()
    if bad is not None:
        table, rowid, parent, _ = bad
        raise StoreError(f"{path}: row {rowid} of {table} refers to a missing row of "
                         f"{parent}; the database was not written")


def _record_rows(db: sqlite3.Connection, records: list[Divergence]
                 ) -> tuple[list[tuple[Any, ...]], list[tuple[str, str]]]:
    """Rows of divergence_sentences (each id a record names that is a sentence's, or a
    whole unit's) and of divergence_beads."""
    sentences = {r[0] for r in db.execute("SELECT id FROM sentences")}
    units = {r[0] for r in db.execute("SELECT id FROM units")}
    named: list[tuple[Any, ...]] = []
    for r in records:
        for side, ids in (("original", r.original_ids), ("translation", r.translation_ids)):
            named.extend((r.id, side, k, i if i in sentences else None,
                          i if i in units else None)
                         for k, i in enumerate(ids) if i in sentences or i in units)
    return named, [(r.id, b) for r in records for b in r.beads]


def _fill(db: sqlite3.Connection, docs: list[Document], alignments: list[Alignment],
          records: list[Divergence], signature: dict[str, Any]) -> None:
    db.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("schema_version", str(SCHEMA_VERSION)),
        ("signature", json.dumps(signature, ensure_ascii=False, sort_keys=True))])
    for doc in docs:
        m = doc.meta
        db.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                   (m.id, m.language, m.role, m.work, m.title, m.original, m.publisher,
                    m.date, m.file, m.notes, doc.text))
        db.executemany("INSERT INTO units VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       list(_units(doc)))
        code = language(doc.language).code
        article_no = {a.id: a.number for a in doc.articles}
        db.executemany(
            "INSERT INTO sentences (id, doc, lang, unit, article, item, idx, role, start, "
            "end, text) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(s.id, doc.id, code, s.unit, article_no.get(s.unit), s.item, s.index, s.role,
              s.start, s.end, s.text) for s in doc.all_sentences()])
        db.executemany("INSERT INTO diagnostics VALUES (?,?,?,?,?,?,?,?)",
                       [(doc.id, d.kind, d.unit, d.start, d.end, d.snippet, d.message,
                         int(d.repaired)) for d in doc.diagnostics])
    for al in alignments:
        marks = bead_divergences(al, records)
        for bid, b, ids in zip(al.bead_ids, al.beads, marks, strict=True):
            cur = db.execute(
                "INSERT INTO beads (id, original, translation, kind, score, similarity, "
                "article, source_ids, target_ids, source_text, target_text, divergences) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (bid, al.original, al.translation, b.kind, b.score,
                 b.similarity, b.article, json.dumps(b.source), json.dumps(b.target),
                 b.source_text, b.target_text, json.dumps(ids)))
            db.executemany("INSERT INTO bead_sentences VALUES (?,?,?)",
                           [(cur.lastrowid, sid, "source") for sid in b.source]
                           + [(cur.lastrowid, tid, "target") for tid in b.target])
    db.executemany("INSERT INTO divergences VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [
        (r.id, r.doc, r.kind, r.severity, r.article, json.dumps(r.original_ids),
         json.dumps(r.translation_ids), r.original_text, r.translation_text,
         json.dumps(r.evidence, ensure_ascii=False, sort_keys=True), r.message,
         json.dumps(r.beads)) for r in records])
    named, placed = _record_rows(db, records)
    db.executemany("INSERT INTO divergence_sentences VALUES (?,?,?,?,?)", named)
    db.executemany("INSERT INTO divergence_beads VALUES (?,?)", placed)
