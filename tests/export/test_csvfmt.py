"""CSV export: UTF-8 with a byte-order mark, one row per bead, the texts and records
first, texts kept exactly but for the quote that keeps a spreadsheet from running a
formula, bead kinds that no spreadsheet takes for a time."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import cast

import pandas as pd
import pytest

from outline_corpus.decisions import Decision
from outline_corpus.diverge.records import Divergence
from outline_corpus.export.csvfmt import (
    COLUMNS,
    csv_kind,
    csv_text,
    neutralise,
    restore_cell,
    restore_kind,
)
from outline_corpus.store.query import Corpus
from outline_corpus.store.rows import BeadRow


def test_csv_has_bom_crlf_and_one_row_per_bead(built: Path) -> None:
    path = built.parent / "outline.en.b.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfsource_text,target_text,records,quoted,status,"
                          b"comment,severity,divergences,kind,score,")
    assert raw.count(b"\r\n") >= 250
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == COLUMNS
    with Corpus.open(built) as corpus:
        beads = corpus.beads("outline.en.b")
        records = {r.id: r for r in corpus.divergences()}
    assert len(rows) == len(beads) == 251  # 250 of the body and f-1, the lead-in
    assert [restore_cell(r["source_text"]) for r in rows] == [b.source_text for b in beads]
    assert [restore_cell(r["target_text"]) for r in rows] == [b.target_text for b in beads]
    assert [restore_kind(r["kind"]) for r in rows] == [b.kind for b in beads]
    assert {r["status"] for r in rows} == {r["comment"] for r in rows} == {""}
    row = next(r for r in rows if r["bead"] == "outline.en.b/b-13")
    assert (row["article"], row["kind"], row["score"], row["divergences"],
            row["severity"]) == ("1", "1–2", "1.0", "omission source_suspect", "high")
    assert row["target_ids"] == "outline.en.b/art-1/s-2 outline.en.b/art-1/s-3"
    b12 = next(b for b in beads if b.id == "outline.en.b/b-13")
    lines = row["records"].split("\n")
    assert len(lines) == len(b12.divergences) > 2  # two clauses and the words
    assert all(any(records[r].message in line for line in lines) for r in b12.divergences)
    assert lines[0].startswith("1. omission (high): ")
    assert "以改革创新为根本动力,以满足人民日益增长的美好生活需要为根本目的," in row["quoted"]


def test_spreadsheet_reader_sees_chinese_and_kinds_as_written(built: Path) -> None:
    frame = pd.read_csv(built.parent / "outline.en.a.csv", encoding="utf-8-sig")
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == 249
    assert (frame["kind"] == "1–0").sum() == 54
    assert frame["kind"].map(type).eq(str).all() and frame["score"].dtype == float
    assert frame.loc[0, "source_text"].startswith("建设质量强国")
    assert frame["status"].isna().all() and frame["comment"].isna().all()


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
    """The three queries :func:`csv_text` makes, answered from hand-made rows."""

    def __init__(self, beads: list[BeadRow]) -> None:
        self.rows = beads

    def decisions(self) -> list[Decision]:
        return []

    def divergences(self) -> list[Divergence]:
        return [Divergence("r1", "-t", "omission", "high", None, (), (), "=SUM(1)", "", "m")]

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
    assert first == {"source_text": "'=1+1", "target_text": "'@cmd|' /C calc'!A0",
                     "records": "omission (high): m", "quoted": "'=SUM(1)", "status": "",
                     "comment": "", "severity": "high", "divergences": "omission",
                     "kind": "1–1", "score": "0.5", "similarity": "-0.25", "article": "3",
                     "bead": "'-t/b-1", "translation": "'-t", "source_ids": "o/s-1",
                     "target_ids": "'-t/s-1"}
    assert (second["article"], second["similarity"], second["source_text"],
            second["target_text"], second["records"], second["severity"]) == (
        "", "", "第二条", "plain", "", "")
    restored = dict(zip(COLUMNS, (restore_cell(c) for c in rows[1]), strict=True))
    assert [restored[c] for c in ("source_text", "target_text", "quoted", "bead",
                                  "translation", "source_ids", "target_ids")] == [
        "=1+1", "@cmd|' /C calc'!A0", "=SUM(1)", "-t/b-1", "-t", "o/s-1", "-t/s-1"]


@pytest.mark.parametrize("kind", ["1:1", "1:0", "0:1", "2:3"])
def test_kinds_are_written_with_an_en_dash(kind: str) -> None:
    assert csv_kind(kind) == kind.replace(":", "\u2013")
    assert restore_kind(csv_kind(kind)) == kind
