"""The side-by-side review of an original and its translations, as plain data for the
HTML page: sections in document order (front matter, preamble, parts, articles), a
row per sentence of the original with each translation's rendering, the divergence
records placed on the rows they concern, and what each translation lacks."""

from __future__ import annotations

import string
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from outline_corpus.export.marks import Piece, pieces
from outline_corpus.store.decisions import record_digest
from outline_corpus.store.query import Corpus
from outline_corpus.store.rows import BeadRow, DocumentRow, SentenceRow, UnitRow

if TYPE_CHECKING:
    from outline_corpus.diverge.records import Divergence, WordGap

CellState = Literal["text", "shared", "untranslated", "missing", "added", "empty", "front"]


@dataclass(frozen=True)
class Note:
    """A divergence record shown on a row (or under a section): ``quote`` is the text
    it is about (the omitted Chinese, the added English), ``quote_side`` where that
    text comes from (``original`` or ``translation``), ``digest`` the fingerprint a
    reviewer's decision on it is made on."""

    id: str
    doc: str
    kind: str
    severity: str
    message: str
    quote: str
    quote_side: str
    digest: str


@dataclass(frozen=True)
class Cell:
    """A translation's side of a row. ``state``: ``text`` (the rendering begins
    here), ``shared`` (the bead of the row above covers this sentence too),
    ``untranslated`` (a 1:0 bead), ``missing`` (the whole article or heading is
    absent), ``added`` (a 0:1 bead: text with no Chinese source), ``empty`` (no
    rendering on this row), ``front`` (the translation's own front matter).
    ``score`` is the bead's confidence in [0, 1]; ``pieces`` the text cut at its
    marked words (empty: no mark)."""

    doc: str
    state: CellState
    text: str
    bead: str
    kind: str
    score: float | None
    notes: tuple[Note, ...]
    pieces: tuple[Piece, ...] = ()


