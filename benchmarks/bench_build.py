"""Build and start-up benchmark on the shipped corpus: a cold build (empty embedding
cache), a rebuild with the cache warm, every export format from the built database,
and the start-up time of `outline-corpus --help` and of a search. Usage::

    python benchmarks/bench_build.py [--json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from outline_corpus.api import build  # noqa: E402
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
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
                  "divergences": cold.divergences}
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"cold build {result['cold_build_s']:.1f} s, warm rebuild {result['warm_build_s']:.1f} s "
          f"({result['sentences']} sentences, {result['beads']} beads, "
          f"{result['divergences']} divergences)")
    print("export: " + ", ".join(f"{f} {result[f'export_{f}_s']:.2f} s" for f in FORMATS))
    print(f"start-up: --help {result['help_s']:.2f} s, search (en) {result['search_en_s']:.2f} s, "
          f"search (zh) {result['search_zh_s']:.2f} s")


if __name__ == "__main__":
    main()
