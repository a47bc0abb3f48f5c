"""Damage done to SQLite files: truncation, bytes overwritten, SQL run on a copy,
vectors packed as the databases keep them."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def truncate(path: Path, size: int) -> None:
    with path.open("r+b") as fh:
        fh.truncate(max(0, size))


def overwrite(path: Path, offset: int, data: bytes) -> None:
    with path.open("r+b") as fh:
        fh.seek(max(0, offset))
        fh.write(data)


def execute(path: Path, *statements: str) -> None:
    """Run SQL on a copy of a database (foreign keys off, so any row may go)."""
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA foreign_keys = OFF")
        for sql in statements:
            db.execute(sql)
        db.commit()
    finally:
        db.close()


def vector_blob(values: list[float]) -> bytes:
    import struct

    return struct.pack(f"<{len(values)}f", *values)
