"""The default model, offline: pooled composition against direct encoding."""

import random
from typing import Any

import numpy as np
import pytest

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.embed import Embedder, USEEmbedder, load_embedder
from outline_corpus.errors import EmbeddingModelError

SENTENCES = ["质量是人类生产生活的重要保障。", "Quality is an important guarantee for human "
             "production and life.", "We will strengthen the quality of building materials.",
             "加强建材质量监管。", "By 2025, the overall quality level will be further improved."]


@pytest.fixture(scope="module")
def use() -> USEEmbedder:
    model = load_embedder("use-m3")
    assert isinstance(model, USEEmbedder)
    return model


def test_vectors_are_normalised_float32(use: USEEmbedder) -> None:
    vecs = use.encode(SENTENCES)
    assert vecs.dtype == np.float32 and vecs.shape == (5, 512)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert use.name == "use-m3@0.2.1"


def test_single_sentences_are_exact_and_windows_close(use: USEEmbedder) -> None:
    cache = EmbeddingCache(None)
    pooled = use.windows(SENTENCES, 3, " ", cache)
    direct = Embedder.windows(use, SENTENCES, 3, " ", EmbeddingCache(None))
    assert [w.shape[0] for w in pooled] == [5, 4, 3]
    assert np.min(np.sum(pooled[0] * direct[0], axis=1)) > 0.9999
    assert np.min(np.sum(pooled[1] * direct[1], axis=1)) > 0.95
    assert np.min(np.sum(pooled[2] * direct[2], axis=1)) > 0.93


def test_translations_are_closer_than_unrelated(use: USEEmbedder) -> None:
    v = use.encode(SENTENCES)
    assert v[0] @ v[1] > v[0] @ v[4]
    assert v[3] @ v[2] > v[3] @ v[4]


def test_missing_sentence_transformers_model_is_a_clear_error() -> None:
    with pytest.raises(EmbeddingModelError, match="no-such-model"):
        load_embedder("st:/no/such/dir/no-such-model")


def test_a_state_depends_on_its_text_alone(use: USEEmbedder, corpus: dict[str, Any]) -> None:
    """A sentence's state as the embedder computes it (on one BLAS thread: with two,
    OpenBLAS on some processors splits the sums of a product otherwise, and the last
    bits differ) is the same bits alone, among others and in any order."""
    pooled = use._pooled
    assert pooled is not None
    texts = list(dict.fromkeys(s.text for s in corpus["outline.zh"].all_sentences()))[:300]
    texts += ["x" * 3000]  # a long one
    together = use._states(texts)
    order = list(range(len(texts)))
    random.Random(7).shuffle(order)
    shuffled = use._states([texts[k] for k in order])
    assert np.array_equal(shuffled[np.argsort(order)], together)
    for k in (0, 17, len(texts) - 2, len(texts) - 1):
        assert np.array_equal(use._states([texts[k]])[0], together[k])
    # a window's vector depends on its sentences only, not on those around it
    inner = pooled.windows(together[10:14], 2)
    outer = pooled.windows(together, 2)
    assert np.array_equal(inner, outer[10:13])
