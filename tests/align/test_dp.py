"""The bead DP on hand-made sentences whose correct beads are known."""

import numpy as np
import pytest

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.dp import AlignParams, Bead, align, anchors
from outline_corpus.errors import ParameterError

from .conftest import BagOfWords

# Six "source" sentences, each made of distinct words.
WORDS = [f"w{k}" for k in range(60)]
SRC = [" ".join(WORDS[10 * k:10 * k + 10]) + "." for k in range(6)]


def _run(bow: BagOfWords, src: list[str], tgt: list[str],
         params: AlignParams | None = None) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    p = params or AlignParams()
    cache = EmbeddingCache(None)
    sw = bow.windows(src, p.max_side, " ", cache)
    tw = bow.windows(tgt, p.max_side, " ", cache)
    beads = align(sw, tw, [len(s) for s in src], [len(t) for t in tgt], p)
    return [(b.src, b.tgt) for b in beads]


def _split(sentence: str, parts: int) -> list[str]:
    words = sentence.rstrip(".").split()
    size = len(words) // parts
    chunks = [words[k * size:(k + 1) * size] for k in range(parts - 1)]
    chunks.append(words[(parts - 1) * size:])
    return [" ".join(c) + "." for c in chunks]


def test_one_to_one(bow: BagOfWords) -> None:
    assert _run(bow, SRC, list(SRC)) == [((k,), (k,)) for k in range(6)]


def test_splits_into_two_three_and_five(bow: BagOfWords) -> None:
    tgt = [SRC[0], *_split(SRC[1], 2), SRC[2], *_split(SRC[3], 3), *_split(SRC[4], 5), SRC[5]]
    assert _run(bow, SRC, tgt) == [
        ((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4, 5, 6)),
        ((4,), (7, 8, 9, 10, 11)), ((5,), (12,))]


def test_merge_two_to_one_and_two_to_three(bow: BagOfWords) -> None:
    merged = SRC[1].rstrip(".") + " " + SRC[2]
    joined = (SRC[3].rstrip(".") + " " + SRC[4]).rstrip(".").split()
    # the middle target sentence straddles the two source sentences evenly
    tgt = [SRC[0], merged, " ".join(joined[:5]) + ".", " ".join(joined[5:15]) + ".",
           " ".join(joined[15:]) + ".", SRC[5]]
    assert _run(bow, SRC, tgt) == [
        ((0,), (0,)), ((1, 2), (1,)), ((3, 4), (2, 3, 4)), ((5,), (5,))]


def test_insertion_and_deletion(bow: BagOfWords) -> None:
    extra = " ".join(f"x{k}" for k in range(10)) + "."
    tgt = [SRC[0], SRC[1], extra, SRC[2], SRC[4], SRC[5]]
    assert _run(bow, SRC, tgt) == [
        ((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,)), ((3,), ()), ((4,), (4,)),
        ((5,), (5,))]


def test_empty_sides() -> None:
    assert align([], [], [3, 4], [], AlignParams()) == [
        Bead((0,), (), 1.0, None), Bead((1,), (), 1.0, None)]
    assert align([], [], [], [], AlignParams()) == []


def test_band_on_long_input_matches_full_dp(bow: BagOfWords) -> None:
    src = [" ".join(f"s{k}w{j}" for j in range(8)) + "." for k in range(300)]
    tgt: list[str] = []
    for k, s in enumerate(src):
        tgt.extend(_split(s, 2) if k % 7 == 3 else [s])
    full = _run(bow, src, tgt, AlignParams(full_cells=10**9))
    banded = _run(bow, src, tgt, AlignParams(full_cells=1000))
    assert banded == full
    assert sum(1 for s, t in full if len(t) == 2) == 43


def test_anchors_are_increasing(bow: BagOfWords) -> None:
    vecs = bow.encode(SRC)
    assert anchors(vecs, vecs) == [(k, k) for k in range(6)]
    assert anchors(vecs[:0], vecs) == []


def test_confidence_range() -> None:
    cosines = (-1.0, 0.1, 0.4, 0.7, 1.0)
    assert [AlignParams().confidence(c) for c in cosines] == [0.0, 0.0, 0.5, 1.0, 1.0]


@pytest.mark.parametrize("kwargs", [{"max_side": 0}, {"max_side": 9}, {"skip": 0.1},
                                    {"max_total": 1}, {"band": 1}])
def test_bad_parameters(kwargs: dict[str, float]) -> None:
    with pytest.raises(ParameterError):
        AlignParams(**kwargs)  # type: ignore[arg-type]


def test_bead_types_default() -> None:
    types = AlignParams().bead_types
    for t in [(1, 0), (0, 1), (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4),
              (4, 1), (1, 5), (5, 1), (2, 3), (3, 2), (2, 4), (4, 2), (3, 3)]:
        assert t in types
    assert (1, 6) not in types and (3, 4) not in types
    assert np.isclose(AlignParams().skip, -0.3)


def test_hubness_is_the_mean_of_the_nearest_sentences_of_the_other_side() -> None:
    """With a neighbourhood covering the whole other side, a window's hubness is the
    mean of its k best cosines with that side's sentences, whatever the chain."""
    from outline_corpus.align.dp import _Scorer

    rng = np.random.default_rng(7)

    def unit(rows: int) -> np.ndarray:
        x = rng.normal(size=(rows, 16)).astype(np.float32)
        return x / np.linalg.norm(x, axis=1, keepdims=True)

    src, tgt = [unit(9), unit(8)], [unit(12), unit(11)]
    p = AlignParams(neighbours=3, neighbourhood=30)
    scorer = _Scorer(src, tgt, [10] * 9, [10] * 12, p, chain=[(2, 3), (6, 8)])
    assert scorer.hub_s is not None and scorer.hub_t is not None
    for size in (1, 2):
        want_s = np.sort(src[size - 1] @ tgt[0].T, axis=1)[:, -3:].mean(axis=1)
        want_t = np.sort(tgt[size - 1] @ src[0].T, axis=1)[:, -3:].mean(axis=1)
        assert np.allclose(scorer.hub_s[size - 1], want_s, atol=1e-6)
        assert np.allclose(scorer.hub_t[size - 1], want_t, atol=1e-6)
    cols = np.array([3, 5])
    cos = scorer.cosine(4, 2, cols, 1)
    want = cos - 0.5 * (scorer.hub_s[1][2] + scorer.hub_t[0][cols - 1])
    assert np.allclose(scorer.margin(4, 2, cols, 1, cos), want)
    raw = _Scorer(src, tgt, [10] * 9, [10] * 12, AlignParams(neighbours=0))
    assert raw.hub_s is None and np.array_equal(raw.margin(4, 2, cols, 1, cos), cos)


@pytest.mark.parametrize("kwargs", [{"neighbours": -1}, {"neighbours": 51},
                                    {"neighbourhood": 0}])
def test_bad_margin_parameters(kwargs: dict[str, int]) -> None:
    with pytest.raises(ParameterError):
        AlignParams(**kwargs)
