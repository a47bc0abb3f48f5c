"""The byte-level faults made to raw texts (data-free: every fault is made from the bytes
it is given): insertions at a fraction of the file, characters sprinkled or put inside
long lines and article headings, other encodings and line ends, random bytes, huge
lines."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

#: One raw-text fault: (bytes of the file, its side "zh" or "en") -> new bytes.
ByteFault = Callable[[bytes, str], bytes]


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
