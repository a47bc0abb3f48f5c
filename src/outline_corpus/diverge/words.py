"""Word-level divergences: the Chinese words a translation leaves unrendered, the English
words it adds, terms it renders by a word of another concept, and wording every
translation shares that the Chinese lacks (a hint of a defect of the original).

Each two-sided bead's words are linked by :mod:`.wordlink` (dictionary, then the
embedding model). A Chinese word rendered less than ``word_rendered`` (cosine, or 1.0
for a dictionary match) is a gap in the translation, surer the lower it scores: 0 at
``word_rendered``, 1 at ``word_unrelated``. The other translations are the witnesses: a
gap that another translation renders, by words this one has nothing like (English cosine
below ``word_echo``), is confirmed; one that no translation renders is more likely a gap
of the dictionary than of the translation, unless the word lost its rendering to the
word beside it (half of a paired phrase); a word repeated in the members of a list that
the English says once is likely no gap either (:data:`FACTORED`). A word the dictionary
links only to English words that other Chinese words of the bead take (协同协作 → one
"coordination") is a gap when another translation gives it a word of its own
(:data:`COLLAPSED`); so is a word the dictionary links only to English words standing
elsewhere (the renderings of its other occurrences), where another translation has one
at its place between words this one has side by side (:data:`DISPLACED`), and a word
neither dictionary nor model links, where another translation says it between such words
(:data:`LEFT_OUT`). An English word is a gap the same way, confirmed when no other
translation has it; so is a whole clause that says nothing of its own (:mod:`.restated`:
its words repeat renderings the English gives elsewhere, or have no source), a gap only
where another translation does not restate it (:data:`RESTATED`). A gap's confidence
times its content weight (:mod:`.weights`) is its score; gaps scoring ``word_mark`` or
more are kept as :class:`WordGap` (for the review page), those scoring
``word_min_score`` or more become records, and so do the gaps of intensifiers another
translation confirms (:mod:`.wordrecords`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from outline_corpus.diverge.lexicon import ZH_CLAUSE_ENDS, english_words
from outline_corpus.diverge.records import Divergence, DivergenceParams, RecordMaker, WordGap
from outline_corpus.diverge.restated import Restated, restated_clauses
from outline_corpus.diverge.weights import LIGHT, en_weight, zh_weight
from outline_corpus.diverge.wordlink import Linked, LinkedBead

#: Confidence of a lone English word without source, relative to a run of three.
SINGLE = 0.6
#: Confidence of a Chinese gap that no other translation renders either.
SHARED_GAP = 0.3
#: Confidence of a gap no other translation renders either, where the word lost its
#: rendering to the word beside it (half of a paired phrase: 对接融合 → "integration").
PAIRED = 0.8
#: Confidence of a gap with no other translation to witness it.
NO_WITNESS = 0.6
#: Cosine of a Chinese word to an English span at which it is surely rendered there,
#: whatever the other translations say.
SURE = 0.85
#: Confidence of a model rendering that another translation contradicts with a gloss.
CONTRADICTED = 0.8
#: English cosine at or below which another translation's rendering of a word is
#: surely absent from this one.
ECHO_NONE = 0.5
#: Confidence of a gap of a word repeated in the members of one list, when exactly one
#: of its other occurrences there is rendered: English says a shared modifier or head
#: once (关键环节、关键领域 → "key links and areas").
FACTORED = 0.3
#: Confidence of a restated clause of the English that not every other translation
#: restates too. With no other translation to hear, a restated clause is no gap: legal
#: English says again nouns the Chinese says once ("the public security organ").
RESTATED = 0.85
#: Confidence of a Chinese word said only by English words that render other Chinese
#: words too, when another translation gives it a word of its own: the dictionary does
#: link it, so it is less sure than a word with no rendering at all.
COLLAPSED = 0.9
#: Confidence of a Chinese word the dictionary links only to English words standing
#: elsewhere, where another translation says more of them and one at this word's place,
#: between two words this translation has side by side (:func:`_witnessed`).
DISPLACED = 1.0
#: Confidence of a Chinese word neither the dictionary nor the model links, where
#: another translation says it between two words this one has side by side
#: (:func:`_said_between`).
LEFT_OUT = 1.0
#: What joins the members of a list, and what ends one (等 closes a list: the word
#: after it is no member).
_LIST_JOINERS = frozenset("、和与及或")
_LIST_ENDS = frozenset(ZH_CLAUSE_ENDS + "等")
_JOINER = re.compile(f"[{''.join(sorted(_LIST_JOINERS))}]")


def _ramp(value: float, hi: float, lo: float) -> float:
    """1.0 at or below ``lo``, 0.0 at or above ``hi``, linear between."""
    return float(min(1.0, max(0.0, (hi - value) / (hi - lo))))


class _Index:
    """Where each Chinese word is rendered by each translation, and which beads of
    the other translations cover a bead's sentences."""

    def __init__(self, linked: Linked) -> None:
        self.linked = linked
        self.at: dict[tuple[str, int, str], dict[str, tuple[LinkedBead, int]]] = {}
        for lb in linked.beads:
            for i in range(len(lb.words.words)):
                self.at.setdefault(lb.key(i), {})[lb.translation] = (lb, i)
        self._restated: dict[str, list[Restated]] = {}

    def restated(self, lb: LinkedBead, p: DivergenceParams) -> list[Restated]:
        """The restated clauses of ``lb`` (:func:`.restated.restated_clauses`), found once
        per bead."""
        if lb.bead not in self._restated:
            self._restated[lb.bead] = restated_clauses(lb, p)
        return self._restated[lb.bead]

    def echo(self, text: str, lb: LinkedBead, word: int | None = None,
             unsourced: float | None = None) -> float:
        """How closely (cosine, 0-1) some span of ``lb``'s English says ``text``; with
        ``word``, only of the English words no Chinese word but that one has taken
        (another occurrence's "quality" does not render this 质量); with ``unsourced``,
        only of the English words sourced less than that (a witness whose "quality"
        renders 质量 does not say a "quality" that renders nothing)."""
        if word is not None:
            free = lb.free_for(word)
        elif unsourced is not None:
            free = frozenset(k for k, s in enumerate(lb.sourced) if s < unsourced)
        else:
            free = frozenset(range(len(lb.owners)))
        spans = [t for t, a, b in lb.spans if all(k in free for k in range(a, b + 1))]
        if not text or not spans:
            return 0.0
        stems = {x for k in free for x in lb.words.english[k].stems}
        if any(e.stems & stems for e in english_words(text)):
            return 1.0
        vec = self.linked.vector(text)
        return float(max(self.linked.vector(t) @ vec for t in spans))


