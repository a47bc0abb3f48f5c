"""Structure benchmark on the development corpus (../shared/devcorpus/*/raw: five real law
pairs) and on the Outline (data/raw): per document, the chapters/parts, sections,
articles, missing articles and list items the parsers find against the counts typed
by hand from each folder's EXPECTED.md (and from README.md for the Outline); per
translation, the share of sentences in two-sided beads and the divergence records by
kind; the wall time of parse and of alignment per pair. Usage::

    python benchmarks/bench_structure.py [--parse-only] [--pairs NAME...] [--json]
        [--devcorpus DIR] [--cache FILE]
    python benchmarks/bench_structure.py --pairs outline   # the shipped corpus alone

The law pairs (default ../shared/devcorpus) are not part of the repository.

A measurement, not a test: it exits 0 when counts differ, 1 only if a folder is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from outline_corpus.align.cache import EmbeddingCache  # noqa: E402
from outline_corpus.align.corpus import Alignment  # noqa: E402
from outline_corpus.align.embed import DEFAULT_MODEL, Embedder, load_embedder  # noqa: E402
from outline_corpus.config import Config  # noqa: E402
from outline_corpus.diverge.records import Divergence  # noqa: E402
from outline_corpus.errors import OutlineCorpusError  # noqa: E402
from outline_corpus.model import Document  # noqa: E402
from outline_corpus.parse import parse_corpus  # noqa: E402
from outline_corpus.pipeline import align_stage, diverge_stage  # noqa: E402

DEVCORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "devcorpus"
OUTLINE = "outline"  # the project's own corpus, data/raw
KINDS = ("divisions", "sections", "articles", "missing", "items")
LABELS = {"divisions": "chapters/parts", "sections": "sections", "articles": "articles",
          "missing": "missing articles", "items": "list items"}
TOP_LEVEL = ("part", "chapter", "volume")


def _c(divisions: int, sections: int, articles: int, missing: int, items: int
       ) -> dict[str, int]:
    return dict(zip(KINDS, (divisions, sections, articles, missing, items), strict=True))


# Typed by hand: pair -> document id -> counts. Law texts: the table of each folder's
# EXPECTED.md ("parts (章)", "sections (节)", "articles", "items (项)"; every article is
# present on both sides, so 0 missing).
EXPECTED: dict[str, dict[str, dict[str, int]]] = {
    # marriage-law-2001/EXPECTED.md: 6 章, 0 节, 51 articles, 25 items on each side.
    "marriage-law-2001": {"marriage.zh": _c(6, 0, 51, 0, 25), "marriage.en": _c(6, 0, 51, 0, 25)},
    # womens-rights-2022/EXPECTED.md: 10 章, 86 articles, 18 items (arts. 25, 43, 77).
    "womens-rights-2022": {"women.zh": _c(10, 0, 86, 0, 18), "women.en": _c(10, 0, 86, 0, 18)},
    # data-security-law-2021/EXPECTED.md: 7 章, 55 articles, no 项.
    "data-security-law-2021": {"dsl.zh": _c(7, 0, 55, 0, 0), "dsl.en": _c(7, 0, 55, 0, 0)},
    # hgr-regulation-2019/EXPECTED.md: 6 章, 47 articles; 41 items, the English lacks 2.
    "hgr-regulation-2019": {"hgr.zh": _c(6, 0, 47, 0, 41), "hgr.en": _c(6, 0, 47, 0, 39)},
    # algorithmic-recommendation-2022/EXPECTED.md: 6 章, 35 articles, 0 items (the English
    # preface's list 1.-5. is front matter, not items of the provisions).
    "algorithmic-recommendation-2022": {"algo.zh": _c(6, 0, 35, 0, 0),
                                        "algo.en": _c(6, 0, 35, 0, 0)},
    # README.md, "outline-corpus parse" table ("parts", "articles", "goal items") and the
    # notes of data/raw/manifest.toml (zh: "11 parts, 32 articles ... six goals"; en.a:
    # "seven articles and most part headings absent"). The Outline has no sections.
    OUTLINE: {
        "outline.zh": _c(11, 0, 32, 0, 6),    # README: 11 | 32 (1-32) | 6
        "outline.en.a": _c(4, 0, 25, 7, 6),   # README: 4 | 25 (10, 13, 16, 19, 22, 25, 30) | 6
        "outline.en.b": _c(11, 0, 32, 0, 6),  # README: 11 ("VT、" read as VI) | 32 | 6
    },
}


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--parse-only", action="store_true", help="skip alignment (fast)")
    ap.add_argument("--pairs", nargs="+", metavar="NAME",
                    help=f"run these pairs only (devcorpus folder names, or {OUTLINE!r})")
    ap.add_argument("--devcorpus", type=Path, default=DEVCORPUS, metavar="DIR")
    ap.add_argument("--cache", type=Path, metavar="FILE",
                    help="embedding cache file (default: a fresh one in a temp dir)")
    return ap.parse_args()


def pair_dirs(devcorpus: Path, names: list[str] | None) -> dict[str, Path]:
    """Raw folder of each pair to run; exits 1 with a message if one is missing."""
    known = [n for n in EXPECTED if n != OUTLINE]
    if devcorpus.is_dir():
        known += sorted(p.parent.name for p in devcorpus.glob("*/raw") if p.parent.name
                        not in EXPECTED)
    dirs = {n: devcorpus / n / "raw" for n in known}
    dirs[OUTLINE] = ROOT / "data" / "raw"
    chosen = names or list(dirs)
    for name in chosen:
        raw = dirs.get(name, devcorpus / name / "raw")
        if not (raw / "manifest.toml").is_file():
            hint = " (the law pairs are in ../shared/devcorpus, which is not part of the " \
                "repository: pass --devcorpus DIR, or --pairs outline for the shipped " \
                "corpus alone)" if not devcorpus.is_dir() else ""
            sys.exit(f"bench_structure: missing folder or manifest: {raw}{hint}")
        dirs[name] = raw
    return {n: dirs[n] for n in chosen}


def found_counts(doc: Document) -> dict[str, int]:
    kinds = [getattr(p, "kind", "part") for p in doc.parts]
    return {"divisions": sum(k in TOP_LEVEL for k in kinds), "sections": kinds.count("section"),
            "articles": len(doc.articles), "missing": len(doc.missing_articles),
            "items": len(doc.list_items), "sentences": sum(1 for _ in doc.sentences()),
            "front_matter": len(doc.front_matter), "back_matter": len(doc.back_matter),
            "diagnostics": len(doc.diagnostics)}


def document_rows(pair: str, docs: list[Document]) -> list[dict[str, Any]]:
    """Per document: expected and found counts, OK/DIFF for each expected kind."""
    out = []
    for doc in docs:
        found = found_counts(doc)
        expected = EXPECTED.get(pair, {}).get(doc.id)
        rows = [{"kind": k, "expected": expected[k], "found": found[k],
                 "status": "OK" if expected[k] == found[k] else "DIFF"}
                for k in KINDS] if expected else []
        out.append({"doc": doc.id, "role": doc.meta.role, "language": doc.meta.language,
                    "counts": rows, "found": found})
    return out


def _share(n: int, total: int) -> dict[str, Any]:
    return {"sentences": n, "of": total, "share": round(n / total, 4) if total else None}


def translation_row(al: Alignment, by_id: dict[str, Document],
                    records: list[Divergence]) -> dict[str, Any]:
    """Two-sided shares, unit links and records by kind of one translation."""
    zh_body = {s.id for s in by_id[al.original].sentences()}
    en_body = {s.id for s in by_id[al.translation].sentences()}
    two = [b for b in al.beads if b.source and b.target]
    zh_in = zh_body & {i for b in two for i in b.source}
    en_in = en_body & {i for b in two for i in b.target}
    units: dict[str, dict[str, int]] = {}
    for u in al.units:
        row = units.setdefault(u.kind, {"linked": 0, "of": 0})
        row["of"] += 1
        row["linked"] += int(u.source is not None and u.target is not None)
    kinds = Counter(r.kind for r in records if r.doc == al.translation)
    return {"doc": al.translation, "original": al.original, "beads": len(al.beads),
            "zh_two_sided": _share(len(zh_in), len(zh_body)),
            "en_two_sided": _share(len(en_in), len(en_body)), "units": units,
            "records": dict(sorted(kinds.items()))}


def run_pair(name: str, raw: Path, embedder: Embedder | None, cache: EmbeddingCache | None
             ) -> dict[str, Any]:
    """Parse one pair's folder and, given an embedder, align and compare it."""
    result: dict[str, Any] = {"pair": name, "raw": str(raw), "error": None, "parse_s": None,
                              "align_s": None, "documents": [], "translations": []}
    t0 = time.perf_counter()
    try:
        docs = parse_corpus(raw)
    except OutlineCorpusError as exc:
        result["error"] = f"parse: {type(exc).__name__}: {exc}"
        result["differences"] = [result["error"]]
        return result
    finally:
        result["parse_s"] = round(time.perf_counter() - t0, 3)
    result["documents"] = document_rows(name, docs)
    result["differences"] = [f"{d['doc']} {LABELS[r['kind']]} expected {r['expected']}, "
                             f"found {r['found']}" for d in result["documents"]
                             for r in d["counts"] if r["status"] == "DIFF"]
    missing = sorted(set(EXPECTED.get(name, {})) - {d.id for d in docs})
    result["differences"] += [f"{m}: not in the manifest" for m in missing]
    translations = [d.id for d in docs if d.meta.role == "translation"]
    if embedder is None or cache is None or not translations:
        return result
    t1 = time.perf_counter()
    try:
        alignments = align_stage(docs, translations, embedder, cache, Config())
        records, _ = diverge_stage(docs, alignments, embedder, cache, Config())
    except OutlineCorpusError as exc:
        result["error"] = f"alignment: {type(exc).__name__}: {exc}"
        return result
    result["align_s"] = round(time.perf_counter() - t1, 1)
    by_id = {d.id: d for d in docs}
    result["translations"] = [translation_row(al, by_id, records) for al in alignments]
    others = Counter((r.doc, r.kind) for r in records if r.doc not in translations)
    result["other_records"] = {f"{doc}/{kind}": n for (doc, kind), n in sorted(others.items())}
    return result


