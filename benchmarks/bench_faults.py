"""Fault benchmark: the command line against a few hundred bad inputs and faults, each
run in a subprocess (HOME and the embedding cache in a temporary directory, a timeout
per case), counting the cases that behave well: "cases tried, cases that give a clear
error or a correct result". Usage::

    python benchmarks/bench_faults.py [--family NAME]... [--quick] [--json] [--list]
        [--timeout S] [--base DIR] [--keep] [--exe PATH]

Families: ``raw`` (raw input files: encodings, binary, control and invisible
characters, line ends, huge lines, directories, symbolic links; ``align-files`` inputs),
``manifest`` (missing, not TOML, wrong types, bad ids, languages, roles, structures,
paths out of the raw directory, Unicode oddities), ``options`` (NaN, infinite,
negative, huge and non-numeric values of every numeric knob; ``--limit``,
``--article``, unknown labels, formats, kinds, documents, models), ``queries``
(``search``, ``similar`` and ``show`` against a built database), ``outputs`` (``--out``
that is a file, a link, a device; a held lock, leftovers of a killed run, a file-size
limit standing for a full disk, two runs at once, SIGKILL/SIGTERM/SIGINT mid-build) and
``damaged`` (a truncated, overwritten or altered database; a damaged embedding cache;
``--db`` paths with ``%41``, ``?mode=rwc``, ``#``).

The base corpus (``--base``, default the Data Security Law pair of
``../shared/devcorpus``) is copied and built once; every case works on copies.

A case is *good* when the run exits 0 with a correct result (checked where the case has
an expected result that is cheap to check: counts like the base corpus, outputs
byte-identical to a reference, hits within ``--limit``…), or exits 1 with exactly one
``error: …`` line on stderr (``warning:`` lines aside) that names the file or option
concerned. Anything else is *bad*: a traceback, an internal error (exit 70), a usage
error (exit 2, a multi-line box), exit 0 where an error was due, an error where the
README promises a result (a GBK or CRLF file, a hyphenated search word, an existing
database whose name holds ``%41``), a hang past the timeout, a multi-line error, a raw
SQL message, or outputs changed by a run that failed (or, after a kill, neither the old
nor the new set). Cases that cannot be tried here are *skipped* with the reason (a NUL
byte cannot be passed in argv; ``chmod`` does not stop root from writing).

A measurement, not a test: it exits 0 whatever the figures, 1 only if the base corpus
cannot be built.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import math
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
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import faults_cases as fc  # noqa: E402

from outline_corpus.config import GROUPS  # noqa: E402

DEVCORPUS = ROOT.parent / "shared" / "devcorpus"
BASE = DEVCORPUS / "data-security-law-2021" / "raw"
FAMILIES = ("raw", "manifest", "options", "queries", "outputs", "damaged")
ERROR, RESULT, EITHER = "error", "result", "either"
#: Knobs that make a build's outputs differ from the default ones (kills and races).
NEW_ARGS = ["--low-similarity", "0.41"]
#: Signs of an exception handed on raw in a one-line error (a query's error may quote
#: SQLite's reason, but not its exception).
SQL_LEAKS = ("sqlite3.", "OperationalError", "DatabaseError", "ProgrammingError")
HUGE_INT = str(2 ** 70)
#: Seconds within which a run into a locked directory must stop ("at once": before the
#: model is loaded and the corpus aligned).
LOCK_AT_ONCE = 10.0
#: The list of a run's outputs kept in its output directory.
OUTPUTS_LIST = ".outline-corpus-outputs.json"
Arg = str | Path | bytes


# -- cases, runs and verdicts --------------------------------------------------------------
@dataclass
class Run:
    """One finished (or timed-out: ``rc`` None) run of the command line."""

    argv: list[Arg]
    rc: int | None
    stdout: str
    stderr: str
    seconds: float


Check = Callable[[Run], "str | None"]


@dataclass
class Plan:
    """What one case runs and what it expects. ``expect``: ``error`` (exit 0 is bad),
    ``result`` (an error is bad) or ``either``; ``check`` looks at an exit-0 run and
    returns what is wrong with its result; ``after`` looks at any run (a file it should
    not have made…); ``guard``: a directory a failed run must leave byte for byte as it
    was; ``mentions``: one of these must be in the error line; ``special`` runs the case
    itself and returns its problems."""

    args: list[Arg] = field(default_factory=list)
    expect: str = EITHER
    mentions: tuple[str, ...] = ()
    check: Check | None = None
    after: Check | None = None
    guard: Path | None = None
    env: dict[str, str | None] = field(default_factory=dict)
    timeout: float | None = None
    fsize: int | None = None
    sql_leak: bool = False
    special: Callable[[], list[tuple[str, str]]] | None = None
    skip: str | None = None


@dataclass(frozen=True)
class Case:
    family: str
    name: str
    prepare: Callable[[Ctx, Path], Plan]


@dataclass
class Verdict:
    family: str
    name: str
    status: str  # good | bad | skipped
    cause: str
    detail: str
    command: str
    seconds: float
    problems: list[tuple[str, str]] = field(default_factory=list)


# -- the context: base corpus, references, running ---------------------------------------
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
        self.base_snap = fc.snapshot(self.base_out)
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
            lines = [ln for ln in text.splitlines() if fc.HEADING[side_of(doc)].match(ln)]
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
            return fc.snapshot(out)
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


def side_of(doc: dict[str, Any]) -> str:
    return "zh" if str(doc.get("language", "")).lower().startswith("zh") else "en"


def structure_counts(doc: dict[str, Any]) -> dict[str, int]:
    kinds = [p.get("kind") for p in doc.get("parts", [])]
    return {"articles": len(doc.get("articles", [])),
            "divisions": sum(k in ("part", "chapter", "volume") for k in kinds)}


# -- judging -------------------------------------------------------------------------------
def first_line(run: Run) -> str:
    for text in (run.stderr, run.stdout):
        for line in text.splitlines():
            if line.strip():
                return clip(line.strip())
    return "(no output)"


def clip(text: str, n: int = 200) -> str:
    text = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)
    return text if len(text) <= n else text[: n - 1] + "…"


def usage_message(stderr: str) -> str:
    box = [ln.strip("│ ").strip() for ln in stderr.splitlines() if ln.startswith("│")]
    return clip(" ".join(b for b in box if b) or stderr.strip().splitlines()[0])


def judge(plan: Plan, run: Run) -> list[tuple[str, str]]:
    """The problems of one run under its plan: (cause, first line of what went wrong)."""
    problems: list[tuple[str, str]] = []
    both = run.stderr + run.stdout
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith("error: ")]
    if run.rc is None:
        problems.append(("hang: no exit before the timeout",
                         f"killed after {run.seconds:.0f} s; {first_line(run)}"))
    elif "Traceback (most recent call last)" in both:
        last = [ln for ln in run.stderr.splitlines() if ln.strip()] or ["?"]
        problems.append(("traceback", clip(last[-1])))
    elif run.rc == 70 or "internal error" in run.stderr:
        line = next((ln for ln in lines if "internal error" in ln), first_line(run))
        problems.append(("internal error (exit 70)", clip(line)))
    elif run.rc == 0:
        if plan.expect == ERROR:
            shown = next((ln for ln in run.stdout.splitlines() if ln.strip()), "(no output)")
            problems.append(("exit 0 where an error was due", clip(shown)))
        elif plan.check is not None:
            wrong = plan.check(run)
            if wrong:
                problems.append(("exit 0 with a wrong result", clip(wrong)))
    elif run.rc == 1:
        others = [ln for ln in lines if not ln.startswith(("error: ", "warning: "))]
        if len(errors) != 1 or others:
            problems.append(("not a one-line error", clip(" | ".join(lines[:3]) or
                                                          "(nothing on stderr)")))
        elif plan.expect == RESULT:
            problems.append(("error where a result was due", clip(errors[0])))
        elif plan.sql_leak and any(s in errors[0] for s in SQL_LEAKS):
            problems.append(("raw SQL message in the error", clip(errors[0])))
        elif plan.mentions and not any(m in errors[0] for m in plan.mentions):
            problems.append(("error names neither the file nor the option", clip(errors[0])))
    elif run.rc == 2 and "Usage:" in run.stderr:
        problems.append(("usage error: exit 2 and a multi-line box",
                         usage_message(run.stderr)))
    elif run.rc < 0:
        problems.append((f"killed by signal {-run.rc}", first_line(run)))
    else:
        problems.append((f"exit {run.rc}", first_line(run)))
    if plan.after is not None:
        wrong = plan.after(run)
        if wrong:
            problems.append(("unwanted side effect", clip(wrong)))
    return problems


def run_case(ctx: Ctx, case: Case, index: int, keep: bool) -> Verdict:
    d = ctx.work / "cases" / f"{index:04d}-{re.sub(r'[^A-Za-z0-9.-]+', '-', case.name)[:60]}"
    d.mkdir(parents=True)
    start = time.perf_counter()
    try:
        plan = case.prepare(ctx, d)
        if plan.skip:
            return Verdict(case.family, case.name, "skipped", "skipped", plan.skip,
                           ctx.shown(plan.args), 0.0)
        before = fc.snapshot(plan.guard) if plan.guard is not None else None
        if plan.special is not None:
            problems = plan.special()
            command = ctx.shown(plan.args)
        else:
            run = ctx.run(plan.args, d, plan.env, plan.timeout, plan.fsize)
            problems = judge(plan, run)
            if before is not None and run.rc != 0:
                changed = fc.snapshot_diff(before, fc.snapshot(plan.guard))  # type: ignore[arg-type]
                if changed:
                    problems.append(("a failed run changed the previous outputs", changed))
            command = ctx.shown(plan.args)
    except Exception as exc:  # a fault of the benchmark, not of the toolkit: say so
        problems = [("benchmark error", f"{type(exc).__name__}: {exc}")]
        command = case.name
    finally:
        if not keep:
            _remove(d)
    seconds = round(time.perf_counter() - start, 2)
    if problems:
        cause, detail = problems[0]
        return Verdict(case.family, case.name, "bad", cause, detail, command, seconds,
                       problems)
    return Verdict(case.family, case.name, "good", "", "", command, seconds)


def _remove(d: Path) -> None:
    for p in [d, *d.rglob("*")]:
        with contextlib.suppress(OSError):
            if p.is_dir() and not p.is_symlink():
                p.chmod(0o755)
    shutil.rmtree(d, ignore_errors=True)


# -- checks of a result --------------------------------------------------------------------
def json_lines(text: str) -> list[Any]:
    return [fc.strict_json(line) for line in text.splitlines() if line.strip()]


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
            data = fc.strict_json(run.stdout)
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
            data = fc.strict_json(run.stdout)
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
        diff = fc.snapshot_diff(want(), fc.snapshot(out))
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
            hits = fc.strict_json(run.stdout)
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
    return sorted((e["format"], e["records"], e["sha256"]) for e in fc.strict_json(text))


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
    state = fc.snapshot(path) if path.is_dir() else {"": fc.snapshot_file(path)}

    def after(run: Run) -> str | None:
        now = fc.snapshot(path) if path.is_dir() else {"": fc.snapshot_file(path)}
        return None if now == state else f"{path.name} was changed"
    return after


# -- family 1: raw input files -------------------------------------------------------------
Apply = Callable[[Path, str, str], list[str]]


@dataclass(frozen=True)
class RawFault:
    """A fault made to one raw file: ``apply(raw dir, file name, side)`` makes it and
    returns extra options. ``same``: 0 nothing to compare, 1 the structure must be the
    base's, 2 the build's sentences and beads too. ``table``: also parse to the terminal
    (control characters must not reach it)."""

    name: str
    apply: Apply
    expect: str
    same: int = 0
    table: bool = False


def on_bytes(fn: fc.ByteFault) -> Apply:
    def apply(raw: Path, file: str, side: str) -> list[str]:
        path = raw / file
        path.write_bytes(fn(path.read_bytes(), side))
        return []
    return apply


def const(data: bytes) -> Apply:
    return on_bytes(lambda _data, _side: data)


def replace_by_dir(raw: Path, file: str, side: str) -> list[str]:
    (raw / file).unlink()
    (raw / file).mkdir()
    return []


def remove(raw: Path, file: str, side: str) -> list[str]:
    (raw / file).unlink()
    return []


def link_inside(absolute: bool, chain: bool = False) -> Apply:
    def apply(raw: Path, file: str, side: str) -> list[str]:
        (raw / "real").mkdir(exist_ok=True)
        (raw / file).rename(raw / "real" / file)
        target = raw / "real" / file if absolute else Path("real") / file
        if chain:
            (raw / "via").symlink_to(target)
            target = Path("via")
        (raw / file).symlink_to(target)
        return []
    return apply


def link_outside(relative: bool, allow: bool) -> Apply:
    def apply(raw: Path, file: str, side: str) -> list[str]:
        outside = raw.parent / "outside"
        outside.mkdir(exist_ok=True)
        (raw / file).rename(outside / file)
        (raw / file).symlink_to(Path("..") / "outside" / file if relative else outside / file)
        return ["--outside-raw"] if allow else []
    return apply


def link_to(target: str, allow: bool = False, make_dir: bool = False) -> Apply:
    def apply(raw: Path, file: str, side: str) -> list[str]:
        (raw / file).unlink()
        if make_dir:
            (raw / target).mkdir()
        (raw / file).symlink_to(target)
        return ["--outside-raw"] if allow else []
    return apply


def _cut_last_char(data: bytes, side: str) -> bytes:
    end = data.rstrip()
    i = len(end) - 1
    while i > 0 and end[i] & 0xC0 == 0x80:
        i -= 1
    return end[: i + 1] if end[i] >= 0xC0 else end + b"\xe6\x95"


RAW_FAULTS = [
    RawFault("empty", const(b""), ERROR),
    RawFault("whitespace-only", const(b" \n\t\r\n   \n\n"), ERROR),
    RawFault("unicode-spaces-only", const("\u3000\u00a0\n\u2028\u3000\n".encode()), EITHER),
    RawFault("binary-png", const(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
                                 + fc.random_bytes(3, 600)), ERROR),
    RawFault("random-bytes", const(fc.random_bytes(1, 4000)), ERROR),
    RawFault("random-high-bytes", const(fc.random_bytes(2, 4000, 0x80, 0x100)), ERROR),
    RawFault("one-nul-byte", on_bytes(lambda d, s: fc.insert_at(d, 0.5, b"\x00")), EITHER, 1),
    RawFault("utf8-bom", on_bytes(lambda d, s: b"\xef\xbb\xbf" + d), RESULT, 2),
    RawFault("utf16le-bom", on_bytes(fc.encoded("utf-16-le", b"\xff\xfe")), RESULT, 2),
    RawFault("utf16be-bom", on_bytes(fc.encoded("utf-16-be", b"\xfe\xff")), RESULT, 2),
    RawFault("utf16le-no-bom", on_bytes(fc.encoded("utf-16-le")), EITHER, 1),
    RawFault("utf32-bom", on_bytes(fc.encoded("utf-32")), EITHER, 1),
    RawFault("gb18030", on_bytes(fc.encoded("gb18030")), EITHER, 1),
    RawFault("invalid-utf8-start", on_bytes(lambda d, s: fc.insert_at(d, 0.02, b"\xff")),
             ERROR),
    RawFault("invalid-utf8-middle", on_bytes(lambda d, s: fc.insert_at(d, 0.5, b"\xfe")),
             ERROR),
    RawFault("invalid-utf8-end", on_bytes(lambda d, s: fc.insert_at(d, 0.98, b"\x80")),
             ERROR),
    RawFault("overlong-utf8", on_bytes(lambda d, s: fc.insert_at(d, 0.5, b"\xc0\xaf")), ERROR),
    RawFault("utf8-surrogate", on_bytes(lambda d, s: fc.insert_at(d, 0.5, b"\xed\xa0\x80")),
             ERROR),
    RawFault("cut-mid-character", on_bytes(_cut_last_char), EITHER),
    RawFault("directory", replace_by_dir, ERROR),
    RawFault("missing", remove, ERROR),
    RawFault("huge-line-1MB", on_bytes(lambda d, s: d + fc.huge_line(s, 1 << 20, False)),
             EITHER, 1),
    RawFault("huge-line-1MB-sentences",
             on_bytes(lambda d, s: d + fc.huge_line(s, 1 << 20, True)), EITHER, 1),
    RawFault("all-on-one-line", on_bytes(lambda d, s: d.replace(b"\n", b" ")), EITHER),
    RawFault("ansi-escapes", on_bytes(lambda d, s: fc.in_long_lines(d, "\x1b[31;1m")),
             EITHER, 1, table=True),
    RawFault("bell", on_bytes(lambda d, s: fc.in_long_lines(d, "\x07")), EITHER, 1, table=True),
    RawFault("c1-csi", on_bytes(lambda d, s: fc.in_long_lines(d, "\x9b2J")), EITHER, 1,
             table=True),
    RawFault("nel-u0085", on_bytes(lambda d, s: fc.in_long_lines(d, "\x85")), EITHER, 1),
    RawFault("vt-and-fs", on_bytes(lambda d, s: fc.in_long_lines(d, "\x0b\x1c")), EITHER, 1),
    RawFault("form-feed", on_bytes(lambda d, s: fc.in_long_lines(d, "\x0c")), EITHER, 1),
    RawFault("controls-5pct", on_bytes(lambda d, s: fc.sprinkle(d, b"\x01", 20)), ERROR),
    RawFault("rtl-override", on_bytes(lambda d, s: fc.in_long_lines(d, "\u202e")), EITHER, 1,
             table=True),
    RawFault("zwsp-one-heading", on_bytes(fc.in_headings("\u200b", only=5)), EITHER, 1),
    RawFault("zwsp-all-headings", on_bytes(fc.in_headings("\u200b")), EITHER, 1),
    RawFault("word-joiner-headings", on_bytes(fc.in_headings("\u2060")), EITHER, 1),
    RawFault("bom-inside-headings", on_bytes(fc.in_headings("\ufeff")), EITHER, 1),
    RawFault("soft-hyphen-headings", on_bytes(fc.in_headings("\u00ad")), EITHER, 1),
    RawFault("u2028-inside-lines", on_bytes(lambda d, s: fc.in_long_lines(d, "\u2028")),
             EITHER, 1),
    RawFault("u2029-inside-lines", on_bytes(lambda d, s: fc.in_long_lines(d, "\u2029")),
             EITHER, 1),
    RawFault("crlf", on_bytes(fc.line_ends("\r\n")), RESULT, 2),
    RawFault("crlf-mixed", on_bytes(fc.line_ends("\r\n", every=2)), RESULT, 2),
    RawFault("bom-and-crlf", on_bytes(lambda d, s: b"\xef\xbb\xbf" + d.replace(b"\n", b"\r\n")),
             RESULT, 2),
    RawFault("cr-only", on_bytes(fc.line_ends("\r")), EITHER),
    RawFault("symlink-inside", link_inside(False), RESULT, 2),
    RawFault("symlink-inside-absolute", link_inside(True), RESULT, 2),
    RawFault("symlink-chain-inside", link_inside(False, chain=True), RESULT, 2),
    RawFault("symlink-outside", link_outside(False, False), ERROR),
    RawFault("symlink-outside-relative", link_outside(True, False), ERROR),
    RawFault("symlink-outside-allowed", link_outside(False, True), RESULT, 2),
    RawFault("symlink-dangling", link_to("nowhere.txt"), ERROR),
    RawFault("symlink-loop", link_to("loop"), ERROR),
    RawFault("symlink-to-directory", link_to("adir", make_dir=True), ERROR),
    RawFault("symlink-to-dev-null", link_to("/dev/null"), ERROR),
    RawFault("symlink-to-dev-null-allowed", link_to("/dev/null", allow=True), ERROR),
]
#: Per side only: GBK of the Chinese is documented; of the English, a guess.
SIDED_FAULTS = [
    (RawFault("gbk", on_bytes(fc.encoded("gbk")), RESULT, 2), "zh"),
    (RawFault("gbk", on_bytes(fc.encoded("gbk")), EITHER, 1), "en"),
    (RawFault("cp1252", on_bytes(fc.encoded("cp1252")), EITHER, 1), "en"),
]


def raw_plan(fault: RawFault, side: str, command: str) -> Callable[[Ctx, Path], Plan]:
    def prepare(ctx: Ctx, d: Path) -> Plan:
        raw = ctx.raw_copy(d)
        doc = ctx.doc(side)
        extra = fault.apply(raw, doc["file"], side)
        mentions = (Path(doc["file"]).name, doc["id"])
        same = fault.same > 0
        if command == "parse":
            return Plan(["parse", "--raw", raw, "--json", *extra], fault.expect, mentions,
                        parse_check(ctx, doc["id"], same))
        if command == "parse-table":
            return Plan(["parse", "--raw", raw, *extra], fault.expect, mentions,
                        no_escapes())
        if command == "show":
            return Plan(["show", doc["id"], "art-5", "--raw", raw, "--json", *extra],
                        fault.expect, mentions, show_check(doc["id"], "art-5", same))
        out = ctx.out_copy(d)
        return Plan(["build", "--raw", raw, "--out", out, "--json", *extra], fault.expect,
                    mentions, build_check(ctx, out, fault.same > 1), guard=out)
    return prepare


#: Faults of a sentence-per-line file given to ``align-files`` (the Chinese side):
#: (name, fault, expectation, whether the result must cover every line once).
PAIR_FAULTS: list[tuple[str, Apply, str, bool]] = [
    ("empty", const(b""), ERROR, False),
    ("whitespace-only", const(b"  \n\n\t\n"), ERROR, False),
    ("binary-png", const(b"\x89PNG\r\n\x1a\n\x00\x00" + fc.random_bytes(4, 300)), ERROR, False),
    ("invalid-utf8", on_bytes(lambda d, s: fc.insert_at(d, 0.5, b"\xff")), ERROR, False),
    ("one-nul-byte", on_bytes(lambda d, s: fc.insert_at(d, 0.5, b"\x00")), EITHER, True),
    ("utf16-bom", on_bytes(fc.encoded("utf-16-le", b"\xff\xfe")), RESULT, True),
    ("gbk", on_bytes(fc.encoded("gbk")), EITHER, True),
    ("crlf", on_bytes(fc.line_ends("\r\n")), RESULT, True),
    ("u2028-inside-lines", on_bytes(lambda d, s: fc.in_long_lines(d, "\u2028", 12)), RESULT,
     True),
    ("lone-cr-inside-lines", on_bytes(lambda d, s: fc.in_long_lines(d, "\r", 12)), RESULT,
     True),
    ("form-feed-inside-lines", on_bytes(lambda d, s: fc.in_long_lines(d, "\x0c", 12)), RESULT,
     True),
    ("nel-inside-lines", on_bytes(lambda d, s: fc.in_long_lines(d, "\x85", 12)), RESULT, True),
    ("directory", replace_by_dir, ERROR, False),
    ("missing", remove, ERROR, False),
    ("huge-line-1MB", on_bytes(lambda d, s: d + fc.huge_line(s, 1 << 20, False)[2:]), EITHER,
     False),
]


def beads_cover(n_src: int, n_tgt: int) -> Check:
    """Bead lines ``[i,…]:[k,…]`` that use every line of each side exactly once."""
    def check(run: Run) -> str | None:
        src: list[int] = []
        tgt: list[int] = []
        for line in run.stdout.splitlines():
            m = re.fullmatch(r"\[([\d,]*)\]:\[([\d,]*)\](?::[\d.]+)?", line.strip())
            if not m:
                return f"not a bead line: {line[:60]!r}"
            src += [int(x) for x in m.group(1).split(",") if x]
            tgt += [int(x) for x in m.group(2).split(",") if x]
        if sorted(src) != list(range(n_src)) or sorted(tgt) != list(range(n_tgt)):
            return (f"beads cover source lines {fc_ranges(src)} and target lines "
                    f"{fc_ranges(tgt)}, not 0-{n_src - 1} and 0-{n_tgt - 1} once each")
        return None
    return check


def fc_ranges(values: list[int]) -> str:
    if not values:
        return "none"
    return f"{min(values)}-{max(values)} ({len(values)})"


def pair_plan(fault: Apply, expect: str, covers: bool) -> Callable[[Ctx, Path], Plan]:
    def prepare(ctx: Ctx, d: Path) -> Plan:
        zh, en = d / "zh.txt", d / "en.txt"
        shutil.copyfile(ctx.zh_lines, zh)
        shutil.copyfile(ctx.en_lines, en)
        fault(d, "zh.txt", "zh")
        n = len(ctx.zh_lines.read_text("utf-8").split("\n")) - 1
        return Plan(["align-files", "zh.txt", "en.txt", "--scores", "--cache",
                     ctx.small_cache], expect, ("zh.txt",),
                    beads_cover(n, n) if covers else None)
    return prepare


#: The faults a whole build is tried on (a build takes long): every promised result,
#: what reaches the aligner and the exports, and a few refusals for the kept outputs.
BUILD_FAULTS = ("empty", "binary-png", "invalid-utf8-middle", "directory", "missing",
                "symlink-outside", "one-nul-byte", "utf8-bom", "utf16le-bom", "gbk",
                "huge-line-1MB", "huge-line-1MB-sentences", "ansi-escapes", "c1-csi",
                "nel-u0085", "zwsp-all-headings", "u2028-inside-lines", "crlf",
                "symlink-inside", "symlink-outside-allowed")


def raw_cases() -> list[Case]:
    """Every fault parsed on both sides; shown on one side (alternately); built on one
    side for :data:`BUILD_FAULTS`."""
    cases = []
    for n, fault in enumerate(RAW_FAULTS):
        one = ("zh", "en")[n % 2]
        runs = [("zh", "parse"), ("en", "parse"), (one, "show")]
        runs += [(("en", "zh")[n % 2], "build")] if fault.name in BUILD_FAULTS else []
        runs += [(one, "parse-table")] if fault.table else []
        for side, command in runs:
            cases.append(Case("raw", f"{fault.name} ({side}): {command}",
                              raw_plan(fault, side, command)))
    for fault, side in SIDED_FAULTS:
        commands = ["parse", "show"] + (["build"] if fault.name in BUILD_FAULTS
                                        and fault.expect == RESULT else [])
        for command in commands:
            cases.append(Case("raw", f"{fault.name} ({side}): {command}",
                              raw_plan(fault, side, command)))
    for name, apply, expect, covers in PAIR_FAULTS:
        cases.append(Case("raw", f"{name}: align-files", pair_plan(apply, expect, covers)))
    return cases


# -- family 2: manifests -------------------------------------------------------------------
#: (entries, raw dir) -> the manifest's new text; None: the mutation wrote it (or not).
Mutation = Callable[[list[dict[str, Any]], Path], "str | bytes | None"]


@dataclass(frozen=True)
class ManifestFault:
    name: str
    mutate: Mutation
    expect: str
    args: tuple[str, ...] = ()
    same: bool = False  # on exit 0, the original's structure is the base's
    build: bool = False  # also run build into a copy of the base outputs
    table: bool = False  # also parse to the terminal


def entry(docs: list[dict[str, Any]], side: str) -> dict[str, Any]:
    return next(d for d in docs if (d["role"] == "original") == (side == "zh"))


def edit(fn: Callable[[list[dict[str, Any]], Path], None]) -> Mutation:
    def mutate(docs: list[dict[str, Any]], raw: Path) -> str:
        fn(docs, raw)
        return fc.manifest_text(docs)
    return mutate


def set_key(side: str, key: str, value: Any) -> Mutation:
    def fn(docs: list[dict[str, Any]], raw: Path) -> None:
        entry(docs, side)[key] = value
    return edit(fn)


def del_key(side: str, key: str) -> Mutation:
    def fn(docs: list[dict[str, Any]], raw: Path) -> None:
        entry(docs, side).pop(key, None)
    return edit(fn)


def set_id(value: str, original: str | None = None) -> Mutation:
    """The original's id (and the translation's reference to it, or ``original``)."""
    def fn(docs: list[dict[str, Any]], raw: Path) -> None:
        entry(docs, "zh")["id"] = value
        entry(docs, "en")["original"] = value if original is None else original
    return edit(fn)


def text(content: str | bytes) -> Mutation:
    return lambda docs, raw: content


def file_outside(name: str, link: str | None = None) -> Mutation:
    """The original's file copied to ``raw/../name`` and named by ``link`` (default
    ``../name``)."""
    def fn(docs: list[dict[str, Any]], raw: Path) -> None:
        zh = entry(docs, "zh")
        shutil.copyfile(raw / zh["file"], raw.parent / name)
        zh["file"] = link or f"../{name}"
    return edit(fn)


def absolute_inside(docs: list[dict[str, Any]], raw: Path) -> None:
    entry(docs, "zh")["file"] = str((raw / entry(docs, "zh")["file"]).absolute())


def linked_dir_outside(docs: list[dict[str, Any]], raw: Path) -> None:
    zh = entry(docs, "zh")
    (raw.parent / "elsewhere").mkdir()
    shutil.move(raw / zh["file"], raw.parent / "elsewhere" / zh["file"])
    (raw / "sub").symlink_to(raw.parent / "elsewhere")
    zh["file"] = f"sub/{zh['file']}"


def renamed_on_disk(new: str, manifest_name: str) -> Mutation:
    """The original's file renamed ``new`` on disk and named ``manifest_name``."""
    def fn(docs: list[dict[str, Any]], raw: Path) -> None:
        zh = entry(docs, "zh")
        (raw / zh["file"]).rename(raw / new)
        zh["file"] = manifest_name
    return edit(fn)


