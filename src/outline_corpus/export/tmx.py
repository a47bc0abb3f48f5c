"""TMX 1.4b: one translation memory per translation, one ``tu`` per bead, for CAT
tools. Every file is validated against the TMX 1.4b DTD before it is written, and the
DTD is written beside it so that the DOCTYPE resolves.

Each unit carries its divergence records in one ``note`` (OmegaT keeps only the last
note of a unit), most severe first, each with the reviewer's decision on it, and the
most severe in an ``x-flagged`` property (records a reviewer set aside do not count);
``x-review`` lists the statuses reviewers gave.
:class:`~outline_corpus.config.ExportParams` leaves units out, or moves flagged ones
into a second file whose name holds ``penalty-N``: OmegaT takes N% off every match
found in a translation memory whose path holds it, so they are never offered as
perfect matches."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from lxml import etree

from outline_corpus.config import ExportParams
from outline_corpus.errors import ExportError
from outline_corpus.export.data import (
    bead_kinds,
    document_texts,
    refuse_unwritable,
    tmx_language,
)
from outline_corpus.export.punct import full_width
from outline_corpus.export.records import (
    Verdicts,
    bead_records,
    numbered,
    place,
    record_line,
)
from outline_corpus.languages import language
from outline_corpus.store.query import Corpus
from outline_corpus.store.rows import BeadRow, DocumentRow

if TYPE_CHECKING:
    from outline_corpus.diverge.records import Divergence

#: The DTD's file name, written beside the TMX files, and the DOCTYPE naming it.
DTD_NAME = "tmx14.dtd"
DOCTYPE = f'<!DOCTYPE tmx SYSTEM "{DTD_NAME}">'
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class TmxFile:
    """A rendered TMX file: its ``name``, bytes and number of ``tu``."""

    name: str
    data: bytes
    units: int


def dtd_bytes() -> bytes:
    """The TMX 1.4b DTD as shipped in ``outline_corpus.export.resources``."""
    return files("outline_corpus.export.resources").joinpath(DTD_NAME).read_bytes()


@cache
def tmx_dtd() -> etree.DTD:
    """The TMX 1.4b DTD."""
    with files("outline_corpus.export.resources").joinpath(DTD_NAME).open("rb") as fh:
        return etree.DTD(fh)


def flagged_name(translation: str, params: ExportParams) -> str:
    """The name of the file of ``translation``'s flagged units."""
    return f"{translation}.flagged.penalty-{params.flagged_penalty}.tmx"


def creation_date(*docs: DocumentRow) -> str | None:
    """The first manifest ``date`` of ``docs`` that is a date (``2023-03-14``,
    ``2023-03``, ``2023``; a missing month or day is the first), in TMX form
    (``20230314T000000Z``); ``None`` if none is."""
    for doc in docs:
        m = _DATE.fullmatch((doc.date or "").strip())
        if m:
            year, month, day = m.group(1), m.group(2) or "01", m.group(3) or "01"
            return f"{year}{month}{day}T000000Z"
    return None


def _prop(parent: etree._Element, kind: str, value: object) -> None:
    etree.SubElement(parent, "prop", type=f"x-{kind}").text = str(value)


@dataclass(frozen=True)
class _Context:
    """What every unit of one translation's files shares."""

    source: DocumentRow
    target: DocumentRow
    sig: dict[str, Any]
    stamp: dict[str, str]  # creationdate and creationid
    src_text: Callable[[str], str]
    tgt_text: Callable[[str], str]
    verdicts: Verdicts

    def quote(self, rec: Divergence) -> str:
        """The words ``rec`` quotes, written as the segments of their side are."""
        side = {"omission": self.src_text, "addition": self.tgt_text}.get(rec.kind)
        return side(rec.quote) if side else rec.quote


def _context(source: DocumentRow, target: DocumentRow, sig: dict[str, Any],
             params: ExportParams, verdicts: Verdicts) -> _Context:
    def writer(doc: DocumentRow) -> Callable[[str], str]:
        if params.normalise_punctuation and language(doc.language).code == "zh":
            return full_width
        return str

    built = sig["params"].get("build_version")
    date = creation_date(target, source)
    stamp = {"creationdate": date} if date else {}
    stamp["creationid"] = f"{sig['toolkit']} {built}" if built else sig["toolkit"]
    return _Context(source, target, sig, stamp, writer(source), writer(target), verdicts)


