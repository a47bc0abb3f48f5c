"""The corpus database: one SQLite file with documents, units, sentences, beads,
divergences, the word gaps behind word-level divergences, diagnostics, full-text indexes,
views joining them, a reviewer's decisions, and the build's signature.

Every table names what it refers to (``REFERENCES``), so ``PRAGMA foreign_key_check``
holds and tools such as Datasette link the rows, and is ``STRICT``: SQLite refuses a
value of the wrong type (``UPDATE sentences SET article = 'x'``) instead of storing it,
so a database altered by hand cannot hold what no build writes. The full-text index of
``sentences`` is ``sentences_fts``: an external-content FTS5 table
(``content="sentences"``, the form Datasette and sqlite-utils detect) with the
``trigram`` tokenizer, so that any SQLite client finds a Chinese or English string of
three or more characters with a plain ``MATCH``. ``fts_en`` indexes the English
sentences again with porter stemming.

``decisions`` holds what reviewers said of records and beads (see
:mod:`outline_corpus.decisions`), keyed so that a rebuild carries them over; its
``record`` and ``bead`` columns name the record or bead of this build each applies to
(NULL: none does any more)."""

from __future__ import annotations

SCHEMA_VERSION = 10  # 9: decisions, STRICT tables; 10: word_gaps.repeats

#: The trigram index of every sentence, whatever its language.
TRIGRAM_TABLE = "sentences_fts"
#: The word index (stemmed) of each language that has one; a language without one is
#: searched through :data:`TRIGRAM_TABLE`.
WORD_TABLES = {"en": "fts_en"}
#: The fewest characters a trigram index matches.
TRIGRAM = 3

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE documents (
  id TEXT PRIMARY KEY, language TEXT NOT NULL, role TEXT NOT NULL, work TEXT NOT NULL,
  title TEXT NOT NULL, original TEXT REFERENCES documents(id), publisher TEXT, date TEXT,
  file TEXT NOT NULL, notes TEXT, text TEXT NOT NULL) STRICT;
CREATE TABLE units (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL REFERENCES documents(id), kind TEXT NOT NULL,
  number INTEGER, label TEXT, title TEXT, part INTEGER, article INTEGER,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL, text TEXT NOT NULL, path TEXT NOT NULL, parent TEXT) STRICT;
CREATE INDEX units_doc ON units(doc);
CREATE TABLE sentences (
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
  doc TEXT NOT NULL REFERENCES documents(id), lang TEXT NOT NULL,
  unit TEXT NOT NULL, article INTEGER, item INTEGER, idx INTEGER NOT NULL,
  role TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL) STRICT;
CREATE INDEX sentences_doc ON sentences(doc, article);
CREATE INDEX sentences_lang ON sentences(lang);
CREATE TABLE beads (
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
  original TEXT NOT NULL REFERENCES documents(id),
  translation TEXT NOT NULL REFERENCES documents(id), kind TEXT NOT NULL, score REAL NOT NULL,
  similarity REAL, article INTEGER, source_ids TEXT NOT NULL, target_ids TEXT NOT NULL,
  source_text TEXT NOT NULL, target_text TEXT NOT NULL, divergences TEXT NOT NULL) STRICT;
CREATE INDEX beads_translation ON beads(translation);
CREATE TABLE bead_sentences (
  bead INTEGER NOT NULL REFERENCES beads(rowid),
  sentence TEXT NOT NULL REFERENCES sentences(id), side TEXT NOT NULL) STRICT;
CREATE INDEX bead_sentences_sentence ON bead_sentences(sentence);
CREATE INDEX bead_sentences_bead ON bead_sentences(bead);
CREATE TABLE divergences (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL REFERENCES documents(id), kind TEXT NOT NULL,
  severity TEXT NOT NULL, article INTEGER, original_ids TEXT NOT NULL,
  translation_ids TEXT NOT NULL, original_text TEXT NOT NULL, translation_text TEXT NOT NULL,
  evidence TEXT NOT NULL, message TEXT NOT NULL, beads TEXT NOT NULL) STRICT;
CREATE TABLE divergence_sentences (
  divergence TEXT NOT NULL REFERENCES divergences(id), side TEXT NOT NULL,
  position INTEGER NOT NULL, sentence TEXT REFERENCES sentences(id),
  unit TEXT REFERENCES units(id)) STRICT;
CREATE INDEX divergence_sentences_divergence ON divergence_sentences(divergence);
CREATE INDEX divergence_sentences_sentence ON divergence_sentences(sentence);
CREATE TABLE divergence_beads (
  divergence TEXT NOT NULL REFERENCES divergences(id),
  bead TEXT NOT NULL REFERENCES beads(id)) STRICT;
CREATE INDEX divergence_beads_bead ON divergence_beads(bead);
CREATE TABLE word_gaps (
  translation TEXT NOT NULL REFERENCES documents(id), bead TEXT NOT NULL REFERENCES beads(id),
  side TEXT NOT NULL, sentence TEXT NOT NULL REFERENCES sentences(id),
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, unmatched REAL NOT NULL,
  confidence REAL NOT NULL, weight REAL NOT NULL, score REAL NOT NULL, glosses TEXT NOT NULL,
  others TEXT NOT NULL, shared INTEGER NOT NULL, record TEXT REFERENCES divergences(id),
  nearest TEXT NOT NULL, repeats TEXT NOT NULL) STRICT;
