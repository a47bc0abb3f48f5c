"""What an export reads from the corpus database: the documents it covers, the
signature it carries, and the check that every text fits the format it goes into."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from outline_corpus.errors import ExportError, UnknownDocumentError
from outline_corpus.store.query import Corpus
from outline_corpus.store.rows import DocumentRow
from outline_corpus.summary import signature

#: Characters XML 1.0 cannot hold (C0 controls but tab, LF and CR; surrogates;
#: U+FFFE and U+FFFF). TMX and HTML refuse them; JSON and CSV carry them.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Selection:
    """The documents an export covers: ``originals`` and ``translations`` (ids in
    manifest order) and ``documents`` (every selected id, related ones included)."""

    originals: tuple[str, ...]
    translations: tuple[str, ...]
    documents: tuple[str, ...]


def select(corpus: Corpus, docs: list[str] | None) -> Selection:
    """Resolve ``--doc`` ids: an original brings its translations, a translation its
    original, a related document itself; ``None`` selects everything."""
    rows = corpus.document_rows()
    by_id = {d.id: d for d in rows}
    for d in docs or ():
        if d not in by_id:
            raise UnknownDocumentError(f"unknown document id {d!r} "
                                       f"(known: {', '.join(by_id)})")
    wanted = set(docs) if docs else set(by_id)
    for d in list(wanted):
        row = by_id[d]
        if row.role == "original":
            wanted.update(t.id for t in rows if t.original == d)
        elif row.role == "translation" and row.original:
            wanted.add(row.original)
    chosen = [d for d in rows if d.id in wanted]
    return Selection(tuple(d.id for d in chosen if d.role == "original"),
                     tuple(d.id for d in chosen if d.role == "translation"),
                     tuple(d.id for d in chosen))


def export_signature(corpus: Corpus, fmt: str, **params: Any) -> dict[str, Any]:
    """The build's signature (model, alignment and divergence parameters) with the
    export's own parameters added under ``export_*`` names."""
    built = dict(corpus.signature.get("params", {}))
    built.update({f"export_{k}": v for k, v in params.items()})
    built["export_format"] = fmt
    return signature(**built)


def tmx_language(doc: DocumentRow) -> str:
    """The document's language as TMX writes it: a bare ``zh`` becomes ``zh-CN``
    (the corpus is mainland Simplified Chinese); any other tag is kept as it is."""
    return "zh-CN" if doc.language == "zh" else doc.language


def refuse_unwritable(fmt: str, texts: list[tuple[str, str]]) -> None:
    """Raise :class:`ExportError` naming the first ``(id, text)`` that holds a
    character XML 1.0 cannot carry; ``fmt`` names the format in the message."""
    for ident, text in texts:
        m = XML_INVALID.search(text)
        if m:
            raise ExportError(
                f"{ident}: character U+{ord(m.group()):04X} at position {m.start()} of the "
                f"text cannot be written to {fmt} (XML and HTML refuse control characters); "
                "export json or csv, which carry it, or remove it from the raw text")