def delete_manifest(docs: list[dict[str, Any]], raw: Path) -> None:
    (raw / "manifest.toml").unlink()


def manifest_dir(docs: list[dict[str, Any]], raw: Path) -> None:
    (raw / "manifest.toml").unlink()
    (raw / "manifest.toml").mkdir()


def untouched(docs: list[dict[str, Any]], raw: Path) -> str:
    return fc.manifest_text(docs)


def many_translations(n: int) -> Mutation:
    def fn(docs: list[dict[str, Any]], raw: Path) -> None:
        en = entry(docs, "en")
        docs.extend({**en, "id": f"{en['id']}.{k}"} for k in range(n))
    return edit(fn)


def mutate_manifest(fn: Callable[[str], str | bytes]) -> Mutation:
    """A change to the manifest's text as it is."""
    def mutate(docs: list[dict[str, Any]], raw: Path) -> str | bytes:
        return fn((raw / "manifest.toml").read_text("utf-8"))
    return mutate


def _swap_roles(docs: list[dict[str, Any]], raw: Path) -> None:
    zh, en = entry(docs, "zh"), entry(docs, "en")
    en["role"], zh["role"] = "original", "translation"
    en.pop("original")
    zh["original"] = en["id"]


def _duplicate_zh(docs: list[dict[str, Any]], raw: Path) -> None:
    docs.append(dict(entry(docs, "zh")))


