"""Two Chinese words said by one English word: the one-to-one matching of dictionary
links on hand-made phrases, and the record and mark of a hand-made pair (the records
on the Outline are tested in test_detect.py)."""

from __future__ import annotations

from pathlib import Path

from outline_corpus.config import Config
from outline_corpus.diverge.lexicon import link_words
from outline_corpus.diverge.wordlink import shared_links
from outline_corpus.pipeline import analyse

from .pairs import write_corpus


def _links(zh: str, en: str) -> dict[str, tuple[set[str], str]]:
    """Chinese word → (the words that share its English, the English word it gets)."""
    words = link_words(zh, en)
    shares, own = shared_links(words, zh, en)
    return {w.word: ({words.words[j].word for j in s},
                     words.english[k].word if k >= 0 else "")
            for w, s, k in zip(words.words, shares, own, strict=True)}


def test_two_words_with_one_english_word_share_it() -> None:
    got = _links("质量管理协同、企业分工协作", "quality management coordination and "
                 "division of labor among enterprises")
    # either may be left without it: each is marked as sharing it with the other
    assert got["协同"][0] == {"协作"} and got["协作"][0] == {"协同"}
    assert sorted(x[1] for w, x in got.items() if w in ("协同", "协作")) == [
        "", "coordination"]


def test_words_with_words_of_their_own_share_nothing() -> None:
    # both glosses link both English words; the matching keeps their order
    got = _links("实施考核评价", "implement assessment and evaluation")
    assert got["考核"] == (set(), "assessment") and got["评价"] == (set(), "evaluation")


def test_a_light_word_claims_no_english_word() -> None:
    # 开展's gloss "to develop" links "development", which renders 研制
    got = _links("开展研制", "carry out the development")
    assert got["研制"] == (set(), "development") and got["开展"] == (set(), "")


ZH = "构建质量管理协同、企业分工协作的良好生态。"
COLLAPSING = ("Build a sound ecology of quality management coordination and division of "
              "labor among enterprises.")
WITNESS = ("Build a good ecology of quality management coordination and enterprise "
           "division of labor and cooperation.")


def test_a_word_said_only_by_its_neighbours_word_is_a_meaning_shift(tmp_path: Path) -> None:
    res = analyse(write_corpus(tmp_path, ZH, {"collapsing": COLLAPSING, "witness": WITNESS}),
                  Config(), "diverge")
    (r,) = [r for r in res.records if r.evidence.get("collapsed_with")]
    assert (r.doc, r.kind, r.original_text, r.translation_text) == (
        "collapsing", "meaning_shift", "协作", "coordination")
    assert r.evidence["collapsed_with"] == ["协同"]
    assert r.evidence["others"] == {"witness": "cooperation"}
    (g,) = [g for g in res.gaps if g.record == r.id]
    assert ZH[g.start:g.end] == "协作" and g.repeats == ("协同",)


def test_no_record_when_the_other_translation_collapses_too(tmp_path: Path) -> None:
    res = analyse(write_corpus(tmp_path, ZH, {"collapsing": COLLAPSING,
                                              "witness": COLLAPSING.replace("sound", "good")}),
                  Config(), "diverge")
    assert not [r for r in res.records if r.evidence.get("collapsed_with")]
