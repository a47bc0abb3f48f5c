"""The aligner's dictionary signal: bags of stems shared by a Chinese sentence and its
English rendering, and their place in the bead score."""

import numpy as np

from outline_corpus.align import lexical
from outline_corpus.align.dp import AlignParams, Context, _Scorer, align


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = lexical.normalised(a[None, :])[0], lexical.normalised(b[None, :])[0]
    return float(na @ nb)


def test_a_rendering_shares_stems_with_its_chinese_and_not_with_another() -> None:
    bags = lexical.dense(lexical.bags(["提高产品质量", "improve product quality",
                                       "the weather was cold", "提高产品质量"]), 0, 4)
    assert bags.shape == (4, lexical.DIM)
    assert _cos(bags[0], bags[1]) > 0.3
    assert _cos(bags[0], bags[2]) < 0.05
    assert np.array_equal(bags[0], bags[3])  # the same text, the same bag


def test_a_text_without_content_words_has_an_empty_bag() -> None:
    bags = lexical.bags(["的", "of the", ""])
    assert bags.nnz == 0


def test_window_bags_are_normalised_sums_of_sentence_bags() -> None:
    sentence_bags = lexical.dense(lexical.bags(["质量", "标准", "quality standards"]), 0, 3)
    wins = lexical.windows(sentence_bags, 2)
    assert [w.shape[0] for w in wins] == [3, 2]
    want = lexical.normalised((sentence_bags[0] + sentence_bags[1])[None, :])[0]
    assert np.allclose(wins[1][0], want)
    assert np.allclose(np.linalg.norm(wins[0], axis=1), 1.0, atol=1e-6)


def test_the_weight_adds_the_dictionary_similarity_to_the_cosine() -> None:
    src_texts, tgt_texts = ["质量", "标准"], ["quality", "standards", "weather"]
    rng = np.random.default_rng(3)
    s1 = rng.normal(size=(2, 8)).astype(np.float32)
    t1 = rng.normal(size=(3, 8)).astype(np.float32)
    s1 /= np.linalg.norm(s1, axis=1, keepdims=True)
    t1 /= np.linalg.norm(t1, axis=1, keepdims=True)
    off = Context.of(s1, t1, src_texts, tgt_texts, AlignParams())
    assert off.src_bags is None  # the default: the model alone
    p = AlignParams(lexical_weight=0.5, neighbours=0, max_side=1, max_total=2)
    ctx = Context.of(s1, t1, src_texts, tgt_texts, p)
    scorer = _Scorer([s1], [t1], [2, 2], [7, 9, 7], p, context=ctx)
    cols = np.array([1, 2, 3])
    cos = scorer.cosine(1, 1, cols, 1)
    sim = scorer.similarity(1, 1, cols, 1, cos)
    assert sim[0] > cos[0] + 0.1 and np.isclose(sim[2], cos[2])  # 质量 ~ quality only
    beads = align([s1], [t1], [2, 2], [7, 9, 7], p, ctx)
    assert sorted(k for b in beads for k in b.src) == [0, 1]
    assert sorted(k for b in beads for k in b.tgt) == [0, 1, 2]
