"""CSV for spreadsheets: one row per bead of a translation, UTF-8 with a byte-order
mark (so spreadsheet programs read the Chinese correctly), RFC 4180 quoting and CRLF
line ends. Fields with commas, quotes or line breaks are quoted. Every character of
the texts is kept, except that a text cell a spreadsheet would run as a formula gets
a ``'`` in front (see :func:`neutralise`; :func:`restore_cell` takes it off again)."""

from __future__ import annotations

import csv
import io

from outline_corpus.export.data import bead_kinds
from outline_corpus.store.query import Corpus
from outline_corpus.store.rows import BeadRow

COLUMNS = ("bead", "translation", "article", "kind", "score", "similarity", "source_ids",
           "target_ids", "source_text", "target_text", "divergences")

#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV
#: injection): ``=``, ``+``, ``-``, ``@``, tab and carriage return.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _live(cell: str) -> bool:
    """Whether ``cell`` starts with a formula character, after any apostrophes."""
    return cell.lstrip("'").startswith(FORMULA_STARTS)


def neutralise(cell: str) -> str:
    """``cell`` with a ``'`` in front when it starts with a formula character (or with
    apostrophes and then one, so that :func:`restore_cell` is its exact inverse)."""
    return "'" + cell if _live(cell) else cell


def restore_cell(cell: str) -> str:
    """The text :func:`neutralise` was given for ``cell``, as read back from the CSV."""
    return cell[1:] if cell.startswith("'") and _live(cell) else cell


def bead_row(bead: BeadRow, kinds: list[str]) -> tuple[str | int | float, ...]:
    """The cells of ``bead`` (``kinds``: its divergence kinds): ``article``, ``score``
    and ``similarity`` stay numbers (``""`` for None), every text cell is
    :func:`neutralise`\\ d."""
    texts = (bead.id, bead.translation, bead.kind, " ".join(bead.source_ids),
             " ".join(bead.target_ids), bead.source_text, bead.target_text, " ".join(kinds))
    b_id, translation, kind, sources, targets, source, target, divs = map(neutralise, texts)
    return (b_id, translation, "" if bead.article is None else bead.article, kind,
            bead.score, "" if bead.similarity is None else bead.similarity, sources,
            targets, source, target, divs)


def csv_text(corpus: Corpus, translation: str) -> tuple[str, int]:
    """The CSV of every bead of ``translation`` (BOM included) and its row count.
    ``source_ids`` (sentences of the original), ``target_ids`` (of the translation) and
    ``divergences`` (kinds) are space-separated; empty cells stand for None."""
    records = {r.id: r for r in corpus.divergences()}
    out = io.StringIO(newline="")
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    beads = corpus.beads(translation)
    for b in beads:
        writer.writerow(bead_row(b, bead_kinds(b, records)))
    return out.getvalue(), len(beads)
