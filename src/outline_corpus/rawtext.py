"""Reading raw text files: decoding with detection, and refusing what is not text."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from outline_corpus.errors import InputFileError

#: Encodings accepted from detection besides UTF-8 (Chinese and common Western ones),
#: each with the fewest non-ASCII bytes from which its detection is trusted: on fewer,
#: detection finds GB18030 or Big5 in random bytes as readily as in Chinese text.
#: UTF-16 is accepted only with a byte-order mark: without one, ASCII text has NUL bytes
#: (refused as binary), and a detection of it in NUL-free bytes is a guess at noise.
DETECTABLE: dict[str, int] = {"gb18030": 32, "gbk": 32, "gb2312": 32, "big5": 32,
                              "cp1252": 1, "latin_1": 1, "iso8859_1": 1}
#: A text with at least this many valid non-ASCII UTF-8 characters per invalid byte
#: sequence is damaged UTF-8, not another encoding (GBK text has fewer than 0.4).
DAMAGED_UTF8_RATIO = 2
#: Largest chaos (percent) of a detection that is trusted.
MAX_CHAOS = 10.0
#: Largest share of control characters (other than tab, CR, LF, FF) a text may contain.
MAX_CONTROL_SHARE = 0.01
#: Byte-order marks, longest first (UTF-32 LE begins with the UTF-16 LE mark).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class RawText:
    """A decoded raw file: ``text`` and the ``encoding`` it was read with."""

    path: str
    text: str
    encoding: str


#: The control characters (category Cc: U+0000-U+001F, U+007F-U+009F) other than tab,
#: CR, LF and FF.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
#: Characters TMX and HTML refuse: those XML 1.0 cannot hold (C0 controls but tab,
#: LF and CR; surrogates; U+FFFE and U+FFFF) and the DEL and C1 controls, which XML
#: discourages and HTML treats as parse errors. JSON and CSV carry them.
XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: Every ASCII byte, to delete from bytes so that only the others are left.
_ASCII = bytes(range(0x80))


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def decode_bytes(data: bytes, path: str) -> RawText:
    """Decode ``data``: BOMs first, then strict UTF-8, then confident detection.

    Raises :class:`InputFileError` for empty, binary or undecodable input.
    """
    if not data.strip():
        raise InputFileError(path, "empty file")
    bom = next((enc for mark, enc in _BOMS if data.startswith(mark)), None)
    if bom is not None:
        text, encoding = _strict(data, bom, path), bom
    else:
        if b"\x00" in data:
            raise InputFileError(path, "binary file (contains NUL bytes), not text")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            text, encoding = _detect(data, path, exc.start)
    if not text.strip():
        raise InputFileError(path, "empty file")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise InputFileError(path, "binary file (control characters), not text")
    return RawText(path=path, text=text, encoding=encoding)


def _strict(data: bytes, encoding: str, path: str) -> str:
    """``data`` decoded as ``encoding``, whose codec drops the byte-order mark."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        # utf-8-sig counts positions after its mark; report offsets into the file.
        offset = exc.start + (len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0)
        raise InputFileError(path, f"not valid {encoding.removesuffix('-sig')} despite its "
                                   f"byte-order mark (byte {offset})") from None


def _detect(data: bytes, path: str, bad_byte: int) -> tuple[str, str]:
    """Text and encoding of ``data`` (not UTF-8: invalid at ``bad_byte``) as detected.

    Among the matches as good as the best one, the first in an accepted encoding (or
    decoding identically to one) is taken, so that a Windows-1252 text also readable as
    Windows-1250 is read as the former; none is taken if that encoding's detection rests
    on too few non-ASCII bytes."""
    from charset_normalizer import from_bytes

    lenient = data.decode("utf-8", errors="replace")
    invalid = lenient.count("\ufffd")
    non_ascii = len(data.translate(None, _ASCII))
    # an ASCII byte always decodes to itself, so the other characters are non-ASCII
    valid = len(lenient) - (len(data) - non_ascii) - invalid
    if valid >= DAMAGED_UTF8_RATIO * invalid:
        raise InputFileError(path, f"damaged UTF-8: {invalid} invalid byte sequence(s), "
                                   f"the first at byte {bad_byte}, among {valid} valid "
                                   "non-ASCII characters")
    refusal = InputFileError(path, f"not UTF-8 (invalid byte at offset {bad_byte}) and its "
                                   "encoding cannot be detected confidently; convert it "
                                   "to UTF-8")
    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.percent_chaos > MAX_CHAOS:
        raise refusal
    for match in matches:
        if match.percent_chaos > best.percent_chaos:
            break
        for encoding in (match.encoding, *match.could_be_from_charset):
            if encoding not in DETECTABLE:
                continue
            if non_ascii < DETECTABLE[encoding]:
                raise refusal
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    raise refusal


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
