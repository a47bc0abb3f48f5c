"""Altered copies of translation B: each edit must produce exactly the records it
should, and nothing else, next to those of the unaltered text."""

from collections.abc import Callable

import pytest

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.corpus import align_translation
from outline_corpus.align.embed import Embedder, load_embedder
from outline_corpus.diverge import Divergence, detect_divergences
from outline_corpus.model import Document
from outline_corpus.parse import parse_text

from ..conftest import REAL_RAW

#: A record as the tests compare it: kind, severity, the original's sentences and the
#: translation's words (sentence ids of the translation shift with an edit; words do not,
#: and a 0:1 addition has no sentence of the original to tell it from another).
Key = tuple[str, str, tuple[str, ...], str]
RAW_B = (REAL_RAW / "outline-en-b-brand-association.txt").read_text(encoding="utf-8")
DELETED = ("Carry out activities to create safe consumption, promote the integrity and "
           "self-discipline of operators, create a safe consumption environment, and strengthen "
           "the guarantee of after-sales service. ")
KEPT = ("We will improve quality standards in the service sector, strengthen quality monitoring "
        "in the service sector, and optimize the market environment for the service sector.")
ADDED = (" We will also build a national museum of quality culture in every provincial "
         "capital and open it free of charge to schoolchildren.")


@pytest.fixture(scope="module")
def detect(corpus: dict[str, Document]) -> Callable[[str], list[Divergence]]:
    model: Embedder = load_embedder()
    cache = EmbeddingCache(None)

    def run(raw: str) -> list[Divergence]:
        b = parse_text(corpus["outline.en.b"].meta, raw)
        zh = corpus["outline.zh"]
        return detect_divergences(zh, {b.id: b}, [align_translation(zh, b, model, cache)],
                                  model, cache)
    return run


def _new(detect: Callable[[str], list[Divergence]], raw: str) -> list[Key]:
    def keys(records: list[Divergence]) -> set[Key]:
        return {(r.kind, r.severity, r.original_ids, r.translation_text) for r in records
                if r.kind != "front_matter"}
    return sorted(keys(detect(raw)) - keys(detect(RAW_B)))


def test_deleted_sentence_is_an_omission(detect: Callable[[str], list[Divergence]]) -> None:
    assert DELETED in RAW_B
    assert [key[:3] for key in _new(detect, RAW_B.replace(DELETED, ""))] == [
        ("omission", "high", ("outline.zh/art-5/s-3",))]
    record = next(r for r in detect(RAW_B.replace(DELETED, "")) if r.kind == "omission"
                  and r.original_ids == ("outline.zh/art-5/s-3",))
    assert record.original_text == ("开展放心消费创建活动,推动经营者诚信经营,营造安全消费环境,"
                              "加强售后服务保障。")


def test_added_sentence_is_an_addition(detect: Callable[[str], list[Divergence]]) -> None:
    assert KEPT in RAW_B
    raw = RAW_B.replace(KEPT, KEPT + ADDED)
    new = _new(detect, raw)
    assert [(kind, severity, text) for kind, severity, _, text in new] == [
        ("addition", "medium", ADDED.strip())]
    record = next(r for r in detect(raw) if r.kind == "addition" and r.article == 7)
    assert record.translation_text == ADDED.strip()


def test_altered_number(detect: Callable[[str], list[Divergence]]) -> None:
    altered = detect(RAW_B.replace("has reached 94%", "has reached 96%"))
    numbers = [r for r in altered if r.kind == "number_mismatch" and r.article == 2]
    assert [(r.evidence["missing"], r.evidence["extra"]) for r in numbers] == [
        (["94%", "95%"], ["96%"])]


def test_renumbered_article(detect: Callable[[str], list[Divergence]]) -> None:
    raw = RAW_B.replace("(7) Improve the level of industrial quality competition",
                        "(Seven) Improve the level of industrial quality competition")
    records = detect(raw)
    style = [r for r in records if r.kind == "numbering_anomaly"
             and r.evidence["diagnostic"] == "numbering_style"]
    assert [(r.translation_ids, r.translation_text) for r in style] == [
        (("outline.en.b/art-7",), "(Seven)")]
    assert not [r for r in records if r.kind in ("missing_article", "extra_unit")]
