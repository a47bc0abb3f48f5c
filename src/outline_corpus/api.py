"""The public API: one function per task (parse, show, align, compare, build, export,
query). Every knob comes from one :class:`~outline_corpus.config.Config`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from outline_corpus.config import Config, ExportParams
from outline_corpus.errors import ParameterError, UnknownUnitError
from outline_corpus.lookup import article_number, group_spans, number_ranges
from outline_corpus.lookup import find_unit as _find_unit
from outline_corpus.manifest import load_manifest
from outline_corpus.model import Article, Document, Sentence, Turn, Unit
from outline_corpus.parse import parse_corpus as _parse_corpus
from outline_corpus.parse import parse_document as _parse_document
from outline_corpus.progress import Report

if TYPE_CHECKING:
    from outline_corpus.align.batch import BatchResult
    from outline_corpus.align.corpus import Alignment
    from outline_corpus.align.dp import Bead
    from outline_corpus.align.evaluate import Scores
    from outline_corpus.align.pairs import PairsSpec
    from outline_corpus.decisions import Decision
    from outline_corpus.diverge.records import Divergence
    from outline_corpus.export import ExportedFile
    from outline_corpus.store.decisions import Merged
    from outline_corpus.store.query import ArticleView, Hit
    from outline_corpus.store.similar import SimilarResult

DEFAULT_RAW = Path("data/raw")


def parse_corpus(raw_dir: str | Path = DEFAULT_RAW,
                 doc_ids: list[str] | tuple[str, ...] | None = None,
                 semicolon: bool = False, outside_raw: bool = False,
                 progress: Callable[[str, int, int], None] | None = None) -> list[Document]:
    """Parse the documents ``doc_ids`` (default: all) listed in ``raw_dir/manifest.toml``.

    ``semicolon`` also ends Chinese sentences at ；; ``outside_raw`` lets the manifest
    name files outside ``raw_dir``; ``progress(doc_id, done, total)`` is told the
    characters of each document parsed so far (0 first, ``total`` last)."""
    return _parse_corpus(raw_dir, doc_ids, semicolon, outside_raw, progress=progress)


def parse_document(doc_id: str, raw_dir: str | Path = DEFAULT_RAW,
                   semicolon: bool = False, outside_raw: bool = False) -> Document:
    """Parse one document of the corpus in ``raw_dir``."""
    return _parse_document(load_manifest(raw_dir, outside_raw), doc_id, semicolon)


def get_unit(doc: Document, number: int) -> Article | Turn:
    """Article ``number`` of a policy document, or turn ``number`` of a transcript.

    Raises :class:`UnknownUnitError` naming the numbers that exist."""
    if doc.meta.structure == "transcript":
        for turn in doc.turns:
            if turn.index == number:
                return turn
        raise UnknownUnitError(f"{doc.id} has no turn {number} (turns 1-{len(doc.turns)})")
    art = doc.article(number)
    if art is None:
        have = number_ranges([a.number for a in doc.articles])
        raise UnknownUnitError(f"{doc.id} has no article {number} (articles: {have})")
    return art


def find_unit(doc: Document, key: str | int) -> Article | Turn | Unit:
    """The unit of ``doc`` that ``key`` names: an article (or turn) number, a label as
    written (``第十二条``, ``Article 12``), a path (``art-12``, ``chap-2/art-12``,
    ``part-2``, ``preamble``, ``front-1``), or ``front`` / ``back`` for all the front or
    back matter. Articles and turns come back as themselves, any other unit as its tree
    node (a group as a node spanning its members)."""
    number = article_number(key)
    if number is not None:
        return get_unit(doc, number)
    groups = [Unit(f"{doc.id}/{kind}", kind, "", None, (kind,), None, start, end)
              for kind, (start, end) in group_spans(doc.units).items()]
    node = _find_unit(doc.id, [*doc.units, *groups], str(key))
    found: dict[str, Article | Turn] = {a.id: a for a in doc.articles}
    found.update((t.id, t) for t in doc.turns)
    return found.get(node.id, node)


def unit_sentences(doc: Document, unit: Article | Turn | Unit) -> list[Sentence]:
    """The sentences of ``unit`` in text order (those inside its raw span)."""
    if isinstance(unit, (Article, Turn)):
        return list(unit.sentences)
    return [s for s in doc.all_sentences() if unit.start <= s.start and s.end <= unit.end]


def get_article(raw_dir: str | Path, doc_id: str, number: int | str,
                semicolon: bool = False, outside_raw: bool = False
                ) -> tuple[Document, Article | Turn | Unit]:
    """The document ``doc_id`` and its unit ``number`` (an article or turn number, a
    label or a path; see :func:`find_unit`)."""
    doc = parse_document(doc_id, raw_dir, semicolon, outside_raw)
    return doc, find_unit(doc, number)


DEFAULT_ALIGNED = Path("data/aligned")


def align_corpus(raw_dir: str | Path = DEFAULT_RAW, out_dir: str | Path = DEFAULT_ALIGNED,
                 config: Config | None = None, cache_path: str | Path | None = None,
                 doc_ids: list[str] | None = None, report: Report | None = None,
                 warn: Callable[[str], None] | None = None,
                 force: bool = False) -> list[Alignment]:
    """Align every translation (or those in ``doc_ids``) to its original and write
    ``{translation}.alignment.json`` and ``{original}.parallel.json`` into ``out_dir``:
    the pipeline run to its ``align`` stage. ``cache_path=None`` keeps embeddings in
    memory only; ``report(stage, done, total)`` is told each stage's progress (see
    :mod:`outline_corpus.progress`); ``warn`` is given each of the run's warnings;
    ``force`` replaces the outputs of another corpus in ``out_dir``."""
    from outline_corpus.pipeline import run

    res = run(raw_dir, out_dir, config, "align", doc_ids, cache_path, report, force=force)
    if warn is not None:
        for warning in res.warnings:
            warn(warning)
    return list(res.alignments)


def align_files(src: str | Path, tgt: str | Path, config: Config | None = None,
                cache_path: str | Path | None = None,
                progress: Callable[[int], None] | None = None,
                warn: Callable[[str], None] | None = None) -> list[Bead]:
    """Beads aligning two sentence-per-line files (ids are 0-based line numbers);
    ``warn`` is given each warning of the embedding cache."""
    from outline_corpus.align.cache import EmbeddingCache
    from outline_corpus.align.embed import load_embedder
    from outline_corpus.align.files import align_files as run
    from outline_corpus.align.files import read_sentences

    config = config or Config()
    source, target = read_sentences(src), read_sentences(tgt)
    embedder = load_embedder(config.model)
    cache = EmbeddingCache(cache_path)
    try:
        beads = run(source, target, embedder, cache, config.align, progress)
    finally:
        cache.close()
    if warn is not None:
        for warning in cache.warnings:
            warn(warning)
    return beads


def align_pairs(pairs: PairsSpec, config: Config | None = None,
                workers: int | None = None, scheduler: str | None = None,
                cache_path: str | Path | None = None, scores: bool = False,
                write: bool = True, report: Report | None = None,
                warn: Callable[[str], None] | None = None) -> BatchResult:
    """Align many pairs of sentence-per-line files in one run and write each pair's
    bead file, all together once every pair is aligned (``write=False``: none).

    ``pairs``: a TSV (``source<TAB>target<TAB>output`` a line, ``#`` comments, paths
    relative to its folder) or a list of :class:`Pair` or of ``(source, target,
    output)``. Everything is checked before any work. Each bead file holds the bytes
    :func:`align_files` and ``align-files SRC TGT --out OUT`` give for its pair
    (``scores``: with each bead's confidence). The model loads once per process, and
    only this process writes the cache; the embedding and the DPs run here
    (``workers=0``), on a local Dask cluster of ``workers`` processes, or on the cluster
    at ``scheduler``; ``None``: see :func:`~outline_corpus.align.batch.default_workers`.
    ``report`` is told the ``embed`` and ``align`` stages; ``warn`` each warning of the
    embedding cache."""
    from outline_corpus.align.batch import align_checked, default_workers, runner
    from outline_corpus.align.cache import EmbeddingCache
    from outline_corpus.align.embed import load_embedder
    from outline_corpus.align.output import atomic_write_all, beads_text
    from outline_corpus.align.pairs import as_pairs, check_pairs

    config = config or Config()
    if workers is not None and scheduler is not None:
        raise ParameterError("give workers or a scheduler, not both")
    if workers is not None and workers < 0:
        raise ParameterError(f"workers {workers} must be 0 (in-process) or more")
    listed, tsv = as_pairs(pairs)
    checked = check_pairs(listed, tsv)
    embedder = load_embedder(config.model)
    cache = EmbeddingCache(cache_path)
    n = default_workers(len(checked)) if workers is None else workers
    try:
        with runner(n if scheduler is None else 0, scheduler) as jobs:
            result = align_checked(checked, embedder, cache, config.align, jobs, report)
    finally:
        cache.close()
    if write:
        atomic_write_all([(r.pair.out, beads_text(list(r.beads), scores))
                          for r in result.pairs])
    if warn is not None:
        for warning in result.warnings:
            warn(warning)
    return result


def evaluate(gold: str | Path, test: str | Path) -> dict[str, Scores]:
    """Strict and lax precision, recall and F1 of ``test`` against ``gold`` (files, or
    directories matched by file name with an ``"all"`` micro-average)."""
    from outline_corpus.align.evaluate import evaluate_paths

    return evaluate_paths(gold, test)


def divergences(raw_dir: str | Path = DEFAULT_RAW,
                out_dir: str | Path | None = DEFAULT_ALIGNED, config: Config | None = None,
                cache_path: str | Path | None = None, doc_ids: list[str] | None = None,
                kinds: list[str] | None = None, severities: list[str] | None = None,
                article: int | str | None = None,
                warn: Callable[[str], None] | None = None,
                force: bool = False, report: Report | None = None) -> list[Divergence]:
    """Divergence records of the translations (default: all), filtered by kind,
    severity and article: the pipeline run to its ``diverge`` stage, which writes the
    alignments and every record (``divergences.json``, ``divergences.md``) into
    ``out_dir`` (``None``: write nothing). ``article`` is a number, or an article or
    division named by label or path in the original; ``warn`` is told each warning of
    the run (a document read flat, a pair aligned as one run); ``report`` each stage's
    progress, as for :func:`align_corpus`."""
    from outline_corpus.diverge.reports import select
    from outline_corpus.pipeline import analyse, run

    select([], kinds, severities)  # refuse unknown kinds and severities before the work
    def known(docs: list[Document], translations: list[str]) -> None:
        if article is not None:  # refused before anything is aligned or written
            _articles_of(tuple(docs), tuple(translations), article)

    res = (analyse(raw_dir, config or Config(), "diverge", doc_ids, cache_path, report,
                   check=known)
           if out_dir is None else run(raw_dir, out_dir, config, "diverge", doc_ids,
                                       cache_path, report, force=force, check=known))
    if warn is not None:
        for warning in res.warnings:
            warn(warning)
    chosen = select(list(res.records), kinds, severities)
    if article is None:
        return chosen
    numbers = _articles_of(res.docs, res.translations, article)
    by_id = {d.id: d for d in res.docs}
    return [r for r in chosen
            if r.article in numbers.get(str(by_id[r.doc].meta.original or r.doc), ())]


def _articles_of(docs: tuple[Document, ...], translations: tuple[str, ...],
                 key: int | str) -> dict[str, list[int]]:
    """Per original of ``translations``, the article numbers ``key`` covers in it."""
    from outline_corpus.lookup import article_numbers

    by_id = {d.id: d for d in docs}
    originals = dict.fromkeys(str(by_id[t].meta.original) for t in translations)
    number = article_number(key)
    if number is not None:
        return {original: [number] for original in originals}
    found: dict[str, list[int]] = {}
    errors: list[UnknownUnitError] = []
    for original in originals:
        try:
            found[original] = article_numbers(original, by_id[original].units, key)
        except UnknownUnitError as exc:
            errors.append(exc)
    if errors and not found:
        raise errors[0]
    return found


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
    warnings: tuple[str, ...] = ()


def build(raw_dir: str | Path = DEFAULT_RAW, out_dir: str | Path = DEFAULT_ALIGNED,
          config: Config | None = None, cache_path: str | Path | None = None,
          report: Report | None = None,
          formats: list[str] | None = None, force: bool = False) -> BuildResult:
    """The whole pipeline: parse, align, find divergences, link related documents, and
    write the reports, the database ``out_dir/corpus.sqlite`` and the exports (every
    format unless ``formats``), all published together or not at all; ``report`` is
    told each stage's progress, as for :func:`align_corpus`; ``force`` replaces the
    outputs of another corpus in ``out_dir``."""
    from outline_corpus.pipeline import DB_NAME, run

    start = time.perf_counter()
    res = run(raw_dir, out_dir, config, "export", None, cache_path, report, formats, force)
    db = Path(out_dir) / DB_NAME
    exports = res.written[res.written.index(db) + 1:]  # what the export stage wrote
    return BuildResult(db, len(res.docs), len(res.vectors),
                       sum(len(al.beads) for al in res.alignments), len(res.records),
                       round(time.perf_counter() - start, 2), res.signature, exports,
                       res.warnings)


def export(db: str | Path | None = None, out_dir: str | Path | None = None,
           formats: list[str] | None = None, docs: list[str] | None = None,
           include_unaligned: bool = False, params: ExportParams | None = None
           ) -> list[ExportedFile]:
    """Write exports of the built corpus (every format unless ``formats``) into
    ``out_dir`` (default: the database's directory); ``params`` chooses what the TMX
    files hold (default :class:`ExportParams`). Without ``formats``, a format with
    nothing to write for the chosen documents (TMX of a related document) is left
    out; a format asked for by name is not. See :func:`export_corpus`."""
    from outline_corpus.export import FORMATS, export_corpus
    from outline_corpus.store.query import DEFAULT_DB

    db_path = Path(db or DEFAULT_DB)
    return export_corpus(db_path, out_dir or db_path.parent, formats or FORMATS, docs,
                         include_unaligned, skip_empty=not formats, params=params)


def search(query: str, db: str | Path | None = None, lang: str | None = None,
           doc: str | None = None, article: int | str | None = None, parallel: bool = False,
           limit: int = 20, fts: bool = False) -> list[Hit]:
    """Full-text search of the built corpus: the words of ``query`` (or, with ``fts``,
    ``query`` as FTS5 syntax); see :meth:`Corpus.search`."""
    from outline_corpus.languages import REGISTRY
    from outline_corpus.store.query import DEFAULT_DB, Corpus

    if lang is not None and lang not in REGISTRY:
        raise ParameterError(f"unknown language {lang!r} for --lang (languages: "
                             f"{', '.join(REGISTRY)})")
    with Corpus.open(db or DEFAULT_DB) as corpus:
        return corpus.search(query, lang, doc, article, parallel, limit, fts)


def stats(db: str | Path | None = None) -> dict[str, Any]:
    """Counts of the built corpus: per document, bead kinds, divergence kinds."""
    from outline_corpus.store.query import DEFAULT_DB, Corpus

    with Corpus.open(db or DEFAULT_DB) as corpus:
        return corpus.stats()


def article_view(number: int, db: str | Path | None = None,
                 docs: list[str] | None = None) -> ArticleView:
    """Article ``number`` side by side in every version (see :meth:`Corpus.article`)."""
    return unit_view(str(number), None, db, docs)


def unit_view(key: str, scope: str | None = None, db: str | Path | None = None,
              docs: list[str] | None = None) -> ArticleView:
    """Unit ``key`` (number, label or path) of the original of work or document
    ``scope`` side by side in every version (see :meth:`Corpus.unit`)."""
    from outline_corpus.store.query import DEFAULT_DB, Corpus

    with Corpus.open(db or DEFAULT_DB) as corpus:
        return corpus.unit(key, scope, docs)


def links(db: str | Path | None = None, article: int | str | None = None,
          doc: str | None = None) -> list[dict[str, Any]]:
    """Related passages and the articles they discuss (see :meth:`Corpus.links`)."""
    from outline_corpus.store.query import DEFAULT_DB, Corpus

    with Corpus.open(db or DEFAULT_DB) as corpus:
        return corpus.links(article, doc)


def similar(text: str, db: str | Path | None = None, lang: str | None = None,
            doc: str | None = None, limit: int = 10) -> SimilarResult:
    """Sentences closest in meaning to ``text`` (see :meth:`Corpus.similar`), with what
    their scores mean in this corpus; a text of one or two words is searched as words,
    with the renderings of each hit (see :func:`~outline_corpus.store.similar.find_similar`)."""
    from outline_corpus.store.query import DEFAULT_DB, Corpus
    from outline_corpus.store.similar import find_similar

    with Corpus.open(db or DEFAULT_DB) as corpus:
        return find_similar(corpus, text, lang, doc, limit)


def import_review(file: str | Path, db: str | Path | None = None) -> Merged:
    """Store the reviewer's decisions of the review file ``file`` (the review page's
    'Export decisions') in the corpus database; a rebuild of the same output directory
    carries them over, and every export shows them (see :mod:`outline_corpus.decisions`)."""
    from outline_corpus.store.decisions import import_review as _import
    from outline_corpus.store.query import DEFAULT_DB

    return _import(file, db or DEFAULT_DB)


def review_decisions(db: str | Path | None = None, stale: bool = False) -> list[Decision]:
    """The decisions stored in the corpus database (``stale``: only those that match no
    record or bead of this build)."""
    from outline_corpus.store.query import DEFAULT_DB, Corpus

    with Corpus.open(db or DEFAULT_DB) as corpus:
        return [d for d in corpus.decisions() if not (stale and d.applies)]
