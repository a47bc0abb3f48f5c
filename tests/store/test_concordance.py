"""The parallel concordance read for all hits at once gives, for every sentence of the
real corpus, what the query of one sentence at a time gave."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from outline_corpus.store import concordance
from outline_corpus.store.concordance import parallels
from outline_corpus.store.rows import json_list


def one_at_a_time(db: sqlite3.Connection, sentence_id: str) -> dict[str, dict[str, Any]]:
    """The two queries of one sentence: its beads, then the beads of its sources."""
    rows = db.execute(
        "SELECT b.original, b.kind, b.source_ids, b.source_text, bs.side FROM "
        "bead_sentences bs JOIN beads b ON b.rowid = bs.bead WHERE bs.sentence = ?",
        (sentence_id,)).fetchall()
    out: dict[str, dict[str, Any]] = {}
    sources: set[str] = set()
    for original, kind, src, src_text, side in rows:
        sources.update(json_list(src))
        if side == "target":
            out[original] = {"ids": list(json_list(src)), "text": src_text, "kind": kind}
    if not sources:
        return out
    marks = ",".join("?" * len(sources))
    for translation, kind, tgt, tgt_text in db.execute(
            "SELECT DISTINCT b.translation, b.kind, b.target_ids, b.target_text FROM beads b "
            f"JOIN bead_sentences bs ON bs.bead = b.rowid WHERE bs.side = 'source' AND "
            f"bs.sentence IN ({marks}) ORDER BY b.translation, b.rowid", sorted(sources)):
        if sentence_id in json_list(tgt):
            continue
        entry = out.setdefault(translation, {"ids": [], "text": "", "kind": kind})
        entry["ids"].extend(t for t in json_list(tgt) if t not in entry["ids"])
        entry["text"] = " ".join(x for x in (entry["text"], tgt_text) if x)
    return out


@pytest.mark.parametrize("batch", [500, 7])
def test_all_at_once_is_one_at_a_time(built: Path, batch: int,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(concordance, "BATCH", batch)
    db = sqlite3.connect(built)
    try:
        ids = [r[0] for r in db.execute("SELECT id FROM sentences ORDER BY rowid")]
        together = parallels(db, ids)
        assert together == {sid: one_at_a_time(db, sid) for sid in ids}
        # a hand-checked row: article 14's third sentence in both translations
        zh = together["outline.zh/art-14/s-3"]
        assert set(zh) == {"outline.en.a", "outline.en.b"}
        assert zh["outline.en.b"]["text"].startswith("Vigorously develop green building")
    finally:
        db.close()
