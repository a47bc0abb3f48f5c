"""Checks of a result (``Check``: what is wrong with an exit-0 run) and of a run's side
effects."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .core import OUTPUTS_LIST, Arg, Check, Run, structure_counts
from .snapshots import snapshot, snapshot_diff, snapshot_file

if TYPE_CHECKING:
    from .context import Ctx


def strict_json(text: str) -> Any:
    """JSON as the standard has it: NaN and Infinity are refused."""
    def refuse(name: str) -> Any:
        raise ValueError(f"{name} in JSON")
    return json.loads(text, parse_constant=refuse)


def json_lines(text: str) -> list[Any]:
    return [strict_json(line) for line in text.splitlines() if line.strip()]


def parse_check(ctx: Ctx, doc_id: str, same: bool) -> Check:
    """``parse --json``: JSON lines; with ``same``, the document has the base's articles
    and chapters."""
    def check(run: Run) -> str | None:
        try:
            docs = {d.get("doc"): d for d in json_lines(run.stdout)}
        except ValueError as exc:
            return f"stdout is not JSON lines: {exc}"
        if not same or doc_id not in ctx.counts:
            return None
        if doc_id not in docs:
            return f"{doc_id} is not in the output"
        got, want = structure_counts(docs[doc_id]), ctx.counts[doc_id]
        if got != want:
            return (f"{doc_id}: {got['articles']} articles and {got['divisions']} chapters "
                    f"(the unchanged text: {want['articles']} and {want['divisions']})")
        return None
    return check


def show_check(doc_id: str, unit: str, same: bool) -> Check:
    def check(run: Run) -> str | None:
        try:
            data = strict_json(run.stdout)
        except ValueError as exc:
            return f"stdout is not JSON: {exc}"
        if same and data.get("id") != f"{doc_id}/{unit}":
            return f"shows {data.get('id')!r}, not {doc_id}/{unit}"
        return None
    return check


def build_check(ctx: Ctx, out: Path, same: bool) -> Check:
    """``build --json``: every output there; with ``same``, as many sentences and beads as
    the base build."""
    def check(run: Run) -> str | None:
        try:
            data = strict_json(run.stdout)
        except ValueError as exc:
            return f"stdout is not JSON: {exc}"
        missing = [n for n in ("corpus.sqlite", "exports.json", OUTPUTS_LIST)
                   if not (out / n).is_file()]
        if missing:
            return f"missing outputs: {', '.join(missing)}"
        if data.get("documents") != len(ctx.docs):
            return f"{data.get('documents')} documents built, not {len(ctx.docs)}"
        if same:
            for key in ("sentences", "beads"):
                if data.get(key) != ctx.built.get(key):
                    return (f"{data.get(key)} {key}, the unchanged corpus has "
                            f"{ctx.built.get(key)}")
        return None
    return check


def same_outputs(want: Callable[[], dict[str, str]], out: Path) -> Check:
    """The output directory is byte for byte the reference ``want()``."""
    def check(run: Run) -> str | None:
        diff = snapshot_diff(want(), snapshot(out))
        return f"outputs unlike the reference: {diff}" if diff else None
    return check


def no_escapes(inner: Check | None = None) -> Check:
    """Nothing on stdout that a terminal would obey (ESC, CSI, BEL, other C0/C1)."""
    def check(run: Run) -> str | None:
        bad = sorted({ch for ch in run.stdout if (unicodedata.category(ch) == "Cc"
                                                  and ch not in "\n\t")})
        if bad:
            return ("raw control characters written to the terminal: "
                    + ", ".join(f"U+{ord(c):04X}" for c in bad))
        return inner(run) if inner else None
    return check


def hits_check(limit: int = 20, at_least: int = 0) -> Check:
    def check(run: Run) -> str | None:
        try:
            hits = strict_json(run.stdout)
        except ValueError as exc:
            return f"stdout is not JSON: {exc}"
        if not isinstance(hits, list):
            return "stdout is not a JSON array of hits"
        if len(hits) > max(limit, 0):
            return f"{len(hits)} hits for --limit {limit}"
        if len(hits) < at_least:
            return f"{len(hits)} hits (the text holds the words: at least {at_least} due)"
        return None
    return check


def same_stdout(ctx: Ctx, base_args: list[Arg], normalise: Callable[[str], Any] | None = None
                ) -> Check:
    """The same stdout as the command on the undamaged base database."""
    norm = normalise or (lambda s: s)

    def check(run: Run) -> str | None:
        want = ctx.stdout_of(base_args)
        try:
            same = norm(run.stdout) == norm(want)
        except ValueError as exc:
            return f"stdout is not JSON: {exc}"
        return None if same else "a result unlike the undamaged database's"
    return check


def export_digest(text: str) -> list[tuple[str, int, str]]:
    return sorted((e["format"], e["records"], e["sha256"]) for e in strict_json(text))


def not_created(path: Path) -> Check:
    def after(run: Run) -> str | None:
        return f"{path.name} was created" if path.exists() or path.is_symlink() else None
    return after


def nothing_written(path: Path) -> Check:
    """After a failed run, nothing at ``path`` (or an empty directory)."""
    def after(run: Run) -> str | None:
        if run.rc == 0 or not path.exists():
            return None
        left = [p.name for p in path.iterdir()] if path.is_dir() else [path.name]
        return f"a failed run left {', '.join(sorted(left)[:4])} in {path.name}" if left \
            else None
    return after


def unchanged(path: Path) -> Check:
    """``path`` (a file or directory) ends as it began."""
    state = snapshot(path) if path.is_dir() else {"": snapshot_file(path)}

    def after(run: Run) -> str | None:
        now = snapshot(path) if path.is_dir() else {"": snapshot_file(path)}
        return None if now == state else f"{path.name} was changed"
    return after


def json_check(run: Run) -> str | None:
    try:
        strict_json(run.stdout)
    except ValueError as exc:
        return f"stdout is not JSON: {exc}"
    return None
