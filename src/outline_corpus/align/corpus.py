"""Aligning a translation to its original: units first (preamble, parts, articles, by
content, numbers only as a hint), then the sentences inside each pair of units.

Every sentence of the original gets exactly one bead (1:0 where nothing renders it),
every sentence of the translation's body likewise (0:1 where it has no source). The
two sides' front matter is aligned as one run, and the pairs that render each other
become beads of their own (ids ``f-1``…, before the body's ``b-1``…); front matter of
the translation that restates a unit of the original's body is linked to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.dp import AlignParams, Bead, Context, align
from outline_corpus.align.embed import Embedder
from outline_corpus.model import Document, Sentence


@dataclass(frozen=True)
class Unit:
    """A unit to align: ``kind`` is ``preamble``, ``part`` or ``article``."""

    id: str
    kind: str
    number: int | None
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class UnitLink:
    """A unit of the original and its counterpart (``None`` where one side lacks it)."""

    kind: str
    source: str | None
    target: str | None
    source_number: int | None
    target_number: int | None
    similarity: float | None


@dataclass(frozen=True)
class FrontLink:
    """Front matter of the translation that restates a unit of the original."""

    front: str
    unit: str
    similarity: float


@dataclass(frozen=True)
class SentenceBead:
    """Sentences of the original (``source``) and of the translation (``target``) that
    render each other; ``score`` is a confidence in [0, 1], ``similarity`` the cosine of
    the two sides (``None`` for 1:0 and 0:1)."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    score: float
    similarity: float | None
    source_unit: str | None
    target_unit: str | None
    article: int | None
    source_text: str
    target_text: str
    front: bool = False

    @property
    def kind(self) -> str:
        return f"{len(self.source)}:{len(self.target)}"


@dataclass(frozen=True)
class Alignment:
    """A translation aligned to its original, with the signature that reproduces it;
    ``source_language``/``target_language`` are the two documents' language tags;
    ``mode`` is ``units`` (units linked, then their sentences aligned) or ``document``
    (the bodies aligned as one run, ``warnings`` saying why)."""

    original: str
    translation: str
    signature: dict[str, Any]
    units: tuple[UnitLink, ...]
    front: tuple[FrontLink, ...]
    beads: tuple[SentenceBead, ...]
    source_language: str = "zh"
    target_language: str = "en"
    mode: str = "units"
    warnings: tuple[str, ...] = ()

    @property
    def bead_ids(self) -> tuple[str, ...]:
        """The id of each bead, in order: ``{translation}/f-{n}`` for beads of front
        matter, ``{translation}/b-{n}`` for the body's, each counted from 1."""
        out: list[str] = []
        counts = {True: 0, False: 0}
        for bead in self.beads:
            counts[bead.front] += 1
            out.append(f"{self.translation}/{'f' if bead.front else 'b'}-{counts[bead.front]}")
        return tuple(out)


def units_of(doc: Document) -> list[Unit]:
    """The alignable units of ``doc`` in text order."""
    out: list[Unit] = []
    if doc.preamble:
        out.append(Unit(*doc.preamble_unit, None, doc.preamble_sentences))
    body = [(p.start, Unit(p.id, "part", p.number, p.sentences)) for p in doc.parts]
    body += [(a.start, Unit(a.id, "article", a.number, a.sentences)) for a in doc.articles]
    out.extend(u for _, u in sorted(body, key=lambda pair: pair[0]))
    return [u for u in out if u.sentences]


def alignable_sentences(doc: Document) -> int:
    """The sentences of ``doc``'s alignable units: what aligning a translation to ``doc``
    reports as ``"align"`` progress, in all."""
    return sum(len(u.sentences) for u in units_of(doc))


