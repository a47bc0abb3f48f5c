"""A document's unit tree: every unit the parser found (front and back matter,
preamble, divisions, articles, paragraphs, items, turns) as a :class:`Unit` with its
kind, label, number, path, parent and raw span, parents before their children."""

from __future__ import annotations

import heapq
from dataclasses import replace

from outline_corpus.model import Article, Document, Part, Unit

#: The path step of each division kind (``chap-3``), as the law profile's id prefixes.
STEP = {"part": "part", "volume": "vol", "subvolume": "subvol", "chapter": "chap",
        "section": "sec"}


def with_tree(doc: Document) -> Document:
    """``doc`` with :attr:`Document.units` filled in."""
    return replace(doc, units=unit_tree(doc))


def unit_tree(doc: Document) -> tuple[Unit, ...]:
    """Every unit of ``doc`` in text order, parents first where two start together."""
    out: list[tuple[int, int, Unit]] = []

    def add(unit: Unit) -> None:
        out.append((unit.start, len(unit.path), unit))

    for f in doc.front_matter:
        add(Unit(f.id, "front", "", f.index, (f"front-{f.index}",), None, f.start, f.end))
    if doc.preamble:
        pid, kind = doc.preamble_unit
        add(Unit(pid, kind, "", None, (kind,), None, doc.preamble[0].start,
                 doc.preamble[-1].end))
        for p in doc.preamble:
            add(Unit(p.id, "paragraph", "", p.index, (kind, f"p-{p.index}"), pid,
                     p.start, p.end))
    paths = _part_paths(doc.parts)
    for part in doc.parts:
        add(Unit(part.id, part.kind, part.heading.label, part.number, paths[part.id],
                 part.parent, part.start, part.end))
    for art, holder in zip(doc.articles, _holders(doc.parts, doc.articles), strict=True):
        path = (*(paths[holder.id] if holder else ()), f"art-{art.number}")
        add(Unit(art.id, "article", art.heading.label, art.number, path,
                 holder.id if holder else None, art.start, art.end))
        for p in art.paragraphs:
            add(Unit(p.id, "paragraph", "", p.index, (*path, f"p-{p.index}"), art.id,
                     p.start, p.end))
        for item in art.items:
            add(Unit(item.id, "item", item.marker, item.number, (*path, f"item-{item.number}"),
                     art.id, item.start, item.end))
    for turn in doc.turns:
        add(Unit(turn.id, "turn", turn.speaker, turn.index, (f"turn-{turn.index}",), None,
                 turn.start, turn.end))
    for b in doc.back_matter:
        add(Unit(b.id, "back", "", b.index, (f"back-{b.index}",), None, b.start, b.end))
    return tuple(u for _, _, u in sorted(out, key=lambda t: (t[0], t[1])))


def _part_paths(parts: tuple[Part, ...]) -> dict[str, tuple[str, ...]]:
    paths: dict[str, tuple[str, ...]] = {}
    for part in parts:  # in text order, so a parent comes before its children
        step = f"{STEP.get(part.kind, part.kind)}-{part.number}"
        above = paths.get(part.parent, ()) if part.parent else ()
        paths[part.id] = (*above, step)
    return paths


def _holders(parts: tuple[Part, ...], articles: tuple[Article, ...]) -> list[Part | None]:
    """For each article, the innermost division whose span holds its start: of those,
    the one that starts last (the last listed of those that start together). One sweep
    over the starts in rising order, the divisions passed kept in a heap."""
    out: list[Part | None] = [None] * len(articles)
    order = sorted(range(len(parts)), key=lambda k: parts[k].start)
    heap: list[tuple[int, int, int]] = []  # (-start, -index, end)
    nxt = 0
    for a in sorted(range(len(articles)), key=lambda k: articles[k].start):
        point = articles[a].start
        while nxt < len(order) and parts[order[nxt]].start <= point:
            part = parts[order[nxt]]
            heapq.heappush(heap, (-part.start, -order[nxt], part.end))
            nxt += 1
        while heap and heap[0][2] <= point:
            heapq.heappop(heap)
        if heap:
            out[a] = parts[-heap[0][1]]
    return out
