"""The temporary world every case runs in (:class:`Ctx`): a home, an embedding cache, the
base corpus copied and built once, reference outputs, and running the command line."""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .bytefaults import HEADING
from .core import Arg, Run, first_line, side_of, structure_counts
from .snapshots import snapshot


class Ctx:
    """The temporary world every case runs in: a home, an embedding cache, the base
    corpus copied and built once, and lazily made reference outputs."""

    def __init__(self, exe: str, work: Path, base: Path, timeout: float) -> None:
        self.exe, self.work, self.timeout = exe, work, timeout
        self.home = work / "home"
        self.cache = work / "cache.sqlite"
        self.base_raw = work / "base" / "raw"
        self.base_out = work / "base" / "out"
        self.db = self.base_out / "corpus.sqlite"
        self.source = base
        self.refs: dict[str, Any] = {}
        self.docs: list[dict[str, Any]] = []
        self.counts: dict[str, dict[str, int]] = {}
        self.built: dict[str, Any] = {}
        self.base_snap: dict[str, str] = {}
        self.zh_lines = work / "base" / "zh.txt"
        self.en_lines = work / "base" / "en.txt"
        self.small_cache = work / "base" / "small-cache.sqlite"
        self.pair_beads = ""
        self.root_writes = False

    # the base corpus -------------------------------------------------------------------
    def setup(self) -> None:
        self.home.mkdir(parents=True)
        shutil.copytree(self.source, self.base_raw)
        for p in [self.base_raw, *self.base_raw.rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)
        self.docs = tomllib.loads((self.base_raw / "manifest.toml").read_text("utf-8")
                                  )["documents"]
        run = self.run(["build", "--raw", self.base_raw, "--out", self.base_out, "--json"],
                       self.work, timeout=max(self.timeout, 600))
        if run.rc != 0:
            sys.exit(f"bench_faults: the base corpus does not build: {first_line(run)}")
        self.built = json.loads(run.stdout)
        self.base_snap = snapshot(self.base_out)
        run = self.run(["parse", "--raw", self.base_raw, "--json"], self.work)
        for line in run.stdout.splitlines():
            doc = json.loads(line)
            self.counts[doc["doc"]] = structure_counts(doc)
        self._line_files()
        self.root_writes = _chmod_does_not_block()

    def _line_files(self) -> None:
        """Sentence-per-line files for ``align-files``: the first 12 article lines of
        each side, and their reference beads."""
        for doc, path in ((self.original, self.zh_lines), (self.translation, self.en_lines)):
            text = (self.base_raw / doc["file"]).read_text("utf-8")
            lines = [ln for ln in text.splitlines() if HEADING[side_of(doc)].match(ln)]
            path.write_text("\n".join(lines[:12]) + "\n", encoding="utf-8")
        run = self.run(["align-files", self.zh_lines, self.en_lines, "--scores",
                        "--cache", self.small_cache], self.work)
        if run.rc != 0:
            sys.exit(f"bench_faults: align-files fails on the base pair: {first_line(run)}")
        self.pair_beads = run.stdout

    @property
    def original(self) -> dict[str, Any]:
        return next(d for d in self.docs if d["role"] == "original")

    @property
    def translation(self) -> dict[str, Any]:
        return next(d for d in self.docs if d["role"] == "translation")

    def doc(self, side: str) -> dict[str, Any]:
        return self.original if side == "zh" else self.translation

    # copies ----------------------------------------------------------------------------
    def raw_copy(self, d: Path) -> Path:
        raw = d / "raw"
        shutil.copytree(self.base_raw, raw, symlinks=True)
        return raw

    def out_copy(self, d: Path, name: str = "out") -> Path:
        out = d / name
        shutil.copytree(self.base_out, out, symlinks=True)
        return out

    def db_copy(self, d: Path, name: str = "corpus.sqlite") -> Path:
        path = d / name
        shutil.copyfile(self.db, path)
        return path

    def reference(self, key: str, make: Callable[[Path], Any]) -> Any:
        """A reference made once, in its own directory, and kept."""
        if key not in self.refs:
            d = self.work / "refs" / re.sub(r"\W+", "-", key)
            d.mkdir(parents=True)
            self.refs[key] = make(d)
        return self.refs[key]

    def outputs_of(self, key: str, args: list[Arg]) -> dict[str, str]:
        """The snapshot of an output directory (a copy of the base outputs) after the
        command ``args`` run into it (``{out}`` stands for the directory)."""
        def make(d: Path) -> dict[str, str]:
            out = self.out_copy(d)
            run = self.run([out if a == "{out}" else a for a in args], d)
            if run.rc != 0:
                sys.exit(f"bench_faults: reference {key!r} failed: {first_line(run)}")
            return snapshot(out)
        return dict(self.reference(key, make))

    def stdout_of(self, args: list[Arg]) -> str:
        """The stdout of a command on the base database, run once."""
        def make(d: Path) -> str:
            run = self.run(args, d)
            return run.stdout if run.rc == 0 else f"exit {run.rc}: {first_line(run)}"
        return str(self.reference("stdout " + " ".join(map(str, args)), make))

    # running ---------------------------------------------------------------------------
    def env(self, extra: dict[str, str | None] | None = None) -> dict[str, str]:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.home),
               "OUTLINE_CORPUS_CACHE": str(self.cache), "LANG": "C.UTF-8",
               "XDG_CACHE_HOME": str(self.home / ".cache"), "COLUMNS": "120",
               "TMPDIR": str(self.work / "tmp")}
        for key, value in (extra or {}).items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def popen(self, args: list[Arg], cwd: Path, env: dict[str, str | None] | None = None,
              fsize: int | None = None) -> subprocess.Popen[bytes]:
        argv = [self.exe, *(a if isinstance(a, bytes) else str(a) for a in args)]

        def limit() -> None:
            if fsize is not None:
                resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        (self.work / "tmp").mkdir(exist_ok=True)
        return subprocess.Popen(argv, cwd=cwd, env=self.env(env), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True, preexec_fn=limit)

    def finish(self, proc: subprocess.Popen[bytes], args: list[Arg], start: float,
               timeout: float) -> Run:
        try:
            out, err = proc.communicate(timeout=max(0.1, timeout - (time.perf_counter()
                                                                    - start)))
            rc: int | None = proc.returncode
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            rc = None
        return Run(args, rc, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
                   round(time.perf_counter() - start, 2))

    def run(self, args: list[Arg], cwd: Path, env: dict[str, str | None] | None = None,
            timeout: float | None = None, fsize: int | None = None) -> Run:
        start = time.perf_counter()
        proc = self.popen(args, cwd, env, fsize)
        return self.finish(proc, args, start, timeout or self.timeout)

    def shown(self, args: list[Arg]) -> str:
        """The command as a shell line, the temporary directory written ``$TMP``, long
        arguments shortened and invisible characters escaped."""
        words = ["outline-corpus"]
        for a in args:
            s = a.decode("utf-8", "backslashreplace") if isinstance(a, bytes) else str(a)
            s = s.replace(str(self.work), "$TMP")
            if len(s) > 60:
                s = f"{s[:40]}…({len(s)} chars)"
            s = "".join(ch if ch.isprintable() or ch == " " else
                        ch.encode("unicode_escape").decode("ascii") for ch in s)
            words.append(s if s.startswith("$TMP") and " " not in s else shlex.quote(s))
        return " ".join(words)


def _chmod_does_not_block() -> bool:
    """Whether this process writes into a directory of mode 0555 (root does)."""
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "ro"
        d.mkdir()
        d.chmod(0o555)
        try:
            (d / "x").write_text("x")
            return True
        except OSError:
            return False
        finally:
            d.chmod(0o755)
