"""Lists the Chinese leaves open that a translation closes: ``等`` (等等) after the
members of a list joined by 、 says the list is not exhaustive (机械、电子、汽车等产品,
"machinery, electronics, automobiles and other products"); a translation that gives the
members with no "such as", "and other", "including", "etc." or the like around them
reads as a closed list, which in a law or a plan changes what is covered.

Each member word's English rendering (from the word links) places the list in the
English; a list none of whose members is rendered is left alone. The record is an
``omission`` at the word level of low severity, confirmed when another translation
keeps the list open."""

from __future__ import annotations

import re
from dataclasses import dataclass

from outline_corpus.diverge.lexicon import ZH_CLAUSE_ENDS, glossary
from outline_corpus.diverge.records import Divergence, RecordMaker, WordGap
from outline_corpus.diverge.wordlink import Linked, LinkedBead

#: The words after a list's members that leave it open.
CLOSERS = frozenset(("等", "等等"))
#: What ends the clause a list stands in.
_ENDS = frozenset(ZH_CLAUSE_ENDS)
#: English that keeps a list open.
OPENERS = re.compile(r"\b(?:such as|etc|ect|et cetera|others?|including|includes?|like|"
                     r"so on|so forth|the like|similar|a range of|various|e\.g|"
                     r"for example|for instance|and more|inter alia)\b", re.IGNORECASE)
#: English characters searched for an opener before the first member's rendering and
#: after the last one's.
BEFORE, AFTER = 40, 30
#: Content weight of an open list closed, and the confidence of one that no other
#: translation keeps open either (the Chinese may be read as closed).
WEIGHT = 0.5
SHARED = 0.8


@dataclass(frozen=True)
class OpenList:
    """A list the Chinese leaves open: ``start`` and ``end`` offsets in the text of
    sentence ``sentence`` of its members and closer (``closer``: the offset of 等)."""

    sentence: str
    start: int
    closer: int
    end: int


def open_lists(sentence: str, text: str) -> list[OpenList]:
    """The open lists of Chinese sentence ``sentence`` (its text ``text``): a 等 that
    jieba cuts as a word of its own, after members joined by 、 in its clause."""
    from outline_corpus.store.tokens import segmenter

    out = []
    pos = 0
    starts: list[int] = []
    for token in segmenter().cut(text):
        at, pos = pos, pos + len(token)
        starts.append(at)
        if token not in CLOSERS:
            continue
        start = at
        while start > 0 and text[start - 1] not in _ENDS:
            start -= 1
        members = text[start:at].split("、")
        if len(members) > 1:
            # the clause may open with a verb (推动质量策划、质量控制): the first member
            # is taken no longer than the longest of the others, from a word's start
            first = start + max(0, len(members[0]) - max(len(m) for m in members[1:]))
            first = max(x for x in starts if x <= first)
            out.append(OpenList(sentence, max(start, first), at, pos))
    return out


def english_of(lb: LinkedBead, ol: OpenList) -> tuple[int, int] | None:
    """Offsets in ``lb``'s English of the renderings of the list's members, first to
    last; ``None`` if none is rendered."""
    base = lb.sentence_start(ol.sentence)
    if base is None:
        return None
    eng = lb.words.english
    ks = [k for w in lb.words.words if base + ol.start <= w.start < base + ol.closer
          for k in w.rendered_at]
    if not ks:
        return None
    return min(eng[k].start for k in ks), max(eng[k].end for k in ks)


def opener(lb: LinkedBead, place: tuple[int, int]) -> str:
    """The English of ``lb`` around a list's members (at ``place``, from
    :func:`english_of`) that keeps it open; ``""``: none, the list is closed."""
    text = lb.source.target_text
    m = OPENERS.search(text, max(0, place[0] - BEFORE), place[1] + AFTER)
    return m.group() if m else ""


def open_list_records(linked: Linked, texts_of: dict[str, str], make: RecordMaker
                      ) -> tuple[list[Divergence], list[WordGap]]:
    """An ``omission`` for each open list of the original that a translation closes,
    and the gap of its 等 (marked on the review page); ``texts_of`` maps the original's
    sentence ids to their texts."""
    records: list[Divergence] = []
    gaps: list[WordGap] = []
    for sid, per in linked.by_sentence.items():
        for ol in open_lists(sid, texts_of.get(sid, "")):
            places = {t: english_of(lb, ol) for t, lb in sorted(per.items())}
            said = {t: None if at is None else opener(per[t], at)
                    for t, at in places.items()}
            for t, at in places.items():
                if at is not None and said[t] == "":
                    records.append(_record(per[t], ol, at, said, texts_of[sid], make, gaps))
    return records, gaps


def _record(lb: LinkedBead, ol: OpenList, place: tuple[int, int],
            said: dict[str, str | None], text: str, make: RecordMaker,
            gaps: list[WordGap]) -> Divergence:
    """The record of list ``ol`` given closed by ``lb`` (its members' English at
    ``place``); ``said`` holds what each translation keeps it open with (``None``: the
    list is not placed there); the gap of its 等 goes to ``gaps``."""
    t = lb.translation
    others = tuple((u, s or "") for u, s in said.items() if u != t)
    kept = [f"{u} keeps it open (“{s}”)" for u, s in others if s]
    conf = 1.0 if kept else SHARED
    members, closer = text[ol.start:ol.closer], text[ol.closer:ol.end]
    english = lb.source.target_text[place[0]:place[1]]
    r = make(t, "omission", "low", lb.source.article, (ol.sentence,), lb.source.target,
             members + closer, english,
             f"The Chinese list “{members}{closer}” is open ({closer}: and others); {t} "
             f"gives it closed, “{english}”, with no “such as”, “and other” or “etc.”"
             + (f"; {'; '.join(kept)}." if kept else "."),
             level="word", open_list=True, confidence=conf, weight=WEIGHT,
             score=round(conf * WEIGHT, 4), others=dict(others), start=ol.closer,
             end=ol.end, rendering_start=place[0], rendering_end=place[1])
    glosses = tuple(g for g in glossary().get(closer, ()) if "etc" in g or "so on" in g)
    gaps.append(WordGap(t, lb.bead, "original", ol.sentence, ol.closer, ol.end, closer,
                        1.0, conf, WEIGHT, glosses, others, not kept, record=r.id))
    return r
