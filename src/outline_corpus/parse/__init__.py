"""Parsing raw documents into :class:`~outline_corpus.model.Document` structures."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from outline_corpus.errors import StructureError
from outline_corpus.manifest import Manifest, load_manifest
from outline_corpus.model import Document, DocumentMeta
from outline_corpus.parse.progress import DETECTED, Progress, Tracker
from outline_corpus.parse.tree import with_tree
from outline_corpus.rawtext import read_raw

__all__ = ["Progress", "parse_corpus", "parse_document", "parse_text"]


def parse_text(meta: DocumentMeta, text: str, path: str = "<text>",
               semicolon: bool = False, *, progress: Progress | None = None) -> Document:
    """Parse decoded ``text`` by the structure profile ``meta`` names, or by the one
    detected when it says ``auto`` (the document records the profile and its fit).
    An ``auto`` document that no profile fits (best fit below
    :data:`~outline_corpus.parse.detect.FLAT_BELOW`, or its parser finds no units) is
    read flat, with a ``no_structure`` diagnostic (profile ``flat``, fit 0).

    ``semicolon`` also ends Chinese sentences at ；. ``progress``, if given, is called
    with ``(meta.id, done, len(text))`` as the parse goes on, from ``done == 0`` to
    ``done == len(text)`` (see :mod:`outline_corpus.parse.progress`). Raises
    :class:`~outline_corpus.errors.StructureError` when the profile the manifest names
    finds no structure."""
    tracker = Tracker(meta.id, len(text), progress)
    doc = _parse(meta, text, path, semicolon, tracker)
    tracker.finish()
    return doc


def _parse(meta: DocumentMeta, text: str, path: str, semicolon: bool,
           tracker: Tracker) -> Document:
    if meta.structure == "transcript":
        from outline_corpus.parse.transcript import parse_transcript

        doc = parse_transcript(meta, text, path, semicolon=semicolon, tracker=tracker)
        return with_tree(replace(doc, profile="transcript", semicolon=semicolon))
    from outline_corpus.parse.detect import FLAT_BELOW, detect
    from outline_corpus.parse.flat import parse_flat

    found = detect(meta.language, text)
    tracker.reach(DETECTED)
    fits = ", ".join(f"{name} {fit:.2f}" for name, fit in found.fits)
    if meta.structure == "flat" or (meta.structure == "auto"
                                    and found.confidence < FLAT_BELOW):
        reason = "the manifest says flat" if meta.structure == "flat" else f"fits: {fits}"
        return with_tree(replace(parse_flat(meta, text, reason, semicolon, tracker=tracker),
                                 semicolon=semicolon))
    name = found.profile if meta.structure == "auto" else meta.structure
    try:
        doc = _by_profile(name, meta, text, path, semicolon, tracker)
    except StructureError as exc:
        if meta.structure != "auto":
            raise
        doc = parse_flat(meta, text, f"fits: {fits}; {exc.reason}", semicolon,
                         tracker=tracker)
        return with_tree(replace(doc, semicolon=semicolon))
    return with_tree(replace(doc, profile=name, confidence=dict(found.fits)[name],
                             semicolon=semicolon))


def _by_profile(name: str, meta: DocumentMeta, text: str, path: str,
                semicolon: bool, tracker: Tracker) -> Document:
    if name == "law":
        from outline_corpus.parse.law import parse_law

        return parse_law(meta, text, path, semicolon=semicolon, tracker=tracker)
    from outline_corpus.parse.policy import parse_policy

    return parse_policy(meta, text, path, semicolon=semicolon, tracker=tracker)


def parse_document(manifest: Manifest, doc_id: str, semicolon: bool = False, *,
                   progress: Progress | None = None) -> Document:
    """Read and parse one document of ``manifest``. For a translation, the article
    numbers of its original are what its missing articles are counted against.
    ``progress`` is told of each parse as in :func:`parse_text` (the original's too)."""
    meta = manifest.get(doc_id)
    path = manifest.path(meta)
    doc = parse_text(meta, read_raw(path).text, str(path), semicolon, progress=progress)
    if meta.role == "translation" and meta.original:
        original = parse_document(manifest, meta.original, semicolon, progress=progress)
        doc = replace(doc, expected_articles=tuple(a.number for a in original.articles))
    return doc


def parse_corpus(raw_dir: str | Path, doc_ids: list[str] | tuple[str, ...] | None = None,
                 semicolon: bool = False, outside_raw: bool = False, *,
                 progress: Progress | None = None) -> list[Document]:
    """Parse the documents ``doc_ids`` (all when empty) of the corpus in ``raw_dir``, in
    manifest order; originals are parsed once and reused for their translations.
    ``outside_raw`` lets the manifest name files outside ``raw_dir``.

    ``progress``, if given, is called as each document is parsed with its id, the
    characters of its text done so far and their number, ``progress(doc_id, done,
    total)``: first with ``done == 0``, last with ``done == total``, ``done`` never
    falling in between (see :func:`parse_text`)."""
    manifest = load_manifest(raw_dir, outside_raw)
    metas = manifest.select(doc_ids)
    cache: dict[str, Document] = {}

    def get(meta: DocumentMeta) -> Document:
        if meta.id not in cache:
            path = manifest.path(meta)
            cache[meta.id] = parse_text(meta, read_raw(path).text, str(path), semicolon,
                                        progress=progress)
        return cache[meta.id]

    out = []
    for meta in metas:
        doc = get(meta)
        if meta.role == "translation" and meta.original:
            original = get(manifest.get(meta.original))
            doc = replace(doc, expected_articles=tuple(a.number for a in original.articles))
        out.append(doc)
    return out
