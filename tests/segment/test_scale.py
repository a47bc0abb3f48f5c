"""Long texts in the segmenters: English read in chunks gives the sentences of the whole
text read at once, pieces map back to raw spans however many there are, and a long
text's progress is reported while it is split."""

from __future__ import annotations

import random

from outline_corpus.segment import Pieces, split_progress
from outline_corpus.segment.sentences import _sentencize, split_en, split_zh

FRAGMENTS = ("No.", " ", "  ", "\n", "\xa0", "95", "(1)", "(", "“", '"', "'", "”", ")",
             ".", ". ", "!", "? ", "The", " end", "word", "A", "U.S.", "a.m.", "e.g.",
             " Mr.", "...", ":)", "—", "1.", " i.", "etc.", " x", "Yes", ";", "\t", "?!")


def test_chunks_give_the_sentences_of_the_whole_text() -> None:
    rng = random.Random(11)
    for _ in range(200):
        text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 150)))
        whole = _sentencize(text, chunk=10**9)
        for chunk in (3, 40):
            assert _sentencize(text, chunk=chunk) == whole


def test_long_english_text_split_in_chunks() -> None:
    sentences = [f"Item No. {k} is listed." if k % 5 == 0 else f"Sentence {k} ends here!"
                 for k in range(20_000)]
    text = " ".join(sentences)
    reports: list[int] = []
    with split_progress(reports.append):
        ranges = split_en(text)
    assert [text[s:e] for s, e in ranges] == sentences
    assert len(reports) > 3 and reports == sorted(reports) and reports[-1] == len(text)


def test_long_chinese_text_reports_progress() -> None:
    text = "国家建立健全质量管理制度。" * 200_000
    reports: list[int] = []
    with split_progress(reports.append):
        ranges = split_zh(text)
    assert len(ranges) == 200_000
    assert len(reports) == len(text) // 1_000_000 and reports == sorted(reports)
    assert split_zh("好。") == [(0, 2)]  # outside the context nothing is reported


def test_spans_of_many_pieces() -> None:
    raw = "".join(f"word{k}-\n" if k % 3 == 0 else f"word{k}\n" for k in range(5000))
    spans, pos = [], 0
    for line in raw.splitlines(keepends=True):
        end = pos + len(line.rstrip("\n"))
        spans.append((pos, end - 1 if line.endswith("-\n") else end))
        pos += len(line)
    pieces = Pieces(raw, tuple(spans), " ")
    rng = random.Random(5)
    for _ in range(300):
        start = rng.randint(0, len(pieces.text))
        end = rng.randint(start, len(pieces.text))
        start, end = pieces.strip(start, end)
        text, sub = pieces.sub(start, end)
        assert Pieces(raw, sub, " ").text == text
