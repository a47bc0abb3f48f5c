"""Divergence detection on the shipped corpus: records per kind and translation, their
precision against hand judgements (benchmarks/diverge_judgements.toml, each applying
while its record quotes the words judged), whether every record judged right is still
found, recall and precision against the hand-checked
list of real divergences (benchmarks/diverge_gold_dev.toml, see gold.py), recall on
synthetic edits of faithful beads and the share of those beads flagged (see
synthetic.py), and the time taken. Usage::

    python benchmarks/bench_diverge.py [--json] [--seed N] [--no-synthetic]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import gold  # noqa: E402
import synthetic  # noqa: E402

from outline_corpus.align.cache import EmbeddingCache  # noqa: E402
from outline_corpus.align.corpus import align_translation  # noqa: E402
from outline_corpus.align.embed import load_embedder  # noqa: E402
from outline_corpus.diverge import find_divergences  # noqa: E402
from outline_corpus.diverge.records import Divergence  # noqa: E402
from outline_corpus.parse import parse_corpus  # noqa: E402

PAIRS = (("outline.en.b", "outline.en.a"), ("outline.en.a", "outline.en.b"))


def judged_kinds(records: list[Divergence], judged: dict[str, bool]) -> dict[str, Any]:
    per_kind: dict[str, dict[str, int]] = {}
    for r in records:
        row = per_kind.setdefault(r.kind, {"records": 0, "judged": 0, "right": 0})
        row["records"] += 1
        if r.id in judged:
            row["judged"] += 1
            row["right"] += int(judged[r.id])
    return per_kind


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--no-synthetic", action="store_true", help="skip the synthetic edits")
    args = ap.parse_args()
    t0 = time.perf_counter()
    docs = {d.id: d for d in parse_corpus(ROOT / "data" / "raw")}
    model, cache = load_embedder(), EmbeddingCache(None)
    zh = docs["outline.zh"]
    translations = {t: docs[t] for t in ("outline.en.a", "outline.en.b")}
    alignments = {t: align_translation(zh, d, model, cache) for t, d in translations.items()}
    t1 = time.perf_counter()
    found = find_divergences(zh, translations, list(alignments.values()), model, cache)
    records = list(found.records)
    t2 = time.perf_counter()
    judged, stale, lost = gold.fitting(records, gold.load_judgements())
    result: dict[str, Any] = {
        "records": len(records), "by_doc": dict(Counter(r.doc for r in records)),
        "word_gaps": len(found.gaps), "kinds": judged_kinds(records, judged),
        "judged_right_lost": lost, "judged_other_record": stale,
        "gold": gold.measure(records, judged),
        "align_s": round(t1 - t0, 1), "detect_s": round(t2 - t1, 1)}
    if not args.no_synthetic:
        result["synthetic"] = {
            edited: synthetic.run(zh, translations, alignments, edited, witness, model,
                                  cache, args.seed, judged=judged)
            for edited, witness in PAIRS}
        result["synthetic_s"] = round(time.perf_counter() - t2, 1)
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))
        return
    show(result)


def show(result: dict[str, Any]) -> None:
    print(f"{result['records']} records, {result['word_gaps']} word gaps; parse+align "
          f"{result['align_s']} s, detection {result['detect_s']} s")
    print(f"{'kind':<20}{'records':>8}{'judged':>8}{'right':>7}")
    for kind, row in sorted(result["kinds"].items()):
        print(f"{kind:<20}{row['records']:>8}{row['judged']:>8}{row['right']:>7}")
    lost = result["judged_right_lost"]
    print(f"records judged right and no longer found: {len(lost)}", *lost)
    stale = result["judged_other_record"]
    print(f"ids judged of another record (now unjudged): {len(stale)}", *stale)
    g = result["gold"]
    print(f"hand-checked list: {g['items']} items in articles "
          f"{', '.join(map(str, g['articles']))}")
    for kind, row in g["recall"].items():
        print(f"  {kind:<16} found {row['found']:>3}/{row['items']:<3} "
              f"({row['found'] / row['items']:.0%}); major {row['major_found']}/{row['major']}")
    print(f"  precision on those articles: {g['right']}/{g['records']} records right "
          f"({g['precision']:.0%}); {len(g['unjudged'])} unjudged")
    for edited, res in result.get("synthetic", {}).items():
        print(f"synthetic edits of {edited} ({res['faithful']} faithful beads):")
        for cut, row in res["cuts"].items():
            kinds = ", ".join(f"{k} {v['caught']}/{v['edits']}" for k, v in row["kinds"].items())
            print(f"  word_min_score {cut}: {row['flagged_share']:.1%} of faithful beads "
                  f"flagged ({row['flagged_right']} of {row['flagged']} by a record judged "
                  f"right); caught {kinds}")


if __name__ == "__main__":
    main()