def map_units(source: list[Unit], target: list[Unit], sims: np.ndarray,
              p: AlignParams | None = None) -> list[tuple[int | None, int | None]]:
    """Order-preserving pairing of units of the same kind maximising the sum of
    ``similarity + number_bonus - unit_threshold`` (of ``p``); unpaired units come out
    with ``None``."""
    p = p or AlignParams()
    kinds = {k: i for i, k in enumerate(dict.fromkeys(u.kind for u in (*source, *target)))}
    sk = np.array([kinds[u.kind] for u in source], dtype=np.int64)
    tk = np.array([kinds[u.kind] for u in target], dtype=np.int64)
    sn = np.array([-1 if u.number is None else u.number for u in source], dtype=np.int64)
    tn = np.array([-2 if u.number is None else u.number for u in target], dtype=np.int64)
    bonus = np.where(sn[:, None] == tn[None, :], p.number_bonus, 0.0)
    gain = np.where(sk[:, None] == tk[None, :],
                    np.asarray(sims, dtype=np.float64)[:len(source), :len(target)] + bonus
                    - p.unit_threshold, -np.inf)
    return monotone_pairs(gain.reshape(len(source), len(target)))


def monotone_pairs(gain: np.ndarray) -> list[tuple[int | None, int | None]]:
    """The order-preserving pairing of rows and columns maximising the sum of
    ``gain`` over the pairs (a pair only where that helps); unpaired rows and columns
    come out with ``None``."""
    n, m = int(gain.shape[0]), int(gain.shape[1])
    dp = np.zeros((n + 1, m + 1))
    move = np.zeros((n + 1, m + 1), dtype=np.int8)  # 0 diag, 1 skip source, 2 skip target
    move[1:, 0], move[0, 1:] = 1, 2
    for i in range(1, n + 1):  # a row at a time: the left move is a running maximum
        diag = dp[i - 1, :-1] + gain[i - 1]
        up = dp[i - 1, 1:]
        best = np.maximum(diag, up)
        row = np.maximum.accumulate(np.concatenate(([dp[i, 0]], best)))
        left = row[:-1]
        dp[i, 1:] = row[1:]
        # the first of (diag, up, left) reaching the maximum, as argmax would pick it
        move[i, 1:] = np.where((diag >= up) & (diag >= left), 0, np.where(up >= left, 1, 2))
    pairs: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = int(move[i, j])
        if k == 0:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif k == 1:
            pairs.append((i - 1, None))
            i -= 1
        else:
            pairs.append((None, j - 1))
            j -= 1
    return pairs[::-1]


Report = Callable[[str, int], None]


def align_translation(original: Document, translation: Document, embedder: Embedder,
                      cache: EmbeddingCache, params: AlignParams | None = None,
                      report: Report | None = None) -> Alignment:
    """Align ``translation`` to ``original`` (see module doc). ``report(stage, n)`` is
    told of progress: ``"embed"`` per text embedded, ``"align"`` per sentence of the
    original's units aligned (:func:`alignable_sentences` in all).
    When either side was read flat, or a share of the original's sentences under
    ``min_linked_share`` falls in linked units, the bodies are aligned as one run and
    the alignment's ``mode`` is ``document``, with a warning saying why."""
    p = params or AlignParams()
    tick: Callable[[str, int], None] = report or (lambda stage, n: None)

    def embed_progress(n: int) -> None:
        tick("embed", n)

    src_units, tgt_units = units_of(original), units_of(translation)
    sj, tj = original.joiner, translation.joiner
    src_vecs = embedder.groups([[s.text for s in u.sentences] for u in src_units], sj, cache,
                               embed_progress)
    tgt_vecs = embedder.groups([[s.text for s in u.sentences] for u in tgt_units], tj, cache,
                               embed_progress)
    sims = src_vecs @ tgt_vecs.T if len(src_units) and len(tgt_units) else np.zeros((0, 0))
    pairs = map_units(src_units, tgt_units, sims, p)
    why = _why_whole(original, translation, src_units, pairs, p.min_linked_share)
    if why:
        links, beads = _whole_document(original, translation, embedder, cache, p,
                                       embed_progress)
        tick("align", sum(len(u.sentences) for u in src_units))
    else:
        links, beads = [], []
        sides = _Sides.of(src_units, tgt_units, original, translation, embedder, cache, p)
        for si, ti in pairs:
            su = src_units[si] if si is not None else None
            tu = tgt_units[ti] if ti is not None else None
            sim = round(float(sims[si, ti]), 6) if si is not None and ti is not None else None
            kind = (su or tu).kind  # type: ignore[union-attr]
            links.append(UnitLink(kind, su.id if su else None, tu.id if tu else None,
                                  su.number if su else None, tu.number if tu else None, sim))
            beads.extend(_unit_beads(su, tu, embedder, cache, sides, p, embed_progress))
            if su is not None:
                tick("align", len(su.sentences))
    front = _front_links(translation, src_units, src_vecs, embedder, cache, p, embed_progress)
    beads = [*_front_beads(original, translation, embedder, cache, p, embed_progress), *beads]
    from outline_corpus.summary import signature

    sig = signature(model=embedder.name, original=original.id, translation=translation.id,
                    semicolon=original.semicolon, **p.signature())
    return Alignment(original.id, translation.id, sig, tuple(links), tuple(front), tuple(beads),
                     original.language, translation.language, "document" if why else "units",
                     (why,) if why else ())


