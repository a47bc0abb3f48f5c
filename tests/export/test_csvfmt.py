"""CSV export: UTF-8 with a byte-order mark, one row per bead, texts kept exactly but
for the quote that keeps a spreadsheet from running a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import cast

import pandas as pd
import pytest

from outline_corpus.diverge.records import Divergence
from outline_corpus.export.csvfmt import COLUMNS, csv_text, neutralise, restore_cell
from outline_corpus.store.query import Corpus
from outline_corpus.store.rows import BeadRow


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
    assert [restore_cell(r["source_text"]) for r in rows] == [b.source_text for b in beads]
    assert [restore_cell(r["target_text"]) for r in rows] == [b.target_text for b in beads]
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


FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A2)",
            "\t=1", "\r=1", "'=1", "''-1"]
PLAIN = ["", "Adhere to = standards", "质量强国", "'quoted'", "1:0", " =1", "1.0", "x\n=1"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_formula_cells_get_a_quote_that_restore_takes_off(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert restore_cell(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", PLAIN)
def test_other_cells_are_unchanged(cell: str) -> None:
    assert neutralise(cell) == restore_cell(cell) == cell


class _Corpus:
    """The two queries :func:`csv_text` makes, answered from hand-made rows."""

    def __init__(self, beads: list[BeadRow]) -> None:
        self.rows = beads

    def divergences(self) -> list[Divergence]:
        return [Divergence("r1", "-t", "omission", "high", None, (), (), "", "", "m")]

    def beads(self, translation: str) -> list[BeadRow]:
        return [b for b in self.rows if b.translation == translation]


def _bead(n: int, source: str, target: str, similarity: float | None) -> BeadRow:
    return BeadRow(id=f"-t/b-{n}", original="o", translation="-t", kind="1:1", score=0.5,
                   similarity=similarity, article=None if n > 1 else 3,
                   source_ids=(f"o/s-{n}",), target_ids=(f"-t/s-{n}",), source_text=source,
                   target_text=target, divergences=("r1",) if n == 1 else ())


def test_csv_round_trip_neutralises_text_cells_only() -> None:
    beads = [_bead(1, "=1+1", "@cmd|' /C calc'!A0", -0.25), _bead(2, "第二条", "plain", None)]
    text, n = csv_text(cast(Corpus, _Corpus(beads)), "-t")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert n == 2 and tuple(rows[0]) == COLUMNS
    first, second = (dict(zip(COLUMNS, r, strict=True)) for r in rows[1:])
    assert first == {"bead": "'-t/b-1", "translation": "'-t", "article": "3", "kind": "1:1",
                     "score": "0.5", "similarity": "-0.25", "source_ids": "o/s-1",
                     "target_ids": "'-t/s-1", "source_text": "'=1+1",
                     "target_text": "'@cmd|' /C calc'!A0", "divergences": "omission"}
    assert (second["article"], second["similarity"], second["source_text"],
            second["target_text"]) == ("", "", "第二条", "plain")
    restored = [restore_cell(c) for c in rows[1]]
    assert restored[6:10] == ["o/s-1", "-t/s-1", "=1+1", "@cmd|' /C calc'!A0"]
    assert restored[:2] == ["-t/b-1", "-t"]
