"""Sentence alignment by dynamic programming over beads (runs of source and target
sentences that translate each other).

Bead types are ``(a, b)``: ``a`` source and ``b`` target sentences, with 1:0 and 0:1 for
sentences left unaligned. A bead of ``a, b >= 1`` scores the margin-normalised similarity
of its two windows (their cosine less the mean of each window's hubness, its mean cosine
with its nearest sentences of the other side around where it is expected: CSLS, halved;
the raw cosine with :attr:`AlignParams.neighbours` 0), minus a length-ratio penalty,
minus a threshold, weighted by the number of sentences it covers; 1:0 and 0:1 beads
score :attr:`AlignParams.skip` per sentence (clearly negative). The DP maximises the
total. Long inputs are first anchored by confident 1:1 matches (top-k cosine, longest
increasing chain) and the DP runs in a band around the anchors, so time and memory grow
linearly with the input. With a second model in the :class:`Context`, the uncertain
regions are then aligned again with its cosine mixed in
(:mod:`outline_corpus.align.second`)."""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from outline_corpus.align import lexical
from outline_corpus.align.second import Piece, Second, regions
from outline_corpus.config import AlignParams

if TYPE_CHECKING:
    from outline_corpus.align.cache import EmbeddingCache

__all__ = ["AlignParams", "Bead", "Context", "align", "anchors"]

Array = NDArray[np.float32]
NEG = -1e18


