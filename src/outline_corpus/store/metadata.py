"""The Datasette metadata of a corpus database (``corpus.metadata.json`` beside
``corpus.sqlite``): title, description and sources of the corpus, what every table, view
and column holds, and ``sentences_fts`` as the search index of ``sentences`` and
``sentence_view``. Serve them with ``datasette corpus.sqlite -m corpus.metadata.json``."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from outline_corpus.model import DocumentMeta
from outline_corpus.store.schema import SCHEMA_VERSION, TRIGRAM_TABLE

_IDS = "a JSON array of sentence ids (unit ids where a whole unit is meant)"
_SENTENCE = {
    "rowid": "The sentence's number in document order (the full-text indexes' rowid).",
    "id": "Sentence id: {doc}/{unit path}/s-{n}.",
    "doc": "The document (documents.id).",
    "lang": "Language code (zh, en).",
    "unit": "The unit the sentence is in (units.id; for the preamble, the preamble "
            "itself, whose paragraphs are the units with that parent).",
    "article": "The article number, if the sentence is in an article.",
    "item": "The list item number, if the sentence is in a list item.",
    "idx": "Position of the sentence in its unit, from 0.",
    "role": "body, heading, item, …",
    "start": "Character offset of the sentence in documents.text.",
    "end": "Character offset of its end (exclusive).",
    "text": "The sentence.",
}

#: Every table and view: (description, {column: description}).
TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "documents": ("One row per text of the manifest: an original, a translation or a "
                  "related document, with its raw text.", {
        "id": "Document id, as in the manifest.", "language": "BCP 47 language tag.",
        "role": "original, translation or related.",
        "work": "The work the document belongs to.", "title": "Title.",
        "original": "For a translation: the id of its original.", "publisher": "Publisher.",
        "date": "Date.", "file": "The raw file's name.", "notes": "The manifest's notes.",
        "text": "The raw text every start/end offset counts in."}),
    "units": ("Structural units: front and back matter, preamble paragraphs, parts, "
              "chapters, sections, articles, list items, turns.", {
        "id": "Unit id: {doc}/{path}.", "doc": "The document (documents.id).",
        "kind": "front, back, preamble, text, part, volume, subvolume, chapter, section, "
                "article, item or turn.",
        "number": "The unit's number (an index for front matter and turns).",
        "label": "The heading label or list marker as written (第十四条, (14), 1.).",
        "title": "A heading's title (turns: the speaker).",
        "part": "The number of the part it is in.", "article": "The article it is in.",
        "start": "Character offset in documents.text.", "end": "End offset (exclusive).",
        "text": "The unit's text.", "path": "Its steps in the unit tree, joined by /.",
        "parent": "The id of the unit above it."}),
    "sentences": ("Every sentence of every document; search it with the box above "
                  f"({TRIGRAM_TABLE}: any text of three or more characters, Chinese or "
                  "English).", _SENTENCE),
    "beads": ("Alignment beads: m:n groups of sentences of an original and a translation "
              "that render each other, in order.", {
        "rowid": "The bead's number in order.", "id": "Bead id: {translation}/b-{n}.",
        "original": "The original (documents.id).",
        "translation": "The translation (documents.id).",
        "kind": "Chinese:English sentence counts, 1:1, 2:1, …; 1:0 untranslated, 0:1 "
                "added.",
        "score": "The aligner's confidence, 0-1.",
        "similarity": "Cosine of the two sides, -1 to 1 (none for 1:0 and 0:1).",
        "article": "The article number.", "source_ids": "The original's sentence ids (JSON).",
        "target_ids": "The translation's sentence ids (JSON).",
        "source_text": "The original's sentences.", "target_text": "The translation's.",
        "divergences": "Ids of the divergence records placed on the bead (JSON)."}),
    "bead_sentences": ("Which sentences each bead holds, and on which side.", {
        "bead": "The bead (beads.rowid).", "sentence": "The sentence (sentences.id).",
        "side": "source (the original) or target (the translation)."}),
    "divergences": ("Divergence records: what a reviewing translator must know about a "
                    "translation (omissions, additions, number differences, …).", {
        "id": "Record id.", "doc": "The translation concerned (the original for "
                                   "source_noise and source_suspect).",
        "kind": "omission, addition, number_mismatch, missing_article, …",
        "severity": "high, medium or low.", "article": "The article number.",
        "original_ids": f"The original's side: {_IDS}.",
        "translation_ids": f"The translation's side: {_IDS}.",
        "original_text": "The exact span of the original concerned.",
        "translation_text": "The exact span of the translation concerned.",
        "evidence": "The measures behind the record (JSON).", "message": "What it says.",
        "beads": "Ids of the beads it concerns (JSON)."}),
    "divergence_sentences": ("The sentences (or whole units) each divergence record "
                             "names, one row each.", {
        "divergence": "The record (divergences.id).",
        "side": "original or translation.", "position": "Order in the record's list.",
        "sentence": "The sentence (sentences.id), when a sentence is named.",
        "unit": "The unit (units.id), when a whole unit is named."}),
    "divergence_beads": ("The beads each divergence record is placed on.", {
        "divergence": "The record (divergences.id).", "bead": "The bead (beads.id)."}),
    "word_gaps": ("Words without counterpart in a bead: Chinese words a translation "
                  "leaves unrendered, English words without source.", {
        "translation": "The translation (documents.id).", "bead": "The bead (beads.id).",
        "side": "original (a Chinese word) or translation (English words).",
        "sentence": "The sentence holding the word (sentences.id).",
        "start": "Offset of the word in the sentence (original side) or in the bead's "
                 "translation text.", "end": "End offset (exclusive).",
        "text": "The word.", "unmatched": "How unlike everything on the other side, 0-1.",
        "confidence": "Confidence that the gap is real, 0-1.",
        "weight": "Content weight, 0-1.", "score": "confidence × weight.",
        "glosses": "Dictionary glosses of a Chinese word (JSON).",
        "others": "What each other translation has there (JSON).",
        "shared": "1 if every other translation has the same gap.",
        "record": "The record made of it (divergences.id), if any.",
        "nearest": "The English text closest to an unrendered Chinese word.",
        "repeats": "For a restated English clause or a word said twice, the Chinese "
                   "words whose renderings it says again (JSON)."}),
    "diagnostics": ("What the parser repaired or found in the raw texts.", {
        "doc": "The document (documents.id).", "kind": "page_break_join, "
                                                        "duplicated_phrase, …",
        "unit": "The unit or sentence id.", "start": "Offset in documents.text.",
        "end": "End offset.", "snippet": "The raw text concerned.", "message": "Message.",
        "repaired": "1 if the parser repaired it."}),
    "links": ("Passages of related documents and the articles of an original they "
              "discuss.", {
        "unit": "The passage's paragraph id.", "doc": "The related document.",
        "original": "The original (documents.id).", "article": "The article discussed.",
        "score": "Similarity score.", "rank": "Rank among the passage's articles, from 1.",
        "text": "The passage."}),
    "decisions": ("Reviewers' decisions on records and beads (outline-corpus review "
                  "import), carried into each rebuild.", {
        "target": "record or bead.", "doc": "The translation concerned.",
        "key": "The record id, or the bead's [translation, source ids, target ids] "
               "(JSON).",
        "digest": "Fingerprint of the texts the decision was made on.",
        "status": "confirmed, not_a_divergence, fixed, or \"\" (a comment alone).",
        "comment": "The reviewer's comment.", "reviewer": "Who decided.",
        "updated": "When (ISO 8601, UTC); the newer of two decisions wins.",
        "record": "The record of this build it applies to (divergences.id); NULL: none.",
        "bead": "The bead of this build it applies to (beads.id); NULL: none."}),
    "embeddings": ("Sentence embeddings of the build's model (float32 vectors), for "
                   "semantic search.", {"rowid": "The sentence (sentences.rowid).",
                                        "vec": "The vector."}),
    "meta": ("The schema version, the build's signature (every setting) and model.", {
        "key": "schema_version, signature or model.", "value": "Its value."}),
    "sentence_view": ("Each sentence with its document, unit path and renderings; the "
                      "search box searches the sentences.", {
        **_SENTENCE, "doc_title": "The document's title.",
        "doc_role": "original, translation or related.", "work": "The work.",
        "unit_path": "The unit's path in the document (art-14, chap-2/art-12, preamble).",
        "renderings": "The aligned text of the other side, by document: a JSON object "
                      "{doc: text} (\"\" where the sentence is left unrendered).",
        "beads": "Ids of the beads holding the sentence (JSON)."}),
    "rendering_view": ("One row per sentence and bead: the sentence and the other side "
                       "of the bead.", {
        "rowid": "The sentence (sentences.rowid).", "sentence": "The sentence id.",
        "doc": "Its document.", "lang": "Its language.", "article": "Its article.",
        "text": "The sentence.", "bead": "The bead (beads.id).", "kind": "The bead kind.",
        "score": "The aligner's confidence.", "similarity": "Cosine of the two sides.",
        "other_doc": "The document on the other side.",
        "other_ids": "Its sentence ids (JSON).",
        "other_text": "Its text (\"\" for nothing).",
        "divergences": "Records placed on the bead (JSON)."}),
    "record_view": ("Each divergence record with the texts of both sides: the exact "
                    "spans and the whole sentences (or units) it names.", {
        "rowid": "The record's number in report order.", "id": "Record id.",
        "doc": "The translation concerned.", "original": "Its original.",
        "kind": "Record kind.", "severity": "high, medium or low.",
        "article": "The article number.", "message": "What it says.",
        "original_text": "The exact span of the original.",
        "translation_text": "The exact span of the translation.",
        "original_sentences": "The original's sentences (or units) the record names.",
        "translation_sentences": "The translation's sentences (or units) it names.",
        "original_ids": "Their ids (JSON).", "translation_ids": "Their ids (JSON).",
        "beads": "The beads it concerns (JSON).", "evidence": "Its evidence (JSON).",
        "review_status": "The reviewer's status: confirmed, not_a_divergence, fixed "
                         "(\"\": a comment alone; NULL: no decision).",
        "review_comment": "The reviewer's comment.", "reviewer": "Who decided.",
        "reviewed": "When (ISO 8601, UTC)."}),
    TRIGRAM_TABLE: ("Full-text index of sentences.text, every language (FTS5, trigram "
                    "tokenizer; external content: rowid = sentences.rowid). MATCH finds "
                    "any string of three or more characters, in either case.",
                    {"text": "The sentence."}),
    "fts_en": ("Full-text index of the English sentences, porter-stemmed (FTS5; "
               "rowid = sentences.rowid): vaccine finds vaccines.", {"text": "The sentence."}),
}

#: The search index of a table or view, as Datasette reads it.
_SEARCH = {"fts_table": TRIGRAM_TABLE, "fts_pk": "rowid"}
_LABELS = {"documents": "title", "units": "path", "sentences": "text", "beads": "id",
           "divergences": "message"}


def metadata_path(db: str | Path) -> Path:
    """Where the metadata of database ``db`` goes: ``corpus.sqlite`` →
    ``corpus.metadata.json``."""
    p = Path(db)
    return p.with_name(f"{p.stem}.metadata.json")


def datasette_metadata(name: str, docs: Sequence[DocumentMeta], counts: Mapping[str, int]
                       ) -> dict[str, Any]:
    """The metadata of a corpus database of documents ``docs`` served under the name
    ``name``; ``counts`` gives its ``sentences``, ``beads`` and ``divergences``."""
    tables: dict[str, Any] = {}
    for table, (description, columns) in TABLES.items():
        entry: dict[str, Any] = {"description": description, "columns": columns}
        if table in ("sentences", "sentence_view"):
            entry.update(_SEARCH)
        if table in _LABELS:
            entry["label_column"] = _LABELS[table]
        tables[table] = entry
    originals = [d.title for d in docs if d.role == "original"]
    return {
        "title": " · ".join(originals) or "Aligned corpus",
        "description": (f"{len(docs)} documents ({', '.join(d.id for d in docs)}) aligned "
                        f"sentence by sentence: {counts['sentences']} sentences, "
                        f"{counts['beads']} alignment beads, {counts['divergences']} "
                        f"divergence records. Schema version {SCHEMA_VERSION}."),
        "license": "Not stated: each text is its publisher's (documents.publisher).",
        "source": "; ".join(f"{d.id}: {d.publisher}" for d in docs if d.publisher),
        "databases": {name: {"tables": tables}},
    }


def write_metadata(db_path: str | Path, docs: Sequence[DocumentMeta],
                   counts: Mapping[str, int]) -> Path:
    """Write the metadata of the database to be at ``db_path`` beside it (see
    :func:`datasette_metadata`); returns its path."""
    path = Path(db_path)
    target = metadata_path(path)
    meta = datasette_metadata(path.stem, docs, counts)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target
