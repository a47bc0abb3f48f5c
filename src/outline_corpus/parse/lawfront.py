"""The lines of a law before its body: front matter (promulgation order, document
number, signatures, date, title, adoption note, table of contents, source and site
navigation, a translator's preface) and a preamble (序言), told apart."""

from __future__ import annotations

import re

from outline_corpus.model import Spans
from outline_corpus.parse.lines import LogicalLine
from outline_corpus.parse.profiles import Profile

#: A line that a table of contents lists: a division label at its start.
_CONTENTS_ENTRY = re.compile(r"^(Chapter|Part|Section|Book|第\s*\S{1,6}\s*[编章节])\b",
                             re.IGNORECASE)
#: A front-matter line at most this long without final punctuation is a headline.
HEADLINE_MAX = 300


def classify_prelude(profile: Profile, raw: str, lines: list[LogicalLine]
                     ) -> tuple[list[tuple[Spans, str]], list[Spans]]:
    """``(spans, kind)`` of each front-matter block and the spans of each preamble
    paragraph among ``lines`` (those before the body). A table of contents is one block
    with the entries that follow its heading; a preamble follows a 序言/Preamble line."""
    front: list[tuple[Spans, str]] = []
    preamble: list[Spans] = []
    in_preamble = False
    k = 0
    while k < len(lines):
        line = lines[k]
        if in_preamble:
            preamble.append(tuple(line.spans))
        elif profile.preamble.match(line.text):
            front.append((tuple(line.spans), "headline"))
            in_preamble = True
        elif profile.contents.match(line.text):
            spans = list(line.spans)
            while k + 1 < len(lines) and _contents_line(lines[k].text, lines[k + 1].text):
                k += 1
                spans.extend(lines[k].spans)
            front.append((tuple(spans), "contents"))
        else:
            front.append((tuple(line.spans), kind_of(profile, line.text)))
        k += 1
    return front, preamble


def _contents_line(prev: str, text: str) -> bool:
    """Whether ``text`` goes on a table of contents: an entry ("Chapter II …"), or the
    title of an entry that stood alone on the line before ("Chapter II" / "Title")."""
    if _CONTENTS_ENTRY.match(text):
        return True
    bare = _CONTENTS_ENTRY.match(prev) and len(prev.split()) <= 2 and len(prev) <= 16
    return bool(bare) and len(text) <= 150 and text[-1:] not in "。.;；"


def kind_of(profile: Profile, text: str) -> str:
    """The front-matter kind of one line: the first of the profile's patterns that
    matches, else ``headline`` (short, no final punctuation) or ``preface``."""
    for kind, pattern in profile.front:
        if pattern.search(text):
            return kind
    final = "。！？" if profile.language == "zh" else ".!?"
    if len(text) <= HEADLINE_MAX and text.rstrip("”’\"')）")[-1:] not in final:
        return "headline"
    return "preface"
