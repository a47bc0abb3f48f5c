"""Parse-time benchmark on synthetic input of growing size: is parsing linear?

Each shape is generated at each size (MB of UTF-8), written as a one-document corpus
(``structure = "auto"``) and parsed by :func:`outline_corpus.parse.parse_corpus` in a
fresh child process, which reports the wall time of the parse, its peak resident memory
and what it found. The table gives seconds, seconds per MB, the growth exponent between
one size and the one before (log time ratio / log size ratio: 1 is linear, 2
quadratic) and the peak memory. Shapes:

- ``zh-law``: a Chinese law: front matter, contents, 第N章 chapters with 第N节 sections,
  第N条 articles with paragraphs and （N） items, page breaks with page numbers; past
  article 9999 (the highest label a law profile reads) a new law begins at 第一条;
- ``en-law``: its English shape (Chapter N, Article N, (N) items);
- ``zh-policy``: a Chinese policy text (一、 parts, （一） articles, —— items);
- ``en-para``: one English paragraph of many sentences on one line ("No. 95", "(1)"
  labels, quotations);
- ``zh-para``: one Chinese paragraph of many sentences on one line (“…”, 《…》, （…）);
- ``en-wrapped``: one English paragraph hard-wrapped at 72 columns (a PDF extraction),
  many lines to rejoin;
- ``flat``: English prose without structure in short wrapped paragraphs, with page
  breaks, page numbers and running headers (read flat).

Usage::

    python benchmarks/bench_parse.py [--sizes MB...] [--full] [--shapes NAME...]
        [--timeout S] [--json] [--profile SHAPE MB]

``--full`` adds 100 MB; a shape whose parse takes longer than ``--timeout`` seconds
(default 900) is not run at larger sizes. ``--profile`` runs one parse under cProfile
and prints its 30 most expensive functions. A measurement, not a test: it exits 0.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DEFAULT_SIZES = (1.0, 4.0, 16.0)
FULL_SIZES = (1.0, 4.0, 16.0, 64.0, 100.0)
MB = 1_000_000
#: The highest article number the law profiles read (``\d{1,4}``, 九千九百九十九).
MAX_ARTICLE = 9999

ZH_CLAUSES = ("国家建立健全质量管理制度", "县级以上人民政府应当加强对本行政区域内相关工作的领导",
              "有关部门按照职责分工负责监督管理", "任何组织和个人不得违反本法规定",
              "依照《中华人民共和国产品质量法》的规定处理", "推动“质量强国”建设",
              "鼓励企业开展技术创新（包括工艺改进）", "保障公民、法人和其他组织的合法权益",
              "具体办法由国务院规定", "情节严重的，依法追究刑事责任")
ZH_ENDS = ("。", "。", "。", "；", "！", "？")
EN_WORDS = ("quality", "the", "state", "shall", "establish", "and", "improve", "a", "system",
            "of", "standards", "for", "products", "services", "local", "governments", "at",
            "or", "above", "county", "level", "supervise", "enterprises", "in", "accordance",
            "with", "law", "relevant", "departments", "responsible", "management", "public")
EN_EXTRAS = ('See Decree No. 95 of the State Council.', '(1) The first item applies.',
             'He said: "Quality comes first." Then he left.', 'See Art. 5 and para. 3.',
             '"Quoted sentences open here." And close.', 'Is this a question? Yes!',
             'The Outline (2021-2035) is issued.', 'Prices rose by 3.5 percent.')


def _zh_sentence(rng: random.Random) -> str:
    clauses = rng.sample(ZH_CLAUSES, rng.randint(1, 3))
    return "，".join(clauses) + rng.choice(ZH_ENDS)


def _en_sentence(rng: random.Random, extras: bool = True) -> str:
    if extras and rng.random() < 0.15:
        return rng.choice(EN_EXTRAS)
    words = [rng.choice(EN_WORDS) for _ in range(rng.randint(6, 22))]
    return " ".join(words).capitalize() + rng.choice((".", ".", ".", ";", "?", "!"))


def _fill(target: int, chunks: Iterator[str]) -> str:
    """Chunks joined until they reach ``target`` bytes of UTF-8."""
    out: list[str] = []
    size = 0
    for chunk in chunks:
        out.append(chunk)
        size += len(chunk.encode("utf-8"))
        if size >= target:
            break
    return "".join(out)


def _zh_law(rng: random.Random) -> Iterator[str]:
    from cn2an import an2cn

    while True:
        yield ("中华人民共和国合成测试法\n"
               "（2024年1月1日第十四届全国人民代表大会常务委员会通过）\n目　录\n")
        yield "第一章　总则\n第二章　监督管理\n"
        chapter = 0
        for n in range(1, MAX_ARTICLE + 1):
            if n % 25 == 1:
                chapter += 1
                yield f"第{an2cn(chapter)}章　第{chapter}部分规定\n"
            if n % 25 == 13:
                yield f"第{an2cn(n % 5 + 1)}节　具体事项\n"
            yield f"第{an2cn(n)}条　{_zh_sentence(rng)}{_zh_sentence(rng)}\n"
            if rng.random() < 0.3:
                yield "有下列情形之一的，依法处理：\n" + "".join(
                    f"（{an2cn(k)}）{rng.choice(ZH_CLAUSES)}；\n" for k in range(1, 4))
            if rng.random() < 0.4:
                yield _zh_sentence(rng) + "\n"
            if n % 60 == 0:
                yield f"\f{n // 60}\n"


def _en_law(rng: random.Random) -> Iterator[str]:
    while True:
        yield "Synthetic Test Law of the People's Republic of China\n(Adopted at the 5th Session)\n"
        chapter = 0
        for n in range(1, MAX_ARTICLE + 1):
            if n % 25 == 1:
                chapter += 1
                yield f"Chapter {chapter} Provisions of Part {chapter}\n"
            if n % 25 == 13:
                yield f"Section {n % 5 + 1} Specific Matters\n"
            yield f"Article {n} {_en_sentence(rng, False)} {_en_sentence(rng)}\n"
            if rng.random() < 0.3:
                yield "In any of the following cases, the law applies:\n" + "".join(
                    f"({k}) {_en_sentence(rng, False)}\n" for k in range(1, 4))
            if rng.random() < 0.4:
                yield _en_sentence(rng) + "\n"
            if n % 60 == 0:
                yield f"\f{n // 60}\n"


def _zh_policy(rng: random.Random) -> Iterator[str]:
    from cn2an import an2cn

    yield "质量强国建设纲要（合成）\n新华社北京电 主要内容如下。\n"
    n = 0
    while True:
        for part in range(1, 12):
            yield f"{an2cn(part)}、第{an2cn(part)}部分的总体要求\n"
            for _ in range(3):
                n = n % 999 + 1
                yield f"（{an2cn(n)}）{_zh_sentence(rng)}{_zh_sentence(rng)}\n"
                for _ in range(rng.randint(0, 3)):
                    yield f"——{_zh_sentence(rng)}\n"


def _en_para(rng: random.Random) -> Iterator[str]:
    while True:
        yield _en_sentence(rng) + " "


def _zh_para(rng: random.Random) -> Iterator[str]:
    while True:
        yield _zh_sentence(rng)


def _wrapped(words: Iterator[str], width: int = 72, open_ends: bool = False) -> Iterator[str]:
    """Lines of at most about ``width`` characters; with ``open_ends``, no line ends in
    punctuation (a word that would end one in it starts the next line instead), so all
    of them are rejoined into one paragraph."""
    line: list[str] = []
    size = 0
    for word in words:
        if size + len(word) > width and line:
            carry = [line.pop()] if open_ends and len(line) > 1 and not line[-1][-1].isalpha() \
                else []
            yield " ".join(line) + "\n"
            line, size = carry, sum(len(w) + 1 for w in carry)
        line.append(word)
        size += len(word) + 1
    if line:
        yield " ".join(line) + "\n"


def _en_wrapped(rng: random.Random) -> Iterator[str]:
    def words() -> Iterator[str]:
        while True:
            yield from _en_sentence(rng, False).split()

    return _wrapped(words(), open_ends=True)


def _flat(rng: random.Random) -> Iterator[str]:
    page = 0
    while True:
        page += 1
        lines = 0
        while lines < 50:
            para = " ".join(_en_sentence(rng, False) for _ in range(rng.randint(1, 8)))
            for line in _wrapped(iter(para.split())):
                yield line
                lines += 1
            yield "\n"
        yield f"\fA Report on Quality {page}\n{page}\n"


SHAPES: dict[str, tuple[str, Callable[[random.Random], Iterator[str]]]] = {
    "zh-law": ("zh", _zh_law), "en-law": ("en", _en_law), "zh-policy": ("zh", _zh_policy),
    "en-para": ("en", _en_para), "zh-para": ("zh", _zh_para),
    "en-wrapped": ("en", _en_wrapped), "flat": ("en", _flat),
}


def generate(shape: str, mb: float) -> str:
    """The text of ``shape`` at ``mb`` MB (fixed seed)."""
    _, gen = SHAPES[shape]
    return _fill(int(mb * MB), gen(random.Random(f"{shape}-{mb}")))


def write_corpus(root: Path, shape: str, mb: float) -> Path:
    """A one-document corpus of ``shape`` at ``mb`` MB under ``root``; its directory."""
    language, _ = SHAPES[shape]
    raw = root / f"{shape}-{mb:g}"
    raw.mkdir(parents=True, exist_ok=True)
    (raw / "doc.txt").write_text(generate(shape, mb), encoding="utf-8")
    (raw / "manifest.toml").write_text(
        f'[[documents]]\nid = "bench"\nfile = "doc.txt"\nlanguage = "{language}"\n'
        f'role = "original"\nwork = "bench"\ntitle = "{shape}"\nstructure = "auto"\n',
        encoding="utf-8")
    return raw


def _rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(raw: Path) -> dict[str, Any]:
    """Parse the corpus at ``raw`` (in this process) and report time, memory, counts."""
    from outline_corpus.model import DocumentMeta
    from outline_corpus.parse import parse_corpus, parse_text

    for lang in ("zh", "en"):  # load the sentence splitters outside the timing
        parse_text(DocumentMeta("w", "w", lang, "original", "w", "w"), "一、总则\n（一）好。\n")
    before = _rss_mb()
    reports: list[float] = []
    t0 = time.perf_counter()
    (doc,) = parse_corpus(raw, progress=lambda _doc, _done, _total: reports.append(
        time.perf_counter()))
    seconds = time.perf_counter() - t0
    size = (raw / "doc.txt").stat().st_size
    waits = [b - a for a, b in zip([t0, *reports], [*reports, t0 + seconds], strict=True)]
    return {"bytes": size, "seconds": round(seconds, 3), "peak_mb": round(_rss_mb()),
            "base_mb": round(before), "profile": doc.profile, "units": len(doc.units),
            "articles": len(doc.articles), "sentences": sum(1 for _ in doc.all_sentences()),
            "diagnostics": len(doc.diagnostics), "reports": len(reports),
            "longest_wait_s": round(max(waits), 2)}


def run_child(raw: Path, timeout: float) -> dict[str, Any]:
    """:func:`measure` in a fresh interpreter (its own peak memory), or a timeout."""
    cmd = [sys.executable, __file__, "--child", str(raw)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"bytes": (raw / "doc.txt").stat().st_size, "seconds": None, "timeout": timeout}
    except subprocess.CalledProcessError as exc:
        return {"bytes": (raw / "doc.txt").stat().st_size, "seconds": None,
                "error": exc.stderr.strip().splitlines()[-1:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def with_growth(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of one shape with seconds per MB and the exponent against the row before."""
    prev: dict[str, Any] | None = None
    for row in rows:
        t = row.get("seconds")
        row["s_per_mb"] = round(t / (row["bytes"] / MB), 3) if t is not None else None
        row["exponent"] = None
        if t is not None and prev is not None and prev.get("seconds"):
            row["exponent"] = round(math.log(max(t, 1e-3) / prev["seconds"])
                                    / math.log(row["bytes"] / prev["bytes"]), 2)
        prev = row
    return rows