def _same_id(docs: list[dict[str, Any]], raw: Path) -> None:
    entry(docs, "en")["id"] = entry(docs, "zh")["id"]


def _nfc_nfd_ids(docs: list[dict[str, Any]], raw: Path) -> None:
    entry(docs, "zh")["id"] = unicodedata.normalize("NFC", "dsl.café")
    entry(docs, "en")["original"] = unicodedata.normalize("NFD", "dsl.café")


def _nfc_nfd_work(docs: list[dict[str, Any]], raw: Path) -> None:
    entry(docs, "zh")["work"] = unicodedata.normalize("NFC", "sécurité")
    entry(docs, "en")["work"] = unicodedata.normalize("NFD", "sécurité")


def _other_work(docs: list[dict[str, Any]], raw: Path) -> None:
    entry(docs, "en")["work"] = "another-work"


def _ligature_key(docs: list[dict[str, Any]], raw: Path) -> None:
    zh = entry(docs, "zh")
    zh["\ufb01le"] = zh.pop("file")


def _fullwidth_key(docs: list[dict[str, Any]], raw: Path) -> None:
    zh = entry(docs, "zh")
    zh["\uff49\uff44"] = zh.pop("id")


def _both_same_file(docs: list[dict[str, Any]], raw: Path) -> None:
    entry(docs, "en")["file"] = entry(docs, "zh")["file"]


def _typo_key(docs: list[dict[str, Any]], raw: Path) -> None:
    entry(docs, "zh")["langauge"] = "zh"


def _key_twice(text: str) -> str:
    return text.replace('id = "dsl.zh"', 'id = "dsl.zh"\nid = "dsl.zh2"', 1)


MANIFEST_FAULTS: list[ManifestFault] = [
    ManifestFault("missing", lambda docs, raw: delete_manifest(docs, raw), ERROR, build=True),
    ManifestFault("a directory", lambda docs, raw: manifest_dir(docs, raw), ERROR),
    ManifestFault("empty", text(""), ERROR),
    ManifestFault("comments only", text("# nothing here\n# [[documents]]\n"), ERROR),
    ManifestFault("not TOML: unclosed table", text("[[documents]\nid = 1\n"), ERROR,
                  build=True),
    ManifestFault("not TOML: JSON", lambda docs, raw: json.dumps({"documents": docs}), ERROR),
    ManifestFault("not TOML: YAML", text("documents:\n  - id: x\n    file: x.txt\n"), ERROR),
    ManifestFault("not TOML: random bytes", text(fc.random_bytes(7, 500)), ERROR),
    ManifestFault("not TOML: cut in a string",
                  mutate_manifest(lambda t: t[: t.index("title") + 12]), ERROR),
    ManifestFault("invalid UTF-8", mutate_manifest(
        lambda t: t.encode().replace(b"title", b"\xfftitle", 1)), ERROR),
    ManifestFault("UTF-16 with BOM", mutate_manifest(lambda t: t.encode("utf-16")), EITHER,
                  same=True),
    ManifestFault("UTF-8 BOM", mutate_manifest(lambda t: "\ufeff" + t), EITHER, same=True),
    ManifestFault("CRLF line ends", mutate_manifest(lambda t: t.replace("\n", "\r\n")), RESULT,
                  same=True),
    ManifestFault("key twice in a table", mutate_manifest(_key_twice), ERROR),
    ManifestFault("no documents", text('title = "x"\n'), ERROR),
    ManifestFault("documents = []", text("documents = []\n"), ERROR),
    ManifestFault("documents a string", text('documents = "dsl.zh"\n'), ERROR),
    ManifestFault("documents a table", text('[documents]\nid = "x"\n'), ERROR),
    ManifestFault("documents integers", text("documents = [1, 2]\n"), ERROR),
    ManifestFault("id a boolean", set_key("zh", "id", True), ERROR),
    ManifestFault("title a table", set_key("zh", "title", {"a": 1}), ERROR),
    ManifestFault("unknown key in a document", set_key("zh", "colour", "red"), EITHER,
                  same=True),
    ManifestFault("unknown top-level key", lambda docs, raw: fc.manifest_text(
        docs, {"version": 2}), EITHER, same=True),
    ManifestFault("misspelt key beside the right one", edit(_typo_key), EITHER, same=True),
    ManifestFault("duplicate id: an entry twice", edit(_duplicate_zh), ERROR, build=True),
    ManifestFault("duplicate id: translation has the original's", edit(_same_id), ERROR),
    ManifestFault("ids differing in case", set_key("en", "id", "DSL.ZH"), EITHER),
    ManifestFault("ids equal after NFC", edit(_nfc_nfd_ids), EITHER),
    ManifestFault("works equal after NFC", edit(_nfc_nfd_work), EITHER),
]
BAD_IDS = {"slash": "dsl/zh", "space": "dsl zh", "tab": "dsl\tzh", "newline": "dsl\nzh",
           "NUL": "dsl\x00zh", "ESC": "dsl\x1bzh", "DEL": "dsl\x7fzh", "NEL": "dsl\x85zh",
           "U+200B": "dsl\u200bzh", "U+202E": "dsl\u202ezh", "U+FEFF": "dsl\ufeffzh",
           "no-break space": "dsl\u00a0zh", "ideographic space": "dsl\u3000zh",
           "empty": "", "only a space": " "}
ODD_IDS = {"dot": ".", "dot-dot": "..", "10,000 characters": "x" * 10_000,
           "rich markup": "[/b]dsl", "percent-encoded": "dsl%41", "star": "*",
           "leading dash": "-dsl", "combining accent": "dsl\u0301", "fullwidth": "ｄｓｌ",
           "a unit path": "art-5", "a number": "14", "emoji": "dsl🔒", "backslash": "dsl\\zh"}
LANGUAGES = {"fr": ERROR, "xx": ERROR, "": ERROR, "中文": ERROR, "zh\x00": ERROR, "z": ERROR,
             "zh-Hant": EITHER, "ZH_hans": RESULT, "zho": EITHER, "zh-": EITHER,
             "ｚｈ": EITHER, " zh": EITHER, "zh\u200b": EITHER}
ROLES = {"source": ERROR, "": ERROR, "Original": EITHER, "ORIGINAL": EITHER,
         "original ": EITHER, "ｏｒｉｇｉｎａｌ": EITHER}
STRUCTURES = {"laws": ERROR, "": EITHER, "LAW": EITHER, "policy": EITHER,
              "transcript": EITHER, "flat": EITHER, "law": RESULT, "auto": RESULT}
#: Every key with a string value, and whether an empty string must be refused.
KEYS = {"id": True, "file": True, "language": True, "role": True, "work": True,
        "title": False, "original": True, "structure": False, "publisher": False,
        "date": False, "notes": False}
WRONG_TYPES: dict[str, Any] = {"integer": 1, "array": ["x"]}


def manifest_faults() -> list[ManifestFault]:
    faults = list(MANIFEST_FAULTS)
    for side in ("zh", "en"):
        for key in ("id", "file", "language", "role", "work", "title"):
            faults.append(ManifestFault(f"{side} without {key}", del_key(side, key), ERROR,
                                        build=key == "id"))
    for key, empty_refused in KEYS.items():
        side = "en" if key == "original" else "zh"
        for label, value in WRONG_TYPES.items():
            faults.append(ManifestFault(f"{key} an {label}" if label[0] in "ai" else
                                        f"{key} a {label}", set_key(side, key, value), ERROR,
                                        build=(key, label) == ("id", "integer")))
        faults.append(ManifestFault(f"{key} empty", set_key(side, key, ""),
                                    ERROR if empty_refused else EITHER))
    faults.append(ManifestFault("date a TOML date", set_key("zh", "date",
                                                            fc.Raw("2021-06-10")), EITHER,
                                same=True))
    for label, value in BAD_IDS.items():
        faults.append(ManifestFault(f"id with {label}", set_id(value), ERROR,
                                    build=label in ("slash", "NUL")))
    for label, value in ODD_IDS.items():
        faults.append(ManifestFault(f"id: {label}", set_id(value), EITHER,
                                    table=label in ("rich markup", "combining accent",
                                                    "percent-encoded")))
    for value, expect in LANGUAGES.items():
        faults.append(ManifestFault(f"language {value!r}", set_key("zh", "language", value),
                                    expect, same=expect == RESULT, build=value == "fr"))
    faults.append(ManifestFault("language 'EN' (case)", set_key("en", "language", "EN"),
                                RESULT))
    for value, expect in ROLES.items():
        faults.append(ManifestFault(f"role {value!r}", set_key("zh", "role", value), expect))
    faults += [
        ManifestFault("translation without original", del_key("en", "original"), ERROR,
                      build=True),
        ManifestFault("original unknown", set_key("en", "original", "nosuch"), ERROR),
        ManifestFault("original is itself", set_key("en", "original", "dsl.en"), ERROR),
        ManifestFault("original of another work", edit(_other_work), ERROR),
        ManifestFault("original in another case", set_key("en", "original", "DSL.ZH"),
                      EITHER),
        ManifestFault("roles swapped", edit(_swap_roles), EITHER),
        ManifestFault("related with an original", set_key("en", "role", "related"), EITHER),
        ManifestFault("two originals", set_key("en", "role", "original"), EITHER),
        ManifestFault("50 translations of one file", many_translations(50), EITHER,
                      same=True),
    ]
    for value, expect in STRUCTURES.items():
        faults.append(ManifestFault(f"structure {value!r}", set_key("zh", "structure", value),
                                    expect, same=expect == RESULT))
    faults += [
        ManifestFault("file '../x'", file_outside("x.md"), ERROR, build=True),
        ManifestFault("file '../x' with --outside-raw", file_outside("x.md"), RESULT,
                      ("--outside-raw",), same=True),
        ManifestFault("file 'raw/../../x'", file_outside("x.md", "sub/../../x.md"), ERROR),
        ManifestFault("file '/etc/passwd'", set_key("zh", "file", "/etc/passwd"), ERROR,
                      build=True),
        ManifestFault("file '/etc/passwd' with --outside-raw",
                      set_key("zh", "file", "/etc/passwd"), EITHER, ("--outside-raw",)),
        ManifestFault("file '/proc/self/environ' with --outside-raw",
                      set_key("zh", "file", "/proc/self/environ"), ERROR, ("--outside-raw",)),
        ManifestFault("file '/dev/null' with --outside-raw", set_key("zh", "file", "/dev/null"),
                      ERROR, ("--outside-raw",)),
        ManifestFault("file '/' with --outside-raw", set_key("zh", "file", "/"), ERROR,
                      ("--outside-raw",)),
        ManifestFault("file: absolute path inside raw", edit(absolute_inside), EITHER,
                      same=True),
        ManifestFault("file './name'", edit(lambda docs, raw: entry(docs, "zh").update(
            file="./" + entry(docs, "zh")["file"])), RESULT, same=True),
        ManifestFault("file through a linked directory outside", edit(linked_dir_outside),
                      ERROR),
        ManifestFault("file '.'", set_key("zh", "file", "."), ERROR),
        ManifestFault("file 'sub/'", set_key("zh", "file", "sub/"), ERROR),
        ManifestFault("file '~/x'", set_key("zh", "file", "~/x.md"), ERROR),
        ManifestFault("file 'file:///etc/passwd'", set_key("zh", "file", "file:///etc/passwd"),
                      ERROR),
        ManifestFault("file in another case", renamed_on_disk("ZH.MD", "zh.md"), ERROR),
        ManifestFault("file with a trailing space", edit(lambda docs, raw: entry(
            docs, "zh").update(file=entry(docs, "zh")["file"] + " ")), ERROR),
        ManifestFault("file with NUL", edit(lambda docs, raw: entry(docs, "zh").update(
            file=entry(docs, "zh")["file"] + "\x00")), ERROR),
        ManifestFault("file name of 300 characters", set_key("zh", "file", "x" * 300 + ".md"),
                      ERROR),
        ManifestFault("file name NFD on disk, NFC in the manifest", renamed_on_disk(
            unicodedata.normalize("NFD", "données-é.md"),
            unicodedata.normalize("NFC", "données-é.md")), EITHER, same=True),
        ManifestFault("file is the manifest", set_key("zh", "file", "manifest.toml"), EITHER),
        ManifestFault("both documents one file", edit(_both_same_file), EITHER),
        ManifestFault("key 'ﬁle' (ligature)", edit(_ligature_key), ERROR),
        ManifestFault("key 'ｉｄ' (fullwidth)", edit(_fullwidth_key), ERROR),
        ManifestFault("title with ESC", set_key("zh", "title", "Data\x1b[2J law"), EITHER,
                      table=True),
        ManifestFault("publisher with C1 CSI", set_key("zh", "publisher", "NPC\x9b2J"), EITHER,
                      table=True),
        ManifestFault("notes of 1 MB", set_key("zh", "notes", "n" * (1 << 20)), EITHER),
        ManifestFault("unchanged (control)", untouched, RESULT, same=True),
    ]
    return faults


