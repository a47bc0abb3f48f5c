"""Reading raw text files: decoding with detection, and refusing what is not text."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from outline_corpus.errors import InputFileError

#: Encodings accepted from detection besides UTF-8 (Chinese and common Western ones).
DETECTABLE = ("gb18030", "gbk", "gb2312", "big5", "utf_16", "utf_16_le", "utf_16_be",
              "cp1252", "latin_1", "iso8859_1")
#: Largest share of control characters (other than tab, CR, LF, FF) a text may contain.
MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True)
class RawText:
    """A decoded raw file: ``text`` and the ``encoding`` it was read with."""

    path: str
    text: str
    encoding: str


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls / len(text)


def decode_bytes(data: bytes, path: str) -> RawText:
    """Decode ``data``: BOMs first, then strict UTF-8, then confident detection.

    Raises :class:`InputFileError` for empty, binary or undecodable input.
    """
    if not data.strip():
        raise InputFileError(path, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[len(codecs.BOM_UTF8):], "utf-8", path), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", path), "utf-16"
    else:
        if b"\x00" in data:
            raise InputFileError(path, "binary file (contains NUL bytes), not text")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _detect(data, path)
    if not text.strip():
        raise InputFileError(path, "empty file")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise InputFileError(path, "binary file (control characters), not text")
    return RawText(path=path, text=text, encoding=encoding)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputFileError(path, f"not valid {encoding} despite its byte-order mark "
                                   f"(byte {exc.start})") from None


def _detect(data: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding not in DETECTABLE or best.percent_chaos > 10.0:
        raise InputFileError(path, "not UTF-8 and its encoding cannot be detected "
                                   "confidently; convert it to UTF-8")
    return str(best), best.encoding


def read_raw(path: str | Path) -> RawText:
    """Read and decode the file at ``path`` (see :func:`decode_bytes`)."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputFileError(name, "file not found") from None
    except IsADirectoryError:
        raise InputFileError(name, "is a directory, not a text file") from None
    except OSError as exc:
        raise InputFileError(name, f"cannot be read ({exc.strerror})") from None
    return decode_bytes(data, name)
