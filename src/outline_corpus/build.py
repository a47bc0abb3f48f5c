"""One build: parse every document, align every translation, find divergences, write
the alignment files, the divergence reports, the corpus database and every export."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.corpus import Report
from outline_corpus.align.dp import AlignParams
from outline_corpus.align.embed import load_embedder
from outline_corpus.align.output import write_alignments
from outline_corpus.diverge.records import DivergenceParams
from outline_corpus.diverge.run import compare, write_reports
from outline_corpus.export import FORMATS, export_corpus
from outline_corpus.parse import parse_corpus
from outline_corpus.store.links import find_links
from outline_corpus.store.write import write_store
from outline_corpus.summary import signature

DB_NAME = "corpus.sqlite"


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, with counts and its wall time in seconds."""

    database: Path
    documents: int
    sentences: int
    beads: int
    divergences: int
    seconds: float
    signature: dict[str, Any]
    exports: tuple[Path, ...] = ()


def build_corpus(raw_dir: str | Path, out_dir: str | Path, model: str,
                 cache_path: str | Path | None,
                 report: Report | None = None) -> BuildResult:
    """Run the whole pipeline on the corpus in ``raw_dir``; write into ``out_dir``."""
    start = time.perf_counter()
    docs = parse_corpus(raw_dir)
    embedder = load_embedder(model)
    cache = EmbeddingCache(cache_path)
    align_params, div_params = AlignParams(), DivergenceParams()
    translations = [d.id for d in docs if d.meta.role == "translation"]
    related = [d for d in docs if d.meta.role == "related"]
    try:
        alignments, records = compare(docs, translations, embedder, cache, align_params,
                                      div_params, report)
        links = [link for d in docs if d.meta.role == "original"
                 for link in find_links(d, related, embedder, cache)]
        vectors: dict[str, np.ndarray] = {}
        for d in docs:
            sents = list(d.all_sentences())
            vecs = embedder.windows([s.text for s in sents], 1, d.joiner, cache)[0]
            vectors.update((s.id, v) for s, v in zip(sents, vecs, strict=True))
    finally:
        cache.close()
    sig = signature(model=embedder.name, **align_params.signature(),
                    **div_params.signature())
    out = Path(out_dir)
    write_alignments(alignments, {d.id: d for d in docs}, out)
    write_reports(records, sig, out)
    db = write_store(out / DB_NAME, docs, alignments, records, sig, links, vectors, model)
    exported = export_corpus(db, out, FORMATS)
    return BuildResult(db, len(docs), len(vectors),
                       sum(len(al.beads) for al in alignments), len(records),
                       round(time.perf_counter() - start, 2), sig,
                       tuple(f.path for f in exported))
