"""Synthetic edits of faithful beads: does the detector find a divergence put there on
purpose, and does it leave the unedited faithful beads alone?

Faithful beads are the 1:1 beads of the edited translation whose Chinese sentence the
witness translation renders 1:1 too, both with a cosine of at least 0.7 to the
Chinese and of at least 0.8 to each other: beads the translations agree on. Each kind
of edit is applied to every faithful bead that offers a place for it (one edit a bead,
with a fixed seed), the detector is run on the edited translation beside the unedited
witness, and an edit is caught when a content record of the edited translation on
that bead names it:

- ``delete``: an English word that alone renders a Chinese content word (weight at
  least 0.7; the one word the dictionary links it to, at its place) is deleted; caught
  by an omission or meaning shift naming the Chinese word (or a clause holding it).
- ``delete_clause``: one comma-delimited clause of at least four words is deleted;
  caught by an omission naming a Chinese text the clause rendered.
- ``insert``: three content words of a faithful bead of another article are inserted
  (", and X Y Z" before the final stop); caught by an addition or meaning shift
  quoting one of them.
- ``replace``: such a rendering word (at its place) is replaced by a content word of
  another article's bead; caught by a record naming the Chinese word or quoting the
  new word.
- ``number``: a number of a 1:1 bead (faithful or not) whose number the Chinese has
  is raised by 7; caught by a number mismatch on the bead.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import numpy as np

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.corpus import Alignment, SentenceBead
from outline_corpus.align.embed import Embedder
from outline_corpus.diverge import find_divergences
from outline_corpus.diverge.lexicon import english_words, link_words
from outline_corpus.diverge.records import Divergence, DivergenceParams
from outline_corpus.diverge.weights import zh_weight
from outline_corpus.model import Document

KINDS = ("delete", "delete_clause", "insert", "replace", "number")
CONTENT = ("omission", "addition", "meaning_shift", "number_mismatch", "list_difference",
           "low_similarity")


def faithful(edited: Alignment, witness: Alignment, embedder: Embedder) -> list[int]:
    """Indices of the faithful beads of ``edited`` (see the module's docstring)."""
    theirs = {b.source: b for b in witness.beads if b.kind == "1:1"}
    picked = [k for k, b in enumerate(edited.beads) if b.kind == "1:1" and not b.front
              and b.source in theirs and (b.similarity or 0) >= 0.7
              and (theirs[b.source].similarity or 0) >= 0.7]
    if not picked:
        return []
    mine = embedder.encode([edited.beads[k].target_text for k in picked])
    other = embedder.encode([theirs[edited.beads[k].source].target_text for k in picked])
    agree = np.sum(mine * other, axis=1)
    return [k for k, a in zip(picked, agree, strict=True) if a >= 0.8]


def _renderings(bead: SentenceBead) -> list[tuple[str, int, int]]:
    """``(Chinese word, start, end)`` of the content words one English word renders
    alone (the dictionary links it to exactly one), with that word's offsets in the
    bead's English."""
    words = link_words(bead.source_text, bead.target_text)
    return [(w.word, e.start, e.end) for w in words.words if len(w.rendered_at) == 1
            and zh_weight(w.word, bead.source_text, w.start, w.end) >= 0.7
            for e in (words.english[w.rendered_at[0]],)]


def edit(kind: str, bead: SentenceBead, donor: SentenceBead, rng: random.Random
         ) -> tuple[str, tuple[str, ...]] | None:
    """The edited English of ``bead`` and what a record must name, or ``None``."""
    text = bead.target_text
    if kind in ("delete", "replace"):
        pairs = _renderings(bead)
        if not pairs:
            return None
        zh, start, end = rng.choice(pairs)
        if kind == "delete":
            return re.sub(r"\s{2,}", " ", text[:start] + text[end:]), (zh,)
        have = {e.stem for e in english_words(text)}
        fresh = [e.word for e in english_words(donor.target_text) if e.stem not in have]
        if not fresh:
            return None
        new = rng.choice(fresh)
        return text[:start] + new + text[end:], (zh, new)
    if kind == "delete_clause":
        pieces = re.split(r"(?<=,) ", text)
        long = [k for k, c in enumerate(pieces) if len(c.split()) >= 4 and k > 0]
        if not long:
            return None
        k = rng.choice(long)
        return " ".join(pieces[:k] + pieces[k + 1:]), (pieces[k].rstrip(",. "),)
    if kind == "insert":
        phrase = [e.word for e in english_words(donor.target_text)][:3]
        if len(phrase) < 3:
            return None
        end = len(text.rstrip(".;。 "))
        return f"{text[:end]}, and {' '.join(phrase)}{text[end:]}", tuple(phrase)
    m = re.search(r"\d+(?:\.\d+)?", text)
    if not m or m.group() not in bead.source_text:
        return None
    return text[:m.start()] + str(int(float(m.group())) + 7) + text[m.end():], (m.group(),)


def caught(kind: str, bead: SentenceBead, what: tuple[str, ...], doc: str,
           records: list[Divergence]) -> bool:
    """Whether a record of translation ``doc`` on ``bead`` names the edit (a list given
    closed names none: it quotes every member of the list)."""
    mine = [r for r in records if r.doc == doc and r.kind in CONTENT
            and not r.evidence.get("open_list")
            and (set(r.translation_ids) & set(bead.target)
                 or set(r.original_ids) & set(bead.source))]
    if kind == "number":
        return any(r.kind == "number_mismatch" for r in mine)
    if kind in ("delete", "replace") and any(
            r.kind in ("omission", "meaning_shift") and what[0] in r.original_text
            for r in mine):
        return True
    if kind == "delete_clause":
        return any(r.kind in ("omission", "meaning_shift") and r.original_text
                   and r.original_text in bead.source_text for r in mine)
    news = what[1:] if kind == "replace" else what if kind == "insert" else ()
    return any(r.kind in ("addition", "meaning_shift")
               and any(n.lower() in r.translation_text.lower() for n in news) for r in mine)


#: Least scores of word-level records (``word_min_score``) at which the measures are
#: taken.
CUTS = (0.5, 0.7, 0.8)


def run(original: Document, translations: dict[str, Document],
        alignments: dict[str, Alignment], edited: str, witness: str, embedder: Embedder,
        cache: EmbeddingCache, seed: int, cuts: tuple[float, ...] = CUTS,
        judged: dict[str, bool] | None = None) -> dict[str, Any]:
    """Recall per kind of edit of translation ``edited`` (``witness`` unedited), and the
    share of its unedited faithful beads that carry a content record, at each cut of
    ``cuts`` (the same edits for every cut); of those, ``flagged_right`` carry a record
    judged right in ``judged`` (a real divergence of a bead the translations agree on)."""
    al, other = alignments[edited], alignments[witness]
    pool = faithful(al, other, embedder)
    numbered = [k for k, b in enumerate(al.beads) if b.kind == "1:1" and not b.front]
    edits: dict[str, tuple[Alignment, dict[int, tuple[str, ...]]]] = {}
    for kind in KINDS:
        rng = random.Random(f"{seed}/{kind}")  # each kind's edits independent of the others
        beads = list(al.beads)
        made: dict[int, tuple[str, ...]] = {}
        for k in numbered if kind == "number" else pool:
            donors = [j for j in pool if al.beads[j].article != al.beads[k].article]
            change = edit(kind, al.beads[k], al.beads[rng.choice(donors)], rng)
            if change is not None:
                beads[k] = replace(beads[k], target_text=change[0])
                made[k] = change[1]
        edits[kind] = (replace(al, beads=tuple(beads)), made)
    result: dict[str, Any] = {"faithful": len(pool), "cuts": {}}
    for cut in cuts:
        p = DivergenceParams(word_min_score=cut)
        base = find_divergences(original, translations, [other, al], embedder, cache,
                                p).records
        flagged = sum(1 for k in pool if _on(al.beads[k], edited, base))
        right = [r for r in base if (judged or {}).get(r.id)]
        row: dict[str, Any] = {"flagged": flagged, "flagged_share": round(
            flagged / len(pool), 3) if pool else None,
            "flagged_right": sum(1 for k in pool if _on(al.beads[k], edited, right)),
            "kinds": {}}
        for kind, (changed, made) in edits.items():
            records = list(find_divergences(original, translations, [other, changed],
                                            embedder, cache, p).records)
            hits = sum(1 for k, what in made.items()
                       if caught(kind, changed.beads[k], what, edited, records))
            row["kinds"][kind] = {"edits": len(made), "caught": hits,
                                  "recall": round(hits / len(made), 3) if made else None}
        result["cuts"][cut] = row
    return result


def _on(bead: SentenceBead, doc: str, records: Iterable[Divergence]) -> bool:
    return any(r.doc == doc and r.kind in CONTENT and set(r.translation_ids) & set(bead.target)
               for r in records)
