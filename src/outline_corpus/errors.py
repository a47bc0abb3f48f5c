"""Named exceptions of outline-corpus.

Every error a user can provoke with bad input derives from :class:`OutlineCorpusError`;
the command-line interface turns these into a one-line message and a non-zero exit.
"""

from __future__ import annotations


class OutlineCorpusError(Exception):
    """Base class for every error caused by input, configuration or a user's query."""


class FileProblem(OutlineCorpusError):
    """An error about one file: the message is ``"{path}: {reason}"``."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class InputFileError(FileProblem):
    """A raw text file cannot be used: missing, unreadable, empty, binary or badly encoded."""


class ManifestError(OutlineCorpusError):
    """The corpus manifest is missing, malformed or inconsistent."""


class StructureError(FileProblem):
    """A document has no structure the parser recognises (no parts, articles or turns)."""


class UnknownDocumentError(OutlineCorpusError):
    """A document id that the manifest does not list."""


class UnknownUnitError(OutlineCorpusError):
    """An article, part or other unit number that a document does not contain."""


class EmbeddingModelError(OutlineCorpusError):
    """An embedding model cannot be loaded (not installed, or not available offline)."""


class AlignmentFormatError(OutlineCorpusError):
    """A bead file (``[i,j]:[k]`` lines) is malformed."""


class ParameterError(OutlineCorpusError):
    """An option or parameter value outside its allowed range."""


class QueryError(OutlineCorpusError):
    """A search query the full-text engine cannot read (unbalanced quotes, a lone
    operator, …)."""


class StoreError(OutlineCorpusError):
    """The corpus database is missing, unreadable or not one this toolkit built."""


class ExportError(OutlineCorpusError):
    """An export that cannot be written faithfully: a text holds a character the format
    cannot carry (a control character in XML or HTML), or an unknown format."""


class UnsupportedLanguageError(OutlineCorpusError):
    """A language tag that the language registry does not know."""


class OutputError(FileProblem):
    """An output cannot be written where asked: not a directory, locked by another run,
    read-only, full, or a path the toolkit will not write over."""


class CacheError(FileProblem):
    """The embedding cache cannot be used: a directory, a device or a damaged file is
    in its place."""


class ReviewFileError(FileProblem):
    """A review file (the decisions a reviewer exported from the review page) cannot
    be read: not JSON, not a review file, or an entry that is no decision."""


class NamesFileError(FileProblem):
    """A file of government bodies (``--names-file``) cannot be used: missing,
    unreadable, not TOML, or a body without its Chinese or English name."""
