"""The review page of a law with chapters and sections numbered under each chapter:
every division heads its own section, keyed by its path, with its label and title."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from outline_corpus.config import Config
from outline_corpus.export.html import toc
from outline_corpus.export.review import build_review
from outline_corpus.pipeline import run
from outline_corpus.store.query import Corpus

ZH = ("示例法\n第一章 总则\n第一节 一般规定\n第一条 为了保护数据安全，制定本法。\n"
      "第二节 适用范围\n第二条 本法适用于境内的数据处理活动。\n"
      "第二章 附则\n第一节 施行\n第三条 本法自2021年9月1日起施行。\n")
EN = ("Sample Law\nChapter I General Provisions\nSection 1 General Rules\n"
      "Article 1 This Law is enacted to protect data security.\n"
      "Section 2 Scope\nArticle 2 This Law applies to data processing activities in China.\n"
      "Chapter II Supplementary Provisions\nSection 1 Entry into Force\n"
      "Article 3 This Law shall take effect on September 1, 2021.\n")


def test_law_sections_are_sections_of_the_review(tmp_corpus: Callable[..., Path],
                                                 tmp_path: Path) -> None:
    raw = tmp_corpus([
        {"id": "s.zh", "file": "zh.txt", "language": "zh", "role": "original", "work": "s",
         "title": "示例法"},
        {"id": "s.en", "file": "en.txt", "language": "en", "role": "translation", "work": "s",
         "title": "Sample Law", "original": "s.zh"},
    ], {"zh.txt": ZH, "en.txt": EN})
    run(raw, tmp_path, Config(), "store")
    with Corpus.open(tmp_path / "corpus.sqlite") as corpus:
        review = build_review(corpus, "s.zh", ("s.en",))
    body = [s for s in review.sections if s.kind != "front"]
    assert [(s.anchor, s.kind, s.label) for s in body] == [
        ("chap-1", "chapter", "第一章"), ("chap-1/sec-1", "section", "第一节"),
        ("art-1", "article", "第一条"), ("chap-1/sec-2", "section", "第二节"),
        ("art-2", "article", "第二条"), ("chap-2", "chapter", "第二章"),
        ("chap-2/sec-1", "section", "第一节"), ("art-3", "article", "第三条")]
    assert [s.title for s in body if s.kind == "section"] == ["一般规定", "适用范围", "施行"]
    assert all(not s.missing for s in body)  # the translation has every unit
    entries = toc(review)
    assert [e.anchor for e in entries if e.kind == "chapter"] == ["chap-1", "chap-2"]
