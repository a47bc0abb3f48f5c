"""Word-level divergences: a hand-made opinion with a faithful translation and one
with a word dropped, a phrase added and a term replaced; invariants of the word gaps
on the Outline."""

from __future__ import annotations

from pathlib import Path

import pytest

from outline_corpus.align.corpus import SentenceBead
from outline_corpus.config import Config
from outline_corpus.diverge.lexicon import link_words
from outline_corpus.diverge.wordlink import Linked, LinkedBead, _spans
from outline_corpus.diverge.words import _Index
from outline_corpus.pipeline import Results, analyse

from ..parse.test_opinion import EN, ZH
from .pairs import write_corpus

EDITED = (EN.replace("Improve the system of national standards", "Improve the system of standards")
          .replace("Build 20 national inspection and testing centers.",
                   "Build 20 national inspection and testing centers and green finance "
                   "platforms.")
          .replace("the level of quality will rise markedly",
                   "the level of tourism will rise markedly"))


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("words")
    (root / "zh.txt").write_text(ZH, encoding="utf-8")
    (root / "en.txt").write_text(EN, encoding="utf-8")
    (root / "edited.txt").write_text(EDITED, encoding="utf-8")
    entries = [("op.zh", "zh.txt", "zh", "original"), ("op.en", "en.txt", "en", "translation"),
               ("op.edited", "edited.txt", "en", "translation")]
    (root / "manifest.toml").write_text("".join(
        f'[[documents]]\nid = "{i}"\nfile = "{f}"\nlanguage = "{lang}"\nrole = "{role}"\n'
        f'work = "opinion"\ntitle = "{i}"\n' + ('original = "op.zh"\n' if role != "original"
                                              else "") + "\n"
        for i, f, lang, role in entries), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def res(root: Path) -> Results:
    return analyse(root, Config(), "diverge")


def _words(res: Results, doc: str) -> list[tuple[str, str, str]]:
    return [(r.kind, r.original_text, r.translation_text) for r in res.records
            if r.doc == doc and r.evidence.get("level") == "word"]


def test_the_faithful_translation_has_no_word_record(res: Results) -> None:
    assert _words(res, "op.en") == []


def test_each_edit_is_found_with_its_words(res: Results) -> None:
    found = _words(res, "op.edited")
    assert ("omission", "国家", "") in found
    assert ("meaning_shift", "质量", "tourism") in found
    assert any(k == "addition" and "green finance" in t for k, _, t in found)
    shift = next(r for r in res.records if r.kind == "meaning_shift")
    assert shift.evidence["others"] == {"op.en": "quality"}
    assert "quality" in " ".join(shift.evidence["glosses"])
    assert 0.0 <= shift.evidence["score"] <= 1.0 and shift.severity in ("high", "medium", "low")


def test_gaps_slice_back_and_name_their_records(res: Results) -> None:
    texts = {s.id: s.text for d in res.docs for s in d.all_sentences()}
    beads = {bid: b for al in res.alignments for bid, b in zip(al.bead_ids, al.beads,
                                                               strict=True)}
    ids = {r.id for r in res.records}
    assert res.gaps
    for g in res.gaps:
        text = texts[g.sentence] if g.side == "original" else beads[g.bead].target_text
        assert text[g.start:g.end] == g.text
        assert 0.0 <= g.confidence <= 1.0 and 0.0 <= g.weight <= 1.0
        assert not g.record or g.record in ids


def test_same_input_same_records(root: Path, res: Results) -> None:
    again = analyse(root, Config(), "diverge")
    assert [r.as_dict() for r in again.records] == [r.as_dict() for r in res.records]
    assert again.gaps == res.gaps


def _witness(sourced: float) -> _Index:
    zh, en = "提高质量", "improve quality"
    bead = SentenceBead(("zh/s-1",), ("en/s-1",), 1.0, 0.9, None, None, 1, zh, en)
    words = link_words(zh, en)
    n, m = len(words.words), len(words.english)
    lb = LinkedBead("w", "w/b-1", bead, words, (1.0,) * n, ("",) * n,
                    tuple(sourced if e.word == "quality" else 1.0 for e in words.english),
                    tuple(("zh/s-1", w.start) for w in words.words), tuple(_spans(bead, words)),
                    (frozenset(),) * m, (False,) * n, (frozenset(),) * m,
                    (frozenset(),) * n, (-1,) * n)
    return _Index(Linked((lb,), {}))


def test_a_witness_word_that_renders_something_does_not_echo_an_unsourced_one() -> None:
    # an English word without source is shared only if the other translation says it
    # without source too: a witness whose "quality" renders 质量 does not make an extra
    # "quality" of this translation a gap of the dictionary
    index = _witness(sourced=1.0)
    (lb,) = index.linked.beads
    assert index.echo("quality", lb) == 1.0
    assert index.echo("quality", lb, unsourced=0.6) == 0.0
    index = _witness(sourced=0.2)
    (lb,) = index.linked.beads
    assert index.echo("quality", lb, unsourced=0.6) == 1.0


def test_a_word_repeated_in_a_list_may_be_said_once(tmp_path: Path) -> None:
    """关键环节、关键领域: one translation says "key" twice, the other once; the
    second is no omission (English says a shared modifier once), while a member
    dropped outright still is."""
    zh = "着力提升关键环节、关键领域质量管控水平,推动机械、电子、汽车产业升级。"
    twice = ("Strive to improve quality control in key links and key areas, and "
             "promote the upgrading of the machinery, electronics and automobile industries.")
    once = ("Strive to improve quality control in key links and areas, and promote the "
            "upgrading of the machinery and automobile industries.")
    res = analyse(write_corpus(tmp_path, zh, {"twice": twice, "once": once}), Config(),
                  "diverge")
    dropped = {r.original_text for r in res.records
               if r.doc == "once" and r.kind == "omission"}
    assert "关键" not in dropped
    assert "电子" in dropped


def test_a_repeated_word_is_not_said_once_across_a_member_without_it(tmp_path: Path
                                                                      ) -> None:
    """品牌设计、市场推广、品牌维护: with 市场推广 between, one "brand" cannot say the
    品牌 of both 设计 and 维护, so the first 品牌 without rendering is an omission; a
    translation saying "brand" at both is faithful."""
    zh = "深化品牌设计、市场推广、品牌维护等能力建设。"
    every = "Deepen brand design, market promotion, brand maintenance and other capacity building."
    some = "Deepen design, market promotion, brand maintenance and other capacity building."
    res = analyse(write_corpus(tmp_path, zh, {"every": every, "some": some}), Config(),
                  "diverge")
    dropped = [r for r in res.records if r.kind == "omission" and r.original_text == "品牌"]
    assert [r.doc for r in dropped] == ["some"]
    (r,) = dropped
    assert (r.evidence["start"], r.evidence["end"]) == (zh.index("品牌"), zh.index("品牌") + 2)
    assert r.evidence["others"] == {"every": "brand"}


def test_a_repeated_word_said_for_some_members_only_is_dropped(tmp_path: Path) -> None:
    """绿色设计、绿色制造、绿色建造 as "design, green manufacturing and green
    construction": the English repeats "green" per member, so the first has lost it."""
    zh = "全面推行绿色设计、绿色制造、绿色建造。"
    every = "Fully implement green design, green manufacturing and green construction."
    some = "Fully implement design, green manufacturing and green construction."
    res = analyse(write_corpus(tmp_path, zh, {"every": every, "some": some}), Config(),
                  "diverge")
    assert [r.original_text for r in res.records if r.doc == "some"
            and r.kind == "omission"] == ["绿色"]
