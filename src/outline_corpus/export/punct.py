"""Standard full-width punctuation for Chinese segments: the ASCII ``, ( ) : ; ! ?`` of
a Chinese text written as ，（）：；！？ where they stand in Chinese, and kept where they
stand between Latin letters or digits (``1:2``, ``1,000``, ``http://``). One character
is replaced by one, so every offset into the text stays valid."""

from __future__ import annotations

FULL_WIDTH = {",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "!": "！", "?": "？"}

#: Characters looked past for the neighbours of a mark: spaces and quotation marks.
_SEE_THROUGH = " \t\u3000\"'“”‘’"


def chinese(ch: str) -> bool:
    """Whether ``ch`` is a Han character, CJK punctuation or a full-width form."""
    code = ord(ch)
    return (0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF
            or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF)


def _neighbour(text: str, i: int, step: int) -> str:
    """The first character from ``i`` in direction ``step`` that is not looked past."""
    while 0 <= i < len(text) and text[i] in _SEE_THROUGH:
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _in_chinese(text: str, i: int) -> bool:
    return any(chinese(c) for c in (_neighbour(text, i - 1, -1), _neighbour(text, i + 1, 1))
               if c)


def _parentheses(text: str) -> dict[int, int]:
    """The positions of matched ASCII parentheses, each to its partner."""
    pairs: dict[int, int] = {}
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            opened.append(i)
        elif ch == ")" and opened:
            j = opened.pop()
            pairs[i], pairs[j] = j, i
    return pairs


def full_width(text: str) -> str:
    """``text`` with each ASCII ``, : ; ! ?`` that has a Chinese neighbour (spaces and
    quotation marks looked past) in full width, and each pair of parentheses that has a
    Chinese neighbour outside or a Chinese character inside; an unmatched parenthesis
    goes by its neighbours alone."""
    if not any(ch in FULL_WIDTH for ch in text):
        return text
    pairs = _parentheses(text)
    out = list(text)
    for i, ch in enumerate(text):
        if ch not in FULL_WIDTH:
            continue
        if i in pairs:
            a, b = sorted((i, pairs[i]))
            wide = (_in_chinese(text, a) or _in_chinese(text, b)
                    or any(chinese(c) for c in text[a + 1:b]))
        else:
            wide = _in_chinese(text, i)
        if wide:
            out[i] = FULL_WIDTH[ch]
    return "".join(out)
