"""The ``outline-corpus`` command line: each command parses options, calls one public
function and renders the result. Errors from bad input end in one line and exit 1."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from outline_corpus import api
from outline_corpus.cli_align import align, align_files, evaluate
from outline_corpus.cli_common import (
    ARTICLE_HELP,
    DEFAULTS,
    CacheOption,
    DbOption,
    ForceOption,
    JsonOption,
    NoCacheOption,
    OutDirOption,
    RawOption,
    ScopeOption,
    cache_path,
    emit_json,
    err,
    fail,
    options,
    out,
    warn,
)
from outline_corpus.cli_options import App
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


app.add_typer(review_app, name="review")


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
    db: DbOption = None,
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



app.command()(align)
app.command("align-files")(align_files)
app.command()(evaluate)




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
            records = api.divergences(raw, out_dir, config, cache_path(cache, no_cache), doc_ids,
                                      kind, severity, article, warn, force, report)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        emit_json([r.as_dict() for r in records])
        return
    from outline_corpus.render import divergence_tables

    for table in divergence_tables(records):
        out.print(table)



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
            result = api.build(raw, out_dir, config, cache_path(cache, no_cache), report,
                               formats, force)
    except OutlineCorpusError as exc:
        fail(exc)
    summary = {"database": str(result.database), "documents": result.documents,
               "sentences": result.sentences, "beads": result.beads,
               "divergences": result.divergences, "seconds": result.seconds,
               "exports": [str(p) for p in result.exports], "signature": result.signature,
               "warnings": list(result.warnings)}
    for warning in result.warnings:
        warn(warning)
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
