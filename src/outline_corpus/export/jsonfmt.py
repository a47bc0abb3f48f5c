"""JSON: the whole corpus in one document under the shipped JSON Schema
(``corpus.schema.json``), and JSON Lines of beads for streaming readers."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from outline_corpus.export.data import Selection, bead_kinds
from outline_corpus.export.records import Verdicts
from outline_corpus.store.query import Corpus
from outline_corpus.store.rows import BeadRow

if TYPE_CHECKING:
    from outline_corpus.decisions import Decision
    from outline_corpus.diverge.records import Divergence

FORMAT = "outline-corpus/corpus"
FORMAT_VERSION = 2


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``corpus.json``; ``$defs/bead`` is also the
    schema of each line of ``beads.jsonl``."""
    text = files("outline_corpus.export.resources").joinpath("corpus.schema.json").read_text(
        encoding="utf-8")
    return dict(json.loads(text))


def _review(d: Decision | None) -> dict[str, str] | None:
    """A decision as ``$defs/review`` of the schema (``None``: no decision)."""
    if d is None:
        return None
    return {"status": d.status, "comment": d.comment, "reviewer": d.reviewer,
            "updated": d.updated}


def bead_dict(b: BeadRow, records: dict[str, Divergence], verdicts: Verdicts
              ) -> dict[str, Any]:
    """A bead as ``$defs/bead`` of the schema: its row with ``divergence_kinds`` and
    the reviewer's decision on it (``review``)."""
    d = b.to_dict()
    d["source_ids"], d["target_ids"] = list(b.source_ids), list(b.target_ids)
    d["divergences"] = list(b.divergences)
    d["divergence_kinds"] = bead_kinds(b, records)
    d["review"] = _review(verdicts.beads.get(b.id))
    return d


def _drop(d: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in keys}


def corpus_dict(corpus: Corpus, sel: Selection, sig: dict[str, Any]) -> dict[str, Any]:
    """Documents (with raw text, units, sentences, diagnostics), alignments, divergence
    records and links of the selection, with ``sig``."""
    records = {r.id: r for r in corpus.divergences()}
    verdicts = Verdicts.of(corpus)
    documents = []
    for row in corpus.document_rows():
        if row.id not in sel.documents:
            continue
        doc = row.to_dict()
        doc["units"] = [_drop(u.to_dict(), "doc") for u in corpus.units(row.id)]
        doc["sentences"] = [_drop(s.to_dict(), "doc") for s in corpus.sentences(row.id)]
        doc["diagnostics"] = [_drop(d.to_dict(), "doc") for d in corpus.diagnostics(row.id)]
        documents.append(doc)
    alignments = []
    for t in sel.translations:
        beads = corpus.beads(t)
        if beads:
            alignments.append({"original": beads[0].original, "translation": t,
                               "beads": [bead_dict(b, records, verdicts) for b in beads]})
    divergences = [{**r.as_dict(), "review": _review(verdicts.records.get(r.id))}
                   for r in records.values() if r.doc in sel.documents]
    decisions = [{**d.to_dict(), "record": d.record, "bead": d.bead}
                 for d in corpus.decisions() if d.doc in sel.documents]
    links = [k for k in corpus.links() if k["doc"] in sel.documents]  # a related
    # document chosen alone keeps its links to the original's articles
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "signature": sig,
            "documents": documents, "alignments": alignments, "divergences": divergences,
            "links": links, "decisions": decisions}


def beads_lines(corpus: Corpus, sel: Selection) -> tuple[str, int]:
    """One JSON object per line (``$defs/bead`` of the schema), every selected
    translation in turn; returns the text and the number of lines."""
    records = {r.id: r for r in corpus.divergences()}
    verdicts = Verdicts.of(corpus)
    lines = [json.dumps(bead_dict(b, records, verdicts), ensure_ascii=False, sort_keys=True)
             for t in sel.translations for b in corpus.beads(t)]
    return "".join(line + "\n" for line in lines), len(lines)
