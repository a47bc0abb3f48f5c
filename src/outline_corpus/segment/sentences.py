"""Sentence splitting. Chinese: on 。！？ (and optionally ；), never inside quotation
marks or brackets. English: spaCy's rule-based sentencizer on a blank English pipeline
(loads offline, no model download), with fixes for "No. 95", list labels such as
"(1)" and brackets that open the next sentence."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

ZH_TERMINALS = "。！？!?"
ZH_OPENERS = "“‘「『《（(〈【"
ZH_CLOSERS = "”’」』》）)〉】"
#: The characters :func:`split_zh` looks at, without and with the semicolons.
_ZH_MARKS = {semi: re.compile("[" + re.escape(ZH_TERMINALS + ZH_OPENERS + ZH_CLOSERS
                                              + ("；;" if semi else "")) + "]")
             for semi in (False, True)}
#: After this many characters an unclosed quotation mark no longer blocks a split.
MAX_QUOTE_SPAN = 200
_NUMBER_ABBREV = re.compile(r"(?:\b(?:No|Nos|no|nos|Art|Arts|Para|para|Vol|vol|pp?)\.)\s*$")
#: A bare list label ("(1)", "a."), matched against a whole stripped sentence.
_LABEL_BODY = re.compile(r"\(?\s*[\dA-Za-z]{1,3}\s*\)?[.)]?")
#: The longest match of :data:`_NUMBER_ABBREV` ("Arts."), with room to spare.
_ABBREV_WINDOW = 8
_OPENING = "([{“‘\"'"
#: Told, while a long text is split, how many of its characters are done.
_PROGRESS: ContextVar[Callable[[int], None] | None] = ContextVar("split_progress",
                                                                 default=None)
#: A Chinese text reports its progress every this many characters.
ZH_REPORT_EVERY = 1_000_000


@contextmanager
def split_progress(report: Callable[[int], None]) -> Iterator[None]:
    """Within this context the splitters tell ``report`` how many characters of a long
    text they have done (English after each chunk, Chinese every
    :data:`ZH_REPORT_EVERY` characters)."""
    token = _PROGRESS.set(report)
    try:
        yield
    finally:
        _PROGRESS.reset(token)


def split_zh(text: str, semicolon: bool = False) -> list[tuple[int, int]]:
    """Sentence ranges ``[start, end)`` of Chinese ``text``, whitespace trimmed. Only
    the marks that open, close or end something are visited (found by a regular
    expression); the characters between them change nothing."""
    terminals = ZH_TERMINALS + ("；;" if semicolon else "")
    marks = _ZH_MARKS[semicolon]
    bounds: list[int] = []
    depth, opened_at = 0, 0
    n = len(text)
    report, reported = _PROGRESS.get(), 0
    m = marks.search(text)
    while m is not None:
        i = m.start()
        if report is not None and i - reported >= ZH_REPORT_EVERY:
            report(i)
            reported = i
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
            m = marks.search(text, j)
            continue
        m = marks.search(text, i + 1)
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
    return _repair_en(text, _sentencize(text))


#: English text longer than twice this many characters is given to spaCy a chunk of
#: about this size at a time (its tokens take some 100 bytes each).
CHUNK = 100_000
#: A place where a chunk may end: a single space after a word ending in . ! or ?,
#: before a word (the sentencizer is then sure to start a sentence there, see
#: :func:`_cut_after`).
_CUT = re.compile(r"(?<=\S[.!?]) (?=\S)")


def _sentencize(text: str, chunk: int = CHUNK) -> list[tuple[int, int]]:
    """The rule-based sentencizer's sentence ranges of ``text``, read in chunks that end
    where a sentence starts, so that they are the ranges of the whole text read at
    once (spaCy tokenizes what lies between spaces on its own, and the sentencizer
    starts a sentence at a token that is not punctuation after one in its
    ``punct_chars``)."""
    nlp = english_pipeline()
    ranges: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = _cut_after(text, start + chunk) if len(text) - start > 2 * chunk else len(text)
        piece = text[start:end]
        if len(piece) >= nlp.max_length:  # only the linear rule-based sentencizer runs
            nlp.max_length = len(piece) + 1
        ranges.extend((start + s.start_char, start + s.end_char) for s in nlp(piece).sents)
        start = end
        if (report := _PROGRESS.get()) is not None:
            report(end)
    return ranges


def _cut_after(text: str, pos: int) -> int:
    """The first place at or after ``pos`` where the sentencizer starts a sentence
    whatever comes before: after a single space that follows a word whose last token
    is in its ``punct_chars`` and before a word whose first token is neither
    punctuation nor in them (``len(text)`` if there is none)."""
    nlp = english_pipeline()
    punct = _punct_chars()
    for m in _CUT.finditer(text, pos):
        before, after = m.start() - 1, m.end()
        while before > 0 and not text[before - 1].isspace():
            before -= 1
        while after < len(text) and not text[after].isspace():
            after += 1
        last = nlp.tokenizer(text[before:m.start()])
        first = nlp.tokenizer(text[m.end():after])
        if (last[-1].text in punct and not first[0].is_punct
                and first[0].text not in punct):
            return m.end()
    return len(text)


@lru_cache(maxsize=1)
def _punct_chars() -> frozenset[str]:
    """The characters after which the sentencizer may end a sentence."""
    sentencizer: Any = english_pipeline().get_pipe("sentencizer")
    return frozenset(sentencizer.punct_chars)


def _repair_en(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence ranges with the bounds after "No." before a number, before a bare list
    label and before an opening bracket or quotation mark repaired. Each bound is
    looked at in its neighbourhood only, so the repair is linear in the text."""
    fixed: list[int] = []
    quotes = _QuoteCount(text)
    for _, b in ranges[:-1]:
        end = _rstrip_end(text, 0, b)  # len(text[:b].rstrip())
        nxt = _lstrip_start(text, b, len(text))
        if (_NUMBER_ABBREV.search(text, max(0, end - _ABBREV_WINDOW), end)
                and text[nxt:nxt + 1].isdigit()):
            continue  # "No. 95"
        moved = b
        while end and text[end - 1] in _OPENING and _opens(text, end, quotes):
            end = _rstrip_end(text, 0, end - 1)
            moved = end
        prev = fixed[-1] if fixed else 0
        lo, hi = _lstrip_start(text, prev, moved), _rstrip_end(text, prev, moved)
        if lo < hi and _LABEL_BODY.fullmatch(text, lo, hi):
            continue  # a bare label such as "(1)" stays with its sentence
        fixed.append(moved)
    return _ranges(text, fixed)


