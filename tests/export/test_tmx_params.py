"""The TMX knobs of :class:`ExportParams`, through the API: units left out by record
severity, kind or score, flagged units moved into a penalised file, full-width
punctuation in the Chinese segments, and a signature naming every knob."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.po import pofile
from translate.storage.tmx import tmxfile

from outline_corpus import api
from outline_corpus.config import ExportParams
from outline_corpus.export.punct import full_width
from outline_corpus.export.tmx import tmx_dtd
from outline_corpus.store.query import Corpus
from outline_corpus.store.rows import BeadRow

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
B = "outline.en.b"


@pytest.fixture(scope="module")
def facts(built: Path) -> tuple[list[BeadRow], dict[str, set[str]], dict[str, set[str]]]:
    """B's aligned beads, and per bead the severities and the kinds of its records."""
    with Corpus.open(built) as corpus:
        records = {r.id: r for r in corpus.divergences()}
        beads = [b for b in corpus.beads(B) if b.source_ids and b.target_ids]
    severities = {b.id: {records[r].severity for r in b.divergences} for b in beads}
    kinds = {b.id: {records[r].kind for r in b.divergences} for b in beads}
    return beads, severities, kinds


def _export(built: Path, out: Path, **knobs: object) -> list[str]:
    files = api.export(built, out, ["tmx"], docs=[B], params=ExportParams(**knobs))
    return [f.path.name for f in files]


def _units(path: Path) -> list[etree._Element]:
    tree = etree.parse(str(path))
    assert tmx_dtd().validate(tree), tmx_dtd().error_log
    return tree.getroot().findall("body/tu")


def _props(tu: etree._Element) -> dict[str, str]:
    return {p.get("type"): p.text for p in tu.findall("prop")}


def test_exclude_flagged_leaves_out_units_with_a_record_that_severe(
        built: Path, tmp_path: Path, facts: tuple[list[BeadRow], dict[str, set[str]],
                                                  dict[str, set[str]]]) -> None:
    beads, severities, _ = facts
    _export(built, tmp_path / "medium", exclude_flagged="medium")
    kept = [tu.get("tuid") for tu in _units(tmp_path / "medium" / f"{B}.tmx")]
    assert kept == [b.id for b in beads if not severities[b.id] & {"high", "medium"}]
    assert f"{B}/b-13" not in kept  # its omissions are of high severity
    _export(built, tmp_path / "any", exclude_flagged="any")
    units = _units(tmp_path / "any" / f"{B}.tmx")
    assert [tu.get("tuid") for tu in units] == [b.id for b in beads if not severities[b.id]]
    assert not [tu for tu in units if tu.find("note") is not None]


def test_exclude_kinds_and_min_score(
        built: Path, tmp_path: Path, facts: tuple[list[BeadRow], dict[str, set[str]],
                                                  dict[str, set[str]]]) -> None:
    beads, _, kinds = facts
    _export(built, tmp_path / "kinds", exclude_kinds="omission,source_noise")
    kept = [tu.get("tuid") for tu in _units(tmp_path / "kinds" / f"{B}.tmx")]
    assert kept == [b.id for b in beads if not kinds[b.id] & {"omission", "source_noise"}]
    assert any(kinds[b] for b in kept)  # units with other records stay
    _export(built, tmp_path / "score", min_score=0.9)
    units = _units(tmp_path / "score" / f"{B}.tmx")
    assert [tu.get("tuid") for tu in units] == [b.id for b in beads if b.score >= 0.9]
    assert all(float(_props(tu)["x-score"]) >= 0.9 for tu in units)


