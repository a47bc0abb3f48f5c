from pathlib import Path

import pytest

from outline_corpus.align.evaluate import evaluate_paths, merge_within, read_beads, score
from outline_corpus.errors import AlignmentFormatError, InputFileError

GOLD = [((0,), (0,)), ((1, 2), (1, 2, 3)), ((3,), (4,)), ((4,), ())]


def test_strict_and_lax() -> None:
    test = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,))]
    s = score(GOLD, test)
    # strict: 2 of 4 test beads are gold beads; 2 of 3 non-empty gold beads are found
    assert (s.strict_precision, round(s.strict_recall, 4), round(s.strict_f1, 4)) == (
        0.5, 0.6667, 0.5714)
    # lax: every test bead shares a link with gold, every gold bead is touched
    assert (s.lax_precision, s.lax_recall, s.lax_f1) == (1.0, 1.0, 1.0)
    assert (s.test_beads, s.gold_beads) == (4, 3)


def test_perfect_and_empty() -> None:
    assert score(GOLD, GOLD).strict_f1 == 1.0
    assert score(GOLD, []).strict_f1 == 0.0


def test_reading_files_and_directories(tmp_path: Path) -> None:
    gold, test = tmp_path / "gold", tmp_path / "test"
    gold.mkdir()
    test.mkdir()
    (gold / "a.align").write_text("[0]:[0]\n[1,2]:[1, 2, 3]\n[3]:[4]\n[4]:[]\n")
    (test / "a.align").write_text("[0]:[0]:0.9\n[1,2]:[1,2,3]\n[3]:[4]\n\n")
    assert read_beads(gold / "a.align") == GOLD
    scores = evaluate_paths(gold, test)
    assert sorted(scores) == ["a.align", "all"]
    assert scores["a.align"].strict_f1 == 1.0 and scores["all"].strict_f1 == 1.0


def test_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.align"
    bad.write_text("[0]:[0]\n0 - 1\n")
    with pytest.raises(AlignmentFormatError, match=r"bad.align:2: not a bead line"):
        read_beads(bad)
    with pytest.raises(InputFileError, match="file not found"):
        read_beads(tmp_path / "missing.align")
    with pytest.raises(AlignmentFormatError, match="two files or two directories"):
        evaluate_paths(bad, tmp_path)


def test_directories_keep_each_files_ids_apart_however_large(tmp_path: Path) -> None:
    gold, test = tmp_path / "gold", tmp_path / "test"
    gold.mkdir()
    test.mkdir()
    (gold / "a").write_text("[10000000]:[10000001]\n")
    (test / "a").write_text("[10000000]:[10000001]\n")
    (gold / "b").write_text("[0]:[0]\n")
    (test / "b").write_text("[0]:[1]\n")  # wrong; must not match a's bead (ids + 10**7)
    scores = evaluate_paths(gold, test)
    assert scores["a"].strict_f1 == 1.0 and scores["b"].strict_f1 == 0.0
    assert scores["all"].strict_precision == 0.5 and scores["all"].lax_precision == 0.5


def test_verse_merge_joins_runs_inside_one_verse_only() -> None:
    # verses: source 0 | 1 2 | 3 4 ; target 0 | 1 2 3 | 4 5
    src_v = ["v1", "v2", "v2", "v3", "v3"]
    tgt_v = ["v1", "v2", "v2", "v2", "v3", "v3"]
    test = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), ()),
            ((), (5,))]
    assert merge_within(test, src_v, tgt_v) == [
        ((0,), (0,)), ((1, 2), (1, 2, 3)), ((3, 4), (4, 5))]
    # a bead spanning two verses is kept, and stops the run on either side
    crossing = [((1,), (1,)), ((2, 3), (2, 3, 4)), ((4,), (5,))]
    assert merge_within(crossing, src_v, tgt_v) == crossing
    gold = [((0,), (0,)), ((1, 2), (1, 2, 3)), ((3, 4), (4, 5))]
    assert score(gold, merge_within(test, src_v, tgt_v)).strict_f1 == 1.0
    assert score(gold, test).strict_f1 < 1.0