def _matches(lb: LinkedBead, word: str) -> int:
    """How many English words of ``lb`` the dictionary links to ``word``."""
    return len({k for w in lb.words.words if w.word == word for k in w.rendered_at})


def _factored(lb: LinkedBead, i: int) -> bool:
    """Whether Chinese word ``i`` of ``lb`` recurs in other members of the list it
    stands in (no clause break between, a list joiner between, no member without the
    word between, and the word at the same edge of the members: the start in
    关键环节、关键领域, the end in 转移平台和标准信息平台) and the English says it once
    there: one of those occurrences rendered. Said for some members only ("design,
    green manufacturing and green construction" for 绿色设计、绿色制造、绿色建造), it is
    dropped from the others; but not across a member without it (品牌设计、市场推广、
    品牌维护: one "brand" cannot cover 设计 and 维护 past 市场推广), and not from inside
    the members (先进建造设备和智能建造方式: "intelligent methods" leaves it out)."""
    ws, text = lb.words.words, lb.source.source_text
    w = ws[i]
    said = 0
    for j, o in enumerate(ws):
        if j == i or o.word != w.word:
            continue
        between = text[min(w.end, o.end):max(w.start, o.start)]
        members = _JOINER.split(between)
        if (len(members) > 1 and not set(between) & _LIST_ENDS
                and "" in (members[0], members[-1])  # at the members' start or end
                and all(w.word in m for m in members[1:-1])):
            said += lb.rendered[j] >= 1.0
    return said == 1


