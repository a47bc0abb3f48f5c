"""Page furniture of extracted text (PDF, printed web pages): page numbers and running
headers and footers, lines that belong to the page, not to the document. They are
set aside before lines are joined, so a sentence cut by a page break reads on across
them; each one is recorded as a repair (``page_number``, ``running_header``), never as
a defect of the original."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from outline_corpus.parse.blocks import Issue, Line

PAGE_NUMBER = re.compile(
    r"^\d{1,3}$|^[-–—]\s*\d{1,4}\s*[-–—]$"             # 12 (a year is no page), - 12 -
    r"|^第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?$"   # 第3页, 第3页 共10页
    r"|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$"    # Page 3, Page 3 of 10
    r"|^\d{1,4}\s*(?:/|of)\s*\d{1,4}$", re.IGNORECASE)    # 3/10, 3 of 10
#: A running header or footer: a line this short, repeated at this many page breaks.
HEADER_MAX = 100
HEADER_REPEATS = 3
#: Page numbers without page breaks: at least this many, numbered one up each time,
#: each at least :data:`PAGE_LINES` lines after the one before.
PAGE_RUN = 3
PAGE_LINES = 5


def _at_break(raw: str, lines: list[Line], k: int) -> bool:
    """Whether a form feed is next to line ``k`` (in the gap before or after it)."""
    before = raw[lines[k - 1].end if k else 0:lines[k].start]
    after = raw[lines[k].end:lines[k + 1].start if k + 1 < len(lines) else len(raw)]
    return "\f" in before or "\f" in after


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def page_furniture(raw: str, lines: list[Line]) -> tuple[list[Line], list[Issue]]:
    """``lines`` without their page numbers and running headers and footers, and an
    issue for each line set aside. A page number is a line of only a page number (12,
    up to three digits, so that a year is none; - 12 -, 第3页, Page 3 of 10, 3/10)
    beside a page break, or one of a run of at least :data:`PAGE_RUN` such lines
    numbered one up each time, a page of lines apart; a running header or footer is a
    line of at most :data:`HEADER_MAX` characters found, digits aside, beside at least
    :data:`HEADER_REPEATS` page breaks."""
    breaks = [_at_break(raw, lines, k) for k in range(len(lines))]
    numbered = [k for k, line in enumerate(lines) if PAGE_NUMBER.match(line.text.strip())]
    values = [int(re.findall(r"\d+", lines[k].text)[0]) for k in numbered]
    rising = (len(numbered) >= PAGE_RUN
              and all(b == a + 1 for a, b in pairwise(values))
              and all(j - i >= PAGE_LINES for i, j in pairwise(numbered)))
    pages = {k for k in numbered if breaks[k] or rising}
    counts = Counter(_key(lines[k].text) for k in range(len(lines))
                     if breaks[k] and k not in pages and len(lines[k].text) <= HEADER_MAX)
    repeated = {key for key, n in counts.items() if n >= HEADER_REPEATS}
    headers = {k for k in range(len(lines)) if breaks[k] and k not in pages
               and _key(lines[k].text) in repeated}
    issues = [Issue("page_number", lines[k].start, lines[k].end,
                    f"page number {lines[k].text.strip()!r} set aside", True)
              for k in sorted(pages)]
    issues += [Issue("running_header", lines[k].start, lines[k].end,
                     "running header or footer of the pages set aside", True)
               for k in sorted(headers)]
    kept = [line for k, line in enumerate(lines) if k not in pages and k not in headers]
    return kept, issues
