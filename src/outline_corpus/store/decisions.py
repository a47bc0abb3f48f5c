"""Reviewers' decisions in the corpus database: stored by ``outline-corpus review
import`` (the newer of two decisions on one record or bead wins), carried into each
new build of the same output directory, and matched against the build's records and
beads (see :mod:`outline_corpus.decisions` for the keys)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from outline_corpus.decisions import Decision, bead_key, digest, newer, unmatched
from outline_corpus.errors import StoreError

if TYPE_CHECKING:
    from outline_corpus.diverge.records import Divergence
    from outline_corpus.store.rows import BeadRow

_COLUMNS = "target, doc, key, digest, status, comment, reviewer, updated, record, bead"


def record_digest(r: Divergence) -> str:
    """The fingerprint of a record a decision is made on: its kind and the exact words
    of both sides."""
    return digest(r.kind, r.original_text, r.translation_text)


def bead_digest(b: BeadRow) -> str:
    """The fingerprint of a bead a decision is made on: the texts of both sides."""
    return digest(b.source_text, b.target_text)


def read(db: sqlite3.Connection) -> list[Decision]:
    """Every decision stored, in key order."""
    return [Decision(*row) for row in db.execute(
        f"SELECT {_COLUMNS} FROM decisions ORDER BY target DESC, key")]


def match(db: sqlite3.Connection) -> None:
    """Set each decision's ``record`` or ``bead`` to what it applies to in the build
    ``db`` holds: the record or bead of its key whose digest is the decision's."""
    from outline_corpus.store import rows

    records = {r.id: record_digest(r) for r in rows.divergences(db)}
    beads = {bead_key(b.translation, b.source_ids, b.target_ids): (b.id, bead_digest(b))
             for b in rows.beads(db)}
    updates = []
    for d in read(db):
        record = d.key if d.target == "record" and records.get(d.key) == d.digest else None
        bid, bdig = beads.get(d.key, (None, None)) if d.target == "bead" else (None, None)
        updates.append((record, bid if bdig == d.digest else None, d.target, d.key))
    db.executemany("UPDATE decisions SET record = ?, bead = ? WHERE target = ? AND key = ?",
                   updates)


def insert(db: sqlite3.Connection, decisions: list[Decision]) -> None:
    """Store ``decisions`` (none cleared, keys distinct) and match them to the build."""
    db.executemany(f"INSERT INTO decisions ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                   [_row(unmatched(d)) for d in decisions if not d.cleared])
    match(db)


def _row(d: Decision) -> tuple[str | None, ...]:
    return (d.target, d.doc, d.key, d.digest, d.status, d.comment, d.reviewer, d.updated,
            d.record, d.bead)


@dataclass(frozen=True)
class Merged:
    """What storing a review file did: decisions ``added``, ``replaced`` (an older one
    on the same key), ``removed`` (taken back in the page), ``kept`` (the database's
    is newer) and ``same``; of the file's decisions stored, how many apply to this
    build (``applied``) and how many to no record or bead of it (``stale``)."""

    added: int
    replaced: int
    removed: int
    kept: int
    same: int
    applied: int
    stale: int


def merge(db: sqlite3.Connection, incoming: list[Decision]) -> Merged:
    """Merge ``incoming`` into the stored decisions, the newer winning on each key;
    ``db`` is left to commit."""
    stored: dict[tuple[str, str], Decision] = {(d.target, d.key): d for d in read(db)}
    latest: dict[tuple[str, str], Decision] = {}
    for d in incoming:
        key = (d.target, d.key)
        latest[key] = newer(latest[key], d) if key in latest else d
    counts = dict.fromkeys(("added", "replaced", "removed", "kept", "same"), 0)
    for k, d in latest.items():
        old = stored.get(k)
        if old is not None and unmatched(old) == unmatched(d):
            counts["same"] += 1
        elif old is not None and newer(old, d) is old:
            counts["kept"] += 1
        else:
            db.execute("DELETE FROM decisions WHERE target = ? AND key = ?", k)
            if d.cleared:  # taken back: nothing to take back is no change
                counts["removed" if old is not None else "same"] += 1
            else:
                db.execute(f"INSERT INTO decisions ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                           _row(unmatched(d)))
                counts["replaced" if old is not None else "added"] += 1
    match(db)
    now = {(d.target, d.key): d for d in read(db)}
    mine = [now[k] for k, d in latest.items() if k in now and not d.cleared]
    applied = sum(d.applies for d in mine)
    return Merged(**counts, applied=applied, stale=len(mine) - applied)


def previous(path: Path) -> tuple[list[Decision], str]:
    """The decisions of the database at ``path`` (none if there is no file, or it is of
    a version without decisions), and a warning if it holds some that cannot be read."""
    if not path.is_file():
        return [], ""
    from outline_corpus.store.query import connect

    try:
        db = connect(path)
    except sqlite3.Error as exc:
        return [], f"{path}: cannot read the previous review decisions ({exc})"
    try:
        has = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'decisions'").fetchone()
        return (read(db) if has else []), ""
    except (sqlite3.Error, TypeError, ValueError) as exc:
        return [], (f"{path}: the previous database's review decisions cannot be read "
                    f"({exc}); import your review file again with `outline-corpus review "
                    "import`")
    finally:
        db.close()


def writable(path: Path) -> sqlite3.Connection:
    """A read-write connection to the corpus database at ``path`` (checked with
    :meth:`Corpus.open` first); it never creates a file."""
    from outline_corpus.store.query import Corpus, connect

    Corpus.open(path).close()
    try:
        return connect(path, "rw")
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot write the corpus database ({exc})") from None


def import_review(file: str | Path, db: str | Path) -> Merged:
    """Store the decisions of the review file ``file`` in the corpus database ``db``
    (one transaction, under the lock of its directory, so a build cannot replace the
    database meanwhile); raises :class:`ReviewFileError` or :class:`StoreError`,
    having changed nothing, if either cannot be used."""
    from outline_corpus.decisions import read_review_file
    from outline_corpus.publish import locked

    incoming = read_review_file(file)
    path = Path(db)
    with locked(path.parent):
        conn = writable(path)
        try:
            with conn:
                return merge(conn, incoming)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot store the decisions ({exc}); nothing was "
                             "changed") from None
        finally:
            conn.close()