def _zh_gap(lb: LinkedBead, i: int, index: _Index, p: DivergenceParams) -> WordGap | None:
    """The gap of Chinese word ``i`` of ``lb``, if the dictionary does not link it (for
    a word it links only to English words other Chinese words take, see
    :func:`_collapsed_gaps`).
    Where another translation renders the word, what decides is whether this one says
    anything like that rendering (English against English, which the model judges far
    better than a Chinese word against English spans); the word's own cosine only
    vetoes the gap when it is :data:`SURE` or more. Below ``word_rendered``, a word
    another translation says between two words this one has side by side is a gap
    whatever the model says (:func:`_said_between`)."""
    s = lb.rendered[i]
    if s >= 1.0:
        return _displaced_gap(lb, i, index)
    w = lb.words.words[i]
    own = _ramp(s, p.word_rendered, p.word_unrelated)
    others: list[tuple[str, str]] = []
    heard: list[float] = []
    glossed: list[float] = []  # what the witnesses rendering it by a gloss say
    for t, (ob, j) in sorted(index.at.get(lb.key(i), {}).items()):
        if t == lb.translation:
            continue
        if ob.rendered[j] >= 1.0 and _matches(ob, w.word) <= _matches(lb, w.word):
            # a word said more than once: the other translation's dictionary matches
            # are no more than this one's, only shared out differently
            others.append((t, ""))
        elif ob.rendered[j] >= p.word_rendered:
            others.append((t, ob.best[j]))
            heard.append(_ramp(index.echo(ob.best[j], lb, i), p.word_echo, ECHO_NONE))
            if ob.rendered[j] >= 1.0:
                glossed.append(heard[-1])
        else:
            others.append((t, ""))
    if heard:
        conf = max(heard) * _ramp(s, SURE, p.word_unrelated)
        if s >= p.word_rendered and glossed:
            # the model finds a rendering, but another translation renders the word by
            # a gloss this one has nothing like: a shift of meaning, likely
            conf = max(conf, max(glossed) * CONTRADICTED)
    else:
        shared = PAIRED if lb.paired[i] else SHARED_GAP
        conf = own * (shared if others else NO_WITNESS * (1.0 if w.known else 0.7))
    said = _said_between(lb, i, index, p) if s < p.word_rendered else {}
    if said:
        conf = max(conf, LEFT_OUT)
        others = [(t, said.get(t, r)) for t, r in others]
    if _factored(lb, i):
        conf *= FACTORED
    if conf <= 0 and own <= 0:
        return None
    sentence, at = lb.places[i]
    return WordGap(lb.translation, lb.bead, "original", sentence, at, at + len(w.word),
                   w.word, round(own, 4), round(conf, 4),
                   zh_weight(w.word, lb.source.source_text, w.start, w.end, lb.paired[i]),
                   w.glosses, tuple(others),
                   bool(others) and not heard and not said and not lb.paired[i],
                   nearest=lb.best[i])


def _in_place(lb: LinkedBead, i: int) -> list[int]:
    """Indices of the English words that stand where the rendering of Chinese word
    ``i`` of ``lb`` belongs (:meth:`.LinkedBead.place_of`, between its nearest
    rendered neighbours)."""
    lo, hi = lb.place_of(i, 1)
    return [k for k, e in enumerate(lb.words.english) if lo <= e.start and e.end <= hi]


def _at_place(lb: LinkedBead, i: int, stems: frozenset[str]) -> list[int]:
    """Indices of the English words with a stem of ``stems`` in the place of Chinese
    word ``i`` of ``lb`` (:func:`_in_place`)."""
    return [k for k in _in_place(lb, i) if lb.words.english[k].stems & stems]


