"""Aligning two sentence-per-line files of any Chinese–English text (either direction).

Line numbers (0-based) are the sentence ids; blank lines take part in no bead. Long
inputs are cut at confident 1:1 anchors into segments of at most
:data:`SEGMENT` sentences, each aligned on its own, so memory stays bounded."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.dp import AlignParams, Bead, Context, align, anchors
from outline_corpus.align.embed import Embedder
from outline_corpus.blas import one_blas_thread
from outline_corpus.languages import language
from outline_corpus.rawtext import read_raw

#: Most sentences per side aligned in one piece.
SEGMENT = 4000
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class SentenceFile:
    """A sentence-per-line file: non-blank ``lines`` and their 0-based ``ids``."""

    path: str
    language: str
    lines: tuple[str, ...]
    ids: tuple[int, ...]

    @property
    def joiner(self) -> str:
        return language(self.language).joiner


def guess_language(lines: list[str] | tuple[str, ...]) -> str:
    """``zh`` if at least a fifth of the letters are CJK characters, else ``en``."""
    sample = "".join(lines[:2000])
    letters = sum(1 for ch in sample if ch.isalpha())
    cjk = len(_CJK.findall(sample))
    return "zh" if letters and cjk / letters >= 0.2 else "en"


def read_sentences(path: str | Path) -> SentenceFile:
    """Read a sentence-per-line file (a blank or empty file is refused by the reader).
    Lines end at ``\n`` only (a ``\r`` before it is dropped), so line numbers are
    those of ``wc -l`` and ``sed -n``: U+2028, a form feed or a lone ``\r`` inside a
    line do not end it."""
    raw = read_raw(path).text
    lines, ids = [], []
    for k, line in enumerate(raw.split("\n")):
        if line.strip():
            lines.append(line.strip())
            ids.append(k)
    return SentenceFile(str(path), guess_language(lines), tuple(lines), tuple(ids))


def _singles(embedder: Embedder, f: SentenceFile, cache: EmbeddingCache,
             progress: Callable[[int], None] | None) -> np.ndarray:
    """Sentence vectors, computed a segment at a time so that no more than one
    segment's intermediate states are held at once."""
    lines = list(f.lines)
    parts = [embedder.windows(lines[k:k + SEGMENT], 1, f.joiner, cache, progress)[0]
             for k in range(0, len(lines), SEGMENT)]
    return np.vstack(parts)


def segments(src1: np.ndarray, tgt1: np.ndarray, size: int = SEGMENT
             ) -> list[tuple[int, int, int, int]]:
    """``(i0, i1, j0, j1)`` pieces covering both sides, cut at anchors so that no piece
    has more than about ``size`` sentences on a side."""
    n, m = src1.shape[0], tgt1.shape[0]
    if n <= size and m <= size:
        return [(0, n, 0, m)]
    chain = anchors(src1, tgt1)
    cuts: list[tuple[int, int]] = [(0, 0)]
    for i, j in chain:
        ci, cj = cuts[-1]
        if (i - ci >= size // 2 or j - cj >= size // 2) and i > ci and j > cj:
            cuts.append((i, j))
    cuts.append((n, m))
    return [(a, c, b, d) for (a, b), (c, d) in itertools.pairwise(cuts)]


@one_blas_thread
def align_files(src: SentenceFile, tgt: SentenceFile, embedder: Embedder,
                cache: EmbeddingCache, params: AlignParams | None = None,
                progress: Callable[[int], None] | None = None) -> list[Bead]:
    """Beads over the line numbers of ``src`` and ``tgt``, in order."""
    p = params or AlignParams()
    s1, t1 = _singles(embedder, src, cache, progress), _singles(embedder, tgt, cache, progress)
    whole = Context.of(s1, t1, src.lines, tgt.lines, p, cache)
    out: list[Bead] = []
    for i0, i1, j0, j1 in segments(s1, t1):
        sl, tl = list(src.lines[i0:i1]), list(tgt.lines[j0:j1])
        sw = embedder.windows(sl, p.max_side, src.joiner, cache, progress) if sl else []
        tw = embedder.windows(tl, p.max_side, tgt.joiner, cache, progress) if tl else []
        for bead in align(sw, tw, [len(x) for x in sl], [len(x) for x in tl], p,
                          whole.at(i0, j0)):
            out.append(Bead(tuple(src.ids[i0 + k] for k in bead.src),
                            tuple(tgt.ids[j0 + k] for k in bead.tgt), bead.score,
                            bead.similarity))
    return out
