"""Numbers in Chinese and English text, normalised so that they compare across
languages: ``95%`` and ``95 per cent``, ``2025年`` and ``2025``, ``三十二`` and
``thirty-two`` and ``32``, ``四个`` and ``four``.

Deliberately conservative: a lone 一/one is not read as a number (一体化, one-stop),
and English ordinals below "third" are not read (``quality first`` renders 质量第一).
Legal and policy prose forms are read too: 满二年, 三代, 两届, 十大工程, 三中全会,
一八四〇年, 三分之二 (two thirds; the 三 need not be rendered), 第三人 (a third
person), 双方 (both sides: an *optional* 2, which matches "two" but is never missing),
and English dates name their month ("January 1, 1981" holds 1 and 1981)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from outline_corpus.numerals import chinese, english_ordinal, english_words

_ZH_DIGITS = "零〇一二两三四五六七八九十百千万"
#: A Chinese numeral: two or more numeral characters, or one of 二..十 before a
#: classifier or unit (四个最严, 三大, 两项, 满二年, 三代, 两届, 三中全会).
_ZH_CLASSIFIERS = "个项条种类大次批年代届周倍名位中"
_ZH_NUMERAL = re.compile(rf"[{_ZH_DIGITS}]{{2,}}|[二两三四五六七八九十](?=[{_ZH_CLASSIFIERS}])")
#: Digit-by-digit years (一八四〇年), a fraction (三分之二), a third person (第三人).
_ZH_YEAR = re.compile(r"([〇零一二三四五六七八九]{3,4})(?=年)")
_ZH_FRACTION = re.compile(rf"([{_ZH_DIGITS}]+)分之([{_ZH_DIGITS}]+)")
_ZH_OPTIONAL = re.compile(r"第([一二三四五六七八九十])(?=[者人方款项])|(双)(?=[方边重])")
#: "a third party", "the third paragraph": ordinals that may render no number.
_EN_THIRD_PARTY = re.compile(r"\s+(part(y|ies)|persons?|paragraphs?|items?)\b", re.IGNORECASE)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_EN_MONTH = re.compile(r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r")(?=\s+\d)")
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
    #: An optional number may match a number of the other side but is never missing.
    optional: bool = False

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


_DIGIT_ORDER = "〇一二三四五六七八九"
_SCALE = {"万": 10_000, "亿": 100_000_000}


def _scaled(n: Number, unit: str) -> Number:
    """``50万`` is 500000: an Arabic number times the Chinese unit after it."""
    if unit in _SCALE and not n.percent:
        return Number(n.value * _SCALE[unit], False, n.text + unit)
    return n


def _zh_special(text: str) -> list[tuple[int, int, Number]]:
    """Digit-by-digit years, fractions and the optional numbers (see module doc)."""
    out: list[tuple[int, int, Number]] = []
    for m in _ZH_YEAR.finditer(text):
        digits = "".join(str(_DIGIT_ORDER.index(c.replace("零", "〇"))) for c in m.group(1))
        out.append((m.start(), m.end(), Number(float(digits), False, m.group(0))))
    for m in _ZH_FRACTION.finditer(text):
        den, num = chinese(m.group(1)), chinese(m.group(2))
        if den is None or num is None or den == 100:
            continue
        out.append((m.start(), m.start(2), Number(float(den), False, m.group(1), True)))
        out.append((m.start(2), m.end(), Number(float(num), False, m.group(2))))
    for m in _ZH_OPTIONAL.finditer(text):
        value = 2 if m.group(2) else chinese(m.group(1))
        if value is not None:
            out.append((m.start(), m.end(), Number(float(value), False, m.group(0), True)))
    return out


def numbers_zh(text: str) -> list[Number]:
    """Numbers in Chinese text (Arabic digits and Chinese numerals)."""
    found = [(s, e, _scaled(n, text[e:e + 1])) for s, e, n in _arabic(text)]
    found.extend(_zh_special(text))
    taken = [(s, e) for s, e, _ in found]
    for m in _ZH_NUMERAL.finditer(text):
        if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in taken):
            continue
        value = chinese(m.group(0).replace("两", "二"))
        if value is not None:
            pct = text[m.end():m.end() + 1] in "%％" or text[max(0, m.start() - 3):m.start()] \
                == "百分之"
            found.append((m.start(), m.end(), Number(float(value), pct, m.group(0))))
    return [n for _, _, n in sorted(found)]


_EN_SCALE = re.compile(r"\s*(thousand|million|billion)\b", re.IGNORECASE)
_EN_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def numbers_en(text: str) -> list[Number]:
    """Numbers in English text (digits, and cardinal words from two upwards); "2
    million" is 2000000."""
    found = []
    for s, e, n in _arabic(text):
        scale = _EN_SCALE.match(text, e)
        if scale and not n.percent:
            word = scale.group(1).lower()
            n = Number(n.value * _EN_SCALES[word], False, f"{n.text} {word}")
            e = scale.end()
        found.append((s, e, n))
    for m in _EN_WORD_NUMBER.finditer(text):
        value = english_words(m.group(1).replace(" hundred", " hundred"))
        if value is not None:
            found.append((m.start(), m.end(), Number(float(value), bool(m.group(2)),
                                                     m.group(0).strip())))
    for m in _EN_ORDINAL.finditer(text):
        value = english_ordinal(m.group(0))
        if value is not None:
            idiom = bool(_EN_THIRD_PARTY.match(text, m.end()))
            found.append((m.start(), m.end(), Number(float(value), False, m.group(0), idiom)))
    for m in _EN_MONTH.finditer(text):
        month = _MONTHS.index(m.group(1).lower()) + 1
        found.append((m.start(), m.end(), Number(float(month), False, m.group(0))))
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
    return NumberDiff(tuple(n for n in left if not n.optional),
                      tuple(n for n in right if not n.optional))
