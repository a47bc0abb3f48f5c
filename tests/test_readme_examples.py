"""Every example of README.md runs as written from a clean clone.

The examples are read from the README itself: each command of a ```bash block, each
``$ `` line of a plain ``` block (the lines after it, up to the next ``$ ``, are its
output), each ```python block, and the inline commands listed in :data:`INLINE`. They run
the way a user runs them: in a copy of the repository's files (``git ls-files``, plus the
files not yet added that git does not ignore, such as a new sample), with the venv's
``bin`` first on ``PATH``, after the set-up command's ``build`` (its ``data/aligned`` is
the session's build, restored at the start of each block; the commands of one block run
one after the other, the Python blocks in one namespace) and with the session's embedding
cache (``OUTLINE_CORPUS_CACHE``), never the user's. A command must exit 0 (1 where the
README shows an ``error:`` line) and print every output line the README shows, in order;
a Python expression whose comment is a Python value (``x  # 'text'``, ``y  # [1, …]``)
must give that value.

Skipped, each with its reason in :data:`SKIP`: commands that need root or the network,
that start a server for a browser, or that run for minutes. Commands that need the
``../shared`` folder beside the repository are in :data:`NEED_SHARED`: the README must say so
where it gives them, and without the folder they stop with one line naming it."""

from __future__ import annotations

import ast
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import tokenize
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent

#: Commands given in the README that this test does not run, and why.
SKIP: dict[str, str] = {
    # set-up: root, apt and the package index
    "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/outline-corpus build "
    "&& .venv/bin/outline-corpus stats":
        "set-up: creates a venv and installs from the package index (network); its build "
        "and stats are the `build` and `stats` examples",
    "apt-get -o DPkg::Lock::Timeout=600 update -qq":
        "set-up: needs root, apt and the network",
    ".venv/bin/pip install -e '.[notebooks]'": "set-up: installs from the package index",
    ".venv/bin/pip install -e '.[dask]'": "set-up: installs from the package index",
    ".venv/bin/pip install torch==2.13.0": "set-up: installs from the package index",
    "pip install torch==2.13.0 && pip install -e '.[transformers]'":
        "set-up: installs from the package index",
    "pip install -e .": "set-up: installs from the package index",
    "pip install sqlite-utils": "set-up: installs from the package index",
    "pip install datasette": "set-up: installs from the package index",
    # servers for a browser
    "cd notebooks && ../.venv/bin/jupyter lab":
        "starts JupyterLab for a browser and runs until stopped",
    # minutes
    "python benchmarks/bench_diverge.py": "runs for about four minutes",
    "python benchmarks/bench_parse.py": "parses 1, 4 and 16 MB texts of seven shapes: minutes",
    "python benchmarks/bench_build.py": "builds the corpus cold and warm several times: minutes",
    "python benchmarks/bench_heldout.py":
        "aligns three pairs with a cold cache; tests/test_gold.py checks the golds it reads",
    "../.venv/bin/jupyter nbconvert --to notebook --execute --output-dir /tmp/out *.ipynb":
        "executes the three notebooks with the notebooks extra's nbconvert, kernel by kernel "
        "(tests/test_notebooks.py runs them with nbclient on the session's build)",
    # a template: the document the section tells the reader to add
    "outline-corpus parse outline.en.c":
        "names the document that 'Adding a document' has the reader add",
}

#: Commands that need ``../shared`` (the Bible gold set, the law pairs), which a clone
#: does not have: each must be given beside the words ``../shared``, and without the
#: folder it exits 1 with one line naming what is missing.
NEED_SHARED: tuple[str, ...] = (
    "python benchmarks/bench_align.py",
    "python benchmarks/bench_structure.py",
)

#: Inline commands (in backticks in the prose) that are run: README text -> command.
INLINE: dict[str, str] = {
    "outline-corpus --version": "outline-corpus --version",
    "outline-corpus --help": "outline-corpus --help",
    "outline-corpus search 建材": "outline-corpus search 建材",
    "show outline.en.a \"(2)\"": "outline-corpus show outline.en.a \"(2)\"",
    "show outline.zh （十二）": "outline-corpus show outline.zh （十二）",
    "show press-conference.en 5": "outline-corpus show press-conference.en 5",
    "python benchmarks/bench_align.py --bench examples/outline-part-5":
        "python benchmarks/bench_align.py --bench examples/outline-part-5",
    "python benchmarks/bench_structure.py --pairs outline --parse-only":
        "python benchmarks/bench_structure.py --pairs outline --parse-only",
}

