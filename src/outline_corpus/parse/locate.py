"""Attaching diagnostics to the innermost unit that contains them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from outline_corpus.model import Diagnostic, Document
from outline_corpus.parse.blocks import Issue


def _units(doc: Document) -> list[tuple[int, int, str]]:
    """``(start, end, id)`` of every unit, innermost first among those that overlap."""
    out: list[tuple[int, int, str]] = []
    out.extend((s.start, s.end, s.id) for s in doc.all_sentences())
    for art in doc.articles:
        out.extend((i.start, i.end, i.id) for i in art.items)
        out.extend((p.start, p.end, p.id) for p in art.paragraphs)
    for part in doc.parts:
        out.extend((p.start, p.end, p.id) for p in part.paragraphs)
    for turn in doc.turns:
        out.extend((p.start, p.end, p.id) for p in turn.paragraphs)
    out.extend((p.start, p.end, p.id) for p in doc.preamble)
    out.extend((f.start, f.end, f.id) for f in (*doc.front_matter, *doc.back_matter))
    out.extend((a.start, a.end, a.id) for a in doc.articles)
    out.extend((t.start, t.end, t.id) for t in doc.turns)
    out.extend((p.start, p.end, p.id) for p in doc.parts)
    return out


def locate(units: list[tuple[int, int, str]], start: int, end: int, fallback: str) -> str:
    """Id of the first unit in ``units`` overlapping ``[start, end)``, else ``fallback``."""
    for s, e, uid in units:
        if s <= start < e or (start <= s < end):
            return uid
    return fallback


def with_diagnostics(doc: Document, issues: Iterable[Issue]) -> Document:
    """A copy of ``doc`` carrying ``issues`` as located, sorted, de-duplicated diagnostics."""
    units = _units(doc)
    diags = sorted({Diagnostic(i.kind, locate(units, i.start, i.end, doc.id), i.start, i.end,
                               doc.text[i.start:i.end], i.message, i.repaired)
                    for i in issues}, key=lambda d: (d.start, d.kind, d.end, d.message))
    return replace(doc, diagnostics=tuple(diags))
