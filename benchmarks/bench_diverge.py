"""Divergence detection on the shipped corpus: records per kind and translation, their
precision against hand judgements (benchmarks/diverge_judgements.toml), the share of
1:1 beads flagged, and the time taken. Usage::

    python benchmarks/bench_diverge.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from outline_corpus.align.cache import EmbeddingCache  # noqa: E402
from outline_corpus.align.corpus import align_translation  # noqa: E402
from outline_corpus.align.embed import load_embedder  # noqa: E402
from outline_corpus.diverge import detect_divergences  # noqa: E402
from outline_corpus.parse import parse_corpus  # noqa: E402

CONTENT = ("omission", "addition", "number_mismatch", "low_similarity", "list_difference",
           "source_suspect")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    docs = {d.id: d for d in parse_corpus(ROOT / "data" / "raw")}
    model, cache = load_embedder(), EmbeddingCache(None)
    zh = docs["outline.zh"]
    translations = {t: docs[t] for t in ("outline.en.a", "outline.en.b")}
    alignments = [align_translation(zh, d, model, cache) for d in translations.values()]
    t1 = time.perf_counter()
    records = detect_divergences(zh, translations, alignments, model, cache)
    t2 = time.perf_counter()
    judged = tomllib.loads((ROOT / "benchmarks" / "diverge_judgements.toml").read_text(
        encoding="utf-8"))["judgements"]
    per_kind: dict[str, dict[str, int]] = {}
    for r in records:
        row = per_kind.setdefault(r.kind, {"records": 0, "judged": 0, "right": 0})
        row["records"] += 1
        if r.id in judged:
            row["judged"] += 1
            row["right"] += int(judged[r.id])
    flagged = {}
    for al in alignments:
        ones = [b for b in al.beads if b.kind == "1:1"]
        mine = [r for r in records if r.doc == al.translation and r.kind in CONTENT]
        hit = [b for b in ones if any(set(r.original_ids) & set(b.source) or set(r.translation_ids)
                                      & set(b.target) for r in mine)]
        flagged[al.translation] = {"one_to_one": len(ones), "flagged": len(hit),
                                   "share": round(len(hit) / len(ones), 4)}
    result = {"records": len(records), "by_doc": dict(Counter(r.doc for r in records)),
              "kinds": per_kind, "one_to_one_flagged_by_content_kinds": flagged,
              "unjudged": sorted(r.id for r in records if r.id not in judged),
              "align_s": round(t1 - t0, 1), "detect_s": round(t2 - t1, 1)}
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"{len(records)} records; parse+align {t1 - t0:.1f} s, detection {t2 - t1:.1f} s")
    print(f"{'kind':<20}{'records':>8}{'judged':>8}{'right':>7}")
    for kind, row in sorted(per_kind.items()):
        print(f"{kind:<20}{row['records']:>8}{row['judged']:>8}{row['right']:>7}")
    for doc, row in flagged.items():
        print(f"{doc}: {row['flagged']} of {row['one_to_one']} 1:1 beads flagged by a content "
              f"kind ({row['share']:.1%})")
    if result["unjudged"]:
        print("unjudged:", ", ".join(result["unjudged"]))


if __name__ == "__main__":
    main()