def manifest_plan(fault: ManifestFault, command: str) -> Callable[[Ctx, Path], Plan]:
    def prepare(ctx: Ctx, d: Path) -> Plan:
        raw = ctx.raw_copy(d)
        docs = [dict(doc) for doc in ctx.docs]
        content = fault.mutate(docs, raw)
        if isinstance(content, str):
            (raw / "manifest.toml").write_text(content, encoding="utf-8")
        elif isinstance(content, bytes):
            (raw / "manifest.toml").write_bytes(content)
        named = [str(doc.get(k)) for doc in docs if isinstance(doc, dict)
                 for k in ("id", "file") if isinstance(doc.get(k), str) and doc.get(k)]
        mentions = ("manifest", *named, *(Path(n).name for n in named if Path(n).name))
        if command == "build":
            out = ctx.out_copy(d)
            return Plan(["build", "--raw", raw, "--out", out, "--json", *fault.args],
                        fault.expect, mentions, build_check(ctx, out, False), guard=out)
        if command == "parse-table":
            return Plan(["parse", "--raw", raw, *fault.args], fault.expect, mentions,
                        no_escapes())
        return Plan(["parse", "--raw", raw, "--json", *fault.args], fault.expect, mentions,
                    parse_check(ctx, ctx.original["id"], fault.same))
    return prepare


def manifest_cases() -> list[Case]:
    cases = []
    for fault in manifest_faults():
        commands = ["parse"] + (["build"] if fault.build else []) + \
            (["parse-table"] if fault.table else [])
        for command in commands:
            cases.append(Case("manifest", f"{fault.name}: {command}",
                              manifest_plan(fault, command)))
    return cases


# -- family 3: options ---------------------------------------------------------------------
#: The command that takes each group of knobs most cheaply.
GROUP_COMMAND = {"align": "align", "divergence": "diff", "links": "build"}


@dataclass(frozen=True)
class Knob:
    group: str
    name: str
    kind: type
    low: float | None  # documented range, from the option's help; None: not documented
    high: float | None

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")

    def mentions(self) -> tuple[str, ...]:
        return (self.option, self.name, self.name.replace("_", " "))


def knobs() -> list[Knob]:
    """Every numeric knob of the configuration, with the range its help documents:
    "(1-8)", "(0-1)", "(negative)", a cosine ("Cosine …"), "2 to twice --max-side"."""
    out = []
    for group, cls in GROUPS.items():
        hints = {f.name: f.type for f in fields(cls)}
        for f in fields(cls):
            if not f.init:
                continue
            kind = int if hints[f.name] in (int, "int") else float
            text = f.metadata.get("help", "")
            low: float | None = None
            high: float | None = None
            if m := re.search(r"\((?:[^()]*?, )?(\d+)-(\d+)\)", text):
                low, high = float(m.group(1)), float(m.group(2))
            elif "(negative)" in text:
                low, high = -math.inf, -1e-300
            elif "to twice --max-side" in text:
                low, high = 2, 10
            elif re.match(r"(Bead )?[Cc]osine", text):
                low, high = -1.0, 1.0
            out.append(Knob(group, f.name, kind, low, high))
    return out


def knob_values(knob: Knob) -> list[str]:
    """NaN, infinity, negative, huge and non-numeric; for an integer knob NaN and
    infinity are just non-numeric, so 0 instead."""
    if knob.kind is int:
        return ["-1", "0", HUGE_INT, "abc"]
    return ["nan", "inf", "-1", "1e308", "abc"]


def knob_expect(knob: Knob, value: str) -> str:
    try:
        number = float(value)
    except ValueError:
        return ERROR
    if not math.isfinite(number) or (knob.kind is int and number != int(number)):
        return ERROR
    if knob.low is not None and knob.high is not None and not knob.low <= number <= knob.high:
        return ERROR
    return EITHER


def signature_check(knob: Knob, value: str, command: str, out: Path) -> Check:
    """The run's JSON is standard (no NaN) and its signature names the value given."""
    def check(run: Run) -> str | None:
        try:
            if command == "diff":
                data = [fc.strict_json((out / "divergences.json").read_text("utf-8"))]
            elif command == "align":
                data = json_lines(run.stdout)
            else:
                data = [fc.strict_json(run.stdout)]
        except (OSError, ValueError) as exc:
            return f"output is not standard JSON: {exc}"
        for item in data:
            got = item.get("signature", {}).get("params", {}).get(knob.name)
            if got is None or float(got) != float(value):
                return f"the signature has {knob.name} = {got!r}, not {value}"
        return None
    return check


def knob_plan(knob: Knob, value: str, command: str) -> Callable[[Ctx, Path], Plan]:
    def prepare(ctx: Ctx, d: Path) -> Plan:
        out = ctx.out_copy(d)
        return Plan([command, "--raw", ctx.base_raw, "--out", out, "--json", knob.option,
                     value], knob_expect(knob, value), knob.mentions(),
                    signature_check(knob, value, command, out), guard=out)
    return prepare