def run_shape(shape: str, sizes: list[float], timeout: float, tmp: Path,
              echo: bool) -> list[dict[str, Any]]:
    """Measure ``shape`` at each size, stopping after the first timeout or error."""
    rows: list[dict[str, Any]] = []
    for mb in sizes:
        raw = write_corpus(tmp, shape, mb)
        row = {"shape": shape, "mb": mb, **run_child(raw, timeout)}
        (raw / "doc.txt").unlink()
        rows.append(row)
        with_growth(rows)
        if echo:
            print_row(row)
        if row["seconds"] is None:
            break
    return rows


def print_row(row: dict[str, Any]) -> None:
    def num(key: str, fmt: str) -> str:
        value = row.get(key)
        return "–" if value is None else format(value, fmt)

    if row["seconds"] is None:
        what = f"timeout after {row['timeout']:g} s" if "timeout" in row else row["error"]
        print(f"{row['shape']:<11}{row['mb']:>7g}  {what}", flush=True)
        return
    print(f"{row['shape']:<11}{row['mb']:>7g}{num('seconds', '9.2f')}{num('s_per_mb', '9.3f')}"
          f"{num('exponent', '9.2f')}{num('peak_mb', '9.0f')}{num('base_mb', '7.0f')}  "
          f"{row['profile']}: {row['articles']} articles, {row['sentences']} sentences, "
          f"{row['units']} units, {row['diagnostics']} diagnostics"
          + (f"; {row['reports']} progress reports, longest wait {row['longest_wait_s']} s"
             if "reports" in row else ""), flush=True)


