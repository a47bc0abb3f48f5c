from pathlib import Path

import numpy as np
import pytest

from outline_corpus.align.cache import EmbeddingCache

from .conftest import BagOfWords


def test_second_run_embeds_nothing(tmp_path: Path, bow: BagOfWords) -> None:
    path = tmp_path / "cache.sqlite"
    texts = ["a b", "c d", "a b", "e"]
    first = EmbeddingCache(path)
    v1 = first.fetch("m#vec", texts, bow.encode)
    first.close()
    assert bow.calls == 3  # duplicates embedded once
    again = EmbeddingCache(path)
    v2 = again.fetch("m#vec", texts, bow.encode)
    assert bow.calls == 3 and (again.hits, again.misses) == (3, 0)
    assert np.array_equal(v1, v2) and v2.shape == (4, 256)
    again.fetch("other-model#vec", texts[:1], bow.encode)
    assert bow.calls == 4  # keys include the model


def test_interrupted_batch_leaves_cache_usable(tmp_path: Path, bow: BagOfWords,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import outline_corpus.align.cache as cache_mod

    monkeypatch.setattr(cache_mod, "BATCH", 2)
    path = tmp_path / "cache.sqlite"
    texts = [f"t{k}" for k in range(6)]
    calls = {"n": 0}

    def flaky(batch: list[str]) -> np.ndarray:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C mid-run
        return bow.encode(batch)

    cache = EmbeddingCache(path)
    with pytest.raises(KeyboardInterrupt):
        cache.fetch("m#vec", texts, flaky)
    cache.close()
    reopened = EmbeddingCache(path)
    out = reopened.fetch("m#vec", texts, bow.encode)
    assert (reopened.hits, reopened.misses) == (2, 4)  # the first batch was committed
    assert np.allclose(out, bow.encode(texts))
