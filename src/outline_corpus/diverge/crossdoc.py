"""Divergences of the original itself: defects of the Chinese text that a reviewing
translator should know about (stray Latin words, duplicated phrases, page breaks)."""

from __future__ import annotations

from outline_corpus.diverge.records import Divergence, RecordMaker
from outline_corpus.diverge.structure import article_of
from outline_corpus.model import Document

NOISE = ("stray_latin", "duplicated_phrase", "page_break_join", "broken_word",
         "fused_words", "missing_space")


def noise_records(original: Document, make: RecordMaker) -> list[Divergence]:
    """``source_noise`` records from the original's parse diagnostics."""
    out = []
    for diag in original.diagnostics:
        if diag.kind in NOISE:
            out.append(make(original.id, "source_noise", "low", article_of(diag.unit),
                            (diag.unit,), (), diag.snippet, "", diag.message[0].upper()
                            + diag.message[1:] + ".", diagnostic=diag.kind,
                            repaired=diag.repaired, start=diag.start, end=diag.end))
    return out
