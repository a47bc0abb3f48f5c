"""Snapshots of directories and files (SHA-256s, link targets), and how two differ."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root`` (hidden ones too): a file's SHA-256, a link's target, or
    ``dir``; empty if ``root`` does not exist."""
    out: dict[str, str] = {}
    if not root.exists():
        return out
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        for name in sorted(dirnames + filenames):
            p = base / name
            rel = str(p.relative_to(root))
            if p.is_symlink():
                out[rel] = "link:" + os.readlink(p)
            elif p.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def snapshot_file(path: Path) -> str:
    """A link's target, ``dir``, ``absent`` or a file's SHA-256."""
    if path.is_symlink():
        return "link:" + os.readlink(path)
    if not path.exists():
        return "absent"
    if path.is_dir():
        return "dir"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot_diff(before: Mapping[str, str], after: Mapping[str, str]) -> str:
    """A short account of how two snapshots differ ("" if equal)."""
    gone = sorted(set(before) - set(after))
    new = sorted(set(after) - set(before))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    parts = [f"{label} {', '.join(names[:4])}{' …' if len(names) > 4 else ''}"
             for label, names in (("lost", gone), ("added", new), ("changed", changed))
             if names]
    return "; ".join(parts)
