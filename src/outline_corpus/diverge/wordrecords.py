"""Records made of word gaps (see :mod:`.words`): ``meaning_shift`` where a Chinese
word without rendering and English words without source stand at the same place of a
bead or a Chinese word is said only by the English word of another, ``omission`` and
``addition`` (``level = "word"``) of the other gaps, and ``source_suspect`` where every
translation shares English words without source in the Chinese. A record's score is
its gaps' confidence times content weight, the mean of the two for a meaning shift;
severity is ``high`` from 0.8, ``medium`` from 0.6, else ``low``. A gap becomes a record
when it scores ``word_min_score`` or more, or, for an intensifier, whose weight keeps
its score low, when another translation confirms it (:data:`INTENSIFIER_CONFIDENCE`):
a low-severity omission."""

from __future__ import annotations

from typing import Any

from outline_corpus.diverge.records import Divergence, DivergenceParams, RecordMaker, WordGap
from outline_corpus.diverge.weights import ZH_INTENSIFIERS
from outline_corpus.diverge.wordlink import NEIGHBOURS, Linked, LinkedBead

#: Least unmatched score (0-1; a lone word reaches 0.6 at most) and weight of a shared
#: English gap that may point at the original.
SUSPECT_UNMATCHED = 0.5
SUSPECT_WEIGHT = 0.7
#: Least confidence of an intensifier's gap reported: another translation renders it
#: and this one says nothing like that rendering.
INTENSIFIER_CONFIDENCE = 0.85


def severity(score: float) -> str:
    return "high" if score >= 0.8 else "medium" if score >= 0.6 else "low"


def _gloss(g: WordGap) -> str:
    return "; ".join(g.glosses[:3])


def _evidence(g: WordGap, **more: Any) -> dict[str, Any]:
    return {"level": "word", "confidence": g.confidence, "weight": g.weight,
            "score": round(g.score, 4), "unmatched": g.unmatched,
            "glosses": list(g.glosses), "others": dict(g.others), "start": g.start,
            "end": g.end, **({"nearest": g.nearest} if g.nearest else {}), **more}


def _witness_text(g: WordGap) -> str:
    said = [f"{t} renders it “{r}”" for t, r in g.others if r]
    return "; ".join(said)


def _pairs(lb: LinkedBead, zh: list[WordGap], en: list[WordGap], p: DivergenceParams
           ) -> list[tuple[WordGap, WordGap]]:
    """Chinese gaps and English gaps standing at the same place: meaning shifts."""
    out = []
    free = list(en)
    for g in sorted(zh, key=lambda x: -x.score):
        i = lb.word_at(g.sentence, g.start)
        assert i is not None  # a Chinese gap is made of a word of its bead
        lo, hi = lb.place_of(i)
        near = [h for h in free if lo - 1 <= h.start and h.end <= hi + 1]
        if near and (g.score + max(h.score for h in near)) / 2 >= p.word_min_score:
            h = max(near, key=lambda x: x.score)
            free.remove(h)
            out.append((g, h))
    return out


def make_records(linked: Linked, gaps: list[WordGap], p: DivergenceParams,
                 make: RecordMaker, original: str
                 ) -> tuple[list[Divergence], dict[int, str]]:
    """The records of ``gaps`` and, by ``id()`` of each gap used, its record's id."""
    beads = {lb.bead: lb for lb in linked.beads}
    by_bead: dict[str, list[WordGap]] = {}
    for g in gaps:
        by_bead.setdefault(g.bead, []).append(g)
    out: list[Divergence] = []
    named: dict[int, str] = {}
    for bid, mine in by_bead.items():
        lb = beads[bid]
        zh = [g for g in mine if g.side == "original" and g.score >= p.word_mark
              and not g.shared and not g.repeats]
        en = [g for g in mine if g.side == "translation" and g.score >= p.word_mark
              and not g.shared and not g.repeats]
        for g, h in _pairs(lb, zh, en, p):
            r = _shift(lb, g, h, make)
            out.append(r)
            named[id(g)] = named[id(h)] = r.id
        for g in mine:
            if id(g) in named or g.shared or not _reported(g, p):
                continue
            r = (_addition(lb, g, make) if g.side == "translation" else
                 _collapsed(lb, g, make) if g.repeats else
                 _rendered_otherwise(lb, g, make) if g.unmatched == 0 and g.nearest else
                 _omission(lb, g, make))
            out.append(r)
            named[id(g)] = r.id
    suspects, used = _suspects(linked, beads, gaps, make, original, p)
    named.update(used)
    return out + suspects, named


