"""What an export reads from the corpus database: the documents it covers, the
signature it carries, and the check that every text fits the format it goes into."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from outline_corpus.errors import ExportError, UnknownDocumentError
from outline_corpus.languages import language
from outline_corpus.rawtext import XML_UNSAFE
from outline_corpus.store.query import Corpus
from outline_corpus.store.rows import BeadRow, DocumentRow
from outline_corpus.summary import signature

if TYPE_CHECKING:
    from outline_corpus.diverge.records import Divergence



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
    """The build's signature (model, alignment and divergence parameters, and the
    ``build_version`` of the toolkit that built the database) with the export's own
    parameters added under ``export_*`` names."""
    built = dict(corpus.signature.get("params", {}))
    built["build_version"] = corpus.signature.get("version")
    built.update({f"export_{k}": v for k, v in params.items()})
    built["export_format"] = fmt
    return signature(**built)


def bead_kinds(bead: BeadRow, records: dict[str, Divergence]) -> list[str]:
    """The kinds of the divergence records on ``bead``, each once, in report order."""
    return list(dict.fromkeys(records[i].kind for i in bead.divergences))


def document_texts(doc: DocumentRow) -> list[tuple[str, str]]:
    """The manifest fields of ``doc`` that exports write, as ``(id, text)`` pairs for
    :func:`refuse_unwritable`."""
    return [(doc.id, x) for x in (doc.id, doc.title, doc.publisher, doc.date, doc.language)
            if x]


def tmx_language(doc: DocumentRow) -> str:
    """The document's language as TMX writes it: a bare code becomes the registry's tag
    for it (``zh`` → ``zh-CN``, mainland Simplified Chinese); a fuller tag is kept."""
    registered = language(doc.language)
    tag = doc.language.strip().replace("_", "-")
    return registered.tmx_tag if tag.lower() == registered.code else tag


def refuse_unwritable(fmt: str, texts: list[tuple[str, str]]) -> None:
    """Raise :class:`ExportError` naming the first ``(id, text)`` that holds a
    character XML 1.0 cannot carry; ``fmt`` names the format in the message."""
    for ident, text in texts:
        m = XML_UNSAFE.search(text)
        if m:
            raise ExportError(
                f"{ident}: character U+{ord(m.group()):04X} at position {m.start()} of the "
                f"text cannot be written to {fmt} (XML and HTML refuse control characters); "
                "write json or csv (--format json --format csv), which carry it, or remove it "
                "from the raw text")
