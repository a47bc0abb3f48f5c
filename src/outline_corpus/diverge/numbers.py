"""Numbers in Chinese and English text, normalised so that they compare across
languages: ``95%`` and ``95 per cent``, ``2025年`` and ``2025``, ``三十二`` and
``thirty-two`` and ``32``, ``四个`` and ``four``.

Deliberately conservative: a lone 一/one is not read as a number (一体化, one-stop),
and English ordinals are not read (``quality first`` renders 质量第一)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from outline_corpus.numerals import chinese, english_ordinal, english_words

_ZH_DIGITS = "零〇一二两三四五六七八九十百千万"
#: A Chinese numeral: two or more numeral characters, or one of 二..九 before a
#: classifier (四个最严, 三大, 两项).
_ZH_NUMERAL = re.compile(rf"[{_ZH_DIGITS}]{{2,}}|[二两三四五六七八九](?=[个项条种类大次批])")
_ARABIC = re.compile(r"(?<![0-9A-Za-z.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(%|％|percent\b|"
                     r"per cent\b)?", re.IGNORECASE)
_EN_WORD_NUMBER = re.compile(
    r"\b((?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|"
    r"three|four|five|six|seven|eight|nine))?|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    r"(?:\s+hundred)?)\b(\s*(?:percent\b|per cent\b))?", re.IGNORECASE)
#: Ordinals from "third" up ("quality first" renders 质量第一, so first and second are
#: not read): "the Eighteenth National Congress" is 18.
_EN_ORDINAL = re.compile(r"\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?"
                         r"(?:third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
                         r"twelfth|\w+teenth|twentieth|thirtieth|fortieth|fiftieth)\b(?!-)",
                         re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Number:
    """A number found in text: ``value``, whether it is a percentage, and the raw text."""

    value: float
    percent: bool
    text: str

    @property
    def key(self) -> tuple[float, bool]:
        return (self.value, self.percent)

    def __str__(self) -> str:
        shown = f"{self.value:g}"
        return f"{shown}%" if self.percent else shown


def _arabic(text: str) -> list[tuple[int, int, Number]]:
    out = []
    for m in _ARABIC.finditer(text):
        whole = m.group(1).replace(",", "")
        value = float(f"{whole}.{m.group(2)}" if m.group(2) else whole)
        out.append((m.start(), m.end(), Number(value, bool(m.group(3)), m.group(0).strip())))
    return out


def numbers_zh(text: str) -> list[Number]:
    """Numbers in Chinese text (Arabic digits and Chinese numerals)."""
    found = _arabic(text)
    taken = [(s, e) for s, e, _ in found]
    for m in _ZH_NUMERAL.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        value = chinese(m.group(0).replace("两", "二"))
        if value is not None:
            pct = text[m.end():m.end() + 1] in "%％" or text[max(0, m.start() - 3):m.start()] \
                == "百分之"
            found.append((m.start(), m.end(), Number(float(value), pct, m.group(0))))
    return [n for _, _, n in sorted(found)]


def numbers_en(text: str) -> list[Number]:
    """Numbers in English text (digits, and cardinal words from two upwards)."""
    found = _arabic(text)
    for m in _EN_WORD_NUMBER.finditer(text):
        value = english_words(m.group(1).replace(" hundred", " hundred"))
        if value is not None:
            found.append((m.start(), m.end(), Number(float(value), bool(m.group(2)),
                                                     m.group(0).strip())))
    for m in _EN_ORDINAL.finditer(text):
        value = english_ordinal(m.group(0))
        if value is not None:
            found.append((m.start(), m.end(), Number(float(value), False, m.group(0))))
    return [n for _, _, n in sorted(found)]


@dataclass(frozen=True)
class NumberDiff:
    """Numbers of the source missing from the target, and extra in the target."""

    missing: tuple[Number, ...]
    extra: tuple[Number, ...]

    def __bool__(self) -> bool:
        return bool(self.missing or self.extra)


def compare(source: list[Number], target: list[Number]) -> NumberDiff:
    """Multiset difference: numbers are matched by value and percent sign first, then
    by value alone (a translation may drop or add the sign)."""
    left, right = list(source), list(target)
    for same_sign in (True, False):
        for n in list(left):
            match = next((m for m in right if m.value == n.value
                          and (m.percent == n.percent or not same_sign)), None)
            if match is not None:
                left.remove(n)
                right.remove(match)
    return NumberDiff(tuple(left), tuple(right))
