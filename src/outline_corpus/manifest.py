"""The corpus manifest (``manifest.toml`` in the raw directory): which documents exist,
what they are, and how they relate (a translation names its original)."""

from __future__ import annotations

import datetime
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from outline_corpus.errors import ManifestError, UnknownDocumentError, UnsupportedLanguageError
from outline_corpus.languages import language
from outline_corpus.model import DocumentMeta

MANIFEST_NAME = "manifest.toml"
ROLES = ("original", "translation", "related")
#: The structure profiles a document may name; ``auto`` (the default) detects one.
STRUCTURES = ("auto", "policy", "law", "transcript", "flat")
_REQUIRED = ("id", "file", "language", "role", "work", "title")
_OPTIONAL = ("structure", "original", "publisher", "date", "notes")


@dataclass(frozen=True)
class Manifest:
    """The documents of a corpus, in manifest order, and the directory holding them."""

    root: Path
    documents: tuple[DocumentMeta, ...]

    def get(self, doc_id: str) -> DocumentMeta:
        """The entry for ``doc_id``; raises :class:`UnknownDocumentError`."""
        for meta in self.documents:
            if meta.id == doc_id:
                return meta
        known = ", ".join(m.id for m in self.documents)
        raise UnknownDocumentError(f"unknown document id {doc_id!r} (known: {known})")

    def path(self, meta: DocumentMeta) -> Path:
        return self.root / meta.file

    def select(self, doc_ids: list[str] | tuple[str, ...] | None) -> tuple[DocumentMeta, ...]:
        """The entries named by ``doc_ids`` (all when empty), validating every id."""
        if not doc_ids:
            return self.documents
        return tuple(self.get(d) for d in doc_ids)

    def translations_of(self, original_id: str) -> tuple[DocumentMeta, ...]:
        return tuple(m for m in self.documents
                     if m.role == "translation" and m.original == original_id)


def load_manifest(raw_dir: str | Path, outside_raw: bool = False) -> Manifest:
    """Read ``raw_dir/manifest.toml`` and validate it; raises :class:`ManifestError`.
    A file outside ``raw_dir`` (an absolute path, ``..``, a symbolic link out of it) is
    refused unless ``outside_raw``."""
    root = Path(raw_dir)
    path = root / MANIFEST_NAME
    if not root.is_dir():
        reason = "not a directory" if root.exists() else "raw directory not found"
        raise ManifestError(f"{root}: {reason}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ManifestError(f"{path}: manifest not found") from None
    except IsADirectoryError:
        raise ManifestError(f"{path}: manifest is a directory, not a file") from None
    except OSError as exc:
        raise ManifestError(f"{path}: manifest cannot be read ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: not valid TOML ({exc})") from None
    entries = data.get("documents")
    if not isinstance(entries, list) or not entries:
        raise ManifestError(f"{path}: no [[documents]] entries")
    metas = tuple(_entry(path, i, e) for i, e in enumerate(entries, 1))
    _check(path, root, metas)
    if not outside_raw:
        _check_inside(path, root, metas)
    return Manifest(root=root, documents=metas)


def _entry(path: Path, index: int, entry: object) -> DocumentMeta:
    if not isinstance(entry, dict):
        raise ManifestError(f"{path}: document {index} is not a table")
    missing = [k for k in _REQUIRED if k not in entry]
    if missing:
        raise ManifestError(f"{path}: document {index} lacks {', '.join(missing)}")
    name = f"document {entry['id']!r}" if isinstance(entry["id"], str) else f"document {index}"
    unknown = sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise ManifestError(f"{path}: {name} has unknown keys {', '.join(unknown)}")
    values: dict[str, str] = {}
    for key in (*_REQUIRED, *_OPTIONAL):
        if key not in entry:
            continue
        value = entry[key]
        if key == "date" and isinstance(value, datetime.date):
            value = value.isoformat()  # an unquoted TOML date
        if not isinstance(value, str) or not value.strip():
            raise ManifestError(f"{path}: {name} has {key} = {value!r}, expected a "
                                "non-empty string")
        values[key] = value
    meta = DocumentMeta(**values)
    if meta.role not in ROLES:
        raise ManifestError(f"{path}: document {meta.id!r} has role {meta.role!r}, "
                            f"expected one of {', '.join(ROLES)}")
    try:
        language(meta.language)
    except UnsupportedLanguageError as exc:
        raise ManifestError(f"{path}: document {meta.id!r}: {exc}; give a tag of one of "
                            "these") from None
    if meta.structure not in STRUCTURES:
        raise ManifestError(f"{path}: document {meta.id!r} has structure "
                            f"{meta.structure!r}, expected one of {', '.join(STRUCTURES)}")
    return meta


def _check(path: Path, root: Path, metas: tuple[DocumentMeta, ...]) -> None:
    ids = [m.id for m in metas]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ManifestError(f"{path}: duplicate document ids {', '.join(dupes)}")
    by_id = {m.id: m for m in metas}
    for meta in metas:
        if "/" in meta.id or any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")
                                 for ch in meta.id):
            raise ManifestError(f"{path}: document id {meta.id!r} may not contain '/', "
                                "whitespace, control or invisible format characters")
        if any(unicodedata.category(ch) == "Cc" for ch in meta.file):
            raise ManifestError(f"{path}: document {meta.id!r} names file {meta.file!r}, "
                                "which contains control characters")
        _check_file(root / meta.file, meta.id)
        if meta.role == "translation" and meta.original is None:
            raise ManifestError(f"{path}: translation {meta.id!r} names no original")
        if meta.original is not None:
            _check_original(path, meta, by_id)


def _check_file(file: Path, doc_id: str) -> None:
    try:
        found = file.is_file()
    except OSError as exc:  # a name too long for the file system, a loop of links
        raise ManifestError(f"{file}: file named by document {doc_id!r} cannot be read "
                            f"({exc.strerror or exc}); rename it") from None
    if not found:
        raise ManifestError(f"{file}: file named by document {doc_id!r} not found")


def _check_inside(path: Path, root: Path, metas: tuple[DocumentMeta, ...]) -> None:
    inside = root.resolve()
    for meta in metas:
        try:
            resolved = (root / meta.file).resolve()
        except (OSError, RuntimeError):
            continue  # _check_file names the file and what is wrong with it
        if not resolved.is_relative_to(inside):
            raise ManifestError(f"{path}: document {meta.id!r} names file {meta.file!r}, "
                                f"which is outside {root}; move it into that directory, "
                                "or pass --outside-raw to read it")


def _check_original(path: Path, meta: DocumentMeta, by_id: dict[str, DocumentMeta]) -> None:
    """A translation names an original of this manifest and belongs to its work."""
    if meta.role != "translation":
        raise ManifestError(f"{path}: {meta.role} {meta.id!r} names an original; only a "
                            "translation does (a related document is grouped by its work)")
    target = by_id.get(str(meta.original))
    if target is None or target.role != "original":
        raise ManifestError(f"{path}: translation {meta.id!r} names {meta.original!r}, "
                            "which is not an original here")
    if meta.work != target.work:
        raise ManifestError(f"{path}: translation {meta.id!r} is of work {meta.work!r} but "
                            f"its original {target.id!r} of work {target.work!r}; give "
                            "both the same work")
