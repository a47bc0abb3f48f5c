"""Item-by-item comparison of enumerations (such as the 2025 goals): an item of the
original that a translation lacks, and for each item whose rendering diverges, one
record that gathers what differs and shows every version's rendering."""

from __future__ import annotations

from outline_corpus.align.corpus import Alignment
from outline_corpus.diverge.records import Divergence, RecordMaker
from outline_corpus.model import Document

#: Record kinds that make a list item's rendering differ.
ITEM_KINDS = ("omission", "addition", "number_mismatch", "low_similarity")


def list_records(original: Document, translations: dict[str, Document],
                 alignments: list[Alignment], records: list[Divergence],
                 make: RecordMaker) -> list[Divergence]:
    """``missing_list_item`` and ``list_difference`` records for every list of the
    original; ``records`` are the content records already found."""
    out: list[Divergence] = []
    for art in original.articles:
        if not art.items:
            continue
        zh_item = {s.id: s.item for s in art.sentences}
        renderings: dict[int, dict[str, tuple[tuple[str, ...], str]]] = {}
        for al in alignments:
            doc = translations[al.translation]
            en_art = next((a for u in al.units if u.source == art.id and u.target
                           for a in doc.articles if a.id == u.target), None)
            en_item = {s.id: s.item for s in en_art.sentences} if en_art else {}
            for item in art.items:
                ids = tuple(dict.fromkeys(t for b in al.beads if b.target and any(
                    zh_item.get(sid) == item.number for sid in b.source) for t in b.target))
                numbers = sorted({n for i in ids if (n := en_item.get(i)) is not None})
                text = doc.joiner.join(s.text for s in (en_art.sentences if en_art else ())
                                       if s.id in ids)
                renderings.setdefault(item.number, {})[al.translation] = (ids, text)
                if not ids:
                    out.append(make(al.translation, "missing_list_item", "high", art.number,
                                    (item.id,), (), item.text, "",
                                    f"Item {item.number} of the list in article {art.number} "
                                    f"has no rendering in {al.translation}.",
                                    item=item.number))
                elif numbers and numbers != [item.number]:
                    out.append(make(al.translation, "list_difference", "medium", art.number,
                                    (item.id,), ids, item.text, text,
                                    f"Item {item.number} of the list in article {art.number} is "
                                    f"rendered as item(s) {', '.join(map(str, numbers))} in "
                                    f"{al.translation}.", item=item.number, rendered_as=numbers))
        for item in art.items:
            sent_ids = {s.id for s in item.sentences}
            for doc_id, (ids, text) in sorted(renderings.get(item.number, {}).items()):
                found = [r for r in records if r.doc == doc_id and r.kind in ITEM_KINDS
                         and (set(r.original_ids) & sent_ids or set(r.translation_ids) & set(ids))]
                if not found or not ids:
                    continue
                what = sorted({r.kind for r in found})
                out.append(make(doc_id, "list_difference", "high" if any(
                    r.severity == "high" for r in found) else "medium", art.number,
                    (item.id,), ids, item.text, text,
                    f"Item {item.number} of the list in article {art.number} differs in "
                    f"{doc_id}: {', '.join(what)}.", item=item.number,
                    records=[r.id for r in found],
                    renderings={d: t for d, (_, t) in sorted(renderings[item.number].items())}))
    return out
