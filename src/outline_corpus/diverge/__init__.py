"""Divergence detection: where translations differ from the original, and defects of
the original itself, each with its evidence.

Kinds: structural (missing_article, missing_heading, missing_list_item, extra_unit,
numbering_anomaly, fused_heading, front_matter), content (omission and addition of
sentences, clauses and words, lists the Chinese leaves open with 等 given closed,
meaning_shift, an English word said twice in a coordination, modifiers put in
another order and government bodies named otherwise than by their English names among
them,
number_mismatch, list_difference, low_similarity) and of the original
(source_suspect, source_noise). Word-level records come with the word gaps they are
made of (:class:`WordGap`), which the review page marks."""

from __future__ import annotations

from dataclasses import dataclass

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.corpus import Alignment
from outline_corpus.align.embed import Embedder
from outline_corpus.diverge.content import content_records
from outline_corpus.diverge.crossdoc import noise_records, suspect_records
from outline_corpus.diverge.doubled import doubled_records
from outline_corpus.diverge.duplicated import find_repeats, repeat_records, said_twice
from outline_corpus.diverge.lists import list_records
from outline_corpus.diverge.names import name_records
from outline_corpus.diverge.openlists import open_list_records
from outline_corpus.diverge.place import place
from outline_corpus.diverge.records import Divergence, DivergenceParams, RecordMaker, WordGap
from outline_corpus.diverge.reordered import reordered_records
from outline_corpus.diverge.structure import structure_records
from outline_corpus.diverge.wordlink import link_alignments, linkable
from outline_corpus.diverge.words import word_records
from outline_corpus.model import Document
from outline_corpus.progress import StageProgress, ticker

__all__ = ["Divergence", "DivergenceParams", "Findings", "WordGap", "beads_to_check",
           "detect_divergences", "find_divergences"]


@dataclass(frozen=True)
class Findings:
    """The divergence records of one original's translations, and the word gaps
    (marked on the review page) that the word-level records are made of."""

    records: tuple[Divergence, ...]
    gaps: tuple[WordGap, ...]


def detect_divergences(original: Document, translations: dict[str, Document],
                       alignments: list[Alignment], embedder: Embedder,
                       cache: EmbeddingCache, params: DivergenceParams | None = None
                       ) -> list[Divergence]:
    """Every divergence record of ``translations`` (by id) from ``original``, given
    their alignments; records of the original itself come first."""
    return list(find_divergences(original, translations, alignments, embedder, cache,
                                 params).records)


def beads_to_check(alignments: list[Alignment]) -> int:
    """The progress :func:`find_divergences` reports as it checks ``alignments``: each
    bead once for its clauses, each two-sided bead once more for its words."""
    return sum(len(al.beads) + sum(1 for b in al.beads if linkable(b)) for al in alignments)


def find_divergences(original: Document, translations: dict[str, Document],
                     alignments: list[Alignment], embedder: Embedder,
                     cache: EmbeddingCache, params: DivergenceParams | None = None,
                     beads: StageProgress | None = None, words: StageProgress | None = None
                     ) -> Findings:
    """The records of :func:`detect_divergences` and the word gaps behind them.
    ``beads`` advances as beads are checked (:func:`beads_to_check` in all), ``words``
    expects the words and phrases of the beads to embed, then advances as they are."""
    p = params or DivergenceParams()
    make = RecordMaker()
    out = noise_records(original, make)
    content: list[Divergence] = []
    texts = {s.id: s.text for s in original.sentences()}
    for al in alignments:
        doc = translations[al.translation]
        out.extend(structure_records(original, doc, al, make))
        content.extend(content_records(al, embedder, cache, p, make, texts, ticker(beads)))
    linked = link_alignments(alignments, texts, original.joiner, embedder, cache,
                             ticker(beads), words)
    covered = {(r.doc, sid, r.original_text) for r in content if r.kind == "omission"
               for sid in r.original_ids}
    twice = find_repeats(linked, texts, p.word_rendered)
    word_level, gaps = word_records(linked, p, make, covered, original.id,
                                    said_twice(twice, linked, p.word_rendered))
    out.extend(content)
    out.extend(list_records(original, translations, alignments, content, make))
    out.extend(suspect_records(alignments, embedder, p, make))
    out.extend(word_level)
    if not p.skip_open_lists:
        closed, closers = open_list_records(linked, texts, make)
        out.extend(closed)
        gaps = [*gaps, *closers]
    doubles, marks = doubled_records(linked, make)
    out.extend(doubles)
    gaps = [*gaps, *marks]
    out.extend(reordered_records(linked, make))
    out.extend(repeat_records(twice, linked, texts, original.id, make))
    if not p.skip_official_names:
        out.extend(name_records(linked, texts, make, p.names_text))
    return Findings(tuple(place(out, original, translations, alignments)), tuple(gaps))
