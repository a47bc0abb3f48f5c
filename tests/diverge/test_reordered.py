"""Modifiers put in another order (应用基础研究 → "basic application research") where
another translation keeps the Chinese order: hand-made pairs (the Outline's record is
tested in test_detect.py)."""

from __future__ import annotations

from pathlib import Path

from outline_corpus.config import Config
from outline_corpus.diverge import Divergence
from outline_corpus.pipeline import analyse

from .pairs import write_corpus


def _reordered(root: Path, zh: str, translations: dict[str, str]) -> list[Divergence]:
    res = analyse(write_corpus(root, zh, translations), Config(), "diverge")
    return [r for r in res.records if r.evidence.get("reordered")]


def test_modifiers_in_another_order_are_a_meaning_shift(tmp_path: Path) -> None:
    zh = "加强应用基础研究。"
    (r,) = _reordered(tmp_path, zh, {"kept": "Strengthen applied basic research.",
                                     "swapped": "Strengthen basic application research."})
    assert (r.doc, r.kind, r.original_text, r.translation_text) == (
        "swapped", "meaning_shift", "应用基础研究", "basic application research")
    assert r.evidence["reordered"] == ["基础", "应用", "研究"]
    assert r.evidence["others"] == {"kept": "applied basic research"}
    assert zh[r.evidence["start"]:r.evidence["end"]] == "应用基础研究"


def test_a_verb_and_its_object_may_change_places(tmp_path: Path) -> None:
    # 质量监管 → "supervise quality": a verb phrase, not modifiers in another order
    assert _reordered(tmp_path, "加强质量监管。", {
        "kept": "Strengthen quality supervision.",
        "verb": "Strengthen efforts to supervise quality."}) == []


def test_no_witness_no_reordering(tmp_path: Path) -> None:
    assert _reordered(tmp_path, "加强应用基础研究。",
                      {"swapped": "Strengthen basic application research."}) == []
