"""Aligning a whole corpus and writing the results under ``data/aligned/``."""

from __future__ import annotations

from pathlib import Path

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.corpus import Alignment, Report, align_translation
from outline_corpus.align.dp import AlignParams
from outline_corpus.align.embed import DEFAULT_MODEL, load_embedder
from outline_corpus.align.output import write_alignments
from outline_corpus.errors import OutlineCorpusError
from outline_corpus.manifest import load_manifest
from outline_corpus.parse import parse_corpus


def align_corpus(raw_dir: str | Path, out_dir: str | Path, model: str = DEFAULT_MODEL,
                 params: AlignParams | None = None, cache_path: str | Path | None = None,
                 doc_ids: list[str] | None = None, report: Report | None = None
                 ) -> list[Alignment]:
    """Align every translation in the manifest of ``raw_dir`` (or those in ``doc_ids``)
    to its original and write ``{translation}.alignment.json`` and
    ``{original}.parallel.json`` into ``out_dir``."""
    manifest = load_manifest(raw_dir)
    chosen = manifest.select(doc_ids)
    translations = [m for m in chosen if m.role == "translation"]
    if not translations:
        raise OutlineCorpusError("no translation among the documents chosen; nothing to align")
    docs = {d.id: d for d in parse_corpus(raw_dir)}
    embedder = load_embedder(model)
    cache = EmbeddingCache(cache_path)
    results: list[Alignment] = []
    try:
        for meta in translations:
            original = docs[str(meta.original)]  # the manifest loader checked it exists
            al = align_translation(original, docs[meta.id], embedder, cache, params, report)
            results.append(al)
        write_alignments(results, docs, out_dir)
    finally:
        cache.close()
    return results
