"""outline-corpus: a parsed, aligned, queryable Chinese-English corpus of a policy text
and its translations, reporting where the translations diverge from the original.

Public API (heavy libraries are imported only when a function needs them)::

    from outline_corpus import parse_corpus, get_article, load_manifest
    docs = parse_corpus("data/raw")                  # every document in the manifest
    doc, art = get_article("data/raw", "outline.en.b", 14)
"""

from __future__ import annotations

__version__ = "0.1.0"

from outline_corpus.api import get_article, get_unit, parse_corpus, parse_document
from outline_corpus.errors import (
    InputFileError,
    ManifestError,
    OutlineCorpusError,
    StructureError,
    UnknownDocumentError,
    UnknownUnitError,
)
from outline_corpus.manifest import Manifest, load_manifest
from outline_corpus.summary import document_to_dict, signature

__all__ = [
    "InputFileError",
    "Manifest",
    "ManifestError",
    "OutlineCorpusError",
    "StructureError",
    "UnknownDocumentError",
    "UnknownUnitError",
    "__version__",
    "document_to_dict",
    "get_article",
    "get_unit",
    "load_manifest",
    "parse_corpus",
    "parse_document",
    "signature",
]