#: Inline Python (in backticks in the prose) that is run.
INLINE_PYTHON: tuple[str, ...] = (
    'sqlite_utils.Database("data/aligned/corpus.sqlite")["sentences"].search("质量强国")',
)

#: Programs outside the venv that some examples call; without them those are skipped.
EXTERNAL = ("sqlite3", "curl")

#: Shown output that changes from run to run (a build's time).
VOLATILE = (re.compile(r"^│ seconds\s+│"),)

#: Servers an example starts and the next examples of its block query: the command, and
#: the port it listens on. The test starts it in the background and stops it after the
#: block.
SERVERS: dict[str, int] = {
    "datasette serve -i data/aligned/corpus.sqlite -m data/aligned/corpus.metadata.json":
        8001,
}


@dataclass(frozen=True)
class Example:
    """One example: a shell command (with the output the README shows, if any) or a
    Python block, at README line ``line``; ``block`` numbers the block it is in."""

    kind: str
    code: str
    line: int
    block: int
    output: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        first = self.code.strip().splitlines()[0]
        return f"README.md:{self.line}: {first[:70]}"


def _blocks(text: str) -> Iterator[tuple[str, int, list[str]]]:
    """``(language, line of the first body line, body lines)`` of each fenced block."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^( *)```(\w*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        indent, lang = len(m.group(1)), m.group(2)
        j = i + 1
        while not lines[j].strip().startswith("```"):
            j += 1
        yield lang, i + 2, [line[indent:] for line in lines[i + 1:j]]
        i = j + 1


def examples(text: str | None = None) -> list[Example]:
    """The examples of the README's fenced blocks, in README order."""
    text = README.read_text(encoding="utf-8") if text is None else text
    out: list[Example] = []
    for n, (lang, first, body) in enumerate(_blocks(text)):
        if lang == "python":
            out.append(Example("python", "\n".join(body), first, n))
        elif lang in ("bash", "sh", "shell"):
            for k, line in enumerate(body):
                if line.strip() and not line.lstrip().startswith("#"):
                    out.append(Example("shell", line.strip(), first + k, n))
        elif lang == "" and any(line.startswith("$ ") for line in body):
            k = 0
            while k < len(body):
                if not body[k].startswith("$ "):
                    k += 1
                    continue
                start, k = k, k + 1
                while k < len(body) and not body[k].startswith("$ "):
                    k += 1
                shown = tuple(line for line in body[start + 1:k]
                              if line.strip() and not line.startswith("# "))
                out.append(Example("shell", body[start][2:], first + start, n, shown))
    return out


def inline_code(text: str) -> list[str]:
    """Every inline code span of the prose (fenced blocks left out), its line breaks
    read as spaces."""
    prose = re.sub(r"^( *)```.*?^\1```", "", text, flags=re.S | re.M)
    return [re.sub(r"\s*\n\s*", " ", m) for m in re.findall(r"`([^`]+)`", prose)]


# -- the clean clone -------------------------------------------------------------------


