"""Content divergences inside aligned units: omitted and added sentences and clauses,
differing numbers, and beads whose meaning may have shifted.

Clause coverage: each aligned bead's Chinese text is cut into clauses (at ，；：。！？)
and its English text too (at , ; : . ! ?, short pieces of a list joined to the one
before); the clauses are aligned with the bead DP, and runs of Chinese clauses left
1:0 are omissions, runs of English clauses left 0:1 (and unlike any 1-3 Chinese
clauses of the bead) additions."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.corpus import Alignment, SentenceBead
from outline_corpus.align.dp import AlignParams, align
from outline_corpus.align.embed import Embedder
from outline_corpus.diverge.lexicon import ZH_CLAUSE_ENDS
from outline_corpus.diverge.numbers import compare
from outline_corpus.diverge.records import Divergence, DivergenceParams, RecordMaker
from outline_corpus.languages import Language, language

_ZH_CLAUSE = re.compile(rf"(?<=[{ZH_CLAUSE_ENDS}])")
_EN_CLAUSE = re.compile(r"(?<=[,;:.!?])\s+")
_PUNCT = re.compile(r"[\s，,；;：:。！？!?、“”\"'（）()]")
#: English pieces shorter than this many words are joined to the previous clause.
MIN_EN_CLAUSE_WORDS = 4
#: Words needed on both sides of " and " to split a clause there.
MIN_AND_WORDS = 6


def zh_clauses(text: str) -> list[str]:
    return [c for c in _ZH_CLAUSE.split(text) if c.strip()]


def _split_and(piece: str) -> list[str]:
    """Split a clause at " and " where both sides have at least
    :data:`MIN_AND_WORDS` words (two coordinated clauses, not a short list)."""
    words = piece.split(" ")
    for k, word in enumerate(words):
        if word == "and" and k >= MIN_AND_WORDS and len(words) - k - 1 >= MIN_AND_WORDS:
            return [" ".join(words[:k]), " ".join(words[k:])]
    return [piece]


def en_clauses(text: str) -> list[str]:
    out: list[str] = []
    pieces = (q for p in _EN_CLAUSE.split(text) for q in _split_and(p.strip()))
    for piece in pieces:
        if not piece:
            continue
        if out and len(piece.split()) < MIN_EN_CLAUSE_WORDS:
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def content_chars(text: str) -> int:
    return len(_PUNCT.sub("", text))


@dataclass(frozen=True)
class ClauseGaps:
    """Runs of Chinese clauses nothing renders, and of English clauses with no source."""

    omitted: tuple[str, ...]
    added: tuple[str, ...]


class ClauseChecker:
    """Clause coverage of the beads of one pair of languages ``src`` → ``tgt``."""

    def __init__(self, embedder: Embedder, cache: EmbeddingCache, p: DivergenceParams,
                 src: Language, tgt: Language) -> None:
        self.embedder, self.cache, self.p = embedder, cache, p
        self.src, self.tgt = src, tgt
        self.params = AlignParams(max_side=p.clause_max_side,
                                  max_total=min(6, 2 * p.clause_max_side),
                                  merge_penalty=p.clause_merge_penalty,
                                  many_penalty=p.clause_many_penalty,
                                  threshold=p.clause_threshold, neighbours=0)

    def gaps(self, zh: str, en: str, missing: frozenset[float] = frozenset()) -> ClauseGaps:
        """Omitted and added clause runs of one bead. A Chinese clause holding a number
        in ``missing`` (absent from the English) is peeled off a bead whenever that makes
        the bead more similar, however much it resembles the English."""
        zc, ec = self.src.split_clauses(zh), self.tgt.split_clauses(en)
        numbered = {k for k, clause in enumerate(zc)
                    if any(n.value in missing for n in self.src.read_numbers(clause))}
        if not zc or not ec:
            return ClauseGaps((), ())
        zw = self.embedder.windows(zc, self.p.clause_max_side, self.src.joiner, self.cache)
        ew = self.embedder.windows(ec, self.p.clause_max_side, self.tgt.joiner, self.cache)
        beads = align(zw, ew, [len(c) for c in zc], [len(c) for c in ec], self.params)
        omitted: list[list[int]] = []
        added: list[list[int]] = []
        prev = ""
        for bead in beads:
            kind = "om" if bead.src and not bead.tgt else "add" if bead.tgt and not bead.src \
                else ""
            runs = omitted if kind == "om" else added if kind == "add" else None
            if runs is not None:
                ids = list(bead.src or bead.tgt)
                if prev == kind:
                    runs[-1].extend(ids)
                else:
                    runs.append(ids)
            elif bead.src and bead.tgt:
                # English clauses are cut at list commas, too short to test this way
                omitted.extend([k] for k in self._redundant(zw, ew, bead.src, bead.tgt,
                                                            numbered))
            prev = kind
        omitted = _merge_runs(omitted)
        om = tuple("".join(zc[i] for i in run) for run in omitted
                   if content_chars("".join(zc[i] for i in run)) >= self.p.min_clause_chars)
        windows = np.vstack([w for w in zw[:3] if len(w)])
        ad = []
        for run in added:
            text = self.tgt.joiner.join(ec[i] for i in run)
            best = float(np.max(windows @ ew[0][run].T)) if len(windows) else 0.0
            if len(text) >= self.p.min_added_chars and best < self.p.added_clause_max_cos:
                ad.append(text)
        return ClauseGaps(om, tuple(ad))


    def _redundant(self, mine: list[np.ndarray], other: list[np.ndarray],
                   ids: tuple[int, ...], other_ids: tuple[int, ...],
                   numbered: set[int]) -> list[int]:
        """Clauses peeled off either end of a multi-clause side of a bead while their
        removal makes the bead more similar and they are unlike every window of the
        other side (the DP may fold unrendered clauses into a neighbouring bead)."""
        m = len(other_ids)
        if m > len(other) or not ids:
            return []
        target = other[m - 1][other_ids[0]]
        windows = np.vstack([w for w in other[:3] if len(w)])
        lo, hi = ids[0], ids[-1] + 1  # the kept run of clauses is [lo, hi)
        out: list[int] = []
        while hi - lo >= 2 and hi - lo <= len(mine):
            whole = float(mine[hi - lo - 1][lo] @ target)
            peeled = False
            for k, (a, b) in ((lo, (lo + 1, hi)), (hi - 1, (lo, hi - 1))):
                without = float(mine[b - a - 1][a] @ target)
                own = float(np.max(windows @ mine[0][k]))
                # a clause whose number the English lacks needs no more evidence
                unlike = own < self.p.added_clause_max_cos + 0.1 or k in numbered
                gain = 0.0 if k in numbered else self.p.redundant_gain
                if without > whole + gain and unlike:
                    out.append(k)
                    lo, hi = a, b
                    peeled = True
                    break
            if not peeled:
                break
        return out


def _merge_runs(runs: list[list[int]]) -> list[list[int]]:
    """Runs of clause indices, with runs that touch joined into one."""
    merged: list[list[int]] = []
    for run in sorted(runs):
        if merged and run[0] <= merged[-1][-1] + 1:
            merged[-1].extend(k for k in run if k > merged[-1][-1])
        else:
            merged.append(list(run))
    return merged


def content_records(al: Alignment, embedder: Embedder, cache: EmbeddingCache,
                    p: DivergenceParams, make: RecordMaker,
                    source_texts: dict[str, str] | None = None,
                    progress: Callable[[int], None] | None = None) -> list[Divergence]:
    """Omission, addition, number_mismatch and low_similarity records of one alignment.
    ``source_texts`` (sentence id → text of the original) lets a clause omission name
    the sentence its clauses come from rather than the whole bead; ``progress(1)`` is
    told of each bead checked."""
    linked_src = {u.source for u in al.units if u.source and u.target}
    linked_tgt = {u.target for u in al.units if u.source and u.target}
    if al.mode == "document":  # the bodies were aligned as one run: every unit counts
        linked_src = {b.source_unit for b in al.beads if b.source_unit}
        linked_tgt = {b.target_unit for b in al.beads if b.target_unit}
    src, tgt = language(al.source_language), language(al.target_language)
    checker = ClauseChecker(embedder, cache, p, src, tgt)
    tid = al.translation
    out: list[Divergence] = []
    previous: SentenceBead | None = None
    for bead in al.beads:
        if bead.source and not bead.target and bead.source_unit in linked_src:
            nums = src.read_numbers(bead.source_text)
            serious = bool(nums) or content_chars(bead.source_text) >= p.long_omission_chars
            out.append(make(tid, "omission", "high" if serious else "medium", bead.article,
                            bead.source, (), bead.source_text, "",
                            f"Nothing in {tid} renders this sentence.", level="sentence",
                            numbers=[str(n) for n in nums], confidence=bead.score))
        elif bead.target and not bead.source and bead.target_unit in linked_tgt:
            nums = tgt.read_numbers(bead.target_text)
            after = previous.source if previous else ()
            out.append(make(tid, "addition", "high" if nums else "medium", bead.article, (),
                            bead.target, "", bead.target_text,
                            f"This sentence of {tid} has no source in the {src.name}.",
                            level="sentence", after=list(after),
                            numbers=[str(n) for n in nums], confidence=bead.score))
        elif bead.source and bead.target:
            out.extend(_aligned(bead, tid, checker, p, make, source_texts or {}))
        previous = bead
        if progress is not None:
            progress(1)
    return out


def _sources_of(clause: str, bead: SentenceBead, texts: dict[str, str]) -> tuple[str, ...]:
    """Ids of the bead's source sentences that contain ``clause``'s text."""
    ids = tuple(i for i in bead.source if texts.get(i) and (
        clause in texts[i] or texts[i] in clause))
    return ids or bead.source


def _aligned(bead: SentenceBead, tid: str, checker: ClauseChecker, p: DivergenceParams,
             make: RecordMaker, texts: dict[str, str]) -> list[Divergence]:
    out = []
    src, tgt = checker.src, checker.tgt
    diff = compare(src.read_numbers(bead.source_text), tgt.read_numbers(bead.target_text))
    if diff:
        parts = []
        if diff.missing:
            parts.append(f"{', '.join(map(str, diff.missing))} of the {src.name} "
                         f"{'is' if len(diff.missing) == 1 else 'are'} not in {tid}")
        if diff.extra:
            parts.append(f"{', '.join(map(str, diff.extra))} in {tid} "
                         f"{'is' if len(diff.extra) == 1 else 'are'} not in the {src.name}")
        out.append(make(tid, "number_mismatch", "high", bead.article, bead.source, bead.target,
                        bead.source_text, bead.target_text, "Numbers differ: " + "; ".join(parts)
                        + ".", missing=[str(n) for n in diff.missing],
                        extra=[str(n) for n in diff.extra], similarity=bead.similarity))
    gaps = checker.gaps(bead.source_text, bead.target_text,
                        frozenset(n.value for n in diff.missing))
    for clause in gaps.omitted:
        nums = src.read_numbers(clause)
        long = content_chars(clause) >= p.long_omission_chars
        out.append(make(tid, "omission", "high" if nums or long else "medium", bead.article,
                        _sources_of(clause, bead, texts), bead.target, clause, bead.target_text,
                        f"This clause is not rendered in {tid}.", level="clause",
                        numbers=[str(n) for n in nums], similarity=bead.similarity))
    for clause in gaps.added:
        out.append(make(tid, "addition", "medium", bead.article, bead.source, bead.target,
                        bead.source_text, clause,
                        f"This clause of {tid} has no source in the {src.name}.",
                        level="clause",
                        similarity=bead.similarity))
    if (not gaps.omitted and not gaps.added and bead.similarity is not None
            and bead.similarity < p.low_similarity):
        out.append(make(tid, "low_similarity", "low", bead.article, bead.source, bead.target,
                        bead.source_text, bead.target_text,
                        f"Low similarity ({bead.similarity:.2f}): the meaning may have shifted.",
                        similarity=bead.similarity))
    return out
