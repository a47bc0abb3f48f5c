"""TMX 1.4b: one translation memory per translation, one ``tu`` per bead, for CAT
tools. Every file is validated against the TMX 1.4b DTD before it is written."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from lxml import etree

from outline_corpus.errors import ExportError
from outline_corpus.export.data import (
    bead_kinds,
    document_texts,
    refuse_unwritable,
    tmx_language,
)
from outline_corpus.store.query import Corpus

#: The DOCTYPE every file declares (the DTD ships in ``outline_corpus.export.resources``).
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@cache
def tmx_dtd() -> etree.DTD:
    """The TMX 1.4b DTD."""
    with files("outline_corpus.export.resources").joinpath("tmx14.dtd").open("rb") as fh:
        return etree.DTD(fh)


def _prop(parent: etree._Element, kind: str, value: object) -> None:
    etree.SubElement(parent, "prop", type=f"x-{kind}").text = str(value)


def tmx_bytes(corpus: Corpus, translation: str, sig: dict[str, Any],
              include_unaligned: bool = False) -> tuple[bytes, int]:
    """The TMX file of ``translation`` and its number of ``tu``. 1:0 and 0:1 beads
    are left out unless ``include_unaligned`` (then their ``tu`` has the one ``tuv``
    of the side that exists: an empty segment would be offered as a translation);
    n:m beads join their sentences as the alignment does."""
    (target,) = corpus.document_rows(translation)
    if target.original is None:
        raise ExportError(f"{translation} is not a translation")
    (source,) = corpus.document_rows(target.original)
    src_lang, tgt_lang = tmx_language(source), tmx_language(target)
    beads = [b for b in corpus.beads(translation)
             if include_unaligned or (b.source_ids and b.target_ids)]
    records = {r.id: r for r in corpus.divergences()}
    refuse_unwritable("TMX", [(x.id, x.text) for d in (source.id, translation)
                              for x in corpus.sentences(d)]
                      + [(r, records[r].message + records[r].quote) for b in beads
                         for r in b.divergences]
                      + document_texts(source) + document_texts(target))
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(
        root, "header", creationtool=sig["toolkit"], creationtoolversion=sig["version"],
        segtype="sentence", adminlang="en", srclang=src_lang, datatype="plaintext")
    header.set("o-tmf", sig["toolkit"])
    _prop(header, "original", source.id)
    _prop(header, "translation", target.id)
    _prop(header, "original-title", source.title)
    _prop(header, "translation-title", target.title)
    _prop(header, "signature", json.dumps(sig, ensure_ascii=False, sort_keys=True))
    body = etree.SubElement(root, "body")
    for b in beads:
        tu = etree.SubElement(body, "tu", tuid=b.id)
        for r in b.divergences:
            rec = records[r]
            quote = f" «{rec.quote}»" if rec.quote else ""
            etree.SubElement(tu, "note").text = f"{rec.kind}: {rec.message}{quote}"
        _prop(tu, "document", translation)
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
        for lang, text in ((src_lang, b.source_text), (tgt_lang, b.target_text)):
            if not text:
                continue
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(XML_LANG, lang)
            etree.SubElement(tuv, "seg").text = text
    if not tmx_dtd().validate(root):
        raise ExportError(f"{translation}: the TMX does not validate against TMX 1.4b: "
                          f"{tmx_dtd().error_log.filter_from_errors()[0].message}")
    data = etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True,
                          doctype=DOCTYPE)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + data, len(beads)