CREATE INDEX word_gaps_bead ON word_gaps(bead);
CREATE TABLE diagnostics (
  doc TEXT NOT NULL REFERENCES documents(id), kind TEXT NOT NULL, unit TEXT NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL, snippet TEXT NOT NULL, message TEXT NOT NULL,
  repaired INTEGER NOT NULL) STRICT;
CREATE TABLE links (
  unit TEXT NOT NULL, doc TEXT NOT NULL REFERENCES documents(id),
  original TEXT NOT NULL REFERENCES documents(id), article INTEGER NOT NULL,
  score REAL NOT NULL, rank INTEGER NOT NULL, text TEXT NOT NULL) STRICT;
CREATE INDEX links_article ON links(original, article);
CREATE TABLE decisions (
  target TEXT NOT NULL CHECK (target IN ('record', 'bead')), doc TEXT NOT NULL,
  key TEXT NOT NULL, digest TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('', 'confirmed', 'not_a_divergence', 'fixed')),
  comment TEXT NOT NULL, reviewer TEXT NOT NULL, updated TEXT NOT NULL,
  record TEXT REFERENCES divergences(id), bead TEXT REFERENCES beads(id),
  PRIMARY KEY (target, key)) STRICT;
CREATE INDEX decisions_record ON decisions(record);
CREATE INDEX decisions_bead ON decisions(bead);
CREATE TABLE embeddings (
  rowid INTEGER PRIMARY KEY REFERENCES sentences(rowid), vec BLOB NOT NULL) STRICT;
"""

# sentences_fts is created first and is the only table naming content="sentences" in
# double quotes: that is the form (and the first match) Datasette and sqlite-utils take
# for the search index of a table.
_INDEXES = """
CREATE VIRTUAL TABLE sentences_fts USING fts5(
  text, content="sentences", content_rowid="rowid", tokenize="trigram");
CREATE VIRTUAL TABLE fts_en USING fts5(
  text, content='sentences', content_rowid='rowid', tokenize='porter unicode61');
"""

# The views: a sentence with its document, unit path and renderings; one row per
# sentence and bead; a divergence record with the texts of both sides.
_VIEWS = """
CREATE VIEW sentence_view AS
SELECT s.rowid AS rowid, s.id, s.doc, d.title AS doc_title, d.role AS doc_role, d.work,
  s.lang, s.unit, coalesce(u.path, substr(s.unit, length(s.doc) + 2)) AS unit_path,
  s.article, s.item, s.idx, s.role, s.start, s.end, s.text,
  (SELECT json_group_object(other, other_text) FROM (
     SELECT CASE bs.side WHEN 'source' THEN b.translation ELSE b.original END AS other,
            CASE bs.side WHEN 'source' THEN b.target_text ELSE b.source_text END
              AS other_text
     FROM bead_sentences bs JOIN beads b ON b.rowid = bs.bead
     WHERE bs.sentence = s.id ORDER BY b.rowid)) AS renderings,
  (SELECT json_group_array(id) FROM (
     SELECT b.id FROM bead_sentences bs JOIN beads b ON b.rowid = bs.bead
     WHERE bs.sentence = s.id ORDER BY b.rowid)) AS beads
FROM sentences s JOIN documents d ON d.id = s.doc LEFT JOIN units u ON u.id = s.unit;
CREATE VIEW rendering_view AS
SELECT s.rowid AS rowid, s.id AS sentence, s.doc, s.lang, s.article, s.text, b.id AS bead,
  b.kind, b.score, b.similarity,
  CASE bs.side WHEN 'source' THEN b.translation ELSE b.original END AS other_doc,
  CASE bs.side WHEN 'source' THEN b.target_ids ELSE b.source_ids END AS other_ids,
  CASE bs.side WHEN 'source' THEN b.target_text ELSE b.source_text END AS other_text,
  b.divergences
FROM bead_sentences bs JOIN beads b ON b.rowid = bs.bead JOIN sentences s ON s.id = bs.sentence;
CREATE VIEW record_view AS
SELECT r.rowid AS rowid, r.id, r.doc, d.original, r.kind, r.severity, r.article, r.message,
  r.original_text, r.translation_text,
  (SELECT group_concat(text, ' ') FROM (
     SELECT coalesce(s.text, u.text) AS text FROM divergence_sentences x
     LEFT JOIN sentences s ON s.id = x.sentence LEFT JOIN units u ON u.id = x.unit
     WHERE x.divergence = r.id AND x.side = 'original' ORDER BY x.position))
    AS original_sentences,
  (SELECT group_concat(text, ' ') FROM (
     SELECT coalesce(s.text, u.text) AS text FROM divergence_sentences x
     LEFT JOIN sentences s ON s.id = x.sentence LEFT JOIN units u ON u.id = x.unit
     WHERE x.divergence = r.id AND x.side = 'translation' ORDER BY x.position))
    AS translation_sentences,
  r.original_ids, r.translation_ids, r.beads, r.evidence,
  v.status AS review_status, v.comment AS review_comment, v.reviewer, v.updated AS reviewed
FROM divergences r JOIN documents d ON d.id = r.doc
  LEFT JOIN decisions v ON v.record = r.id;
"""


SCHEMA = _TABLES + _INDEXES + _VIEWS