def _reported(g: WordGap, p: DivergenceParams) -> bool:
    """Whether gap ``g`` (not paired into a meaning shift) is a record: it scores
    ``p.word_min_score`` or more, or it is a Chinese intensifier's gap that another
    translation confirms (unless ``p.skip_intensifiers``)."""
    if g.score >= p.word_min_score:
        return True
    return (not p.skip_intensifiers and g.side == "original" and g.text in ZH_INTENSIFIERS
            and g.confidence >= INTENSIFIER_CONFIDENCE and any(r for _, r in g.others))


def _shift(lb: LinkedBead, g: WordGap, h: WordGap, make: RecordMaker) -> Divergence:
    t = lb.translation
    said = _witness_text(g)
    score = round((g.score + h.score) / 2, 4)
    return make(t, "meaning_shift", severity(score), lb.source.article, (g.sentence,),
                lb.source.target, g.text, h.text,
                f"“{g.text}” ({_gloss(g) or 'not in the dictionary'}) is rendered "
                f"“{h.text}” in {t}, which does not mean it"
                + (f"; {said}." if said else "."),
                **_evidence(g, score=score, rendering=h.text, rendering_start=h.start,
                            rendering_end=h.end, rendering_confidence=h.confidence))


def _rendered_otherwise(lb: LinkedBead, g: WordGap, make: RecordMaker) -> Divergence:
    """A Chinese word the model finds rendered, by words that are not a gloss and
    unlike another translation's rendering by a gloss."""
    t = lb.translation
    return make(t, "meaning_shift", severity(g.score), lb.source.article, (g.sentence,),
                lb.source.target, g.text, g.nearest,
                f"“{g.text}” ({_gloss(g)}) is rendered “{g.nearest}” in {t}, which is not "
                f"a gloss of it; {_witness_text(g)}.", **_evidence(g, rendering=g.nearest))


def _collapsed(lb: LinkedBead, g: WordGap, make: RecordMaker) -> Divergence:
    """A Chinese word said only by the English word(s) of other Chinese words of its
    bead (``g.repeats``), which another translation renders by a word of its own."""
    t = lb.translation
    return make(t, "meaning_shift", severity(g.score), lb.source.article, (g.sentence,),
                lb.source.target, g.text, g.nearest,
                f"“{g.text}” ({_gloss(g)}) has no English word of its own in {t}: its "
                f"“{g.nearest}” renders {'、'.join(g.repeats)} too; {_witness_text(g)}.",
                **_evidence(g, rendering=g.nearest, collapsed_with=list(g.repeats)))


def _omission(lb: LinkedBead, g: WordGap, make: RecordMaker) -> Divergence:
    t = lb.translation
    said = _witness_text(g)
    near = f"; nearest: “{g.nearest}”" if g.nearest else ""
    return make(t, "omission", severity(g.score), lb.source.article, (g.sentence,),
                lb.source.target, g.text, "",
                f"{t} does not render “{g.text}” ({_gloss(g) or 'not in the dictionary'})"
                + (f"; {said}" if said else "") + f"{near}.", **_evidence(g))


def _addition(lb: LinkedBead, g: WordGap, make: RecordMaker) -> Divergence:
    """An English gap with no source; of a restated clause (``g.repeats``), the message
    names the Chinese words whose renderings elsewhere its words repeat."""
    t = lb.translation
    silent = [u for u, y in g.others if not y]
    what = (f"says nothing of its own: its words repeat what {t} says elsewhere in the "
            f"sentence for {'、'.join(g.repeats)}" if g.repeats else
            "has no source in the Chinese")
    more = {"restated": list(g.repeats)} if g.repeats else {}
    return make(t, "addition", severity(g.score), lb.source.article, lb.source.source,
                lb.source.target, "", g.text, f"“{g.text}” in {t} {what}"
                + (f"; {' and '.join(silent)} do{'es' if len(silent) == 1 else ''} not say "
                   "it." if silent else "."), **_evidence(g, **more))


