"""An on-disk embedding cache (SQLite), keyed by model, kind and text.

Every batch of new vectors is written in one transaction, so an interrupted run leaves
the cache consistent: what was committed is reused, the rest is computed again.

Nothing read back is trusted unchecked: a vector of the wrong dimension, with a NaN or
an infinity, or all zeros is embedded again and overwritten (counted in
:attr:`EmbeddingCache.repaired`). A path that cannot hold the cache (a directory, a
device, a damaged or foreign file, an unwritable place) raises :class:`CacheError`."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from outline_corpus.errors import CacheError

Array = NDArray[np.float32]
Progress = Callable[[int], None]
#: Texts computed and committed together.
BATCH = 256
#: Cached vectors sampled for a model's dimension when it has computed none yet.
SAMPLE = 1000
_COLUMNS = ("namespace", "key", "dim", "vec")
_SCHEMA = ("CREATE TABLE IF NOT EXISTS vectors (namespace TEXT NOT NULL, key BLOB NOT NULL, "
           "dim INTEGER NOT NULL, vec BLOB NOT NULL, PRIMARY KEY (namespace, key)) "
           "WITHOUT ROWID")
_ELSEWHERE = "pass --cache PATH / --no-cache"
_DELETE = f"delete it (it holds only cached vectors) or {_ELSEWHERE}"


def default_cache_path() -> Path:
    """``$OUTLINE_CORPUS_CACHE``, else ``$XDG_CACHE_HOME/outline-corpus/embeddings.sqlite``
    (``~/.cache`` when unset)."""
    env = os.environ.get("OUTLINE_CORPUS_CACHE")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "outline-corpus" / "embeddings.sqlite"


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:16]


def _sound(vecs: Array) -> NDArray[np.bool_]:
    """Which rows are usable: all finite and not all zero (every embedder's vector is
    L2-normalised, and a pooled state holds a token count of at least 2)."""
    ok: NDArray[np.bool_] = np.logical_and(np.isfinite(vecs).all(axis=1), vecs.any(axis=1))
    return ok


def _decode(rows: dict[bytes, bytes], dim: int) -> dict[bytes, Array]:
    """The rows holding ``dim`` float32 values that pass :func:`_sound`, decoded."""
    keys = [k for k, blob in rows.items() if len(blob) == 4 * dim]
    if not keys or dim <= 0:
        return {}
    vecs = np.frombuffer(b"".join(rows[k] for k in keys), dtype=np.float32)
    vecs = vecs.reshape(len(keys), dim)
    return {k: vecs[n] for n, (k, ok) in enumerate(zip(keys, _sound(vecs), strict=True))
            if ok}


def _check_location(path: Path) -> None:
    """Refuse a directory, a device or an existing file this process cannot write."""
    if path.is_dir():
        raise CacheError(str(path), f"is a directory, not an embedding cache; remove it or "
                                    f"{_ELSEWHERE}")
    if path.exists() and not path.is_file():
        raise CacheError(str(path), f"is a device or special file, not an embedding cache; "
                                    f"{_ELSEWHERE}")
    if path.exists() and not os.access(path, os.W_OK):
        raise CacheError(str(path), f"is read-only; make it writable or {_ELSEWHERE}")


def _check_schema(db: sqlite3.Connection, path: Path) -> None:
    """Refuse an SQLite database that is not an embedding cache (read-only check)."""
    tables = [str(name) for (name,) in
              db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    if "vectors" in tables:
        columns = tuple(str(row[1]) for row in db.execute("PRAGMA table_info(vectors)"))
        if columns != _COLUMNS:
            raise CacheError(str(path), f"has a 'vectors' table that is not an embedding "
                                        f"cache's; {_DELETE}")
    elif tables:
        raise CacheError(str(path), f"is an SQLite database but not an embedding cache "
                                    f"(no 'vectors' table); {_DELETE}")


def _open(path: Path) -> sqlite3.Connection:
    """A connection to the cache at ``path``, created if absent, its schema checked."""
    _check_location(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    try:
        _check_schema(db, path)  # before anything writes to someone else's database
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(_SCHEMA)
        db.commit()
    except BaseException:
        db.close()
        raise
    return db


def _reason(exc: sqlite3.Error | OSError) -> str:
    """The one-line reason of a :class:`CacheError`, with what to do about it."""
    if isinstance(exc, OSError):
        return f"cannot be created or opened ({exc.strerror or exc}); {_ELSEWHERE}"
    name = getattr(exc, "sqlite_errorname", None) or ""
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return f"is damaged or not an embedding cache ({exc}); {_DELETE}"
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return f"cannot be opened for writing ({exc}); {_ELSEWHERE}"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"is locked by another process ({exc}); wait for it or {_ELSEWHERE}"
    if name.startswith("SQLITE_FULL"):
        return f"cannot be written, the disk is full; free some space or {_ELSEWHERE}"
    return f"cannot be used ({exc}); {_DELETE}"


class EmbeddingCache:
    """Vectors by ``(namespace, text)``; ``path=None`` keeps them in memory only.

    ``hits`` counts vectors read, ``misses`` vectors computed, and ``repaired`` those
    of the misses that replaced a damaged cached vector (see :attr:`warnings`)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._memory: dict[tuple[str, bytes], bytes] = {}
        self._db: sqlite3.Connection | None = None
        self._dims: dict[str, int] = {}
        self.hits = 0
        self.misses = 0
        self.repaired = 0

    @property
    def warnings(self) -> tuple[str, ...]:
        """What a user must know about this cache: the damaged vectors embedded again."""
        return ((f"re-embedded {self.repaired} damaged vectors of the embedding cache",)
                if self.repaired else ())

    @contextmanager
    def _session(self) -> Iterator[sqlite3.Connection]:
        """The connection, opened on first use. The one place where an SQLite or OS
        error, at open or in any query, becomes a :class:`CacheError`."""
        assert self.path is not None
        try:
            if self._db is None:
                self._db = _open(self.path)
            yield self._db
        except (sqlite3.Error, OSError) as exc:
            self.close()
            raise CacheError(str(self.path), _reason(exc)) from exc

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _lookup(self, namespace: str, keys: list[bytes]) -> dict[bytes, bytes]:
        """Stored blobs by key; a row whose ``dim`` disagrees with its blob reads as
        ``b""`` (damaged)."""
        if self.path is None:
            return {k: v for k in keys if (v := self._memory.get((namespace, k))) is not None}
        found: dict[bytes, bytes] = {}
        with self._session() as db:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, dim, vec FROM vectors WHERE namespace = ? "
                                  f"AND key IN ({marks})", (namespace, *chunk))
                found.update((bytes(k), v if isinstance(v, bytes) and len(v) == 4 * d
                              else b"") for k, d, v in rows)
        return found

    def _dim(self, namespace: str, rows: dict[bytes, bytes]) -> int:
        """The dimension of ``namespace``: the embedder's output if seen, else the most
        common one on disk (in memory: among ``rows``)."""
        if namespace not in self._dims:
            lengths = Counter(len(b) // 4 for b in rows.values())
            self._dims[namespace] = self._common_dim(namespace) or lengths.most_common(1)[0][0]
        return self._dims[namespace]

    def _common_dim(self, namespace: str) -> int | None:
        """The most common vector length among (up to) ``SAMPLE`` of ``namespace`` on
        disk; keys are hashes, so these are a random sample."""
        if self.path is None:
            return None
        with self._session() as db:
            rows = db.execute("SELECT length(vec) / 4 FROM vectors WHERE namespace = ? "
                              "LIMIT ?", (namespace, SAMPLE)).fetchall()
        common = Counter(n for (n,) in rows if isinstance(n, int)).most_common(1)
        return common[0][0] if common else None

    def _store(self, namespace: str, keys: list[bytes], vecs: Array) -> None:
        """Keep ``vecs`` (one row per key), except rows that would fail on reading."""
        self._dims[namespace] = int(vecs.shape[1])
        items = [(namespace, key, int(vecs.shape[1]), vec.tobytes())
                 for key, vec, ok in zip(keys, vecs, _sound(vecs), strict=True) if ok]
        if self.path is None:
            self._memory.update(((namespace, key), blob) for _, key, _, blob in items)
            return
        with self._session() as db, db:  # one transaction: all of the batch or none of it
            db.executemany("INSERT OR REPLACE INTO vectors (namespace, key, dim, vec) "
                           "VALUES (?, ?, ?, ?)", items)

    def _embed(self, namespace: str, todo: list[tuple[str, bytes]],
               compute: Callable[[list[str]], Array], into: dict[bytes, Array],
               progress: Progress | None) -> None:
        """Compute ``todo`` in batches, storing each batch and adding it to ``into``."""
        for i in range(0, len(todo), BATCH):
            batch = todo[i:i + BATCH]
            vecs = np.asarray(compute([t for t, _ in batch]), dtype=np.float32)
            keys = [k for _, k in batch]
            self._store(namespace, keys, vecs)
            into.update(zip(keys, vecs, strict=True))
            if progress is not None:
                progress(len(batch))

    def cached(self, namespace: str, texts: Sequence[str]) -> dict[str, Array]:
        """The vectors of those of ``texts`` that are cached and pass the checks (read,
        not counted as hits)."""
        order = list(dict.fromkeys(texts))
        keys = [_key(t) for t in order]
        rows = self._lookup(namespace, keys)
        good = _decode(rows, self._dim(namespace, rows)) if rows else {}
        return {t: good[k] for t, k in zip(order, keys, strict=True) if k in good}

    def missing(self, namespace: str, texts: Sequence[str]) -> list[str]:
        """The distinct ``texts``, in order, that :meth:`fetch` would compute: not
        cached, or cached but failing the checks."""
        order = list(dict.fromkeys(texts))
        keys = [_key(t) for t in order]
        rows = self._lookup(namespace, keys)
        good = _decode(rows, self._dim(namespace, rows)) if rows else {}
        return [t for t, k in zip(order, keys, strict=True) if k not in good]

    def fetch(self, namespace: str, texts: Sequence[str],
              compute: Callable[[list[str]], Array], progress: Progress | None = None) -> Array:
        """Vectors of ``texts`` in order: cached ones read, the others computed with
        ``compute`` in batches and stored. Cached vectors that fail the checks are
        computed again and overwritten. ``progress(n)`` is told of each text done."""
        order = list(dict.fromkeys(texts))
        keys = [_key(t) for t in order]
        rows = self._lookup(namespace, keys)
        found: dict[bytes, Array] = {}
        missing = [(t, k) for t, k in zip(order, keys, strict=True) if k not in rows]
        self.misses += len(missing)
        # the new vectors first: their dimension is the one the cached ones must have
        self._embed(namespace, missing, compute, found, progress)
        good = _decode(rows, self._dim(namespace, rows)) if rows else {}
        found.update(good)
        self.hits += len(good)
        if progress is not None and good:
            progress(len(good))
        damaged = [(t, k) for t, k in zip(order, keys, strict=True) if k not in found]
        self.misses += len(damaged)
        self.repaired += len(damaged)
        self._embed(namespace, damaged, compute, found, progress)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        by_text = {t: found[k] for t, k in zip(order, keys, strict=True)}
        return np.stack([by_text[t] for t in texts])
