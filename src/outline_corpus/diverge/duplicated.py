"""Clauses the original says twice: two neighbouring clauses of a Chinese sentence
that open with the same words (鼓励发展全过程工程咨询和技术服务,鼓励发展全过程工程咨询和
专业化服务), where every translation says those words once. The Chinese may carry a
clause copied twice with a change, or a draft's two versions of one clause; a
``source_suspect`` says so, and a word of the opening said once is no omission of
the translations (see :func:`said_twice`)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from outline_corpus.diverge.lexicon import ZH_CLAUSE_ENDS
from outline_corpus.diverge.records import Divergence, RecordMaker
from outline_corpus.diverge.wordlink import Linked, LinkedBead

#: A clause.
_CLAUSE = re.compile(rf"[^{ZH_CLAUSE_ENDS}]+")
#: Fewest characters the two clauses must open with alike, and least share (0-1) of
#: the shorter clause those characters make.
MIN_SHARED = 6
MIN_SHARE = 0.5
#: Least share (0-1) of the shared opening's words that a translation must render
#: only once, for it to count as saying the opening once.
SAID_ONCE = 0.5
#: Fewest translations that must agree (one alone is too weak a witness).
MIN_WITNESSES = 2


@dataclass(frozen=True)
class Repeat:
    """Two neighbouring clauses of sentence ``sentence``: ``first`` and ``second`` are
    their ``(start, end)`` offsets in its text, ``shared`` how many characters they
    open with alike."""

    sentence: str
    first: tuple[int, int]
    second: tuple[int, int]
    shared: int


def repeats(sentence: str, text: str) -> list[Repeat]:
    """The pairs of neighbouring clauses of ``text`` opening with at least
    :data:`MIN_SHARED` equal characters, which make :data:`MIN_SHARE` of the shorter."""
    clauses = [m.span() for m in _CLAUSE.finditer(text)]
    out = []
    for (a0, a1), (b0, b1) in itertools.pairwise(clauses):
        n = 0
        while a0 + n < a1 and b0 + n < b1 and text[a0 + n] == text[b0 + n]:
            n += 1
        if n >= MIN_SHARED and n >= MIN_SHARE * min(a1 - a0, b1 - b0):
            out.append(Repeat(sentence, (a0, a1), (b0, b1), n))
    return out


def _pairs(lb: LinkedBead, r: Repeat) -> list[tuple[int, int]]:
    """The words of ``lb`` in the shared opening of repeat ``r``: each word of the
    first clause's opening with the same word of the second's (indices)."""
    base = lb.sentence_start(r.sentence)
    if base is None:
        return []
    words = lb.words.words

    def opening(start: int) -> list[int]:
        return [i for i, w in enumerate(words)
                if base + start <= w.start and w.end <= base + start + r.shared]

    return list(zip(opening(r.first[0]), opening(r.second[0]), strict=False))


def _said_once(lb: LinkedBead, r: Repeat, rendered: float) -> bool:
    """Whether ``lb`` renders the shared opening's words once only: one of the two
    occurrences of most of them without rendering (cosine under ``rendered``)."""
    pairs = _pairs(lb, r)
    once = sum(1 for i, j in pairs if min(lb.rendered[i], lb.rendered[j]) < rendered)
    return bool(pairs) and once >= SAID_ONCE * len(pairs)


def find_repeats(linked: Linked, texts_of: dict[str, str], rendered: float
                 ) -> list[Repeat]:
    """The repeats of the original that every translation (at least
    :data:`MIN_WITNESSES`) renders once; ``rendered`` is the cosine at which a word
    counts as rendered (``word_rendered``)."""
    out = []
    for sid, per in linked.by_sentence.items():
        if len(per) < MIN_WITNESSES:
            continue
        for r in repeats(sid, texts_of.get(sid, "")):
            if all(_said_once(lb, r, rendered) for lb in per.values()):
                out.append(r)
    return out


def said_twice(found: list[Repeat], linked: Linked, rendered: float
               ) -> frozenset[tuple[str, str, int]]:
    """``(translation, sentence id, offset)`` of each word of a repeat's opening that a
    translation leaves unrendered while rendering its other occurrence: the original's
    defect, not an omission of the translation."""
    out = set()
    for r in found:
        for lb in linked.by_sentence[r.sentence].values():
            for i, j in _pairs(lb, r):
                said = [k for k in (i, j) if lb.rendered[k] >= rendered]
                if len(said) == 1:
                    out.add((lb.translation, *lb.places[j if said == [i] else i]))
    return frozenset(out)


def repeat_records(found: list[Repeat], linked: Linked, texts_of: dict[str, str],
                   original: str, make: RecordMaker) -> list[Divergence]:
    """A ``source_suspect`` per repeat of ``found``."""
    out = []
    for r in found:
        text = texts_of[r.sentence]
        beads = list(linked.by_sentence[r.sentence].values())
        names = " and ".join(dict.fromkeys(lb.translation for lb in beads))
        opening = text[r.first[0]:r.first[0] + r.shared]
        out.append(make(
            original, "source_suspect", "medium", beads[0].source.article, (r.sentence,),
            tuple(dict.fromkeys(i for lb in beads for i in lb.source.target)),
            text[r.first[0]:r.second[1]], "",
            f"Two neighbouring clauses open with the same “{opening}”, which {names} "
            "say once: the Chinese may hold one clause copied twice with a change.",
            level="clause", repeated=opening, first=list(r.first), second=list(r.second)))
    return out
