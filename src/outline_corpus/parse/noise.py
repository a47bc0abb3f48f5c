"""Defects of the raw text the parser reports but does not repair: stray Latin words in
Chinese sentences, duplicated words or phrases, words fused or broken apart, and
characters TMX and HTML cannot carry (found here, before a build spends minutes on a
text its exports will refuse)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from outline_corpus.languages import language
from outline_corpus.model import Document, Spans
from outline_corpus.parse.blocks import CLOSED_CLASS, Issue
from outline_corpus.parse.progress import Tracker
from outline_corpus.rawtext import XML_UNSAFE
from outline_corpus.segment import Pieces

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
#: The kind of the diagnostic of a character TMX and HTML cannot carry.
XML_UNSAFE_KIND = "control_character"
ZH_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("stray_latin", re.compile(rf"(?<=[{_CJK}，,、；])\s*[a-z]+(?:\s+[a-z]+)*\s*(?=[{_CJK}])"),
     "lower-case Latin word(s) inside a Chinese sentence"),
    ("duplicated_phrase", re.compile(rf"([{_CJK}]{{2,8}})\1"),
     "the same words written twice in a row"),
)
EN_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("duplicated_phrase", re.compile(r"\b(?!(?:had|that)\b)([A-Za-z]{2,}(?:\s+[A-Za-z]+){0,3})"
                                     r"\s+\1\b", re.IGNORECASE),
     "the same words written twice in a row"),
    ("fused_words", re.compile(r"\b[a-z]{3,}[A-Z][a-z]{2,}\b"),
     "words run together without a space"),
    # (?<![a-z]): a match starts where a word does (from inside a long word the
    # expression would be retried to its end at every letter: quadratic)
    ("missing_space", re.compile(r"(?<![a-z])[a-z]{2,}[.!?](?=[A-Z][a-z])"),
     "no space after the end of a sentence"),
    ("broken_word", re.compile(r"\b[a-z]{4,}\s(?![ai]\b)[b-z]\b(?=\s+[a-z])"),
     "a word broken apart by a stray space"),
)


def leaves(doc: Document) -> Iterator[tuple[str, Spans]]:
    """``(text, spans)`` of every leaf block: paragraphs, items, headings, front matter."""
    for front in (*doc.front_matter, *doc.back_matter):
        yield front.text, front.spans
    yield from ((p.text, p.spans) for p in doc.preamble)
    for part in doc.parts:
        yield part.heading.title, part.heading.spans
        yield from ((p.text, p.spans) for p in part.paragraphs)
    for art in doc.articles:
        yield from ((p.text, p.spans) for p in art.paragraphs)
        yield from ((i.text, i.spans) for i in art.items)
    for turn in doc.turns:
        yield from ((p.text, p.spans) for p in turn.paragraphs)


def _closed_tail(phrase: str) -> bool:
    words = phrase.lower().split()
    return len(words) > 1 and words[-1] in CLOSED_CLASS


def noise_issues(doc: Document, tracker: Tracker | None = None) -> list[Issue]:
    """Issues for every match of the language's noise patterns in every sentence; the
    characters searched are told to ``tracker`` (a share of a leaf after each pattern)."""
    patterns = {"zh": ZH_PATTERNS, "en": EN_PATTERNS}[language(doc.language).code]
    out = unsafe_issues(doc)
    for text, spans_ in leaves(doc):
        pieces = Pieces(doc.text, spans_, doc.joiner) if spans_ else None
        for k, (kind, pattern, message) in enumerate(patterns):
            if pieces is not None:
                out.extend(_matches(pieces, text, kind, pattern, message))
            if tracker is not None:
                tracker.searched(len(text) * (k + 1) // len(patterns)
                                 - len(text) * k // len(patterns))
    return out


def unsafe_issues(doc: Document) -> list[Issue]:
    """An issue for each character of a sentence text that TMX and HTML cannot carry
    (:data:`~outline_corpus.rawtext.XML_UNSAFE`), at its raw offset."""
    out: list[Issue] = []
    for sent in doc.all_sentences():
        found = list(XML_UNSAFE.finditer(sent.text))
        if not found:
            continue
        pieces = Pieces(doc.text, sent.spans, doc.joiner)
        for m in found:
            spans = pieces.spans_of(m.start(), m.end())
            if spans:
                out.append(Issue(XML_UNSAFE_KIND, spans[0][0], spans[-1][1],
                                 f"character U+{ord(m.group()):04X}, which TMX and HTML "
                                 "cannot carry (XML refuses control characters)", False))
    return out


def _matches(pieces: Pieces, text: str, kind: str, pattern: re.Pattern[str],
             message: str) -> Iterator[Issue]:
    for m in pattern.finditer(text):
        if kind == "duplicated_phrase" and _closed_tail(m.group(1)):
            continue
        spans = pieces.spans_of(*pieces.strip(m.start(), m.end()))
        if spans:
            yield Issue(kind, spans[0][0], spans[-1][1],
                        f"{message}: {m.group(0).strip()!r}", False)
