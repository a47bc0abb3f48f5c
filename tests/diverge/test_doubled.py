"""English that says one word twice in a coordination: the pattern on hand-made
phrases (the records on the Outline are tested in test_detect.py)."""

from __future__ import annotations

import pytest

from outline_corpus.diverge.doubled import DOUBLED


@pytest.mark.parametrize(("text", "word"), [
    ("their basic components and components, and promote", "components"),
    ("policies on industry, finance, finance, science and technology", "finance"),
    ("support the integration and integration of metrology", "integration"),
    ("more suitable for aging, children and children.", "children"),
    ("Quality policies and quality policies.", "quality policies"),
])
def test_a_doubled_word_is_found(text: str, word: str) -> None:
    (m,) = DOUBLED.finditer(text)
    assert m.group(1).lower() == word


@pytest.mark.parametrize("text", [
    "strengthen applied basic research and research and development of technologies",
    "related to data and data development and utilization",
    "Women and women's organizations have the right",
    "a pre-marital, pre-pregnancy, pregnancy, maternity check",
    "experts in bio-pharmaceuticals, pharmaceuticals, hygiene",
    "an area of the firm and area of the state",
])
def test_no_doubling(text: str) -> None:
    assert list(DOUBLED.finditer(text)) == []
