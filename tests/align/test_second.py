"""The second model of the aligner's uncertain regions: which beads are aligned again,
how its cosine is put on the main model's scale, and what the second pass keeps."""

import pickle
from pathlib import Path

import numpy as np
import pytest

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.dp import AlignParams, Bead, Context, align
from outline_corpus.align.embed import E5Embedder, load_embedder
from outline_corpus.align.second import Piece, Second, regions

BIBLE = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "bible-001"


def _bead(src: tuple[int, ...], tgt: tuple[int, ...], score: float = 0.9) -> Bead:
    return Bead(src, tgt, score, 0.5 if src and tgt else None)


def test_regions_are_uncertain_two_sided_beads_and_their_two_sided_neighbours() -> None:
    beads = [_bead((0,), (0,)), _bead((1, 2), (1,), 0.4), _bead((3,), (2,)),
             _bead((4,), (3,)), _bead((), (4,)), _bead((5,), (5,), 0.2), _bead((6,), (6,)),
             _bead((7,), ())]
    # the 2:1 bead with one bead either side; the 0:1 bead ends a run, so the 1:1 of
    # confidence 0.2 has only its right neighbour; the 1:0 bead is never aligned again
    assert regions(beads, 0.5) == [(0, 3), (5, 7)]
    assert regions(beads, 0.3) == [(5, 7)]  # 0.4 is then confident enough
    assert regions(beads, 0.1) == []
    assert regions([_bead((0,), (0,)), _bead((1,), (1,))], 0.5) == []


def test_a_cosine_at_the_second_models_random_mean_maps_to_the_main_models() -> None:
    vec = np.array([[1.0, 0.0]], np.float32)
    piece = Piece([vec], [vec], {(1, 1): (1.0, 0.1, 0.05, 0.2)}, 0.5)
    base = np.array([0.8])
    # the second model's cosine is 1.0, its random mean: on the main scale, 0.05
    assert np.allclose(piece.blend(1, 1, np.array([1]), 1, base), 0.5 * 0.8 + 0.5 * 0.05)
    off = Piece([vec], [vec], {(1, 1): (1.0, 0.1, 0.05, 0.2)}, 0.0)
    assert np.allclose(off.blend(1, 1, np.array([1]), 1, base), base)


def test_e5_gives_a_text_the_same_bits_alone_and_in_a_batch() -> None:
    model = load_embedder("e5-small")
    assert isinstance(model, E5Embedder) and model.name.startswith("e5-small@")
    texts = ["加强质量基础设施建设。", "Strengthen the quality infrastructure.", "标准"]
    together = model.encode(texts)
    alone = np.vstack([model.encode([t]) for t in reversed(texts)])[::-1]
    assert together.shape == (3, 384) and together.dtype == np.float32
    assert np.array_equal(together, alone)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert model.encode([]).shape == (0, 384)


def test_the_second_model_travels_without_its_cache(tmp_path: Path) -> None:
    sec = Second("e5-small", ("甲",), ("a",), EmbeddingCache(tmp_path / "c.sqlite"))
    copy = pickle.loads(pickle.dumps(sec))
    assert copy.cache is None and copy.src_texts == ("甲",) and copy.spec == "e5-small"


def test_weight_zero_gives_no_second_model_and_the_first_pass() -> None:
    rng = np.random.default_rng(5)
    s1 = rng.normal(size=(4, 8)).astype(np.float32)
    s1 /= np.linalg.norm(s1, axis=1, keepdims=True)
    t1 = s1 + 0.3 * rng.normal(size=(4, 8)).astype(np.float32)
    t1 /= np.linalg.norm(t1, axis=1, keepdims=True)
    texts = ["a", "b", "c", "d"]
    p = AlignParams(second_weight=0.0, max_side=1, max_total=2)
    assert Context.of(s1, t1, texts, texts, p).second is None
    on = Context.of(s1, t1, texts, texts, AlignParams())
    assert on.second is not None and on.at(1, 2).second is on.second


@pytest.fixture(scope="module")
def bible() -> tuple[list[str], list[str]]:
    root = BIBLE
    if not root.is_dir():
        pytest.skip("../shared/bench/bible-001 is not beside the repository")
    en = (root / "en.txt").read_text(encoding="utf-8").splitlines()
    zh = (root / "zh.txt").read_text(encoding="utf-8").splitlines()
    return en, zh


def test_the_second_pass_keeps_every_sentence_in_one_bead_in_order(
        bible: tuple[list[str], list[str]], tmp_path: Path) -> None:
    en, zh = bible[0][:60], bible[1][:80]
    model = load_embedder()
    cache = EmbeddingCache(tmp_path / "c.sqlite")
    sw = model.windows(en, 5, " ", cache)
    tw = model.windows(zh, 5, "", cache)
    lengths = ([len(x) for x in en], [len(x) for x in zh])
    first = align(sw, tw, *lengths, AlignParams(second_weight=0.0),
                  Context.of(sw[0], tw[0], en, zh, AlignParams(second_weight=0.0)))
    p = AlignParams()
    beads = align(sw, tw, *lengths, p, Context.of(sw[0], tw[0], en, zh, p, cache))
    misses = cache.misses
    again = align(sw, tw, *lengths, p, Context.of(sw[0], tw[0], en, zh, p, cache))
    assert [x for b in beads for x in b.src] == list(range(60))
    assert [x for b in beads for x in b.tgt] == list(range(80))
    assert beads == again and cache.misses == misses  # its vectors read from the cache
    redone = {k for k0, k1 in regions(first, p.second_confidence) for k in range(k0, k1)}
    kept = [b for k, b in enumerate(first) if k not in redone]
    assert kept and all(b in beads for b in kept)  # beads outside the regions stay


def test_the_second_model_finds_the_verses_the_main_model_groups_wrongly(
        bible: tuple[list[str], list[str]], tmp_path: Path) -> None:
    # Genesis 14:2-3, one English verse each for two Chinese sentences (…和比拉王。
    # 比拉就是琐珥。 "and the king of Bela, which is Zoar"; 这五王都在西订谷会合。
    # 西订谷就是盐海。 "… in the vale of Siddim, which is the salt sea"): beads of
    # bible-001's gold that use-m3 alone groups otherwise
    en, zh = bible[0][255:378], bible[1][339:498]
    model = load_embedder()
    p = AlignParams()
    cache = EmbeddingCache(tmp_path / "c.sqlite")
    sw = model.windows(en, 5, " ", cache)
    tw = model.windows(zh, 5, "", cache)
    beads = align(sw, tw, [len(x) for x in en], [len(x) for x in zh], p,
                  Context.of(sw[0], tw[0], en, zh, p, cache))
    found = {(b.src, b.tgt) for b in beads}
    assert {((100,), (127, 128)), ((101,), (129, 130))} <= found
