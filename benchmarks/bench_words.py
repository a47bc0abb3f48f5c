"""The word-level signal on synthetic edits of faithful beads (issue 12's first
measure, for the signal of ``outline_corpus.diverge.lexicon`` alone: no records are
made from it yet).

Faithful beads are the 1:1 beads of translation B whose cosine is at least 0.7 and
whose known Chinese words are at least 70% rendered. Each is edited once per kind,
with a fixed seed: a rendering English word deleted (caught if the Chinese word it
rendered becomes unrendered), a phrase from another article inserted (caught if one
of its words has no source), a rendering word replaced by a word of another bead
(caught if its Chinese word becomes unrendered and the new word has no source), and
a number changed (caught if the numbers read on both sides differ). The share of the
unedited faithful beads that carry any unrendered word or any word without source
is the signal's noise. The same two measures are taken with translation A as a
witness (where A renders the bead's Chinese sentence 1:1 too): a deletion counts as
caught only if A renders the word B lost, and a faithful bead is noisy only if B
leaves unrendered a word that A renders. Usage::

    python benchmarks/bench_words.py [--json] [--seed N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from outline_corpus.align.cache import EmbeddingCache  # noqa: E402
from outline_corpus.align.corpus import SentenceBead, align_translation  # noqa: E402
from outline_corpus.align.embed import load_embedder  # noqa: E402
from outline_corpus.diverge.lexicon import (  # noqa: E402
    BeadWords,
    content_stems,
    link_words,
    witnessed_gaps,
)
from outline_corpus.diverge.numbers import compare, numbers_en, numbers_zh  # noqa: E402
from outline_corpus.parse import parse_corpus  # noqa: E402

KINDS = ("delete", "insert", "replace", "number")


def faithful(beads: list[SentenceBead]) -> list[tuple[SentenceBead, BeadWords]]:
    out = []
    for b in beads:
        if b.kind == "1:1" and (b.similarity or 0) >= 0.7:
            words = link_words(b.source_text, b.target_text)
            if words.coverage >= 0.7:
                out.append((b, words))
    return out


def _replace_word(text: str, word: str, new: str) -> str:
    return re.sub(rf"\b{re.escape(word)}\b", new, text, count=1, flags=re.IGNORECASE)


def edit(kind: str, bead: SentenceBead, words: BeadWords, others: list[SentenceBead],
         rng: random.Random) -> tuple[str, object] | None:
    """The edited English and what must be caught, or ``None`` if the bead offers no
    place for this kind of edit."""
    rendering = [w for w in words.words if len(w.rendered_by) == 1]
    if kind in ("delete", "replace") and rendering:
        target = rng.choice(rendering)
        gone = target.rendered_by[0]
        if kind == "delete":
            return _replace_word(bead.target_text, gone, "").replace("  ", " "), target.word
        donor = rng.choice(others)
        fresh = [w for w, _ in content_stems(donor.target_text)
                 if w not in {x for _, x in content_stems(bead.target_text)}]
        if not fresh:
            return None
        new = rng.choice(fresh)
        return _replace_word(bead.target_text, gone, new), (target.word, new)
    if kind == "insert":
        donor = rng.choice(others)
        phrase = [w for w, _ in content_stems(donor.target_text)][:3]
        if not phrase:
            return None
        cut = bead.target_text.rfind(",") if "," in bead.target_text else \
            len(bead.target_text) - 1
        return (f"{bead.target_text[:cut]} and {' '.join(phrase)}{bead.target_text[cut:]}",
                phrase)
    if kind == "number":
        m = re.search(r"\d+", bead.target_text)
        if not m:
            return None
        changed = str(int(m.group()) + 7)
        return bead.target_text[:m.start()] + changed + bead.target_text[m.end():], changed
    return None


def caught(kind: str, bead: SentenceBead, text: str, what: object) -> bool:
    if kind == "number":
        return bool(compare(numbers_zh(bead.source_text), numbers_en(text)))
    words = link_words(bead.source_text, text)
    unrendered = {w.word for w in words.unrendered}
    if kind == "delete":
        return what in unrendered
    if kind == "insert":
        return bool(set(what) & set(words.unsourced))  # type: ignore[arg-type]
    term, new = what  # type: ignore[misc]
    return term in unrendered and new in words.unsourced


def _witnessed(pool: list[tuple[SentenceBead, BeadWords]], witness: dict[tuple[str, ...], str],
               rng: random.Random) -> dict[str, object]:
    """Noise and deletion recall of the signal with translation A as a witness."""
    beads = [(b, w) for b, w in pool if b.source in witness]
    noisy = sum(1 for b, _ in beads
                if witnessed_gaps(b.source_text, {"a": witness[b.source],
                                                  "b": b.target_text})["b"])
    edits = caught = 0
    for b, words in beads:
        made = edit("delete", b, words, [], rng)
        if made is None:
            continue
        text, lost = made
        edits += 1
        gaps = witnessed_gaps(b.source_text, {"a": witness[b.source], "b": text})["b"]
        caught += int(any(w.word == lost for w in gaps))
    return {"witnessed_beads": len(beads),
            "witnessed_noise_share": round(noisy / len(beads), 3) if beads else 0.0,
            "witnessed_deletions": edits,
            "witnessed_delete_recall": round(caught / edits, 3) if edits else 0.0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    docs = {d.id: d for d in parse_corpus(ROOT / "data" / "raw")}
    embedder, cache = load_embedder(), EmbeddingCache(None)
    al = align_translation(docs["outline.zh"], docs["outline.en.b"], embedder, cache)
    witness = {b.source: b.target_text for b in align_translation(
        docs["outline.zh"], docs["outline.en.a"], embedder, cache).beads if b.kind == "1:1"}
    pool = faithful(list(al.beads))
    rng = random.Random(args.seed)
    result: dict[str, dict[str, int]] = {k: {"edits": 0, "caught": 0} for k in KINDS}
    for bead, words in pool:
        others = [b for b, _ in pool if b.article != bead.article]
        for kind in KINDS:
            made = edit(kind, bead, words, others, rng)
            if made is None:
                continue
            result[kind]["edits"] += 1
            result[kind]["caught"] += int(caught(kind, bead, *made))
    noisy = sum(1 for _, w in pool if w.unrendered or w.unsourced)
    out = {**_witnessed(pool, witness, random.Random(args.seed)),
           "faithful_beads": len(pool), "noisy_faithful_beads": noisy,
           "noise_share": round(noisy / len(pool), 3) if pool else 0.0,
           "recall": {k: round(v["caught"] / v["edits"], 3) if v["edits"] else None
                      for k, v in result.items()}, "edits": result}
    if args.json:
        print(json.dumps(out, indent=1))
        return
    print(f"{len(pool)} faithful beads of outline.en.b; {noisy} ({out['noise_share']:.0%}) "
          "carry an unrendered word or a word without source before any edit")
    print(f"with A as witness ({out['witnessed_beads']} beads): "
          f"{out['witnessed_noise_share']:.0%} noisy, deletions caught "
          f"{out['witnessed_delete_recall']:.0%} of {out['witnessed_deletions']}")
    for kind in KINDS:
        row = result[kind]
        print(f"  {kind:8} {row['caught']:4}/{row['edits']:<4} caught "
              f"({out['recall'][kind]:.0%})" if row["edits"] else f"  {kind:8} no edits")


if __name__ == "__main__":
    main()
