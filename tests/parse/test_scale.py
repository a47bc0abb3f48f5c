"""Large generated input: the parsers find every unit of texts with thousands of
articles and paragraphs of thousands of sentences (structure only; the time is
measured by benchmarks/bench_parse.py, never asserted), and report their progress."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from cn2an import an2cn

from outline_corpus.model import Document, DocumentMeta
from outline_corpus.numerals import Numeral
from outline_corpus.parse import parse_corpus, parse_text
from outline_corpus.parse.law import _Mark, article_chain
from outline_corpus.parse.locate import locate, locate_all
from outline_corpus.parse.profiles import law_profile


def _meta(language: str, structure: str = "auto") -> DocumentMeta:
    return DocumentMeta(id=f"big.{language}", file="big.txt", language=language,
                        role="original", work="big", title="big", structure=structure)


def _zh_law(articles: int, per_chapter: int = 20) -> str:
    lines = ["中华人民共和国测试法", "（2024年1月1日通过）"]
    for n in range(1, articles + 1):
        if n % per_chapter == 1:
            lines.append(f"第{an2cn(n // per_chapter + 1)}章　第{n // per_chapter + 1}部分")
        lines.append(f"第{an2cn(n)}条　国家建立健全质量管理制度。有关部门负责监督管理。")
        if n % 10 == 0:
            lines += ["有下列情形之一的，依法处理：", "（一）情节严重的；", "（二）情节轻微的。"]
    return "\n".join(lines) + "\n"


def test_chinese_law_with_thousands_of_articles(tmp_corpus: Callable[..., Path]) -> None:
    n = 3000
    raw = tmp_corpus([{"id": "big.zh", "file": "big.txt", "language": "zh",
                       "role": "original", "work": "big", "title": "测试法"}],
                     {"big.txt": _zh_law(n)})
    (doc,) = parse_corpus(raw)
    assert doc.profile == "law"
    assert [a.number for a in doc.articles] == list(range(1, n + 1))
    assert len([p for p in doc.parts if p.kind == "chapter"]) == n // 20
    assert len(doc.list_items) == 2 * (n // 10)
    assert sum(len(a.sentences) for a in doc.articles) == 2 * n + 3 * (n // 10)
    assert not doc.missing_articles


def test_english_law_with_thousands_of_articles() -> None:
    n = 3000
    lines = ["Test Law of the People's Republic of China"]
    for k in range(1, n + 1):
        if k % 25 == 1:
            lines.append(f"Chapter {k // 25 + 1} General Provisions")
        lines.append(f"Article {k} The State shall improve quality. See Decree No. 95 of "
                     "the State Council.")
    doc = parse_text(_meta("en"), "\n".join(lines) + "\n")
    assert doc.profile == "law"
    assert [a.number for a in doc.articles] == list(range(1, n + 1))
    assert [len(a.sentences) for a in doc.articles] == [2] * n  # "No. 95" holds together
    assert len(doc.parts) == (n + 24) // 25


def test_chain_over_headings_whose_numbers_start_again() -> None:
    """20,000 article headings in which the numbering runs 1..5000 four times: the
    chain is one run of 5000 (the first, of the equally good)."""
    level = law_profile("zh").level("article")
    marks: list[_Mark | None] = []
    for text in (f"第{k}条" for _ in range(4) for k in range(1, 5001)):
        m = level.pattern.match(text)
        assert m is not None
        marks.append(_Mark(level, m, Numeral(int(m.group("num")), "arabic")))
    assert sorted(article_chain(marks)) == list(range(5000))


def _sentences(doc: Document) -> list[str]:
    return [s.text for s in doc.all_sentences()]


def test_english_paragraph_of_many_sentences() -> None:
    """One line of 12,000 sentences (past the size spaCy is given in one chunk), with
    the repairs of "No. 95", a bare label and an opening quotation mark on the way."""
    rng = random.Random(7)
    extras = ['See Decree No. 95 of the State Council.', '(1) The first item applies.',
              'He left. "Quality comes first," he said.']
    parts = []
    for k in range(12_000):
        parts.append(rng.choice(extras) if k % 7 == 0 else f"Sentence {k} is here.")
    text = " ".join(parts)
    doc = parse_text(_meta("en", "flat"), text)
    found = _sentences(doc)
    expected = [s for p in parts for s in ([p] if not p.startswith("He left.")
                                           else ["He left.", p[len("He left. "):]])]
    assert found == expected


def test_chinese_paragraph_of_many_sentences() -> None:
    sentences = [f"第{k}项工作应当“依法”开展（见《规定》）。" if k % 3 else "他说：“好。”"
                 for k in range(30_000)]
    doc = parse_text(_meta("zh", "flat"), "".join(sentences))
    assert _sentences(doc) == sentences


def test_hard_wrapped_paragraph_is_one_paragraph() -> None:
    """A paragraph of 3,000 sentences cut into 72-column lines, none ending in
    punctuation: one paragraph, every sentence found across the line breaks."""
    words = " ".join(f"Quality work number {k} goes on and on." for k in range(3000)).split()
    lines, line = [], []
    for word in words:
        if len(" ".join([*line, word])) > 72:
            carry = [line.pop()] if line[-1].endswith(".") else []
            lines.append(" ".join(line))
            line = carry
        line.append(word)
    lines.append(" ".join(line))
    doc = parse_text(_meta("en", "flat"), "\n".join(lines) + "\n")
    assert len(doc.preamble) == 1
    assert [s.text for s in doc.preamble[0].sentences] == [
        f"Quality work number {k} goes on and on." for k in range(3000)]
    assert all(doc.slice(s.spans) == s.text for s in doc.preamble[0].sentences)


def test_progress_is_reported_from_zero_to_the_whole_text(
        tmp_corpus: Callable[..., Path]) -> None:
    text = _zh_law(400)
    raw = tmp_corpus([{"id": "big.zh", "file": "big.txt", "language": "zh",
                       "role": "original", "work": "big", "title": "测试法"},
                      {"id": "big.en", "file": "big.en.txt", "language": "en",
                       "role": "translation", "original": "big.zh", "work": "big",
                       "title": "Law", "structure": "flat"}],
                     {"big.txt": text, "big.en.txt": "One sentence. Two sentences.\n"})
    calls: list[tuple[str, int, int]] = []
    docs = parse_corpus(raw, progress=lambda *call: calls.append(call))
    assert docs == parse_corpus(raw)  # the same parse without a callback
    for doc_id, total in (("big.zh", len(text)), ("big.en", 29)):
        done = [d for i, d, t in calls if i == doc_id and t == total]
        assert done[0] == 0 and done[-1] == total
        assert done == sorted(done) and len(done) == len(set(done))
    assert len([c for c in calls if c[0] == "big.zh"]) > 10
    assert {c[0] for c in calls} == {"big.zh", "big.en"}  # the original parsed once
    assert calls.index(("big.zh", len(text), len(text))) < calls.index(("big.en", 0, 29))


def test_locate_all_is_locate_for_each_span() -> None:
    rng = random.Random(3)
    for _ in range(300):
        units = []
        for k in range(rng.randint(0, 25)):
            start = rng.randint(0, 50)
            units.append((start, start + rng.randint(-2, 20), f"u{k}"))
        spans = [(s, s + rng.randint(-3, 12)) for s in
                 (rng.randint(-3, 70) for _ in range(rng.randint(0, 25)))]
        assert locate_all(units, spans, "doc") == [locate(units, s, e, "doc")
                                                   for s, e in spans]
