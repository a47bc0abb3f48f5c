"""The TMX in OmegaT, run in console mode on a small project whose source file is made
of corpus sentences: from ``tm/auto`` it fills in their English, and in ``tm`` it
offers the flagged units 30% lower, with every record of a unit in its note."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from outline_corpus import api
from outline_corpus.config import ExportParams
from outline_corpus.export.punct import full_width
from outline_corpus.store.query import Corpus
from outline_corpus.store.rows import BeadRow

OMEGAT = shutil.which("omegat")
pytestmark = pytest.mark.skipif(
    OMEGAT is None or shutil.which("java") is None,
    reason="OmegaT is not installed (Debian package omegat)")

B = "outline.en.b"
SOURCE = "outline.zh.txt"
PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>zh-CN</source_lang>
    <target_lang>en</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""
#: Run on the project's load: the best match OmegaT offers for each source segment (its
#: score and translation memory) and the note of every unit of the translation memories.
MATCHES = r"""
import org.omegat.core.Core
import org.omegat.core.events.IStopped
import org.omegat.core.statistics.FindMatches

if (eventType.toString() != "LOAD") return
def p = Core.getProject()
def stop = { false } as IStopped
def lines = []
try {
    def search
    try {  // OmegaT 3.6
        def fm = new FindMatches(p.getSourceTokenizer(), 10, false, false)
        search = { String s -> fm.search(p, s, true, false, stop) }
    } catch (GroovyRuntimeException e) {  // OmegaT 4
        def fm = new FindMatches(p, 10, false, false)
        search = { String s -> fm.search(s, true, false, stop) }
    }
    p.getAllEntries().each { ste ->
        def best = search(ste.getSrcText())[0]
        lines << ["MATCH", ste.getSrcText(), best.scores[0].score,
                  best.projs.collect { new File(it).name }.join("|")].join("\t")
    }
    p.getTransMemories().each { path, tm ->
        tm.getEntries().each { e ->
            if (e.note) lines << ["NOTE", e.source, e.note.replace("\n", "\\n")].join("\t")
        }
    }
} catch (GroovyRuntimeException e) {
    lines = ["API\t" + e.toString().replace("\n", " ")]
}
new File(System.getenv("OC_OUT")).write(lines.join("\n") + "\n", "UTF-8")
"""


def _fits(b: BeadRow) -> bool:
    """A 1:1 bead OmegaT segments as one sentence: one 。 at its end, no other stop."""
    text = b.source_text
    return (b.kind == "1:1" and text.endswith("。") and "," in text
            and not any(c in text[:-1] for c in "。！？!?；;：:"))


@pytest.fixture(scope="module")
def picked(built: Path) -> tuple[list[BeadRow], list[BeadRow], dict[str, int]]:
    """Three beads of B without records and three with a record of high or medium
    severity, each with a source text no other bead of B has; and per bead its
    number of records."""
    with Corpus.open(built) as corpus:
        records = {r.id: r for r in corpus.divergences()}
        beads = corpus.beads(B)
    texts = [b.source_text for b in beads]
    usable = [b for b in beads if _fits(b) and texts.count(b.source_text) == 1]
    plain = [b for b in usable if not b.divergences][:3]
    flagged = [b for b in usable if {records[r].severity for r in b.divergences}
               & {"high", "medium"}][:3]
    assert len(plain) == len(flagged) == 3
    return plain, flagged, {b.id: len(b.divergences) for b in beads}


def _project(root: Path, texts: list[str], auto: list[Path], tm: list[Path]) -> Path:
    for d in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (root / d).mkdir(parents=True)
    (root / "omegat.project").write_text(PROJECT, encoding="utf-8")
    (root / "source" / SOURCE).write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    for folder, paths in ((root / "tm" / "auto", auto), (root / "tm", tm)):
        for path in paths:
            shutil.copy(path, folder / path.name)
    return root


def _omegat(project: Path, home: Path, script: Path | None = None) -> Path:
    """Run OmegaT's console translation of ``project``; its output file for the script."""
    out = home / "matches.txt"
    args = [str(OMEGAT), str(project), "--mode=console-translate",
            f"--config-dir={home / 'config'}"] + ([f"--script={script}"] if script else [])
    env = {**os.environ, "HOME": str(home), "LC_ALL": "C.UTF-8", "OC_OUT": str(out)}
    home.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(args, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return out


def test_omegat_fills_in_the_english_from_tm_auto(built: Path, tmp_path: Path, picked: tuple[
        list[BeadRow], list[BeadRow], dict[str, int]]) -> None:
    plain, flagged, _ = picked
    exports = {}
    for name, wide in (("wide", True), ("raw", False)):
        api.export(built, tmp_path / name, ["tmx"], docs=[B], params=ExportParams(
            mark_flagged="medium", normalise_punctuation=wide))
        exports[name] = tmp_path / name
    # the source as a translator has it: the official text, with full-width punctuation
    texts = [full_width(b.source_text) for b in plain + flagged]
    results = {}
    for name, folder in exports.items():
        project = _project(tmp_path / f"project-{name}", texts,
                           auto=[folder / f"{B}.tmx", folder / "tmx14.dtd"],
                           tm=[folder / f"{B}.flagged.penalty-30.tmx"])
        _omegat(project, tmp_path / f"home-{name}")
        results[name] = (project / "target" / SOURCE).read_text(encoding="utf-8-sig")
    target = results["wide"]
    assert all(b.target_text in target for b in plain)  # the matches are found
    # flagged units are never put in unasked: they stay Chinese until a translator chooses
    assert not any(b.target_text in target for b in flagged)
    assert all(full_width(b.source_text) in target for b in flagged)
    # a memory of the raw text (ASCII commas) does not match the official text exactly
    assert not any(b.target_text in results["raw"] for b in plain)


def test_omegat_offers_flagged_units_lower_with_all_their_records(
        built: Path, tmp_path: Path,
        picked: tuple[list[BeadRow], list[BeadRow], dict[str, int]]) -> None:
    plain, flagged, counts = picked
    api.export(built, tmp_path / "export", ["tmx"], docs=[B],
               params=ExportParams(mark_flagged="medium"))
    files = [tmp_path / "export" / n for n in (f"{B}.tmx", f"{B}.flagged.penalty-30.tmx",
                                                "tmx14.dtd")]
    project = _project(tmp_path / "project", [b.source_text for b in plain + flagged],
                       auto=[], tm=files)
    script = tmp_path / "matches.groovy"
    script.write_text(MATCHES, encoding="utf-8")
    lines = _omegat(project, tmp_path / "home", script).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in lines.splitlines()]
    if rows and rows[0][0] == "API":
        pytest.skip(f"this OmegaT's matcher is not one the script knows: {rows[0][1]}")
    best = {r[1]: (int(r[2]), r[3]) for r in rows if r[0] == "MATCH"}
    notes = {r[1]: r[2].split("\\n") for r in rows if r[0] == "NOTE"}
    for b in plain:
        assert best[b.source_text] == (100, f"{B}.tmx")
        assert b.source_text not in notes
    for b in flagged:
        assert best[b.source_text] == (70, f"{B}.flagged.penalty-30.tmx")
        assert len(notes[b.source_text]) == counts[b.id]  # one note, every record in it
