"""Aligning the real translations to the Chinese original with the default model."""

from collections import Counter

import pytest

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.corpus import Alignment, align_translation
from outline_corpus.align.embed import load_embedder
from outline_corpus.model import Document


@pytest.fixture(scope="module")
def aligned(corpus: dict[str, Document]) -> dict[str, Alignment]:
    model, cache = load_embedder(), EmbeddingCache(None)
    zh = corpus["outline.zh"]
    return {t: align_translation(zh, corpus[t], model, cache)
            for t in ("outline.en.a", "outline.en.b")}


def test_articles_map_to_the_right_chinese_articles(aligned: dict[str, Alignment]) -> None:
    for tid, n_articles in (("outline.en.a", 25), ("outline.en.b", 32)):
        arts = [u for u in aligned[tid].units if u.kind == "article" and u.source and u.target]
        assert len(arts) == n_articles
        assert all(u.source_number == u.target_number for u in arts)
    missing = [u.source for u in aligned["outline.en.a"].units if u.target is None]
    assert missing == ["outline.zh/part-5", "outline.zh/art-10", "outline.zh/part-6",
                       "outline.zh/art-13", "outline.zh/part-7", "outline.zh/art-16",
                       "outline.zh/part-8", "outline.zh/art-19", "outline.zh/part-9",
                       "outline.zh/art-22", "outline.zh/part-10", "outline.zh/art-25",
                       "outline.zh/part-11", "outline.zh/art-30"]
    assert all(u.source and u.target for u in aligned["outline.en.b"].units)


def test_every_sentence_has_exactly_one_bead(corpus: dict[str, Document],
                                             aligned: dict[str, Alignment]) -> None:
    zh = corpus["outline.zh"]
    original_ids = [s.id for s in zh.sentences()]
    for tid, al in aligned.items():
        body = [b for b in al.beads if not b.front]
        assert sorted(i for b in body for i in b.source) == sorted(original_ids)
        translation_ids = [s.id for s in corpus[tid].sentences()]
        assert sorted(i for b in body for i in b.target) == sorted(translation_ids)
        assert all(0.0 <= b.score <= 1.0 for b in al.beads)
        # front matter: 1:1 beads of front sentences, each at most once, before the body
        front = [b for b in al.beads if b.front]
        assert al.beads[:len(front)] == tuple(front)
        zh_front = {s.id for f in zh.front_matter for s in f.sentences}
        en_front = {s.id for f in corpus[tid].front_matter for s in f.sentences}
        assert all(b.kind == "1:1" and set(b.source) <= zh_front and set(b.target) <= en_front
                   for b in front)
        assert len({i for b in front for i in b.source}) == len(front)


def test_missing_article_gives_one_to_zero_beads(aligned: dict[str, Alignment]) -> None:
    al = aligned["outline.en.a"]
    art10 = [b for b in al.beads if b.source_unit == "outline.zh/art-10"]
    assert len(art10) == 8 and all(b.kind == "1:0" for b in art10)
    assert Counter(b.kind for b in al.beads)["1:0"] == 54


def test_added_sentence_and_front_matter(aligned: dict[str, Alignment]) -> None:
    b = aligned["outline.en.b"]
    added = [x for x in b.beads if x.kind == "0:1"]
    assert [x.target for x in added] == [("outline.en.b/art-10/s-9",)]
    assert "drugs and vaccines" in added[0].target_text
    assert [(f.front, f.unit) for f in b.front] == [
        ("outline.en.b/front-3", "outline.zh/art-2"), ("outline.en.b/front-4", "outline.zh/art-21")]
    a = aligned["outline.en.a"]
    assert [(f.front, f.unit) for f in a.front] == [("outline.en.a/front-2", "outline.zh/art-14")]
    # B's lead-in renders the original's: "…主要内容如下。" / "The main contents … as follows."
    assert [(x.source, x.target) for x in b.beads if x.front] == [
        (("outline.zh/front-3/s-1",), ("outline.en.b/front-7/s-1",))]
    assert b.bead_ids[:2] == ("outline.en.b/f-1", "outline.en.b/b-1")


def test_same_chinese_ids_in_both_translations(aligned: dict[str, Alignment]) -> None:
    title_a = next(x for x in aligned["outline.en.a"].beads
                   if "outline.zh/art-14/s-1" in x.source)
    title_b = next(x for x in aligned["outline.en.b"].beads
                   if "outline.zh/art-14/s-1" in x.source)
    assert title_a.target == ("outline.en.a/art-14/s-1",)
    assert title_b.target == ("outline.en.b/art-14/s-1",)


def test_no_bead_crosses_a_list_item(corpus: dict[str, Document],
                                     aligned: dict[str, Alignment]) -> None:
    zh_item = {s.id: s.item for s in corpus["outline.zh"].article(2).sentences}
    for tid, al in aligned.items():
        en_item = {s.id: s.item for s in corpus[tid].article(2).sentences}
        for bead in (b for b in al.beads if b.article == 2):
            items = {zh_item[i] for i in bead.source} | {en_item[i] for i in bead.target}
            assert len(items) == 1, (tid, bead.source, bead.target)