def _repository_files() -> list[str]:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the repository's files are unknown")
    listed = subprocess.run([git, "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode("utf-8")
    return [p for p in listed.split("\0") if p and (ROOT / p).is_file()]


@dataclass
class Clone:
    """A clean clone in a temporary directory, with the session's build as its
    ``data/aligned``, and the environment its examples run in."""

    root: Path
    built: Path
    env: dict[str, str]

    def restore_outputs(self) -> None:
        """``data/aligned`` as the set-up command's build left it."""
        aligned = self.root / "data" / "aligned"
        shutil.rmtree(aligned, ignore_errors=True)
        shutil.copytree(self.built, aligned)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory, built: Path, shared_cache: Path
          ) -> Clone:
    root = tmp_path_factory.mktemp("clone")
    for rel in _repository_files():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OUTLINE_CORPUS_", "VIRTUAL_ENV", "PYTHON"))}
    env.update(PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
               OUTLINE_CORPUS_CACHE=str(shared_cache),
               XDG_CACHE_HOME=str(tmp_path_factory.mktemp("xdg-cache")),
               VIRTUAL_ENV=str(BIN.parent), LC_ALL="C.UTF-8", PYTHONUTF8="1")
    result = Clone(root, built.parent, env)
    result.restore_outputs()
    return result


# -- running ---------------------------------------------------------------------------


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _columns(ex: Example) -> list[int]:
    """The terminal widths the shown output may have been printed at, likeliest first:
    its widest line (a rich table narrower than the terminal comes out the same at any
    larger width; ``warning:`` and ``error:`` lines are never wrapped), then a few more,
    since a wrapped column's lines may all stop short of the terminal's edge."""
    widest = max([80, *(_width(line.rstrip()) for line in ex.output
                        if not line.startswith(("warning: ", "error: ")))])
    return [widest, *range(widest + 1, widest + 7)] if ex.output else [widest]


def _missing_output(shown: tuple[str, ...], printed: str) -> list[str]:
    """The shown lines that the printed text lacks, in order (``…`` alone: the README
    leaves lines out there)."""
    lines = [line.rstrip() for line in printed.splitlines()]
    missing, at = [], 0
    for line in shown:
        want = line.rstrip()
        if want.strip() == "…" or any(v.search(want) for v in VOLATILE):
            continue
        try:
            at = lines.index(want, at) + 1
        except ValueError:
            missing.append(want)
    return missing


def _needs(command: str) -> str | None:
    """Why the command cannot run here, if a program it calls is not installed."""
    for program in EXTERNAL:
        if re.search(rf"(^|[|&;]\s*){program}\b", command) and shutil.which(program) is None:
            return f"{program} is not installed"
    return None


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def run_shell(command: str, cl: Clone, columns: int = 80,
              timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**cl.env, "COLUMNS": str(columns)}
    return subprocess.run(["bash", "-c", command], cwd=cl.root, env=env, text=True,
                          capture_output=True, timeout=timeout)


def check_shell(ex: Example, cl: Clone) -> list[str]:
    """What is wrong with running the shell example (empty: nothing)."""
    errors = any(line.startswith("error: ") for line in ex.output)
    first = ""
    for columns in _columns(ex):
        res = run_shell(ex.code, cl, columns)
        printed = res.stderr + res.stdout
        if res.returncode != (1 if errors else 0):
            problem = f"exit status {res.returncode}"
        elif errors and len(res.stderr.strip().splitlines()) != 1:
            problem = "not one line on stderr"
        else:
            missing = _missing_output(ex.output, printed)
            if not missing:
                return []
            problem = (f"the shown lines not printed (at {columns} columns): "
                       + " | ".join(missing[:3]))
        first = first or f"{ex.name}: {problem}\n--- printed:\n{printed[-3000:]}"
        if not problem.startswith("the shown lines"):
            break
    return [first]


# -- Python ----------------------------------------------------------------------------


def _comments(source: str) -> dict[int, str]:
    """The text of each comment by line (1-based within ``source``)."""
    out = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            out[tok.start[0]] = tok.string.lstrip("#").strip()
    return out


def _standalone(source: str, line: int) -> bool:
    return source.split("\n")[line - 1].lstrip().startswith("#")


_MISSING = object()


def expected_value(comment: str) -> tuple[str, Any]:
    """How a comment states a value: ``("equal", v)``, ``("prefix", v)`` (``…`` stands for
    the rest), ``("repr", pattern)``, or ``("none", None)`` for a comment in words. The
    value is the longest start of the comment that reads as a Python literal (what
    follows it, after ``:`` or ``(``, explains it)."""
    cuts = sorted({len(comment), *(m.start() for m in re.finditer(r"[:(;]| —", comment))},
                  reverse=True)
    for cut in cuts:
        text = comment[:cut].strip()
        if not text:
            continue
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            pass
        else:
            if isinstance(value, str) and value.endswith("…"):
                return "prefix", value[:-1]
            return "equal", value
        if "…" in text:
            try:
                return "prefix", ast.literal_eval(re.sub(r",\s*…", "", text))
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                pass
    if re.match(r"^[A-Z]\w*\(.*\)$", comment.strip()):
        return "repr", comment.strip()
    return "none", None


def value_problem(value: Any, comment: str) -> str | None:
    """Why ``value`` is not what ``comment`` says it is (``None``: it is)."""
    how, want = expected_value(comment)
    if how == "equal":
        ok = value == want
    elif how == "prefix":
        if isinstance(want, str):
            ok = isinstance(value, str) and value.startswith(want)
        elif isinstance(want, dict):
            ok = isinstance(value, dict) and all(value.get(k, _MISSING) == v
                                                 for k, v in want.items())
        elif isinstance(want, list | tuple):
            ok = list(value)[:len(want)] == list(want)
        else:
            ok = value == want
    elif how == "repr":
        pattern = ".*?".join(re.escape(part) for part in want.split("…"))
        ok = re.fullmatch(pattern, repr(value)) is not None
    else:
        return None
    return None if ok else f"gives {value!r}, the README says {comment!r}"


class _Checker(ast.NodeTransformer):
    """Wraps each expression statement that a comment gives the value of (on its last
    line, or alone on the next line) in ``__check__(value, line)``."""

    def __init__(self, source: str, comments: dict[int, str]) -> None:
        self.source, self.comments = source, comments

    def visit_Expr(self, node: ast.Expr) -> ast.Expr:
        end = node.end_lineno or node.lineno
        line = end if end in self.comments and not _standalone(self.source, end) else \
            end + 1 if end + 1 in self.comments and _standalone(self.source, end + 1) else None
        if line is None or expected_value(self.comments[line])[0] == "none":
            return node
        call = ast.Call(ast.Name("__check__", ast.Load()), [node.value, ast.Constant(line)], [])
        return ast.copy_location(ast.Expr(call), node)


def run_python(source: str, where: str, namespace: dict[str, Any]) -> list[str]:
    """Run ``source`` in ``namespace``, checking the values its comments give."""
    comments = _comments(source)
    problems: list[str] = []

    def check(value: Any, line: int) -> Any:
        if hasattr(value, "__next__"):
            value = list(value)
        problem = value_problem(value, comments[line])
        if problem:
            problems.append(f"{where} (+{line - 1}): {problem}")
        return value

    namespace["__check__"] = check
    tree = ast.fix_missing_locations(_Checker(source, comments).visit(ast.parse(source)))
    try:
        exec(compile(tree, where, "exec"), namespace)
    except Exception as exc:
        problems.append(f"{where}: {type(exc).__name__}: {exc}")
    return problems


# -- the tests -------------------------------------------------------------------------


def test_the_values_comments_give_are_checked() -> None:
    ns: dict[str, Any] = {}
    assert run_python("x = [1, 2, 3]\nx  # [1, 2, 3]\nx  # [1, …]\nx  # three numbers\n"
                      "x[0] == 1  # True: the first\n'abc'  # 'ab…'\n", "ok", ns) == []
    bad = run_python("x = {'a': 1}\nx  # {'a': 2, …}\nlen(x)\n# 3\n", "bad", ns)
    assert len(bad) == 2 and "{'a': 1}" in bad[0] and "gives 1" in bad[1]
    assert "ZeroDivisionError" in run_python("1 / 0\n", "raises", ns)[0]
    assert _missing_output(("a", "…", "c", "d"), "a\nb\nc\n") == ["d"]


def test_examples_are_found() -> None:
    found = examples()
    assert sum(ex.kind == "python" for ex in found) >= 4
    assert sum(ex.kind == "shell" and bool(ex.output) for ex in found) >= 20


def test_every_skip_and_inline_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    commands = [ex.code for ex in examples(text) if ex.kind == "shell"]
    spans = inline_code(text)
    for command in SKIP:
        assert any(command in c for c in commands) or any(command in s for s in spans), \
            f"SKIP names a command the README no longer gives: {command}"
    for written in (*INLINE, *INLINE_PYTHON, *NEED_SHARED):
        assert any(written in s for s in spans), f"not in the README's prose: {written}"


def test_every_inline_command_is_run_skipped_or_a_synopsis() -> None:
    """A command in backticks that names a program to run is either run (INLINE), skipped
    with its reason, needs ../shared, is also a block's command, or is a synopsis
    (``[…]``, ``…``, ``A | B``, an upper-case placeholder) or a program's or command's
    bare name."""
    text = README.read_text(encoding="utf-8")
    blocks = {ex.code for ex in examples(text) if ex.kind == "shell"}
    unknown = []
    for span in inline_code(text):
        if not re.match(r"(outline-corpus|python3?|datasette|sqlite3|pip|cd)(\s|$)|"
                        r"(\.\./)?\.venv/bin/", span):
            continue
        base = re.sub(r"\s*\[[^\]]*\]", "", span).strip()
        synopsis = (re.search(r"[\[…|]", span) or re.search(r"\b[A-Z][A-Z_]+\b", span)) \
            and not base.startswith("python")
        if (span in INLINE or any(span.startswith(s) or s == base for s in SKIP)
                or any(base.startswith(s) for s in NEED_SHARED) or span in blocks
                or synopsis or re.fullmatch(r"(outline-corpus )?[a-z0-9-]+", span)):
            continue
        unknown.append(span)
    assert not unknown, f"inline commands neither run, skipped nor synopses: {unknown}"


def test_commands_that_need_shared_say_so_and_stop_clearly(clone: Clone) -> None:
    text = README.read_text(encoding="utf-8")
    paragraphs = re.split(r"\n\s*\n", text)
    assert not any("../shared" in ex.code for ex in examples(text)), \
        "an example block uses ../shared"
    for command in NEED_SHARED:
        found = False
        for n, p in enumerate(paragraphs):
            for span in inline_code(p):
                if not span.startswith(command) or re.search(r"--(bench|devcorpus) |"
                                                             r"--pairs outline", span):
                    continue
                found = True  # given as it runs by default: on ../shared
                near = p + "\n" + (paragraphs[n + 1] if n + 1 < len(paragraphs) else "")
                assert "../shared" in near, \
                    f"the README gives `{span}` without saying it needs ../shared:\n{p}"
        assert found, command
        assert not (clone.root.parent / "shared").exists()
        res = run_shell(command, clone)
        assert res.returncode == 1, (command, res.returncode, res.stderr)
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and "shared" in lines[0], (command, res.stderr)


def test_readme_examples_run(clone: Clone) -> None:
    """Every example in README order (the Python blocks share one namespace, as in one
    session); the failures of all of them are reported together."""
    text = README.read_text(encoding="utf-8")
    problems: list[str] = []
    skipped: list[str] = []
    timings: list[tuple[float, str]] = []
    namespace: dict[str, Any] = {"__name__": "__readme__"}
    servers: dict[int, subprocess.Popen[str]] = {}
    found = examples(text)
    previous_block = -1
    try:
        for ex in found:
            if ex.block != previous_block:
                for proc in servers.values():
                    proc.terminate()
                    proc.wait(10)
                servers.clear()
                previous_block = ex.block
                clone.restore_outputs()  # each block starts from the set-up's build
            reason = next((why for cmd, why in SKIP.items() if ex.code.startswith(cmd)), None)
            reason = reason or (_needs(ex.code) if ex.kind == "shell" else None)
            if reason:
                skipped.append(f"{ex.name}: {reason}")
                continue
            start = time.perf_counter()
            if ex.kind == "python":
                old = Path.cwd()
                os.chdir(clone.root)
                saved = {k: os.environ.get(k) for k in ("OUTLINE_CORPUS_CACHE", "XDG_CACHE_HOME")}
                os.environ.update({k: clone.env[k] for k in saved})
                try:
                    problems += run_python(ex.code, f"README.md:{ex.line}", namespace)
                finally:
                    os.chdir(old)
                    for k, v in saved.items():
                        if v is None:
                            os.environ.pop(k, None)
                        else:
                            os.environ[k] = v
            elif ex.code in SERVERS:
                port = SERVERS[ex.code]
                if _port_open(port):
                    skipped.append(f"{ex.name}: port {port} is in use")
                    continue
                servers[port] = subprocess.Popen(
                    ["bash", "-c", f"exec {ex.code}"], cwd=clone.root, env=clone.env,
                    text=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                deadline = time.monotonic() + 60
                while not _port_open(port) and servers[port].poll() is None \
                        and time.monotonic() < deadline:
                    time.sleep(0.2)
                if not _port_open(port):
                    problems.append(f"{ex.name}: the server did not start")
            else:
                problems += check_shell(ex, clone)
            timings.append((time.perf_counter() - start, ex.name))
    finally:
        for proc in servers.values():
            proc.terminate()
            proc.wait(10)
    clone.restore_outputs()
    for written, command in INLINE.items():
        start = time.perf_counter()
        where = re.search(r"\s+".join(map(re.escape, written.split())), text)
        line = text[:where.start()].count("\n") + 1 if where else 0
        problems += check_shell(Example("shell", command, line, -1), clone)
        timings.append((time.perf_counter() - start, f"inline: {command}"))
    old = Path.cwd()
    os.chdir(clone.root)
    try:
        for code in INLINE_PYTHON:
            ns: dict[str, Any] = {"sqlite_utils": pytest.importorskip("sqlite_utils")}
            problems += run_python(f"list({code})", f"inline: {code}", ns)
    finally:
        os.chdir(old)
    report = "\n".join(f"{s:6.1f} s  {name}" for s, name in sorted(timings, reverse=True))
    print("\nskipped:\n  " + "\n  ".join(skipped) + f"\ntimes:\n{report}")
    assert not problems, "\n\n".join(problems)