def _dropped(lb: LinkedBead, ob: LinkedBead, k: int, stems: frozenset[str],
             free: frozenset[int] = frozenset()) -> bool:
    """Whether ``lb``'s English has, side by side, the two content words that stand on
    either side of English word ``k`` of ``ob`` ("intelligent methods" where ``ob``
    says "intelligent construction methods"), with no word of ``stems`` beside them
    and no word of ``free`` (indices of ``lb``'s English words that may render the
    word otherwise) just outside them: the word left out between them, not put after
    them ("a strong country of quality") or said by a synonym ("new quality
    strengths" beside "new advantages of quality")."""
    eng, mine = ob.words.english, lb.words.english
    before = eng[k - 1].stems if k > 0 else frozenset()
    after = eng[k + 1].stems if k + 1 < len(eng) else frozenset()
    for m in range(len(mine) - 1):
        near = range(max(0, m - 1), min(len(mine), m + 3))  # the pair, a word either side
        if ((not before or mine[m].stems & before) and (not after or mine[m + 1].stems & after)
                and not any(mine[x].stems & stems for x in near)
                and not free & {m - 1, m + 2}):
            return True
    return False


def _witnessed(lb: LinkedBead, i: int, ob: LinkedBead, j: int,
               free: frozenset[int] = frozenset()) -> str:
    """The English word by which ``ob`` renders Chinese word ``j`` (the same word as
    word ``i`` of ``lb``) where ``lb`` has left it out, ``""`` if it has not: ``ob``'s
    word (the one its matching gives word ``j``, if any) stands at the word's place,
    ``lb`` has no word of its stems or of ``i``'s links there, says fewer words of
    those stems than ``ob`` and has the words beside ``ob``'s side by side
    (:func:`_dropped`, with no word of ``free`` just outside them); and ``ob``'s word
    renders neither Chinese word beside ``j`` (but a light one): in B's "technical and
    skilled" for 技术技能, "skilled" is linked to both, so which of the two A's
    "technical" renders is not said."""
    if ob.rendered[j] < 1.0:
        return ""
    eng, theirs = lb.words.english, ob.words.english
    linked = frozenset(x for k in ob.words.words[j].rendered_at for x in theirs[k].stems)
    stems = linked | frozenset(x for k in lb.words.words[i].rendered_at for x in eng[k].stems)
    # the count first: it is cheap, and most words fail it
    if sum(1 for e in theirs if e.stems & stems) <= sum(1 for e in eng if e.stems & stems):
        return ""
    there = [k for k in _at_place(ob, j, linked) if ob.own[j] in (-1, k)]
    if not there or _at_place(lb, i, stems):
        return ""
    k = there[0]
    word = ob.words.words[j].word
    if any(k in o.rendered_at and o.word != word
           and zh_weight(o.word, ob.source.source_text, o.start, o.end) > LIGHT
           for o in ob.words.words[max(0, j - 1):j + 2]):
        return ""  # it may render the word beside as well (技术技能 → "skilled")
    return theirs[k].word if _dropped(lb, ob, k, stems, free) else ""


def _said_between(lb: LinkedBead, i: int, index: _Index, p: DivergenceParams
                  ) -> dict[str, str]:
    """What the other translations say, by translation, where ``lb`` leaves out Chinese
    word ``i``, which neither the dictionary nor the model links in ``lb``: a gloss at
    its place (:func:`_witnessed`: B's "establish" in "quality first, establish the
    concept" where A says "quality first, the concept"), or a word without source
    right between the renderings of its neighbours (:func:`_unsourced_between`). Not
    where ``lb`` has a word free for ``i`` beside its pair: that may render it."""
    free = lb.free_for(i)
    said: dict[str, str] = {}
    for t, (ob, j) in sorted(index.at.get(lb.key(i), {}).items()):
        if t != lb.translation:
            word = (_witnessed(lb, i, ob, j, free)
                    or _unsourced_between(lb, i, ob, j, free, p))
            if word:
                said[t] = word
    return said


def _neighbour_words(lb: LinkedBead, i: int) -> tuple[set[int], set[int]] | None:
    """The English words of the nearest Chinese words before and after word ``i`` that
    have a dictionary rendering, ``None`` if either side has none."""
    before, after = lb.rendered_near(i, 1)
    if not before or not after:
        return None
    words = lb.words.words
    return set(words[before[0]].rendered_at), set(words[after[0]].rendered_at)


