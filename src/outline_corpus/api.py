"""One public function per task of the parsing stage."""

from __future__ import annotations

from pathlib import Path

from outline_corpus.errors import UnknownUnitError
from outline_corpus.manifest import load_manifest
from outline_corpus.model import Article, Document, Turn
from outline_corpus.parse import parse_corpus as _parse_corpus
from outline_corpus.parse import parse_document as _parse_document

DEFAULT_RAW = Path("data/raw")


def parse_corpus(raw_dir: str | Path = DEFAULT_RAW,
                 doc_ids: list[str] | tuple[str, ...] | None = None,
                 semicolon: bool = False) -> list[Document]:
    """Parse the documents ``doc_ids`` (default: all) listed in ``raw_dir/manifest.toml``.

    ``semicolon`` also ends Chinese sentences at ；."""
    return _parse_corpus(raw_dir, doc_ids, semicolon)


def parse_document(doc_id: str, raw_dir: str | Path = DEFAULT_RAW,
                   semicolon: bool = False) -> Document:
    """Parse one document of the corpus in ``raw_dir``."""
    return _parse_document(load_manifest(raw_dir), doc_id, semicolon)


def number_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 5, 7, 8]`` → ``"1-3, 5, 7-8"``."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs) or "none"


def get_unit(doc: Document, number: int) -> Article | Turn:
    """Article ``number`` of a policy document, or turn ``number`` of a transcript.

    Raises :class:`UnknownUnitError` naming the numbers that exist."""
    if doc.meta.structure == "transcript":
        for turn in doc.turns:
            if turn.index == number:
                return turn
        raise UnknownUnitError(f"{doc.id} has no turn {number} (turns 1-{len(doc.turns)})")
    art = doc.article(number)
    if art is None:
        have = number_ranges([a.number for a in doc.articles])
        raise UnknownUnitError(f"{doc.id} has no article {number} (articles: {have})")
    return art


def get_article(raw_dir: str | Path, doc_id: str, number: int,
                semicolon: bool = False) -> tuple[Document, Article | Turn]:
    """The document ``doc_id`` and its article (or transcript turn) ``number``."""
    doc = parse_document(doc_id, raw_dir, semicolon)
    return doc, get_unit(doc, number)
