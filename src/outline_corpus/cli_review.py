"""``outline-corpus review``: the reviewer's decisions made in the HTML review page,
stored in the corpus database (``import``), listed (``list``) and written back out as
a review file (``export``). Each command calls one public function and renders it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from outline_corpus.cli_common import DbOption

if TYPE_CHECKING:
    from outline_corpus.decisions import Decision
    from outline_corpus.store.decisions import Merged

review_app = typer.Typer(no_args_is_help=True, help="A reviewer's decisions on records and "
                         "beads: import the file the review page exports, list, export.")

_Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _fail(exc: BaseException) -> None:
    from outline_corpus.cli_common import fail

    fail(exc)


def merged_line(file: Path, m: Merged) -> str:
    """What ``review import`` did, in one sentence."""
    return (f"{file}: {m.added} added, {m.replaced} replaced, {m.removed} removed, "
            f"{m.kept} kept (the database's is newer), {m.same} unchanged. Stored: "
            f"{m.applied} apply to this build, {m.stale} match nothing in it (the words "
            "changed). `outline-corpus export` writes them into the exports.")


@review_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(
        help="The review file the review page's 'Export decisions' saved.",
        show_default=False)],
    db: DbOption = None,
    as_json: _Json = False,
) -> None:
    """Store a review file's decisions in the database (the newer wins; rebuilds keep them)."""
    from dataclasses import asdict

    from outline_corpus import api
    from outline_corpus.cli_common import emit_json, out
    from outline_corpus.errors import OutlineCorpusError

    try:
        merged = api.import_review(file, db)
    except OutlineCorpusError as exc:
        _fail(exc)
        return
    if as_json:
        emit_json(asdict(merged))
    else:
        out.print(merged_line(file, merged), markup=False, soft_wrap=True)


@review_app.command("list")
def list_(
    stale: Annotated[bool, typer.Option(
        "--stale", help="Only decisions that match no record or bead of this build.")
                     ] = False,
    db: DbOption = None,
    as_json: _Json = False,
) -> None:
    """The decisions stored, records' first: status, what each is about, the comment."""
    from outline_corpus import api
    from outline_corpus.cli_common import emit_json, out
    from outline_corpus.errors import OutlineCorpusError

    try:
        found = api.review_decisions(db, stale)
    except OutlineCorpusError as exc:
        _fail(exc)
        return
    if as_json:
        emit_json([{**d.to_dict(), "record": d.record, "bead": d.bead} for d in found])
        return
    out.print(decisions_table(found))


def decisions_table(found: list[Decision]) -> object:
    """A rich table of ``found``: status, target, what it applies to, comment."""
    from rich.table import Column, Table
    from rich.text import Text

    from outline_corpus.decisions import STATUS_LABELS

    table = Table("status", "on", Column("about", overflow="fold"),
                  Column("comment", overflow="fold"), "reviewer", "updated",
                  title=Text(f"{len(found)} decision(s)"), title_justify="left")
    for d in found:
        about = d.record or d.bead or f"{d.key} (matches nothing in this build)"
        table.add_row(STATUS_LABELS.get(d.status, "comment"), d.target, Text(about),
                      Text(d.comment), Text(d.reviewer), d.updated)
    return table


@review_app.command("export")
def export_(
    output: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write the review file here [default: standard output].",
        show_default=False)] = None,
    db: DbOption = None,
) -> None:
    """Write every stored decision as a review file (for a page, or another build)."""
    from outline_corpus import api
    from outline_corpus.align.output import atomic_write_all, dumps
    from outline_corpus.cli_common import out
    from outline_corpus.decisions import review_file
    from outline_corpus.errors import OutlineCorpusError, OutputError

    try:
        text = dumps(review_file(api.review_decisions(db)))
        if output is None:
            out.file.write(text)
            return
        try:
            atomic_write_all([(output, text)])
        except OSError as exc:
            raise OutputError(str(output), f"cannot write the review file "
                              f"({exc.strerror or exc}); choose another --out") from None
    except OutlineCorpusError as exc:
        _fail(exc)
