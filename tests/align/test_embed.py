"""Choosing the embedding model: an unknown name is refused at once, naming the models
there are, and nothing is ever downloaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from outline_corpus.align.embed import load_embedder
from outline_corpus.errors import EmbeddingModelError


def test_a_mistyped_model_is_refused_with_the_models_there_are(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with pytest.raises(EmbeddingModelError, match=r"^unknown model 'use-m4': not use-m3 "
                                                  r"\(the default\), not a local directory"):
        load_embedder("use-m4")


def test_a_model_in_the_local_cache_goes_to_sentence_transformers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    (tmp_path / "hf" / "hub" / "models--org--tiny").mkdir(parents=True)
    with pytest.raises(EmbeddingModelError) as err:  # found; loading it is the library's
        load_embedder("org/tiny")
    assert not str(err.value).startswith("unknown model")
