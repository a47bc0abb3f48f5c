"""The HTML review page: one self-contained file per original (styles and script
inline, no network), rendered with Jinja2 with every text escaped."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import jinja2

from outline_corpus.decisions import STATUS_LABELS, bead_key
from outline_corpus.export.data import document_texts, refuse_unwritable, tmx_language
from outline_corpus.export.review import DIVISIONS, Review, Section, build_review
from outline_corpus.store.decisions import bead_digest
from outline_corpus.store.query import Corpus


@dataclass(frozen=True)
class TocEntry:
    """A line of the table of contents; ``count`` is the number of records shown in
    the section, ``missing`` the translations that lack it."""

    anchor: str
    kind: str
    label: str
    title: str
    missing: tuple[str, ...]
    count: int
    children: tuple[TocEntry, ...] = ()


def _resource(name: str) -> str:
    return files("outline_corpus.export.resources").joinpath(name).read_text(encoding="utf-8")


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    return env.from_string(_resource("review.html.j2"))


def section_title(sec: Section) -> str:
    """A section's heading title; ``Front matter`` and ``Preamble`` for those."""
    if sec.kind in ("article", *DIVISIONS):
        return sec.title
    return {"front": "Front matter", "preamble": "Preamble"}.get(sec.kind, sec.anchor)


def _records(sec: Section) -> int:
    return len(sec.notes) + sum(len(r.zh_notes) + sum(len(c.notes) for c in r.cells)
                                for r in sec.rows)


def toc(review: Review) -> list[TocEntry]:
    """Front matter and preamble, then each part with its articles."""
    out: list[tuple[TocEntry, list[TocEntry]]] = []
    for sec in review.sections:
        entry = TocEntry(sec.anchor, sec.kind, sec.label, section_title(sec), sec.missing,
                         _records(sec))
        if sec.kind == "article" and out and out[-1][0].kind in DIVISIONS:
            out[-1][1].append(entry)
        else:
            out.append((entry, []))
    return [TocEntry(e.anchor, e.kind, e.label, e.title, e.missing, e.count, tuple(kids))
            for e, kids in out]


def script_json(obj: object) -> str:
    """``obj`` as JSON that can stand inside a ``<script>`` element (``<``, ``>`` and
    ``&`` written as ``\\u`` escapes)."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def review_data(corpus: Corpus, original: str, translations: tuple[str, ...]) -> str:
    """What the page's review script reads: the original, each bead's key and digest
    (``[key, digest]`` by bead id), and the stored decisions on this page's records and
    beads (review-file entries)."""
    docs = {original, *translations}
    beads = {b.id: [bead_key(b.translation, b.source_ids, b.target_ids), bead_digest(b)]
             for t in translations for b in corpus.beads(t)}
    stored = [d.to_dict() for d in corpus.decisions() if d.applies and d.doc in docs]
    return script_json({"original": original, "beads": beads, "decisions": stored})


def review_html(corpus: Corpus, original: str, translations: tuple[str, ...],
                sig: dict[str, Any]) -> tuple[str, int]:
    """The review page of ``original`` with ``translations`` as columns, and its
    number of rows. Refuses texts holding characters HTML cannot carry."""
    review = build_review(corpus, original, translations)
    texts = [(x.id, x.text) for d in (original, *translations) for x in corpus.sentences(d)]
    notes = [n for s in review.sections for n in s.notes] + list(review.notes)
    notes += [n for s in review.sections for r in s.rows
              for n in (*r.zh_notes, *(x for c in r.cells for x in c.notes))]
    texts += [(n.id, n.message + n.quote) for n in notes]
    texts += [(u.id, f"{u.label or ''}{u.title or ''}") for d in (original, *translations)
              for u in corpus.units(d)]
    for d in (review.original, *review.translations):
        texts += document_texts(d)
    refuse_unwritable("HTML", texts)
    lang = {d.id: tmx_language(d) for d in (review.original, *review.translations)}
    page = _template().render(
        review=review, sig=sig, css=_resource("review.css"), js=_resource("review.js"),
        decisions_js=_resource("decisions.js"), statuses=STATUS_LABELS,
        review_data=review_data(corpus, original, translations),
        zh_lang=lang[original], lang=lang, short=review.letters, toc=toc(review),
        section_title=section_title, doc_counts=Counter(n.doc for n in notes),
        bead_counts={t: len(corpus.beads(t)) for t in translations},
        signature_json=json.dumps(sig, ensure_ascii=False, sort_keys=True, indent=1))
    return page, review.row_count