def _rstrip_end(text: str, start: int, end: int) -> int:
    """The end of ``text[start:end]`` with trailing whitespace stripped."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _lstrip_start(text: str, start: int, end: int) -> int:
    """The start of ``text[start:end]`` with leading whitespace stripped."""
    while start < end and text[start].isspace():
        start += 1
    return start


class _QuoteCount:
    """How many of a straight quotation mark ``text`` holds before a position; each
    count goes on from the last one asked, so asking in rising order is linear."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._at: dict[str, tuple[int, int]] = {}

    def before(self, ch: str, pos: int) -> int:
        at, n = self._at.get(ch, (0, 0))
        n += self.text.count(ch, at, pos) if pos >= at else -self.text.count(ch, pos, at)
        self._at[ch] = (pos, n)
        return n


def _opens(text: str, end: int, quotes: _QuoteCount) -> bool:
    """Whether ``text[end - 1]`` opens rather than closes a quotation."""
    ch = text[end - 1]
    if ch in "([{“‘":
        return True
    if ch in "\"'":
        return quotes.before(ch, end) % 2 == 1 and (end == 1 or text[end - 2].isspace())
    return False


def split_sentences(text: str, language: str, semicolon: bool = False) -> list[tuple[int, int]]:
    """Sentence ranges of ``text`` in ``language`` (a tag of the language registry)."""
    from outline_corpus.languages import language as lookup

    return lookup(language).split_sentences(text, semicolon)