def _unsourced_between(lb: LinkedBead, i: int, ob: LinkedBead, j: int,
                       free: frozenset[int], p: DivergenceParams) -> str:
    """The English word without source (sourced below ``word_rendered``) by which
    ``ob`` says Chinese word ``j`` (the same word as word ``i`` of ``lb``), which it
    does not link either, where ``lb`` leaves it out; ``""`` if it does not. The word
    must be the only one without source standing right between the renderings of
    ``j``'s nearest linked neighbours (A's "hosts" in "participates in and hosts
    international" for 参加和承办国际性), ``lb`` must say no word of its stems and
    have no word of ``free`` (those free for ``i``) at ``i``'s place, and have the two
    words beside it side by side (:func:`_dropped`)."""
    near = _neighbour_words(ob, j)
    if ob.rendered[j] >= p.word_rendered or near is None:
        return ""
    left, right = near
    theirs, mine = ob.words.english, lb.words.english
    there = [k for k in range(1, len(theirs) - 1) if ob.sourced[k] < p.word_rendered
             and {k - 1, k + 1} <= left | right and (k - 1 in left) != (k + 1 in left)]
    if len(there) != 1:
        return ""
    k = there[0]
    if any(e.stems & theirs[k].stems for e in mine) or free & set(_in_place(lb, i)):
        return ""
    return theirs[k].word if _dropped(lb, ob, k, theirs[k].stems, free) else ""


def _displaced_gap(lb: LinkedBead, i: int, index: _Index) -> WordGap | None:
    """The gap of Chinese word ``i`` of ``lb``, which the dictionary links, where its
    English words all stand elsewhere (the renderings of another 产业 of the sentence,
    or of 行业 "industry") and another translation has one where its rendering belongs
    (:func:`_witnessed`): a word left out at this place (:data:`DISPLACED`;
    :data:`FACTORED` too for a word the English may say once for several members of a
    list)."""
    w = lb.words.words[i]
    weight = zh_weight(w.word, lb.source.source_text, w.start, w.end, lb.paired[i])
    if weight <= LIGHT:
        return None
    others = tuple((t, _witnessed(lb, i, ob, j))
                   for t, (ob, j) in sorted(index.at.get(lb.key(i), {}).items())
                   if t != lb.translation)
    if not any(r for _, r in others):
        return None
    conf = DISPLACED * (FACTORED if _factored(lb, i) else 1.0)
    sentence, at = lb.places[i]
    return WordGap(lb.translation, lb.bead, "original", sentence, at, at + len(w.word),
                   w.word, 0.0, round(conf, 4), weight, w.glosses, others, False)


def _groups(lb: LinkedBead) -> list[list[int]]:
    """The Chinese words of ``lb`` that take part in its matching of dictionary links
    (:func:`.wordlink.shared_links`), in groups linked through their English words, of
    the groups holding a word without English word of its own."""
    words = lb.words.words
    part = [i for i in range(len(words)) if lb.own[i] >= 0 or lb.shares[i]]
    group = {i: i for i in part}

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    by_word: dict[int, int] = {}
    for i in part:
        for k in words[i].rendered_at:
            if k in by_word:
                group[root(i)] = root(by_word[k])
            else:
                by_word[k] = i
    out: dict[int, list[int]] = {}
    for i in part:
        out.setdefault(root(i), []).append(i)
    return [g for g in out.values() if any(lb.shares[i] for i in g)]


