"""Diagnostics on numbering: OCR slips in labels, a label style that differs from the
rest of the document, and gaps, repeats or reversals in a sequence of numbers."""

from __future__ import annotations

from collections import Counter

from outline_corpus.parse.blocks import Block, Issue


def numbering_issues(parts: list[Block], articles: list[Block]) -> list[Issue]:
    """Issues for the part and article heading blocks of a document, in text order."""
    issues: list[Issue] = []
    for what, heads in (("part", parts), ("article", articles)):
        issues.extend(_ocr(what, heads))
        issues.extend(_style(what, heads))
        issues.extend(_sequence(what, heads))
    return issues


def _span(block: Block) -> tuple[int, int]:
    return block.label_span or (block.start, block.start)


def _ocr(what: str, heads: list[Block]) -> list[Issue]:
    out = []
    for head in heads:
        if head.number and head.number.reading:
            s, e = _span(head)
            out.append(Issue("numbering_ocr", s, e,
                             f"{what} label {head.label!r} read as {head.number.reading} "
                             f"({head.number.value}), an OCR slip", True))
    return out


def _style(what: str, heads: list[Block]) -> list[Issue]:
    styles = Counter(h.number.style for h in heads if h.number)
    if len(styles) < 2:
        return []
    usual, _ = max(styles.items(), key=lambda kv: (kv[1], kv[0]))
    out = []
    for head in heads:
        if head.number and head.number.style != usual:
            s, e = _span(head)
            out.append(Issue("numbering_style", s, e,
                             f"{what} label {head.label!r} written as {head.number.style}, "
                             f"unlike most ({usual}); read as {head.number.value}", True))
    return out


def _sequence(what: str, heads: list[Block]) -> list[Issue]:
    out = []
    prev = 0
    for head in heads:
        if head.number is None:
            continue
        n = head.number.value
        s, e = _span(head)
        if n == prev:
            out.append(Issue("numbering_repeat", s, e, f"{what} number {n} repeated", False))
        elif n < prev:
            out.append(Issue("numbering_order", s, e,
                             f"{what} number {n} comes after {prev}", False))
        elif n > prev + 1:
            gap = ", ".join(str(k) for k in range(prev + 1, n))
            plural = "s" if n - prev > 2 else ""
            out.append(Issue("numbering_gap", s, e,
                             f"{what}{plural} {gap} absent before {what} {n}", False))
        prev = max(prev, n)
    return out
