"""Publishing a run's outputs into a directory all at once, or not at all.

A run writes into a staging directory beside the output directory, then swaps the two
in one atomic rename (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames,
with the moment between them repaired by the next run). A reader, a kill or a full
disk therefore sees either the previous run's outputs or the new ones, never a mix.

- A run holds a lock on the directory (``.NAME.lock`` beside it) for its whole length;
  a second run into the same directory is refused at once.
- The directory holds one run's outputs: a file the previous run wrote and this one
  does not is dropped (it would disagree with the new outputs), and listed in
  :attr:`Publication.dropped`. Files of the user's own (anything the previous run did
  not write, by the list kept in :data:`OUTPUTS`) are carried over as they are.
- A directory holds the outputs of one corpus: the list names the documents they were
  made from (and the raw directory, to say where), and a run of a corpus that shares
  no document with them is refused unless it is forced (a corpus that gains or loses
  a document, or is moved or copied, is the same corpus).
- Staging directories left by a killed run are removed by the next run.
- An output directory that is a symbolic link is followed: the directory it points to
  is the one replaced."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
import signal
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from outline_corpus.errors import OutputError

#: The list of the files a run published, kept in the output directory.
OUTPUTS = ".outline-corpus-outputs.json"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass
class Publication:
    """A run's staging directory ``staging`` for ``target`` (``shown``: the output
    directory as the user named it; ``owner``: the corpus, as its raw directory and
    document ids); after a successful :func:`publishing`, ``dropped`` names
    the previous run's files not remade."""

    target: Path
    shown: Path
    staging: Path
    dropped: list[str] = field(default_factory=list)
    owner: Corpus | None = None

    def final(self, path: Path) -> Path:
        """Where ``path`` (inside the staging directory) is once published, under the
        name the user gave the output directory."""
        return self.shown / path.relative_to(self.staging)


@dataclass(frozen=True)
class Corpus:
    """Whose outputs a directory holds: the raw directory and the document ids."""

    raw: str
    documents: tuple[str, ...]


@contextlib.contextmanager
def publishing(out_dir: str | Path, corpus: Corpus | None = None,
               force: bool = False) -> Iterator[Publication]:
    """Lock ``out_dir``, hand out a fresh staging directory, and on a clean exit put
    what was written there in place of ``out_dir``'s outputs; on an exception (or
    SIGTERM) remove it and leave ``out_dir`` as it was. ``corpus`` is what the outputs
    are made from: if ``out_dir`` holds the outputs of a corpus that shares no document
    with it, the run is refused unless ``force``. Raises :class:`OutputError` if
    ``out_dir`` is not a directory, holds another corpus, is locked by another run or
    cannot be written."""
    target = _target(Path(out_dir))
    parent, name = target.parent, target.name
    with locked(target):
        _recover(parent, name)
        _check_owner(target, corpus, force, Path(out_dir))
        staging = parent / f".{name}.staging-{os.getpid()}"
        try:
            staging.mkdir()
        except OSError as exc:
            raise OutputError(str(target), f"cannot write here ({exc.strerror or exc}); "
                                           "choose another --out") from None
        pub = Publication(target, Path(out_dir), staging, owner=corpus)
        try:
            with _terminate_as_exit():
                yield pub
                _commit(pub)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def locked(out_dir: str | Path) -> Iterator[Path]:
    """Hold the lock of the output directory ``out_dir`` (``.NAME.lock`` beside it),
    as a run does, while writing into a file of it in place; yields its absolute path.
    Raises :class:`OutputError` if another run holds it or it cannot be made."""
    target = _target(Path(out_dir))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = os.open(target.parent / f".{target.name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(str(target), f"cannot write here ({exc.strerror or exc}); "
                                       "choose another --out") from None
    try:
        _lock(lock, target)
        yield target
    finally:
        os.close(lock)


