"""The side-by-side review of an original and its translations, as plain data for the
HTML page: sections in document order (front matter, preamble, parts, articles), a
row per sentence of the original with each translation's rendering, the divergence
records placed on the rows they concern, and what each translation lacks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from outline_corpus.store.query import Corpus
from outline_corpus.store.rows import BeadRow, DivergenceRow, DocumentRow, SentenceRow


@dataclass(frozen=True)
class Note:
    """A divergence record shown on a row (or under a section)."""

    id: str
    doc: str
    kind: str
    severity: str
    message: str
    quote: str


@dataclass(frozen=True)
class Cell:
    """A translation's side of a row. ``state``: ``text`` (the rendering begins
    here), ``shared`` (the bead of the row above covers this sentence too),
    ``untranslated`` (a 1:0 bead), ``missing`` (the whole article or heading is
    absent), ``added`` (a 0:1 bead: text with no Chinese source), ``empty`` (no
    rendering on this row), ``front`` (the translation's own front matter)."""

    doc: str
    state: str
    text: str
    bead: str
    kind: str
    score: float | None
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class ReviewRow:
    """``id`` is the Chinese sentence id (the bead id for an added row); ``zh`` its
    text; ``zh_notes`` records about the original itself (noise, suspect passages)."""

    id: str
    zh: str
    role: str
    zh_notes: tuple[Note, ...]
    cells: tuple[Cell, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        found = [n.kind for n in self.zh_notes] + [n.kind for c in self.cells for n in c.notes]
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Section:
    """A part heading, an article, the preamble or the front matter, with its rows,
    the translations that lack it and the records placed on no row."""

    anchor: str
    kind: str
    number: int | None
    label: str
    title: str
    part: int | None
    rows: tuple[ReviewRow, ...]
    missing: tuple[str, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class Review:
    original: DocumentRow
    translations: tuple[DocumentRow, ...]
    sections: tuple[Section, ...]
    notes: tuple[Note, ...]
    kinds: dict[str, int]
    signature: dict[str, Any]

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sections)


def _note(r: DivergenceRow) -> Note:
    return Note(r.id, r.doc, r.kind, r.severity, r.message, r.quote)


def _section_key(s: SentenceRow) -> str:
    if s.article is not None:
        return f"art-{s.article}"
    tail = s.unit.rsplit("/", 1)[-1]
    return "front" if tail.startswith("front") else tail


def build_review(corpus: Corpus, original: str, translations: tuple[str, ...],
                 sig: dict[str, Any]) -> Review:
    """The review of ``original`` against ``translations`` (ids in column order)."""
    (orig,) = corpus.document_rows(original)
    docs = tuple(corpus.document_rows(t)[0] for t in translations)
    zh = corpus.sentences(original)
    units = {u.id.rsplit("/", 1)[-1]: u for u in corpus.units(original)
             if u.kind in ("part", "article")}
    present = {t: {u.id.rsplit("/", 1)[-1] for u in corpus.units(t)
                   if u.kind in ("part", "article")} for t in translations}
    beads = {t: corpus.beads(t) for t in translations}
    by_source = {t: {sid: b for b in bs for sid in b.source_ids} for t, bs in beads.items()}
    records = [r for r in corpus.divergences() if r.doc in (original, *translations)]
    zh_ids = {s.id for s in zh}

    # Where each translation's records go: the row of their first Chinese sentence,
    # else the row showing the bead of their first English sentence.
    added_after: dict[tuple[str, str], list[BeadRow]] = {}
    en_row: dict[str, dict[str, str]] = {t: {} for t in translations}
    for t, bs in beads.items():
        last = ""
        for b in bs:
            if b.source_ids:
                last = b.source_ids[-1]
                row = b.source_ids[0]
            else:
                added_after.setdefault((t, last), []).append(b)
                row = b.id
            for tid in b.target_ids:
                en_row[t][tid] = row
    placed: dict[tuple[str, str], list[Note]] = {}
    on_section: dict[str, list[Note]] = {}
    loose: list[DivergenceRow] = []
    for r in records:
        target = next((sid for sid in r.zh_ids if sid in zh_ids), None)
        if target is None and r.doc in en_row:
            target = next((en_row[r.doc][e] for e in r.en_ids if e in en_row[r.doc]), None)
        unit = next((k for k in (z.rsplit("/", 1)[-1] for z in r.zh_ids) if k in units), None)
        if target is not None:
            placed.setdefault((r.doc, target), []).append(_note(r))
        elif unit is not None:  # about a whole part or article (missing, say)
            on_section.setdefault(unit, []).append(_note(r))
        elif r.article is not None and f"art-{r.article}" in units:
            on_section.setdefault(f"art-{r.article}", []).append(_note(r))
        else:
            loose.append(r)

    def cell(t: str, s: SentenceRow, section: str) -> Cell:
        notes = tuple(placed.get((t, s.id), ()))
        b = by_source[t].get(s.id)
        if b is None:
            return Cell(t, "empty", "", "", "", None, notes)
        if not b.target_ids:
            state = "missing" if section not in present[t] and section in units else \
                "untranslated"
            return Cell(t, state, "", b.id, b.kind, b.score, notes)
        if b.source_ids[0] != s.id:
            return Cell(t, "shared", "", b.id, b.kind, b.score, notes)
        return Cell(t, "text", b.target_text, b.id, b.kind, b.score, notes)

    def added_rows(anchor: str) -> list[ReviewRow]:
        out = []
        for t in translations:
            for b in added_after.get((t, anchor), ()):
                cells = tuple(
                    Cell(u, "added", b.target_text, b.id, b.kind, b.score,
                         tuple(placed.get((u, b.id), ()))) if u == t else
                    Cell(u, "empty", "", "", "", None, ()) for u in translations)
                out.append(ReviewRow(b.id, "", "added", (), cells))
        return out

    grouped: dict[str, list[ReviewRow]] = {}
    order: list[str] = []
    for s in zh:
        key = _section_key(s)
        if key not in grouped:
            grouped[key] = added_rows("") if not order else []
            order.append(key)
        grouped[key].append(ReviewRow(
            s.id, s.text, s.role, tuple(placed.get((original, s.id), ())),
            tuple(cell(t, s, key) for t in translations)))
        grouped[key].extend(added_rows(s.id))
    if "front" in grouped:
        fronts = tuple(Cell(t, "front", "\n\n".join(
            x.text for x in corpus.sentences(t) if x.unit.rsplit("/", 1)[-1].startswith(
                "front")), "", "", None, ()) for t in translations)
        if any(c.text for c in fronts):
            grouped["front"].append(ReviewRow(f"{original}/front-matter-of-translations", "",
                                              "front", (), fronts))
    sections = []
    for key in order:
        u = units.get(key)
        missing = tuple(t for t in translations if u is not None and key not in present[t])
        sections.append(Section(key, u.kind if u else key, u.number if u else None,
                                (u.label or "") if u else "", (u.title or "") if u else "",
                                u.part if u else None, tuple(grouped[key]), missing,
                                tuple(on_section.pop(key, ()))))
    rest = tuple(_note(r) for r in loose) + tuple(n for ns in on_section.values() for n in ns)
    kinds = dict(sorted(Counter(r.kind for r in records).items()))
    return Review(orig, docs, tuple(sections), rest, kinds, sig)
