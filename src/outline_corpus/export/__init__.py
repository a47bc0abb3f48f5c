"""Exports of a built corpus for the tools of translators and researchers: TMX 1.4b
per translation (with its DTD), the whole corpus as JSON (with a shipped JSON Schema)
and beads as JSON Lines, CSV per translation, and a self-contained HTML review page per
original.

Every file is rendered in memory and checked before any is written, then all are
written to temporary files and renamed into place, so a refused or failed export
leaves the output directory as it was."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from outline_corpus.align.output import atomic_write_all, dumps
from outline_corpus.config import ExportParams
from outline_corpus.errors import ExportError
from outline_corpus.export.data import Selection, export_signature, select
from outline_corpus.store.query import Corpus

Format = Literal["tmx", "json", "csv", "html"]
FORMATS: tuple[Format, ...] = ("tmx", "json", "csv", "html")
MANIFEST = "exports.json"


@dataclass(frozen=True)
class ExportedFile:
    """A file an export wrote: its ``format``, ``path``, number of ``records`` (tu,
    beads, rows) and SHA-256 of its bytes."""

    format: str
    path: Path
    records: int
    sha256: str


@dataclass(frozen=True)
class Rendered:
    """A file rendered in memory: its name, bytes, record count and signature."""

    format: str
    name: str
    data: bytes
    records: int
    signature: dict[str, Any]


def _render_tmx(corpus: Corpus, sel: Selection, include_unaligned: bool,
                params: ExportParams) -> list[Rendered]:
    """The TMX files of the selected translations, and the DTD they name beside them."""
    from outline_corpus.export import tmx

    sig = export_signature(corpus, "tmx", include_unaligned=include_unaligned,
                           **params.signature())
    out = [Rendered("tmx", f.name, f.data, f.units, sig) for t in sel.translations
           for f in tmx.tmx_files(corpus, t, sig, include_unaligned, params)]
    if out:
        out.append(Rendered("tmx", tmx.DTD_NAME, tmx.dtd_bytes(), 0, sig))
    return out


def _render(corpus: Corpus, fmt: str, sel: Selection, include_unaligned: bool,
            params: ExportParams) -> list[Rendered]:
    from outline_corpus.export import csvfmt, html, jsonfmt

    out: list[Rendered] = []
    if fmt == "tmx":
        out = _render_tmx(corpus, sel, include_unaligned, params)
    elif fmt == "json":
        sig = export_signature(corpus, fmt, documents=list(sel.documents))
        whole = jsonfmt.corpus_dict(corpus, sel, sig)
        out.append(Rendered(fmt, "corpus.json", dumps(whole).encode("utf-8"),
                            sum(len(a["beads"]) for a in whole["alignments"]), sig))
        text, n = jsonfmt.beads_lines(corpus, sel)
        out.append(Rendered(fmt, "beads.jsonl", text.encode("utf-8"), n, sig))
    elif fmt == "csv":
        sig = export_signature(corpus, fmt)
        for t in sel.translations:
            text, n = csvfmt.csv_text(corpus, t)
            out.append(Rendered(fmt, f"{t}.csv", text.encode("utf-8"), n, sig))
    else:
        original_of = {d.id: d.original for d in corpus.document_rows()}
        for o in sel.originals:
            translations = tuple(t for t in sel.translations if original_of[t] == o)
            sig = export_signature(corpus, fmt, translations=list(translations))
            text, n = html.review_html(corpus, o, translations, sig)
            out.append(Rendered(fmt, f"{o}.review.html", text.encode("utf-8"), n, sig))
    return out


def _manifest(path: Path, rendered: list[Rendered]) -> str:
    """``exports.json``: every export file in the directory with its format, record
    count, SHA-256 and signature; entries of earlier runs are kept while their files
    are unchanged."""
    entries: dict[str, Any] = {}
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = None
    files = old.get("files") if isinstance(old, dict) else None
    for name, e in (files.items() if isinstance(files, dict) else ()):
        f = path.parent / str(name)
        if isinstance(e, dict) and f.is_file() and \
                hashlib.sha256(f.read_bytes()).hexdigest() == e.get("sha256"):
            entries[name] = e
    for r in rendered:
        entries[r.name] = {"format": r.format, "records": r.records,
                           "sha256": hashlib.sha256(r.data).hexdigest(),
                           "signature": r.signature}
    return dumps({"files": dict(sorted(entries.items()))})


def check_formats(formats: list[str] | tuple[str, ...]) -> None:
    """Raise :class:`ExportError` naming the first of ``formats`` that is not one of
    :data:`FORMATS`."""
    for fmt in formats:
        if fmt not in FORMATS:
            raise ExportError(f"unknown export format {fmt!r} ({', '.join(FORMATS)})")


def export_corpus(db: str | Path, out_dir: str | Path, formats: list[str] | tuple[str, ...]
                  = FORMATS, docs: list[str] | None = None,
                  include_unaligned: bool = False, skip_empty: bool = False,
                  params: ExportParams | None = None) -> list[ExportedFile]:
    """Write ``formats`` of the corpus database ``db`` into ``out_dir``, for the
    documents ``docs`` (default all; see :func:`~outline_corpus.export.data.select`).
    ``include_unaligned`` puts 1:0 and 0:1 beads in the TMX files too; ``params``
    chooses the beads of the TMX files and how they are written (the TMX files' DTD,
    ``tmx14.dtd``, is written beside them). Raises
    :class:`ExportError`, having written nothing, if a format is unknown, selects
    nothing (unless ``skip_empty``: such a format is left out, as TMX and CSV are for
    a corpus without translations), a text cannot be carried, or the directory cannot
    take the files."""
    check_formats(formats)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: not a directory")
    rendered: list[Rendered] = []
    with Corpus.open(db) as corpus:
        sel = select(corpus, docs)
        for fmt in dict.fromkeys(formats):
            files = _render(corpus, fmt, sel, include_unaligned, params or ExportParams())
            if not files and not skip_empty:
                wanted = "original" if fmt == "html" else "translation"
                raise ExportError(f"nothing to export as {fmt}: the selected documents "
                                  f"({', '.join(sel.documents)}) hold no {wanted}")
            rendered.extend(files)
    if not rendered:
        raise ExportError(f"nothing to export: the selected documents "
                          f"({', '.join(sel.documents)}) hold nothing any format writes")
    for name in [r.name for r in rendered] + [MANIFEST]:
        if (out / name).is_dir():
            raise ExportError(f"{out / name}: a directory is in the way of the export")
    try:
        atomic_write_all([(out / r.name, r.data) for r in rendered]
                         + [(out / MANIFEST, _manifest(out / MANIFEST, rendered))])
    except OSError as exc:
        raise ExportError(f"{exc.filename or out}: cannot write the export "
                          f"({exc.strerror or exc})") from None
    return [ExportedFile(r.format, out / r.name, r.records,
                         hashlib.sha256(r.data).hexdigest()) for r in rendered]
