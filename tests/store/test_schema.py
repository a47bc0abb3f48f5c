"""The database explains itself to any SQLite client: declared references that hold,
a trigram full-text index any client can MATCH, views joining sentences to their
renderings and records to their texts, and a Datasette metadata file describing every
table, view and column."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from outline_corpus.store.metadata import TABLES, metadata_path
from outline_corpus.store.schema import SCHEMA_VERSION


@pytest.fixture(scope="module")
def db(built: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{built}?mode=ro", uri=True)


def _like(db: sqlite3.Connection, text: str) -> set[str]:
    return {r[0] for r in db.execute("SELECT id FROM sentences WHERE instr(text, ?) > 0",
                                     (text,))}


def test_references_are_declared_and_hold(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    refs = {(table, row[3], row[2], row[4]) for table in (
        "units", "sentences", "beads", "bead_sentences", "divergences",
        "divergence_sentences", "divergence_beads", "word_gaps", "embeddings")
        for row in db.execute(f"PRAGMA foreign_key_list({table})")}
    assert refs >= {
        ("units", "doc", "documents", "id"), ("sentences", "doc", "documents", "id"),
        ("beads", "original", "documents", "id"), ("beads", "translation", "documents", "id"),
        ("bead_sentences", "bead", "beads", "rowid"),
        ("bead_sentences", "sentence", "sentences", "id"),
        ("divergences", "doc", "documents", "id"),
        ("divergence_sentences", "divergence", "divergences", "id"),
        ("divergence_sentences", "sentence", "sentences", "id"),
        ("divergence_sentences", "unit", "units", "id"),
        ("divergence_beads", "bead", "beads", "id"),
        ("word_gaps", "record", "divergences", "id"),
        ("embeddings", "rowid", "sentences", "rowid")}


def test_divergence_links_mirror_the_json_lists(db: sqlite3.Connection) -> None:
    named = {}
    for rid, side, sentence, unit in db.execute(
            "SELECT divergence, side, sentence, unit FROM divergence_sentences "
            "ORDER BY divergence, side, position"):
        named.setdefault((rid, side), []).append(sentence or unit)
    for rid, original, translation, beads in db.execute(
            "SELECT id, original_ids, translation_ids, beads FROM divergences"):
        assert named.get((rid, "original"), []) == json.loads(original)
        assert named.get((rid, "translation"), []) == json.loads(translation)
        placed = [r[0] for r in db.execute("SELECT bead FROM divergence_beads WHERE "
                                           "divergence = ? ORDER BY rowid", (rid,))]
        assert placed == json.loads(beads)


def test_a_plain_client_finds_chinese_and_english_through_sentences_fts(
        db: sqlite3.Connection) -> None:
    sql = ("SELECT s.id FROM sentences_fts JOIN sentences s ON s.rowid = sentences_fts.rowid "
           "WHERE sentences_fts MATCH ?")
    found = {r[0] for r in db.execute(sql, ("质量强国",))}
    assert found == _like(db, "质量强国") and "outline.zh/art-30/s-3" in found
    english = {r[0] for r in db.execute(sql, ('"time-honored brands"',))}
    assert {"outline.en.a/art-21/s-5", "outline.en.b/art-21/s-5"} <= english
    assert english == {r[0] for r in db.execute(
        "SELECT id FROM sentences WHERE lower(text) LIKE '%time-honored brands%'")}
    stemmed = {r[0] for r in db.execute(
        "SELECT s.id FROM fts_en JOIN sentences s ON s.rowid = fts_en.rowid "
        "WHERE fts_en MATCH 'vaccine'")}
    assert stemmed == {"outline.en.b/art-10/s-9"}  # porter: vaccine finds vaccines
    indexed = db.execute("SELECT count(*) FROM fts_en_docsize").fetchone()[0]  # the rows
    assert indexed == db.execute("SELECT count(*) FROM sentences WHERE lang = 'en'"
                                 ).fetchone()[0]


def test_sentence_view_gives_document_path_and_renderings(db: sqlite3.Connection) -> None:
    db.row_factory = sqlite3.Row
    try:
        row = db.execute("SELECT * FROM sentence_view WHERE id = 'outline.zh/art-14/s-3'"
                         ).fetchone()
        back = db.execute("SELECT * FROM sentence_view WHERE id = 'outline.en.b/art-14/s-3'"
                          ).fetchone()
        preamble = db.execute("SELECT unit_path FROM sentence_view WHERE id = "
                              "'outline.zh/preamble/s-1'").fetchone()
    finally:
        db.row_factory = None
    assert (row["doc"], row["doc_title"], row["doc_role"], row["lang"], row["article"]) == (
        "outline.zh", "质量强国建设纲要", "original", "zh", 14)
    assert row["unit_path"].split("/")[-1] == "art-14"
    assert row["text"] == "大力发展绿色建材,完善绿色建材产品标准和认证评价体系,倡导选用绿色建材。"
    renderings = json.loads(row["renderings"])
    assert sorted(renderings) == ["outline.en.a", "outline.en.b"]
    assert renderings["outline.en.b"] == back["text"]
    assert json.loads(back["renderings"]) == {"outline.zh": row["text"]}
    assert preamble["unit_path"] == "preamble"


def test_every_sentence_view_rendering_is_its_beads_other_side(
        db: sqlite3.Connection) -> None:
    expected: dict[str, set[str]] = {}
    for sentence, other in db.execute(
            "SELECT sentence, other_doc FROM rendering_view"):
        expected.setdefault(sentence, set()).add(other)
    for sid, renderings in db.execute("SELECT id, renderings FROM sentence_view"):
        assert set(json.loads(renderings or "{}")) == expected.get(sid, set()), sid


def test_record_view_gives_the_texts_of_both_sides(db: sqlite3.Connection) -> None:
    original, translation = db.execute(
        "SELECT original_sentences, translation_sentences FROM record_view WHERE id = "
        "'outline.en.a/missing_article/outline.zh/art-10'").fetchone()
    assert original.startswith("(十)提高农产品食品药品质量安全水平。")  # the whole article
    assert translation is None  # translation A has no article 10
    for rid, span, whole in db.execute(
            "SELECT id, original_text, original_sentences FROM record_view WHERE kind = "
            "'omission'"):
        assert span and span in whole, rid  # the span omitted, in its whole sentence


def test_metadata_file_describes_every_table_view_and_column(built: Path,
                                                             db: sqlite3.Connection) -> None:
    path = metadata_path(built)
    assert path == built.parent / "corpus.metadata.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    assert meta["title"] == "质量强国建设纲要" and f"Schema version {SCHEMA_VERSION}" in (
        meta["description"])
    tables = meta["databases"]["corpus"]["tables"]
    for table in ("sentences", "sentence_view"):
        assert (tables[table]["fts_table"], tables[table]["fts_pk"]) == ("sentences_fts",
                                                                          "rowid")
    shadow = {f"{t}_{part}" for t in ("sentences_fts", "fts_en")
              for part in ("data", "idx", "docsize", "config")}
    shown = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
        if r[0] not in shadow]
    assert sorted(tables) == sorted(TABLES) == shown
    for table, entry in tables.items():
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
        assert entry["description"] and sorted(entry["columns"]) == sorted(
            c for c in columns if c in entry["columns"]), table
        assert set(columns) - {"rowid"} <= set(entry["columns"]), table


def test_tables_are_strict_and_refuse_a_wrong_type(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "corpus.sqlite"
    copy.write_bytes(built.read_bytes())
    db = sqlite3.connect(copy)
    try:
        tables = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND "
                            "sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%fts%'"
                            ).fetchall()
        assert tables and all(sql.rstrip().endswith("STRICT") for _, sql in tables)
        for statement in ("UPDATE sentences SET article = 'x'",
                          "UPDATE beads SET score = 'high'",
                          "UPDATE units SET number = 'five'"):
            with pytest.raises(sqlite3.IntegrityError, match="cannot store TEXT value"):
                db.execute(statement)
    finally:
        db.close()
