"""CSV export: UTF-8 with a byte-order mark, one row per bead, texts kept exactly."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from outline_corpus.export.csvfmt import COLUMNS
from outline_corpus.store.query import Corpus


def test_csv_has_bom_crlf_and_one_row_per_bead(built: Path) -> None:
    path = built.parent / "outline.en.b.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfbead,translation,article,kind,score,")
    assert raw.count(b"\r\n") >= 250
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == COLUMNS
    with Corpus.open(built) as corpus:
        beads = corpus.beads("outline.en.b")
    assert len(rows) == len(beads) == 250  # 249 of the body and f-1, the lead-in
    assert [r["source_text"] for r in rows] == [b.source_text for b in beads]
    assert [r["target_text"] for r in rows] == [b.target_text for b in beads]
    row = next(r for r in rows if r["bead"] == "outline.en.b/b-12")
    assert (row["article"], row["kind"], row["score"], row["divergences"]) == (
        "1", "1:2", "1.0", "omission")
    assert row["target_ids"] == "outline.en.b/art-1/s-2 outline.en.b/art-1/s-3"


def test_spreadsheet_reader_sees_chinese(built: Path) -> None:
    frame = pd.read_csv(built.parent / "outline.en.a.csv", encoding="utf-8-sig")
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == 249
    assert (frame["kind"] == "1:0").sum() == 54
    assert frame.loc[0, "source_text"].startswith("建设质量强国")
