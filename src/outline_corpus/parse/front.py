"""Front matter: material before the document proper (headline, release time, editor's
note, news lead, preface, lead-in), told apart from the preamble of the document."""

from __future__ import annotations

import re

from outline_corpus.model import Spans
from outline_corpus.parse.blocks import Block, Issue
from outline_corpus.parse.grammar import Grammar
from outline_corpus.segment import Pieces, split_sentences

KIND_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("release-time", re.compile(r"^(release time|published|发布时间|时间)\s*[:：]", re.I)),
    ("editor-note", re.compile(r"^(editor'?s note|编者按|编者的话)", re.I)),
    ("news-lead", re.compile(r"^(.{0,40}(xinhua|新华社).{0,30}(电|news agency)|新华社)", re.I)),
    ("doc-number", re.compile(r"(\[\d{4}\]\s*No\.\s*\d+|〔\d{4}〕\d+号|\bNo\.\s*\d+$)")),
    ("addressee", re.compile(r"^(各省、自治区、直辖市.{0,80}|to the (people's )?governments? of "
                             r".{0,300}|to all .{0,200})[:：]$", re.I)),
)
#: A line ending in a colon with a clause break in it is the document's own opening
#: ("为了……，现提出如下意见：", "In order to …, the following opinions are …:"): preamble.
_OPENING = re.compile(r"[，,；;].*[:：]$")
_CLAUSE_BREAK = re.compile(r"[，,；;]")
#: A headline is at most this many characters and lacks sentence-final punctuation.
HEADLINE_MAX = 300


def classify(text: str, grammar: Grammar, lead_in: bool = False) -> str:
    """The front-matter kind of a block's text."""
    if lead_in:
        return "lead-in"
    for kind, pattern in KIND_PATTERNS:
        if pattern.search(text):
            return kind
    if _opening(text):
        return "preface"
    if len(text) <= HEADLINE_MAX and text[-1] not in grammar.sentence_end:
        return "headline"
    return "preface"


def _opening(text: str) -> bool:
    """Whether :data:`_OPENING` matches ``text``, found by looking at its end: searched,
    the expression reads every comma's clause on to the end of the line (quadratic)."""
    colon = len(text) - (2 if text.endswith("\n") else 1)
    if colon < 0 or text[colon] not in ":：":
        return False
    line_start = text.rfind("\n", 0, colon) + 1
    return _CLAUSE_BREAK.search(text, line_start, colon) is not None


def _kinds(blocks: list[Block], texts: list[str], grammar: Grammar) -> list[tuple[Spans, str]]:
    return [(tuple(b.spans), classify(t, grammar)) for b, t in zip(blocks, texts, strict=True)]


def split_prelude(blocks: list[Block], grammar: Grammar, raw: str
                  ) -> tuple[list[tuple[Spans, str]], list[Block], list[Issue]]:
    """Divide the blocks before the first part or article into front matter
    (``(spans, kind)`` pairs) and preamble blocks.

    The front matter runs to the last lead-in of a news release or reprint ("主要内容如下。",
    "The main contents … are as follows:"), or, without one, over the leading headlines,
    release times, notes, document numbers and addressees. A line of the document's own
    that ends in 如下： or "as follows:" opens its preamble, which is aligned. A lead-in
    sentence run onto the end of a preface paragraph is split off it."""
    texts = [Pieces(raw, tuple(b.spans), grammar.joiner).text for b in blocks]
    lead = max((k for k, t in enumerate(texts) if grammar.lead_in.search(t)), default=None)
    issues: list[Issue] = []
    if lead is None:
        k = 0
        while k < len(blocks) and classify(texts[k], grammar) != "preface":
            k += 1
        return _kinds(blocks[:k], texts[:k], grammar), blocks[k:], issues
    front = _kinds(blocks[:lead], texts[:lead], grammar)
    pieces = Pieces(raw, tuple(blocks[lead].spans), grammar.joiner)
    sents = split_sentences(pieces.text, grammar.language)
    if len(sents) > 1:
        cut = sents[-1][0]
        head = pieces.find_spans(0, cut)
        front.append((head, classify(pieces.sub(0, cut)[0], grammar)))
        tail = pieces.find_spans(cut, len(pieces.text))
        issues.append(Issue("fused_paragraph", tail[0][0], min(tail[-1][1], tail[0][0] + 40),
                            "lead-in sentence run onto a front-matter paragraph split off",
                            True))
        front.append((tail, "lead-in"))
    else:
        front.append((tuple(blocks[lead].spans), "lead-in"))
    return front, blocks[lead + 1:], issues