def test_mark_flagged_moves_units_into_a_penalised_file(
        built: Path, tmp_path: Path, facts: tuple[list[BeadRow], dict[str, set[str]],
                                                  dict[str, set[str]]]) -> None:
    beads, severities, _ = facts
    names = _export(built, tmp_path, mark_flagged="medium", flagged_penalty=25)
    flagged_name = f"{B}.flagged.penalty-25.tmx"
    assert names == [f"{B}.tmx", flagged_name, "tmx14.dtd"]
    main, flagged = _units(tmp_path / f"{B}.tmx"), _units(tmp_path / flagged_name)
    marked = [b.id for b in beads if severities[b.id] & {"high", "medium"}]
    assert [tu.get("tuid") for tu in flagged] == marked
    assert [tu.get("tuid") for tu in main] == [b.id for b in beads if b.id not in marked]
    assert {_props(tu)["x-flagged"] for tu in flagged} == {"high", "medium"}
    assert {_props(tu).get("x-flagged") for tu in main} == {None, "low"}
    for path, other in ((tmp_path / f"{B}.tmx", flagged_name),
                        (tmp_path / flagged_name, "penalty-25")):
        note = etree.parse(str(path)).getroot().find("header/note").text
        assert other in note
    with open(tmp_path / flagged_name, "rb") as fh:  # Translate Toolkit, then as PO
        units = tmxfile(fh, sourcelanguage="zh-CN", targetlanguage="en").units
    po = pofile()
    for unit in units:
        po.addunit(po.UnitClass.buildfromunit(unit))
    assert [u.getnotes() for u in units] == [tu.find("note").text for tu in flagged]
    assert "omission (high): This clause is not rendered in outline.en.b." in \
        bytes(po).decode("utf-8")


HAN_NEXT_TO_ASCII = re.compile(r"[\u4e00-\u9fff][,:;!?()]|[,:;!?()][\u4e00-\u9fff]")


def test_normalise_punctuation_writes_full_width_in_chinese_segments_only(
        built: Path, tmp_path: Path, facts: tuple[list[BeadRow], dict[str, set[str]],
                                                  dict[str, set[str]]]) -> None:
    beads, _, _ = facts
    _export(built, tmp_path, normalise_punctuation=True)
    units = _units(tmp_path / f"{B}.tmx")
    segs = {tu.get("tuid"): [s.text for s in tu.iter("seg")] for tu in units}
    assert segs[f"{B}/b-1"][0] == ("建设质量强国是推动高质量发展、促进我国经济由大向强转变的重要"
                                   "举措，是满足人民美好生活需要的重要途径。")
    for b in beads:
        zh, en = segs[b.id]
        assert en == b.target_text
        assert len(zh) == len(b.source_text) and zh == full_width(b.source_text)
        assert not HAN_NEXT_TO_ASCII.search(zh)
    note = next(tu for tu in units if tu.get("tuid") == f"{B}/b-13").find("note").text
    assert "«以习近平新时代中国特色社会主义思想为指导，立足新发展阶段，" in note
    with Corpus.open(built) as corpus:  # the database keeps the raw text
        raw = next(b for b in corpus.beads(B) if b.id == f"{B}/b-1").source_text
    assert "重要举措,是满足" in raw


def test_every_knob_is_in_the_signature_and_exports_repeat_byte_for_byte(
        built: Path, tmp_path: Path) -> None:
    knobs = {"exclude_kinds": "source_noise", "min_score": 0.2, "mark_flagged": "high",
             "normalise_punctuation": True}
    for run in ("one", "two"):
        _export(built, tmp_path / run, **knobs)
    for path in (tmp_path / "one").iterdir():
        assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes(), path.name
    header = etree.parse(str(tmp_path / "one" / f"{B}.tmx")).getroot().find("header")
    sig = json.loads(next(p.text for p in header.findall("prop")
                          if p.get("type") == "x-signature"))["params"]
    expected = {f"export_{f.name}": getattr(ExportParams(**knobs), f.name)
                for f in fields(ExportParams)}
    assert {k: sig[k] for k in expected} == expected
    assert sig["export_include_unaligned"] is False and sig["export_format"] == "tmx"
    manifest = json.loads((tmp_path / "one" / "exports.json").read_text(encoding="utf-8"))
    assert manifest["files"][f"{B}.tmx"]["signature"]["params"]["export_mark_flagged"] == \
        "high"
