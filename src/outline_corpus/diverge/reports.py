"""Divergence reports: selecting records, and writing them as JSON and Markdown."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from outline_corpus.align.output import atomic_write, dumps
from outline_corpus.diverge.records import KINDS, SEVERITIES, Divergence
from outline_corpus.errors import ParameterError


def select(records: list[Divergence], kinds: list[str] | None = None,
           severities: list[str] | None = None, articles: list[int] | None = None
           ) -> list[Divergence]:
    """Records of the given kinds, severities and articles (all when not given)."""
    for kind in kinds or ():
        if kind not in KINDS:
            raise ParameterError(f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})")
    for sev in severities or ():
        if sev not in SEVERITIES:
            raise ParameterError(f"unknown severity {sev!r} (high, medium or low)")
    return [r for r in records if (not kinds or r.kind in kinds)
            and (not severities or r.severity in severities)
            and (articles is None or r.article in articles)]


def markdown(records: list[Divergence], sig: dict[str, Any]) -> str:
    """A readable report grouped by article (then the rest), most severe first."""
    rank = {s: k for k, s in enumerate(SEVERITIES)}
    lines = ["# Divergences", "", f"Produced by {sig['toolkit']} {sig['version']} with model "
             f"{_code(str(sig['params']['model']))}. {len(records)} records.", ""]
    groups: dict[int | None, list[Divergence]] = {}
    for r in records:
        groups.setdefault(r.article, []).append(r)
    for article in sorted(groups, key=lambda a: (a is None, a or 0)):
        lines += [f"## Article {article}" if article is not None else "## Outside articles", ""]
        for r in sorted(groups[article], key=lambda x: (rank[x.severity], x.doc, x.kind, x.id)):
            lines.append(f"- **{r.kind}** ({r.severity}, {_quote(r.doc)}): "
                         f"{_quote(r.message, None)}")
            if r.original_text:
                lines.append(f"  - original: {_quote(r.original_text)}")
            if r.translation_text:
                lines.append(f"  - translation: {_quote(r.translation_text)}")
            lines.append(f"  - id: {_code(r.id)}")
        lines.append("")
    return "\n".join(lines)


#: What Markdown reads as markup in a line of text: HTML (``&``, ``<``, ``>``, written
#: as entities) and code, emphasis, strike-through and links (backslash-escaped).
_MARKUP = re.compile(r"[&<>\\`*_~\[\]]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _quote(text: str, limit: int | None = 300) -> str:
    """``text`` as plain Markdown on one line (cut after ``limit`` characters): its
    whitespace collapsed and every character Markdown or HTML would read as markup
    escaped, so a text can open no tag, link, code span or emphasis."""
    one = " ".join(text.split())
    if limit is not None and len(one) > limit:
        one = one[:limit] + " …"
    return _MARKUP.sub(lambda m: _ENTITIES.get(m.group(), "\\" + m.group()), one)


def _code(text: str) -> str:
    """``text`` as a Markdown code span on one line, fenced by more backticks than any
    run in it (and padded when it starts or ends with one)."""
    one = " ".join(text.split())
    fence = "`" * (max(map(len, re.findall("`+", one)), default=0) + 1)
    pad = " " if one.startswith("`") or one.endswith("`") else ""
    return f"{fence}{pad}{one}{pad}{fence}"


def write_reports(records: list[Divergence], sig: dict[str, Any],
                  out_dir: str | Path) -> list[Path]:
    """``divergences.json`` (signature and records) and ``divergences.md``; returns
    their paths."""
    out = Path(out_dir)
    atomic_write(out / "divergences.json",
                 dumps({"signature": sig, "records": [r.as_dict() for r in records]}))
    atomic_write(out / "divergences.md", markdown(records, sig))
    return [out / "divergences.json", out / "divergences.md"]
