"""The ``outline-corpus`` command line: each command parses options, calls one public
function and renders the result. Errors from bad input end in one line and exit 1."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer
from rich.console import Console

from outline_corpus import api
from outline_corpus.cli_options import App, config_options
from outline_corpus.cli_progress import StageBars, bars
from outline_corpus.cli_review import review_app
from outline_corpus.config import Config
from outline_corpus.errors import OutlineCorpusError
from outline_corpus.model import RECORD_KINDS

if TYPE_CHECKING:
    from rich.progress import TaskID

app = App(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
          context_settings={"help_option_names": ["-h", "--help"]},
          help="Parse, align and query a Chinese policy text and its English translations.")


def _version(value: bool) -> None:
    if value:
        from outline_corpus import __version__

        print(f"outline-corpus {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True,
        help="Print the version and exit.")] = False) -> None:
    """Parse, align and query a Chinese policy text and its English translations."""


out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

RawOption = Annotated[Path, typer.Option("--raw", help="Directory holding manifest.toml "
                                                       "and the raw texts.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
ScopeOption = Annotated[str | None, typer.Option(
    "--doc", help="Only this document, or the documents of this work.", show_default=False)]
ARTICLE_HELP = ("Only this article: a number, a label as written or a path (14, 第十四条, "
                "art-14); a division (chap-2) stands for its articles.")


F = TypeVar("F", bound=Callable[..., object])
#: What a command decorated with :func:`options` is given when called directly.
DEFAULTS = Config()

app.add_typer(review_app, name="review")


def fail(exc: BaseException | str) -> NoReturn:
    """Report ``exc`` in one line on stderr (control characters made visible) and exit
    with status 1."""
    from outline_corpus.render import printable

    err.print(f"error: {printable(str(exc))}", markup=False)
    raise typer.Exit(1)


def options(*groups: str) -> Callable[[F], F]:
    """Options for the knobs of ``groups`` of the configuration (see :mod:`cli_options`)."""
    return config_options(*groups, on_error=fail)


def _warn(message: str) -> None:
    from outline_corpus.render import printable

    err.print(f"warning: {printable(message)}", markup=False)


_C1 = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def emit_json(obj: object) -> None:
    """``obj`` as one line of JSON; DEL and C1 controls and the line and paragraph
    separators U+2028/U+2029, which JSON does not escape (and line splitters break
    at), written as ``\\u`` escapes (the value read back is the same)."""
    text = json.dumps(obj, ensure_ascii=False)
    sys.stdout.write(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


@app.command()
@options("semicolon", "outside_raw")
def parse(
    doc_ids: Annotated[list[str] | None, typer.Argument(
        help="Document ids from the manifest (default: all).", show_default=False)] = None,
    raw: RawOption = api.DEFAULT_RAW,
    as_json: JsonOption = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                          help="List every diagnostic.")] = False,
    config: Config = DEFAULTS,
) -> None:
    """Split documents into their structure and report repairs and defects."""
    from outline_corpus.summary import document_to_dict

    semicolon = config.semicolon
    try:
        with bars(err) as bar:
            tasks: dict[str, TaskID] = {}

            def progress(doc_id: str, done: int, total: int) -> None:
                if doc_id not in tasks:
                    tasks[doc_id] = bar.add_task(f"parsing {doc_id}", total=total)
                bar.update(tasks[doc_id], completed=done)

            docs = api.parse_corpus(raw, doc_ids, semicolon, config.outside_raw, progress)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        for doc in docs:
            emit_json(document_to_dict(doc, semicolon=semicolon))
        return
    from outline_corpus.render import print_parse

    print_parse(out, docs, verbose)


@app.command()
@options("semicolon", "outside_raw")
def show(
    target: Annotated[str, typer.Argument(
        help="A unit of the original, side by side from the database: an article number "
             "or label (14, 第十四条), a path (art-14, part-2, chap-2, preamble, front-1), "
             "front or back (all the front or back matter); or a work or document id, "
             "with UNIT.")],
    unit: Annotated[str | None, typer.Argument(
        help="With a work: its original's unit side by side; with a document id: that "
             "document's unit sentence by sentence (as TARGET).",
        show_default=False)] = None,
    docs: Annotated[list[str] | None, typer.Option(
        "--docs", help="Translations to show side by side (repeatable; default: all).",
        show_default=False)] = None,
    raw: RawOption = api.DEFAULT_RAW,
    db: Annotated[Path | None, typer.Option(
        "--db", help="Corpus database \\[default: data/aligned/corpus.sqlite].",
        show_default=False)] = None,
    as_json: JsonOption = False,
    config: Config = DEFAULTS,
) -> None:
    """Show a unit: `show 14` (or `show 第十四条`, `show part-2`, `show preamble`, `show
    front`) side by side in every version, from the database; `show WORK UNIT` the same
    in one work of the corpus; `show DOC UNIT` one document sentence by sentence with
    ids, from its raw text."""
    if unit is not None and _is_document(raw, target, db is not None, config.outside_raw):
        _show_document(target, unit, raw, as_json, config)
        return
    scope, key = (None, target) if unit is None else (target, unit)
    try:
        view = api.unit_view(key, scope, db, docs)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        from dataclasses import asdict

        emit_json(asdict(view))
        return
    from outline_corpus.render import print_article_view

    print_article_view(out, view)


def _is_document(raw: Path, target: str, db_given: bool, outside_raw: bool) -> bool:
    """Whether ``target`` is a document id of the manifest in ``raw``; ``False`` for a
    work of it, when there is no manifest, or (with ``--db``) when the manifest does
    not know it: the database then decides. Otherwise exits with the manifest's error
    if it is broken, or if ``target`` is neither a document nor a work of it."""
    from outline_corpus.manifest import MANIFEST_NAME, load_manifest

    if not (raw / MANIFEST_NAME).exists():
        return False
    try:
        manifest = load_manifest(raw, outside_raw)
        if target in {m.work for m in manifest.documents}:
            return False
        if db_given and target not in {m.id for m in manifest.documents}:
            return False
        manifest.get(target)  # raises, naming the documents there are
    except OutlineCorpusError as exc:
        fail(exc)
    return True


def _show_document(doc_id: str, key: str, raw: Path, as_json: bool, config: Config) -> None:
    from outline_corpus.model import Article, Turn
    from outline_corpus.summary import (
        article_dict,
        sentence_dict,
        signature,
        turn_dict,
        unit_dict,
    )

    try:
        doc, found = api.get_article(raw, doc_id, key, config.semicolon, config.outside_raw)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        sentences = [sentence_dict(s) for s in api.unit_sentences(doc, found)]
        path = next((u.path for u in doc.units if u.id == found.id), ())
        body = (turn_dict(found) if isinstance(found, Turn) else article_dict(found, path)
                if isinstance(found, Article) else {**unit_dict(found), "sentences": sentences})
        emit_json({"doc": doc.id, **body, "signature": signature(semicolon=config.semicolon)})
        return
    from outline_corpus.render import print_unit

    print_unit(out, doc, found, api.unit_sentences(doc, found))


CacheOption = Annotated[Path | None, typer.Option(
    "--cache", help="Embedding cache file \\[default: $OUTLINE_CORPUS_CACHE or "
                    "~/.cache/outline-corpus/embeddings.sqlite].", show_default=False)]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help="Keep embeddings in "
                                                                "memory only.")]
OutDirOption = Annotated[Path, typer.Option("--out", help="Output directory.")]
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Replace the outputs of another corpus in the output directory.")]


def _cache(cache: Path | None, no_cache: bool) -> Path | None:
    from outline_corpus.align.cache import default_cache_path

    return None if no_cache else (cache or default_cache_path())


@app.command()
@options("model", "semicolon", "outside_raw", "align")
def align(
    doc_ids: Annotated[list[str] | None, typer.Argument(
        help="Translations to align (default: all).", show_default=False)] = None,
    raw: RawOption = api.DEFAULT_RAW,
    out_dir: OutDirOption = api.DEFAULT_ALIGNED,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    force: ForceOption = False,
    as_json: JsonOption = False,
    config: Config = DEFAULTS,
) -> None:
    """Align every translation to its original: articles first, then sentences."""
    try:
        with StageBars(err) as report:  # bars on a terminal only
            results = api.align_corpus(raw, out_dir, config, _cache(cache, no_cache),
                                       doc_ids, report, _warn, force)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        from outline_corpus.align.output import alignment_dict

        for al in results:
            emit_json(alignment_dict(al))
        return
    from outline_corpus.render import alignment_table

    out.print(alignment_table(results, str(out_dir)))


PairsOption = Annotated[Path | None, typer.Option(
    "--pairs", help="Align every pair of this TSV (source, target, output a line, "
                    "tab-separated; # comments; paths relative to its folder) instead of "
                    "SRC and TGT.", show_default=False)]
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", min=0, help="With --pairs: the DPs on a local Dask cluster of N worker "
                             "processes (0: in this process) \\[default: in this process].",
    show_default=False)]
SchedulerOption = Annotated[str | None, typer.Option(
    "--scheduler", help="With --pairs: the DPs on the Dask cluster at this address "
                        "(tcp://host:port).", show_default=False)]


@app.command("align-files")
@options("model", "align")
def align_files(
    ctx: typer.Context,
    src: Annotated[Path | None, typer.Argument(metavar="SRC", help="Sentence-per-line source file.",
                                               show_default=False)] = None,
    tgt: Annotated[Path | None, typer.Argument(metavar="TGT", help="Sentence-per-line target file.",
                                               show_default=False)] = None,
    out_file: Annotated[Path | None, typer.Option("--out", help="Bead file to write "
                                                                "\\[default: stdout].")] = None,
    pairs: PairsOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    scores: Annotated[bool, typer.Option("--scores", help="Append each bead's confidence "
                                                          "(0-1) as a third field.")] = False,
    config: Config = DEFAULTS,
) -> None:
    """Align two sentence-per-line files, or every pair of a TSV (--pairs); one bead a
    line: \\[i,j]:\\[k] (0-based)."""
    from typer._click.exceptions import UsageError  # typer's own click

    if pairs is not None:
        if src is not None or tgt is not None or out_file is not None:
            raise UsageError("--pairs takes no SRC, TGT or --out: its lines name them", ctx)
        _align_pairs(pairs, workers, scheduler, _cache(cache, no_cache), scores, config)
        return
    if src is None or tgt is None:
        raise UsageError("give SRC and TGT, or --pairs PAIRS.tsv", ctx)
    if workers is not None or scheduler is not None:
        raise UsageError("--workers and --scheduler go with --pairs", ctx)
    from outline_corpus.align.output import atomic_write, beads_text

    try:
        with bars(err) as bar:
            task = bar.add_task("embedding", total=None)
            beads = api.align_files(src, tgt, config, _cache(cache, no_cache),
                                    lambda n: bar.advance(task, n), _warn)
        text = beads_text(beads, with_scores=scores)
        if out_file is None:
            sys.stdout.write(text)
        else:
            atomic_write(out_file, text)
    except OutlineCorpusError as exc:
        fail(exc)
    except OSError as exc:
        fail(f"{exc.filename}: {exc.strerror}")


def _align_pairs(pairs: Path, workers: int | None, scheduler: str | None,
                 cache: Path | None, scores: bool, config: Config) -> None:
    try:
        with StageBars(err) as report:  # bars on a terminal only
            result = api.align_pairs(pairs, config, workers, scheduler, cache, scores,
                                     report=report, warn=_warn)
    except OutlineCorpusError as exc:
        fail(exc)
    except OSError as exc:
        fail(f"{exc.filename}: {exc.strerror}")
    n = len(result.pairs)
    plural = "s" if n != 1 else ""
    sys.stdout.write(f"aligned {n} pair{plural} of {pairs}: {n} bead file{plural} written\n")


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold bead file or directory.")],
    test: Annotated[Path, typer.Argument(help="Test bead file or directory.")],
    as_json: JsonOption = False,
) -> None:
    """Strict and lax precision, recall and F1 of TEST against GOLD."""
    try:
        scores = api.evaluate(gold, test)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        emit_json({name: s.as_dict() for name, s in scores.items()})
        return
    from outline_corpus.render import scores_table

    out.print(scores_table(scores))


@app.command()
@options("model", "semicolon", "outside_raw", "align", "divergence")
def diff(
    doc_ids: Annotated[list[str] | None, typer.Argument(
        help="Translations to compare with their original (default: all).",
        show_default=False)] = None,
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", "-k", help=f"Only this kind (repeatable): {', '.join(RECORD_KINDS)}.",
        show_default=False)] = None,
    severity: Annotated[list[str] | None, typer.Option(
        "--severity", "-s", help="Only this severity: high, medium, low (repeatable).",
        show_default=False)] = None,
    article: Annotated[str | None, typer.Option("--article", "-a", help=ARTICLE_HELP,
                                                show_default=False)] = None,
    raw: RawOption = api.DEFAULT_RAW,
    out_dir: Annotated[Path, typer.Option("--out", help="Where divergences.json and "
                                                        "divergences.md go.")] = (
        api.DEFAULT_ALIGNED),
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    force: ForceOption = False,
    as_json: JsonOption = False,
    config: Config = DEFAULTS,
) -> None:
    """Where the translations diverge from the original, with evidence."""
    try:
        with StageBars(err) as report:
            records = api.divergences(raw, out_dir, config, _cache(cache, no_cache), doc_ids,
                                      kind, severity, article, _warn, force, report)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        emit_json([r.as_dict() for r in records])
        return
    from outline_corpus.render import divergence_tables

    for table in divergence_tables(records):
        out.print(table)


DbOption = Annotated[Path | None, typer.Option(
    "--db", help="Corpus database \\[default: data/aligned/corpus.sqlite].", show_default=False)]


FormatsOption = Annotated[list[str] | None, typer.Option(
    "--format", metavar="FORMAT",
    help="tmx, json, csv or html; repeat for several \\[default: all].", show_default=False)]


@app.command()
@options("model", "semicolon", "outside_raw", "align", "divergence",
         "links", "export")
def build(
    raw: RawOption = api.DEFAULT_RAW,
    out_dir: OutDirOption = api.DEFAULT_ALIGNED,
    formats: FormatsOption = None,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    force: ForceOption = False,
    as_json: JsonOption = False,
    config: Config = DEFAULTS,
) -> None:
    """Parse, align, find divergences; write the database, reports and the exports
    (every format unless --format)."""
    try:
        with StageBars(err) as report:
            result = api.build(raw, out_dir, config, _cache(cache, no_cache), report,
                               formats, force)
    except OutlineCorpusError as exc:
        fail(exc)
    summary = {"database": str(result.database), "documents": result.documents,
               "sentences": result.sentences, "beads": result.beads,
               "divergences": result.divergences, "seconds": result.seconds,
               "exports": [str(p) for p in result.exports], "signature": result.signature,
               "warnings": list(result.warnings)}
    for warning in result.warnings:
        _warn(warning)
    if as_json:
        emit_json(summary)
        return
    from outline_corpus.render import build_table

    out.print(build_table(summary))


@app.command()
@options("export")
def export(
    formats: FormatsOption = None,
    docs: Annotated[list[str] | None, typer.Option(
        "--doc", metavar="ID", help="Only this document (an original brings its translations, a "
                      "translation its original); repeatable \\[default: all].",
        show_default=False)] = None,
    out_dir: Annotated[Path | None, typer.Option(
        "--out", metavar="DIR", help="Directory for the files \\[default: the database's "
                                     "directory, data/aligned].", show_default=False)] = None,
    include_unaligned: Annotated[bool, typer.Option(
        "--include-unaligned", help="Put 1:0 and 0:1 beads in the TMX files too.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
    config: Config = DEFAULTS,
) -> None:
    """Export the built corpus: TMX, JSON (+ JSON Lines), CSV, HTML review page."""
    try:
        files = api.export(db, out_dir, formats, docs, include_unaligned, config.export)
    except OutlineCorpusError as exc:
        fail(exc)
    rows = [{"format": f.format, "path": str(f.path), "records": f.records,
             "sha256": f.sha256} for f in files]
    if as_json:
        emit_json(rows)
        return
    from outline_corpus.render import exports_table

    out.print(exports_table(rows))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find, all required: words, "
                                              "hyphenated words, numbers, \"quoted "
                                              "phrases\"; OR between alternatives "
                                              "(high-quality, 95%, 质量强国, "
                                              "'green OR 绿色').")],
    lang: Annotated[str | None, typer.Option("--lang", help="zh or en \\[default: by each "
                                                            "word's script; numbers: "
                                                            "both].")] = None,
    doc: ScopeOption = None,
    article: Annotated[str | None, typer.Option("--article", help=ARTICLE_HELP)] = None,
    parallel: Annotated[bool, typer.Option("--parallel", help="Show each hit's aligned "
                                                              "sentences in the other "
                                                              "versions.")] = False,
    fts: Annotated[bool, typer.Option("--fts", help="Read the query as SQLite FTS5 syntax "
                                                    "(AND, OR, NOT, NEAR(), prefix*, "
                                                    "column:) in the index of one "
                                                    "language.")] = False,
    limit: Annotated[int, typer.Option("--limit", help="Most hits shown.")] = 20,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Full-text search in both languages, ranked, with highlighted snippets."""
    try:
        hits = api.search(query, db, lang, doc, article, parallel, limit, fts)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        emit_json([h.to_dict() for h in hits])
        return
    from outline_corpus.render import hits_table

    out.print(hits_table(hits, parallel))


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Counts per document, alignment bead kinds and divergence kinds."""
    try:
        counts = api.stats(db)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        emit_json(counts)
        return
    from outline_corpus.render import stats_tables

    for table in stats_tables(counts):
        out.print(table)


@app.command()
def similar(
    text: Annotated[str, typer.Argument(help="A phrase or sentence, in any language.")],
    lang: Annotated[str | None, typer.Option("--lang", help="Only sentences in zh or en.")
                    ] = None,
    doc: ScopeOption = None,
    limit: Annotated[int, typer.Option("--limit", help="Most hits shown.")] = 10,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search by meaning, across languages, with the build's embedding model (a text of
    one or two words: full-text search); says what the scores mean in this corpus."""
    try:
        found = api.similar(text, db, lang, doc, limit)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        emit_json(found.to_dict())
        return
    from outline_corpus.render import print_similar

    print_similar(out, found)


