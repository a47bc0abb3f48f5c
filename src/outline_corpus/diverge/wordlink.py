"""Word links of every two-sided bead, with the embedding model for what the dictionary
lacks: how well (0-1) each Chinese content word is rendered in each translation, and
each English content word sourced.

A word the dictionary links scores 1.0. Otherwise its score is the best cosine of its
embedding with those of the other side's candidates: for a Chinese word, every run of
one to three consecutive English content words (the text between them included, so
"quality of products"); for an English word, every Chinese content word and every pair
of neighbouring ones, but a word the dictionary finds rendered by an English word of
the same stem. Vectors come through the embedding cache."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from outline_corpus.align.cache import Array, EmbeddingCache
from outline_corpus.align.corpus import Alignment, SentenceBead
from outline_corpus.align.embed import Embedder
from outline_corpus.diverge.lexicon import BeadWords, link_words
from outline_corpus.diverge.weights import LIGHT, may_pair, zh_weight
from outline_corpus.progress import StageProgress, ticker

#: Longest run of English content words tried as the rendering of one Chinese word.
MAX_SPAN = 3
#: Cosine at which a span the model links to a Chinese word is taken by it.
CLAIM = 0.6
#: Runs of English words encoded at a time.
RUN_BATCH = 512
#: Rendered words on each side of a Chinese word that mark where its rendering belongs.
NEIGHBOURS = 2


@dataclass(frozen=True)
class LinkedBead:
    """One two-sided bead of translation ``translation`` (``bead``: its id) with its
    word links; ``rendered[i]`` is how well (0-1) Chinese word ``i`` of
    ``words.words`` is rendered and ``best[i]`` the English text that renders it best
    (``""``: none), ``sourced[k]`` how well English word ``k`` is sourced;
    ``paired[i]`` whether word ``i`` lost the span it is most like to the word beside
    it (half of a paired phrase such as 对接融合 rendered by one English word);
    ``source_of[k]`` the Chinese words English word ``k`` is sourced by: those the
    dictionary links it to, else those that took it, else the word or pair of words
    its ``sourced`` score was taken from (empty: no candidate); ``shares[i]`` the
    other Chinese words whose dictionary links take every English word linked to word
    ``i`` in some one-to-one matching (:func:`shared_links`: 协作 whose only
    "coordination" renders 协同 too), empty if word ``i`` has an English word of its
    own or no link; ``own[i]`` the English word that matching gives word ``i`` (-1:
    none)."""

    translation: str
    bead: str
    source: SentenceBead
    words: BeadWords
    rendered: tuple[float, ...]
    best: tuple[str, ...]
    sourced: tuple[float, ...]
    places: tuple[tuple[str, int], ...]
    spans: tuple[tuple[str, int, int], ...]
    owners: tuple[frozenset[int], ...]
    paired: tuple[bool, ...]
    source_of: tuple[frozenset[int], ...]
    shares: tuple[frozenset[int], ...]
    own: tuple[int, ...]

    def free_for(self, i: int) -> frozenset[int]:
        """Indices of the English words no Chinese word but ``i`` has taken."""
        return frozenset(k for k, o in enumerate(self.owners) if o <= {i})

    def word_at(self, sentence: str, at: int) -> int | None:
        """Index of the Chinese word at offset ``at`` of sentence ``sentence`` (as a
        Chinese :class:`WordGap` gives them), ``None`` if no word of the bead starts
        there."""
        return next((i for i, place in enumerate(self.places) if place == (sentence, at)),
                    None)

    def sentence_start(self, sentence: str) -> int | None:
        """Offset in the bead's Chinese text at which sentence ``sentence`` begins
        (found from a word of it), ``None`` if no word of the bead is in it."""
        return next((w.start - at for w, (s, at) in zip(self.words.words, self.places,
                                                          strict=True) if s == sentence),
                    None)

    def rendered_near(self, i: int, reach: int) -> tuple[list[int], list[int]]:
        """Indices of the ``reach`` nearest Chinese words before and after word ``i``
        that the dictionary links (nearest last before, first after)."""
        words = self.words.words
        return ([k for k in range(i) if words[k].rendered_at][-reach:],
                [k for k in range(i + 1, len(words)) if words[k].rendered_at][:reach])

    def place_of(self, i: int, reach: int = NEIGHBOURS) -> tuple[int, int]:
        """Offsets in the English between which the rendering of Chinese word ``i``
        belongs: the stretch the renderings of the ``reach`` nearest rendered words on
        each side of it cover (English may reorder them: 质量水平 → "level of
        quality"), stretched to the next English word rendering something on either
        side."""
        eng, words = self.words.english, self.words.words
        before, after = self.rendered_near(i, reach)
        near = before + after
        if not near:
            return 0, len(self.source.target_text)
        spots = [eng[x] for k in near for x in words[k].rendered_at]
        lo, hi = min(e.start for e in spots), max(e.end for e in spots)
        taken = [e for e, owners in zip(eng, self.owners, strict=True) if owners]
        lo = max((e.end for e in taken if e.end <= lo), default=0)
        hi = min((e.start for e in taken if e.start >= hi),
                 default=len(self.source.target_text))
        return lo, hi

    def key(self, i: int) -> tuple[str, int, str]:
        """Where Chinese word ``i`` is: its sentence id, its offset in that sentence's
        text and the word, the same whichever bead of whichever translation holds it."""
        sentence, at = self.places[i]
        return sentence, at, self.words.words[i].word


@dataclass(frozen=True)
class Linked:
    """The linked beads of a group of alignments of one original, and the vector of
    every word and span text they hold (L2-normalised)."""

    beads: tuple[LinkedBead, ...]
    vectors: dict[str, Array]

    def vector(self, text: str) -> Array:
        return self.vectors[text]

    @functools.cached_property
    def translations(self) -> tuple[str, ...]:
        """The translations of the beads, in the order their beads come."""
        return tuple(dict.fromkeys(lb.translation for lb in self.beads))

    def others(self, lb: LinkedBead) -> dict[str, LinkedBead]:
        """The bead of each other translation that covers ``lb``'s first sentence, in
        the order of :attr:`translations`."""
        covering = self.by_sentence.get(lb.source.source[0], {})
        return {t: covering[t] for t in self.translations
                if t != lb.translation and t in covering}

    @functools.cached_property
    def by_sentence(self) -> dict[str, dict[str, LinkedBead]]:
        """Chinese sentence id → translation → the linked bead holding the sentence
        (computed once; not to be changed)."""
        out: dict[str, dict[str, LinkedBead]] = {}
        for lb in self.beads:
            for sid in lb.source.source:
                out.setdefault(sid, {})[lb.translation] = lb
        return out


def _spans(bead: SentenceBead, words: BeadWords) -> list[tuple[str, int, int]]:
    """Runs of 1..MAX_SPAN consecutive English content words: ``(text, first, last)``."""
    eng, text = words.english, bead.target_text
    return [(text[eng[i].start:eng[j].end], i, j) for i in range(len(eng))
            for j in range(i, min(len(eng), i + MAX_SPAN))]


def _zh_candidates(words: BeadWords) -> list[str]:
    ws = [w.word for w in words.words]
    return ws + [a + b for a, b in itertools.pairwise(ws)]


def _open_candidates(words: BeadWords, stem: str) -> list[int]:
    """Indices in :func:`_zh_candidates` of the candidates that may source an English
    word of ``stem``: not a Chinese word the dictionary already finds rendered by
    another English word of that stem, nor a pair holding one (可靠性, said once and
    rendered "reliability", does not source a second "reliability")."""
    ws = words.words
    done = [any(words.english[k].stem == stem for k in w.rendered_at) for w in ws]
    pairs = [a or b for a, b in itertools.pairwise(done)]
    return [i for i, d in enumerate([*done, *pairs]) if not d]


def linkable(bead: SentenceBead) -> bool:
    """Whether :func:`link_alignments` links the words of ``bead``: two-sided, not front
    matter."""
    return bool(bead.source and bead.target) and not bead.front


def link_alignments(alignments: list[Alignment], texts_of: dict[str, str], joiner: str,
                    embedder: Embedder, cache: EmbeddingCache,
                    beads_done: Callable[[int], None] | None = None,
                    words: StageProgress | None = None) -> Linked:
    """The linked two-sided beads of every alignment (front matter left out), in
    alignment and bead order; ``texts_of`` maps the original's sentence ids to their
    texts, which ``joiner`` joins into a bead's source text. ``beads_done(n)`` is told
    of each bead whose words are read; ``words`` expects the words and phrases to embed,
    then advances as they are."""
    pending: list[tuple[str, str, SentenceBead, BeadWords]] = []
    texts: list[str] = []
    for al in alignments:
        for bid, bead in zip(al.bead_ids, al.beads, strict=True):
            if not linkable(bead):
                continue
            found = link_words(bead.source_text, bead.target_text)
            pending.append((al.translation, bid, bead, found))
            texts.extend(w.word for w in found.words)
            texts.extend(e.word for e in found.english)
            texts.extend(t for t, _, _ in _spans(bead, found))
            texts.extend(_zh_candidates(found))
            if beads_done is not None:
                beads_done(1)
    vectors = _vectors(texts, embedder, cache, words)
    return Linked(tuple(_score(t, bid, bead, found, vectors,
                               _places(bead, found, texts_of, joiner))
                        for t, bid, bead, found in pending), vectors)


def _places(bead: SentenceBead, words: BeadWords, texts_of: dict[str, str], joiner: str
            ) -> tuple[tuple[str, int], ...]:
    starts: list[tuple[str, int]] = []
    pos = 0
    for sid in bead.source:
        starts.append((sid, pos))
        pos += len(texts_of.get(sid, "")) + len(joiner)
    out = []
    for w in words.words:
        sid, base = next(((s, b) for s, b in reversed(starts) if b <= w.start), starts[0])
        out.append((sid, w.start - base))
    return tuple(out)


def _vectors(texts: list[str], embedder: Embedder, cache: EmbeddingCache,
             progress: StageProgress | None = None) -> dict[str, Array]:
    """The vector of each text: single words through the embedding cache (they recur
    across beads and builds), runs of words (most of the texts, and rarely the same
    twice) encoded afresh so that the cache on disk stays small."""
    order = list(dict.fromkeys(texts))
    words = [t for t in order if " " not in t]
    runs = [t for t in order if " " in t]
    out: dict[str, Array] = {}
    if progress is not None:
        progress.expect(len(order))
    if words:
        found = cache.fetch(f"{embedder.name}#vec", words, lambda t: embedder.encode(t),
                            ticker(progress))
        out.update(zip(words, found, strict=True))
    for i in range(0, len(runs), RUN_BATCH):
        batch = runs[i:i + RUN_BATCH]
        out.update(zip(batch, embedder.encode(batch), strict=True))
        if progress is not None:
            progress.advance(len(batch))
    return out


def _matrix(texts: list[str], vectors: dict[str, Array]) -> Array:
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    return np.stack([vectors[t] for t in texts])


def _score(translation: str, bid: str, bead: SentenceBead, words: BeadWords,
           vectors: dict[str, Array], places: tuple[tuple[str, int], ...]) -> LinkedBead:
    spans = _spans(bead, words)
    zh = _matrix([w.word for w in words.words], vectors)
    en_spans = _matrix([t for t, _, _ in spans], vectors)
    sims = en_spans @ zh.T if spans and len(zh) else np.zeros((len(spans), len(zh)))
    rendered, best, owners, paired = _render(bead, words, spans,
                                             np.asarray(sims, dtype=np.float32))
    cands = _matrix(_zh_candidates(words), vectors)
    n = len(words.words)
    sourced: list[float] = []
    source_of: list[frozenset[int]] = []
    for k, e in enumerate(words.english):
        linked = frozenset(i for i, w in enumerate(words.words) if k in w.rendered_at)
        if linked:
            sourced.append(1.0)
            source_of.append(linked)
            continue
        open_ = _open_candidates(words, e.stem) if len(cands) and n else []
        sims = (cands @ vectors[e.word])[open_] if open_ else np.zeros(0)
        top = int(np.argmax(sims)) if len(sims) else -1
        sourced.append(max(0.0, float(sims[top])) if top >= 0 else 0.0)
        pick = open_[top] if top >= 0 else -1
        source_of.append(owners[k] or (frozenset() if pick < 0 else frozenset(
            {pick} if pick < n else {pick - n, pick - n + 1})))
    return LinkedBead(translation, bid, bead, words, tuple(rendered), tuple(best),
                      tuple(sourced), places, tuple(spans), owners, paired,
                      tuple(source_of), *shared_links(words, bead.source_text, bead.target_text))


#: Cost of pairing a Chinese word with an English word it is not linked to: more than
#: any sum of squared displacements, so that a matching pairs as many as it can.
_UNLINKED = 1e6


def _matching(links: list[tuple[int, ...]], where: list[float], at: list[float],
              skip: int = -1) -> dict[int, int]:
    """A maximum one-to-one matching of Chinese words (``links[i]``: the English words
    word ``i`` is linked to; ``where[i]`` its relative place, 0-1) to English words
    (``at[k]``), English word → Chinese word, word ``skip`` left out; of the maximum
    matchings, the one whose pairs stand least far apart (sum of squared differences of
    relative place: 考核评价 → "assessment and evaluation" in that order)."""
    rows = [i for i, ks in enumerate(links) if ks and i != skip]
    if not rows:
        return {}
    from scipy.optimize import linear_sum_assignment

    cost = np.full((len(rows), len(at)), _UNLINKED)
    for r, i in enumerate(rows):
        for k in links[i]:
            cost[r, k] = (where[i] - at[k]) ** 2
    picked = linear_sum_assignment(cost)
    return {int(k): rows[r] for r, k in zip(*picked, strict=True) if cost[r, k] < _UNLINKED}


def shared_links(words: BeadWords, text: str, en: str
                 ) -> tuple[tuple[frozenset[int], ...], tuple[int, ...]]:
    """Per Chinese word of ``words`` (in ``text``, the bead's Chinese; ``en`` its
    English), the other words whose dictionary links hold its English words, if some
    maximum one-to-one matching of Chinese words to the English words they are linked
    to leaves it out (its English words can all be given to the others: 协同协作 → one
    "coordination"), else empty; and the English word the matching of :func:`_matching`
    gives it (-1: none). Light words and intensifiers (weight :data:`.weights.LIGHT` or
    less) take part in no matching: a translation says them in words the dictionary does
    not link ("carry out" for 开展, whose gloss "to develop" would claim the
    "development" of 研制). Several occurrences of one word are several words."""
    links = [w.rendered_at if zh_weight(w.word, text, w.start, w.end) > LIGHT else ()
             for w in words.words]
    where = [(w.start + w.end) / 2 / max(1, len(text)) for w in words.words]
    at = [(e.start + e.end) / 2 / max(1, len(en)) for e in words.english]
    owner = _matching(links, where, at)
    own = [-1] * len(links)
    for k, i in owner.items():
        own[i] = k
    sets = [set(ks) for ks in links]
    out = [frozenset[int]()] * len(links)
    for i, ks in enumerate(sets):
        rivals = frozenset(j for j, o in enumerate(sets) if j != i and o & ks)
        # a word the matching leaves out needs no second matching to be found so
        if rivals and (own[i] < 0 or len(_matching(links, where, at, skip=i)) == len(owner)):
            out[i] = rivals
    return tuple(out), tuple(own)


def _render(bead: SentenceBead, words: BeadWords, spans: list[tuple[str, int, int]],
            sims: Array) -> tuple[list[float], list[str], tuple[frozenset[int], ...],
                                  tuple[bool, ...]]:
    """How well each Chinese word is rendered, and by what. Dictionary links score 1.0
    and claim their English words; the other words, best first, take the most similar
    span without a claimed word, and claim it if it scores :data:`CLAIM` or more, so
    that two words cannot both be rendered by one (助餐助行 → "meal assistance").
    Nor can two words standing side by side (对接融合 → "integration"): the second to
    choose is *paired*, and takes the best span its neighbour left. Also returns, per
    English word, the Chinese words that took it, and which words are paired."""
    n = len(words.words)
    rendered, best = [0.0] * n, [""] * n
    owners: list[set[int]] = [set() for _ in words.english]
    chosen: dict[int, tuple[int, int]] = {}
    paired = [False] * n
    for i, w in enumerate(words.words):
        for k in w.rendered_at:
            owners[k].add(i)
            chosen.setdefault(i, (k, k))
        if w.rendered_at:
            first = words.english[w.rendered_at[0]]
            rendered[i], best[i] = 1.0, bead.target_text[first.start:first.end]
    rest = [i for i in range(n) if not words.words[i].rendered_at]
    for i in sorted(rest, key=lambda i: -float(np.max(sims[:, i])) if len(spans) else 0.0):
        free = [k for k, (_, a, b) in enumerate(spans)
                if not any(owners[x] for x in range(a, b + 1))]
        if not free:
            continue
        k = max(free, key=lambda k: float(sims[k, i]))
        taken = [chosen[j] for j in _neighbours(words, i) if j in chosen]
        if any(spans[k][1] <= b and a <= spans[k][2] for a, b in taken):
            paired[i] = True
            free = [f for f in free if not any(spans[f][1] <= b and a <= spans[f][2]
                                               for a, b in taken)]
            if not free:
                continue
            k = max(free, key=lambda k: float(sims[k, i]))
        rendered[i], best[i] = max(0.0, float(sims[k, i])), spans[k][0]
        chosen[i] = spans[k][1], spans[k][2]
        if rendered[i] >= CLAIM:
            for x in range(spans[k][1], spans[k][2] + 1):
                owners[x].add(i)
    return rendered, best, tuple(frozenset(o) for o in owners), tuple(paired)


def _neighbours(words: BeadWords, i: int) -> list[int]:
    """The Chinese words written right next to word ``i`` (no character between) that
    may form a paired phrase with it (:func:`.weights.may_pair`)."""
    ws = words.words
    return [j for j in (i - 1, i + 1)
            if 0 <= j < len(ws) and (ws[j].end == ws[i].start or ws[i].end == ws[j].start)
            and may_pair(ws[min(i, j)].word, ws[max(i, j)].word)]
