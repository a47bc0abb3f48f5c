"""The ``outline-corpus`` command line: each command parses options, calls one public
function and renders the result. Errors from bad input end in one line and exit 1."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from outline_corpus import api
from outline_corpus.errors import OutlineCorpusError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Parse, align and query a Chinese policy text and its English "
                       "translations.")
out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

RawOption = Annotated[Path, typer.Option("--raw", help="Directory holding manifest.toml "
                                                       "and the raw texts.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
SemicolonOption = Annotated[bool, typer.Option(
    "--semicolon", help="Also end Chinese sentences at ；.")]


def fail(exc: BaseException) -> NoReturn:
    """Report ``exc`` in one line on stderr and exit with status 1."""
    err.print(f"error: {exc}", markup=False)
    raise typer.Exit(1)


def emit_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


@app.command()
def parse(
    doc_ids: Annotated[list[str] | None, typer.Argument(
        help="Document ids from the manifest (default: all).", show_default=False)] = None,
    raw: RawOption = api.DEFAULT_RAW,
    as_json: JsonOption = False,
    semicolon: SemicolonOption = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                          help="List every diagnostic.")] = False,
) -> None:
    """Split documents into their structure and report repairs and defects."""
    from outline_corpus.summary import document_to_dict

    try:
        docs = api.parse_corpus(raw, doc_ids, semicolon)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        for doc in docs:
            emit_json(document_to_dict(doc, semicolon=semicolon))
        return
    from outline_corpus.render import print_parse

    print_parse(out, docs, verbose)


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id, e.g. outline.en.b.")],
    number: Annotated[int, typer.Argument(help="Article number (turn number for a "
                                               "transcript).")],
    raw: RawOption = api.DEFAULT_RAW,
    as_json: JsonOption = False,
    semicolon: SemicolonOption = False,
) -> None:
    """Print one article sentence by sentence, with ids."""
    from outline_corpus.model import Turn
    from outline_corpus.summary import article_dict, signature, turn_dict

    try:
        doc, unit = api.get_article(raw, doc_id, number, semicolon)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        body = turn_dict(unit) if isinstance(unit, Turn) else article_dict(unit)
        emit_json({"doc": doc.id, **body, "signature": signature(semicolon=semicolon)})
        return
    from outline_corpus.render import print_unit

    print_unit(out, doc, unit)


def main() -> None:
    """Console-script entry point: no traceback for anything a user can provoke."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug: report it in one line unless debugging
        if os.environ.get("OUTLINE_CORPUS_DEBUG"):
            raise
        err.print(f"internal error: {type(exc).__name__}: {exc} "
                  "(set OUTLINE_CORPUS_DEBUG=1 for a traceback)", markup=False)
        sys.exit(70)


if __name__ == "__main__":
    main()
