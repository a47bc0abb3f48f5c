"""The core of the fault benchmark: constants, a run of the command line (:class:`Run`),
what a case runs and expects (:class:`Plan`), a case and its verdict, judging a run
under its plan, and running one case."""

from __future__ import annotations

import contextlib
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .snapshots import snapshot, snapshot_diff

if TYPE_CHECKING:
    from .context import Ctx

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


def side_of(doc: dict[str, Any]) -> str:
    return "zh" if str(doc.get("language", "")).lower().startswith("zh") else "en"


def structure_counts(doc: dict[str, Any]) -> dict[str, int]:
    kinds = [p.get("kind") for p in doc.get("parts", [])]
    return {"articles": len(doc.get("articles", [])),
            "divisions": sum(k in ("part", "chapter", "volume") for k in kinds)}


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
    elif run.rc == 1 or (run.rc == 2 and "Usage:" not in run.stderr):  # 2: a bad command line
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
        before = snapshot(plan.guard) if plan.guard is not None else None
        if plan.special is not None:
            problems = plan.special()
            command = ctx.shown(plan.args)
        else:
            run = ctx.run(plan.args, d, plan.env, plan.timeout, plan.fsize)
            problems = judge(plan, run)
            if before is not None and run.rc != 0:
                changed = snapshot_diff(before, snapshot(plan.guard))  # type: ignore[arg-type]
                if changed:
                    problems.append(("a failed run changed the previous outputs", changed))
            command = ctx.shown(plan.args)
    except Exception as exc:  # a fault of the benchmark, not of the toolkit: say so
        problems = [("benchmark error", f"{type(exc).__name__}: {exc}")]
        command = case.name
    finally:
        if not keep:
            remove_tree(d)
    seconds = round(time.perf_counter() - start, 2)
    if problems:
        cause, detail = problems[0]
        return Verdict(case.family, case.name, "bad", cause, detail, command, seconds,
                       problems)
    return Verdict(case.family, case.name, "good", "", "", command, seconds)


def remove_tree(d: Path) -> None:
    """Remove ``d``, read-only directories in it too."""
    for p in [d, *d.rglob("*")]:
        with contextlib.suppress(OSError):
            if p.is_dir() and not p.is_symlink():
                p.chmod(0o755)
    shutil.rmtree(d, ignore_errors=True)
