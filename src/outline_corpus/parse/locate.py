"""Attaching diagnostics to the innermost unit that contains them."""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable, Sequence
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


def locate_all(units: list[tuple[int, int, str]], spans: Sequence[tuple[int, int]],
               fallback: str) -> list[str]:
    """:func:`locate` for each ``(start, end)`` of ``spans``, in O((U + S) log U): the
    first unit that holds ``start`` is found by a sweep over the starts in rising
    order, the first that starts inside the span by a range minimum over the units in
    order of their start."""
    by_start = sorted(range(len(units)), key=lambda k: units[k][0])
    holder = _first_holders(units, by_start, spans)
    starts = [units[k][0] for k in by_start]
    inside = _MinTree(by_start)
    out = []
    for (start, end), first in zip(spans, holder, strict=True):
        k = min(first, inside.min(bisect_left(starts, start), bisect_left(starts, end)))
        out.append(units[k][2] if k < len(units) else fallback)
    return out


def _first_holders(units: list[tuple[int, int, str]], by_start: list[int],
                   spans: Sequence[tuple[int, int]]) -> list[int]:
    """For each span, the smallest index of a unit with ``s <= start < e``
    (``len(units)`` if none): units enter a heap as the sweep passes their start and
    leave it once it passes their end."""
    out = [len(units)] * len(spans)
    heap: list[tuple[int, int]] = []  # (unit index, end)
    nxt = 0
    for q in sorted(range(len(spans)), key=lambda k: spans[k][0]):
        point = spans[q][0]
        while nxt < len(by_start) and units[by_start[nxt]][0] <= point:
            k = by_start[nxt]
            heapq.heappush(heap, (k, units[k][1]))
            nxt += 1
        while heap and heap[0][1] <= point:
            heapq.heappop(heap)
        if heap:
            out[q] = heap[0][0]
    return out


class _MinTree:
    """Minimum of ``values[lo:hi]`` in O(log n) (``len(values)`` for an empty range)."""

    def __init__(self, values: list[int]) -> None:
        self.n = len(values)
        self.tree = [self.n] * self.n + values
        for k in range(self.n - 1, 0, -1):
            self.tree[k] = min(self.tree[2 * k], self.tree[2 * k + 1])

    def min(self, lo: int, hi: int) -> int:
        best = self.n
        lo, hi = lo + self.n, hi + self.n
        while lo < hi:
            if lo & 1:
                best = min(best, self.tree[lo])
                lo += 1
            if hi & 1:
                hi -= 1
                best = min(best, self.tree[hi])
            lo, hi = lo // 2, hi // 2
        return best


def with_diagnostics(doc: Document, issues: Iterable[Issue]) -> Document:
    """A copy of ``doc`` carrying ``issues`` as located, sorted, de-duplicated diagnostics."""
    found = list(issues)
    where = locate_all(_units(doc), [(i.start, i.end) for i in found], doc.id)
    diags = sorted({Diagnostic(i.kind, uid, i.start, i.end, doc.text[i.start:i.end],
                               i.message, i.repaired)
                    for i, uid in zip(found, where, strict=True)},
                   key=lambda d: (d.start, d.kind, d.end, d.message))
    return replace(doc, diagnostics=tuple(diags))
