"""CSV for spreadsheets: one row per bead of a translation, UTF-8 with a byte-order
mark (so spreadsheet programs read the Chinese correctly), RFC 4180 quoting and CRLF
line ends. Every character of the texts is kept; fields with commas, quotes or line
breaks are quoted."""

from __future__ import annotations

import csv
import io

from outline_corpus.export.data import bead_kinds
from outline_corpus.store.query import Corpus

COLUMNS = ("bead", "translation", "article", "kind", "score", "similarity", "source_ids",
           "target_ids", "source_text", "target_text", "divergences")


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
        writer.writerow((b.id, b.translation, "" if b.article is None else b.article, b.kind,
                         b.score, "" if b.similarity is None else b.similarity,
                         " ".join(b.source_ids), " ".join(b.target_ids), b.source_text,
                         b.target_text, " ".join(bead_kinds(b, records))))
    return out.getvalue(), len(beads)