def _collapsed_gaps(lb: LinkedBead, index: _Index, p: DivergenceParams) -> list[WordGap]:
    """The gaps of Chinese words of ``lb`` without an English word of their own: in a
    group of words sharing English words (:func:`_groups`; 协同协作 → one
    "coordination"), as many as it has fewer words of their own than another
    translation has for the same words, each where that translation gives it a content
    word of its own whose stem ``lb``'s English lacks ("cooperation"), those the
    matching left out first; confirmed as far as ``lb`` says nothing like that word
    (English cosine, as for a word without rendering), times :data:`COLLAPSED`. None
    for a word the model finds an English word of ``lb`` sourced by that the dictionary
    does not link ("element" for 要素). ``repeats``: the Chinese words its English
    words render."""
    if not any(lb.shares):
        return []
    mine = {x for e in lb.words.english for x in e.stems}
    heard: dict[int, dict[str, tuple[str, float]]] = {}
    for group in _groups(lb):
        for t in index.linked.translations:
            found = [m for i in group if (m := index.at.get(lb.key(i), {}).get(t))]
            if t == lb.translation or len(found) < len(group) or any(
                    m[0] is not found[0][0] for m in found):
                continue
            ob = found[0][0]
            theirs = {i: ob.words.english[ob.own[j]]
                      for i, (_, j) in zip(group, found, strict=True) if ob.own[j] >= 0}
            extra = sum(lb.own[i] < 0 for i in group) - (len(group) - len(theirs))
            picks = sorted((i for i in group if lb.shares[i] and i in theirs
                            and not theirs[i].stems & mine
                            and en_weight(theirs[i].word) == 1.0 and not _sourced(lb, i, p)),
                           key=lambda i: (lb.own[i] >= 0, i))
            for i in picks[:max(0, extra)]:
                said = theirs[i].word
                heard.setdefault(i, {})[t] = (said, _ramp(index.echo(said, lb, i),
                                                          p.word_echo, ECHO_NONE))
    return [g for i, per in sorted(heard.items()) if (g := _collapsed(lb, i, index, per))]


def _sourced(lb: LinkedBead, i: int, p: DivergenceParams) -> bool:
    """Whether the model finds an English word of ``lb`` that the dictionary does not
    link sourced by Chinese word ``i`` (alone or in a pair)."""
    linked = lb.words.sourced
    return any(i in lb.source_of[k] and lb.sourced[k] >= p.word_rendered
               and k not in linked for k in range(len(lb.words.english)))


def _collapsed(lb: LinkedBead, i: int, index: _Index, per: dict[str, tuple[str, float]]
               ) -> WordGap | None:
    """The gap of Chinese word ``i`` of ``lb``, from what each other translation
    (``per``: its word, how surely ``lb`` lacks it) gives it; ``None`` if none is sure."""
    conf = max(h for _, h in per.values()) * COLLAPSED
    if conf <= 0:
        return None
    w = lb.words.words[i]
    sentence, at = lb.places[i]
    first = lb.words.english[w.rendered_at[0]]
    others = tuple((t, per[t][0] if t in per else "")
                   for t in sorted(index.at.get(lb.key(i), {})) if t != lb.translation)
    return WordGap(lb.translation, lb.bead, "original", sentence, at, at + len(w.word),
                   w.word, 0.0, round(conf, 4),
                   zh_weight(w.word, lb.source.source_text, w.start, w.end, lb.paired[i]),
                   w.glosses, others, False,
                   nearest=lb.source.target_text[first.start:first.end],
                   repeats=tuple(dict.fromkeys(lb.words.words[j].word
                                               for j in sorted(lb.shares[i]))))


def _en_gaps(lb: LinkedBead, index: _Index, p: DivergenceParams) -> list[WordGap]:
    """Runs of neighbouring English words without source, one gap each."""
    others = index.linked.others(lb)
    scored: list[_EnWord] = []
    for k, e in enumerate(lb.words.english):
        s = lb.sourced[k]
        if s >= p.word_rendered:
            continue
        c = _ramp(s, p.word_rendered, p.word_unrelated)
        says = tuple((t, "yes" if index.echo(e.word, ob, unsourced=p.word_rendered)
                      >= p.word_echo else "")
                     for t, ob in sorted(others.items()))
        shared = bool(says) and all(y for _, y in says)
        factor = NO_WITNESS if not says else SHARED_GAP if shared else 1.0
        scored.append(_EnWord(k, c, c * factor, en_weight(e.word), says, shared))
    clauses, held = _clause_gaps(lb, index, p, scored)
    out: list[WordGap] = []
    run: list[_EnWord] = []
    for item in [*(w for w in scored if w.index not in held), None]:
        if run and (item is None or item.index != run[-1].index + 1
                    or item.shared != run[-1].shared):
            out.append(_en_run(lb, run))
            run = []
        if item is not None:
            run.append(item)
    return out + clauses


