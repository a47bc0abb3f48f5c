"""Divergence detection: where translations differ from the original, and defects of
the original itself, each with its evidence.

Kinds: structural (missing_article, missing_heading, missing_list_item, extra_unit,
numbering_anomaly, fused_heading, front_matter), content (omission and addition of
sentences and clauses, number_mismatch, list_difference, low_similarity) and of the
original (source_suspect, source_noise)."""

from __future__ import annotations

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.corpus import Alignment
from outline_corpus.align.embed import Embedder
from outline_corpus.diverge.content import content_records
from outline_corpus.diverge.crossdoc import noise_records, suspect_records
from outline_corpus.diverge.lists import list_records
from outline_corpus.diverge.place import place
from outline_corpus.diverge.records import Divergence, DivergenceParams, RecordMaker
from outline_corpus.diverge.structure import structure_records
from outline_corpus.model import Document

__all__ = ["Divergence", "DivergenceParams", "detect_divergences"]


def detect_divergences(original: Document, translations: dict[str, Document],
                       alignments: list[Alignment], embedder: Embedder,
                       cache: EmbeddingCache, params: DivergenceParams | None = None
                       ) -> list[Divergence]:
    """Every divergence record of ``translations`` (by id) from ``original``, given
    their alignments; records of the original itself come first."""
    p = params or DivergenceParams()
    make = RecordMaker()
    out = noise_records(original, make)
    content: list[Divergence] = []
    texts = {s.id: s.text for s in original.sentences()}
    for al in alignments:
        doc = translations[al.translation]
        out.extend(structure_records(original, doc, al, make))
        content.extend(content_records(al, embedder, cache, p, make, texts))
    out.extend(content)
    out.extend(list_records(original, translations, alignments, content, make))
    out.extend(suspect_records(alignments, embedder, p, make))
    return place(out, original, translations, alignments)
