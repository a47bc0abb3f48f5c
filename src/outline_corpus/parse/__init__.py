"""Parsing raw documents into :class:`~outline_corpus.model.Document` structures."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from outline_corpus.errors import StructureError
from outline_corpus.manifest import Manifest, load_manifest
from outline_corpus.model import Document, DocumentMeta
from outline_corpus.parse.tree import with_tree
from outline_corpus.rawtext import read_raw

__all__ = ["parse_corpus", "parse_document", "parse_text"]


def parse_text(meta: DocumentMeta, text: str, path: str = "<text>",
               semicolon: bool = False) -> Document:
    """Parse decoded ``text`` by the structure profile ``meta`` names, or by the one
    detected when it says ``auto`` (the document records the profile and its fit).
    An ``auto`` document that no profile fits (best fit below
    :data:`~outline_corpus.parse.detect.FLAT_BELOW`, or its parser finds no units) is
    read flat, with a ``no_structure`` diagnostic (profile ``flat``, fit 0).

    ``semicolon`` also ends Chinese sentences at ；. Raises
    :class:`~outline_corpus.errors.StructureError` when the profile the manifest names
    finds no structure."""
    if meta.structure == "transcript":
        from outline_corpus.parse.transcript import parse_transcript

        return with_tree(replace(parse_transcript(meta, text, path, semicolon=semicolon),
                                 profile="transcript", semicolon=semicolon))
    from outline_corpus.parse.detect import FLAT_BELOW, detect
    from outline_corpus.parse.flat import parse_flat

    found = detect(meta.language, text)
    fits = ", ".join(f"{name} {fit:.2f}" for name, fit in found.fits)
    if meta.structure == "flat" or (meta.structure == "auto"
                                    and found.confidence < FLAT_BELOW):
        reason = "the manifest says flat" if meta.structure == "flat" else f"fits: {fits}"
        return with_tree(replace(parse_flat(meta, text, reason, semicolon),
                                 semicolon=semicolon))
    name = found.profile if meta.structure == "auto" else meta.structure
    try:
        doc = _by_profile(name, meta, text, path, semicolon)
    except StructureError as exc:
        if meta.structure != "auto":
            raise
        doc = parse_flat(meta, text, f"fits: {fits}; {exc.reason}", semicolon)
        return with_tree(replace(doc, semicolon=semicolon))
    return with_tree(replace(doc, profile=name, confidence=dict(found.fits)[name],
                             semicolon=semicolon))


def _by_profile(name: str, meta: DocumentMeta, text: str, path: str,
                semicolon: bool) -> Document:
    if name == "law":
        from outline_corpus.parse.law import parse_law

        return parse_law(meta, text, path, semicolon=semicolon)
    from outline_corpus.parse.policy import parse_policy

    return parse_policy(meta, text, path, semicolon=semicolon)


def parse_document(manifest: Manifest, doc_id: str, semicolon: bool = False) -> Document:
    """Read and parse one document of ``manifest``. For a translation, the article
    numbers of its original are what its missing articles are counted against."""
    meta = manifest.get(doc_id)
    path = manifest.path(meta)
    doc = parse_text(meta, read_raw(path).text, str(path), semicolon)
    if meta.role == "translation" and meta.original:
        original = parse_document(manifest, meta.original, semicolon)
        doc = replace(doc, expected_articles=tuple(a.number for a in original.articles))
    return doc


def parse_corpus(raw_dir: str | Path, doc_ids: list[str] | tuple[str, ...] | None = None,
                 semicolon: bool = False) -> list[Document]:
    """Parse the documents ``doc_ids`` (all when empty) of the corpus in ``raw_dir``, in
    manifest order; originals are parsed once and reused for their translations."""
    manifest = load_manifest(raw_dir)
    metas = manifest.select(doc_ids)
    cache: dict[str, Document] = {}

    def get(meta: DocumentMeta) -> Document:
        if meta.id not in cache:
            path = manifest.path(meta)
            cache[meta.id] = parse_text(meta, read_raw(path).text, str(path), semicolon)
        return cache[meta.id]

    out = []
    for meta in metas:
        doc = get(meta)
        if meta.role == "translation" and meta.original:
            original = get(manifest.get(meta.original))
            doc = replace(doc, expected_articles=tuple(a.number for a in original.articles))
        out.append(doc)
    return out
