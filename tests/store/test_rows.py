"""Row views of the corpus database: documents, units, sentences, beads, divergence
records and diagnostics, with their filters and errors."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from outline_corpus.diverge.records import Divergence
from outline_corpus.errors import QueryError, UnknownDocumentError
from outline_corpus.store.query import Corpus, to_dataframe

from ..conftest import REAL_RAW


def test_documents_and_units(built: Path) -> None:
    with Corpus.open(built) as corpus:
        (zh,) = corpus.document_rows("outline.zh")
        assert (zh.role, zh.language, zh.file) == ("original", "zh", "outline-zh-xinhua.txt")
        assert zh.text == (REAL_RAW / zh.file).read_text(encoding="utf-8")
        arts = corpus.units("outline.en.a", kind="article")
        assert [a.number for a in arts] == [n for n in range(1, 33) if n not in
                                            (10, 13, 16, 19, 22, 25, 30)]
        assert (arts[0].id, arts[0].label, arts[0].title, arts[0].part) == (
            "outline.en.a/art-1", "(1)", "Guiding ideology", 2)
        items = corpus.units("outline.zh", kind="item", article=2)
        assert [i.number for i in items] == [1, 2, 3, 4, 5, 6]
        art14 = corpus.units("outline.zh", kind="article", article=14)[0]
        assert zh.text[art14.start:art14.end].startswith("(十四)")


def test_beads_carry_their_divergences(built: Path) -> None:
    with Corpus.open(built) as corpus:
        beads = corpus.beads("outline.en.b")
        assert len(beads) == 251
        assert [b.id for b in beads[:2]] == ["outline.en.b/f-1", "outline.en.b/b-1"]
        added = corpus.beads("outline.en.b", kind="0:1")
        assert [(b.id, b.article, b.source_ids) for b in added] == [
            ("outline.en.b/b-83", 10, ())]
        records = {r.id: r for r in corpus.divergences()}
        assert [records[i].kind for i in added[0].divergences] == ["addition"]
        assert len(corpus.beads("outline.en.a", kind="1:0")) == 54
        b12 = next(b for b in beads if b.id == "outline.en.b/b-13")
        assert [records[i].kind for i in b12.divergences if not _word(records[i])] == [
            "omission", "omission"]  # the two clause omissions; word-level ones besides


def _word(r: Divergence) -> bool:
    """A word-level record (see tests/diverge/test_words.py for those)."""
    return r.evidence.get("level") == "word"


def test_divergences_filters_and_quote(built: Path) -> None:
    with Corpus.open(built) as corpus:
        written = json.loads((built.parent / "divergences.json").read_text(encoding="utf-8"))
        assert [r.id for r in corpus.divergences() if not _word(r)] == [
            r["id"] for r in written["records"] if r["evidence"].get("level") != "word"]
        omissions = [r for r in corpus.divergences("outline.en.b", kind="omission")
                     if not _word(r)]
        assert len(omissions) == 6
        # B leaves part 1's first sentence untranslated (benchmarks/gold): all of it
        assert omissions[0].quote == ("党的十八大以来,在以习近平总书记为核心的党中央坚强领导下,"
                                      "我国质量事业实现跨越式发展,质量强国建设取得历史性成效。")
        assert [r.article for r in corpus.divergences("outline.en.a",
                                                      kind="missing_article")] == [
            10, 13, 16, 19, 22, 25, 30]
        assert len(corpus.divergences(severity="high")) == len(
            [r for r in corpus.divergences() if r.severity == "high"])
        with pytest.raises(QueryError, match="unknown divergence kind 'omitted'"):
            corpus.divergences(kind="omitted")
        with pytest.raises(QueryError, match="unknown severity 'major'"):
            corpus.divergences(severity="major")
        with pytest.raises(UnknownDocumentError, match="unknown document id 'x'"):
            corpus.beads("x")
        with pytest.raises(QueryError, match="unknown bead kind 'one to one'"):
            corpus.beads(kind="one to one")
        assert corpus.units(kind="chapter") == []  # a law's kind, none in the Outline
        with pytest.raises(QueryError, match="unknown unit kind 'chapters'"):
            corpus.units(kind="chapters")


def test_diagnostics_and_dataframes(built: Path) -> None:
    with Corpus.open(built) as corpus:
        kinds = [d.kind for d in corpus.diagnostics("outline.zh")]
        assert kinds.count("page_break_join") == 5
        frame = to_dataframe(corpus.beads("outline.en.a"))
        assert len(frame) == 249 and (frame["kind"] == "1:0").sum() == 54
        assert list(frame.columns)[:4] == ["id", "original", "translation", "kind"]


def test_records_reach_the_beads_they_concern(built: Path) -> None:
    with Corpus.open(built) as corpus:
        records = {r.id: r for r in corpus.divergences()}
        on_beads = {t: Counter(records[i].kind for b in corpus.beads(t) for i in b.divergences
                               if not _word(records[i]))
                    for t in ("outline.en.a", "outline.en.b")}
        title = next(b for b in corpus.beads("outline.en.a", article=14)
                     if "outline.en.a/art-14/s-1" in b.target_ids)
        anomalies = [records[i].kind for b in corpus.beads("outline.en.a", article=14)
                     for i in b.divergences if records[i].kind == "numbering_anomaly"]
    # every 1:0 bead of a missing article or heading; a label anomaly on the title
    # only; a front_matter record (front matter with no counterpart) is on no bead
    assert on_beads["outline.en.a"] == Counter({
        "missing_article": 47, "numbering_anomaly": 15, "source_noise": 10,
        "missing_heading": 7, "fused_heading": 5, "list_difference": 2,
        "number_mismatch": 1, "source_suspect": 2, "low_similarity": 1})
    # the two suspects: art. 18's added clause, art. 15's clause said twice
    assert on_beads["outline.en.b"] == Counter({
        "source_noise": 10, "omission": 6, "list_difference": 4, "number_mismatch": 1,
        "addition": 2, "low_similarity": 2, "numbering_anomaly": 1, "source_suspect": 2})
    assert [records[i].kind for i in title.divergences] == anomalies == [
        "numbering_anomaly", "numbering_anomaly"]  # 13 absent before it; "(Fourteen)"