@dataclass(frozen=True)
class Bead:
    """Source and target sentence indices (0-based, either may be empty), the bead's
    cosine ``similarity`` (``None`` for 1:0 and 0:1) and ``score``, a confidence in
    [0, 1]."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float
    similarity: float | None

    @property
    def kind(self) -> str:
        return f"{len(self.src)}:{len(self.tgt)}"


@dataclass(frozen=True)
class Context:
    """Where a piece being aligned lies: the single-sentence vectors of each whole side
    (a document, a file) and the piece's first source and target sentence in them. A
    window's neighbours (see :attr:`AlignParams.neighbours`) are sought there, so that a
    short piece (an article) is not its own only neighbourhood. ``src_bags`` and
    ``tgt_bags``: the sides' sentence bags (:func:`outline_corpus.align.lexical.bags`),
    for the dictionary similarity; without them a bead scores its cosine alone.
    ``second``: the second model over the sides' texts, for the uncertain regions
    (:mod:`outline_corpus.align.second`); without it there is no second pass."""

    src: Array
    tgt: Array
    i0: int
    j0: int
    src_bags: lexical.Bags | None = None
    tgt_bags: lexical.Bags | None = None
    second: Second | None = None

    @classmethod
    def of(cls, src: Array, tgt: Array, src_texts: Sequence[str], tgt_texts: Sequence[str],
           params: AlignParams, cache: EmbeddingCache | None = None) -> Context:
        """The context of two whole sides (their sentence vectors and texts), with their
        bags when :attr:`AlignParams.lexical_weight` is above 0 and the second model
        (its vectors kept in ``cache``) when :attr:`AlignParams.second_weight` is."""
        lex = params.lexical_weight > 0
        second = Second(params.second_model, tuple(src_texts), tuple(tgt_texts), cache) \
            if params.second_weight > 0 else None
        return cls(src, tgt, 0, 0, lexical.bags(src_texts) if lex else None,
                   lexical.bags(tgt_texts) if lex else None, second)

    def at(self, i0: int, j0: int) -> Context:
        """The same sides, for the piece starting at source ``i0`` and target ``j0``."""
        return dataclasses.replace(self, i0=i0, j0=j0)


def _prefix(lengths: list[int]) -> NDArray[np.float64]:
    return np.concatenate([[0.0], np.cumsum(np.asarray(lengths, dtype=np.float64))])


class _Scorer:
    def __init__(self, src: list[Array], tgt: list[Array], src_len: list[int],
                 tgt_len: list[int], params: AlignParams,
                 chain: list[tuple[int, int]] | None = None,
                 context: Context | None = None, piece: Piece | None = None) -> None:
        self.src, self.tgt, self.p, self.piece = src, tgt, params, piece
        self.ls, self.lt = _prefix(src_len), _prefix(tgt_len)
        total_s, total_t = self.ls[-1], self.lt[-1]
        self.ratio = (total_t / total_s) if total_s > 0 and total_t > 0 else 1.0
        self.smooth = max(1.0, 0.1 * (total_s / max(len(src_len), 1)))
        self.hub_s: list[NDArray[np.float64]] | None = None
        self.hub_t: list[NDArray[np.float64]] | None = None
        n, m = len(src_len), len(tgt_len)
        ctx = context or Context(src[0], tgt[0], 0, 0)
        self.lex: tuple[list[Array], list[Array]] | None = None
        if params.lexical_weight > 0 and ctx.src_bags is not None and ctx.tgt_bags is not None:
            self.lex = (
                lexical.windows(lexical.dense(ctx.src_bags, ctx.i0, ctx.i0 + n), params.max_side),
                lexical.windows(lexical.dense(ctx.tgt_bags, ctx.j0, ctx.j0 + m), params.max_side))
        if params.neighbours > 0:  # expected positions: along ``chain``, else the diagonal
            pts = chain or []
            si = np.array([0.0, *[i + 0.5 for i, _ in pts], float(n)])
            tj = np.array([0.0, *[j + 0.5 for _, j in pts], float(m)])
            w = params.lexical_weight
            lex_s = [] if self.lex is None else [(self.lex[0], ctx.tgt_bags, w)]
            lex_t = [] if self.lex is None else [(self.lex[1], ctx.src_bags, w)]
            self.hub_s = _hubs([(src, ctx.tgt, 1.0), *lex_s], si, tj + ctx.j0, params)
            self.hub_t = _hubs([(tgt, ctx.src, 1.0), *lex_t], tj, si + ctx.i0, params)

    def cosine(self, i: int, a: int, cols: NDArray[np.int64], b: int) -> NDArray[np.float64]:
        """Cosine of source window ``[i-a, i)`` with target windows ``[j-b, j)``."""
        vec = self.src[a - 1][i - a]
        out: NDArray[np.float64] = (self.tgt[b - 1][cols - b] @ vec).astype(np.float64)
        return out

    def similarity(self, i: int, a: int, cols: NDArray[np.int64], b: int,
                   cos: NDArray[np.float64]) -> NDArray[np.float64]:
        """``cos`` plus :attr:`AlignParams.lexical_weight` times the windows' dictionary
        similarity (when the context has bags), mixed with the second model's where
        this is a :class:`~outline_corpus.align.second.Piece` aligned again."""
        out = cos
        if self.lex is not None:
            vec = self.lex[0][a - 1][i - a]
            lex = (self.lex[1][b - 1][cols - b] @ vec).astype(np.float64)
            out = cos + self.p.lexical_weight * lex
        return out if self.piece is None else self.piece.blend(i, a, cols, b, out)

    def margin(self, i: int, a: int, cols: NDArray[np.int64], b: int,
               cos: NDArray[np.float64]) -> NDArray[np.float64]:
        """The windows' :meth:`similarity` less the mean of their hubness (CSLS halved:
        a pair of windows that resemble everything near them scores less); the
        similarity itself when :attr:`AlignParams.neighbours` is 0."""
        sim = self.similarity(i, a, cols, b, cos)
        if self.hub_s is None or self.hub_t is None:
            return sim
        out: NDArray[np.float64] = sim - 0.5 * (self.hub_s[a - 1][i - a]
                                                + self.hub_t[b - 1][cols - b])
        return out

    def score(self, i: int, a: int, cols: NDArray[np.int64], b: int,
              cos: NDArray[np.float64]) -> NDArray[np.float64]:
        ls = self.ls[i] - self.ls[i - a]
        lt = self.lt[cols] - self.lt[cols - b]
        lr = np.log((lt + self.smooth * self.ratio) / (ls * self.ratio + self.smooth * self.ratio))
        p = self.p
        adj = self.margin(i, a, cols, b, cos) - p.threshold - p.length_weight * lr * lr
        penalty = p.many_penalty if a > 1 and b > 1 else p.merge_penalty
        out: NDArray[np.float64] = (a + b) / 2.0 * adj - penalty * (a + b - 2)
        return out


#: A signal of the hubness: every window's (normalised) vectors, the other side's
#: single-sentence vectors (or its sparse bags, normalised here) and the signal's weight.
Channel = tuple[list[Array], "Array | lexical.Bags", float]


def _hubs(channels: list[Channel], here: NDArray[np.float64], there: NDArray[np.float64],
          p: AlignParams) -> list[NDArray[np.float64]]:
    """Hubness of every window of each size: its mean similarity (the weighted sum of
    the channels' cosines) with its :attr:`~AlignParams.neighbours` most similar
    sentences of the other side among the ``2 * neighbourhood + 1`` around its expected
    position there, read off the chain of confident matches (``here`` → ``there``,
    increasing sentence positions)."""
    m = channels[0][1].shape[0]
    width = min(2 * p.neighbourhood + 1, m)
    k = min(p.neighbours, width)
    out: list[NDArray[np.float64]] = []
    for size in range(1, len(channels[0][0]) + 1):
        n = channels[0][0][size - 1].shape[0]
        hub = np.zeros(n)
        if n and m:
            centre = np.interp(np.arange(n) + size / 2.0, here, there)
            start = np.clip(np.rint(centre).astype(np.int64) - width // 2, 0, m - width)
            idx = start[:, None] + np.arange(width)[None, :]
            others = [_rows(other, int(start.min()), int(start.max()) + width)
                      for _, other, _ in channels]
            for c in range(0, n, 1024):
                sims = np.zeros((min(n - c, 1024), width), np.float32)
                for (wins, _, weight), (other, lo) in zip(channels, others, strict=True):
                    sims += weight * np.einsum("id,ikd->ik", wins[size - 1][c:c + 1024],
                                               other[idx[c:c + 1024] - lo])
                top = -np.partition(-sims, k - 1, axis=1)[:, :k]
                hub[c:c + 1024] = top.astype(np.float64).mean(axis=1)
        out.append(hub)
    return out


def _rows(other: Array | lexical.Bags, lo: int, hi: int) -> tuple[Array, int]:
    """Rows ``lo`` to ``hi`` of a side's vectors (the whole array) or of its bags
    (those rows, dense and normalised), and the index of the first row given."""
    if isinstance(other, np.ndarray):
        return other, 0
    return lexical.normalised(lexical.dense(other, lo, hi)), lo


def _band(n: int, m: int, anchors: list[tuple[int, int]], width: int
          ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Column range ``[lo[i], hi[i])`` of the DP for each row ``i`` in ``0..n``."""
    if not anchors:
        return np.zeros(n + 1, np.int64), np.full(n + 1, m + 1, np.int64)
    pts = [(0, 0), *[(i + 1, j + 1) for i, j in anchors], (n, m)]
    lo = np.full(n + 1, m + 1, np.int64)
    hi = np.zeros(n + 1, np.int64)
    for (i0, j0), (i1, j1) in itertools.pairwise(pts):
        rows = slice(max(i0 - width, 0), min(i1 + width, n) + 1)
        lo[rows] = np.minimum(lo[rows], max(j0 - width, 0))
        hi[rows] = np.maximum(hi[rows], min(j1 + width, m) + 1)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0] = 0
    hi[n] = m + 1
    return lo, hi


