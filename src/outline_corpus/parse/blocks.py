"""From raw lines to blocks: each block is one logical paragraph of a known kind, its
raw pieces rejoined where a page break cut it, with every repair noted."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from outline_corpus.numerals import Numeral, read_number
from outline_corpus.parse.grammar import Grammar

#: English words that cannot end a sentence or a title: a line ending in one was cut.
CLOSED_CLASS = frozenset((
    "a", "an", "the", "of", "and", "or", "nor", "but", "to", "in", "into", "on", "onto", "for",
    "with", "by", "from", "as", "at", "that", "which", "whose", "its", "their", "our", "this",
    "these", "those", "than", "such", "is", "are", "was", "were", "be", "been",
))
#: :func:`~outline_corpus.numerals.read_number`, remembered: a long text reads the same
#: few labels again and again, and reading a Chinese numeral is slow.
read_label = lru_cache(maxsize=1 << 16)(read_number)
#: A trailing line shorter than this, without sentence-final punctuation, is page furniture.
BACK_MATTER_MAX = 80


@dataclass(frozen=True)
class Line:
    """A non-blank raw line, trimmed: ``text == raw[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Issue:
    """A diagnostic before the unit it concerns is known (located later by offset)."""

    kind: str
    start: int
    end: int
    message: str
    repaired: bool


@dataclass
class Block:
    """A logical paragraph. ``kind`` is ``part``, ``article``, ``item`` or ``para``.
    ``spans`` are raw pieces of the text after the label/marker; ``label_span`` covers
    the label or bullet; ``number`` is the label read as a number."""

    kind: str
    spans: list[tuple[int, int]]
    start: int
    label: str = ""
    label_span: tuple[int, int] | None = None
    number: Numeral | None = None
    marker: str = ""
    issues: list[Issue] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.spans[-1][1] if self.spans else (self.label_span or (self.start,))[-1]


def last_word(text: str) -> str:
    """The ASCII letters that end ``text`` (``[A-Za-z]+$``; ``""`` if none), found by a
    scan back from the end: searching the expression retries every letter of a long
    run to its end."""
    k = len(text)
    while k and ("a" <= text[k - 1] <= "z" or "A" <= text[k - 1] <= "Z"):
        k -= 1
    return text[k:]


def scan_lines(text: str) -> list[Line]:
    """Non-blank lines of ``text`` with their raw offsets, surrounding blanks trimmed."""
    lines: list[Line] = []
    pos = 0
    for raw_line in text.splitlines(keepends=True):
        lead = len(raw_line) - len(raw_line.lstrip())
        start, end = pos + lead, pos + len(raw_line.rstrip())
        if end > start:
            lines.append(Line(start, end, text[start:end]))
        pos += len(raw_line)
    return lines


class BlockReader:
    """Turns lines into blocks for one grammar; collects :class:`Issue` records."""

    def __init__(self, raw: str, grammar: Grammar) -> None:
        self.raw = raw
        self.g = grammar
        self.issues: list[Issue] = []

    # -- classification -------------------------------------------------------------
    def part_match(self, line: Line) -> tuple[re.Match[str], Numeral] | None:
        m = self.g.part.match(line.text)
        if not m:
            return None
        title = m.group("title").strip()
        if not title or len(title) > self.g.max_title or title[-1] in self.g.sentence_end:
            return None
        if self.g.language == "en" and (len(title.split()) > 20 or title[-1] in ",;:"):
            return None
        num_text = m.groupdict().get("ord") or m.group("num")
        number = read_label(num_text) if num_text else None
        return (m, number) if number else None

    def article_match(self, text: str) -> tuple[re.Match[str], Numeral] | None:
        m = self.g.article.match(text)
        if not m:
            return None
        number = read_label(m.group("num"))
        if number is None or number.style == "roman" or number.value == 0:
            return None
        return m, number

    def structural(self, line: Line) -> bool:
        return bool(self.part_match(line) or self.article_match(line.text)
                    or self.g.bullet.match(line.text))

    def complete(self, text: str) -> bool:
        return bool(text) and text[-1] in self.g.terminal

    def cut_by_break(self, prev: Line, nxt: Line) -> bool:
        """Whether ``prev`` was cut mid-sentence and ``nxt`` continues it."""
        if self.complete(prev.text) or self.structural(nxt):
            return False
        if self.g.language == "zh":
            return len(prev.text) >= self.g.long_line
        return nxt.text[:1].islower() or last_word(prev.text).lower() in CLOSED_CLASS

    # -- reading ------------------------------------------------------------------------
    def back_matter(self, lines: list[Line]) -> int:
        """Index of the first line of trailing page furniture (``len(lines)`` if none)."""
        k = len(lines)
        while k > 1:
            line = lines[k - 1]
            if (len(line.text) >= BACK_MATTER_MAX or line.text[-1] in self.g.sentence_end
                    or self.structural(line)):
                break
            k -= 1
        return k

    def read(self, lines: list[Line]) -> list[Block]:
        """Blocks of ``lines`` in order."""
        lines = list(lines)
        blocks: list[Block] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            part = self.part_match(line)
            if part:
                block, i, rest = self._part(lines, i, *part)
                blocks.append(block)
                if rest is not None:
                    lines[i] = rest
                continue
            block = self._paragraph(line)
            i += 1
            while i < len(lines) and self.cut_by_break(lines[i - 1], lines[i]):
                prev, nxt = lines[i - 1], lines[i]
                self._join_issue("page_break_join", prev, nxt,
                                 "paragraph broken across lines (page break) rejoined")
                block.spans.append((nxt.start, nxt.end))
                i += 1
            blocks.append(block)
        return blocks

    def _join_issue(self, kind: str, prev: Line, nxt: Line, message: str) -> None:
        """A repaired join of ``prev`` and ``nxt``; the snippet shows both sides."""
        self.issues.append(Issue(kind, max(prev.start, prev.end - 12),
                                 min(nxt.end, nxt.start + 12), message, True))

    def _paragraph(self, line: Line) -> Block:
        art = self.article_match(line.text)
        if art:
            m, number = art
            after = _skip_space(line.text, m.end())
            spans = [(line.start + after, line.end)] if after < len(line.text) else []
            return Block("article", spans, line.start, label=m.group("label"),
                         label_span=(line.start, line.start + m.end("label")), number=number)
        bullet = self.g.bullet.match(line.text)
        if bullet:
            after = _skip_space(line.text, bullet.end())
            return Block("item", [(line.start + after, line.end)], line.start,
                         marker=bullet.group("marker"),
                         label_span=(line.start, line.start + bullet.end("marker")))
        return Block("para", [(line.start, line.end)], line.start)

    def _part(self, lines: list[Line], i: int, m: re.Match[str],
              number: Numeral) -> tuple[Block, int, Line | None]:
        line = lines[i]
        title_start = line.start + m.start("title")
        block = Block("part", [(title_start, line.end)], line.start, label=m.group("label").strip(),
                      label_span=(line.start, line.start + m.end("label")), number=number)
        j, rest = i + 1, None
        nxt = lines[j] if j < len(lines) else None
        if self.g.inline_article is not None and nxt and nxt.text[:1].islower():
            fused = self.g.inline_article.search(nxt.text)
            if fused and read_label(fused.group("num")):
                cut = nxt.start + len(nxt.text[:fused.start()].rstrip())
                block.spans.append((nxt.start, cut))
                self._join_issue("heading_split", line, nxt,
                                 "part heading split over two lines rejoined")
                self.issues.append(Issue(
                    "fused_heading", nxt.start, min(nxt.end, nxt.start + fused.end() + 12),
                    "part heading fused with the next article's text split off", True))
                start = nxt.start + fused.start()
                rest = Line(start, nxt.end, self.raw[start:nxt.end])
                return block, j, rest
            if len(nxt.text) <= self.g.max_title and not self.complete(nxt.text):
                block.spans.append((nxt.start, nxt.end))
                self._join_issue("heading_split", line, nxt,
                                 "part heading split over two lines rejoined")
                return block, j + 1, None
            self.issues.append(Issue(
                "heading_runs_into_text", line.start, min(nxt.end, nxt.start + 40),
                "part heading runs into the following sentence, which starts in lower case; "
                "left as it is", False))
        return block, j, None


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos
