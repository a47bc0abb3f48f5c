import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from outline_corpus.align.cache import EmbeddingCache, _key
from outline_corpus.errors import CacheError

from .conftest import BagOfWords

NS = "m#vec"
TEXTS = ["a b", "c d", "a b", "e"]


def _fill(path: Path, bow: BagOfWords, texts: list[str] = TEXTS) -> np.ndarray:
    cache = EmbeddingCache(path)
    try:
        return cache.fetch(NS, texts, bow.encode)
    finally:
        cache.close()


def _rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return sorted(db.execute("SELECT * FROM vectors"))


def test_second_run_embeds_nothing(tmp_path: Path, bow: BagOfWords) -> None:
    path = tmp_path / "cache.sqlite"
    first = EmbeddingCache(path)
    v1 = first.fetch(NS, TEXTS, bow.encode)
    first.close()
    assert bow.calls == 3  # duplicates embedded once
    again = EmbeddingCache(path)
    v2 = again.fetch(NS, TEXTS, bow.encode)
    assert bow.calls == 3 and (again.hits, again.misses, again.repaired) == (3, 0, 0)
    assert np.array_equal(v1, v2) and v2.shape == (4, 256)
    again.fetch("other-model#vec", TEXTS[:1], bow.encode)
    assert bow.calls == 4  # keys include the model


def test_healthy_cache_reads_identical_vectors_and_writes_nothing(
        tmp_path: Path, bow: BagOfWords) -> None:
    path = tmp_path / "cache.sqlite"
    first = _fill(path, bow)
    before = _rows(path)
    again = EmbeddingCache(path)
    out = again.fetch(NS, TEXTS, bow.encode)
    again.close()
    assert out.dtype == np.float32 and out.tobytes() == first.tobytes()
    assert out.tobytes() == bow.encode(TEXTS).tobytes()
    assert again.repaired == 0 and _rows(path) == before


def test_memory_cache_reuses_vectors(bow: BagOfWords) -> None:
    cache = EmbeddingCache(None)
    first = cache.fetch(NS, TEXTS, bow.encode)
    again = cache.fetch(NS, TEXTS, bow.encode)
    assert np.array_equal(first, again) and (cache.hits, cache.repaired) == (3, 0)


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


def _vec(values: np.ndarray) -> tuple[int, bytes]:
    return int(values.shape[0]), values.astype(np.float32).tobytes()


def _nan() -> tuple[int, bytes]:
    v = np.ones(256, np.float32)
    v[7] = np.nan
    return _vec(v)


DAMAGE: dict[str, Callable[[], tuple[int, object]]] = {
    "zero": lambda: _vec(np.zeros(256)),
    "nan": _nan,
    "inf": lambda: _vec(np.full(256, np.inf)),
    "short": lambda: _vec(np.ones(128)),
    "long": lambda: _vec(np.ones(512)),
    "dim-column": lambda: (128, np.ones(256, np.float32).tobytes()),
    "odd-bytes": lambda: (256, b"\x01" * 1023),
    "text": lambda: (256, "not a vector"),
}


def _damage(path: Path, text: str, kind: str) -> None:
    dim, vec = DAMAGE[kind]()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE vectors SET dim = ?, vec = ? WHERE key = ?", (dim, vec, _key(text)))


@pytest.mark.parametrize("alone", [False, True], ids=["with-others", "alone"])
@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_damaged_vector_is_reembedded_and_overwritten(tmp_path: Path, bow: BagOfWords,
                                                      kind: str, alone: bool) -> None:
    path = tmp_path / "cache.sqlite"
    _fill(path, bow)
    _damage(path, "c d", kind)
    texts = ["c d"] if alone else TEXTS
    cache = EmbeddingCache(path)
    calls = bow.calls
    out = cache.fetch(NS, texts, bow.encode)
    cache.close()
    assert bow.calls == calls + 1  # only the damaged vector is embedded again
    assert out.tobytes() == bow.encode(texts).tobytes()
    assert (cache.repaired, cache.misses, cache.hits) == (1, 1, len(set(texts)) - 1)
    healed = EmbeddingCache(path)
    healed.fetch(NS, TEXTS, bow.encode)
    assert (healed.repaired, healed.misses, healed.hits) == (0, 0, 3)