def _unit(body: etree._Element, ctx: _Context, b: BeadRow, recs: list[Divergence],
          records: dict[str, Divergence]) -> None:
    tu = etree.SubElement(body, "tu", tuid=b.id, **ctx.stamp)
    lines = ctx.verdicts.lines(b, recs, lambda r: record_line(r, ctx.quote(r)))
    if lines:
        etree.SubElement(tu, "note").text = numbered(lines)
    _prop(tu, "document", ctx.target.id)
    _prop(tu, "original", b.original)
    if b.article is not None:
        _prop(tu, "article", b.article)
    _prop(tu, "bead", b.kind)
    _prop(tu, "score", b.score)
    if b.similarity is not None:
        _prop(tu, "similarity", b.similarity)
    for kind, ids in (("source-ids", b.source_ids), ("target-ids", b.target_ids),
                      ("divergences", bead_kinds(b, records))):
        if ids:
            _prop(tu, kind, " ".join(ids))
    severity = ctx.verdicts.severity(b, recs)
    if severity:
        _prop(tu, "flagged", severity)
    statuses = [d.status for d in (*(ctx.verdicts.records.get(r.id) for r in recs),
                                   ctx.verdicts.beads.get(b.id)) if d is not None and d.status]
    if statuses:
        _prop(tu, "review", " ".join(dict.fromkeys(statuses)))
    for doc, text, write in ((ctx.source, b.source_text, ctx.src_text),
                             (ctx.target, b.target_text, ctx.tgt_text)):
        if not text:
            continue
        tuv = etree.SubElement(tu, "tuv")
        tuv.set(XML_LANG, tmx_language(doc))
        etree.SubElement(tuv, "seg").text = write(text)


def _document(ctx: _Context, units: list[tuple[BeadRow, list[Divergence]]],
              records: dict[str, Divergence], note: str) -> bytes:
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(
        root, "header", creationtool=ctx.sig["toolkit"],
        creationtoolversion=ctx.sig["version"], segtype="sentence", adminlang="en",
        srclang=tmx_language(ctx.source), datatype="plaintext")
    header.set("o-tmf", ctx.sig["toolkit"])
    for name, value in ctx.stamp.items():
        header.set(name, value)
    if note:
        etree.SubElement(header, "note").text = note
    _prop(header, "original", ctx.source.id)
    _prop(header, "translation", ctx.target.id)
    _prop(header, "original-title", ctx.source.title)
    _prop(header, "translation-title", ctx.target.title)
    _prop(header, "signature", json.dumps(ctx.sig, ensure_ascii=False, sort_keys=True))
    body = etree.SubElement(root, "body")
    for b, recs in units:
        _unit(body, ctx, b, recs, records)
    if not tmx_dtd().validate(root):
        raise ExportError(f"{ctx.target.id}: the TMX does not validate against TMX 1.4b: "
                          f"{tmx_dtd().error_log.filter_from_errors()[0].message}")
    data: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=False,
                                 pretty_print=True, doctype=DOCTYPE)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + data


def tmx_files(corpus: Corpus, translation: str, sig: dict[str, Any],
              include_unaligned: bool = False, params: ExportParams | None = None
              ) -> list[TmxFile]:
    """The TMX file of ``translation`` and, when ``params.mark_flagged`` is set, the file
    of its flagged units (:func:`flagged_name`). 1:0 and 0:1 beads are left out unless
    ``include_unaligned`` (then their ``tu`` has the one ``tuv`` of the side that exists:
    an empty segment would be offered as a translation); n:m beads join their sentences
    as the alignment does."""
    params = params or ExportParams()
    (target,) = corpus.document_rows(translation)
    if target.original is None:
        raise ExportError(f"{translation} is not a translation")
    (source,) = corpus.document_rows(target.original)
    beads = [b for b in corpus.beads(translation)
             if include_unaligned or (b.source_ids and b.target_ids)]
    records = {r.id: r for r in corpus.divergences()}
    refuse_unwritable("TMX", [(x.id, x.text) for d in (source.id, translation)
                              for x in corpus.sentences(d)]
                      + [(r, records[r].message + records[r].quote) for b in beads
                         for r in b.divergences]
                      + document_texts(source) + document_texts(target))
    verdicts = Verdicts.of(corpus)
    ctx = _context(source, target, sig, params, verdicts)
    parts: dict[str, list[tuple[BeadRow, list[Divergence]]]] = {
        "main": [], "flagged": [], "out": []}
    for b in beads:
        recs = bead_records(b, records)
        parts[place(b, recs, params, verdicts)].append((b, recs))
    if params.mark_flagged == "none":
        return [TmxFile(f"{translation}.tmx", _document(ctx, parts["main"], records, ""),
                        len(parts["main"]))]
    flagged = flagged_name(translation, params)
    rule = f"a divergence record of at least {params.mark_flagged} severity"
    return [
        TmxFile(f"{translation}.tmx", _document(
            ctx, parts["main"], records, f"Units with {rule} are in {flagged}."),
            len(parts["main"])),
        TmxFile(flagged, _document(
            ctx, parts["flagged"], records,
            f"Units with {rule}: check them before use. OmegaT takes "
            f"{params.flagged_penalty}% off their matches (penalty-{params.flagged_penalty} "
            "in the file name)."), len(parts["flagged"]))]
