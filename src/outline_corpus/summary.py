"""Plain-data views of parsed documents (for ``--json`` and the Python API), each
carrying the signature of the toolkit and parameters that produced it."""

from __future__ import annotations

from collections import Counter
from typing import Any

from outline_corpus.model import (
    Article,
    Diagnostic,
    Document,
    FrontMatter,
    ListItem,
    Paragraph,
    Sentence,
    Turn,
    Unit,
)


def signature(**params: Any) -> dict[str, Any]:
    """``{"toolkit": "outline-corpus", "version": …, "params": {…}}``."""
    from outline_corpus import __version__

    return {"toolkit": "outline-corpus", "version": __version__, "params": dict(sorted(
        params.items()))}


def sentence_dict(s: Sentence) -> dict[str, Any]:
    return {"id": s.id, "unit": s.unit, "text": s.text, "role": s.role, "item": s.item,
            "paragraph": s.paragraph, "start": s.start, "end": s.end,
            "spans": [list(span) for span in s.spans]}


def unit_dict(u: Unit) -> dict[str, Any]:
    return {"id": u.id, "kind": u.kind, "label": u.label, "number": u.number,
            "path": list(u.path), "parent": u.parent, "start": u.start, "end": u.end}


def _paragraph(p: Paragraph) -> dict[str, Any]:
    return {"id": p.id, "role": p.role, "text": p.text, "start": p.start, "end": p.end,
            "sentences": [s.id for s in p.sentences]}


def _item(article: int, i: ListItem) -> dict[str, Any]:
    return {"id": i.id, "article": article, "number": i.number, "marker": i.marker,
            "text": i.text, "start": i.start, "end": i.end,
            "sentences": [s.id for s in i.sentences]}


def _block(f: FrontMatter) -> dict[str, Any]:
    return {"id": f.id, "kind": f.kind, "text": f.text, "start": f.start, "end": f.end,
            "sentences": [sentence_dict(s) for s in f.sentences]}


def article_dict(a: Article, path: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"id": a.id, "number": a.number, "label": a.heading.label, "title": a.title,
            "part": a.part, "start": a.start, "end": a.end, "path": list(path),
            "paragraphs": [_paragraph(p) for p in a.paragraphs],
            "items": [_item(a.number, i) for i in a.items],
            "sentences": [sentence_dict(s) for s in a.sentences]}


def turn_dict(t: Turn) -> dict[str, Any]:
    return {"id": t.id, "number": t.index, "speaker": t.speaker, "role": t.role,
            "kind": t.kind, "responds_to": t.responds_to, "start": t.start, "end": t.end,
            "paragraphs": [_paragraph(p) for p in t.paragraphs],
            "sentences": [sentence_dict(s) for s in t.sentences]}


def diagnostic_dict(d: Diagnostic) -> dict[str, Any]:
    return {"kind": d.kind, "unit": d.unit, "start": d.start, "end": d.end,
            "snippet": d.snippet, "message": d.message, "repaired": d.repaired}


def counts(doc: Document) -> dict[str, int]:
    """How many units of each kind ``doc`` has."""
    return {"front_matter": len(doc.front_matter), "parts": len(doc.parts),
            "articles": len(doc.articles), "list_items": len(doc.list_items),
            "turns": len(doc.turns), "sentences": sum(1 for _ in doc.sentences()),
            "diagnostics": len(doc.diagnostics)}


def diagnostic_kinds(doc: Document) -> dict[str, int]:
    return dict(sorted(Counter(d.kind for d in doc.diagnostics).items()))


def document_to_dict(doc: Document, **params: Any) -> dict[str, Any]:
    """Everything parsed from ``doc`` as JSON-ready data (offsets are characters)."""
    meta = doc.meta
    paths = {u.id: u.path for u in doc.units}
    return {
        "doc": doc.id, "language": doc.language, "role": meta.role, "work": meta.work,
        "title": meta.title, "original": meta.original, "file": meta.file,
        "signature": signature(**params),
        "structure": {"declared": meta.structure, "profile": doc.profile,
                      "confidence": doc.confidence},
        "counts": counts(doc),
        "units": [unit_dict(u) for u in doc.units],
        "front_matter": [_block(f) for f in doc.front_matter],
        "preamble": [{**_paragraph(p), "sentences": [sentence_dict(s) for s in p.sentences]}
                     for p in doc.preamble],
        "parts": [{"id": p.id, "kind": p.kind, "number": p.number, "label": p.heading.label,
                   "title": p.title, "parent": p.parent, "start": p.start, "end": p.end,
                   "articles": list(p.articles),
                   "sentences": [sentence_dict(s) for s in p.sentences]} for p in doc.parts],
        "articles": [article_dict(a, paths.get(a.id, ())) for a in doc.articles],
        "missing_articles": list(doc.missing_articles),
        "list_items": [_item(a.number, i) for a in doc.articles for i in a.items],
        "turns": [turn_dict(t) for t in doc.turns],
        "back_matter": [_block(f) for f in doc.back_matter],
        "diagnostics": [diagnostic_dict(d) for d in doc.diagnostics],
        "diagnostic_kinds": diagnostic_kinds(doc),
    }