def _pct(s: dict[str, Any]) -> str:
    share = "–" if s["share"] is None else f"{s['share']:.1%}"
    return f"{s['sentences']}/{s['of']} ({share})"


def print_pair(res: dict[str, Any]) -> None:
    times = [f"parse {res['parse_s']:.2f} s" if res["parse_s"] is not None else "",
             f"alignment {res['align_s']:.1f} s" if res["align_s"] is not None else ""]
    print(f"== {res['pair']}  ({res['raw']})  " + ", ".join(t for t in times if t))
    if res["documents"]:
        print(f"  {'document':<20}{'count':<18}{'expected':>9}{'found':>7}  status")
    for d in res["documents"]:
        for r in d["counts"]:
            print(f"  {d['doc']:<20}{LABELS[r['kind']]:<18}{r['expected']:>9}{r['found']:>7}"
                  f"  {r['status']}")
        f = d["found"]
        extra = "" if d["counts"] else (f"{f['divisions']} chapters/parts, {f['sections']} "
                                        f"sections, {f['articles']} articles, {f['items']} "
                                        "items, ")
        print(f"  {d['doc']:<20}({d['role']}) {extra}{f['sentences']} sentences, front matter "
              f"{f['front_matter']}, back matter {f['back_matter']}, {f['diagnostics']} "
              "diagnostics")
    for t in res["translations"]:
        units = ", ".join(f"{k} {u['linked']}/{u['of']}" for k, u in t["units"].items())
        print(f"  {t['doc']} ← {t['original']}: two-sided zh {_pct(t['zh_two_sided'])}, "
              f"en {_pct(t['en_two_sided'])}; {t['beads']} beads; units {units or '–'}")
        recs = ", ".join(f"{k} {n}" for k, n in t["records"].items())
        print(f"    records ({sum(t['records'].values())}): {recs or 'none'}")
    if res.get("other_records"):
        print("  other records: " + ", ".join(f"{k} {n}" for k, n in
                                               res["other_records"].items()))
    if res["error"]:
        print(f"  error: {res['error']}")
    diffs = res["differences"]
    print(f"  summary: {'all counts as expected' if not diffs else '; '.join(diffs)}\n")