def test_dimension_is_the_embedders_when_it_computes(tmp_path: Path, bow: BagOfWords) -> None:
    path = tmp_path / "cache.sqlite"
    _fill(path, bow)
    for text in ("a b", "c d", "e"):  # every cached row has the same, wrong, dimension
        _damage(path, text, "short")
    cache = EmbeddingCache(path)
    out = cache.fetch(NS, [*TEXTS, "new"], bow.encode)
    assert out.shape == (5, 256) and (cache.repaired, cache.misses) == (3, 4)


def test_new_zero_vector_is_returned_not_cached(tmp_path: Path, bow: BagOfWords) -> None:
    path = tmp_path / "cache.sqlite"
    assert not _fill(path, bow, ["", "a"])[0].any()  # the fake embeds "" as zeros
    cache = EmbeddingCache(path)
    cache.fetch(NS, ["", "a"], bow.encode)
    assert (cache.hits, cache.misses, cache.repaired) == (1, 1, 0)


def _truncated(path: Path, bow: BagOfWords) -> None:
    _fill(path, bow, [f"t{k}" for k in range(300)])
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])


def _foreign(path: Path, bow: BagOfWords) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE sentences (id TEXT, text TEXT)")


def _other_vectors(path: Path, bow: BagOfWords) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE vectors (id INTEGER, v BLOB)")


BAD_FILES: dict[str, tuple[Callable[[Path, BagOfWords], object], str]] = {
    "directory": (lambda p, _: p.mkdir(), "is a directory.*remove it or pass --cache PATH"),
    "garbage": (lambda p, _: p.write_bytes(bytes(range(256)) * 20),
                "is damaged or not an embedding cache.*delete it"),
    "truncated": (_truncated, "is damaged or not an embedding cache.*delete it"),
    "foreign-sqlite": (_foreign, "not an embedding cache \\(no 'vectors' table\\)"),
    "other-vectors-table": (_other_vectors, "'vectors' table that is not an embedding"),
    "parent-is-a-file": (lambda p, _: p.parent.write_text("x"),
                         "cannot be created or opened"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_unusable_cache_file_is_a_cache_error(tmp_path: Path, bow: BagOfWords,
                                              case: str) -> None:
    make, message = BAD_FILES[case]
    path = tmp_path / "sub" / "cache.sqlite"
    path.parent.mkdir()
    if case == "parent-is-a-file":
        path.parent.rmdir()
    make(path, bow)
    before = path.read_bytes() if path.is_file() else None
    cache = EmbeddingCache(path)
    with pytest.raises(CacheError, match=message) as info:
        cache.fetch(NS, TEXTS, bow.encode)
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)
    assert "--no-cache" in str(info.value)
    if before is not None:
        assert path.read_bytes() == before  # a file that is not a cache is left alone
    cache.close()


def test_device_is_a_cache_error_and_left_alone(bow: BagOfWords) -> None:
    journal = Path("/dev/null-journal")
    existed = journal.exists()
    with pytest.raises(CacheError, match=r"^/dev/null: is a device.*--no-cache$"):
        EmbeddingCache("/dev/null").fetch(NS, TEXTS, bow.encode)
    assert existed or not journal.exists()


def test_read_only_file_is_a_cache_error(tmp_path: Path, bow: BagOfWords,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cache.sqlite"
    _fill(path, bow)
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)  # root may write anything
    with pytest.raises(CacheError, match="is read-only"):
        EmbeddingCache(path).fetch(NS, TEXTS, bow.encode)


def test_error_in_a_later_query_is_a_cache_error(tmp_path: Path, bow: BagOfWords) -> None:
    path = tmp_path / "cache.sqlite"
    cache = EmbeddingCache(path)
    cache.fetch(NS, TEXTS, bow.encode)
    with sqlite3.connect(path) as other:
        other.execute("DROP TABLE vectors")
    with pytest.raises(CacheError, match="no such table"):
        cache.fetch(NS, ["new"], bow.encode)
    cache.close()


@pytest.mark.parametrize("content", [b"", None], ids=["empty-file", "empty-database"])
def test_empty_file_or_database_becomes_a_cache(tmp_path: Path, bow: BagOfWords,
                                                content: bytes | None) -> None:
    path = tmp_path / "cache.sqlite"
    if content is None:
        with sqlite3.connect(path) as db:  # a database with a header and no table
            db.execute("PRAGMA user_version = 1")
        assert path.stat().st_size > 0
    else:
        path.write_bytes(content)
    _fill(path, bow)
    assert len(_rows(path)) == 3
