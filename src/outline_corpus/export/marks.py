"""Word marks of the review page: a text cut into pieces, each piece a word gap (a
Chinese word a translation leaves unrendered, English words without source) or plain
text, with what the mark says on hover."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from outline_corpus.diverge.records import WordGap


@dataclass(frozen=True)
class Piece:
    """A run of text; ``docs``: the translations whose gaps cover it (empty: plain
    text); ``title``: what those gaps say, one line each."""

    text: str
    docs: tuple[str, ...] = ()
    title: str = ""


def describe(g: WordGap, letters: dict[str, str]) -> str:
    """One line for gap ``g``: whose gap, how sure (score 0-1), the dictionary's
    glosses and what the other translations have."""
    who = letters.get(g.translation, g.translation)
    if g.side == "original":
        said = "; ".join(f"{letters.get(t, t)} renders it “{r}”" if r else
                         f"{letters.get(t, t)} neither" for t, r in g.others)
        gloss = "; ".join(g.glosses[:4]) or "not in the dictionary"
        line = (f"{who}: said only by “{g.nearest}”, the word of {'、'.join(g.repeats)} "
                f"(score {g.score:.2f}); dictionary: {gloss}" if g.repeats else
                f"{who}: not rendered (score {g.score:.2f}); dictionary: {gloss}")
        if g.nearest and not g.repeats:
            line += f"; nearest in {who}: “{g.nearest}”"
    else:
        said = "; ".join(f"{letters.get(t, t)} says it too" if y else
                         f"{letters.get(t, t)} does not say it" for t, y in g.others)
        line = (f"{who}: says nothing of its own, its words repeat renderings of "
                f"{'、'.join(g.repeats)} given elsewhere (score {g.score:.2f})"
                if g.repeats else f"{who}: no source in the original (score {g.score:.2f})")
    return f"{line}; {said}" if said else line


def pieces(text: str, gaps: list[WordGap], letters: dict[str, str]) -> tuple[Piece, ...]:
    """``text`` cut at the edges of ``gaps`` (offsets into ``text``; a gap whose offsets
    do not slice its word out of ``text`` is left out); ``()`` when none applies."""
    fit = [g for g in gaps if 0 <= g.start < g.end <= len(text)
           and text[g.start:g.end] == g.text]
    if not fit:
        return ()
    edges = sorted({0, len(text), *(x for g in fit for x in (g.start, g.end))})
    out = []
    for a, b in itertools.pairwise(edges):
        over = [g for g in fit if g.start <= a and b <= g.end]
        docs = tuple(dict.fromkeys(g.translation for g in over))
        out.append(Piece(text[a:b], docs, "\n".join(describe(g, letters) for g in over)))
    return tuple(out)
