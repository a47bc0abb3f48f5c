"""Data-free helpers of ``bench_faults.py``: the byte-level faults made to raw texts, a
small TOML writer for mutated manifests, damage done to SQLite files, and snapshots of
directories. Nothing here runs the toolkit or holds corpus data: every fault is made
from the bytes it is given."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

#: One raw-text fault: (bytes of the file, its side "zh" or "en") -> new bytes.
ByteFault = Callable[[bytes, str], bytes]
Docs = list[dict[str, Any]]


# -- raw texts -----------------------------------------------------------------------------
def text_of(data: bytes) -> str:
    return data.decode("utf-8")


def at_fraction(data: bytes, fraction: float) -> int:
    """A byte offset near ``fraction`` of ``data`` at a UTF-8 character boundary."""
    i = int(len(data) * fraction)
    while 0 < i < len(data) and data[i] & 0xC0 == 0x80:
        i += 1
    return i


def insert_at(data: bytes, fraction: float, piece: bytes) -> bytes:
    i = at_fraction(data, fraction)
    return data[:i] + piece + data[i:]


def sprinkle(data: bytes, piece: bytes, every: int) -> bytes:
    """``piece`` inserted after every ``every``-th character (at character boundaries)."""
    text = text_of(data)
    raw = piece.decode("utf-8", "surrogateescape")
    out = [ch + raw if n % every == every - 1 else ch for n, ch in enumerate(text)]
    return "".join(out).encode("utf-8", "surrogateescape")


def in_long_lines(data: bytes, piece: str, limit: int = 6) -> bytes:
    """``piece`` put in the middle of the first ``limit`` lines of 60 characters or more
    (inside sentences, away from headings' labels)."""
    lines = text_of(data).split("\n")
    done = 0
    for n, line in enumerate(lines):
        if len(line) >= 60 and done < limit:
            mid = len(line) // 2
            lines[n] = line[:mid] + piece + line[mid:]
            done += 1
    return "\n".join(lines).encode("utf-8")


#: Article labels at the start of a line: 第X条 (Chinese), Article N (English).
HEADING = {"zh": re.compile(r"^第([〇零一二三四五六七八九十百千]+)条", re.M),
           "en": re.compile(r"^Article (\d+)", re.M)}


def in_headings(piece: str, only: int | None = None) -> ByteFault:
    """``piece`` inside the label of every article heading (``only``: of that ordinal
    occurrence only): 第<piece>五条, Art<piece>icle 5."""
    def fault(data: bytes, side: str) -> bytes:
        seen = 0

        def sub(m: re.Match[str]) -> str:
            nonlocal seen
            seen += 1
            if only is not None and seen != only:
                return m.group(0)
            label = m.group(0)
            return label[:1] + piece + label[1:] if side == "zh" else \
                label[:3] + piece + label[3:]
        return HEADING[side].sub(sub, text_of(data)).encode("utf-8")
    return fault


def encoded(codec: str, bom: bytes = b"") -> ByteFault:
    def fault(data: bytes, side: str) -> bytes:
        return bom + text_of(data).encode(codec)
    return fault


def line_ends(ending: str, every: int = 1) -> ByteFault:
    """Every ``every``-th LF replaced by ``ending``."""
    def fault(data: bytes, side: str) -> bytes:
        parts = text_of(data).split("\n")
        out = parts[0]
        for n, part in enumerate(parts[1:]):
            out += (ending if n % every == 0 else "\n") + part
        return out.encode("utf-8")
    return fault


def random_bytes(seed: int, size: int, low: int = 0, high: int = 256) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(low, high) for _ in range(size))


def huge_line(side: str, size: int, punctuated: bool) -> bytes:
    """One line of about ``size`` bytes: the same word again and again, with or without
    sentence ends."""
    if side == "zh":
        unit = "数据安全。" if punctuated else "数据安全"
    else:
        unit = "Data security matters. " if punctuated else "data security "
    reps = size // len(unit.encode("utf-8")) + 1
    return ("\n\n" + unit * reps + "\n").encode("utf-8")


# -- manifests -----------------------------------------------------------------------------
def toml_string(value: str) -> str:
    """A TOML basic string; every control character and DEL escaped."""
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out) + '"'


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, Raw):
        return value.text
    raise TypeError(f"no TOML for {value!r}")


class Raw:
    """A value written into TOML as it is (a date literal, a broken token…)."""

    def __init__(self, text: str) -> None:
        self.text = text


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_string(key)


def manifest_text(docs: Iterable[Mapping[str, Any]], top: Mapping[str, Any] | None = None
                  ) -> str:
    """A manifest: optional top-level keys, then one ``[[documents]]`` table per entry."""
    lines = [f"{toml_key(k)} = {toml_value(v)}" for k, v in (top or {}).items()]
    for doc in docs:
        lines += ["", "[[documents]]"]
        lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in doc.items()]
    return "\n".join(lines) + "\n"


# -- SQLite files --------------------------------------------------------------------------
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


# -- snapshots -----------------------------------------------------------------------------
def snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root`` (hidden ones too): a file's SHA-256, a link's target, or
    ``dir``; empty if ``root`` does not exist."""
    out: dict[str, str] = {}
    if not root.exists():
        return out
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        for name in sorted(dirnames + filenames):
            p = base / name
            rel = str(p.relative_to(root))
            if p.is_symlink():
                out[rel] = "link:" + os.readlink(p)
            elif p.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def snapshot_file(path: Path) -> str:
    """A link's target, ``dir``, ``absent`` or a file's SHA-256."""
    if path.is_symlink():
        return "link:" + os.readlink(path)
    if not path.exists():
        return "absent"
    if path.is_dir():
        return "dir"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot_diff(before: Mapping[str, str], after: Mapping[str, str]) -> str:
    """A short account of how two snapshots differ ("" if equal)."""
    gone = sorted(set(before) - set(after))
    new = sorted(set(after) - set(before))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    parts = [f"{label} {', '.join(names[:4])}{' …' if len(names) > 4 else ''}"
             for label, names in (("lost", gone), ("added", new), ("changed", changed))
             if names]
    return "; ".join(parts)


def strict_json(text: str) -> Any:
    """JSON as the standard has it: NaN and Infinity are refused."""
    def refuse(name: str) -> Any:
        raise ValueError(f"{name} in JSON")
    return json.loads(text, parse_constant=refuse)
