"""The CSV in a spreadsheet program: LibreOffice Calc, headless, imports it with the
detection of dates and times on (as Excel always does) and must show every text as
written, bead kinds as text, numbers as numbers, and run no formula."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import cast

import pytest
from lxml import etree

from outline_corpus.decisions import Decision
from outline_corpus.diverge.records import Divergence
from outline_corpus.export.csvfmt import COLUMNS, csv_kind, csv_text
from outline_corpus.store.query import Corpus
from outline_corpus.store.rows import BeadRow

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (Debian package libreoffice-calc)")

#: LibreOffice's CSV import options: comma, double quote, UTF-8 (76), from line 1, column
#: types detected, English (US) (1033), quoted fields not forced to text, special numbers
#: (dates, times) detected.
CSV_FILTER = "CSV:44,34,76,1,,1033,false,true"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

Cell = tuple[str | None, str, str | None]  # value type, text shown, number


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LibreOffice user profile of the tests' own, made by the first conversion."""
    return tmp_path_factory.mktemp("lo-profile")


def _calc(csv_path: Path, out: Path, profile: Path) -> list[list[Cell]]:
    """The cells LibreOffice makes of ``csv_path``, row by row (the CSV's columns only)."""
    subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--norestore", f"--infilter={CSV_FILTER}", "--convert-to", "fods",
                    "--outdir", str(out), str(csv_path)],
                   check=True, capture_output=True, timeout=300)
    tree = etree.parse(str(out / f"{csv_path.stem}.fods"))
    rows = []
    for row in tree.iter(f"{{{TABLE}}}table-row"):
        cells: list[Cell] = []
        for c in row.iterfind(f"{{{TABLE}}}table-cell"):
            assert c.get(f"{{{TABLE}}}formula") is None
            text = "\n".join("".join(p.itertext()) for p in c.iterfind(f"{{{TEXT}}}p"))
            cell = (c.get(f"{{{OFFICE}}}value-type"), text, c.get(f"{{{OFFICE}}}value"))
            repeat = int(c.get(f"{{{TABLE}}}number-columns-repeated", "1"))
            cells.extend([cell] * min(repeat, len(COLUMNS)))
        if any(text for _, text, _ in cells):
            rows.append(cells[:len(COLUMNS)])
    return rows


def test_calc_shows_every_cell_as_written(built: Path, tmp_path: Path,
                                          profile: Path) -> None:
    rows = _calc(built.parent / "outline.en.b.csv", tmp_path, profile)
    assert [text for _, text, _ in rows[0]] == list(COLUMNS)
    with Corpus.open(built) as corpus:
        beads = corpus.beads("outline.en.b")
    assert len(rows) == len(beads) + 1
    col = {name: i for i, name in enumerate(COLUMNS)}
    for b, row in zip(beads, rows[1:], strict=True):
        for name, text in (("source_text", b.source_text), ("target_text", b.target_text)):
            assert row[col[name]][:2] == ("string" if text else None, text)  # 1:0, 0:1
        assert row[col["kind"]][:2] == ("string", csv_kind(b.kind))  # not a time
        assert row[col["score"]][0] == "float" and float(str(row[col["score"]][2])) == b.score
        assert row[col["status"]] == row[col["comment"]] == (None, "", None)
    b12 = rows[1 + next(i for i, b in enumerate(beads) if b.id == "outline.en.b/b-13")]
    assert b12[col["records"]][1].count("\n") > 1  # one line per record, in one cell
    assert b12[col["bead"]][:2] == ("string", "outline.en.b/b-13")


class _Corpus:
    """The three queries :func:`csv_text` makes, answered from one hand-made bead."""

    def decisions(self) -> list[Decision]:
        return []

    def divergences(self) -> list[Divergence]:
        return [Divergence("r", "t", "addition", "low", None, (), (), "", "+1", "m")]

    def beads(self, translation: str) -> list[BeadRow]:
        return [BeadRow("t/b-1", "o", "t", "1:2", 0.25, -0.5, 7, ("o/s-1",), ("t/s-1",),
                        "=1+1", "@SUM(A1:A2)", ("r",))]


def test_calc_runs_no_formula_and_reads_kinds_as_text(tmp_path: Path,
                                                      profile: Path) -> None:
    text, _ = csv_text(cast(Corpus, _Corpus()), "t")
    (tmp_path / "t.csv").write_bytes(text.encode("utf-8"))
    header, row = _calc(tmp_path / "t.csv", tmp_path, profile)
    assert [text for _, text, _ in header] == list(COLUMNS)
    cells = dict(zip(COLUMNS, row, strict=True))
    assert cells["source_text"][:2] == ("string", "'=1+1")
    assert cells["target_text"][:2] == ("string", "'@SUM(A1:A2)")
    assert cells["quoted"][:2] == ("string", "'+1")
    assert cells["kind"][:2] == ("string", "1–2")
    assert (cells["score"][0], cells["similarity"][2], cells["article"][2]) == (
        "float", "-0.5", "7")
    # the reason for the dash: with a colon, Calc (like Excel) makes the kind a time
    (tmp_path / "colon.csv").write_text("kind\r\n1:2\r\n", encoding="utf-8")
    assert _calc(tmp_path / "colon.csv", tmp_path, profile)[1][0][0] == "time"
