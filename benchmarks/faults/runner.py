"""Running the fault benchmark: the cases of the families asked for (or a sample), the
toolkit's executable (frozen from a copy of ``src/``), the base corpus, every case in
turn, and the report (a table and the bad cases by cause, or JSON)."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from .context import Ctx
from .core import Case, Verdict, clip, remove_tree, run_case
from .damaged import damaged_cases
from .manifest import manifest_cases
from .options import option_cases
from .outputs import output_cases
from .queries import query_cases
from .raw import raw_cases

ROOT = Path(__file__).resolve().parents[2]
GENERATORS: dict[str, Callable[[], list[Case]]] = {
    "raw": raw_cases, "manifest": manifest_cases, "options": option_cases,
    "queries": query_cases, "outputs": output_cases, "damaged": damaged_cases}
#: Cases per family in a --quick run.
QUICK = 8


def all_cases(families: list[str], quick: bool) -> list[Case]:
    cases: list[Case] = []
    for family in families:
        found = GENERATORS[family]()
        if quick:
            step = max(1, len(found) // QUICK)
            found = found[::step][:QUICK]
        cases += found
    return cases


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


def make_context(args: argparse.Namespace, work: Path) -> Ctx:
    """The context in ``work``, its base corpus built."""
    exe = find_exe(args.exe)
    if not args.live:
        exe = frozen_exe(exe, work)
    ctx = Ctx(exe, work, args.base, args.timeout)
    ctx.setup()
    return ctx


def print_progress(n: int, total: int, case: Case, verdict: Verdict) -> None:
    mark = {"good": "ok  ", "bad": "BAD ", "skipped": "skip"}[verdict.status]
    tail = f"  {verdict.cause}: {verdict.detail}" if verdict.status != "good" else ""
    print(f"{n + 1:>4}/{total} {mark} {verdict.seconds:6.1f}s "
          f"[{case.family}] {case.name}{clip(tail, 160)}", file=sys.stderr)


def run_all(cases: list[Case], args: argparse.Namespace) -> None:
    """Every case run in a temporary directory, then the report (``args``: the command
    line's options)."""
    counts = Counter(c.family for c in cases)
    start = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="bench-faults-"))
    verdicts: list[Verdict] = []
    try:
        ctx = make_context(args, work)
        setup_s = time.perf_counter() - start
        if not args.json:
            print(f"base corpus {args.base} built in {setup_s:.1f} s; "
                  f"{len(cases)} cases ({', '.join(f'{f} {n}' for f, n in counts.items())})",
                  file=sys.stderr)
        for n, case in enumerate(cases):
            verdict = run_case(ctx, case, n, args.keep)
            verdicts.append(verdict)
            if not args.json:
                print_progress(n, len(cases), case, verdict)
    finally:
        if args.keep:
            print(f"kept: {work}", file=sys.stderr)
        else:
            remove_tree(work)
    seconds = time.perf_counter() - start
    if args.json:
        print(json.dumps({"base": str(args.base), "seconds": round(seconds, 1),
                          "setup_seconds": round(setup_s, 1), "timeout": args.timeout,
                          "summary": summary(verdicts),
                          "cases": [asdict(v) for v in verdicts]}, indent=1,
                         ensure_ascii=False))
    else:
        print_report(verdicts, seconds, setup_s)