def _clause_gaps(lb: LinkedBead, index: _Index, p: DivergenceParams, scored: list[_EnWord]
                 ) -> tuple[list[WordGap], set[int]]:
    """A gap for each restated clause of ``lb`` that some other translation does not
    restate (says its words without source, or, if it has none, has a restated clause
    sharing a stem with it), and the English words those gaps hold; none without
    another translation. ``scored``: the
    English words without source, as :func:`_en_gaps` heard the witnesses on them."""
    heard = {w.index: dict(w.says) for w in scored}
    eng = lb.words.english
    out: list[WordGap] = []
    held: set[int] = set()
    for clause in index.restated(lb, p):
        words = clause.words
        loose = [k for k in words if k in heard]
        stems = {eng[k].stem for k in words}
        says = tuple((t, "yes" if (all(heard[k].get(t) for k in loose) if loose else any(
            stems & {ob.words.english[x].stem for x in c.words}
            for c in index.restated(ob, p))) else "")
            for t, ob in sorted(index.linked.others(lb).items()))
        if not says or all(y for _, y in says):
            continue
        first, last = eng[words[0]], eng[words[-1]]
        out.append(WordGap(lb.translation, lb.bead, "translation", lb.source.target[0],
                           first.start, last.end,
                           lb.source.target_text[first.start:last.end], RESTATED,
                           RESTATED, max(en_weight(eng[k].word) for k in words), (),
                           says, False,
                           repeats=tuple(dict.fromkeys(lb.words.words[i].word
                                                      for i in clause.repeats))))
        held.update(words)
    return out, held


@dataclass(frozen=True)
class _EnWord:
    index: int
    unmatched: float
    confidence: float
    weight: float
    says: tuple[tuple[str, str], ...]
    shared: bool


def _en_run(lb: LinkedBead, run: list[_EnWord]) -> WordGap:
    eng = lb.words.english
    first, last = eng[run[0].index], eng[run[-1].index]
    boost = min(1.0, SINGLE + 0.2 * (len(run) - 1))
    conf = min(1.0, float(np.mean([r.confidence for r in run])) * boost)
    unmatched = min(1.0, float(np.mean([r.unmatched for r in run])) * boost)
    says = tuple((t, "yes" if any(dict(r.says).get(t) for r in run) else "")
                 for t, _ in run[0].says)
    return WordGap(lb.translation, lb.bead, "translation", lb.source.target[0], first.start,
                   last.end, lb.source.target_text[first.start:last.end], round(unmatched, 4),
                   round(conf, 4), max(r.weight for r in run), (), says, run[0].shared)


def find_gaps(linked: Linked, p: DivergenceParams) -> list[WordGap]:
    """Every word gap (each word scoring under ``p.word_rendered``), bead by bead."""
    index = _Index(linked)
    out: list[WordGap] = []
    for lb in linked.beads:
        out.extend(g for i in range(len(lb.words.words))
                   if (g := _zh_gap(lb, i, index, p)) is not None)
        out.extend(_collapsed_gaps(lb, index, p))
        out.extend(_en_gaps(lb, index, p))
    return out


def word_records(linked: Linked, p: DivergenceParams, make: RecordMaker,
                 covered: set[tuple[str, str, str]], original: str,
                 said_twice: frozenset[tuple[str, str, int]] = frozenset()
                 ) -> tuple[list[Divergence], list[WordGap]]:
    """Records of the gaps scoring ``p.word_min_score`` or more (and of confirmed
    intensifiers: :mod:`.wordrecords`), and every gap with the id of its record.
    ``covered`` holds ``(translation, sentence id, text)`` of the clause omissions
    already reported: a word inside one is not reported again; nor is a Chinese word
    at ``(translation, sentence id, offset)`` of ``said_twice`` (the original says it
    twice)."""
    from outline_corpus.diverge.wordrecords import make_records

    gaps = [g for g in find_gaps(linked, p) if g.side == "translation" or not (
        (g.translation, g.sentence, g.start) in said_twice or any(
            t == g.translation and s == g.sentence and g.text in text
            for t, s, text in covered))]
    records, named = make_records(linked, gaps, p, make, original)
    return records, [replace(g, record=named.get(id(g), "")) for g in gaps
                     if g.score >= p.word_mark or id(g) in named]
