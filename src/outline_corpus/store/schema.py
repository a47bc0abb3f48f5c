"""The corpus database: one SQLite file with documents, units, sentences, beads,
divergences, the word gaps behind word-level divergences, diagnostics, bilingual
full-text indexes and the build's signature."""

from __future__ import annotations

SCHEMA_VERSION = 7

#: The indexed column of each full-text table (the language registry names the table).
FTS_COLUMN = {"fts_en": "text", "fts_zh": "tokens"}

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
  id TEXT PRIMARY KEY, language TEXT NOT NULL, role TEXT NOT NULL, work TEXT NOT NULL,
  title TEXT NOT NULL, original TEXT, publisher TEXT, date TEXT, file TEXT NOT NULL,
  notes TEXT, text TEXT NOT NULL);
CREATE TABLE units (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL REFERENCES documents(id), kind TEXT NOT NULL,
  number INTEGER, label TEXT, title TEXT, part INTEGER, article INTEGER,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL, text TEXT NOT NULL, path TEXT NOT NULL, parent TEXT);
CREATE TABLE sentences (
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL, lang TEXT NOT NULL,
  unit TEXT NOT NULL, article INTEGER, item INTEGER, idx INTEGER NOT NULL,
  role TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX sentences_doc ON sentences(doc, article);
CREATE TABLE beads (
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, original TEXT NOT NULL,
  translation TEXT NOT NULL, kind TEXT NOT NULL, score REAL NOT NULL, similarity REAL,
  article INTEGER, source_ids TEXT NOT NULL, target_ids TEXT NOT NULL,
  source_text TEXT NOT NULL, target_text TEXT NOT NULL, divergences TEXT NOT NULL);
CREATE TABLE bead_sentences (
  bead INTEGER NOT NULL REFERENCES beads(rowid), sentence TEXT NOT NULL, side TEXT NOT NULL);
CREATE INDEX bead_sentences_sentence ON bead_sentences(sentence);
CREATE TABLE divergences (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL, kind TEXT NOT NULL, severity TEXT NOT NULL,
  article INTEGER, original_ids TEXT NOT NULL, translation_ids TEXT NOT NULL,
  original_text TEXT NOT NULL, translation_text TEXT NOT NULL, evidence TEXT NOT NULL,
  message TEXT NOT NULL, beads TEXT NOT NULL);
CREATE TABLE word_gaps (
  translation TEXT NOT NULL, bead TEXT NOT NULL, side TEXT NOT NULL, sentence TEXT NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, unmatched REAL NOT NULL,
  confidence REAL NOT NULL, weight REAL NOT NULL, score REAL NOT NULL, glosses TEXT NOT NULL,
  others TEXT NOT NULL, shared INTEGER NOT NULL, record TEXT NOT NULL,
  nearest TEXT NOT NULL);
CREATE INDEX word_gaps_bead ON word_gaps(bead);
CREATE TABLE diagnostics (
  doc TEXT NOT NULL, kind TEXT NOT NULL, unit TEXT NOT NULL, start INTEGER NOT NULL,
  end INTEGER NOT NULL, snippet TEXT NOT NULL, message TEXT NOT NULL,
  repaired INTEGER NOT NULL);
CREATE TABLE links (
  unit TEXT NOT NULL, doc TEXT NOT NULL, original TEXT NOT NULL, article INTEGER NOT NULL,
  score REAL NOT NULL, rank INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX links_article ON links(original, article);
CREATE TABLE embeddings (rowid INTEGER PRIMARY KEY, vec BLOB NOT NULL);
CREATE VIRTUAL TABLE fts_en USING fts5(text, tokenize = 'porter unicode61');
CREATE VIRTUAL TABLE fts_zh USING fts5(tokens, tokenize = 'unicode61');
"""
