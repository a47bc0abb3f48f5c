"""The ``export`` command and ``build``'s exports: deterministic bytes, selections,
clear errors that leave earlier files untouched, and special characters that survive
every format or are refused."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree, html
from translate.storage.tmx import tmxfile
from typer.testing import CliRunner

from outline_corpus.cli import app
from outline_corpus.export import FORMATS
from outline_corpus.export.tmx import tmx_dtd

runner = CliRunner()
EXPORTS = ["beads.jsonl", "corpus.json", "exports.json", "outline.en.a.csv",
           "outline.en.a.tmx", "outline.en.b.csv", "outline.en.b.tmx",
           "outline.zh.review.html", "tmx14.dtd"]


def _export(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["export", *map(str, args)])
    return result.exit_code, result.output


def test_build_writes_every_format_and_export_repeats_it_byte_for_byte(
        built: Path, tmp_path: Path) -> None:
    assert FORMATS == ("tmx", "json", "csv", "html")
    for run in ("one", "two"):
        code, output = _export("--db", built, "--out", tmp_path / run, "--json")
        assert code == 0, output
        assert [Path(f["path"]).name for f in json.loads(output)] == [
            "outline.en.a.tmx", "outline.en.b.tmx", "tmx14.dtd", "corpus.json",
            "beads.jsonl", "outline.en.a.csv", "outline.en.b.csv", "outline.zh.review.html"]
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == EXPORTS
    for name in EXPORTS:
        first = (tmp_path / "one" / name).read_bytes()
        assert first == (tmp_path / "two" / name).read_bytes(), name
        assert first == (built.parent / name).read_bytes(), name  # as build wrote it
    manifest = json.loads((tmp_path / "one" / "exports.json").read_text(encoding="utf-8"))
    entry = manifest["files"]["outline.en.b.csv"]
    assert (entry["format"], entry["records"]) == ("csv", 251)
    assert entry["signature"]["params"]["export_format"] == "csv"


def test_doc_selection(built: Path, tmp_path: Path) -> None:
    code, output = _export("--db", built, "--out", tmp_path, "--doc", "outline.en.a",
                           "--format", "html", "--format", "csv")
    assert code == 0, output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "exports.json", "outline.en.a.csv", "outline.zh.review.html"]
    page = html.parse(str(tmp_path / "outline.zh.review.html")).getroot()
    assert page.xpath("//thead//th/@data-doc") == ["outline.en.a"]


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "docx"], "error: unknown export format 'docx' (tmx, json, csv, html)"),
    (["--doc", "outline.en.c"], "error: unknown document id 'outline.en.c' (known: "
     "outline.zh, outline.en.a, outline.en.b, action-plan.en, press-conference.en)"),
])
def test_bad_options_fail_in_one_line_and_write_nothing(built: Path, tmp_path: Path,
                                                       args: list[str], message: str) -> None:
    code, output = _export("--db", built, "--out", tmp_path / "x", *args)
    assert (code, output.strip()) == (1, message)
    assert not (tmp_path / "x").exists()


def test_missing_database(tmp_path: Path) -> None:
    code, output = _export("--db", tmp_path / "none.sqlite")
    assert code == 1
    assert output.strip() == (f"error: {tmp_path / 'none.sqlite'}: no corpus database; run "
                              "`outline-corpus build` first")


ZH = ("质量强国建设纲要\n\n一、总体要求\n\n"
      "(一)指导思想。坚持“质量第一”的原则<标准>&效益。推动高质量发展😀。\n\n"
      "(二)主要目标。到2025年,质量水平明显提高。产品合格率达到95%。\n")
EN = ("Outline for Building a Strong Quality Country\n\nI. General requirements\n\n"
      "(1) Guiding ideology. Adhere to the \"quality first\" principle <standards> & 'benefits'. "
      "Promote high-quality development \u200fمرحبا\u200f 😀.\n\n"
      "(2) Main objectives. By 2025, the level of quality will rise markedly. The product "
      "pass rate will reach 95%.{bell}\n")


def _special_corpus(tmp_corpus: Callable[..., Path], bell: str) -> Path:
    docs = [{"id": "z", "file": "z.txt", "language": "zh", "role": "original", "work": "w",
             "title": "纲要 <&> “引号”"},
            {"id": "e", "file": "e.txt", "language": "en", "role": "translation",
             "original": "z", "work": "w", "title": "Outline <&> \"quotes\" 😀"}]
    return tmp_corpus(docs, {"z.txt": ZH, "e.txt": EN.format(bell=bell)})


def _build(raw: Path, out: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out), "--json",
                                 *args])
    return result.exit_code, result.output


def test_special_characters_survive_every_format(tmp_corpus: Callable[..., Path],
                                                 tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = _build(_special_corpus(tmp_corpus, ""), out)
    assert code == 0, output
    tricky = ("<standards> & 'benefits'", "\"quality first\"", "\u200fمرحبا\u200f", "😀")
    en_texts = [json.loads(x)["target_text"] for x in
                (out / "beads.jsonl").read_text(encoding="utf-8").splitlines()]
    joined = " ".join(en_texts)
    assert all(t in joined for t in tricky)
    assert "<标准>&效益" in (out / "corpus.json").read_text(encoding="utf-8")
    # TMX: valid, and read back with the same texts
    assert tmx_dtd().validate(etree.parse(str(out / "e.tmx")))
    with open(out / "e.tmx", "rb") as fh:
        units = tmxfile(fh, sourcelanguage="zh-CN", targetlanguage="en").units
    assert [u.target for u in units] == [t for t in en_texts if t]
    assert any("<标准>&效益" in u.source for u in units)
    # CSV
    with open(out / "e.csv", encoding="utf-8-sig", newline="") as fh:
        assert [r["target_text"] for r in csv.DictReader(fh)] == en_texts
    # HTML: the texts are text, not markup
    page = html.parse(str(out / "z.review.html")).getroot()
    cells = [c.text_content() for c in page.xpath(
        "//td[@data-doc='e' and not(contains(@class, 'state-front'))]/span[@class='text']")]
    assert [t for t in en_texts if t] == cells
    assert page.xpath("//h1/span")[0].text == "纲要 <&> “引号”"
    assert page.xpath("//script[not(@src)]") and not page.xpath("//standards")


def test_control_characters_are_refused_by_tmx_and_html_only(
        tmp_corpus: Callable[..., Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "e.tmx").write_text("an earlier export\n", encoding="utf-8")
    raw = _special_corpus(tmp_corpus, "\x07")
    code, output = _build(raw, out)
    assert code == 1
    assert output.strip() == (
        "error: e.txt: line 7 (e/art-2/s-3): character U+0007 cannot be written to TMX "
        "or HTML (XML refuses control characters); remove it from the raw text, or leave "
        "those formats out (--format json --format csv)")
    # found before the alignment: nothing is published, the earlier file is intact
    assert sorted(p.name for p in out.iterdir()) == ["e.tmx"]
    assert (out / "e.tmx").read_text(encoding="utf-8") == "an earlier export\n"
    code, output = _build(raw, out, "--format", "json", "--format", "csv")
    assert code == 0, output
    assert (out / "corpus.sqlite").is_file() and (out / "divergences.json").is_file()
    assert (out / "e.tmx").read_text(encoding="utf-8") == "an earlier export\n"
    assert "\\u0007" in (out / "beads.jsonl").read_text(encoding="utf-8")
    with open(out / "e.csv", encoding="utf-8-sig", newline="") as fh:
        assert any(r["target_text"].endswith("95%.\x07") for r in csv.DictReader(fh))
    code, output = _export("--db", out / "corpus.sqlite", "--format", "html")
    assert code == 1 and "cannot be written to HTML" in output


def test_build_refuses_an_unknown_format_before_it_starts(
        tmp_corpus: Callable[..., Path], tmp_path: Path) -> None:
    code, output = _build(_special_corpus(tmp_corpus, ""), tmp_path / "out", "--format",
                          "docx")
    assert (code, output.strip()) == (
        1, "error: unknown export format 'docx' (tmx, json, csv, html)")
    assert not (tmp_path / "out").exists()


def test_output_that_cannot_take_the_files(built: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, output = _export("--db", built, "--out", blocker, "--format", "csv")
    assert (code, output.strip()) == (1, f"error: {blocker}: not a directory")
    out = tmp_path / "out"
    out.mkdir()
    (out / "outline.en.a.csv").write_text("earlier\n", encoding="utf-8")
    (out / "outline.en.b.csv").mkdir()
    code, output = _export("--db", built, "--out", out, "--format", "csv")
    assert (code, output.strip()) == (
        1, f"error: {out / 'outline.en.b.csv'}: a directory is in the way of the export")
    assert (out / "outline.en.a.csv").read_text(encoding="utf-8") == "earlier\n"
    assert sorted(p.name for p in out.iterdir()) == ["outline.en.a.csv", "outline.en.b.csv"]


def test_manifest_keeps_unchanged_entries_and_survives_damage(built: Path,
                                                              tmp_path: Path) -> None:
    assert _export("--db", built, "--out", tmp_path, "--format", "csv")[0] == 0
    assert _export("--db", built, "--out", tmp_path, "--format", "tmx")[0] == 0
    files = json.loads((tmp_path / "exports.json").read_text(encoding="utf-8"))["files"]
    assert sorted(files) == ["outline.en.a.csv", "outline.en.a.tmx", "outline.en.b.csv",
                             "outline.en.b.tmx", "tmx14.dtd"]
    (tmp_path / "outline.en.a.csv").write_text("edited\n", encoding="utf-8")
    (tmp_path / "exports.json").write_text('{"files": {"outline.en.a.tmx": 3, '
                                           '"outline.en.b.csv": []}}', encoding="utf-8")
    assert _export("--db", built, "--out", tmp_path, "--format", "tmx")[0] == 0
    files = json.loads((tmp_path / "exports.json").read_text(encoding="utf-8"))["files"]
    assert sorted(files) == ["outline.en.a.tmx", "outline.en.b.tmx", "tmx14.dtd"]
    (tmp_path / "exports.json").write_text('{"files": 3}', encoding="utf-8")
    assert _export("--db", built, "--out", tmp_path, "--format", "json")[0] == 0


def test_selection_without_translations_is_refused(built: Path, tmp_path: Path) -> None:
    code, output = _export("--db", built, "--out", tmp_path, "--doc", "action-plan.en",
                           "--format", "tmx")
    assert (code, output.strip()) == (
        1, "error: nothing to export as tmx: the selected documents (action-plan.en) hold "
           "no translation")
    code, output = _export("--db", built, "--out", tmp_path, "--doc", "action-plan.en",
                           "--format", "json")
    assert code == 0, output
    data = json.loads((tmp_path / "corpus.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in data["documents"]] == ["action-plan.en"]
    assert data["alignments"] == [] and data["divergences"] == []
    # without --format, the formats with nothing to write are left out
    out = tmp_path / "related"
    code, output = _export("--db", built, "--out", out, "--doc", "press-conference.en",
                           "--json")
    assert code == 0, output
    assert {f["format"] for f in json.loads(output)} == {"json"}
    data = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    assert data["links"] and {lk["doc"] for lk in data["links"]} == {"press-conference.en"}


def test_letters_follow_the_manifest_not_the_selection(built: Path, tmp_path: Path) -> None:
    assert _export("--db", built, "--out", tmp_path, "--doc", "outline.en.b", "--format",
                   "html")[0] == 0
    page = html.parse(str(tmp_path / "outline.zh.review.html")).getroot()
    assert [th.text_content() for th in page.xpath("//thead//th[@data-doc]")] == [
        "B: outline.en.b"]


def test_help_shows_the_defaults() -> None:
    result = runner.invoke(app, ["export", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "repeat for several [default: all]." in result.output
    assert "[default: data/aligned/corpus.sqlite]" in result.output
