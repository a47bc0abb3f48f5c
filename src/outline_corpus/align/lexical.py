"""The aligner's dictionary signal: each sentence as a bag of English word stems, so
that a Chinese sentence and its English rendering share words the embedding model may
miss (names, terms, list members).

An English word counts as its Snowball stems (and its lemmas'); a Chinese content word
(see :func:`outline_corpus.diverge.lexicon.chinese_words`) as the stems of its
CC-CEDICT glosses; Latin words inside Chinese text count as English. Each word adds a
total weight of 1 spread over its stems, hashed (CRC-32) into :data:`DIM` buckets; a
side's bags are kept sparse (a few dozen buckets per sentence). A window's bag is the
sum of its sentences' bags, and two windows' dictionary similarity is the cosine of
their bags (0 to 1; 0 when either has no content word). The same text always gives the
same bag, in any language."""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["DIM", "Bags", "bags", "dense", "normalised", "windows"]

Array = NDArray[np.float32]
#: A ``scipy.sparse.csr_matrix`` of bags, one row per sentence.
Bags = Any
#: Buckets of a bag (stems are hashed into them). Fewer cost accuracy: on bible-001,
#: 512 buckets gave no gain over the model alone, 1024 as much as 4096.
DIM = 1024


@cache
def _bucket(stem: str) -> int:
    return zlib.crc32(stem.encode("utf-8")) % DIM


def _stems(text: str) -> Iterator[frozenset[str]]:
    """The stems of each content word of ``text``, English and Chinese."""
    from outline_corpus.diverge import lexicon as lx

    for word in lx.english_words(text):
        yield word.stems
    if lx.has_chinese(text):
        table = lx.glossary()
        for zh, _, _ in lx.chinese_words(text):
            glosses = table.get(zh)
            if glosses:
                yield lx.gloss_stems(glosses)


def bags(texts: Sequence[str]) -> Bags:
    """One unnormalised bag per text: a sparse ``len(texts)`` × :data:`DIM` matrix."""
    from scipy.sparse import csr_matrix

    indptr, indices, values = [0], [], []
    for text in texts:
        row: dict[int, float] = {}
        for stems in _stems(text):
            for stem in stems:
                key = _bucket(stem)
                row[key] = row.get(key, 0.0) + 1.0 / len(stems)
        for key in sorted(row):
            indices.append(key)
            values.append(row[key])
        indptr.append(len(indices))
    return csr_matrix((np.asarray(values, np.float32), np.asarray(indices, np.int32),
                       np.asarray(indptr, np.int64)), shape=(len(texts), DIM))


def dense(side: Bags, start: int, stop: int) -> Array:
    """Rows ``start`` to ``stop`` of a side's bags as a dense array."""
    out: Array = np.asarray(side[start:stop].toarray(), np.float32)
    return out


def normalised(x: Array) -> Array:
    """Rows of ``x`` scaled to unit length (zero rows stay zero)."""
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    out: Array = (x / np.maximum(norm, 1e-12)).astype(np.float32)
    return out


def windows(sentence_bags: Array, max_size: int) -> list[Array]:
    """Normalised sums of the rows (bags, or sentence vectors) of every run of ``k``
    consecutive sentences, ``k`` = 1 to ``max_size`` (entry ``k-1`` has ``n - k + 1``
    rows, like :meth:`~outline_corpus.align.embed.Embedder.windows`)."""
    n = sentence_bags.shape[0]
    out: list[Array] = []
    for k in range(1, max_size + 1):
        rows = max(n - k + 1, 0)
        total = np.zeros((rows, sentence_bags.shape[1]), np.float32)
        for s in range(k):
            total += sentence_bags[s:s + rows]
        out.append(normalised(total))
    return out
