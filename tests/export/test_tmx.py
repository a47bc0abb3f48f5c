"""TMX 1.4b export: valid against the DTD written beside it, read back by Translate
Toolkit as a CAT tool would, with the header, dates, properties and the one note per
unit a translator relies on."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from lxml import etree
from translate.storage.tmx import tmxfile

from outline_corpus import __version__
from outline_corpus.export import export_corpus
from outline_corpus.export.tmx import creation_date, dtd_bytes, tmx_dtd
from outline_corpus.store.query import Corpus
from outline_corpus.store.rows import DocumentRow

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_every_tmx_validates_against_the_dtd(built: Path) -> None:
    for name in ("outline.en.a.tmx", "outline.en.b.tmx"):
        tree = etree.parse(str(built.parent / name))
        assert tmx_dtd().validate(tree), tmx_dtd().error_log
        assert tree.docinfo.doctype == '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
        assert tree.docinfo.encoding == "UTF-8"


def test_header_and_unit_structure(built: Path) -> None:
    root = etree.parse(str(built.parent / "outline.en.b.tmx")).getroot()
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert dict(header.attrib) == {
        "creationtool": "outline-corpus", "creationtoolversion": __version__,
        "segtype": "sentence", "adminlang": "en", "srclang": "zh-CN",
        "datatype": "plaintext", "o-tmf": "outline-corpus",
        "creationdate": "20230314T000000Z",  # the manifest's date of outline.en.b
        "creationid": f"outline-corpus {__version__}"}
    props = {p.get("type"): p.text for p in header.findall("prop")}
    assert props["x-original"] == "outline.zh" and props["x-translation"] == "outline.en.b"
    assert '"model": "use-m3@0.2.1"' in props["x-signature"]
    tus = root.findall("body/tu")
    assert len(tus) == 249  # 250 body beads less the 0:1 bead of article 10 and the
    # 1:0 bead of part 1's untranslated first sentence, and f-1
    for tu in tus:
        assert [t.get(XML_LANG) for t in tu.findall("tuv")] == ["zh-CN", "en"]
    # the 1:2 bead of article 1 with its two omission records, and the suspect of its
    # Chinese (着力全面提升质量 where both translations render 加强全面质量管理)
    tu = next(t for t in tus if t.get("tuid") == "outline.en.b/b-13")
    props = {p.get("type"): p.text for p in tu.findall("prop")}
    with Corpus.open(built) as corpus:  # the bead's cosine, as the database holds it
        (bead,) = [b for b in corpus.beads("outline.en.b") if b.id == "outline.en.b/b-13"]
    assert bead.similarity is not None and abs(bead.similarity - 0.809) < 0.001
    assert props == {"x-document": "outline.en.b", "x-original": "outline.zh",
                     "x-article": "1", "x-bead": "1:2", "x-score": "1.0",
                     "x-similarity": str(bead.similarity),
                     "x-source-ids": "outline.zh/art-1/s-2",
                     "x-target-ids": "outline.en.b/art-1/s-2 outline.en.b/art-1/s-3",
                     "x-divergences": "omission source_suspect", "x-flagged": "high"}
    assert (tu.get("creationdate"), tu.get("creationid")) == (
        header.get("creationdate"), header.get("creationid"))
    (note,) = tu.findall("note")  # one note: OmegaT keeps only the last of several
    lines = note.text.splitlines()
    clauses = [n for n in lines if n.split(". ", 1)[1].startswith(
        "omission (high): This clause is not rendered in outline.en.b. «")]
    assert len(clauses) == 2  # the word-level records of the bead are in it too
    assert [n.split(". ", 1)[0] for n in lines] == [str(k) for k in range(1, len(lines) + 1)]
    segs = [s.text for s in tu.iter("seg")]
    assert segs[1].startswith("We will thoroughly implement") and \
        "in all respects, so as to provide" in segs[1]  # the two sentences joined


def test_translate_toolkit_reads_back_every_unit(built: Path) -> None:
    with Corpus.open(built) as corpus:
        for t, expected in (("outline.en.a", 195), ("outline.en.b", 249)):
            beads = [b for b in corpus.beads(t) if b.source_ids and b.target_ids]
            with open(built.parent / f"{t}.tmx", "rb") as fh:
                store = tmxfile(fh, sourcelanguage="zh-CN", targetlanguage="en")
            units = store.units
            assert len(units) == len(beads) == expected
            assert [u.getid() for u in units] == [b.id for b in beads]
            assert [u.source for u in units] == [b.source_text for b in beads]
            assert [u.target for u in units] == [b.target_text for b in beads]


def test_unaligned_beads_on_request(built: Path, tmp_path: Path) -> None:
    export_corpus(built, tmp_path, ["tmx"], include_unaligned=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "exports.json", "outline.en.a.tmx", "outline.en.b.tmx", "tmx14.dtd"]
    for name, total in (("outline.en.a.tmx", 249), ("outline.en.b.tmx", 251)):
        tree = etree.parse(str(tmp_path / name))
        assert tmx_dtd().validate(tree), tmx_dtd().error_log
        assert len(tree.getroot().findall("body/tu")) == total
    # a side that does not exist is left out, not written as an empty segment
    a = etree.parse(str(tmp_path / "outline.en.a.tmx")).getroot()
    one_sided = [tu for tu in a.findall("body/tu") if len(tu.findall("tuv")) == 1]
    assert len(one_sided) == 54  # A's missing articles and part headings (1:0 beads)
    assert {tu.find("tuv").get(XML_LANG) for tu in one_sided} == {"zh-CN"}
    assert not [s for s in a.iter("seg") if not s.text]
    art10 = next(tu for tu in one_sided if tu.get("tuid") == "outline.en.a/b-82")
    props = {p.get("type"): p.text for p in art10.findall("prop")}
    assert (props["x-bead"], props["x-article"], props["x-divergences"]) == (
        "1:0", "10", "missing_article")
    assert "x-target-ids" not in props
    b = etree.parse(str(tmp_path / "outline.en.b.tmx")).getroot()
    added = next(tu for tu in b.findall("body/tu") if tu.get("tuid") == "outline.en.b/b-83")
    assert [t.get(XML_LANG) for t in added.findall("tuv")] == ["en"]
    assert "vaccines" in added.find("tuv/seg").text
    with open(tmp_path / "outline.en.a.tmx", "rb") as fh:
        units = tmxfile(fh, sourcelanguage="zh-CN", targetlanguage="en").units
    assert len(units) == 249 and sum(1 for u in units if not u.target) == 54


_LINE = re.compile(r"(?:(\d+)\. )?(\w+) \((high|medium|low)\): ")
RANK = {"high": 0, "medium": 1, "low": 2}


def test_one_note_per_unit_holds_every_record_most_severe_first(built: Path) -> None:
    root = etree.parse(str(built.parent / "outline.en.b.tmx")).getroot()
    with Corpus.open(built) as corpus:
        records = {r.id: r for r in corpus.divergences()}
        beads = {b.id: b for b in corpus.beads("outline.en.b")}
    several = 0
    for tu in root.findall("body/tu"):
        recs = [records[i] for i in beads[tu.get("tuid")].divergences]
        notes = tu.findall("note")
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        if not recs:
            assert not notes and "x-flagged" not in props
            continue
        (note,) = notes
        heads = [m for m in map(_LINE.match, note.text.split("\n")) if m]
        assert len(heads) == len(recs)
        assert Counter((m[2], m[3]) for m in heads) == Counter((r.kind, r.severity)
                                                               for r in recs)
        ranks = [RANK[m[3]] for m in heads]
        assert ranks == sorted(ranks)  # most severe first
        assert props["x-flagged"] == heads[0][3]
        assert all(f"{r.kind} ({r.severity}): {r.message}" in note.text for r in recs)
        if len(recs) > 1:
            several += 1
            assert [m[1] for m in heads] == [str(k) for k in range(1, len(recs) + 1)]
    assert several  # b-12 has four


def test_the_dtd_is_written_beside_and_the_doctype_resolves(built: Path) -> None:
    dtd = built.parent / "tmx14.dtd"
    assert dtd.read_bytes() == dtd_bytes()
    parser = etree.XMLParser(load_dtd=True, dtd_validation=True, no_network=True)
    for name in ("outline.en.a.tmx", "outline.en.b.tmx"):
        etree.parse(str(built.parent / name), parser)  # raises if it does not resolve
    files = json.loads((built.parent / "exports.json").read_text(encoding="utf-8"))["files"]
    assert files["tmx14.dtd"]["format"] == "tmx"


def test_units_are_dated_from_the_manifest_not_the_clock(built: Path) -> None:
    root = etree.parse(str(built.parent / "outline.en.a.tmx")).getroot()
    header = root.find("header")
    # outline.en.a has no date in the manifest: its original's, 2023-02-06, is used
    assert header.get("creationdate") == "20230206T000000Z"
    assert {(tu.get("creationdate"), tu.get("creationid")) for tu in root.iter("tu")} == {
        ("20230206T000000Z", f"outline-corpus {__version__}")}


def _doc(date: str | None) -> DocumentRow:
    return DocumentRow("d", "zh", "original", "w", "t", None, None, date, "d.txt", None, "")


def test_creation_date_takes_the_first_date_given() -> None:
    assert creation_date(_doc("2023-03-14"), _doc("2020-01-02")) == "20230314T000000Z"
    assert creation_date(_doc(None), _doc(" 2022 ")) == "20220101T000000Z"
    assert creation_date(_doc("March 2023"), _doc("2023-03")) == "20230301T000000Z"
    assert creation_date(_doc(None), _doc("")) is None
