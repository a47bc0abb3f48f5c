"""The parallel concordance of search hits: for each sentence, the original's sentences
it is aligned with and every other version's rendering of them, read for all the hits
at once (two queries per few hundred hits, not two per hit)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from outline_corpus.store.rows import json_list

#: Sentence ids per query (well under SQLite's limit on bound parameters).
BATCH = 500

Parallel = dict[str, dict[str, Any]]


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(ids), BATCH):
        yield ids[i:i + BATCH]


def parallels(db: sqlite3.Connection, sentence_ids: list[str]) -> dict[str, Parallel]:
    """Each sentence's counterparts, by sentence id: ``{doc: {"ids", "text", "kind"}}``
    for the original it is aligned with (when it is a translation's) and for every
    translation's rendering of those sentences of the original (its own document
    left out, as are the beads holding the sentence itself)."""
    wanted = list(dict.fromkeys(sentence_ids))
    out: dict[str, Parallel] = {sid: {} for sid in wanted}
    sources: dict[str, set[str]] = {sid: set() for sid in wanted}
    for chunk in _chunks(wanted):
        marks = ",".join("?" * len(chunk))
        for sid, original, kind, src, src_text, side in db.execute(
                "SELECT bs.sentence, b.original, b.kind, b.source_ids, b.source_text, bs.side "
                f"FROM bead_sentences bs JOIN beads b ON b.rowid = bs.bead WHERE bs.sentence "
                f"IN ({marks}) ORDER BY bs.sentence, b.rowid", chunk):
            sources[sid].update(json_list(src))
            if side == "target":
                out[sid][original] = {"ids": list(json_list(src)), "text": src_text,
                                      "kind": kind}
    renderings = _renderings(db, sorted(set().union(*sources.values())))
    for sid in wanted:
        beads = {rowid: row for s in sources[sid] for rowid, row in renderings.get(s, {}).items()}
        seen: set[tuple[Any, ...]] = set()
        for rowid in sorted(beads, key=lambda r: (beads[r][0], r)):
            translation, kind, tgt, tgt_text = beads[rowid]
            if (translation, kind, tgt, tgt_text) in seen or sid in json_list(tgt):
                continue
            seen.add((translation, kind, tgt, tgt_text))
            entry = out[sid].setdefault(translation, {"ids": [], "text": "", "kind": kind})
            entry["ids"].extend(t for t in json_list(tgt) if t not in entry["ids"])
            entry["text"] = " ".join(x for x in (entry["text"], tgt_text) if x)
    return out


def _renderings(db: sqlite3.Connection, source_ids: list[str]
                ) -> dict[str, dict[int, tuple[str, str, str, str]]]:
    """For each sentence of an original, the beads that render it, by bead rowid:
    ``(translation, kind, target_ids, target_text)``."""
    found: dict[str, dict[int, tuple[str, str, str, str]]] = {}
    for chunk in _chunks(source_ids):
        marks = ",".join("?" * len(chunk))
        for sid, rowid, translation, kind, tgt, tgt_text in db.execute(
                "SELECT bs.sentence, b.rowid, b.translation, b.kind, b.target_ids, "
                "b.target_text FROM beads b JOIN bead_sentences bs ON bs.bead = b.rowid "
                f"WHERE bs.side = 'source' AND bs.sentence IN ({marks})", chunk):
            found.setdefault(sid, {})[rowid] = (translation, kind, tgt, tgt_text)
    return found
