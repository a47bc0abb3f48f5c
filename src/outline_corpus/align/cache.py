"""An on-disk embedding cache (SQLite), keyed by model, kind and text.

Every batch of new vectors is written in one transaction, so an interrupted run leaves
the cache consistent: what was committed is reused, the rest is computed again."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float32]
Progress = Callable[[int], None]
#: Texts computed and committed together.
BATCH = 256


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


class EmbeddingCache:
    """Vectors by ``(namespace, text)``; ``path=None`` keeps them in memory only."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._memory: dict[tuple[str, bytes], bytes] = {}
        self._db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0

    def _conn(self) -> sqlite3.Connection | None:
        if self.path is None:
            return None
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS vectors (namespace TEXT NOT NULL, "
                       "key BLOB NOT NULL, dim INTEGER NOT NULL, vec BLOB NOT NULL, "
                       "PRIMARY KEY (namespace, key)) WITHOUT ROWID")
            db.commit()
            self._db = db
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _lookup(self, namespace: str, keys: list[bytes]) -> dict[bytes, bytes]:
        db = self._conn()
        if db is None:
            return {k: v for k in keys if (v := self._memory.get((namespace, k))) is not None}
        found: dict[bytes, bytes] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            rows = db.execute(f"SELECT key, vec FROM vectors WHERE namespace = ? AND key IN "
                              f"({marks})", (namespace, *chunk))
            found.update((bytes(k), bytes(v)) for k, v in rows)
        return found

    def _store(self, namespace: str, items: list[tuple[bytes, Array]]) -> None:
        db = self._conn()
        if db is None:
            for key, vec in items:
                self._memory[(namespace, key)] = vec.astype(np.float32).tobytes()
            return
        with db:  # one transaction: all of the batch or none of it
            db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)",
                           [(namespace, key, int(vec.shape[0]),
                             vec.astype(np.float32).tobytes()) for key, vec in items])

    def fetch(self, namespace: str, texts: Sequence[str],
              compute: Callable[[list[str]], Array], progress: Progress | None = None) -> Array:
        """Vectors of ``texts`` in order: cached ones read, the others computed with
        ``compute`` in batches and stored. ``progress(n)`` is told of each text done."""
        order = list(dict.fromkeys(texts))
        keys = [_key(t) for t in order]
        found = self._lookup(namespace, keys)
        todo = [(t, k) for t, k in zip(order, keys, strict=True) if k not in found]
        self.hits += len(order) - len(todo)
        self.misses += len(todo)
        if progress is not None and len(order) > len(todo):
            progress(len(order) - len(todo))
        for i in range(0, len(todo), BATCH):
            batch = todo[i:i + BATCH]
            vecs = compute([t for t, _ in batch])
            items = [(k, vecs[n]) for n, (_, k) in enumerate(batch)]
            self._store(namespace, items)
            found.update((k, v.astype(np.float32).tobytes()) for k, v in items)
            if progress is not None:
                progress(len(batch))
        by_text = {t: found[k] for t, k in zip(order, keys, strict=True)}
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([np.frombuffer(by_text[t], dtype=np.float32) for t in texts])
