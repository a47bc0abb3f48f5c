"""Reading numbers written as numerals or words: Arabic, Chinese (cn2an), English
cardinal and ordinal words (word2number, checked against num2words) and Roman numerals
(roman), including common OCR slips in Roman numerals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Characters an OCR engine confuses with Roman-numeral letters (read as the value).
ROMAN_OCR_SLIPS = {"T": "I", "l": "I", "1": "I", "|": "I", "!": "I", "U": "V", "Y": "V"}
_ZH_DIGITS = "零〇一二两三四五六七八九十百千万亿"


@dataclass(frozen=True)
class Numeral:
    """A number read from a label: ``value``, the ``style`` it was written in
    (``arabic``, ``chinese``, ``words``, ``ordinal``, ``roman``) and, when letters had
    to be corrected first, the corrected ``reading`` (e.g. ``"VI"`` for ``"VT"``)."""

    value: int
    style: str
    reading: str | None = None


def _norm_words(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.strip().lower())


def _words(value: int, to: str = "cardinal") -> str:
    from num2words import num2words

    return _norm_words(str(num2words(value, to=to)))


def english_words(text: str) -> int | None:
    """``"twenty-three"`` → 23, ``"Fourteen"`` → 14; ``None`` unless the words are a
    cardinal number that num2words writes back identically (1..999)."""
    from word2number import w2n

    words = _norm_words(text)
    if not words or not re.fullmatch(r"[a-z ]+", words) or "point" in words.split():
        return None
    try:
        value = int(w2n.word_to_num(words))
    except ValueError:
        return None
    if not 0 < value < 1000:
        return None
    return value if _words(value) == words else None


@lru_cache(maxsize=1)
def _ordinals() -> dict[str, int]:
    return {_words(n, "ordinal"): n for n in range(1, 100)}


def english_ordinal(text: str) -> int | None:
    """``"First"`` → 1, ``"Twenty-first"`` → 21 (1..99), else ``None``."""
    return _ordinals().get(_norm_words(text))


def chinese(text: str) -> int | None:
    """``"三十二"`` → 32 with cn2an's strict mode, else ``None``."""
    import cn2an

    if not text or any(ch not in _ZH_DIGITS for ch in text):
        return None
    try:
        value = cn2an.cn2an(text, "strict")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return int(value) if value == int(value) else None


def roman_numeral(text: str) -> Numeral | None:
    """A Roman numeral, upper case, or one with OCR slips (``"VT"`` read as VI)."""
    import roman

    if not text:
        return None
    try:
        return Numeral(int(roman.fromRoman(text)), "roman")
    except roman.InvalidRomanNumeralError:
        pass
    fixed = "".join(ROMAN_OCR_SLIPS.get(ch, ch) for ch in text)
    if fixed == text or not any(ch in "IVXLC" for ch in text):
        return None
    try:
        return Numeral(int(roman.fromRoman(fixed)), "roman", reading=fixed)
    except roman.InvalidRomanNumeralError:
        return None


def read_number(text: str) -> Numeral | None:
    """Read ``text`` in whichever style it is written (see :class:`Numeral`)."""
    text = text.strip()
    if text.isdigit():
        return Numeral(int(text), "arabic")
    if (value := chinese(text)) is not None:
        return Numeral(value, "chinese")
    if (value := english_words(text)) is not None:
        return Numeral(value, "words")
    if (value := english_ordinal(text)) is not None:
        return Numeral(value, "ordinal")
    return roman_numeral(text)
