"""English that says one word twice in a coordination: the pattern on hand-made
phrases, the record and the mark of a hand-made pair (the records on the Outline are
tested in test_detect.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from outline_corpus.config import Config
from outline_corpus.diverge.doubled import DOUBLED
from outline_corpus.pipeline import analyse

from .pairs import write_corpus


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


ZH = "改进基础零部件与元器件性能指标。"
DOUBLING = "Improve the performance index of basic components and components."
WITNESS = "Improve the performance indicators of basic parts and components."


def test_the_second_word_of_a_doubling_is_marked_with_its_record(tmp_path: Path) -> None:
    res = analyse(write_corpus(tmp_path, ZH, {"doubling": DOUBLING, "witness": WITNESS}),
                  Config(), "diverge")
    (r,) = [r for r in res.records if r.evidence.get("doubled")]
    assert (r.doc, r.translation_text) == ("doubling", "components and components")
    (g,) = [g for g in res.gaps if g.record == r.id]
    second = DOUBLING.rindex("components")
    assert (g.side, g.start, g.end, g.text) == ("translation", second, second + 10,
                                               "components")
    # the Chinese terms the two words render, and the witness does not double it
    assert g.repeats == ("零部件", "元器件") and g.others == (("witness", ""),)
