"""The one pipeline: parse → align → diverge → link → store → export.

Each stage is a plain function over the in-memory results of the stages before it.
:func:`run` runs the stages up to the one asked for and writes what each stage it ran
produces: ``align`` the alignment files, ``diverge`` the divergence reports, ``store``
the database, ``export`` every export. The outputs are published all at once, in
place of the previous run's (see :mod:`outline_corpus.publish`). The ``align``,
``diff`` and ``build`` commands are this pipeline run to ``align``, ``diverge`` and
``export``. A run tells a ``report(stage, done, total)`` callback how far each stage
has got (see :mod:`outline_corpus.progress`): ``parse``, ``embed`` (every sentence the
later stages need, embedded once), ``align``, ``diverge``, ``words``, ``link``,
``write`` and ``export``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from outline_corpus.blas import one_blas_thread
from outline_corpus.config import Config
from outline_corpus.errors import ExportError, OutlineCorpusError, OutputError, ParameterError
from outline_corpus.manifest import load_manifest
from outline_corpus.model import Document
from outline_corpus.progress import Report, Tally
from outline_corpus.publish import Corpus, publishing

if TYPE_CHECKING:
    import numpy as np

    from outline_corpus.align.cache import EmbeddingCache
    from outline_corpus.align.corpus import Alignment
    from outline_corpus.align.embed import Embedder
    from outline_corpus.diverge.records import Divergence, WordGap
    from outline_corpus.link import Link

#: A check of the parsed documents and the translations to align, before the work.
Check = Callable[[list[Document], list[str]], None]
STAGES = ("parse", "align", "diverge", "link", "store", "export")
#: The file name of the corpus database in the output directory.
DB_NAME = "corpus.sqlite"
#: The knob groups each stage's outputs depend on (with the model and the splitter).
_GROUPS = {"parse": (), "align": ("align",), "diverge": ("align", "divergence"),
           "link": ("align", "divergence", "links")}


@dataclass(frozen=True)
class Results:
    """What the stages run produced. ``translations`` are the ids aligned; ``vectors``
    maps sentence ids to their embeddings (filled for the store); ``written`` lists
    the files written, in order; ``signature`` names every knob of the run; ``gaps``
    are the word gaps behind the word-level records; ``dropped`` the files of the
    previous run in the output directory that this one did not remake (removed: they
    would disagree with the new outputs); ``repaired`` the warnings of the stores read
    (damaged cached vectors embedded again; review decisions of the previous build that
    could not be read or no longer apply)."""

    stage: str
    docs: tuple[Document, ...]
    translations: tuple[str, ...] = ()
    alignments: tuple[Alignment, ...] = ()
    records: tuple[Divergence, ...] = ()
    links: tuple[Link, ...] = ()
    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    signature: dict[str, Any] = field(default_factory=dict)
    written: tuple[Path, ...] = ()
    gaps: tuple[WordGap, ...] = ()
    dropped: tuple[str, ...] = ()
    repaired: tuple[str, ...] = ()

    @property
    def warnings(self) -> tuple[str, ...]:
        """What a user must know about the run: documents read flat (no structure
        profile fits) and pairs aligned as one run, with why; damaged cached vectors
        embedded again; files of the previous run removed from the output directory."""
        flat = [f"{d.id}: {diag.message}" for d in self.docs for diag in d.diagnostics
                if diag.kind == "no_structure"]
        dropped = ([f"removed {', '.join(self.dropped)} of the previous run from the output "
                    "directory: they would disagree with these outputs"]
                   if self.dropped else [])
        return (*flat, *(f"{al.translation}: {w}" for al in self.alignments
                         for w in al.warnings), *self.repaired, *dropped)


def parse_stage(raw_dir: str | Path, config: Config, doc_ids: list[str] | None = None,
                report: Report | Tally | None = None) -> tuple[list[Document], list[str]]:
    """Every document of the manifest, parsed, and the translations among ``doc_ids``
    (all when empty) to align; raises if ``doc_ids`` names no translation. ``report``
    is told the characters parsed (``"parse"``), each document's added to the total as
    it is read."""
    from outline_corpus.parse import parse_corpus

    manifest = load_manifest(raw_dir, config.outside_raw)
    chosen = [m.id for m in manifest.select(doc_ids) if m.role == "translation"]
    if doc_ids and not chosen:
        raise OutlineCorpusError("no translation among the documents chosen "
                                 f"({', '.join(doc_ids)}); name a translation")
    tally = Tally.of(report)
    done: dict[str, int] = {}

    def progress(doc_id: str, chars: int, total: int) -> None:
        if doc_id not in done:
            done[doc_id] = 0
            tally.expect("parse", total)
        if chars > done[doc_id]:
            tally.advance("parse", chars - done[doc_id])
            done[doc_id] = chars

    docs = parse_corpus(raw_dir, None, config.semicolon, config.outside_raw,
                        progress=progress if tally.report is not None else None)
    tally.finish("parse")
    return docs, chosen


def embed_stage(docs: list[Document], embedder: Embedder, cache: EmbeddingCache,
                report: Report | Tally | None = None) -> dict[str, np.ndarray]:
    """Each sentence of ``docs`` embedded (through ``cache``, where the later stages find
    them), by sentence id; ``report`` is told the texts embedded (``"embed"``: each
    distinct sentence text of the run once)."""
    embedding = Tally.of(report).stage("embed")
    embedding.expect(len({s.text for d in docs for s in d.all_sentences()}))
    vectors = sentence_vectors(docs, embedder, cache, embedding.advance)
    embedding.finish()
    return vectors


def align_stage(docs: list[Document], translations: list[str], embedder: Embedder,
                cache: EmbeddingCache, config: Config, report: Report | Tally | None = None
                ) -> list[Alignment]:
    """Each translation in ``translations`` aligned to its original; ``report`` is told
    the sentences of the originals aligned (``"align"``)."""
    from outline_corpus.align.corpus import align_translation, alignable_sentences

    by_id = {d.id: d for d in docs}
    originals = [by_id[str(by_id[t].meta.original)] for t in translations]
    aligning = Tally.of(report).stage("align")
    aligning.expect(sum(alignable_sentences(o) for o in originals))

    def tick(stage: str, n: int) -> None:
        if stage == "align":  # what it embeds was embedded by the embed stage
            aligning.advance(n)

    out = [align_translation(o, by_id[t], embedder, cache, config.align, tick)
           for o, t in zip(originals, translations, strict=True)]
    aligning.finish()
    return out


def diverge_stage(docs: list[Document], alignments: list[Alignment], embedder: Embedder,
                  cache: EmbeddingCache, config: Config, report: Report | Tally | None = None
                  ) -> tuple[list[Divergence], list[WordGap]]:
    """The divergence records of each original's group of aligned translations, and
    the word gaps behind them; ``report`` is told the beads checked (``"diverge"``) and
    the words and phrases embedded (``"words"``, each original's added to the total
    once its beads are read)."""
    from outline_corpus.diverge import beads_to_check, find_divergences

    by_id = {d.id: d for d in docs}
    tally = Tally.of(report)
    checking, words = tally.stage("diverge"), tally.stage("words")
    checking.expect(beads_to_check(alignments))
    records: list[Divergence] = []
    gaps: list[WordGap] = []
    for original_id in dict.fromkeys(al.original for al in alignments):
        group = [al for al in alignments if al.original == original_id]
        found = find_divergences(
            by_id[original_id], {al.translation: by_id[al.translation] for al in group},
            group, embedder, cache, config.divergence, checking, words)
        records.extend(found.records)
        gaps.extend(found.gaps)
    checking.finish()
    words.finish()
    return records, gaps


def link_stage(docs: list[Document], embedder: Embedder, cache: EmbeddingCache,
               config: Config, report: Report | Tally | None = None) -> list[Link]:
    """The links of the related documents to the originals of their works; ``report``
    is told the passages linked (``"link"``)."""
    from outline_corpus.link import link_documents, passages_to_link

    linking = Tally.of(report).stage("link")
    linking.expect(passages_to_link(docs))
    links = link_documents(docs, embedder, cache, config.links, linking.advance)
    linking.finish()
    return links


def sentence_vectors(docs: list[Document], embedder: Embedder, cache: EmbeddingCache,
                     progress: Callable[[int], None] | None = None
                     ) -> dict[str, np.ndarray]:
    """Each sentence's embedding, by sentence id (for the database's ``similar``):
    every distinct text of all ``docs`` in one request, so that the encoder's batches
    span documents and works (a vector does not depend on its batch company);
    ``progress(n)`` is told of each ``n`` more texts embedded."""
    texts = list(dict.fromkeys(s.text for d in docs for s in d.all_sentences()))
    vecs = embedder.windows(texts, 1, "", cache, progress)[0]
    by_text = dict(zip(texts, vecs, strict=True))
    return {s.id: by_text[s.text] for d in docs for s in d.all_sentences()}


@one_blas_thread
def analyse(raw_dir: str | Path, config: Config, until: str = "link",
            doc_ids: list[str] | None = None, cache_path: str | Path | None = None,
            report: Report | Tally | None = None,
            check: Check | None = None) -> Results:
    """Run the in-memory stages up to ``until`` (``parse`` … ``link``; ``store``
    also keeps every sentence's vector). Writes nothing. ``check`` is given the parsed
    documents and the translations to align before any further work (it raises to
    stop the run); ``report`` is told each stage's progress (see the module doc)."""
    from outline_corpus.align.cache import EmbeddingCache
    from outline_corpus.align.embed import load_embedder

    stop = _stage_index(until)
    tally = Tally.of(report)
    docs, chosen = parse_stage(raw_dir, config, doc_ids, tally)
    if check is not None:
        check(docs, chosen)
    if stop == 0:
        return Results("parse", tuple(docs), tuple(chosen),
                       signature=config.signature(*_GROUPS["parse"]))
    if not chosen and stop <= 2:
        raise OutlineCorpusError(f"{Path(raw_dir) / 'manifest.toml'}: the manifest lists no "
                                 "translation; nothing to align")
    embedder = load_embedder(config.model)
    cache = EmbeddingCache(cache_path)
    alignments: list[Alignment] = []
    records: list[Divergence] = []
    gaps: list[WordGap] = []
    links: list[Link] = []
    vectors: dict[str, np.ndarray] = {}
    try:
        embedded = embed_stage(_to_embed(docs, chosen, stop), embedder, cache, tally)
        alignments = align_stage(docs, chosen, embedder, cache, config, tally)
        if stop >= 2:
            records, gaps = diverge_stage(docs, alignments, embedder, cache, config, tally)
        if stop >= 3:
            links = link_stage(docs, embedder, cache, config, tally)
        if stop >= 4:
            vectors = embedded
    finally:
        cache.close()
    groups = _GROUPS[STAGES[min(stop, 3)]]
    return Results(STAGES[stop], tuple(docs), tuple(chosen), tuple(alignments),
                   tuple(records), tuple(links), vectors,
                   config.signature(*groups, model=embedder.name), gaps=tuple(gaps),
                   repaired=cache.warnings)


def run(raw_dir: str | Path, out_dir: str | Path, config: Config | None = None,
        until: str = "export", doc_ids: list[str] | None = None,
        cache_path: str | Path | None = None, report: Report | Tally | None = None,
        formats: list[str] | None = None, force: bool = False,
        check: Check | None = None) -> Results:
    """Run the pipeline up to ``until`` and write into ``out_dir`` what each stage run
    produces (see the module doc), the export stage in ``formats`` (default: all);
    returns the results with the files written. ``out_dir`` is locked from the start,
    and refused if it holds the outputs of a corpus that shares no document with this
    one, unless ``force``; ``check`` and ``report`` are as :func:`analyse`'s."""
    from outline_corpus.align.output import write_alignments
    from outline_corpus.diverge.reports import write_reports

    config = config or Config()
    stop = _stage_index(until)
    if stop == 0:
        raise ParameterError("the parse stage writes nothing; use parse_corpus")
    from outline_corpus.export import FORMATS, check_formats

    chosen = tuple(formats) if formats else FORMATS
    check_formats(chosen)  # before the analysis, not minutes into it
    manifest = load_manifest(raw_dir, config.outside_raw)
    corpus = Corpus(str(Path(raw_dir).absolute()), tuple(m.id for m in manifest.documents))
    tally = Tally.of(report)
    with publishing(out_dir, corpus, force) as pub:
        res = analyse(raw_dir, config, until, doc_ids, cache_path, tally,
                      _checks(check, _unsafe_check(chosen) if stop >= 5 else None))
        by_id = {d.id: d for d in res.docs}
        out = pub.staging
        try:
            writing = tally.stage("write")
            writing.expect(1 + (stop >= 2) + (stop >= 4))  # alignments, reports, database
            written = list(write_alignments(list(res.alignments), by_id, out))
            writing.advance()
            carried: tuple[str, ...] = ()
            if stop >= 2:
                written += write_reports(list(res.records), res.signature, out)
                writing.advance()
            if stop >= 4:
                stored, carried = _store(res, out / DB_NAME, config,
                                         Path(pub.target) / DB_NAME)
                written += stored
            writing.finish()
            if stop >= 5:
                from outline_corpus.export import export_corpus

                exporting = tally.stage("export")
                exporting.expect(len(chosen))
                written += [f.path for f in export_corpus(out / DB_NAME, out, chosen,
                                                          skip_empty=True,
                                                          params=config.export)]
                exporting.finish()
        except OSError as exc:
            raise OutputError(str(pub.target), f"cannot write the outputs "
                              f"({exc.strerror or exc}); free space or choose another "
                              "--out; the previous outputs are kept") from None
    return Results(res.stage, res.docs, res.translations, res.alignments, res.records,
                   res.links, res.vectors, res.signature,
                   tuple(pub.final(p) for p in written), res.gaps, tuple(pub.dropped),
                   (*res.repaired, *carried))


def _to_embed(docs: list[Document], translations: list[str], stop: int) -> list[Document]:
    """The documents whose sentences a run to stage ``stop`` embeds: the translations
    aligned and their originals, and from the link stage on every document."""
    if stop >= 3:
        return docs
    by_id = {d.id: d for d in docs}
    wanted = set(translations) | {str(by_id[t].meta.original) for t in translations}
    return [d for d in docs if d.id in wanted]


def _checks(*checks: Check | None) -> Check | None:
    """One check running each of ``checks`` given (``None`` when none is)."""
    given = [c for c in checks if c is not None]
    if not given:
        return None

    def check(docs: list[Document], translations: list[str]) -> None:
        for one in given:
            one(docs, translations)
    return check


def _unsafe_check(formats: tuple[str, ...]) -> Check:
    """A check, run on the parsed documents, that refuses at once a text the chosen
    TMX or HTML export would refuse after the whole analysis."""
    def check(docs: list[Document], _translations: list[str]) -> None:
        from outline_corpus.parse.noise import XML_UNSAFE_KIND

        refused = [f.upper() for f in ("tmx", "html") if f in formats]
        for doc in docs if refused else ():
            found = next((d for d in doc.diagnostics if d.kind == XML_UNSAFE_KIND), None)
            if found is not None:
                line = doc.text.count("\n", 0, found.start) + 1
                raise ExportError(
                    f"{doc.meta.file}: line {line} ({found.unit}): character "
                    f"U+{ord(found.snippet[0]):04X} cannot be written to "
                    f"{' or '.join(refused)} (XML refuses control characters); remove it "
                    "from the raw text, or leave those formats out (--format json "
                    "--format csv)")
    return check


def _store(res: Results, path: Path, config: Config, previous: Path
           ) -> tuple[list[Path], tuple[str, ...]]:
    """Write the Datasette metadata of the database, then the database at ``path``
    with the review decisions of the ``previous`` database carried over; returns the
    files written and what a user must know of the decisions carried."""
    from outline_corpus.store.decisions import previous as previous_decisions
    from outline_corpus.store.metadata import write_metadata
    from outline_corpus.store.write import write_store

    counts = {"sentences": sum(1 for d in res.docs for _ in d.all_sentences()),
              "beads": sum(len(al.beads) for al in res.alignments),
              "divergences": len(res.records)}
    decisions, problem = previous_decisions(previous)
    meta = write_metadata(path, [d.meta for d in res.docs], counts)
    db = write_store(path, list(res.docs), list(res.alignments), list(res.records),
                     res.signature, list(res.links), res.vectors, config.model,
                     list(res.gaps), decisions)
    return [meta, db], (problem,) if problem else _carried(db)


def _carried(db: Path) -> tuple[str, ...]:
    """A warning if review decisions carried into ``db`` no longer apply."""
    from outline_corpus.store.query import Corpus

    with Corpus.open(db) as corpus:
        stale = sum(not d.applies for d in corpus.decisions())
    return (f"{stale} review decision(s) of the previous build match no record or bead of "
            "this one (the words changed): they are kept; `outline-corpus review list "
            "--stale` shows them",) if stale else ()


def _stage_index(until: str) -> int:
    if until not in STAGES:
        raise ParameterError(f"unknown stage {until!r} (stages: {', '.join(STAGES)})")
    return STAGES.index(until)