def _target(out: Path) -> Path:
    if out.is_symlink():
        try:
            linked = out.resolve(strict=True)
        except (OSError, RuntimeError):  # dangling, or a loop of links
            raise OutputError(str(out), "a symbolic link to nothing; create the directory "
                                        "it names or choose another --out") from None
        out = linked if linked.is_dir() else out
    if out.exists() and not out.is_dir():
        raise OutputError(str(out), "not a directory; choose another --out")
    return out.absolute()


def _lock(fd: int, target: Path) -> None:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            raise OutputError(str(target), "another run is writing into this directory; "
                                           "wait for it to finish, or choose another --out"
                              ) from None
        raise


def _recover(parent: Path, name: str) -> None:
    """Undo what a killed run left: a directory moved aside but not replaced is put
    back; staging directories are removed (the lock is ours, so none is in use)."""
    target = parent / name
    for old in sorted(parent.glob(f".{name}.old-*")):
        if not target.exists():
            old.rename(target)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for staged in parent.glob(f".{name}.staging-*"):
        shutil.rmtree(staged, ignore_errors=True)


def _commit(pub: Publication) -> None:
    target, staging = pub.target, pub.staging
    written = sorted(str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file())
    if target.exists():
        previous = _previous_outputs(target)
        for entry in sorted(target.iterdir(), key=lambda p: p.name):
            if entry.name == OUTPUTS or (staging / entry.name).exists():
                continue
            if entry.name in previous:
                pub.dropped.append(entry.name)
            else:
                _carry(entry, staging / entry.name)
        os.chmod(staging, stat.S_IMODE(target.stat().st_mode))
    listing: dict[str, object] = {"files": written}
    if pub.owner is not None:
        listing["corpus"] = {"raw": pub.owner.raw, "documents": list(pub.owner.documents)}
    (staging / OUTPUTS).write_text(json.dumps(listing, indent=1) + "\n", encoding="utf-8")
    _swap(staging, target)


def _listing(target: Path) -> dict[str, object]:
    """The previous run's list of outputs (empty if there is none or it is damaged)."""
    try:
        listing = json.loads((target / OUTPUTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return listing if isinstance(listing, dict) else {}


def _previous_outputs(target: Path) -> set[str]:
    files = _listing(target).get("files")
    return {str(f).split("/", 1)[0] for f in files} if isinstance(files, list) else set()


def _check_owner(target: Path, corpus: Corpus | None, force: bool, shown: Path) -> None:
    """Refuse to replace the outputs of a corpus sharing no document with ``corpus``
    unless ``force``."""
    previous = _listing(target).get("corpus")
    if corpus is None or force or not isinstance(previous, dict):
        return
    documents, raw = previous.get("documents"), previous.get("raw")
    if not isinstance(documents, list) or set(map(str, documents)) & set(corpus.documents):
        return
    raise OutputError(str(shown), f"holds the outputs of another corpus ({raw}: "
                                  f"{', '.join(map(str, documents))}); choose another "
                                  "--out for this one, or pass --force to replace them")


def _carry(src: Path, dst: Path) -> None:
    """Carry a file of the user's into the new directory: a hard link where possible
    (same file system, no copy), else a copy; directories likewise, recursively."""
    def link(a: str, b: str) -> None:
        try:
            os.link(a, b, follow_symlinks=False)
        except OSError:
            shutil.copy2(a, b, follow_symlinks=False)

    if src.is_dir() and not src.is_symlink():
        shutil.copytree(src, dst, symlinks=True, copy_function=link)
    else:
        link(str(src), str(dst))


def _swap(staging: Path, target: Path) -> None:
    """Put ``staging`` in ``target``'s place; afterwards ``staging`` holds the old
    directory (or nothing)."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        return
    aside = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.rename(target, aside)
    os.rename(staging, target)
    os.rename(aside, staging)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(done == 0)


@contextlib.contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """While publishing, SIGTERM raises (so the staging directory is removed) instead
    of killing the process outright."""
    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