def _why_whole(original: Document, translation: Document, src_units: list[Unit],
               pairs: list[tuple[int | None, int | None]], least: float) -> str:
    """Why the pair must be aligned as one run, or ``""``."""
    flat = [d.id for d in (original, translation) if d.profile == "flat"]
    if flat:
        return (f"{' and '.join(flat)} read flat (no structure profile fits); the whole "
                "documents were aligned as one run")
    total = sum(len(u.sentences) for u in src_units)
    linked = sum(len(src_units[si].sentences) for si, ti in pairs
                 if si is not None and ti is not None)
    if total and linked / total < least:
        return (f"only {linked / total:.0%} of the sentences of {original.id} are in units "
                f"linked to {translation.id}; the whole documents were aligned as one run")
    return ""


def _whole_document(original: Document, translation: Document, embedder: Embedder,
                    cache: EmbeddingCache, p: AlignParams, progress: Callable[[int], None]
                    ) -> tuple[list[UnitLink], list[SentenceBead]]:
    """One link of the two bodies and the beads of their sentences aligned as one run;
    each bead names the unit and article of its first sentence of the original."""
    src = tuple(s for u in units_of(original) for s in u.sentences)
    tgt = tuple(s for u in units_of(translation) for s in u.sentences)
    sj, tj = original.joiner, translation.joiner
    sw = embedder.windows([s.text for s in src], p.max_side, sj, cache, progress)
    tw = embedder.windows([t.text for t in tgt], p.max_side, tj, cache, progress)
    context = Context.of(sw[0], tw[0], [s.text for s in src], [t.text for t in tgt], p,
                         cache)
    raw = align(sw, tw, [len(s.text) for s in src], [len(t.text) for t in tgt], p, context)
    src_unit, tgt_unit = _owners(original), _owners(translation)
    beads = []
    for bead in raw:
        bs, bt = [src[k] for k in bead.src], [tgt[k] for k in bead.tgt]
        s_unit, article = src_unit.get(bs[0].id, (None, None)) if bs else (None, None)
        t_unit = tgt_unit.get(bt[0].id, (None, None))[0] if bt else None
        beads.append(SentenceBead(tuple(s.id for s in bs), tuple(t.id for t in bt), bead.score,
                                  bead.similarity, s_unit, t_unit, article,
                                  sj.join(s.text for s in bs), tj.join(t.text for t in bt)))
    sim = None
    if src and tgt:  # the cosine of the two bodies' mean sentence vectors
        a, b = sw[0].mean(axis=0), tw[0].mean(axis=0)
        norm = float(np.linalg.norm(a) * np.linalg.norm(b))
        sim = round(float(a @ b) / norm, 6) if norm else None
    link = UnitLink("document", original.id if src else None,
                    translation.id if tgt else None, None, None, sim)
    return [link], beads


