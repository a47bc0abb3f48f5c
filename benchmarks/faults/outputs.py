"""Family ``outputs``: ``--out`` that is a file, a link, a device; a held lock,
leftovers of a killed run, a file-size limit standing for a full disk, two runs at once,
SIGKILL/SIGTERM/SIGINT mid-build."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

from .checks import build_check, same_outputs, unchanged
from .context import Ctx
from .core import (
    EITHER,
    ERROR,
    LOCK_AT_ONCE,
    NEW_ARGS,
    OUTPUTS_LIST,
    RESULT,
    Arg,
    Case,
    Check,
    Plan,
    Run,
    first_line,
    judge,
)
from .snapshots import snapshot, snapshot_diff, snapshot_file


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
                diff = snapshot_diff(new_outputs(ctx), snapshot(real))
                return f"the linked directory is not the new outputs: {diff}" if diff else None
            tmx = snapshot_file(real / "dsl.en.tmx")
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
            before = snapshot(out)
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
            diff = snapshot_diff(before, snapshot(out))
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
                diff = snapshot_diff(refs[(first, second)[ok[0]]](), snapshot(out))
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
            state = snapshot(out)
            if state not in (ctx.base_snap, new):
                problems.append(("outputs mixed after a kill: neither the old nor the new set",
                                 "vs the old: " + snapshot_diff(ctx.base_snap, state)))
            if sig != signal.SIGKILL:
                return problems
            return problems + next_run_problems(ctx, args, d, out, new)
        plan.special = special
        return plan
    return prepare


def next_run_problems(ctx: Ctx, args: list[Arg], d: Path, out: Path, new: dict[str, str]
                      ) -> list[tuple[str, str]]:
    """After a SIGKILL: the next run succeeds (no stale lock), publishes the new set and
    leaves nothing beside the directory."""
    problems: list[tuple[str, str]] = []
    again = ctx.run(args, d)
    if again.rc != 0:
        problems.append(("the next run fails after the kill", first_line(again)))
    elif snapshot(out) != new:
        problems.append(("the next run's outputs are wrong",
                         snapshot_diff(new, snapshot(out))))
    left = leftovers(d, "out")
    if left:
        problems.append(("the next run left the killed run's files beside the output",
                         ", ".join(left)))
    return problems


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