def plain(args: list[Arg], expect: str = EITHER, mentions: tuple[str, ...] = (),
          check: Check | None = None, **kw: Any) -> Callable[[Ctx, Path], Plan]:
    """A case on the base corpus and database: ``{db}`` and ``{raw}`` in ``args`` stand
    for them, ``{out}`` for a fresh copy of the base outputs (guarded), ``{home}`` for an
    existing directory."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        out = ctx.out_copy(d) if "{out}" in args else None
        subst = {"{db}": ctx.db, "{raw}": ctx.base_raw, "{out}": out, "{home}": ctx.home}
        real = [subst.get(a, a) if isinstance(a, str) else a for a in args]
        return Plan([a for a in real if a is not None], expect, mentions, check, guard=out,
                    **kw)
    return prepare


ARTICLES = {"²": EITHER, HUGE_INT: ERROR, "0": ERROR, "-1": ERROR, "art-999": ERROR,
            "第九十九条": ERROR, "Article 99": ERROR, "chap-99": ERROR, "": ERROR,
            "（一）": ERROR, "١٤": EITHER, "¹⁴": EITHER, "art-": ERROR, "%": ERROR,
            "art-5": RESULT, "第五条": RESULT, "5": RESULT}


def option_cases() -> list[Case]:
    cases = []
    for knob in knobs():
        command = GROUP_COMMAND[knob.group]
        for value in knob_values(knob):
            cases.append(Case("options", f"{command} {knob.option} {value}",
                              knob_plan(knob, value, command)))
    many = [("search --limit", ["search", "data", "--db", "{db}", "--json", "--limit"]),
            ("similar --limit", ["similar", "data security", "--db", "{db}", "--json",
                                 "--limit"])]
    for label, args in many:
        for value, expect in (("0", EITHER), ("-1", EITHER), (HUGE_INT, EITHER),
                              ("abc", ERROR), ("1e3", EITHER)):
            limit = int(value) if value.lstrip("-").isdigit() else 20
            cases.append(Case("options", f"{label} {value}",
                              plain([*args, value], expect, ("--limit", "limit"),
                                    hits_check(limit if limit < 10**6 else 10**6))))
    for value, expect in ARTICLES.items():
        mention = ("--article", "article", value) if value else ("--article", "article")
        cases += [
            Case("options", f"search --article {value!r}",
                 plain(["search", "data", "--db", "{db}", "--json", "--article", value],
                       expect, mention, hits_check())),
            Case("options", f"show {value!r} (database)",
                 plain(["show", value, "--db", "{db}", "--json"], expect,
                       ("article", "unit", value) if value else ("article", "unit"))),
            Case("options", f"show dsl.zh {value!r} (raw text)",
                 plain(["show", "dsl.zh", value, "--raw", "{raw}", "--json"], expect,
                       ("article", "unit", "dsl.zh", value) if value else ("dsl.zh",))),
        ]
    for value in ("²", HUGE_INT, "art-999"):
        cases.append(Case("options", f"links --article {value!r}",
                          plain(["links", "--db", "{db}", "--json", "--article", value], ERROR,
                                ("--article", "article", value))))
    cases.append(Case("options", "diff --article 'art-999'",
                      plain(["diff", "--raw", "{raw}", "--out", "{out}", "--json",
                             "--article", "art-999"], ERROR, ("--article", "article",
                                                              "art-999"))))
    named: list[tuple[str, list[Arg], str, tuple[str, ...]]] = [
        ("diff --kind bogus", ["diff", "--raw", "{raw}", "--out", "{out}", "--kind", "bogus"],
         ERROR, ("--kind", "kind", "bogus")),
        ("diff --severity urgent", ["diff", "--raw", "{raw}", "--out", "{out}", "--severity",
                                    "urgent"], ERROR, ("--severity", "severity", "urgent")),
        ("diff --kind ''", ["diff", "--raw", "{raw}", "--out", "{out}", "--kind", ""], ERROR,
         ("--kind", "kind")),
        ("export --format bogus", ["export", "--db", "{db}", "--out", "{out}", "--format",
                                   "bogus"], ERROR, ("--format", "format", "bogus")),
        ("export --format ''", ["export", "--db", "{db}", "--out", "{out}", "--format", ""],
         ERROR, ("--format", "format")),
        ("export --format TMX", ["export", "--db", "{db}", "--out", "{out}", "--format",
                                 "TMX"], EITHER, ("--format", "format", "TMX")),
        ("export --doc nosuch", ["export", "--db", "{db}", "--out", "{out}", "--doc",
                                 "nosuch"], ERROR, ("nosuch",)),
        ("search --doc nosuch", ["search", "data", "--db", "{db}", "--doc", "nosuch"], ERROR,
         ("nosuch",)),
        ("similar --doc nosuch", ["similar", "data", "--db", "{db}", "--doc", "nosuch"],
         ERROR, ("nosuch",)),
        ("links --doc nosuch", ["links", "--db", "{db}", "--doc", "nosuch"], ERROR,
         ("nosuch",)),
        ("show 5 --docs nosuch", ["show", "5", "--db", "{db}", "--docs", "nosuch"], ERROR,
         ("nosuch",)),
        ("parse nosuch", ["parse", "nosuch", "--raw", "{raw}"], ERROR, ("nosuch",)),
        ("align nosuch", ["align", "nosuch", "--raw", "{raw}", "--out", "{out}"], ERROR,
         ("nosuch",)),
        ("align dsl.zh (an original)", ["align", "dsl.zh", "--raw", "{raw}", "--out",
                                        "{out}"], ERROR, ("dsl.zh",)),
        ("search --lang fr", ["search", "data", "--db", "{db}", "--lang", "fr"], ERROR,
         ("--lang", "lang", "fr")),
        ("search --lang ''", ["search", "data", "--db", "{db}", "--lang", ""], ERROR,
         ("--lang", "lang")),
        ("similar --lang fr", ["similar", "data", "--db", "{db}", "--lang", "fr"], ERROR,
         ("--lang", "lang", "fr")),
        ("align --model nosuch", ["align", "--raw", "{raw}", "--out", "{out}", "--model",
                                  "nosuch"], ERROR, ("--model", "model", "nosuch")),
        ("align --model ''", ["align", "--raw", "{raw}", "--out", "{out}", "--model", ""],
         ERROR, ("--model", "model")),
        ("align --model st:/nonexistent", ["align", "--raw", "{raw}", "--out", "{out}",
                                           "--model", "st:/nonexistent"], ERROR,
         ("--model", "model", "nonexistent")),
        ("build --model /etc/passwd", ["build", "--raw", "{raw}", "--out", "{out}", "--model",
                                       "/etc/passwd"], ERROR, ("--model", "model", "passwd")),
        ("parse --raw nonexistent", ["parse", "--raw", "nonexistent"], ERROR,
         ("nonexistent",)),
        ("parse --raw /etc/passwd", ["parse", "--raw", "/etc/passwd"], ERROR, ("passwd",)),
        ("parse --raw ''", ["parse", "--raw", ""], ERROR, ("manifest", "--raw", "raw")),
        ("parse --raw /", ["parse", "--raw", "/"], ERROR, ("manifest", "/")),
        ("stats --db nonexistent", ["stats", "--db", "nonexistent.sqlite"], ERROR,
         ("nonexistent",)),
        ("stats --db a directory", ["stats", "--db", "{home}"], ERROR, ("home",)),
        ("stats --db ''", ["stats", "--db", ""], ERROR, ("--db", "database")),
        ("align --max-side 8 --max-total 16", ["align", "--raw", "{raw}", "--out", "{out}",
                                               "--json", "--max-side", "8", "--max-total",
                                               "16"], RESULT, ()),
        ("align --max-side 2 --max-total 5", ["align", "--raw", "{raw}", "--out", "{out}",
                                              "--max-side", "2", "--max-total", "5"], ERROR,
         ("max side", "max total", "--max-total", "max_total")),
        ("align floor = ceiling", ["align", "--raw", "{raw}", "--out", "{out}",
                                   "--confidence-floor", "0.5", "--confidence-ceiling", "0.5"],
         ERROR, ("confidence floor", "--confidence-floor", "confidence_floor")),
        ("diff unrelated = rendered", ["diff", "--raw", "{raw}", "--out", "{out}",
                                       "--word-unrelated", "0.6", "--word-rendered", "0.6"],
         ERROR, ("word unrelated", "--word-unrelated", "word_unrelated")),
        ("build --max-side 1e0", ["build", "--raw", "{raw}", "--out", "{out}", "--max-side",
                                  "1e0"], ERROR, ("--max-side", "max side")),
        ("build --skip ' -0.3'", ["build", "--raw", "{raw}", "--out", "{out}", "--skip",
                                  " -0.3"], EITHER, ("--skip", "skip")),
        ("build --skip -0", ["build", "--raw", "{raw}", "--out", "{out}", "--skip", "-0"],
         ERROR, ("--skip", "skip")),
        ("build --skip 1e-400 (rounds to 0)", ["build", "--raw", "{raw}", "--out", "{out}",
                                               "--skip", "-1e-400"], ERROR,
         ("--skip", "skip")),
    ]
    for label, args, expect, mentions in named:
        cases.append(Case("options", label, plain(args, expect, mentions)))
    cases.append(Case("options", "search --lang ZH", plain(
        ["search", "数据", "--db", "{db}", "--lang", "ZH", "--json"], EITHER,
        ("--lang", "lang"), hits_check())))
    return cases


# -- family 4: queries ---------------------------------------------------------------------
#: Queries a user types that the README leads to expect results from (an error is bad):
#: (query, least number of hits).
PLAIN_QUERIES: dict[str, int] = {
    "e-government": 1, "decision-making": 1, "self-regulation": 1, "high-quality": 0,
    "95%": 0, "AI+": 0, "C++": 0, "data+": 1, "data-": 1, "U.S.": 0, "People's": 1,
    "state's": 0, "“data”": 1, "data,": 1, "data.": 1, "data?": 1, "data/processing": 0,
    "10,000": 0, "2021": 0, "Data": 1, "DATA SECURITY": 1, "data security": 1, "data*": 1,
    "数据安全": 1, "数据-安全": 0, "数据，安全": 0, "（数据）": 1, "数据 安全": 1,
    "données": 0, "emoji 🔒 data": 0, "data\u00a0security": 0, "ｄａｔａ": 0,
}
#: FTS syntax, odd punctuation and sizes: a clear error or a result.
ODD_QUERIES: dict[str, str] = {
    "unbalanced quote": '"unbalanced', "lone AND": "AND", "lone OR": "OR", "lone NOT": "NOT",
    "trailing AND": "data AND", "leading OR": "OR data", "NEAR(": "NEAR(data security",
    "NEAR()": "NEAR(data security)", "open bracket": "(data", "close bracket": "data)",
    "empty brackets": "()", "lone star": "*", "caret": "^data", "column filter": "text:data",
    "unknown column": "nosuch:data", "column braces": "{text}: data", "plus between": "data + "
    "security", "double quote": '"', "two double quotes": '""', "single quote": "'",
    "colon": ":", "dash": "-", "double dash": "--", "tilde": "~", "pipe": "|",
    "ampersand": "&", "backslash": "\\", "percent": "%", "underscore": "_", "at": "@",
    "hash": "#", "bang": "!!!", "ideographic full stop": "。", "ideographic comma": "，",
    "ellipsis": "……", "em dashes": "——", "dots": "...", "mixed punctuation": "@#$%^&*()",
    "empty": "", "space": " ", "tab": "\t", "ideographic space": "\u3000",
    "ESC sequence": "\x1b[31mdata", "BEL": "data\x07", "CRLF": "data\r\nsecurity",
    "U+2028": "data\u2028security", "ZWSP": "\u200bdata", "BOM": "\ufeffdata",
    "RTL override": "\u202edata", "rich markup": "[/b]data", "rich markup zh": "[bold]数据",
    "100 KB of words": "data " * 20_000, "40,000 Chinese characters": "数据" * 20_000,
    "100 KB one token": "a" * 100_000, "10,000 OR terms": " OR ".join(["data"] * 10_000),
    "10,000 AND terms": " AND ".join(["data"] * 10_000),
    "10,000 quoted phrases": " ".join(['"data security"'] * 8_000),
    "1,000 nested brackets": "(" * 1000 + "data" + ")" * 1000,
    "10,000 stars": "data" + "*" * 10_000,
}


def query_plan(args: list[Arg], expect: str, check: Check | None, table: bool = False
               ) -> Callable[[Ctx, Path], Plan]:
    """``[command, query, options…]`` run as ``command options… -- query``, so that a
    query starting with a dash is the query."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        real = [ctx.db if a == "{db}" else a for a in [args[0], *args[2:], "--", args[1]]]
        return Plan(real, expect, (), no_escapes(check) if table else check, sql_leak=True)
    return prepare


SIMILAR = {"data security": (RESULT, 1), "数据安全": (RESULT, 1), "": (EITHER, 0),
           " ": (EITHER, 0), "🔒": (EITHER, 0), "\x1b[31m": (EITHER, 0),
           "100 KB": (EITHER, 0), "[/b]": (EITHER, 0), "٣": (EITHER, 0),
           "a 4,000-word sentence": (EITHER, 0)}
SHOW_UNITS = {"5": RESULT, "art-5": RESULT, "第五条": RESULT, "Article 5": EITHER,
              "ARTICLE 5": EITHER, "第 五 条": EITHER, "chap-2": RESULT, "(五)": ERROR,
              "[/b]": ERROR, "\x1b[2J": ERROR, "art-5/p-1": EITHER, "../../etc/passwd": ERROR,
              "*": ERROR, "100 KB": ERROR, "５": EITHER, "dsl.zh/art-5": EITHER,
              "prc-data-security-law-2021": ERROR}


def long_text(label: str) -> str:
    if label == "100 KB":
        return "data security " * 7_300
    if label == "a 4,000-word sentence":
        return " ".join(["security"] * 4_000) + "."
    return label


def query_cases() -> list[Case]:
    cases = []
    for query, least in PLAIN_QUERIES.items():
        cases.append(Case("queries", f"search {query!r}",
                          query_plan(["search", query, "--db", "{db}", "--json"], RESULT,
                                     hits_check(20, least))))
    for label, query in ODD_QUERIES.items():
        cases.append(Case("queries", f"search {label}",
                          query_plan(["search", query, "--db", "{db}", "--json"], EITHER,
                                     hits_check())))
    for label in ("unbalanced quote", "rich markup", "rich markup zh", "ESC sequence",
                  "RTL override", "unknown column"):
        cases.append(Case("queries", f"search {label} (table)",
                          query_plan(["search", ODD_QUERIES[label], "--db", "{db}"], EITHER,
                                     None, table=True)))
    for query in ("data", "数据安全", "e-government"):
        cases.append(Case("queries", f"search {query!r} --parallel (table)",
                          query_plan(["search", query, "--db", "{db}", "--parallel"],
                                     RESULT, None, table=True)))
    cases += [
        Case("queries", "search invalid UTF-8 in argv",
             query_plan(["search", b"data\xff\xfe", "--db", "{db}", "--json"], EITHER,
                        hits_check())),
        Case("queries", "search a lone surrogate's bytes in argv",
             query_plan(["search", b"\xed\xa0\x80", "--db", "{db}", "--json"], EITHER,
                        hits_check())),
        Case("queries", "search NUL in the query", lambda ctx, d: Plan(
            ["search", "da\\x00ta"], skip="a NUL byte cannot be passed in argv (execve)")),
        Case("queries", "similar NUL in the text", lambda ctx, d: Plan(
            ["similar", "da\\x00ta"], skip="a NUL byte cannot be passed in argv (execve)")),
        Case("queries", "search --lang en with Chinese",
             query_plan(["search", "数据", "--lang", "en", "--db", "{db}", "--json"], EITHER,
                        hits_check())),
        Case("queries", "search --lang zh with English",
             query_plan(["search", "data", "--lang", "zh", "--db", "{db}", "--json"], EITHER,
                        hits_check())),
    ]
    for label, (expect, least) in SIMILAR.items():
        cases.append(Case("queries", f"similar {label!r}",
                          query_plan(["similar", long_text(label), "--db", "{db}", "--json"],
                                     expect, hits_check(10, least))))
    cases.append(Case("queries", "similar invalid UTF-8 in argv",
                      query_plan(["similar", b"\xff\xfedata", "--db", "{db}", "--json"],
                                 EITHER, hits_check(10))))
    cases.append(Case("queries", "similar '[/b]' (table)",
                      query_plan(["similar", "[/b]", "--db", "{db}"], EITHER, None,
                                 table=True)))
    for unit, expect in SHOW_UNITS.items():
        cases.append(Case("queries", f"show {unit!r}",
                          query_plan(["show", long_text(unit), "--db", "{db}", "--json"],
                                     expect, json_check)))
        if unit in ("5", "[/b]", "\x1b[2J", "第 五 条", "chap-2"):
            cases.append(Case("queries", f"show {unit!r} (table)",
                              query_plan(["show", long_text(unit), "--db", "{db}"], expect,
                                         None, table=True)))
    return cases


def json_check(run: Run) -> str | None:
    try:
        fc.strict_json(run.stdout)
    except ValueError as exc:
        return f"stdout is not JSON: {exc}"
    return None


# -- family 5: outputs ---------------------------------------------------------------------
def build_args(ctx: Ctx, out: Arg, *extra: Arg) -> list[Arg]:
    return ["build", "--raw", ctx.base_raw, "--out", out, "--json", *extra]


def base_outputs(ctx: Ctx) -> Callable[[], dict[str, str]]:
    return lambda: ctx.base_snap


def new_outputs(ctx: Ctx) -> dict[str, str]:
    """The outputs of a build with :data:`NEW_ARGS` (made once)."""
    return ctx.outputs_of("build new", build_args(ctx, "{out}", *NEW_ARGS))


def leftovers(parent: Path, name: str) -> list[str]:
    return sorted(p.name for p in parent.glob(f".{name}.*")
                  if not p.name.endswith(".lock"))


def out_is_file(command: str) -> Callable[[Ctx, Path], Plan]:
    def prepare(ctx: Ctx, d: Path) -> Plan:
        target = d / "out"
        target.write_text("a file of the user's\n")
        args: list[Arg] = {
            "build": build_args(ctx, target),
            "align": ["align", "--raw", ctx.base_raw, "--out", target],
            "diff": ["diff", "--raw", ctx.base_raw, "--out", target],
            "export": ["export", "--db", ctx.db, "--out", target]}[command]
        return Plan(args, ERROR, ("out",), after=unchanged(target))
    return prepare


