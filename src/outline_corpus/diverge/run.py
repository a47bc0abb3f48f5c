"""Finding the divergences of a corpus and writing them as JSON and Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.corpus import Alignment, Report, align_translation
from outline_corpus.align.dp import AlignParams
from outline_corpus.align.embed import Embedder, load_embedder
from outline_corpus.align.output import atomic_write, dumps
from outline_corpus.diverge import detect_divergences
from outline_corpus.diverge.records import KINDS, SEVERITIES, Divergence, DivergenceParams
from outline_corpus.errors import OutlineCorpusError, ParameterError
from outline_corpus.manifest import load_manifest
from outline_corpus.model import Document
from outline_corpus.parse import parse_corpus
from outline_corpus.summary import signature


def compare(docs: list[Document], translation_ids: list[str], embedder: Embedder,
            cache: EmbeddingCache, align_params: AlignParams | None = None,
            params: DivergenceParams | None = None, report: Report | None = None
            ) -> tuple[list[Alignment], list[Divergence]]:
    """Align each translation in ``translation_ids`` to its original and find the
    divergences of each original's group of translations."""
    by_id = {d.id: d for d in docs}
    alignments: list[Alignment] = []
    records: list[Divergence] = []
    for original_id in dict.fromkeys(str(by_id[t].meta.original) for t in translation_ids):
        group = {t: by_id[t] for t in translation_ids if by_id[t].meta.original == original_id}
        found = [align_translation(by_id[original_id], d, embedder, cache, align_params,
                                   report) for d in group.values()]
        alignments.extend(found)
        records.extend(detect_divergences(by_id[original_id], group, found, embedder, cache,
                                          params or DivergenceParams()))
    return alignments, records


def find_divergences(raw_dir: str | Path, model: str, cache_path: str | Path | None,
                     doc_ids: list[str] | None = None, params: DivergenceParams | None = None,
                     align_params: AlignParams | None = None
                     ) -> tuple[list[Divergence], dict[str, Any]]:
    """Records of the translations ``doc_ids`` (default: all) and of their originals,
    with the signature of the run."""
    manifest = load_manifest(raw_dir)
    chosen = [m.id for m in manifest.select(doc_ids) if m.role == "translation"]
    if not chosen:
        raise OutlineCorpusError("no translation among the documents chosen; nothing to compare")
    embedder = load_embedder(model)
    cache = EmbeddingCache(cache_path)
    p = params or DivergenceParams()
    try:
        _, records = compare(parse_corpus(raw_dir), chosen, embedder, cache, align_params, p)
    finally:
        cache.close()
    sig = signature(model=embedder.name, **p.signature(),
                    **(align_params or AlignParams()).signature())
    return records, sig


def select(records: list[Divergence], kinds: list[str] | None = None,
           severities: list[str] | None = None, article: int | None = None
           ) -> list[Divergence]:
    """Records of the given kinds, severities and article (all when not given)."""
    for kind in kinds or ():
        if kind not in KINDS:
            raise ParameterError(f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})")
    for sev in severities or ():
        if sev not in SEVERITIES:
            raise ParameterError(f"unknown severity {sev!r} (high, medium or low)")
    return [r for r in records if (not kinds or r.kind in kinds)
            and (not severities or r.severity in severities)
            and (article is None or r.article == article)]


def markdown(records: list[Divergence], sig: dict[str, Any]) -> str:
    """A readable report grouped by article (then the rest), most severe first."""
    rank = {s: k for k, s in enumerate(SEVERITIES)}
    lines = ["# Divergences", "", f"Produced by {sig['toolkit']} {sig['version']} with model "
             f"`{sig['params']['model']}`. {len(records)} records.", ""]
    groups: dict[int | None, list[Divergence]] = {}
    for r in records:
        groups.setdefault(r.article, []).append(r)
    for article in sorted(groups, key=lambda a: (a is None, a or 0)):
        lines += [f"## Article {article}" if article is not None else "## Outside articles", ""]
        for r in sorted(groups[article], key=lambda x: (rank[x.severity], x.doc, x.kind, x.id)):
            lines.append(f"- **{r.kind}** ({r.severity}, {r.doc}): {r.message}")
            if r.zh_text:
                lines.append(f"  - zh: {_quote(r.zh_text)}")
            if r.en_text:
                lines.append(f"  - en: {_quote(r.en_text)}")
            lines.append(f"  - id: `{r.id}`")
        lines.append("")
    return "\n".join(lines)


def _quote(text: str, limit: int = 300) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[:limit] + " …"


def write_reports(records: list[Divergence], sig: dict[str, Any], out_dir: str | Path) -> None:
    """``divergences.json`` (signature and records) and ``divergences.md``."""
    out = Path(out_dir)
    atomic_write(out / "divergences.json",
                 dumps({"signature": sig, "records": [r.as_dict() for r in records]}))
    atomic_write(out / "divergences.md", markdown(records, sig))
