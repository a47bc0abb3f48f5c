"""Row views of the corpus database: documents, units, sentences, beads, divergence
records and diagnostics, with their filters and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

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
        assert len(beads) == 249 and beads[0].id == "outline.en.b/b-1"
        added = corpus.beads("outline.en.b", kind="0:1")
        assert [(b.id, b.article, b.source_ids) for b in added] == [
            ("outline.en.b/b-82", 10, ())]
        records = {r.id: r for r in corpus.divergences()}
        assert [records[i].kind for i in added[0].divergences] == ["addition"]
        assert len(corpus.beads("outline.en.a", kind="1:0")) == 54
        b12 = next(b for b in beads if b.id == "outline.en.b/b-12")
        assert [records[i].kind for i in b12.divergences] == ["omission", "omission"]


def test_divergences_filters_and_quote(built: Path) -> None:
    with Corpus.open(built) as corpus:
        assert len(corpus.divergences()) == 73
        omissions = corpus.divergences("outline.en.b", kind="omission")
        assert len(omissions) == 6
        assert omissions[0].quote == "党的十八大以来,在以习近平总书记为核心的党中央坚强领导下,"
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


def test_diagnostics_and_dataframes(built: Path) -> None:
    with Corpus.open(built) as corpus:
        kinds = [d.kind for d in corpus.diagnostics("outline.zh")]
        assert kinds.count("page_break_join") == 5
        frame = to_dataframe(corpus.beads("outline.en.a"))
        assert len(frame) == 249 and (frame["kind"] == "1:0").sum() == 54
        assert list(frame.columns)[:4] == ["id", "original", "translation", "kind"]
