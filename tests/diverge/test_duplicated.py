"""Clauses the original says twice: which neighbouring clauses count as repeats."""

from __future__ import annotations

from outline_corpus.diverge.duplicated import Repeat, repeats


def test_two_clauses_opening_alike_are_a_repeat() -> None:
    text = "完善技术标准,鼓励发展全过程工程咨询和技术服务,鼓励发展全过程工程咨询和专业化服务。"
    first = text.index("鼓励")
    second = text.index("鼓励", first + 1)
    assert repeats("s", text) == [
        Repeat("s", (first, second - 1), (second, len(text) - 1), len("鼓励发展全过程工程咨询和"))]


def test_parallel_clauses_sharing_a_short_opening_are_not() -> None:
    # the same verb opening two clauses of different content is ordinary style
    assert repeats("s", "加强质量监管,加强标准建设。") == []
    # a long phrase repeated inside clauses, not at their openings
    text = "严格进出口商品质量安全检验监管,持续完善进出口商品质量安全风险预警机制。"
    assert repeats("s", text) == []
