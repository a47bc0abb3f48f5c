"""Text made of raw pieces: the bridge between repaired text and raw offsets."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from outline_corpus.model import Spans, join_pieces, separator


@dataclass(frozen=True)
class Pieces:
    """Raw pieces ``spans`` of ``raw`` joined by ``joiner`` into :attr:`text` (directly
    across a word hyphenated at a line end, see :func:`outline_corpus.model.separator`).

    Positions in :attr:`text` are *joined* offsets; :meth:`spans_of` maps a joined range
    back to raw spans, so that :func:`~outline_corpus.model.join_pieces` of them gives
    back the same text (ranges must not start or end inside a joiner)."""

    raw: str
    spans: Spans
    joiner: str

    @cached_property
    def _starts(self) -> tuple[int, ...]:
        starts, pos = [], 0
        for k, (s, e) in enumerate(self.spans):
            if k:
                pos += len(separator(self.raw, self.spans[k - 1][1], s, self.joiner))
            starts.append(pos)
            pos += e - s
        return tuple(starts)

    @cached_property
    def _ends(self) -> tuple[int, ...]:
        return tuple(js + e - s for js, (s, e) in zip(self._starts, self.spans, strict=True))

    @cached_property
    def _window(self) -> bool:
        """Whether no piece is reversed, so that joined starts and ends rise."""
        return all(s <= e for s, e in self.spans)

    @cached_property
    def text(self) -> str:
        return join_pieces(self.raw, self.spans, self.joiner)

    def spans_of(self, start: int, end: int) -> Spans:
        """Raw spans for joined range ``[start, end)``, empty pieces dropped. Only the
        pieces that can overlap the range are visited (joined starts and ends rise)."""
        if len(self.spans) == 1:  # the common case, without the tables
            s, e = self.spans[0]
            lo, hi = max(start, 0), min(end, e - s)
            return ((s + lo, s + hi),) if lo < hi else ()
        out: list[tuple[int, int]] = []
        starts = self._starts
        first, last = ((bisect_right(self._ends, start), bisect_left(starts, end))
                       if self._window else (0, len(starts)))
        for k in range(first, last):
            rs, re_ = self.spans[k]
            js = starts[k]
            lo, hi = max(start, js), min(end, js + (re_ - rs))
            if lo < hi:
                out.append((rs + lo - js, rs + hi - js))
        return tuple(out)

    def strip(self, start: int, end: int) -> tuple[int, int]:
        """Shrink joined range ``[start, end)`` to exclude surrounding whitespace."""
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def sub(self, start: int, end: int) -> tuple[str, Spans]:
        """Stripped text and raw spans of joined range ``[start, end)``."""
        start, end = self.strip(start, end)
        return self.text[start:end], self.spans_of(start, end)

    def find_spans(self, start: int, end: int) -> Spans:
        return self.spans_of(*self.strip(start, end))
