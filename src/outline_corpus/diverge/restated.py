"""English clauses that say nothing of their own: an addition made of words the
sentence uses anyway ("…, and improve quality standards" where the sentence has
"improve" and "quality standards" already), which a word-by-word check passes because
each of its words has a source.

A clause is a stretch of a bead's English between ``,``, ``;`` or ``:`` (each followed
by a space). It is *restated* when it has :data:`MIN_WORDS` content words or more, the
English has another clause, and each of its words

- repeats a rendering: every Chinese word the dictionary links it to is rendered
  outside the clause by a word of the same stem or by another of its glosses (水平
  "level" outside, "standards" inside; but 红色旅游 "red … tourism" is one gloss said
  by two words, neither of which repeats the other); or, not linked, it has a word of
  its stem outside the clause that the dictionary links (a second "quality" for one
  质量); or, sourced by the model only, every Chinese word it is sourced by is
  rendered outside the clause; or
- has no source (``sourced`` under ``word_rendered``), unless it is more like than
  unrelated to a Chinese word that nothing renders (it may be that word's rendering:
  "health" for 康养).

Lists are clauses too: a member made of repeated words ("red tourism" beside "rural
tourism") is not restated, because its modifier renders a word of its own (红色)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from outline_corpus.diverge.lexicon import glosses_hit
from outline_corpus.diverge.records import DivergenceParams
from outline_corpus.diverge.wordlink import LinkedBead

#: Least content words of a restated clause.
MIN_WORDS = 2
#: What ends a clause of the English.
CLAUSE_BREAK = re.compile(r"[,;:](?=\s)")


@dataclass(frozen=True)
class Restated:
    """A restated clause: its English content words (indices in the bead's
    ``words.english``, in order), and the Chinese words (indices in ``words.words``, in
    order) whose renderings outside the clause they repeat."""

    words: tuple[int, ...]
    repeats: tuple[int, ...]


def _clause_of(lb: LinkedBead) -> list[int]:
    """The clause (0, 1, …) of each English content word of ``lb``."""
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(lb.source.target_text)]
    return [sum(1 for b in breaks if b < e.start) for e in lb.words.english]


def _rendered_outside(lb: LinkedBead, i: int, inside: set[int]) -> bool:
    """Whether Chinese word ``i`` is rendered by an English word outside ``inside`` (the
    words it took: its dictionary links among them)."""
    return any(i in o and k not in inside for k, o in enumerate(lb.owners))


def _repeated_outside(lb: LinkedBead, i: int, k: int, inside: set[int]) -> bool:
    """Whether the dictionary finds Chinese word ``i`` rendered outside ``inside`` by
    what English word ``k`` says of it again: a word of ``k``'s stem, or one of another
    of its glosses (each of the two has a gloss the other lacks)."""
    eng, w = lb.words.english, lb.words.words[i]
    mine = glosses_hit(w.word, eng[k])
    for x in w.rendered_at:
        if x in inside:
            continue
        theirs = glosses_hit(w.word, eng[x])
        if eng[x].stem == eng[k].stem or (mine - theirs and theirs - mine):
            return True
    return False


def _repeated(lb: LinkedBead, k: int, inside: set[int], p: DivergenceParams
              ) -> frozenset[int] | None:
    """The Chinese words English word ``k`` repeats the rendering of (empty: it has no
    source), or ``None`` if it says something the English outside ``inside`` does not
    (see the module's docstring)."""
    ws, eng = lb.words.words, lb.words.english
    src = lb.source_of[k]
    if any(k in ws[i].rendered_at for i in src):
        return src if all(_repeated_outside(lb, i, k, inside) for i in src) else None
    same = frozenset(i for i, w in enumerate(ws) for x in w.rendered_at
                     if x not in inside and eng[x].stem == eng[k].stem)
    if same:
        return same
    if lb.sourced[k] >= p.word_rendered:
        return src if src and all(_rendered_outside(lb, i, inside) for i in src) else None
    if lb.sourced[k] > p.word_unrelated and any(lb.rendered[i] < p.word_rendered
                                                for i in src):
        return None
    return frozenset()


def restated_clauses(lb: LinkedBead, p: DivergenceParams) -> list[Restated]:
    """The restated clauses of ``lb``, in order."""
    clause = _clause_of(lb)
    if len(set(clause)) < 2:
        return []
    out = []
    for c in sorted(set(clause)):
        inside = {k for k, x in enumerate(clause) if x == c}
        if len(inside) < MIN_WORDS:
            continue
        said = [_repeated(lb, k, inside, p) for k in sorted(inside)]
        if all(r is not None for r in said):
            out.append(Restated(tuple(sorted(inside)),
                                tuple(sorted({i for r in said if r for i in r}))))
    return out
