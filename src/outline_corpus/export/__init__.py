"""Exports of a built corpus for the tools of translators and researchers: TMX 1.4b
per translation, the whole corpus as JSON (with a shipped JSON Schema) and beads as
JSON Lines, CSV per translation, and a self-contained HTML review page per original.

Every file is rendered in memory and checked before any is written; each is then
written atomically, so a refused export leaves the output directory as it was."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from outline_corpus.align.output import atomic_write, dumps
from outline_corpus.errors import ExportError
from outline_corpus.export.data import export_signature, select
from outline_corpus.store.query import Corpus

FORMATS = ("tmx", "json", "csv", "html")
MANIFEST = "exports.json"


@dataclass(frozen=True)
class ExportedFile:
    """A file an export wrote: its ``format``, ``path``, number of ``records`` (tu,
    beads, rows) and SHA-256 of its bytes."""

    format: str
    path: Path
    records: int
    sha256: str


def _render(corpus: Corpus, fmt: str, docs: list[str] | None, include_unaligned: bool
            ) -> list[tuple[str, str | bytes, int, dict[str, Any]]]:
    from outline_corpus.export import csvfmt, html, jsonfmt, tmx

    sel = select(corpus, docs)
    out: list[tuple[str, str | bytes, int, dict[str, Any]]] = []
    if fmt == "tmx":
        sig = export_signature(corpus, fmt, include_unaligned=include_unaligned)
        for t in sel.translations:
            data, n = tmx.tmx_bytes(corpus, t, sig, include_unaligned)
            out.append((f"{t}.tmx", data, n, sig))
    elif fmt == "json":
        sig = export_signature(corpus, fmt, documents=list(sel.documents))
        whole = jsonfmt.corpus_dict(corpus, sel, sig)
        out.append(("corpus.json", dumps(whole),
                    sum(len(a["beads"]) for a in whole["alignments"]), sig))
        text, n = jsonfmt.beads_lines(corpus, sel)
        out.append(("beads.jsonl", text, n, sig))
    elif fmt == "csv":
        sig = export_signature(corpus, fmt)
        for t in sel.translations:
            text, n = csvfmt.csv_text(corpus, t)
            out.append((f"{t}.csv", text, n, sig))
    elif fmt == "html":
        for o in sel.originals:
            translations = tuple(t for t in sel.translations
                                 if corpus.document_rows(t)[0].original == o)
            sig = export_signature(corpus, fmt, translations=list(translations))
            text, n = html.review_html(corpus, o, translations, sig)
            out.append((f"{o}.review.html", text, n, sig))
    else:
        raise ExportError(f"unknown export format {fmt!r} ({', '.join(FORMATS)})")
    return out


def _manifest(path: Path, written: list[tuple[str, ExportedFile, dict[str, Any]]]
              ) -> str:
    """``exports.json``: every export file in the directory with its format, record
    count, SHA-256 and signature; entries of earlier runs are kept while their files
    are unchanged."""
    entries: dict[str, Any] = {}
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
        for name, e in dict(old.get("files", {})).items():
            f = path.parent / name
            if f.is_file() and hashlib.sha256(f.read_bytes()).hexdigest() == e.get("sha256"):
                entries[name] = e
    except (OSError, ValueError, AttributeError):
        pass
    for name, f, sig in written:
        entries[name] = {"format": f.format, "records": f.records, "sha256": f.sha256,
                         "signature": sig}
    return dumps({"files": dict(sorted(entries.items()))})


def export_corpus(db: str | Path, out_dir: str | Path, formats: list[str] | tuple[str, ...]
                  = FORMATS, docs: list[str] | None = None,
                  include_unaligned: bool = False) -> list[ExportedFile]:
    """Write ``formats`` of the corpus database ``db`` into ``out_dir``, for the
    documents ``docs`` (default all; see :func:`~outline_corpus.export.data.select`).
    ``include_unaligned`` puts 1:0 and 0:1 beads in the TMX files too. Raises
    :class:`ExportError` before writing anything if a text cannot be carried."""
    for fmt in formats:
        if fmt not in FORMATS:
            raise ExportError(f"unknown export format {fmt!r} ({', '.join(FORMATS)})")
    with Corpus.open(db) as corpus:
        rendered = [item for fmt in dict.fromkeys(formats)
                    for item in ((fmt, *r) for r in _render(corpus, fmt, docs,
                                                             include_unaligned))]
    out = Path(out_dir)
    written: list[tuple[str, ExportedFile, dict[str, Any]]] = []
    for fmt, name, data, n, sig in rendered:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        atomic_write(out / name, raw)
        written.append((name, ExportedFile(fmt, out / name, n,
                                           hashlib.sha256(raw).hexdigest()), sig))
    atomic_write(out / MANIFEST, _manifest(out / MANIFEST, written))
    return [f for _, f, _ in written]
