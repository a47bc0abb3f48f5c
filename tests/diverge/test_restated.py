"""Clauses of the English that say nothing of their own: a hand-made pair of
translations (one adds a clause made of words the sentence says already), the
witness rule (restated by every translation, or with no other translation, no gap),
and the restated clauses of the Outline's translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.corpus import align_translation
from outline_corpus.align.embed import load_embedder
from outline_corpus.config import Config, DivergenceParams
from outline_corpus.diverge.restated import CLAUSE_BREAK, restated_clauses
from outline_corpus.diverge.wordlink import Linked, link_alignments
from outline_corpus.model import Document
from outline_corpus.pipeline import Results, analyse

from .pairs import write_corpus

ZH = "提高产品质量,加强标准建设。推动乡村旅游、红色旅游等服务业发展。"
FAITHFUL = ("Improve product quality and strengthen the building of standards. Promote the "
            "development of service industries such as rural tourism and red tourism.")
RESTATING = ("Improve product quality and strengthen the building of standards, and improve "
             "quality standards. Promote the development of service industries, such as "
             "rural tourism, red tourism and others.")


def _analyse(root: Path, translations: dict[str, str]) -> Results:
    return analyse(write_corpus(root, ZH, translations), Config(), "diverge")


@pytest.fixture(scope="module")
def res(tmp_path_factory: pytest.TempPathFactory) -> Results:
    return _analyse(tmp_path_factory.mktemp("restated"),
                    {"faithful": FAITHFUL, "restating": RESTATING})


def test_a_clause_of_words_said_already_is_an_addition(res: Results) -> None:
    (r,) = [r for r in res.records if r.kind == "addition"]
    assert (r.doc, r.translation_text, r.original_text) == (
        "restating", "improve quality standards", "")
    # its words repeat the renderings of 提高 ("Improve"), 质量 ("quality") and 标准
    # ("standards") of the clause before it
    assert r.evidence["restated"] == ["提高", "质量", "标准"]
    assert "faithful does not say it" in r.message
    (gap,) = [g for g in res.gaps if g.repeats]
    assert RESTATING[gap.start:gap.end] == gap.text == "improve quality standards"
    assert gap.record == r.id and gap.others == (("faithful", ""),)


def test_a_list_member_with_a_modifier_of_its_own_is_not_restated(res: Results) -> None:
    # "red tourism" repeats "tourism", but "red" renders 红色 and nothing else does
    assert not [g for g in res.gaps if "red" in g.text and g.side == "translation"]


def test_a_clause_every_translation_restates_is_no_addition(
        tmp_path: Path) -> None:
    found = _analyse(tmp_path, {"one": RESTATING, "two": RESTATING.replace(
        "Promote", "Advance")})
    assert not [r for r in found.records if r.kind == "addition"]
    assert not [g for g in found.gaps if g.repeats]


def test_with_no_other_translation_a_restated_clause_is_no_gap(tmp_path: Path) -> None:
    # legal English says again nouns the Chinese says once: no witness, no evidence
    found = _analyse(tmp_path, {"restating": RESTATING})
    assert not [g for g in found.gaps if g.repeats]


@pytest.fixture(scope="module")
def outline(corpus: dict[str, Document], shared_cache: Path) -> Linked:
    model, cache = load_embedder(), EmbeddingCache(shared_cache)
    zh = corpus["outline.zh"]
    alignments = [align_translation(zh, corpus[t], model, cache)
                  for t in ("outline.en.a", "outline.en.b")]
    return link_alignments(alignments, {s.id: s.text for s in zh.sentences()}, zh.joiner,
                           model, cache)


def _restated(linked: Linked, translation: str, sentence: str) -> list[str]:
    p = DivergenceParams()
    (lb,) = [lb for lb in linked.beads if lb.translation == translation
             and sentence in lb.source.source]
    eng, text = lb.words.english, lb.source.target_text
    return [text[eng[c.words[0]].start:eng[c.words[-1]].end]
            for c in restated_clauses(lb, p)]


def test_both_translations_restate_the_member_the_outline_lacks(outline: Linked) -> None:
    # 全员、全过程、全数据: both say "all staff, all elements, all processes and all
    # data"; "all" repeats 全, "elements" renders nothing (a defect of the original)
    for t in ("outline.en.a", "outline.en.b"):
        assert "all elements" in _restated(outline, t, "outline.zh/art-20/s-2")


def test_restated_clauses_of_the_outline_hold_together(outline: Linked) -> None:
    p = DivergenceParams()
    for lb in outline.beads:
        eng, text = lb.words.english, lb.source.target_text
        for c in restated_clauses(lb, p):
            span = text[eng[c.words[0]].start:eng[c.words[-1]].end]
            assert len(c.words) >= 2 and not CLAUSE_BREAK.search(span)
            assert list(c.words) == list(range(c.words[0], c.words[-1] + 1))
            for i in c.repeats:  # rendered outside the clause, by the dictionary or model
                by = set(lb.words.words[i].rendered_at) | {
                    k for k, o in enumerate(lb.owners) if i in o}
                assert by - set(c.words)
