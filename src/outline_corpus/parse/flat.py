"""Reading a document that no structure profile fits: its logical lines (wrapped
lines rejoined, each repair recorded) become paragraphs of one unit of kind ``text``,
which the aligner aligns with the other side as one run. The document carries a
``no_structure`` diagnostic saying so and why."""

from __future__ import annotations

from outline_corpus.model import Document, DocumentMeta
from outline_corpus.parse.blocks import Issue
from outline_corpus.parse.furniture import page_furniture
from outline_corpus.parse.grammar import grammar_for
from outline_corpus.parse.lines import join_lines, raw_lines
from outline_corpus.parse.locate import with_diagnostics
from outline_corpus.parse.noise import noise_issues
from outline_corpus.parse.progress import STRUCTURE, Tracker
from outline_corpus.parse.units import SentenceMaker

#: The diagnostic kind a flat document carries.
NO_STRUCTURE = "no_structure"


def parse_flat(meta: DocumentMeta, raw: str, reason: str, semicolon: bool = False, *,
               tracker: Tracker | None = None) -> Document:
    """``raw`` as flat paragraphs ``{id}/text/p-{k}``; ``reason`` says why no profile
    was used (it ends the diagnostic's message). Progress is told to ``tracker``."""
    g = grammar_for(meta.language)
    kept, furniture = page_furniture(raw, raw_lines(raw))
    lines, issues = join_lines(raw, kept, g.joiner, g.terminal + ";:", g.language,
                               lambda text: False, lambda text: False)
    issues = [*furniture, *issues]
    if tracker is not None:
        tracker.reach(STRUCTURE)
    maker = SentenceMaker(raw, meta.language, g.joiner, semicolon, tracker)
    paras, _ = maker.paragraphs([line.spans for line in lines], f"{meta.id}/text", 1)
    doc = Document(meta=meta, text=raw, preamble=tuple(paras), profile="flat",
                   confidence=0.0)
    start, end = (paras[0].start, paras[-1].end) if paras else (0, 0)
    warning = Issue(NO_STRUCTURE, start, min(end, start + 40),
                    f"no structure profile fits ({reason}); read as {len(paras)} "
                    "paragraphs without units and aligned as one run", False)
    return with_diagnostics(doc, [warning, *issues, *noise_issues(doc, tracker)])
