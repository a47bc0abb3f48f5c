"""The pairs of a batch alignment: a TSV of ``source<TAB>target<TAB>output`` lines, read
and checked in full before any work.

Blank lines and lines starting with ``#`` are skipped; spaces around a field are
ignored; a relative path is relative to the TSV's folder. A bad line, an input that
cannot be read, an output that cannot be written, an output named twice or an output
that is also an input (of any pair, or the TSV itself) is refused with one line naming
the TSV and the line (:class:`~outline_corpus.errors.InputFileError` or
:class:`~outline_corpus.errors.OutputError`)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from outline_corpus.align.files import SentenceFile, read_sentences
from outline_corpus.errors import InputFileError, OutputError

#: Fields of a line of the pairs file, in order.
FIELDS = ("source", "target", "output")


@dataclass(frozen=True)
class Pair:
    """Two sentence-per-line files to align and the bead file to write; ``where`` names
    the pair in messages (``pairs.tsv: line 3``)."""

    source: Path
    target: Path
    out: Path
    where: str


@dataclass(frozen=True)
class CheckedPair:
    """A pair whose inputs are read and whose output may be written."""

    pair: Pair
    source: SentenceFile
    target: SentenceFile


PairsSpec = str | Path | Sequence[Pair | tuple[str | Path, str | Path, str | Path]]


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(str(path), "file not found") from None
    except IsADirectoryError:
        raise InputFileError(str(path), "is a directory, not a pairs file") from None
    except OSError as exc:
        raise InputFileError(str(path), f"cannot be read ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(str(path), f"not UTF-8 (byte {exc.start}); a pairs file is "
                                        "UTF-8 text") from None


def read_pairs(path: str | Path) -> list[Pair]:
    """The pairs of the TSV at ``path`` (not yet checked: see :func:`check_pairs`)."""
    path = Path(path)
    base = path.parent
    pairs = []
    for number, raw in enumerate(_text(path).split("\n"), start=1):
        line = raw.removesuffix("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path}: line {number}"
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != len(FIELDS):
            raise InputFileError(where, f"expected 3 tab-separated fields (source, target, "
                                        f"output), found {len(fields)}")
        empty = [name for name, value in zip(FIELDS, fields, strict=True) if not value]
        if empty:
            raise InputFileError(where, f"the {empty[0]} field is empty")
        src, tgt, out = (base / value for value in fields)
        pairs.append(Pair(src, tgt, out, where))
    if not pairs:
        raise InputFileError(str(path), "holds no pairs (one line per pair: source, "
                                        "target and output file, tab-separated)")
    return pairs


def as_pairs(spec: PairsSpec) -> tuple[list[Pair], Path | None]:
    """The pairs of a TSV path or of a list, and the TSV's path (``None`` for a list)."""
    if isinstance(spec, str | Path):
        return read_pairs(spec), Path(spec)
    pairs = [p if isinstance(p, Pair) else Pair(Path(p[0]), Path(p[1]), Path(p[2]),
                                                f"pair {k}")
             for k, p in enumerate(spec, start=1)]
    if not pairs:
        raise InputFileError("pairs", "no pairs given")
    return pairs, None


def _identity(path: Path) -> tuple[Path, tuple[int, int] | None]:
    """The path resolved (links followed) and, if it exists, its device and inode (so a
    hard link is recognised too)."""
    try:
        st = path.stat()
    except OSError:
        return path.resolve(), None
    return path.resolve(), (st.st_dev, st.st_ino)


def _check_writable(pair: Pair) -> None:
    """Refuse an output that :func:`~outline_corpus.align.output.atomic_write_all`
    could not write: a directory, an unwritable file or folder, a file in the way of
    its folder."""
    out = pair.out.resolve() if pair.out.is_symlink() else pair.out
    if out.is_dir():
        raise OutputError(pair.where, f"output {pair.out} is a directory")
    if out.exists() and not out.is_file():  # a device or a pipe, written straight into
        if not os.access(out, os.W_OK):
            raise OutputError(pair.where, f"output {pair.out} cannot be written")
        return
    folder = out.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise OutputError(pair.where, f"output {pair.out}: {folder} is not a directory")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(pair.where, f"output {pair.out}: folder {folder} is not writable")


def _read(path: Path, pair: Pair, read: dict[Path, SentenceFile]) -> SentenceFile:
    key = path.resolve()
    if key not in read:
        try:
            read[key] = read_sentences(path)
        except InputFileError as exc:
            raise InputFileError(pair.where, str(exc)) from None
    return read[key]


def check_pairs(pairs: list[Pair], tsv: Path | None = None) -> list[CheckedPair]:
    """Read every input (each file once) and check every output, before any work."""
    read: dict[Path, SentenceFile] = {}
    checked = [CheckedPair(p, _read(p.source, p, read), _read(p.target, p, read))
               for p in pairs]
    inputs: dict[object, str] = {}
    for p in pairs:
        for path in (p.source, p.target):
            for key in _identity(path):
                if key is not None:
                    inputs.setdefault(key, f"an input of {p.where}")
    if tsv is not None:
        inputs.update((key, "the pairs file") for key in _identity(tsv) if key is not None)
    outputs: dict[object, str] = {}
    for p in pairs:
        for key in _identity(p.out):
            if key is None:
                continue
            if key in inputs:
                raise OutputError(p.where, f"output {p.out} is {inputs[key]}")
            if key in outputs:
                raise OutputError(p.where, f"output {p.out} is already the output of "
                                           f"{outputs[key]}")
            outputs[key] = p.where
        _check_writable(p)
    return checked