def anchors(src1: Array, tgt1: Array, k: int = 3, block: int = 512,
            max_cells: int = 50_000_000) -> list[tuple[int, int]]:
    """Confident 1:1 matches ``(i, j)``, strictly increasing in both: the chain of top-k
    cosine neighbours with the greatest total similarity. Inputs larger than
    ``max_cells`` are searched in a corridor found on a downsampled copy."""
    n, m = src1.shape[0], tgt1.shape[0]
    if n == 0 or m == 0:
        return []
    corridor: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None
    f = 1
    if n * m > max_cells:
        f = math.ceil(math.sqrt(n * m / max_cells)) * 2
        coarse = anchors(_downsample(src1, f), _downsample(tgt1, f), k, block, max_cells)
        lo, hi = _band(math.ceil(n / f), math.ceil(m / f), coarse, 2)
        corridor = (lo * f, hi * f)
    cand_i: list[int] = []
    cand_j: list[int] = []
    cand_s: list[float] = []
    for start in range(0, n, block):
        rows = src1[start:start + block]
        if corridor is None:
            sims = rows @ tgt1.T
            top = np.argpartition(-sims, min(k, m - 1), axis=1)[:, :k] if m > k else \
                np.tile(np.arange(m), (rows.shape[0], 1))
            for r in range(rows.shape[0]):
                for j in top[r]:
                    cand_i.append(start + r)
                    cand_j.append(int(j))
                    cand_s.append(float(sims[r, j]))
        else:
            lo, hi = corridor
            for r in range(rows.shape[0]):
                ci = min((start + r) // f, len(lo) - 1)
                a, b = int(lo[ci]), int(min(hi[ci], m))
                if b <= a:
                    continue
                sims1 = tgt1[a:b] @ rows[r]
                for j in np.argsort(-sims1)[:k]:
                    cand_i.append(start + r)
                    cand_j.append(a + int(j))
                    cand_s.append(float(sims1[j]))
    return _chain(cand_i, cand_j, cand_s, m)


def _downsample(x: Array, f: int) -> Array:
    n = x.shape[0]
    pad = (-n) % f
    if pad:
        x = np.vstack([x, np.zeros((pad, x.shape[1]), x.dtype)])
    y = x.reshape(-1, f, x.shape[1]).sum(axis=1)
    out: Array = (y / np.maximum(np.linalg.norm(y, axis=1, keepdims=True), 1e-12)).astype(
        np.float32)
    return out


def _chain(ci: list[int], cj: list[int], cs: list[float], m: int) -> list[tuple[int, int]]:
    """Heaviest chain strictly increasing in i and j (weights: similarity), O(N log m)."""
    tree_v = [0.0] * (m + 1)
    tree_k = [-1] * (m + 1)
    back = [-1] * len(ci)
    best_v = [0.0] * len(ci)

    def query(j: int) -> tuple[float, int]:  # best over columns < j
        v, key = 0.0, -1
        while j > 0:
            if tree_v[j] > v:
                v, key = tree_v[j], tree_k[j]
            j -= j & -j
        return v, key

    def update(j: int, v: float, key: int) -> None:
        j += 1
        while j <= m:
            if v > tree_v[j]:
                tree_v[j], tree_k[j] = v, key
            j += j & -j

    order = sorted(range(len(ci)), key=lambda x: (ci[x], cj[x]))
    pos = 0
    while pos < len(order):
        row = ci[order[pos]]
        group = []
        while pos < len(order) and ci[order[pos]] == row:
            group.append(order[pos])
            pos += 1
        for x in group:
            v, key = query(cj[x])
            best_v[x], back[x] = v + max(cs[x], 0.0), key
        for x in group:
            update(cj[x], best_v[x], x)
    if not ci:
        return []
    x = max(range(len(ci)), key=lambda y: best_v[y])
    out = []
    while x != -1:
        out.append((ci[x], cj[x]))
        x = back[x]
    return out[::-1]


def align(src: list[Array], tgt: list[Array], src_len: list[int], tgt_len: list[int],
          params: AlignParams | None = None, context: Context | None = None) -> list[Bead]:
    """Beads covering every source and target sentence once, in order.

    ``src[k-1]`` holds the embeddings of every run of ``k`` source sentences (see
    :meth:`Embedder.windows`), up to ``params.max_side``; lengths are in characters.
    ``context``: the whole sides this piece is part of (default: the piece itself);
    with its :attr:`Context.second` model the uncertain regions are aligned again
    (:mod:`outline_corpus.align.second`)."""
    p = params or AlignParams()
    beads = _solve(src, tgt, src_len, tgt_len, p, context, None)
    if context is None or context.second is None:
        return beads
    return _second_pass(beads, src, tgt, src_len, tgt_len, p, context)


def _second_pass(beads: list[Bead], src: list[Array], tgt: list[Array], src_len: list[int],
                 tgt_len: list[int], p: AlignParams, context: Context) -> list[Bead]:
    """``beads`` with every uncertain region aligned again, the second model's cosine
    mixed in (its boundaries and every other bead kept)."""
    second = context.second
    if second is None:
        return beads
    out: list[Bead] = []
    done = 0
    for k0, k1 in regions(beads, p.second_confidence):
        out.extend(beads[done:k0])
        done = k1
        rows = [x for b in beads[k0:k1] for x in b.src]
        cols = [x for b in beads[k0:k1] for x in b.tgt]
        i0, i1, j0, j1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
        piece = second.piece((context.i0 + i0, context.i0 + i1, context.j0 + j0,
                              context.j0 + j1), context.src, context.tgt, p)
        for bead in _solve([w[i0:max(i1 - k + 1, i0)] for k, w in enumerate(src, 1)],
                           [w[j0:max(j1 - k + 1, j0)] for k, w in enumerate(tgt, 1)],
                           src_len[i0:i1], tgt_len[j0:j1], p,
                           context.at(context.i0 + i0, context.j0 + j0), piece):
            out.append(Bead(tuple(i0 + x for x in bead.src), tuple(j0 + x for x in bead.tgt),
                            bead.score, bead.similarity))
    out.extend(beads[done:])
    return out


def _solve(src: list[Array], tgt: list[Array], src_len: list[int], tgt_len: list[int],
           p: AlignParams, context: Context | None, piece: Piece | None) -> list[Bead]:
    """The DP itself (see :func:`align`), the second model mixed in over ``piece``."""
    n, m = len(src_len), len(tgt_len)
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0, None) for i in range(n)] + [
            Bead((), (j,), 1.0, None) for j in range(m)]
    full = (n + 1) * (m + 1) <= p.full_cells
    chain = None if full and p.neighbours == 0 else anchors(src[0], tgt[0])
    scorer = _Scorer(src, tgt, src_len, tgt_len, p, chain, context, piece)
    if full:
        lo, hi = np.zeros(n + 1, np.int64), np.full(n + 1, m + 1, np.int64)
    else:
        lo, hi = _band(n, m, chain or [], p.band)
    dp: list[NDArray[np.float64]] = []
    bp: list[NDArray[np.int16]] = []
    types = p.bead_types
    for i in range(n + 1):
        cols = np.arange(lo[i], hi[i], dtype=np.int64)
        best = np.full(len(cols), NEG)
        kind = np.full(len(cols), -1, np.int16)
        if i == 0:
            best[cols == 0] = 0.0
        for t, (a, b) in enumerate(types):
            if a == 0 or a > i:
                continue
            prev_lo, prev_hi = lo[i - a], hi[i - a]
            q = cols - b
            ok = (q >= prev_lo) & (q < prev_hi) & (q >= 0)
            if b > 0:
                ok &= cols >= b
            if not ok.any():
                continue
            qc = q[ok]
            base = dp[i - a][qc - prev_lo]
            if b == 0:
                gain = np.full(len(qc), p.skip)
            else:
                jc = cols[ok]
                gain = scorer.score(i, a, jc, b, scorer.cosine(i, a, jc, b))
            cand = base + gain
            sel = np.flatnonzero(ok)
            better = cand > best[sel]
            best[sel[better]] = cand[better]
            kind[sel[better]] = t
        # 0:1 beads move along the row: best[j] = max(best[j], best[j-1] + skip)
        if len(cols) > 1:
            steps = np.arange(len(cols), dtype=np.float64) * p.skip
            carried = np.maximum.accumulate(best - steps) + steps
            moved = carried > best + 1e-12
            best = np.where(moved, carried, best)
            kind[moved] = types.index((0, 1))
        dp.append(best)
        bp.append(kind)
    return _backtrack(dp, bp, lo, types, n, m, scorer, p)


