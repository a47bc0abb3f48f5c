"""CSV for spreadsheets: one row per bead of a translation, UTF-8 with a byte-order
mark (so spreadsheet programs read the Chinese correctly), RFC 4180 quoting and CRLF
line ends. Fields with commas, quotes or line breaks are quoted.

The two texts come first, then the divergence records on the bead (one line each:
kind, severity and message) and the words they quote, then the reviewer's ``status``
and ``comment`` (the decisions stored by ``outline-corpus review import``; empty for a
reviewer to fill in), then the bead's metadata. A bead kind is written
with an en dash (``1–2``): spreadsheet programs read ``1:2`` as a time of day (and
``1-2`` as a date), but show ``1–2`` as it is. Every character of the texts is kept,
except that a text cell a spreadsheet would run as a formula gets a ``'`` in front
(see :func:`neutralise`; :func:`restore_cell` takes it off again)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from outline_corpus.decisions import STATUS_LABELS
from outline_corpus.export.data import bead_kinds
from outline_corpus.export.records import Verdicts, bead_records, numbered, record_line, worst
from outline_corpus.store.query import Corpus
from outline_corpus.store.rows import BeadRow

if TYPE_CHECKING:
    from outline_corpus.diverge.records import Divergence

COLUMNS = ("source_text", "target_text", "records", "quoted", "status", "comment",
           "severity", "divergences", "kind", "score", "similarity", "article", "bead",
           "translation", "source_ids", "target_ids")

#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV
#: injection): ``=``, ``+``, ``-``, ``@``, tab and carriage return.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: What a bead kind's colon is written as (U+2013 EN DASH).
KIND_SEPARATOR = "\u2013"


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


def csv_kind(kind: str) -> str:
    """A bead kind as the CSV writes it: ``1:2`` → ``1–2``."""
    return kind.replace(":", KIND_SEPARATOR)


def restore_kind(cell: str) -> str:
    """The bead kind of a ``kind`` cell: ``1–2`` → ``1:2``."""
    return cell.replace(KIND_SEPARATOR, ":")


def review_cells(bead: BeadRow, recs: list[Divergence], verdicts: Verdicts
                 ) -> tuple[str, str]:
    """The ``status`` and ``comment`` cells: the decision on the bead itself, else the
    decisions on its records (numbered as the records are when there are several)."""
    own = verdicts.beads.get(bead.id)
    if own is not None:
        return STATUS_LABELS.get(own.status, ""), own.comment
    decided = [verdicts.records.get(r.id) for r in recs]
    if not any(decided):
        return "", ""
    return (numbered([STATUS_LABELS.get(d.status, "") if d else "" for d in decided]),
            numbered([d.comment if d else "" for d in decided]))


def bead_row(bead: BeadRow, recs: list[Divergence], kinds: list[str],
             verdicts: Verdicts) -> tuple[str | int | float, ...]:
    """The cells of ``bead`` in :data:`COLUMNS` order (``recs``: its records, most
    severe first; ``kinds``: its divergence kinds): ``score``, ``similarity`` and
    ``article`` stay numbers (``""`` for None), every text cell is
    :func:`neutralise`\\ d."""
    messages = numbered([record_line(r) for r in recs])
    quotes = numbered([r.quote for r in recs])
    status, comment = review_cells(bead, recs, verdicts)
    texts = (bead.source_text, bead.target_text, messages, quotes, worst(recs),
             " ".join(kinds), csv_kind(bead.kind))
    source, target, records, quoted, severity, divs, kind, status, comment = map(
        neutralise, (*texts, status, comment))
    ids = map(neutralise, (bead.id, bead.translation, " ".join(bead.source_ids),
                           " ".join(bead.target_ids)))
    b_id, translation, sources, targets = ids
    return (source, target, records, quoted, status, comment, severity, divs, kind, bead.score,
            "" if bead.similarity is None else bead.similarity,
            "" if bead.article is None else bead.article, b_id, translation, sources,
            targets)


def csv_text(corpus: Corpus, translation: str) -> tuple[str, int]:
    """The CSV of every bead of ``translation`` (BOM included) and its row count.
    ``records`` holds a line per divergence record (``kind (severity): message``, most
    severe first), ``quoted`` the words they quote (under the number of their record
    when there are several); ``severity`` is the most severe record's, ``divergences``
    the kinds, ``source_ids`` (sentences of the original) and ``target_ids`` (of the
    translation) space-separated; empty cells stand for None."""
    records = {r.id: r for r in corpus.divergences()}
    verdicts = Verdicts.of(corpus)
    out = io.StringIO(newline="")
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    beads = corpus.beads(translation)
    for b in beads:
        writer.writerow(bead_row(b, bead_records(b, records), bead_kinds(b, records),
                                 verdicts))
    return out.getvalue(), len(beads)
