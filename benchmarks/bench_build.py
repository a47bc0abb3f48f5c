"""Build and start-up benchmark on the shipped corpus: a cold build (empty embedding
cache), a rebuild with the cache warm, every export format from the built database,
the start-up time of `outline-corpus --help` and of a search, and the parts made
faster: embedding sentences on one BLAS thread against one per core, pairing
400 × 400 units, and the parallel concordance of many hits read at once against one
hit at a time. ``--load N`` runs N busy processes beside it all (a machine shared
with other work). Usage::

    python benchmarks/bench_build.py [--json] [--load N]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from outline_corpus.api import build, parse_corpus  # noqa: E402
from outline_corpus.export import FORMATS, export_corpus  # noqa: E402


def timed_command(args: list[str], runs: int = 3) -> float:
    """Best wall time in seconds of ``runs`` runs of the console command."""
    best = float("inf")
    exe = Path(sys.executable).with_name("outline-corpus")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(exe), *args], check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def _spin() -> None:
    while True:
        pass


@contextlib.contextmanager
def load(n: int) -> Iterator[None]:
    """``n`` processes keeping a core busy each, for the length of the block."""
    procs = [multiprocessing.Process(target=_spin, daemon=True) for _ in range(n)]
    for proc in procs:
        proc.start()
    try:
        yield
    finally:
        for proc in procs:
            proc.terminate()
            proc.join()


def parts() -> dict[str, float]:
    """Seconds to embed 400 of the corpus's distinct sentences on one BLAS thread and
    on one per core (the same states, bit for bit), and to pair 400 × 400 units."""
    import numpy as np

    from outline_corpus.align.corpus import monotone_pairs
    from outline_corpus.align.embed import USEEmbedder
    from outline_corpus.blas import blas_threads

    texts = list(dict.fromkeys(s.text for d in parse_corpus(ROOT / "data" / "raw")
                               for s in d.all_sentences()))[:400]
    pooled = USEEmbedder()._pooled
    seconds, states = {}, {}
    for threads in (1, None):
        with blas_threads(threads):
            start = time.perf_counter()
            states[threads] = pooled.states(texts)
            seconds[threads] = time.perf_counter() - start
    if not np.array_equal(states[1], states[None]):
        raise SystemExit("error: the states differ with the number of BLAS threads")
    with blas_threads(1):
        start = time.perf_counter()
        monotone_pairs(np.random.default_rng(0).normal(size=(400, 400)))
        pairing = time.perf_counter() - start
    return {"embed_1_thread_s": round(seconds[1], 2),
            "embed_all_threads_s": round(seconds[None], 2),
            "embedded_sentences": len(texts), "pair_400x400_units_s": round(pairing, 3)}


def concordance(db: Path) -> dict[str, float]:
    """Seconds to read the parallel concordance of every sentence holding "quality" or
    质量 (search --parallel's work) in one call, and one hit at a time (as it was); the
    two must give the same."""
    import sqlite3

    from outline_corpus.store.concordance import parallels

    con = sqlite3.connect(db)
    try:
        ids = [i for (i,) in con.execute("SELECT id FROM sentences WHERE text LIKE "
                                          "'%quality%' OR text LIKE '%质量%' ORDER BY rowid")]
        start = time.perf_counter()
        together = parallels(con, ids)
        batched = time.perf_counter() - start
        start = time.perf_counter()
        alone = {i: parallels(con, [i])[i] for i in ids}
        one_by_one = time.perf_counter() - start
    finally:
        con.close()
    if together != alone:
        raise SystemExit("error: the concordance differs read at once and one by one")
    return {"concordance_hits": len(ids), "concordance_batched_s": round(batched, 3),
            "concordance_per_hit_s": round(one_by_one, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--load", type=int, default=0, metavar="N",
                    help="busy processes running beside the benchmark (default 0)")
    args = ap.parse_args()
    with load(args.load):
        result = {"load_processes": args.load, **measure(), **parts()}
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"with {args.load} busy process(es) beside it:")
    print(f"cold build {result['cold_build_s']:.1f} s, warm rebuild {result['warm_build_s']:.1f} s "
          f"({result['sentences']} sentences, {result['beads']} beads, "
          f"{result['divergences']} divergences)")
    print("export: " + ", ".join(f"{f} {result[f'export_{f}_s']:.2f} s" for f in FORMATS))
    print(f"start-up: --help {result['help_s']:.2f} s, search (en) {result['search_en_s']:.2f} s, "
          f"search (zh) {result['search_zh_s']:.2f} s")
    print(f"embedding {result['embedded_sentences']} sentences: one BLAS thread "
          f"{result['embed_1_thread_s']:.2f} s, one per core {result['embed_all_threads_s']:.2f} s "
          f"(the same vectors); pairing 400 x 400 units {result['pair_400x400_units_s']:.3f} s")
    print(f"parallel concordance of {result['concordance_hits']} hits: at once "
          f"{result['concordance_batched_s']:.3f} s, one hit at a time "
          f"{result['concordance_per_hit_s']:.3f} s")


def measure() -> dict[str, object]:
    """The builds, exports and start-up times."""
    with tempfile.TemporaryDirectory() as tmp:
        cache, out = Path(tmp) / "cache.sqlite", Path(tmp) / "out"
        cold = build(ROOT / "data" / "raw", out, cache_path=cache)
        warm = build(ROOT / "data" / "raw", out, cache_path=cache)
        db = str(out / "corpus.sqlite")
        exports = {}
        for fmt in FORMATS:
            start = time.perf_counter()
            export_corpus(db, Path(tmp) / "exports", [fmt])
            exports[f"export_{fmt}_s"] = round(time.perf_counter() - start, 3)
        result = {"cold_build_s": cold.seconds, "warm_build_s": warm.seconds, **exports,
                  "help_s": round(timed_command(["--help"]), 3),
                  "search_en_s": round(timed_command(["search", "quality", "--db", db]), 3),
                  "search_zh_s": round(timed_command(["search", "建材", "--db", db]), 3),
                  "sentences": cold.sentences, "beads": cold.beads,
                  "divergences": cold.divergences, **concordance(Path(db))}
    return result


if __name__ == "__main__":
    main()