def _backtrack(dp: list[NDArray[np.float64]], bp: list[NDArray[np.int16]],
               lo: NDArray[np.int64], types: tuple[tuple[int, int], ...], n: int, m: int,
               scorer: _Scorer, p: AlignParams) -> list[Bead]:
    beads: list[Bead] = []
    i, j = n, m
    while i > 0 or j > 0:
        t = int(bp[i][j - lo[i]])
        if t < 0:
            raise RuntimeError("alignment DP has no path (band too narrow)")
        a, b = types[t]
        src = tuple(range(i - a, i))
        tgt = tuple(range(j - b, j))
        if a and b:
            cos = float(scorer.cosine(i, a, np.array([j]), b)[0])
            beads.append(Bead(src, tgt, p.confidence(cos), round(cos, 6)))
        else:
            beads.append(Bead(src, tgt, 1.0, None))
        i, j = i - a, j - b
    beads.reverse()
    return _skip_confidence(beads, scorer, p)


def _skip_confidence(beads: list[Bead], scorer: _Scorer, p: AlignParams) -> list[Bead]:
    """Confidence of a 1:0 or 0:1 bead: 1 minus the confidence of its best 1:1 match
    with a neighbouring sentence on the other side."""
    out = []
    for k, bead in enumerate(beads):
        if bead.src and bead.tgt:
            out.append(bead)
            continue
        near = [x for bb in beads[max(k - 2, 0):k + 3] for x in (bb.tgt if bead.src else bb.src)]
        if not near:
            out.append(bead)
            continue
        if bead.src:
            vec = scorer.src[0][bead.src[0]]
            sims = scorer.tgt[0][np.array(near)] @ vec
        else:
            vec = scorer.tgt[0][bead.tgt[0]]
            sims = scorer.src[0][np.array(near)] @ vec
        out.append(Bead(bead.src, bead.tgt, round(1.0 - p.confidence(float(sims.max())), 4),
                        None))
    return out
