"""Structural divergences: units absent or extra, numbering anomalies, fused headings
and front matter, read from the parse and the unit links of an alignment."""

from __future__ import annotations

from outline_corpus.align.corpus import Alignment
from outline_corpus.diverge.records import Divergence, RecordMaker
from outline_corpus.model import Document

NUMBERING = ("numbering_ocr", "numbering_style", "numbering_gap", "numbering_repeat",
             "numbering_order")
HEADINGS = ("fused_heading", "heading_split", "heading_runs_into_text")


def unit_text(doc: Document, unit_id: str) -> str:
    """The text of a part, article or preamble: its sentences joined."""
    for part in doc.parts:
        if part.id == unit_id:
            return doc.joiner.join(s.text for s in part.sentences)
    for art in doc.articles:
        if art.id == unit_id:
            return doc.joiner.join(s.text for s in art.sentences)
    return doc.joiner.join(s.text for s in doc.preamble_sentences)


def _label(doc: Document, unit_id: str) -> str:
    for part in doc.parts:
        if part.id == unit_id:
            return f"part {part.number} heading ({part.heading.label}{part.title})"
    for art in doc.articles:
        if art.id == unit_id:
            return f"article {art.number} ({art.title})"
    return "the preamble"


def structure_records(original: Document, translation: Document, al: Alignment,
                      make: RecordMaker) -> list[Divergence]:
    """Records of the kinds missing_article, missing_heading, extra_unit,
    numbering_anomaly, fused_heading and front_matter for one translation."""
    out: list[Divergence] = []
    tid = translation.id
    o_art, t_art = original.article_numbers.get, translation.article_numbers.get
    for link in al.units:
        if link.kind == "document":
            continue  # the bodies were aligned as one run: its 1:0 beads say what is absent
        if link.source and not link.target:
            kind = "missing_heading" if link.kind == "part" else "missing_article"
            what = _label(original, link.source)
            text = unit_text(original, link.source)
            n = sum(1 for b in al.beads if b.source_unit == link.source)
            out.append(make(tid, kind, "high" if kind == "missing_article" else "medium",
                            o_art(link.source), (link.source,), (), text, "",
                            f"{what[0].upper()}{what[1:]} is missing from {tid}; "
                            f"its {n} sentence(s) have no rendering.",
                            unit_kind=link.kind, number=link.source_number))
        elif link.target and not link.source:
            what = _label(translation, link.target)
            out.append(make(tid, "extra_unit", "medium", t_art(link.target), (),
                            (link.target,), "", unit_text(translation, link.target),
                            f"{what[0].upper()}{what[1:]} of {tid} has no counterpart in "
                            f"{original.id}.", unit_kind=link.kind, number=link.target_number))
    for diag in translation.diagnostics:
        if diag.kind in NUMBERING:
            out.append(make(tid, "numbering_anomaly", "low", t_art(diag.unit), (),
                            (diag.unit,), "", diag.snippet, diag.message[0].upper()
                            + diag.message[1:] + ".", diagnostic=diag.kind,
                            repaired=diag.repaired))
        elif diag.kind in HEADINGS:
            out.append(make(tid, "fused_heading", "low", t_art(diag.unit), (),
                            (diag.unit,), "", diag.snippet, diag.message[0].upper()
                            + diag.message[1:] + ".", diagnostic=diag.kind,
                            repaired=diag.repaired))
    restates = {f.front: f for f in al.front}
    rendered = {b.target_unit for b in al.beads if b.front}
    for block in translation.front_matter:
        if block.id in rendered:
            continue  # it renders front matter of the original and is aligned with it
        said = restates.get(block.id)
        extra = (f"; it restates {said.unit} (similarity {said.similarity:.2f})" if said
                 else "")
        out.append(make(tid, "front_matter", "low", o_art(said.unit) if said else None,
                        (said.unit,) if said else (), (block.id,), "", block.text,
                        f"{block.kind.capitalize()} of {tid} is not part of the translated "
                        f"text{extra}.", front_kind=block.kind,
                        restates=said.unit if said else None,
                        similarity=said.similarity if said else None))
    return out
