"""A deterministic bag-of-words embedder: texts sharing words have similar vectors, so
hand-made 'translations' (same words, different sentence splits) align predictably."""

from collections.abc import Sequence
from hashlib import sha256

import numpy as np
import pytest

from outline_corpus.align.embed import Embedder


class BagOfWords(Embedder):
    name = "bag-of-words"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.calls = 0

    def _word(self, word: str) -> np.ndarray:
        seed = int.from_bytes(sha256(word.encode()).digest()[:8], "little")
        return np.random.default_rng(seed).standard_normal(self.dim)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for k, text in enumerate(texts):
            words = text.replace(".", " ").split()
            vec = sum((self._word(w) for w in words), np.zeros(self.dim))
            norm = np.linalg.norm(vec)
            out[k] = vec / norm if norm else vec
        return out


@pytest.fixture()
def bow() -> BagOfWords:
    return BagOfWords()