@dataclass(frozen=True)
class ReviewRow:
    """``id`` is the Chinese sentence id (the bead id for an added row, whose
    translation is ``doc``); ``zh`` its text; ``zh_notes`` records about the
    original itself (noise, suspect passages); ``zh_pieces`` the text cut at the words
    some translation leaves unrendered (empty: none)."""

    id: str
    zh: str
    role: str
    zh_notes: tuple[Note, ...]
    cells: tuple[Cell, ...]
    doc: str = ""
    zh_pieces: tuple[Piece, ...] = ()

    @property
    def marked(self) -> bool:
        """Whether a word of the row is marked (a word gap of some translation)."""
        return bool(self.zh_pieces) or any(c.pieces for c in self.cells)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of every record on the row, each once."""
        found = [n.kind for n in self.zh_notes] + [n.kind for c in self.cells for n in c.notes]
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Section:
    """A part heading, an article, the preamble or the front matter, with its rows,
    the translations that lack it and the records about the section as a whole."""

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
    """The review of an original: its translations in column order with their
    letters (A, B, … in manifest order of all its translations), the sections, the
    records placed nowhere else, and the number of records of each kind."""

    original: DocumentRow
    translations: tuple[DocumentRow, ...]
    letters: dict[str, str]
    sections: tuple[Section, ...]
    notes: tuple[Note, ...]
    kinds: dict[str, int]

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sections)


def _note(r: Divergence) -> Note:
    side = "original" if r.kind == "omission" else "translation"
    return Note(r.id, r.doc, r.kind, r.severity, r.message, r.quote, side, record_digest(r))


#: Division kinds, which head sections of their own (a part, a law's chapter…).
DIVISIONS = ("part", "volume", "subvolume", "chapter", "section")


def section_keys(units: list[UnitRow]) -> dict[str, str]:
    """Unit id → the key of the section it is shown in, read from each unit's kind,
    number, path and parent: ``art-N`` for an article, its path (``chap-3/sec-2``) for
    a division, ``front``, ``preamble`` or ``text``; an item goes with its article."""
    keys: dict[str, str] = {}
    for u in units:  # parents come first
        if u.kind == "article":
            keys[u.id] = f"art-{u.number}"
        elif u.kind in DIVISIONS:
            keys[u.id] = "/".join(u.path) or u.id
        elif u.kind in ("front", "preamble", "text"):
            keys[u.id] = u.kind
            if u.parent and u.kind != "front":  # a paragraph of the preamble: its holder too
                keys[u.parent] = u.kind
        elif u.parent in keys:
            keys[u.id] = keys[u.parent]
    return keys


def _section_key(s: SentenceRow, keys: dict[str, str]) -> str:
    if s.article is not None:
        return f"art-{s.article}"
    return keys.get(s.unit, "preamble")


FRONT_ROW = "front-matter-of-translations"


@dataclass
class _Placement:
    """Where each record goes: on a row (``placed``, by doc and row id), under a
    section (``on_section``), or nowhere else (``loose``)."""

    placed: dict[tuple[str, str], list[Note]]
    on_section: dict[str, list[Note]]
    loose: list[Note]


def _added(beads: dict[str, list[BeadRow]]
           ) -> tuple[dict[tuple[str, str], list[BeadRow]], dict[str, dict[str, str]]]:
    """Sentences a translation adds (0:1) follow the row of the bead before them, or
    open their article when that bead belongs to another one; also the row showing
    each sentence of each translation."""
    added_after: dict[tuple[str, str], list[BeadRow]] = {}
    en_row: dict[str, dict[str, str]] = {t: {} for t in beads}
    for t, bs in beads.items():
        last, last_article = "", None
        for b in bs:
            if b.source_ids:
                last, last_article = b.source_ids[-1], b.article
                row = b.source_ids[0]
            else:
                anchor = last if b.article == last_article or b.article is None else \
                    f"start:art-{b.article}"
                added_after.setdefault((t, anchor), []).append(b)
                row = b.id
            for tid in b.target_ids:
                en_row[t][tid] = row
    return added_after, en_row


def _place(records: list[Divergence], original: str, keys: dict[str, dict[str, str]],
           units: dict[str, UnitRow], en_row: dict[str, dict[str, str]],
           original_ids: set[str]) -> _Placement:
    """Each record goes to one place: a translation's front matter or a section it
    names as a unit, else the row of its first sentence of the original, else the row
    showing its first sentence of the translation, else the part or article it names."""
    out = _Placement({}, {}, [])
    front_row = f"{original}/{FRONT_ROW}"
    for r in records:
        note = _note(r)
        mine = keys.get(r.doc, {})
        en_units = [mine.get(e, e) for e in r.translation_ids if e not in en_row.get(r.doc, {})]
        rows = [sid for sid in r.original_ids if sid in original_ids]
        rows += [en_row[r.doc][e] for e in r.translation_ids if e in en_row.get(r.doc, {})]
        zh_unit = next((k for k in (keys[original].get(i, "") for i in r.original_ids)
                        if k in units), None)
        if "front" in en_units and r.doc in en_row:
            out.placed.setdefault((r.doc, front_row), []).append(note)
        elif any(u in units for u in en_units):
            out.on_section.setdefault(next(u for u in en_units if u in units), []).append(note)
        elif rows:
            out.placed.setdefault((r.doc, rows[0]), []).append(note)
        elif zh_unit is not None:  # about a whole part or article (missing, say)
            out.on_section.setdefault(zh_unit, []).append(note)
        elif r.article is not None and f"art-{r.article}" in units:
            out.on_section.setdefault(f"art-{r.article}", []).append(note)
        else:
            out.loose.append(note)
    return out


def _gaps(gaps: list[WordGap]) -> tuple[dict[str, list[WordGap]], dict[str, list[WordGap]]]:
    """Word gaps of the original's sentences (by sentence id) and of the translations'
    beads (by bead id)."""
    zh: dict[str, list[WordGap]] = {}
    en: dict[str, list[WordGap]] = {}
    for g in gaps:
        if g.side == "original":
            zh.setdefault(g.sentence, []).append(g)
        else:
            en.setdefault(g.bead, []).append(g)
    return zh, en


def column_letter(n: int) -> str:
    """The letter of translation ``n`` (0-based), as spreadsheets name columns: A … Z,
    AA, AB, …"""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = string.ascii_uppercase[r] + out
    return out


def build_review(corpus: Corpus, original: str, translations: tuple[str, ...]) -> Review:
    """The review of ``original`` against ``translations`` (ids in column order)."""
    (orig,) = corpus.document_rows(original)
    docs = tuple(corpus.document_rows(t)[0] for t in translations)
    every = [d.id for d in corpus.document_rows() if d.original == original]
    letters = {t: column_letter(every.index(t)) for t in translations}
    zh = corpus.sentences(original)
    rows_of = {d: corpus.units(d) for d in (original, *translations)}
    keys = {d: section_keys(rows) for d, rows in rows_of.items()}
    headed = ("article", *DIVISIONS)
    units = {keys[original][u.id]: u for u in rows_of[original] if u.kind in headed}
    present = {t: {keys[t][u.id] for u in rows_of[t] if u.kind in headed}
               for t in translations}
    beads = {t: corpus.beads(t) for t in translations}
    by_source = {t: {sid: b for b in bs for sid in b.source_ids} for t, bs in beads.items()}
    records = [r for r in corpus.divergences() if r.doc in (original, *translations)]
    added_after, en_row = _added(beads)
    where = _place(records, original, keys, units, en_row, {s.id for s in zh})
    placed, on_section = where.placed, where.on_section
    zh_gaps, en_gaps = _gaps([g for t in translations for g in corpus.word_gaps(t)])

    def cell(t: str, s: SentenceRow, section: str) -> Cell:
        notes = tuple(placed.get((t, s.id), ()))
        b = by_source[t].get(s.id)
        if b is None:
            return Cell(t, "empty", "", "", "", None, notes)
        if not b.target_ids:
            state: CellState = "missing" if section in units and section not in present[t] \
                else "untranslated"
            return Cell(t, state, "", b.id, b.kind, b.score, notes)
        if b.source_ids[0] != s.id:
            return Cell(t, "shared", "", b.id, b.kind, b.score, notes)
        return Cell(t, "text", b.target_text, b.id, b.kind, b.score, notes,
                    pieces(b.target_text, en_gaps.get(b.id, []), letters))

    def added_rows(anchor: str) -> list[ReviewRow]:
        out = []
        for t in translations:
            for b in added_after.get((t, anchor), ()):
                cells = tuple(
                    Cell(u, "added", b.target_text, b.id, b.kind, b.score,
                         tuple(placed.get((u, b.id), ()))) if u == t else
                    Cell(u, "empty", "", "", "", None, ()) for u in translations)
                out.append(ReviewRow(b.id, "", "added", (), cells, t))
        return out

    grouped: dict[str, list[ReviewRow]] = {}
    for s in zh:
        key = _section_key(s, keys[original])
        if key not in grouped:
            grouped[key] = added_rows(f"start:{key}")
        grouped[key].append(ReviewRow(s.id, s.text, s.role,
                                      tuple(placed.get((original, s.id), ())),
                                      tuple(cell(t, s, key) for t in translations),
                                      zh_pieces=pieces(s.text, zh_gaps.get(s.id, []),
                                                       letters)))
        grouped[key].extend(added_rows(s.id))
    lead = added_rows("")  # added before any sentence of the original
    if lead:
        grouped.setdefault(_section_key(zh[0], keys[original]) if zh else "preamble",
                           [])[0:0] = lead
    grouped = _with_front(corpus, original, translations, keys, placed, grouped)
    sections = _sections(grouped, units, present, translations, on_section)
    rest = tuple(where.loose) + tuple(n for ns in on_section.values() for n in ns)
    kinds = dict(sorted(Counter(r.kind for r in records).items()))
    return Review(orig, docs, letters, sections, rest, kinds)


def _with_front(corpus: Corpus, original: str, translations: tuple[str, ...],
                keys: dict[str, dict[str, str]], placed: dict[tuple[str, str], list[Note]],
                grouped: dict[str, list[ReviewRow]]) -> dict[str, list[ReviewRow]]:
    """``grouped`` with a first section for the translations' own front matter (whole,
    with its records), if any translation has some."""
    front_row = f"{original}/{FRONT_ROW}"
    fronts = tuple(Cell(t, "front", "\n\n".join(
        x.text for x in corpus.sentences(t) if keys[t].get(x.unit) == "front"), "", "",
        None, tuple(placed.get((t, front_row), ()))) for t in translations)
    if not any(c.text or c.notes for c in fronts):
        return grouped
    front = [*grouped.pop("front", []), ReviewRow(front_row, "", "front", (), fronts)]
    return {"front": front, **grouped}


def _sections(grouped: dict[str, list[ReviewRow]], units: dict[str, UnitRow],
              present: dict[str, set[str]], translations: tuple[str, ...],
              on_section: dict[str, list[Note]]) -> tuple[Section, ...]:
    """The sections in order, each with what the translations lack and the records
    about it as a whole (taken out of ``on_section``)."""
    sections = []
    for key, section_rows in grouped.items():
        u = units.get(key)
        missing = tuple(t for t in translations if u is not None and key not in present[t])
        sections.append(Section(key, u.kind if u else key, u.number if u else None,
                                (u.label or "") if u else "", (u.title or "") if u else "",
                                u.part if u else None, tuple(section_rows), missing,
                                tuple(on_section.pop(key, ()))))
    return tuple(sections)