def main() -> None:
    args = parse_args()
    dirs = pair_dirs(args.devcorpus, args.pairs)
    embedder: Embedder | None = None
    cache: EmbeddingCache | None = None
    load_s: float | None = None
    with tempfile.TemporaryDirectory() as tmp:
        if not args.parse_only:
            t0 = time.perf_counter()
            try:
                embedder = load_embedder(DEFAULT_MODEL)
            except OutlineCorpusError as exc:
                sys.exit(f"bench_structure: {exc}")
            load_s = round(time.perf_counter() - t0, 1)
            cache = EmbeddingCache(args.cache or Path(tmp) / "cache.sqlite")
        try:
            results = []
            for name, raw in dirs.items():
                results.append(run_pair(name, raw, embedder, cache))
                if not args.json:
                    print_pair(results[-1])
        finally:
            if cache is not None:
                cache.close()
    if args.json:
        print(json.dumps({"model": None if args.parse_only else DEFAULT_MODEL,
                          "model_load_s": load_s, "pairs": results}, indent=1,
                         ensure_ascii=False))
    elif load_s is not None:
        print(f"embedder {DEFAULT_MODEL} created in {load_s:.1f} s (its weights load on first "
              "use, inside the first pair's alignment time)")


if __name__ == "__main__":
    main()