@app.command()
def links(
    article: Annotated[str | None, typer.Option("--article", help=ARTICLE_HELP,
                                                show_default=False)] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this related document.",
                                            show_default=False)] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Passages of the related documents and the articles of their work's original they
    discuss."""
    try:
        found = api.links(db, article, doc)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        emit_json(found)
        return
    from outline_corpus.render import links_table

    out.print(links_table(found))


def main() -> None:
    """Console-script entry point: no traceback for anything a user can provoke."""
    from typer._click.exceptions import UsageError  # typer's own click

    from outline_corpus.render import printable

    try:
        code = app(standalone_mode=False)
    except UsageError as exc:  # a bad command line: one line, not a box
        command = exc.ctx.command_path if exc.ctx is not None else "outline-corpus"
        err.print(f"error: {printable(exc.format_message())} (see {command} --help)",
                  markup=False, highlight=False)
        sys.exit(2)
    except typer.Abort:
        err.print("interrupted")
        sys.exit(130)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug: report it in one line unless debugging
        if os.environ.get("OUTLINE_CORPUS_DEBUG"):
            raise
        err.print(f"internal error: {type(exc).__name__}: {exc} "
                  "(set OUTLINE_CORPUS_DEBUG=1 for a traceback)", markup=False)
        sys.exit(70)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
