"""Aligner benchmark on a Chinese–English gold set (default: ../shared/bench/bible-001).

Reports strict and lax precision/recall/F1, wall time split into embedding (cold cache,
every window computed) and alignment (DP over the cached embeddings), and peak resident
memory, next to the stored baselines of the gold set. Usage::

    python benchmarks/bench_align.py [--bench DIR] [--model use-m3] [--json]
    python benchmarks/bench_align.py --stress 100000   # a long input: time and memory
    python benchmarks/bench_align.py --bench examples/outline-part-5   # the shipped sample
    python benchmarks/bench_align.py --batch [OPTIONS]   # many pairs: batch_bench.py

Where the folder holds en.verse and zh.verse (the verse of each line, as bible-001 does),
each score is also given verse-merged: consecutive output beads inside one verse merged
before scoring, as the published Bertalign and Vecalign figures are.

A gold set is a folder holding en.txt, zh.txt (one sentence a line), gold.align (whose
left side indexes en.txt, so en.txt is aligned as the source) and, optionally, stored
baselines baseline-NAME.align. The default, ../shared/bench/bible-001, lies outside the
repository; without it the benchmark stops with one line saying so."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from outline_corpus.align.cache import EmbeddingCache  # noqa: E402
from outline_corpus.align.dp import AlignParams  # noqa: E402
from outline_corpus.align.embed import load_embedder  # noqa: E402
from outline_corpus.align.evaluate import Pair, Scores, merge_within, read_beads, score  # noqa: E402
from outline_corpus.align.files import SentenceFile, align_files, read_sentences  # noqa: E402

DEFAULT_BENCH = ROOT.parent / "shared" / "bench" / "bible-001"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(src: SentenceFile, tgt: SentenceFile, model: str, params: AlignParams,
        split: bool = True
        ) -> tuple[list[tuple[tuple[int, ...], tuple[int, ...]]], dict[str, float]]:
    t0 = time.perf_counter()
    embedder = load_embedder(model)
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        cache = EmbeddingCache(Path(tmp) / "cold.sqlite")
        for f in (src, tgt) if split else ():  # every window the aligner uses, cache cold
            embedder.windows(list(f.lines), params.max_side, f.joiner, cache)
        t2 = time.perf_counter()
        beads = align_files(src, tgt, embedder, cache, params)
        t3 = time.perf_counter()
        cache.close()
    times = {"load_model_s": t1 - t0, "embed_s": t2 - t1, "align_s": t3 - t2,
             "total_s": t3 - t0, "peak_memory_mb": peak_mb()}
    return [(b.src, b.tgt) for b in beads], times


def stress(lines: int, model: str, params: AlignParams, bench: Path) -> dict[str, float]:
    """Align a long input made by repeating the gold set's texts to ``lines`` lines."""
    en = read_sentences(bench / "en.txt")
    zh = read_sentences(bench / "zh.txt")
    k = -(-lines // len(en.lines))
    src = SentenceFile("stress-en", "en", (en.lines * k)[:lines], tuple(range(lines)))
    n_zh = round(lines * len(zh.lines) / len(en.lines))
    tgt = SentenceFile("stress-zh", "zh", (zh.lines * k)[:n_zh], tuple(range(n_zh)))
    _, times = run(src, tgt, model, params, split=False)  # embedding inside align_s
    return {"source_lines": lines, "target_lines": n_zh, **times}


def verse_scorer(bench: Path) -> Callable[[list[Pair], list[Pair]], Scores] | None:
    """Verse-merged scoring where ``bench`` has en.verse and zh.verse, else ``None``."""
    files = bench / "en.verse", bench / "zh.verse"
    if not all(f.is_file() for f in files):
        return None
    en, zh = (f.read_text(encoding="utf-8").split("\n") for f in files)
    return lambda gold, test: score(gold, merge_within(test, en, zh))


def scored(bench: Path, gold: list[Pair], beads: list[Pair]) -> dict[str, Any]:
    """Raw (and verse-merged) scores of ours and of the stored baselines."""
    merged = verse_scorer(bench)
    tests = {"outline-corpus": beads, **{p.stem.removeprefix("baseline-"): read_beads(p)
                                         for p in sorted(bench.glob("baseline-*.align"))}}
    return {name: {**score(gold, b).as_dict(), **({} if merged is None else {
        "verse_merged": merged(gold, b).as_dict()})} for name, b in tests.items()}


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--batch"]:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from batch_bench import main as batch_main

        sys.exit(batch_main(argv[1:]))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--model", default="use-m3")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--stress", type=int, default=0, help="lines of a long synthetic input")
    args = ap.parse_args(argv)
    needed = ("en.txt", "zh.txt") if args.stress else ("en.txt", "zh.txt", "gold.align")
    missing = [name for name in needed if not (args.bench / name).is_file()]
    if missing:
        default = " (the default gold set, ../shared/bench/bible-001, is not part of the " \
            "repository)" if args.bench == DEFAULT_BENCH else ""
        sys.exit(f"bench_align: {args.bench}: no {', '.join(missing)}{default}; pass "
                 "--bench DIR, e.g. --bench examples/outline-part-5 (the shipped sample)")
    params = AlignParams()
    if args.stress:
        print(json.dumps(stress(args.stress, args.model, params, args.bench), indent=1))
        return
    src, tgt = read_sentences(args.bench / "en.txt"), read_sentences(args.bench / "zh.txt")
    gold = read_beads(args.bench / "gold.align")
    beads, times = run(src, tgt, args.model, params)
    scores = scored(args.bench, gold, beads)
    result = {"bench": args.bench.name, "model": args.model, "params": params.signature(),
              "source_sentences": len(src.lines), "target_sentences": len(tgt.lines),
              **{k: round(v, 2) for k, v in times.items()}, "scores": scores}
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"{args.bench.name}: {len(src.lines)} en x {len(tgt.lines)} zh sentences, "
          f"model {args.model}")
    print(f"time: model load {times['load_model_s']:.1f} s, embedding {times['embed_s']:.1f} s "
          f"(cold cache), alignment {times['align_s']:.1f} s, total {times['total_s']:.1f} s; "
          f"peak memory {times['peak_memory_mb']:.0f} MB")
    merged = "verse_merged" in scores["outline-corpus"]
    print(f"{'aligner':<16}{'strict P':>9}{'strict R':>9}{'strict F1':>10}{'lax F1':>8}"
          + (f"{'merged F1':>11}" if merged else ""))
    for name, s in scores.items():
        print(f"{name:<16}{s['strict_precision']:>9.4f}{s['strict_recall']:>9.4f}"
              f"{s['strict_f1']:>10.4f}{s['lax_f1']:>8.4f}"
              + (f"{s['verse_merged']['strict_f1']:>11.4f}" if merged else ""))


if __name__ == "__main__":
    main()