def _source_place(lb: LinkedBead, h: WordGap, reach: int) -> tuple[int, int] | None:
    """First and last index of the Chinese words of ``lb`` between which the source of
    English gap ``h`` belongs: the owners of the ``reach`` nearest sourced English words
    on each side of it, each at its occurrence nearest ``h``'s proportional place (0-1 of the
    English, as a share of the Chinese words); ``None`` if no English word is sourced."""
    eng, count = lb.words.english, len(lb.words.words)
    before = [k for k, e in enumerate(eng) if e.end <= h.start and lb.owners[k]]
    after = [k for k, e in enumerate(eng) if e.start >= h.end and lb.owners[k]]
    near = before[-reach:] + after[:reach]
    if not near or not count:
        return None
    guess = h.start / max(1, len(lb.source.target_text)) * count
    picks = [min(lb.owners[k], key=lambda i: (abs(i - guess), i)) for k in near]
    return min(picks), max(picks)


def _named(lb: LinkedBead, said: list[WordGap], lost: dict[str, list[WordGap]]
           ) -> tuple[str, list[WordGap]]:
    """What a ``source_suspect`` quotes of the Chinese: the shared unrendered words at
    the place of the English words ``said`` (from :func:`_source_place`), or, if none
    stands there, the Chinese text of the narrower place between the nearest sourced
    word on each side (``""``: no place found)."""
    spots = [s for s in (_source_place(lb, h, NEIGHBOURS) for h in said) if s is not None]
    lost_here = [g for sid in lb.source.source for g in lost.get(sid, [])]
    there = [g for g in lost_here if (i := lb.word_at(g.sentence, g.start)) is not None
             and any(lo <= i <= hi for lo, hi in spots)]
    if there:
        return there[0].text, there
    spots = [s for s in (_source_place(lb, h, 1) for h in said) if s is not None]
    if not spots:
        return "", []
    lo, hi = min(s[0] for s in spots), max(s[1] for s in spots)
    words = lb.words.words
    return lb.source.source_text[words[lo].start:words[hi].end], []


def _suspects(linked: Linked, beads: dict[str, LinkedBead], gaps: list[WordGap],
              make: RecordMaker, original: str, p: DivergenceParams
              ) -> tuple[list[Divergence], dict[int, str]]:
    """``source_suspect`` per Chinese sentence where every translation has English
    words, shared with the others, that no word of the Chinese accounts for
    (``beads``: ``linked``'s beads by id)."""
    translations = linked.translations
    if len(translations) < 2:
        return [], {}
    shared: dict[str, dict[str, list[WordGap]]] = {}
    lost: dict[str, list[WordGap]] = {}
    for g in gaps:
        if not g.shared or g.unmatched < SUSPECT_UNMATCHED or g.weight < SUSPECT_WEIGHT:
            continue
        if g.side == "translation":
            first = beads[g.bead].source.source[0]
            shared.setdefault(first, {}).setdefault(g.translation, []).append(g)
        elif g.translation == translations[0]:
            lost.setdefault(g.sentence, []).append(g)
    out: list[Divergence] = []
    used: dict[int, str] = {}
    for sid, per in shared.items():
        if set(per) != set(translations):
            continue
        said = per[translations[0]]
        gone = lost.get(sid, [])
        score = max(g.unmatched * g.weight for g in said) * (1.0 if gone else 0.75)
        if score < p.word_suspect_score:
            continue
        lb = beads[said[0].bead]
        words = " / ".join(f"“{g.text}”" for g in said)
        quote, there = _named(lb, said, lost)
        where = (f", and none renders “{quote}” there" if there else
                 f"; the Chinese there reads “{quote}”" if quote else "")
        r = make(original, "source_suspect", severity(score), lb.source.article, (sid,),
                 tuple(dict.fromkeys(i for t in translations
                                     for i in beads[per[t][0].bead].source.target)),
                 quote, " / ".join(g.text for g in said),
                 f"{' and '.join(translations)} all say {words} here, which no word of the "
                 f"Chinese means{where}: the Chinese may lack or misspell a word.",
                 level="word",
                 score=round(score, 4),
                 renderings={t: [g.text for g in per[t]] for t in translations},
                 unrendered=[g.text for g in gone])
        out.append(r)
        for g in [*there, *(g for t in translations for g in per[t])]:
            used[id(g)] = r.id
    return out, used
