"""Record placement: the beads each divergence record concerns, computed once from
the alignments and each sentence's unit, and stored on the record for every view
(database, review page, TMX notes, CSV) to read."""

from __future__ import annotations

from dataclasses import replace

from outline_corpus.align.corpus import Alignment
from outline_corpus.diverge.records import Divergence
from outline_corpus.model import Document

#: Kinds whose record names a unit of the original because the whole unit is absent.
WHOLE_UNIT_KINDS = ("missing_article", "missing_heading")


def place(records: list[Divergence], original: Document, translations: dict[str, Document],
          alignments: list[Alignment]) -> list[Divergence]:
    """``records`` with :attr:`Divergence.beads` filled in. A record of a translation
    concerns the beads of its alignment that hold one of its sentences of either side,
    every sentence of a unit it reports absent, or the first sentence (the title) of a
    unit of the translation it names; a record of the original (noise, suspect
    passages) concerns the beads of every alignment that hold one of its sentences."""
    by_record: dict[str, list[str]] = {r.id: [] for r in records}
    for al in alignments:
        translation = translations[al.translation]
        src_of = _source_keys(original)
        first_of = _first_sentences(translation)
        by_src: dict[str, list[str]] = {}
        by_tgt: dict[str, list[str]] = {}
        for r in records:
            if r.doc not in (al.translation, al.original):
                continue
            mine = r.doc == al.translation
            for uid in r.original_ids:
                if uid in src_of or (mine and r.kind in WHOLE_UNIT_KINDS):
                    by_src.setdefault(uid, []).append(r.id)
            for uid in r.translation_ids if mine else ():
                by_tgt.setdefault(first_of.get(uid, uid), []).append(r.id)
        for bid, bead in zip(al.bead_ids, al.beads, strict=True):
            found = {i for sid in bead.source for key in (sid, src_of.get(sid, ""))
                     for i in by_src.get(key, ())}
            found.update(i for sid in bead.target for i in by_tgt.get(sid, ()))
            for rid in found:
                by_record[rid].append(bid)
    return [replace(r, beads=tuple(by_record[r.id])) for r in records]


def _source_keys(doc: Document) -> dict[str, str]:
    """Sentence id → the id of the unit it belongs to."""
    return {s.id: s.unit for s in doc.all_sentences()}


def _first_sentences(doc: Document) -> dict[str, str]:
    """Unit id → the id of its first sentence (for records naming a unit's title)."""
    out: dict[str, str] = {}
    for s in doc.all_sentences():
        out.setdefault(s.unit, s.id)
    return out
