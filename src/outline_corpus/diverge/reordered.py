"""Modifiers put in another order: English words side by side (nothing but spaces or
a hyphen between them) that render the words of one Chinese phrase (the words side by
side too) in an order other than the Chinese, where another translation renders the
same words side by side in the Chinese order. English premodifiers keep the Chinese
order of modifier and head (应用基础研究 → "applied basic research"); put in another
order they say another thing ("basic application research": research of
applications). A word moved that may be a verb is no such change: a verb and its
object change places between a Chinese compound and an English phrase (质量监管 →
"supervise quality", 品牌打造 → "build brands"). Each is a ``meaning_shift`` at the
word level; with a single translation there is no witness and no record."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from outline_corpus.diverge.lexicon import may_be_verb
from outline_corpus.diverge.records import Divergence, RecordMaker
from outline_corpus.diverge.wordlink import Linked, LinkedBead

CONFIDENCE = 0.9
SEVERITY = "medium"
#: What may stand between two English words of one run.
_BETWEEN = re.compile(r"[\s-]*")


@dataclass(frozen=True)
class _Run:
    """English words ``first``..``last`` (indices into the bead's English words), each
    the word the matching gives Chinese word ``words[n]`` (indices, in English order)."""

    first: int
    last: int
    words: tuple[int, ...]


def reordered_records(linked: Linked, make: RecordMaker) -> list[Divergence]:
    """A ``meaning_shift`` for each run of English words rendering one Chinese phrase
    in another order than the Chinese, which another translation keeps."""
    out: list[Divergence] = []
    for lb in linked.beads:
        for run in _runs(lb):
            order = [lb.places[i] for i in run.words]
            if order == sorted(order) or not _nominal(lb, run):
                continue
            keys = sorted(lb.key(i) for i in run.words)
            kept = {t: text for t, ob in sorted(linked.others(lb).items())
                    if (text := _kept(ob, keys))}
            if kept:
                out.append(_record(lb, run, kept, make))
    return out


def _runs(lb: LinkedBead) -> list[_Run]:
    """The runs of two English words or more of ``lb``, each word the one the
    matching gives a Chinese word, and those Chinese words side by side."""
    en, text = lb.words.english, lb.source.target_text
    owner = {k: i for i, k in enumerate(lb.own) if k >= 0}
    out: list[_Run] = []
    start = 0
    for k in range(1, len(en) + 1):
        joined = (k < len(en) and k in owner and k - 1 in owner
                  and _BETWEEN.fullmatch(text[en[k - 1].end:en[k].start]) is not None)
        if joined:
            continue
        if k - start >= 2 and all(j in owner for j in range(start, k)):
            words = tuple(owner[j] for j in range(start, k))
            if _side_by_side(lb, words):
                out.append(_Run(start, k - 1, words))
        start = k
    return out


def _side_by_side(lb: LinkedBead, words: tuple[int, ...]) -> bool:
    """Whether Chinese words ``words`` of ``lb`` stand in one sentence with nothing
    between them."""
    places = sorted((lb.places[i], len(lb.words.words[i].word)) for i in words)
    return all(a[0][0] == b[0][0] and a[0][1] + a[1] == b[0][1]
               for a, b in itertools.pairwise(places))


def _nominal(lb: LinkedBead, run: _Run) -> bool:
    """Whether no English word of ``run`` that stands out of the Chinese order may be
    a verb."""
    order = sorted(run.words, key=lambda i: lb.places[i])
    moved = [lb.own[i] for i, j in zip(run.words, order, strict=True) if i != j]
    return not any(may_be_verb(lb.words.english[k].word) for k in moved)


def _kept(ob: LinkedBead, keys: list[tuple[str, int, str]]) -> str:
    """The English of ``ob``'s run rendering the Chinese words ``keys`` in the Chinese
    order (``""``: none)."""
    for run in _runs(ob):
        order = [ob.places[i] for i in run.words]
        if order == sorted(order) and sorted(ob.key(i) for i in run.words) == keys:
            en = ob.words.english
            return ob.source.target_text[en[run.first].start:en[run.last].end]
    return ""


def _record(lb: LinkedBead, run: _Run, kept: dict[str, str], make: RecordMaker
            ) -> Divergence:
    t, en = lb.translation, lb.words.english
    words = lb.words.words
    order = sorted(run.words, key=lambda i: lb.places[i])
    sentence, at = lb.places[order[0]]
    zh = "".join(words[i].word for i in order)
    start, end = en[run.first].start, en[run.last].end
    rendering = lb.source.target_text[start:end]
    said = "; ".join(f"{u} keeps the Chinese order: “{s}”" for u, s in kept.items())
    return make(t, "meaning_shift", SEVERITY, lb.source.article, (sentence,),
                lb.source.target, zh, rendering,
                f"{t} renders “{zh}” in another order: “{rendering}” "
                f"({'、'.join(words[i].word for i in run.words)}), which makes another "
                f"word the modifier; {said}.",
                level="word", reordered=[words[i].word for i in run.words],
                confidence=CONFIDENCE, weight=1.0, score=CONFIDENCE, others=kept,
                start=at, end=at + len(zh), rendering=rendering, rendering_start=start,
                rendering_end=end)