def out_link_to_dir(command: str) -> Callable[[Ctx, Path], Plan]:
    """``--out`` a symbolic link to a directory: followed, the link stays."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        real = ctx.out_copy(d, "real")
        link = d / "out"
        link.symlink_to(real)
        args: list[Arg] = {"build": build_args(ctx, link, *NEW_ARGS),
                           "export": ["export", "--db", ctx.db, "--out", link,
                                      "--format", "tmx", "--include-unaligned"]}[command]

        def check(run: Run) -> str | None:
            if not link.is_symlink():
                return "the link was replaced"
            if command == "build":
                diff = fc.snapshot_diff(new_outputs(ctx), fc.snapshot(real))
                return f"the linked directory is not the new outputs: {diff}" if diff else None
            tmx = fc.snapshot_file(real / "dsl.en.tmx")
            return None if tmx != ctx.base_snap.get("dsl.en.tmx") else \
                "the TMX file in the linked directory was not rewritten"
        return Plan(args, RESULT, ("out",), check)
    return prepare


def out_link_to_file(ctx: Ctx, d: Path) -> Plan:
    target = d / "file.txt"
    target.write_text("the user's\n")
    (d / "out").symlink_to(target)
    return Plan(build_args(ctx, d / "out"), ERROR, ("out",), after=unchanged(target))


def out_dangling_link(ctx: Ctx, d: Path) -> Plan:
    (d / "out").symlink_to(d / "nowhere")
    return Plan(build_args(ctx, d / "out"), EITHER, ("out", "nowhere"),
                build_check(ctx, d / "out", True))


def out_link_loop(ctx: Ctx, d: Path) -> Plan:
    (d / "out").symlink_to("out")
    return Plan(build_args(ctx, d / "out"), ERROR, ("out",))


def out_device(command: str) -> Callable[[Ctx, Path], Plan]:
    def prepare(ctx: Ctx, d: Path) -> Plan:
        args: list[Arg] = {"build": build_args(ctx, "/dev/null"),
                           "align": ["align", "--raw", ctx.base_raw, "--out", "/dev/null"],
                           "export": ["export", "--db", ctx.db, "--out", "/dev/null"]}[command]
        return Plan(args, ERROR, ("/dev/null",),
                    after=lambda run: None if Path("/dev/null").is_char_device() else
                    "/dev/null is no longer a device")
    return prepare


def align_files_out(target: str, expect: str) -> Callable[[Ctx, Path], Plan]:
    """``align-files --out``: a device, a link to a file, a directory, a missing parent."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        check: Check | None = None
        after: Check | None = None
        out: Path | str = target
        if target == "link":
            real = d / "real.align"
            real.write_text("old\n")
            out = d / "out.align"
            out.symlink_to(real)

            def check(run: Run) -> str | None:
                return None if (out.is_symlink() and real.read_text() == ctx.pair_beads) \
                    else "the link was not followed, or the file it names not replaced"
        elif target == "dir":
            out = d / "adir"
            out.mkdir()
            after = unchanged(out)
        elif target == "missing-parent":
            out = d / "no" / "such" / "x.align"

            def check(run: Run) -> str | None:
                got = Path(out).read_text() if Path(out).is_file() else None
                return None if got == ctx.pair_beads else "the bead file is not as expected"
        elif target == "file":
            out = d / "x.align"
            out.write_text("old\n")

            def check(run: Run) -> str | None:
                return None if Path(out).read_text() == ctx.pair_beads else \
                    "the bead file is not as expected"
        elif target == "/dev/stdout":
            def check(run: Run) -> str | None:
                return None if run.stdout == ctx.pair_beads else "stdout is not the beads"
        else:
            def check(run: Run) -> str | None:
                return None if Path(target).is_char_device() else f"{target} was replaced"
        return Plan(["align-files", ctx.zh_lines, ctx.en_lines, "--scores", "--cache",
                     ctx.small_cache, "--out", out], expect, (Path(out).name,), check,
                    after)
    return prepare


def read_only(what: str) -> Callable[[Ctx, Path], Plan]:
    def prepare(ctx: Ctx, d: Path) -> Plan:
        if ctx.root_writes:
            return Plan(["build", "--out", what], skip="running as root: chmod does not "
                        "stop writes")
        out = ctx.out_copy(d)
        args: list[Arg]
        if what == "out":
            out.chmod(0o555)
            args = build_args(ctx, out)
        elif what == "parent":
            d.chmod(0o555)
            args = build_args(ctx, out)
        else:
            (d / "ro").mkdir()
            (d / "ro").chmod(0o555)
            args = ["align-files", ctx.zh_lines, ctx.en_lines, "--out", d / "ro" / "x.align"]
        return Plan(args, ERROR, ("out", "ro", str(d.name)), guard=out)
    return prepare


def out_is_raw(ctx: Ctx, d: Path) -> Plan:
    """``--out`` the raw directory itself: the raw texts and manifest must survive."""
    raw = ctx.raw_copy(d)
    before = {p.name: p.read_bytes() for p in raw.iterdir()}

    def after(run: Run) -> str | None:
        lost = [n for n, b in before.items() if not (raw / n).is_file()
                or (raw / n).read_bytes() != b]
        return f"raw files lost or changed: {', '.join(lost)}" if lost else None
    return Plan(["build", "--raw", raw, "--out", raw, "--json"], EITHER, ("raw",),
                build_check(ctx, raw, True), after)


def out_with_user_files(ctx: Ctx, d: Path) -> Plan:
    out = ctx.out_copy(d)
    (out / "notes.txt").write_text("mine\n")
    (out / "sub").mkdir()
    (out / "sub" / "keep.md").write_text("mine too\n")

    def check(run: Run) -> str | None:
        if (out / "notes.txt").read_text() != "mine\n" or \
                (out / "sub" / "keep.md").read_text() != "mine too\n":
            return "the user's own files were lost"
        return build_check(ctx, out, True)(run)
    return Plan(build_args(ctx, out, *NEW_ARGS), RESULT, ("out",), check)


def align_into_build_dir(ctx: Ctx, d: Path) -> Plan:
    out = ctx.out_copy(d)

    def check(run: Run) -> str | None:
        if (out / "corpus.sqlite").exists():
            return "the database that disagrees with the new alignments was kept"
        if "warning: removed" not in run.stderr:
            return "no warning about the removed outputs"
        return None if (out / "dsl.en.alignment.json").is_file() else "no alignment file"
    return Plan(["align", "--raw", ctx.base_raw, "--out", out, "--threshold", "0.31"],
                RESULT, ("out",), check)


def out_state(state: str) -> Callable[[Ctx, Path], Plan]:
    """Output directories in odd states: a corrupt outputs list, a stale lock, a staging
    leftover, a moved-aside directory, a lock that is a directory, a directory where a
    file goes."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        out = ctx.out_copy(d)
        expect, guard = RESULT, None
        args = build_args(ctx, out, *NEW_ARGS)
        check: Check = same_outputs(lambda: new_outputs(ctx), out)
        if state == "corrupt outputs list":
            (out / OUTPUTS_LIST).write_text("{not json")
            check = build_check(ctx, out, True)
        elif state == "outputs list names ../../x":
            (out / OUTPUTS_LIST).write_text(json.dumps({"files": ["../../x", "/etc/passwd"]}))
            check = build_check(ctx, out, True)
        elif state == "stale lock file":
            (d / ".out.lock").write_text("")
        elif state == "staging leftover":
            (d / ".out.staging-99999").mkdir()
            (d / ".out.staging-99999" / "corpus.sqlite").write_text("half")
        elif state == "moved aside, not replaced":
            out.rename(d / ".out.old-99999")
        elif state == "lock is a directory":
            (d / ".out.lock").mkdir()
            expect, guard = EITHER, out
            check = same_outputs(lambda: new_outputs(ctx), out)
        elif state == "a directory named corpus.sqlite (export)":
            ex = d / "ex"
            ex.mkdir()
            (ex / "corpus.json").mkdir()
            (ex / "corpus.json" / "mine.txt").write_text("mine\n")
            return Plan(["export", "--db", ctx.db, "--out", ex], ERROR, ("corpus.json", "ex"),
                        guard=ex)
        inner = check

        def full(run: Run) -> str | None:
            left = leftovers(d, "out")
            return f"left beside the output: {', '.join(left)}" if left else inner(run)
        return Plan(args, expect, ("out", "lock"), full, guard=guard)
    return prepare


def out_odd_name(name: str, expect: str = EITHER) -> Callable[[Ctx, Path], Plan]:
    def prepare(ctx: Ctx, d: Path) -> Plan:
        out = d / name if name else Path(name)
        check = build_check(ctx, d / name if name else d, True)
        return Plan(build_args(ctx, out), expect, ("out", name[:20] or "."), check)
    return prepare


def out_under_file(ctx: Ctx, d: Path) -> Plan:
    (d / "afile").write_text("x\n")
    return Plan(build_args(ctx, d / "afile" / "out"), ERROR, ("afile",),
                after=unchanged(d / "afile"))


def file_size_limit(limit: int, cache: bool) -> Callable[[Ctx, Path], Plan]:
    """A file-size limit (RLIMIT_FSIZE; Python ignores SIGXFSZ, so writes fail with
    EFBIG) standing for a full disk: a clear error and the old outputs, or the outputs
    complete and correct."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        out = ctx.out_copy(d)
        extra: list[Arg] = ["--cache", d / "cache.sqlite"] if cache else ["--no-cache"]
        return Plan(build_args(ctx, out, *extra), EITHER, ("out", "cache", "File too large",
                                                           "space", "full"),
                    same_outputs(base_outputs(ctx), out), guard=out, fsize=limit)
    return prepare


def held_lock(command: str) -> Callable[[Ctx, Path], Plan]:
    """Another process holds the output directory's lock: refused at once."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        out = ctx.out_copy(d)
        args = build_args(ctx, out) if command == "build" else \
            ["align", "--raw", ctx.base_raw, "--out", out]
        plan = Plan(args, ERROR, ("another run",), guard=out, timeout=60)

        def special() -> list[tuple[str, str]]:
            before = fc.snapshot(out)
            fd = os.open(d / ".out.lock", os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                run = ctx.run(args, d, timeout=60)
            finally:
                os.close(fd)
            problems = judge(plan, run)
            if run.seconds > LOCK_AT_ONCE:
                problems.append(("refused only after doing the work, not at once",
                                 f"refused after {run.seconds:.0f} s: {first_line(run)}"))
            diff = fc.snapshot_diff(before, fc.snapshot(out))
            if diff:
                problems.append(("a failed run changed the previous outputs", diff))
            return problems
        plan.special = special
        return plan
    return prepare


def race(first: str, second: str, stagger: float) -> Callable[[Ctx, Path], Plan]:
    """Two runs into one directory at once: one refused with a one-line error, the other
    publishing its complete outputs."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        out = ctx.out_copy(d)
        kinds = {"build": build_args(ctx, out), "build-new": build_args(ctx, out, *NEW_ARGS),
                 "align": ["align", "--raw", ctx.base_raw, "--out", out],
                 "diff": ["diff", "--raw", ctx.base_raw, "--out", out]}
        refs = {"build": lambda: ctx.base_snap, "build-new": lambda: new_outputs(ctx),
                "align": lambda: ctx.outputs_of("align", ["align", "--raw", ctx.base_raw,
                                                          "--out", "{out}"]),
                "diff": lambda: ctx.outputs_of("diff", ["diff", "--raw", ctx.base_raw,
                                                        "--out", "{out}"])}
        both = [kinds[first], kinds[second]]
        plan = Plan(both[0], EITHER)

        def special() -> list[tuple[str, str]]:
            for k in (first, second):
                refs[k]()  # references first, so the race runs alone
            start = time.perf_counter()
            p1 = ctx.popen(both[0], d)
            time.sleep(stagger)
            p2 = ctx.popen(both[1], d)
            runs = [ctx.finish(p1, both[0], start, ctx.timeout * 2),
                    ctx.finish(p2, both[1], start, ctx.timeout * 2)]
            problems: list[tuple[str, str]] = []
            for r in runs:
                if r.rc is None or "Traceback" in r.stderr or r.rc not in (0, 1):
                    problems += judge(Plan(expect=EITHER), r)
            ok = [n for n, r in enumerate(runs) if r.rc == 0]
            if len(ok) == 2:
                problems.append(("both runs exited 0", "no run was refused"))
            elif not ok:
                problems.append(("neither run succeeded", " / ".join(first_line(r)
                                                                     for r in runs)))
            else:
                loser = runs[1 - ok[0]]
                problems += judge(Plan(expect=ERROR, mentions=("another run",)), loser)
                diff = fc.snapshot_diff(refs[(first, second)[ok[0]]](), fc.snapshot(out))
                if diff:
                    problems.append(("outputs mixed: not the winner's complete set", diff))
            return problems
        plan.special = special
        return plan
    return prepare


