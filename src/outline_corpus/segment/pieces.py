"""Text made of raw pieces: the bridge between repaired text and raw offsets."""

from __future__ import annotations

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
    def text(self) -> str:
        return join_pieces(self.raw, self.spans, self.joiner)

    def spans_of(self, start: int, end: int) -> Spans:
        """Raw spans for joined range ``[start, end)``, empty pieces dropped."""
        out: list[tuple[int, int]] = []
        for (rs, re_), js in zip(self.spans, self._starts, strict=True):
            je = js + (re_ - rs)
            lo, hi = max(start, js), min(end, je)
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