def _front_beads(original: Document, translation: Document, embedder: Embedder,
                 cache: EmbeddingCache, p: AlignParams, progress: Callable[[int], None]
                 ) -> list[SentenceBead]:
    """Beads of the two sides' front matter that render each other: the 1:1 pairs of
    front sentences, in order, at cosine ``front_threshold`` or above, ``number_bonus``
    added where both hold the same numbers (a document number, a date); front matter
    without a counterpart stays out of the beads."""
    src = [s for f in original.front_matter for s in f.sentences]
    tgt = [s for f in translation.front_matter for s in f.sentences]
    if not src or not tgt:
        return []
    sv = embedder.windows([s.text for s in src], 1, original.joiner, cache, progress)[0]
    tv = embedder.windows([t.text for t in tgt], 1, translation.joiner, cache, progress)[0]
    sims = sv @ tv.T
    out = []
    for i, j in monotone_pairs(sims + p.number_bonus * _same_numbers(original, translation, src,
                                                                     tgt) - p.front_threshold):
        if i is None or j is None:
            continue
        sim = float(sims[i, j])
        out.append(SentenceBead((src[i].id,), (tgt[j].id,), p.confidence(sim), round(sim, 6),
                                src[i].unit, tgt[j].unit, None, src[i].text, tgt[j].text,
                                front=True))
    return out


def _same_numbers(original: Document, translation: Document, src: list[Sentence],
                  tgt: list[Sentence]) -> np.ndarray:
    """1.0 where a source and a target sentence hold the same (non-empty) numbers."""
    from outline_corpus.diverge.numbers import compare
    from outline_corpus.languages import language

    read_src, read_tgt = language(original.language), language(translation.language)
    a = [read_src.read_numbers(s.text) for s in src]
    b = [read_tgt.read_numbers(t.text) for t in tgt]
    return np.array([[1.0 if x and y and not compare(x, y) else 0.0 for y in b] for x in a])


def _owners(doc: Document) -> dict[str, tuple[str, int | None]]:
    """Sentence id → (id of its alignable unit, article number or ``None``)."""
    out: dict[str, tuple[str, int | None]] = {}
    for unit in units_of(doc):
        for s in unit.sentences:
            out[s.id] = (unit.id, unit.number if unit.kind == "article" else None)
    return out


def _front_links(translation: Document, src_units: list[Unit], src_vecs: np.ndarray,
                 embedder: Embedder, cache: EmbeddingCache, p: AlignParams,
                 progress: Callable[[int], None]) -> list[FrontLink]:
    """Front-matter blocks of the translation that restate a unit of the original."""
    front: list[FrontLink] = []
    if translation.front_matter and src_units:
        fvecs = embedder.groups([[s.text for s in f.sentences] for f in translation.front_matter],
                                translation.joiner, cache, progress)
        fsims = fvecs @ src_vecs.T
        for k, block in enumerate(translation.front_matter):
            best = int(np.argmax(fsims[k]))
            if fsims[k, best] >= p.front_threshold:
                front.append(FrontLink(block.id, src_units[best].id,
                                       round(float(fsims[k, best]), 6)))
    return front


def _segment_keys(sents: tuple[Sentence, ...]) -> list[tuple[str, int]]:
    """Each sentence's segment: before the list, list item k, or after the list."""
    keys: list[tuple[str, int]] = []
    seen_item = False
    for s in sents:
        if s.item is not None:
            seen_item = True
            keys.append(("item", s.item))
        else:
            keys.append(("after" if seen_item else "before", 0))
    return keys