def killed(sig: int, trigger: str, delay: float) -> Callable[[Ctx, Path], Plan]:
    """A build killed mid-way (``trigger``: ``time`` after ``delay`` s, ``staging`` when
    its staging directory appears, ``staged`` when the database is in it): the outputs
    are the old set or the new one, byte for byte; a SIGTERM or SIGINT stops it cleanly
    (no traceback); after a SIGKILL the next run succeeds (no stale lock), publishes the
    new set and leaves nothing beside the directory."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        out = ctx.out_copy(d)
        cache = d / "cache.sqlite"
        shutil.copyfile(ctx.cache, cache)
        args = build_args(ctx, out, "--cache", cache, *NEW_ARGS)
        plan = Plan(args, EITHER)

        def fired(elapsed: float) -> bool:
            if trigger == "time":
                return elapsed >= delay
            staged = list(d.glob(".out.staging-*"))
            if trigger == "staging":
                return bool(staged)
            return any((s / "corpus.sqlite").exists() for s in staged)

        def special() -> list[tuple[str, str]]:
            new = new_outputs(ctx)
            problems: list[tuple[str, str]] = []
            start = time.perf_counter()
            proc = ctx.popen(args, d)
            while proc.poll() is None and not fired(time.perf_counter() - start):
                time.sleep(0.01)
            if trigger != "time" and delay:
                time.sleep(delay)
            if proc.poll() is None:
                os.kill(proc.pid, sig)
            run = ctx.finish(proc, args, time.perf_counter(), 30)
            name = signal.Signals(sig).name
            if run.rc is None:
                problems.append((f"did not stop within 30 s of {name}", first_line(run)))
            elif sig != signal.SIGKILL and "Traceback" in run.stderr:
                problems += judge(Plan(), run)
            state = fc.snapshot(out)
            if state not in (ctx.base_snap, new):
                problems.append(("outputs mixed after a kill: neither the old nor the new set",
                                 "vs the old: " + fc.snapshot_diff(ctx.base_snap, state)))
            if sig != signal.SIGKILL:
                return problems
            again = ctx.run(args, d)
            if again.rc != 0:
                problems.append(("the next run fails after the kill", first_line(again)))
            elif fc.snapshot(out) != new:
                problems.append(("the next run's outputs are wrong",
                                 fc.snapshot_diff(new, fc.snapshot(out))))
            left = leftovers(d, "out")
            if left:
                problems.append(("the next run left the killed run's files beside the output",
                                 ", ".join(left)))
            return problems
        plan.special = special
        return plan
    return prepare


def output_cases() -> list[Case]:
    c: list[tuple[str, Callable[[Ctx, Path], Plan]]] = []
    for command in ("build", "align", "diff", "export"):
        c.append((f"{command} --out a regular file", out_is_file(command)))
    for command in ("build", "export"):
        c.append((f"{command} --out a link to a directory", out_link_to_dir(command)))
    c += [("build --out a link to a file", out_link_to_file),
          ("build --out a dangling link", out_dangling_link),
          ("build --out a link to itself", out_link_loop),
          ("build --out under a regular file", out_under_file)]
    for command in ("build", "align", "export"):
        c.append((f"{command} --out /dev/null", out_device(command)))
    for target, expect in (("/dev/null", RESULT), ("/dev/stdout", RESULT), ("link", RESULT),
                           ("file", RESULT), ("dir", ERROR), ("missing-parent", EITHER)):
        c.append((f"align-files --out {target}", align_files_out(target, expect)))
    for what in ("out", "parent", "align-files"):
        c.append((f"read-only {what}", read_only(what)))
    c += [("build --out the raw directory", out_is_raw),
          ("build into a directory with the user's files", out_with_user_files),
          ("align into a build's directory", align_into_build_dir)]
    for state in ("corrupt outputs list", "outputs list names ../../x", "stale lock file",
                  "staging leftover", "moved aside, not replaced", "lock is a directory",
                  "a directory named corpus.sqlite (export)"):
        c.append((f"out: {state}", out_state(state)))
    for name, expect in (("", EITHER), ("new\nline", EITHER), ("ü-ñ 漢字", RESULT),
                         ("x" * 250, EITHER), ("x" * 300, ERROR)):
        c.append((f"build --out {name[:30]!r}{' (long)' if len(name) > 30 else ''}",
                  out_odd_name(name, expect)))
    for limit, cache in ((64 << 10, False), (1 << 20, False), (256 << 10, True)):
        c.append((f"file-size limit {limit >> 10} KB{' (cache too)' if cache else ''}",
                  file_size_limit(limit, cache)))
    for command in ("build", "align"):
        c.append((f"{command} while another process holds the lock", held_lock(command)))
    for first, second, stagger in (("build-new", "build-new", 0.0), ("build", "build-new", 0.5),
                                   ("build-new", "build", 3.0), ("build", "align", 1.0),
                                   ("diff", "build-new", 1.0)):
        c.append((f"race: {first} and {second} {stagger:g} s apart",
                  race(first, second, stagger)))
    kills = {signal.SIGKILL: (("time", 1.0), ("time", 5.0), ("staging", 0.0),
                              ("staged", 0.0)),
             signal.SIGTERM: (("time", 2.0), ("staging", 0.0), ("staged", 0.0)),
             signal.SIGINT: (("time", 0.5), ("staging", 0.0), ("staged", 0.0))}
    for sig, moments in kills.items():
        name = signal.Signals(sig).name
        for trigger, delay in moments:
            when = f"{delay:g} s in" if trigger == "time" else \
                f"{trigger}{f' + {delay:g} s' if delay else ''}"
            c.append((f"{name} during build, {when}", killed(sig, trigger, delay)))
    return [Case("outputs", name, prepare) for name, prepare in c]


# -- family 6: damaged databases and caches ------------------------------------------------
DbDamage = Callable[[Path, Ctx], None]


def sql(*statements: str) -> DbDamage:
    return lambda path, ctx: fc.execute(path, *statements)


def truncated(fraction: float = 0.0, size: int | None = None, less: int = 0) -> DbDamage:
    def damage(path: Path, ctx: Ctx) -> None:
        full = path.stat().st_size
        fc.truncate(path, size if size is not None else int(full * fraction) - less
                    if fraction else full - less)
    return damage


def replaced(data: bytes | Callable[[Ctx], bytes]) -> DbDamage:
    def damage(path: Path, ctx: Ctx) -> None:
        path.write_bytes(data(ctx) if callable(data) else data)
    return damage


def overwritten(fraction: float, data: bytes, aligned: bool = True) -> DbDamage:
    def damage(path: Path, ctx: Ctx) -> None:
        offset = int(path.stat().st_size * fraction)
        fc.overwrite(path, offset - offset % 4096 if aligned else offset, data)
    return damage


def nan_vectors(path: Path, ctx: Ctx) -> None:
    db = fc.sqlite3.connect(path)
    (size,) = db.execute("SELECT length(vec) FROM embeddings LIMIT 1").fetchone()
    db.close()
    blob = fc.vector_blob([math.nan] * (size // 4)).hex()
    fc.execute(path, f"UPDATE embeddings SET vec = x'{blob}'")


def empty_sqlite(path: Path, ctx: Ctx) -> None:
    path.unlink()
    fc.execute(path, "CREATE TABLE t (a)", "DROP TABLE t")


def foreign_sqlite(path: Path, ctx: Ctx) -> None:
    shutil.copyfile(ctx.small_cache, path)


def beside(suffix: str, data: bytes) -> DbDamage:
    def damage(path: Path, ctx: Ctx) -> None:
        path.with_name(path.name + suffix).write_bytes(data)
    return damage


DB_DAMAGES: dict[str, tuple[DbDamage, str]] = {
    "truncated to 0 bytes": (truncated(size=0), EITHER),
    "truncated to 100 bytes": (truncated(size=100), EITHER),
    "truncated to its first page": (truncated(size=4096), EITHER),
    "truncated to half": (truncated(0.5), EITHER),
    "truncated by 1 byte": (truncated(1.0, less=1), EITHER),
    "garbage of the same size": (replaced(lambda ctx: fc.random_bytes(
        11, ctx.db.stat().st_size)), EITHER),
    "a text file": (replaced(b"hello, I am not a database\n"), EITHER),
    "a PNG": (replaced(b"\x89PNG\r\n\x1a\n" + fc.random_bytes(12, 2000)), EITHER),
    "an empty SQLite database": (empty_sqlite, EITHER),
    "the embedding cache (foreign SQLite)": (foreign_sqlite, EITHER),
    "magic header overwritten": (overwritten(0.0, b"SQLite format 4\x00"), EITHER),
    "page-size field garbage": (lambda p, c: fc.overwrite(p, 16, b"\x00\x03"), EITHER),
    "4 KB of 0xFF at 25%": (overwritten(0.25, b"\xff" * 4096), EITHER),
    "4 KB of 0xFF at 50%": (overwritten(0.5, b"\xff" * 4096), EITHER),
    "4 KB of 0xFF at 75%": (overwritten(0.75, b"\xff" * 4096), EITHER),
    "16 random bytes at 50%": (overwritten(0.5, fc.random_bytes(13, 16), False), EITHER),
    "garbage -wal file beside": (beside("-wal", fc.random_bytes(15, 5000)), EITHER),
    "garbage -journal file beside": (beside("-journal", fc.random_bytes(16, 5000)), EITHER),
    "schema version 'seven'": (sql("UPDATE meta SET value = 'seven' WHERE key = "
                                   "'schema_version'"), ERROR),
    "schema version '99'": (sql("UPDATE meta SET value = '99' WHERE key = 'schema_version'"),
                            ERROR),
    "schema version ''": (sql("UPDATE meta SET value = '' WHERE key = 'schema_version'"),
                          ERROR),
    "schema version '7.5'": (sql("UPDATE meta SET value = '7.5' WHERE key = "
                                 "'schema_version'"), ERROR),
    "schema version ' 7'": (sql("UPDATE meta SET value = ' 7' WHERE key = "
                                "'schema_version'"), EITHER),
    "schema version row deleted": (sql("DELETE FROM meta WHERE key = 'schema_version'"),
                                   ERROR),
    "meta table emptied": (sql("DELETE FROM meta"), ERROR),
    "beads.source_ids not JSON": (sql("UPDATE beads SET source_ids = 'not json'"), EITHER),
    "beads.target_ids '['": (sql("UPDATE beads SET target_ids = '['"), EITHER),
    "beads.divergences '{'": (sql("UPDATE beads SET divergences = '{'"), EITHER),
    "beads.source_ids an object": (sql("UPDATE beads SET source_ids = '{\"a\": 1}'"), EITHER),
    "divergences.evidence not JSON": (sql("UPDATE divergences SET evidence = 'nope'"),
                                      EITHER),
    "divergences.beads not JSON": (sql("UPDATE divergences SET beads = 'x'"), EITHER),
    "meta.signature not JSON": (sql("UPDATE meta SET value = '{' WHERE key = 'signature'"),
                                EITHER),
    "word_gaps.glosses not JSON": (sql("UPDATE word_gaps SET glosses = 'x'"), EITHER),
    "sentences.article text": (sql("UPDATE sentences SET article = 'x'"), EITHER),
    "beads.score text": (sql("UPDATE beads SET score = 'high'"), EITHER),
    "units.number text": (sql("UPDATE units SET number = 'five'"), EITHER),
    "embeddings 1 byte each": (sql("UPDATE embeddings SET vec = x'00'"), EITHER),
    "embeddings NaN": (nan_vectors, EITHER),
    "meta model unknown": (sql("UPDATE meta SET value = 'nosuch' WHERE key = 'model'"),
                           EITHER),
    "sentences emptied": (sql("DELETE FROM sentences"), EITHER),
}
for _table in ("documents", "units", "sentences", "beads", "divergences", "meta",
               "embeddings", "fts_en", "fts_zh", "links"):
    DB_DAMAGES[f"table {_table} dropped"] = (sql(f"DROP TABLE {_table}"), EITHER)
#: The commands every damaged database gets, and those a few more get.
DB_COMMANDS = {"stats": ["stats", "--json"], "search": ["search", "data", "--json"],
               "show": ["show", "5", "--json"]}
MORE_COMMANDS = {
    "export": ["truncated to half", "garbage of the same size", "4 KB of 0xFF at 50%",
               "table beads dropped", "table documents dropped", "schema version 'seven'",
               "beads.source_ids not JSON", "divergences.evidence not JSON",
               "meta.signature not JSON", "embeddings 1 byte each", "sentences.article text"],
    "similar": ["truncated to half", "table embeddings dropped", "embeddings 1 byte each",
                "embeddings NaN", "meta model unknown"],
    "links": ["table links dropped", "truncated to half", "schema version '99'"],
    "search-zh": ["table fts_zh dropped", "4 KB of 0xFF at 75%"],
    "show-raw": ["table documents dropped"],
}
EXTRA_ARGS = {"similar": ["similar", "data security", "--json"],
              "links": ["links", "--json"], "search-zh": ["search", "数据", "--json"],
              "show-raw": ["show", "prc-data-security-law-2021", "art-5", "--json"]}


def db_plan(damage: DbDamage, expect: str, command: str) -> Callable[[Ctx, Path], Plan]:
    def prepare(ctx: Ctx, d: Path) -> Plan:
        db = ctx.db_copy(d)
        damage(db, ctx)
        if command == "export":
            ex = d / "ex"
            base = ["export", "--db", ctx.db, "--out", ctx.work / "refs" / "export", "--json"]
            return Plan(["export", "--db", db, "--out", ex, "--json"], expect, (db.name,),
                        same_stdout(ctx, base, export_digest), after=nothing_written(ex))
        args = DB_COMMANDS.get(command) or EXTRA_ARGS[command]
        base_args = [*args, "--db", ctx.db]
        return Plan([*args, "--db", db], expect, (db.name,),
                    same_stdout(ctx, base_args, json.loads))
    return prepare


def db_path_plan(name: str, copy: bool, command: str, trap: str | None = None
                 ) -> Callable[[Ctx, Path], Plan]:
    """``--db`` names that SQLite URIs would read otherwise: ``%41``, ``?mode=rwc``,
    ``#``. An existing database must be read as it is (its twin ``trap``, garbage, must
    not be); a missing one refused, and not created."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        path = d / name
        if copy:
            shutil.copyfile(ctx.db, path)
        if trap:
            (d / trap).write_bytes(b"not the database you asked for\n")
        args = DB_COMMANDS[command]
        if copy:
            return Plan([*args, "--db", name], RESULT, (name,),
                        same_stdout(ctx, [*args, "--db", ctx.db], json.loads))
        return Plan([*args, "--db", name], ERROR, (name,),
                    after=lambda run: f"{sorted(p.name for p in d.iterdir())} now in the "
                    "directory" if any(d.iterdir()) else None)
    return prepare


DB_PATHS: list[tuple[str, bool, str | None]] = [
    ("corpus%41.sqlite", True, None), ("corpus%41.sqlite", True, "corpusA.sqlite"),
    ("db?mode=rwc", True, "db"), ("a#b.sqlite", True, "a"), ("sp ace.sqlite", True, None),
    ("ü-漢字.sqlite", True, None), ("file:x.sqlite", True, "x.sqlite"),
    ("nosuch.sqlite?mode=rwc", False, None), ("missing#.sqlite", False, None),
    ("file:nosuch.sqlite", False, None), (":memory:", False, None),
    ("nosuch%41.sqlite", False, None),
]


#: Damage to an embedding cache file (None: the path itself is the fault).
CacheDamage = Callable[[Path, Ctx], None]


def small_cache_then(fn: Callable[[Path], None]) -> CacheDamage:
    def damage(path: Path, ctx: Ctx) -> None:
        shutil.copyfile(ctx.small_cache, path)
        fn(path)
    return damage


def cache_nan(path: Path) -> None:
    db = fc.sqlite3.connect(path)
    (dim,) = db.execute("SELECT dim FROM vectors LIMIT 1").fetchone()
    db.close()
    fc.execute(path, f"UPDATE vectors SET vec = x'{fc.vector_blob([math.nan] * dim).hex()}'")