def profile(shape: str, mb: float) -> None:
    """One parse of ``shape`` at ``mb`` MB under cProfile: the 30 costliest functions."""
    import cProfile
    import pstats

    from outline_corpus.parse import parse_corpus

    with tempfile.TemporaryDirectory() as tmp:
        raw = write_corpus(Path(tmp), shape, mb)
        prof = cProfile.Profile()
        prof.runcall(parse_corpus, raw)
    pstats.Stats(prof).sort_stats("tottime").print_stats(30)


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", nargs="+", type=float, metavar="MB",
                    help=f"sizes in MB (default {' '.join(f'{s:g}' for s in DEFAULT_SIZES)})")
    ap.add_argument("--full", action="store_true",
                    help=f"sizes {' '.join(f'{s:g}' for s in FULL_SIZES)} MB")
    ap.add_argument("--shapes", nargs="+", choices=list(SHAPES), metavar="NAME",
                    help=f"shapes to run (default all: {', '.join(SHAPES)})")
    ap.add_argument("--timeout", type=float, default=900.0, metavar="S",
                    help="seconds one parse may take before larger sizes are skipped")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--profile", nargs=2, metavar=("SHAPE", "MB"),
                    help="profile one parse instead of timing")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    return ap.parse_args()


def main() -> None:
    args = parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    if args.profile:
        profile(args.profile[0], float(args.profile[1]))
        return
    sizes = sorted(args.sizes or (FULL_SIZES if args.full else DEFAULT_SIZES))
    if not args.json:
        print(f"{'shape':<11}{'MB':>7}{'seconds':>9}{'s/MB':>9}{'exponent':>9}{'peak MB':>9}"
              f"{'base':>7}  found")
    with tempfile.TemporaryDirectory() as tmp:
        rows = [row for shape in args.shapes or SHAPES
                for row in run_shape(shape, sizes, args.timeout, Path(tmp), not args.json)]
    if args.json:
        print(json.dumps({"sizes_mb": sizes, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
