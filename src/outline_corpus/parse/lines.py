"""Logical lines of a raw text for the law parser: Markdown heading marks set aside,
lines that a print width or a page break cut rejoined, every join recorded.

A text is *hard-wrapped* (text extracted from PDF, a printed web page) when many of its
lines stop near one width without final punctuation; only then are lines joined at the
width. A line that stops at a comma or an opening bracket before a page break (page
furniture set aside, see :mod:`outline_corpus.parse.furniture`) is joined to the next. Elsewhere a
line is a paragraph, and only an English line that stops without final punctuation
before one that starts in lower case is joined."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from outline_corpus.model import FOOTNOTE_MARKER, HYPHEN_BREAK, Spanned, Spans, join_pieces
from outline_corpus.parse.blocks import CLOSED_CLASS, Issue, Line, last_word, scan_lines
from outline_corpus.segment.pieces import Pieces

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
#: A line ending in one of these goes on after a page break.
_GOES_ON = "，、,（(《“‘—"
#: A line ending in a word broken by a hyphen ("develop-").
_HYPHENATED = re.compile(r"[A-Za-z]{2}-$")
#: A line at least this share of the text's wrap width is full, i.e. cut there.
FULL_LINE = 0.75
#: A text is hard-wrapped when at least this share of its lines are full and open.
WRAPPED_SHARE = 0.2


@dataclass
class LogicalLine(Spanned):
    """Raw pieces (``spans``) of one logical line, grown while lines are joined;
    ``text`` joins them (see :func:`~outline_corpus.model.join_pieces`).
    ``page_break`` is true where a form feed preceded it."""

    spans: Spans
    text: str
    page_break: bool = False
    joined: list[int] = field(default_factory=list)


def raw_lines(raw: str) -> list[Line]:
    """Non-blank lines with Markdown heading marks (``## ``) left outside."""
    out: list[Line] = []
    for line in scan_lines(raw):
        m = _MARKDOWN_HEADING.match(line.text)
        if m and m.end() < len(line.text):
            start = line.start + m.end()
            out.append(Line(start, line.end, raw[start:line.end]))
        else:
            out.append(line)
    return out


def wrap_width(lines: list[Line], terminal: str) -> int | None:
    """The width a hard-wrapped text was cut at (its 90th-percentile line length, in
    characters), or ``None`` if the text is not hard-wrapped."""
    if len(lines) < 10:
        return None
    lengths = sorted(len(line.text) for line in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    full_open = sum(1 for line in lines
                    if len(line.text) >= FULL_LINE * width and line.text[-1] not in terminal)
    return width if full_open >= WRAPPED_SHARE * len(lines) else None


def join_lines(raw: str, lines: list[Line], joiner: str, terminal: str, language: str,
               structural: Callable[[str], bool], heading: Callable[[str], bool]
               ) -> tuple[list[LogicalLine], list[Issue]]:
    """Logical lines of ``lines``: a line is joined to the previous one when that was cut
    (see module doc), the line does not open a unit (``structural``) and the previous
    one is not a division heading (``heading``: its title on the next line is the
    parser's to take). Each logical line's pieces grow in a list and are joined into
    its text once, at the end."""
    width = wrap_width(lines, terminal)
    out: list[LogicalLine] = []
    grown: list[list[tuple[int, int]]] = []  # the pieces of each logical line in ``out``
    issues: list[Issue] = []
    prev: Line | None = None
    for line in lines:
        page_break = "\f" in raw[prev.end if prev else 0:line.start]
        if (prev is not None and out and not structural(line.text)
                and not (len(grown[-1]) == 1 and heading(out[-1].text))
                and _cut(prev, line, width, terminal, language, page_break)):
            spans = grown[-1]
            s, e = spans[-1]
            if (_HYPHENATED.search(prev.text) and line.text[:1].islower() and joiner
                    and HYPHEN_BREAK.fullmatch(raw, e - 1, line.start)):
                # the hyphen stays out of the text
                spans[-1] = (s, e - 1)
                spans.append((line.start, line.end))
                issues.append(Issue("hyphen_join", max(prev.start, prev.end - 12),
                                    min(line.end, line.start + 12),
                                    "word hyphenated at a line end rejoined", True))
                prev = line
                continue
            spans.append((line.start, line.end))
            kind = "extraction_join" if width or page_break else "page_break_join"
            what = "page break" if page_break else "line break at the print width"
            issues.append(Issue(kind, max(prev.start, prev.end - 12),
                                min(line.end, line.start + 12),
                                f"paragraph cut by a {what} rejoined", True))
        else:
            out.append(LogicalLine(((line.start, line.end),), line.text, page_break))
            grown.append([(line.start, line.end)])
        prev = line
    for logical, spans in zip(out, grown, strict=True):
        if len(spans) > 1:
            logical.spans = tuple(spans)
            logical.text = join_pieces(raw, logical.spans, joiner)
        issues.extend(_set_aside_markers(raw, logical, joiner))
    return out, issues


#: A footnote marker glued to the word (or its punctuation) before it.
_GLUED_MARKER = re.compile(
    rf"(?<=[A-Za-z\u3400-\u9fff.!?。！？)）”\"'’])(?:{FOOTNOTE_MARKER.pattern})")
#: A superscript after a word this short is a unit's power (km², m³), not a marker.
_UNIT_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{1,2}$")


def _set_aside_markers(raw: str, line: LogicalLine, joiner: str) -> list[Issue]:
    """Take the footnote markers glued to words out of ``line``'s pieces (in place);
    an issue for each, the last marker's first. All are found in the text as it was
    and cut out of its pieces together (the text before a marker is the same whether
    the markers after it are out or not)."""
    text = line.text
    found = [m for m in _GLUED_MARKER.finditer(text)
             if not (m.group()[0] in "¹²³⁰⁴⁵⁶⁷⁸⁹"
                     and _UNIT_WORD.search(text, max(0, m.start() - 4), m.start()))]
    if not found:
        return []
    pieces = Pieces(raw, line.spans, joiner)
    markers = [pieces.spans_of(m.start(), m.end()) for m in found]
    issues = [Issue("footnote_marker", marker[0][0], marker[-1][1],
                    f"footnote marker {m.group()!r} glued to a word set aside", True)
              for m, marker in reversed(list(zip(found, markers, strict=True)))]
    line.spans = _cut_out(line.spans, [span for marker in markers for span in marker])
    line.text = join_pieces(raw, line.spans, joiner)
    return issues


def _cut_out(spans: Spans, holes: list[tuple[int, int]]) -> Spans:
    """``spans`` without ``holes`` (raw ranges in rising order, each inside one piece);
    pieces left empty are dropped."""
    out: list[tuple[int, int]] = []
    k = 0
    for s, e in spans:
        pos = s
        while k < len(holes) and holes[k][0] < e:
            if holes[k][0] > pos:
                out.append((pos, holes[k][0]))
            pos = max(pos, holes[k][1])
            k += 1
        if pos < e:
            out.append((pos, e))
    return tuple(out)


def _cut(prev: Line, nxt: Line, width: int | None, terminal: str, language: str,
         page_break: bool = False) -> bool:
    """Whether ``prev`` was cut before ``nxt``: it lacks final punctuation and is full
    at the print width, or a page break falls between them after a comma or an
    opening bracket (or, in English, before a word in lower case), or (English) the
    next line goes on in lower case."""
    if prev.text[-1] in terminal or _url_end(prev.text):
        return False
    if width is not None and len(prev.text) >= FULL_LINE * width:
        return True
    if page_break and (prev.text[-1] in _GOES_ON or (language != "zh"
                                                     and nxt.text[:1].islower())):
        return True
    if language != "zh" and _HYPHENATED.search(prev.text) and nxt.text[:1].islower():
        return True
    if language == "zh":
        return False
    starts_lower = nxt.text[:1].islower()
    return starts_lower and (width is not None or last_word(prev.text).lower() in CLOSED_CLASS
                             or len(prev.text) >= 40)


def _url_end(text: str) -> bool:
    """Whether ``text`` ends in a URL (``https?://\\S+$``), found in its last word only:
    the regular expression, searched, retries every "http" of a long word to its end."""
    k = len(text)
    while k and not text[k - 1].isspace():
        k -= 1
    for scheme in ("http://", "https://"):
        at = text.find(scheme, k)
        if 0 <= at < len(text) - len(scheme):
            return True
    return False
