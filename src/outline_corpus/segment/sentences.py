"""Sentence splitting. Chinese: on 。！？ (and optionally ；), never inside quotation
marks or brackets. English: spaCy's rule-based sentencizer on a blank English pipeline
(loads offline, no model download), with fixes for "No. 95", list labels such as
"(1)" and brackets that open the next sentence."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

ZH_TERMINALS = "。！？!?"
ZH_OPENERS = "“‘「『《（(〈【"
ZH_CLOSERS = "”’」』》）)〉】"
#: After this many characters an unclosed quotation mark no longer blocks a split.
MAX_QUOTE_SPAN = 200
_NUMBER_ABBREV = re.compile(r"(?:\b(?:No|Nos|no|nos|Art|Arts|Para|para|Vol|vol|pp?)\.)\s*$")
_LABEL_ONLY = re.compile(r"^\(?\s*[\dA-Za-z]{1,3}\s*\)?[.)]?$")
_OPENING = "([{“‘\"'"


def split_zh(text: str, semicolon: bool = False) -> list[tuple[int, int]]:
    """Sentence ranges ``[start, end)`` of Chinese ``text``, whitespace trimmed."""
    terminals = ZH_TERMINALS + ("；;" if semicolon else "")
    bounds: list[int] = []
    depth, opened_at = 0, 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in ZH_OPENERS:
            if depth == 0:
                opened_at = i
            depth += 1
        elif ch in ZH_CLOSERS and depth > 0:
            depth -= 1
            if depth == 0 and i > 0 and text[i - 1] in terminals:
                bounds.append(i + 1)
        elif ch in terminals and (depth == 0 or i - opened_at > MAX_QUOTE_SPAN):
            depth = 0
            j = i + 1
            while j < n and (text[j] in terminals or text[j] in ZH_CLOSERS):
                j += 1
            bounds.append(j)
            i = j
            continue
        i += 1
    return _ranges(text, bounds)


def _ranges(text: str, bounds: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for end in [*bounds, len(text)]:
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
        start = end
    return out


@lru_cache(maxsize=1)
def english_pipeline() -> Language:
    """A blank spaCy English pipeline with the rule-based sentencizer (cached)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split_en(text: str, semicolon: bool = False) -> list[tuple[int, int]]:
    """Sentence ranges ``[start, end)`` of English ``text``, whitespace trimmed
    (``semicolon`` is accepted for the registry's signature; English ignores it)."""
    nlp = english_pipeline()
    if len(text) >= nlp.max_length:  # only the linear rule-based sentencizer runs
        nlp.max_length = len(text) + 1
    doc = nlp(text)
    ranges = [(s.start_char, s.end_char) for s in doc.sents]
    return _repair_en(text, ranges)


def _repair_en(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    bounds = [end for _, end in ranges[:-1]]
    fixed: list[int] = []
    for b in bounds:
        before, after = text[:b].rstrip(), text[b:].lstrip()
        if _NUMBER_ABBREV.search(before) and after[:1].isdigit():
            continue  # "No. 95"
        tail = before
        moved = b
        while tail and tail[-1] in _OPENING and _opens(tail):
            tail = tail[:-1].rstrip()
            moved = len(tail)
        prev = fixed[-1] if fixed else 0
        if _LABEL_ONLY.match(text[prev:moved].strip()):
            continue  # a bare label such as "(1)" stays with its sentence
        fixed.append(moved)
    return _ranges(text, fixed)


def _opens(tail: str) -> bool:
    """Whether the last character of ``tail`` opens rather than closes a quotation."""
    ch = tail[-1]
    if ch in "([{“‘":
        return True
    if ch in "\"'":
        return tail.count(ch) % 2 == 1 and (len(tail) == 1 or tail[-2].isspace())
    return False


def split_sentences(text: str, language: str, semicolon: bool = False) -> list[tuple[int, int]]:
    """Sentence ranges of ``text`` in ``language`` (a tag of the language registry)."""
    from outline_corpus.languages import language as lookup

    return lookup(language).split_sentences(text, semicolon)
