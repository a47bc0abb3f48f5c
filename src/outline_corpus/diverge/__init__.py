"""Divergence detection: where translations differ from the original, and defects of
the original itself, each with its evidence.

Done so far: structural kinds (missing_article, missing_heading, extra_unit,
numbering_anomaly, fused_heading, front_matter), content kinds (omission and addition
of sentences and clauses, number_mismatch, low_similarity) and source_noise."""

from __future__ import annotations

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.corpus import Alignment
from outline_corpus.align.embed import Embedder
from outline_corpus.diverge.content import content_records
from outline_corpus.diverge.crossdoc import noise_records
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
    for al in alignments:
        doc = translations[al.translation]
        out.extend(structure_records(original, doc, al, make))
        out.extend(content_records(al, embedder, cache, p, make))
    return out
