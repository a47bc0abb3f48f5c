"""Writing alignments: JSON documents with their signature, bead files, and the
parallel view of an original with every translation's rendering of each sentence.
Files are written to a temporary name and renamed, so a reader never sees half a file
and an interrupted run leaves the previous file intact."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from outline_corpus.align.corpus import Alignment
from outline_corpus.align.dp import Bead
from outline_corpus.align.evaluate import format_bead
from outline_corpus.model import Document


def atomic_write(path: str | Path, text: str | bytes) -> None:
    """Write ``text`` (``str`` as UTF-8, ``bytes`` as they are) to ``path`` via a
    temporary file in the same directory."""
    atomic_write_all([(Path(path), text)])


def atomic_write_all(files: list[tuple[Path, str | bytes]]) -> None:
    """Write several files, each via a temporary file in its directory: every file is
    written in full before the first is renamed into place, so a failure while
    writing (a full disk, a directory in the way) leaves every target as it was.

    Only regular files (or absent paths) are replaced so: a path that is a device or a
    pipe (``/dev/null``, ``/dev/stdout``) is written to directly, and a symbolic link
    is followed (the file it points to is replaced, the link stays)."""
    staged: list[tuple[str, Path]] = []
    direct: list[tuple[Path, str | bytes]] = []
    umask = os.umask(0)
    os.umask(umask)
    try:
        for path, text in files:
            if path.exists() and not path.is_file() and not path.is_dir():
                direct.append((path, text))  # by its own name: /dev/stdout is a link
                continue
            path = path.resolve() if path.is_symlink() else path
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            staged.append((tmp, path))
            os.fchmod(fd, 0o666 & ~umask)  # as an ordinary open() would create it
            with os.fdopen(fd, "wb") as fh:
                fh.write(_bytes(text))
        while staged:
            tmp, path = staged[0]
            os.replace(tmp, path)
            staged.pop(0)
        for path, text in direct:
            with path.open("wb") as fh:
                fh.write(_bytes(text))
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def _bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def dumps(obj: Any) -> str:
    """Deterministic JSON (sorted keys, UTF-8 characters kept, trailing newline)."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def alignment_dict(al: Alignment) -> dict[str, Any]:
    return {
        "original": al.original, "translation": al.translation, "signature": al.signature,
        "mode": al.mode, "warnings": list(al.warnings),
        "units": [{"kind": u.kind, "source": u.source, "target": u.target,
                   "source_number": u.source_number, "target_number": u.target_number,
                   "similarity": u.similarity} for u in al.units],
        "front_links": [{"front": f.front, "unit": f.unit, "similarity": f.similarity}
                        for f in al.front],
        "beads": [{"kind": b.kind, "source": list(b.source), "target": list(b.target),
                   "score": b.score, "similarity": b.similarity, "article": b.article,
                   "source_unit": b.source_unit, "target_unit": b.target_unit,
                   "front": b.front,
                   "source_text": b.source_text, "target_text": b.target_text}
                  for b in al.beads],
    }


def parallel_dict(original: Document, alignments: list[Alignment]) -> dict[str, Any]:
    """Each sentence of the original with its rendering in every translation."""
    by_source: dict[str, dict[str, Any]] = {}
    for al in alignments:
        for b in al.beads:
            for sid in b.source:
                by_source.setdefault(sid, {})[al.translation] = {
                    "target": list(b.target), "text": b.target_text, "kind": b.kind,
                    "score": b.score, "shared_with": [x for x in b.source if x != sid]}
    rows = []
    for s in original.sentences():
        rows.append({"id": s.id, "text": s.text, "renderings": by_source.get(s.id, {})})
    return {"original": original.id, "translations": [a.translation for a in alignments],
            "signatures": {a.translation: a.signature for a in alignments},
            "sentences": rows}


def beads_text(beads: list[Bead], with_scores: bool = False) -> str:
    """One ``[i,j]:[k]`` line per bead (``:score`` appended with ``with_scores``)."""
    lines = [format_bead(b.src, b.tgt) + (f":{b.score:.4f}" if with_scores else "")
             for b in beads]
    return "\n".join(lines) + ("\n" if lines else "")


def write_alignments(alignments: list[Alignment], docs: dict[str, Document],
                     out_dir: str | Path) -> list[Path]:
    """``{translation}.alignment.json`` for each alignment and ``{original}.parallel.json``
    for each original, in ``out_dir``; ``docs`` holds the originals by id. Returns the
    paths written."""
    out = Path(out_dir)
    written = []
    for al in alignments:
        written.append(out / f"{al.translation}.alignment.json")
        atomic_write(written[-1], dumps(alignment_dict(al)))
    for original_id in sorted({al.original for al in alignments}):
        group = [al for al in alignments if al.original == original_id]
        written.append(out / f"{original_id}.parallel.json")
        atomic_write(written[-1], dumps(parallel_dict(docs[original_id], group)))
    return written
