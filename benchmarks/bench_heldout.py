"""Held-out alignment benchmark: the current aligner, with its default model and
parameters, against the hand-checked gold alignments of ``benchmarks/gold/`` (the
Outline's translations A and B, and the Data Security Law pair of
``../shared/devcorpus``). Usage::

    python benchmarks/bench_heldout.py [--json] [--cache FILE] [--devcorpus DIR]

Each pair is parsed and aligned through ``outline_corpus.api`` (into a temporary
directory), its beads are written as ``[i,j]:[k]`` lines over the gold sentence lists
and scored with the project's own ``evaluate``; the row ``all`` is the micro-average
over the pairs run. ``seconds`` is the wall time of the alignment call (parsing, loading
the model, embedding and aligning); without ``--cache`` embeddings are kept in memory,
so every run embeds from cold.

These golds are for measuring only: never choose a parameter by them (see
``benchmarks/gold/README.md``). The Outline golds are in the repository and always run;
the Data Security Law text is beside it, not in it: without ``../shared/devcorpus`` that
pair is skipped with one line saying what is missing.

A measurement, not a test: it exits 0 whatever the figures, 1 only if a gold's sentence
lists no longer match the corpus (the parser moved sentences; re-check that gold).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from outline_corpus import api  # noqa: E402
from outline_corpus.align.evaluate import format_bead  # noqa: E402
from outline_corpus.config import Config  # noqa: E402
from outline_corpus.errors import OutlineCorpusError  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold"
DEVCORPUS = ROOT.parent / "shared" / "devcorpus"
DSL_FOLDER = "data-security-law-2021"
METRICS = ("strict_precision", "strict_recall", "strict_f1",
           "lax_precision", "lax_recall", "lax_f1")


@dataclass(frozen=True)
class Pair:
    """A translation, its original and the raw directory holding both; the gold is
    ``GOLD/{translation}.gold`` over ``GOLD/{original}.txt`` and
    ``GOLD/{translation}.txt``."""

    name: str
    raw: Path
    original: str
    translation: str
    shared: bool  # outside the repository (../shared)

    @property
    def gold(self) -> Path:
        return GOLD / f"{self.translation}.gold"


def pairs(devcorpus: Path) -> list[Pair]:
    dsl = devcorpus / DSL_FOLDER / "raw"
    return [Pair("outline.en.a", ROOT / "data" / "raw", "outline.zh", "outline.en.a", False),
            Pair("outline.en.b", ROOT / "data" / "raw", "outline.zh", "outline.en.b", False),
            Pair(DSL_FOLDER, dsl, "dsl.zh", "dsl.en", True)]


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--cache", type=Path, default=None,
                    help="embedding cache file (default: in memory, a cold run)")
    ap.add_argument("--devcorpus", type=Path, default=DEVCORPUS,
                    help="folder of the law pairs (default: ../shared/devcorpus)")
    return ap.parse_args()


def gold_lines(doc_id: str) -> list[str]:
    return (GOLD / f"{doc_id}.txt").read_text(encoding="utf-8").split("\n")[:-1]


def stale(docs: dict[str, Any], pair: Pair) -> str | None:
    """Why the gold's sentence lists no longer index the corpus's sentences, or None."""
    for doc_id in (pair.original, pair.translation):
        now = [s.text for s in docs[doc_id].all_sentences()]
        gold = gold_lines(doc_id)
        if now != gold:
            k = next((i for i, (a, b) in enumerate(zip(now, gold, strict=False)) if a != b),
                     min(len(now), len(gold)))
            return (f"{doc_id}: the corpus has {len(now)} sentences, {GOLD.name}/{doc_id}.txt "
                    f"{len(gold)}, first difference at line {k + 1}: re-check the gold")
    return None


def run_pair(pair: Pair, out: Path, cache: Path | None, warn: list[str]) -> dict[str, Any]:
    """Align ``pair`` and write its beads, in index form, to ``out/{translation}.gold``;
    the row's counts and seconds, or its ``error``."""
    row: dict[str, Any] = {"pair": pair.name}
    docs = {d.id: d for d in api.parse_corpus(pair.raw, [pair.original, pair.translation])}
    why = stale(docs, pair)
    if why:
        return {**row, "error": why}
    index = {s.id: k for doc_id in (pair.original, pair.translation)
             for k, s in enumerate(docs[doc_id].all_sentences())}
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        alignments = api.align_corpus(pair.raw, Path(tmp) / "aligned", Config(), cache,
                                      [pair.translation], warn=warn.append)
        row["seconds"] = round(time.perf_counter() - t0, 2)
    (al,) = [a for a in alignments if a.translation == pair.translation]
    lines = [format_bead(tuple(index[x] for x in b.source), tuple(index[x] for x in b.target))
             for b in al.beads]
    (out / pair.gold.name).write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    row["aligned_beads"] = len(al.beads)
    return row


def print_table(rows: list[dict[str, Any]], skipped: list[dict[str, str]]) -> None:
    head = ("pair", "beads gold/test", "strict P", "strict R", "strict F1",
            "lax P", "lax R", "lax F1", "seconds")
    table = [head]
    for r in rows:
        if "error" in r:
            continue
        table.append((r["pair"], f"{r['gold_beads']}/{r['test_beads']}",
                      *(f"{r[m]:.4f}" for m in METRICS),
                      f"{r['seconds']:.1f}" if "seconds" in r else ""))
    widths = [max(len(row[k]) for row in table) for k in range(len(head))]
    for n, row in enumerate(table):
        print("  ".join(c.ljust(w) if k == 0 else c.rjust(w)
                        for k, (c, w) in enumerate(zip(row, widths, strict=True))))
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print("beads: two-sided beads (1:0 and 0:1 are not scored), gold/test")
    for r in rows:
        if "error" in r:
            print(f"stale gold {r['pair']}: {r['error']}")
    for s in skipped:
        print(f"skipped {s['pair']}: {s['reason']}")


def main() -> int:
    args = parse_args()
    rows: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    warnings: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for pair in pairs(args.devcorpus):
            if pair.shared and not (pair.raw / "manifest.toml").is_file():
                skipped.append({"pair": pair.name, "reason": (
                    f"{pair.raw} not found (the law pairs are a folder beside the "
                    "repository, not part of it; give another with --devcorpus)")})
                continue
            try:
                rows.append(run_pair(pair, out, args.cache, warnings))
            except OutlineCorpusError as exc:
                rows.append({"pair": pair.name, "error": str(exc)})
        run = [r for r in rows if "error" not in r]
        if run:
            scores = api.evaluate(GOLD, out)
            names = {f"{r['pair']}": r for r in run}
            for pair in pairs(args.devcorpus):
                if pair.name in names:
                    names[pair.name].update(scores[pair.gold.name].as_dict())
            if len(run) > 1:
                rows.append({"pair": "all", **scores["all"].as_dict(),
                             "seconds": round(sum(r["seconds"] for r in run), 2)})
    if args.json:
        print(json.dumps({"model": Config().model, "pairs": rows, "skipped": skipped,
                          "warnings": warnings}, ensure_ascii=False, indent=2))
    else:
        print_table(rows, skipped)
        for w in warnings:
            print(f"warning: {w}")
    return 1 if any("error" in r for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