CACHE_DAMAGES: dict[str, tuple[CacheDamage, str]] = {
    "a directory": (lambda p, c: p.mkdir(), ERROR),
    "garbage": (lambda p, c: p.write_bytes(fc.random_bytes(21, 8192)), ERROR),
    "a text file": (lambda p, c: p.write_text("my notes\n"), ERROR),
    "empty file": (lambda p, c: p.write_bytes(b""), EITHER),
    "truncated to half": (small_cache_then(lambda p: fc.truncate(p, p.stat().st_size // 2)),
                          EITHER),
    "truncated to 100 bytes": (small_cache_then(lambda p: fc.truncate(p, 100)), EITHER),
    "the corpus database (foreign SQLite)": (lambda p, c: shutil.copyfile(c.db, p), ERROR),
    "vectors table dropped": (small_cache_then(lambda p: fc.execute(p, "DROP TABLE vectors")),
                              EITHER),
    "vectors of 3 bytes": (small_cache_then(lambda p: fc.execute(
        p, "UPDATE vectors SET vec = x'000000'")), EITHER),
    "vectors NaN": (small_cache_then(cache_nan), EITHER),
    "vectors zero": (small_cache_then(lambda p: fc.execute(
        p, "UPDATE vectors SET vec = zeroblob(length(vec))")), EITHER),
    "dim -1": (small_cache_then(lambda p: fc.execute(p, "UPDATE vectors SET dim = -1")),
               EITHER),
    "vectors table of another shape": (lambda p, c: fc.execute(
        p, "CREATE TABLE vectors (x INTEGER)"), EITHER),
    "4 KB of 0xFF inside": (small_cache_then(lambda p: fc.overwrite(
        p, 4096, b"\xff" * 4096)), EITHER),
    "a link to a directory": (lambda p, c: _link_to_new_dir(p), ERROR),
    "a dangling link": (lambda p, c: p.symlink_to(p.parent / "nowhere.sqlite"), EITHER),
}
def _link_to_new_dir(path: Path) -> None:
    (path.parent / "a-dir").mkdir()
    path.symlink_to(path.parent / "a-dir")


CACHE_PATHS: dict[str, tuple[str, str]] = {
    "/dev/null": ("/dev/null", ERROR), "missing directories": ("no/such/dir/c.sqlite", EITHER),
    "under a regular file": ("afile/c.sqlite", ERROR), "empty path": ("", EITHER),
}


#: The cache damages a whole build is tried on.
CACHE_BUILDS = ("a directory", "garbage", "the corpus database (foreign SQLite)",
                "vectors NaN", "truncated to half")


def cache_plan(label: str, command: str, damage: CacheDamage | None, path: str | None,
               expect: str, env: bool = False) -> Callable[[Ctx, Path], Plan]:
    """A damaged cache given to ``align-files``, ``align`` or ``build`` (``env``: through
    ``$OUTLINE_CORPUS_CACHE``): a one-line error naming it, or outputs identical to those
    of a sound cache."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        (d / "afile").write_text("x\n")
        cache: Path | str = d / "c.sqlite"
        if damage is not None:
            damage(Path(cache), ctx)
        elif path is not None:
            cache = path if path.startswith("/") or not path else d / path
        opts: list[Arg] = [] if env else ["--cache", cache]
        envs: dict[str, str | None] = {"OUTLINE_CORPUS_CACHE": str(cache)} if env else {}
        after = unchanged(Path(cache)) if expect == ERROR and damage is not None else None
        mentions = (Path(cache).name or "cache", "cache")
        if command == "align-files":
            return Plan(["align-files", ctx.zh_lines, ctx.en_lines, "--scores", *opts], expect,
                        mentions, lambda run: None if run.stdout == ctx.pair_beads else
                        "beads unlike those made with a sound cache", after, env=envs)
        out = d / "out"
        if command == "align":
            want = {k: v for k, v in ctx.base_snap.items() if k.endswith(".json")
                    and ("alignment" in k or "parallel" in k)}

            def check(run: Run) -> str | None:
                got = {k: v for k, v in fc.snapshot(out).items() if k in want}
                return None if got == want else "alignments unlike those of a sound cache"
            return Plan(["align", "--raw", ctx.base_raw, "--out", out, *opts], expect,
                        mentions, check, after, env=envs)
        return Plan(build_args(ctx, out, *opts), expect, mentions,
                    same_outputs(base_outputs(ctx), out), after, env=envs)
    return prepare


def damaged_cases() -> list[Case]:
    cases = []
    for name, (damage, expect) in DB_DAMAGES.items():
        for command in DB_COMMANDS:
            cases.append(Case("damaged", f"db {name}: {command}",
                              db_plan(damage, expect, command)))
    for command, names in MORE_COMMANDS.items():
        for name in names:
            damage, expect = DB_DAMAGES[name]
            cases.append(Case("damaged", f"db {name}: {command}",
                              db_plan(damage, expect, command)))
    for name, copy, trap in DB_PATHS:
        for command in ("stats", "search", "show"):
            label = f"--db {name!r}{' (exists)' if copy else ''}"
            label += f" beside {trap!r}" if trap else ""
            cases.append(Case("damaged", f"{label}: {command}",
                              db_path_plan(name, copy, command, trap)))
    for name, (damage, expect) in CACHE_DAMAGES.items():
        for command in ("align-files", "align") + (("build",) if name in CACHE_BUILDS else ()):
            cases.append(Case("damaged", f"cache {name}: {command}",
                              cache_plan(name, command, damage, None, expect)))
    for name, (path, expect) in CACHE_PATHS.items():
        for command in ("align-files", "align"):
            cases.append(Case("damaged", f"cache {name}: {command}",
                              cache_plan(name, command, None, path, expect)))
    for name, (damage, expect) in (("a directory", CACHE_DAMAGES["a directory"]),
                                   ("garbage", CACHE_DAMAGES["garbage"])):
        cases.append(Case("damaged", f"$OUTLINE_CORPUS_CACHE {name}: build",
                          cache_plan(name, "build", damage, None, expect, env=True)))
    cases.append(Case("damaged", "$OUTLINE_CORPUS_CACHE empty, XDG in the temporary home",
                      lambda ctx, d: Plan(build_args(ctx, d / "out"), RESULT, ("cache",),
                                          same_outputs(base_outputs(ctx), d / "out"),
                                          env={"OUTLINE_CORPUS_CACHE": ""})))
    cases.append(Case("damaged", "$XDG_CACHE_HOME a regular file",
                      lambda ctx, d: _xdg_file(ctx, d)))
    return cases


def _xdg_file(ctx: Ctx, d: Path) -> Plan:
    (d / "xdg").write_text("not a directory\n")
    return Plan(["align-files", ctx.zh_lines, ctx.en_lines, "--scores"], EITHER,
                ("xdg", "cache"), lambda run: None if run.stdout == ctx.pair_beads else
                "beads unlike those made with a sound cache",
                env={"OUTLINE_CORPUS_CACHE": None, "XDG_CACHE_HOME": str(d / "xdg")})


# -- running and reporting -----------------------------------------------------------------
GENERATORS: dict[str, Callable[[], list[Case]]] = {
    "raw": raw_cases, "manifest": manifest_cases, "options": option_cases,
    "queries": query_cases, "outputs": output_cases, "damaged": damaged_cases}
#: Cases per family in a --quick run.
QUICK = 8


def all_cases(families: list[str], quick: bool) -> list[Case]:
    cases = []
    for family in families:
        found = GENERATORS[family]()
        if quick:
            step = max(1, len(found) // QUICK)
            found = found[::step][:QUICK]
        cases += found
    return cases


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--family", action="append", choices=FAMILIES, metavar="NAME",
                    help=f"run this family only (repeatable): {', '.join(FAMILIES)}")
    ap.add_argument("--quick", action="store_true",
                    help=f"a sample of about {QUICK} cases per family")
    ap.add_argument("--match", metavar="TEXT", help="only cases whose name contains TEXT")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    ap.add_argument("--timeout", type=float, default=120.0, metavar="S",
                    help="seconds a case may run (default 120)")
    ap.add_argument("--base", type=Path, default=BASE, metavar="DIR",
                    help="raw directory of the base corpus (default: the Data Security Law "
                         "pair of ../shared/devcorpus)")
    ap.add_argument("--exe", metavar="PATH", help="the outline-corpus executable "
                    "(default: beside this Python, else .venv/bin)")
    ap.add_argument("--live", action="store_true",
                    help="run the executable on the sources as they are during the run "
                         "(default: on a copy of src/ taken at the start, so that edits "
                         "made meanwhile do not change the toolkit half-way)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the temporary directory and every case's files")
    return ap.parse_args()


def find_exe(given: str | None) -> str:
    for candidate in (given, Path(sys.executable).with_name("outline-corpus"),
                      ROOT / ".venv" / "bin" / "outline-corpus", shutil.which("outline-corpus")):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    sys.exit("bench_faults: no outline-corpus executable found; pass --exe")


def frozen_exe(exe: str, work: Path) -> str:
    """A launcher running the command line from a copy of ``src/`` taken now, with the
    interpreter of ``exe``."""
    first = Path(exe).read_text("utf-8", "replace").splitlines()[0]
    python = first[2:].strip() if first.startswith("#!") else sys.executable
    shutil.copytree(ROOT / "src" / "outline_corpus", work / "src" / "outline_corpus",
                    ignore=shutil.ignore_patterns("__pycache__"))
    launcher = work / "bin" / "outline-corpus"
    launcher.parent.mkdir()
    launcher.write_text(f"#!{python}\nimport sys\nsys.path.insert(0, {str(work / 'src')!r})\n"
                        "from outline_corpus.cli import main\nsys.exit(main())\n")
    launcher.chmod(0o755)
    return str(launcher)


def summary(verdicts: list[Verdict]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for v in verdicts:
        row = table.setdefault(v.family, {"tried": 0, "good": 0, "bad": 0, "skipped": 0})
        if v.status == "skipped":
            row["skipped"] += 1
        else:
            row["tried"] += 1
            row[v.status] += 1
    total = {k: sum(r[k] for r in table.values()) for k in ("tried", "good", "bad", "skipped")}
    return {**table, "total": total}


def print_report(verdicts: list[Verdict], seconds: float, setup_s: float) -> None:
    table = summary(verdicts)
    print(f"\n{'family':<10}{'tried':>7}{'good':>7}{'bad':>6}{'skipped':>9}{'good %':>8}")
    for family, row in table.items():
        pct = f"{row['good'] / row['tried']:.1%}" if row["tried"] else "–"
        print(f"{family:<10}{row['tried']:>7}{row['good']:>7}{row['bad']:>6}"
              f"{row['skipped']:>9}{pct:>8}")
    bad = [v for v in verdicts if v.status == "bad"]
    by_cause: dict[str, list[Verdict]] = defaultdict(list)
    for v in bad:
        by_cause[v.cause].append(v)
    if bad:
        print(f"\nbad cases by cause ({len(bad)}):")
    for cause, group in sorted(by_cause.items(), key=lambda kv: -len(kv[1])):
        print(f"\n== {cause} ({len(group)})")
        for v in group:
            print(f"  [{v.family}] {v.name}\n      $ {v.command}\n      → {v.detail}")
    skipped = [v for v in verdicts if v.status == "skipped"]
    if skipped:
        print(f"\nskipped ({len(skipped)}):")
        for v in skipped:
            print(f"  [{v.family}] {v.name}: {v.detail}")
    print(f"\n{table['total']['tried']} cases tried, {table['total']['good']} give a clear "
          f"error or a correct result; {seconds:.0f} s in all (base build {setup_s:.0f} s)")


def main() -> None:
    args = parse_args()
    families = args.family or list(FAMILIES)
    cases = all_cases(families, args.quick)
    if args.match:
        cases = [c for c in cases if args.match in c.name]
    if args.list:
        for c in cases:
            print(f"{c.family:<9} {c.name}")
        print(f"{len(cases)} cases", file=sys.stderr)
        return
    counts = Counter(c.family for c in cases)
    start = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="bench-faults-"))
    verdicts: list[Verdict] = []
    try:
        exe = find_exe(args.exe)
        if not args.live:
            exe = frozen_exe(exe, work)
        ctx = Ctx(exe, work, args.base, args.timeout)
        ctx.setup()
        setup_s = time.perf_counter() - start
        if not args.json:
            print(f"base corpus {args.base} built in {setup_s:.1f} s; "
                  f"{len(cases)} cases ({', '.join(f'{f} {n}' for f, n in counts.items())})",
                  file=sys.stderr)
        for n, case in enumerate(cases):
            verdict = run_case(ctx, case, n, args.keep)
            verdicts.append(verdict)
            if not args.json:
                mark = {"good": "ok  ", "bad": "BAD ", "skipped": "skip"}[verdict.status]
                tail = f"  {verdict.cause}: {verdict.detail}" if verdict.status != "good" \
                    else ""
                print(f"{n + 1:>4}/{len(cases)} {mark} {verdict.seconds:6.1f}s "
                      f"[{case.family}] {case.name}{clip(tail, 160)}", file=sys.stderr)
    finally:
        if args.keep:
            print(f"kept: {work}", file=sys.stderr)
        else:
            _remove(work)
    seconds = time.perf_counter() - start
    if args.json:
        print(json.dumps({"base": str(args.base), "seconds": round(seconds, 1),
                          "setup_seconds": round(setup_s, 1), "timeout": args.timeout,
                          "summary": summary(verdicts),
                          "cases": [asdict(v) for v in verdicts]}, indent=1,
                         ensure_ascii=False))
    else:
        print_report(verdicts, seconds, setup_s)


if __name__ == "__main__":
    main()