def _segments(src: tuple[Sentence, ...], tgt: tuple[Sentence, ...]
              ) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Ranges aligned separately: list item by list item where both sides have the same
    list structure, or where one side's items (by number) are some of the other's (a
    translation that lacks an item); else the whole unit at once."""
    sk, tk = _segment_keys(src), _segment_keys(tgt)
    order_s, order_t = list(dict.fromkeys(sk)), list(dict.fromkeys(tk))
    if order_s == order_t and len(order_s) >= 2:
        order = order_s
    elif min(len(order_s), len(order_t)) >= 2 and (_subsequence(order_t, order_s)
                                                   or _subsequence(order_s, order_t)):
        order = max(order_s, order_t, key=len)
    else:
        return [((0, len(src)), (0, len(tgt)))]
    out = []
    s_pos = t_pos = 0
    for key in order:
        si = [k for k, x in enumerate(sk) if x == key]
        ti = [k for k, x in enumerate(tk) if x == key]
        s_rng = (si[0], si[-1] + 1) if si else (s_pos, s_pos)
        t_rng = (ti[0], ti[-1] + 1) if ti else (t_pos, t_pos)
        s_pos, t_pos = s_rng[1], t_rng[1]
        out.append((s_rng, t_rng))
    return out


def _subsequence(short: list[tuple[str, int]], long: list[tuple[str, int]]) -> bool:
    """Whether ``short`` is ``long`` with some keys left out, in the same order."""
    rest = iter(long)
    return len(short) < len(long) and all(key in rest for key in short)


@dataclass(frozen=True)
class _Sides:
    """The two sides' sentences in their units, in order: their :class:`Context`, each
    sentence's position among them and each side's joiner."""

    context: Context
    src_position: dict[str, int]
    tgt_position: dict[str, int]
    src_joiner: str
    tgt_joiner: str

    @classmethod
    def of(cls, src_units: list[Unit], tgt_units: list[Unit], original: Document,
           translation: Document, embedder: Embedder, cache: EmbeddingCache, p: AlignParams
           ) -> _Sides:
        src = [s for u in src_units for s in u.sentences]
        tgt = [s for u in tgt_units for s in u.sentences]
        sj, tj = original.joiner, translation.joiner
        sv = embedder.windows([s.text for s in src], 1, sj, cache)[0]
        tv = embedder.windows([t.text for t in tgt], 1, tj, cache)[0]
        context = Context.of(sv, tv, [s.text for s in src], [t.text for t in tgt], p,
                             cache)
        return cls(context, {s.id: k for k, s in enumerate(src)},
                   {t.id: k for k, t in enumerate(tgt)}, sj, tj)


def _unit_beads(su: Unit | None, tu: Unit | None, embedder: Embedder, cache: EmbeddingCache,
                sides: _Sides, p: AlignParams,
                progress: Callable[[int], None]) -> list[SentenceBead]:
    sj, tj = sides.src_joiner, sides.tgt_joiner
    src = su.sentences if su else ()
    tgt = tu.sentences if tu else ()
    article = next((u.number for u in (su, tu) if u is not None and u.kind == "article"), None)
    sid, tid = (su.id if su else None), (tu.id if tu else None)
    raw: list[Bead] = []
    for (s0, s1), (t0, t1) in _segments(src, tgt):
        ss, ts = src[s0:s1], tgt[t0:t1]
        if ss and ts:
            sw = embedder.windows([s.text for s in ss], p.max_side, sj, cache, progress)
            tw = embedder.windows([t.text for t in ts], p.max_side, tj, cache, progress)
            context = sides.context.at(sides.src_position[ss[0].id],
                                       sides.tgt_position[ts[0].id])
            part = align(sw, tw, [len(s.text) for s in ss], [len(t.text) for t in ts], p,
                         context)
        else:
            part = align([], [], [len(s.text) for s in ss], [len(t.text) for t in ts], p)
        raw.extend(Bead(tuple(s0 + k for k in b.src), tuple(t0 + k for k in b.tgt), b.score,
                        b.similarity) for b in part)
    out = []
    for bead in raw:
        bs = [src[k] for k in bead.src]
        bt = [tgt[k] for k in bead.tgt]
        out.append(SentenceBead(tuple(s.id for s in bs), tuple(t.id for t in bt), bead.score,
                                bead.similarity, sid, tid, article,
                                sj.join(s.text for s in bs), tj.join(t.text for t in bt)))
    return out
