"""Divergences of the original itself: defects of the Chinese text (stray Latin words,
duplicated phrases, page breaks), and places where all translations agree with each
other but not with the Chinese, a hint that the Chinese text itself was altered."""

from __future__ import annotations

import math
import statistics

from outline_corpus.align.corpus import Alignment, SentenceBead
from outline_corpus.align.embed import Embedder
from outline_corpus.diverge.records import Divergence, DivergenceParams, RecordMaker
from outline_corpus.model import Document

NOISE = ("stray_latin", "duplicated_phrase", "page_break_join", "broken_word",
         "fused_words", "missing_space")


def noise_records(original: Document, make: RecordMaker) -> list[Divergence]:
    """``source_noise`` records from the original's parse diagnostics."""
    out = []
    for diag in original.diagnostics:
        if diag.kind in NOISE:
            out.append(make(original.id, "source_noise", "low",
                            original.article_numbers.get(diag.unit),
                            (diag.unit,), (), diag.snippet, "", diag.message[0].upper()
                            + diag.message[1:] + ".", diagnostic=diag.kind,
                            repaired=diag.repaired, start=diag.start, end=diag.end))
    return out


def suspect_records(alignments: list[Alignment], embedder: Embedder, p: DivergenceParams,
                    make: RecordMaker) -> list[Divergence]:
    """``source_suspect``: a Chinese sentence (at least ``p.suspect_min_chars`` long)
    that every translation renders much longer (or much shorter) than its usual length
    ratio, ``p.suspect_z`` standard deviations or more of the log ratio, while the
    renderings agree with each other (cosine at least ``p.suspect_agreement``)."""
    if len(alignments) < 2:
        return []
    stats: dict[str, tuple[float, float]] = {}
    beads: dict[str, dict[tuple[str, ...], SentenceBead]] = {}
    for al in alignments:
        aligned = [b for b in al.beads if b.source and b.target and not b.front
                   and len(b.source_text) >= p.suspect_min_chars]
        ratios = [_log_ratio(b) for b in aligned]
        if len(ratios) < 10:
            return []
        stats[al.translation] = (statistics.fmean(ratios), statistics.pstdev(ratios) or 1.0)
        beads[al.translation] = {b.source: b for b in aligned}
    docs = sorted(beads)
    out: list[Divergence] = []
    shared = set.intersection(*(set(beads[d]) for d in docs))
    order = {b.source: k for k, b in enumerate(alignments[0].beads)}  # text order
    for source in sorted(shared, key=order.__getitem__):
        z = {d: (_log_ratio(beads[d][source]) - stats[d][0]) / stats[d][1] for d in docs}
        direction = 1 if all(v >= p.suspect_z for v in z.values()) else \
            -1 if all(v <= -p.suspect_z for v in z.values()) else 0
        if not direction:
            continue
        vecs = embedder.encode([beads[d][source].target_text for d in docs])
        agreement = float(min(vecs[i] @ vecs[j] for i in range(len(docs))
                              for j in range(i + 1, len(docs))))
        if agreement < p.suspect_agreement:
            continue
        first = beads[docs[0]][source]
        more = "more" if direction > 0 else "less"
        out.append(make(alignments[0].original, "source_suspect", "medium", first.article,
                        source, tuple(i for d in docs for i in beads[d][source].target),
                        first.source_text, first.target_text,
                        f"{' and '.join(docs)} all say much {more} than the Chinese here and "
                        "agree with each other; the Chinese text may have been altered.",
                        z_scores={d: round(v, 2) for d, v in z.items()},
                        agreement=round(agreement, 4),
                        renderings={d: beads[d][source].target_text for d in docs}))
    return out


def _log_ratio(bead: SentenceBead) -> float:
    return math.log(len(bead.target_text) / len(bead.source_text))

