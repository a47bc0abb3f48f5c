"""Batch alignment benchmark: many pairs in one call of :func:`outline_corpus.api.align_pairs`.

Builds 24 pairs of a few hundred sentences each: 19 cuts of ../shared/bench/bible-001
(about 260 English verses and the Chinese lines the gold alignment gives them) and the
five law pairs of ../shared/devcorpus (parsed, one sentence a line), written into a
temporary folder. Each run starts from a cold embedding cache (a new file) and prints
the wall time of the call, the client's embedding and composing time, the DP time (the
jobs' own seconds, summed), the part of it the second model spent on its vectors
(``2nd``) and the wait for the last jobs; the runs compare the DPs in this process with
local Dask clusters of 1 and 2 workers, and 6, 12 and 24 pairs in this process
(``--separate``: also each pair by its own ``align-files`` process; ``--load N``: every
run beside ``N`` busy processes, a machine shared with other work). Every run's bead
files must be the same bytes. Usage::

    python benchmarks/batch_bench.py [--pairs 6,12,24] [--workers 0,1,2] [--warm]
                                     [--separate] [--load N] [--json]

../shared lies outside the repository: without it the benchmark says so and exits 2."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bench_build import load  # noqa: E402

from outline_corpus import api  # noqa: E402
from outline_corpus.align.evaluate import read_beads  # noqa: E402
from outline_corpus.align.files import read_sentences  # noqa: E402

SHARED = ROOT.parent / "shared"
BIBLE = SHARED / "bench" / "bible-001"
DEVCORPUS = SHARED / "devcorpus"
#: English verses per Bible pair.
VERSES = 260


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line.replace("\n", " ") + "\n" for line in lines), "utf-8")
    return path


def bible_pairs(folder: Path, count: int) -> list[tuple[Path, Path, Path]]:
    """``count`` consecutive cuts of about :data:`VERSES` English lines each and the
    Chinese lines the gold beads link them to."""
    en = read_sentences(BIBLE / "en.txt").lines
    zh = read_sentences(BIBLE / "zh.txt").lines
    beads = read_beads(BIBLE / "gold.align")
    pairs, start, k = [], 0, 0
    while len(pairs) < count and start < len(beads):
        end = start
        while end < len(beads) and sum(len(b[0]) for b in beads[start:end]) < VERSES:
            end += 1
        src = sorted(i for b in beads[start:end] for i in b[0])
        tgt = sorted(j for b in beads[start:end] for j in b[1])
        pairs.append((_write(folder / f"bible{k}.en.txt", [en[i] for i in src]),
                      _write(folder / f"bible{k}.zh.txt", [zh[j] for j in tgt]),
                      folder / f"bible{k}.align"))
        start, k = end, k + 1
    return pairs


def dev_pairs(folder: Path) -> list[tuple[Path, Path, Path]]:
    """Each law of the dev corpus against its translation, one sentence a line."""
    pairs = []
    for raw in sorted(DEVCORPUS.glob("*/raw")):
        docs = api.parse_corpus(raw)
        by_id = {d.id: d for d in docs}
        for doc in docs:
            if doc.meta.original is None or doc.meta.original not in by_id:
                continue
            name = raw.parent.name
            zh = [s.text for s in by_id[doc.meta.original].all_sentences()]
            en = [s.text for s in doc.all_sentences()]
            pairs.append((_write(folder / f"{name}.zh.txt", zh),
                          _write(folder / f"{name}.en.txt", en), folder / f"{name}.align"))
    return pairs


def run(pairs: list[tuple[Path, Path, Path]], workers: int, cache: Path | None
        ) -> dict[str, Any]:
    """One call of :func:`api.align_pairs`: its wall time, timings and outputs."""
    start = time.perf_counter()
    result = api.align_pairs(pairs, workers=workers, cache_path=cache)
    wall = time.perf_counter() - start
    s = result.seconds
    return {"pairs": len(pairs), "runner": result.runner, "texts": result.texts,
            "computed": result.computed, "wall_s": round(wall, 2), "embed_s": s.embed,
            "compose_s": s.compose, "dp_s": s.dp, "second_s": s.second, "wait_s": s.wait,
            "wall_over_embed": round(wall / s.embed, 2) if s.embed else None,
            "outputs": [p[2].read_bytes() for p in pairs]}


def separate(pairs: list[tuple[Path, Path, Path]], cache: Path) -> dict[str, Any]:
    """Each pair by its own `align-files SRC TGT --out OUT` process, one cache for all."""
    start = time.perf_counter()
    outputs = []
    for src, tgt, out in pairs:
        alone = out.with_suffix(".alone")
        subprocess.run([sys.executable, "-m", "outline_corpus.cli", "align-files", str(src),
                        str(tgt), "--out", str(alone), "--cache", str(cache)], check=True)
        outputs.append(alone.read_bytes())
    return {"pairs": len(pairs), "runner": "separate align-files runs", "texts": 0,
            "computed": 0, "wall_s": round(time.perf_counter() - start, 2), "embed_s": 0.0,
            "compose_s": 0.0, "dp_s": 0.0, "second_s": 0.0, "wait_s": 0.0,
            "wall_over_embed": None,
            "outputs": outputs}


def _row(r: dict[str, Any]) -> str:
    ratio = f"{r['wall_over_embed']:.2f}" if r["wall_over_embed"] else "-"
    return (f"{r['pairs']:>5} {r['runner']:<30} {r['texts']:>6} {r['computed']:>6} "
            f"{r['wall_s']:>7.1f} {r['embed_s']:>7.1f} {r['compose_s']:>7.1f} "
            f"{r['dp_s']:>6.1f} {r['second_s']:>6.1f} {r['wait_s']:>6.1f} {ratio:>6}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", default="6,12,24", help="pair counts, in this process")
    ap.add_argument("--workers", default="0,1,2", help="worker counts for 24 pairs")
    ap.add_argument("--warm", action="store_true", help="also run each worker count with "
                                                        "the cache warm")
    ap.add_argument("--separate", action="store_true", help="also align the 24 pairs one "
                                                            "align-files process each")
    ap.add_argument("--load", type=int, default=0,
                    help="busy processes running beside every run (default 0)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    if not BIBLE.is_dir() or not DEVCORPUS.is_dir():
        print(f"batch_bench: {SHARED} (bench/bible-001 and devcorpus) is not here: it lies "
              "beside the repository, not in it", file=sys.stderr)
        return 2
    counts = [int(n) for n in args.pairs.split(",")]
    workers = [int(n) for n in args.workers.split(",")]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp, load(args.load):
        folder = Path(tmp)
        dev = dev_pairs(folder)
        pairs = bible_pairs(folder, 24 - len(dev)) + dev
        for n in workers:
            rows.append(run(pairs, n, folder / f"cold-w{n}.sqlite"))
            if args.warm:
                rows.append({**run(pairs, n, folder / f"cold-w{n}.sqlite"), "warm": True})
        for count in counts:
            if count != len(pairs) or 0 not in workers:
                rows.append(run(pairs[:count], 0, folder / f"cold-p{count}.sqlite"))
        if args.separate:
            rows.append(separate(pairs, folder / "cold-separate.sqlite"))
    full = [r["outputs"] for r in rows if r["pairs"] == len(pairs)]
    same = all(out == full[0] for out in full)
    for r in rows:
        r["outputs"] = len(r["outputs"])
    if args.json:
        print(json.dumps({"pairs": len(pairs), "load": args.load, "identical_outputs": same,
                          "runs": rows},
                         indent=1))
        return 0 if same else 1
    print(f"{len(pairs)} pairs ({len(pairs) - len(dev)} Bible cuts, {len(dev)} laws); "
          f"seconds; embedding cold unless marked warm; {args.load} busy process(es) "
          "beside it")
    print(f"{'pairs':>5} {'runner':<30} {'texts':>6} {'new':>6} {'wall':>7} {'embed':>7} "
          f"{'compose':>7} {'dp':>6} {'2nd':>6} {'wait':>6} {'w/emb':>6}")
    for r in rows:
        print(_row(r) + ("  (warm)" if r.get("warm") else ""))
    print(f"outputs identical across runners: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
