"""How a record finds an item of the hand-checked list of divergences
(benchmarks/gold.py): by its own sentence, or from another sentence of the article only
by quoting the item's whole Chinese."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

from outline_corpus.diverge import Divergence

GOLD_PY = Path(__file__).resolve().parents[1] / "benchmarks" / "gold.py"


def _gold() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_gold", GOLD_PY)
    assert spec is not None and spec.loader is not None  # the file ships with the tests
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ITEM: dict[str, Any] = {"article": 2, "sentence": "zh/art-2/s-4", "doc": "en.b",
                        "kind": "omission", "weight": "major", "zh": "经济结构更加优化",
                        "en": "", "note": ""}


def _record(sentence: str, zh: str, kind: str = "omission") -> Divergence:
    return Divergence(f"en.b/{kind}/{sentence}", "en.b", kind, "high", 2, (sentence,),
                      ("en.b/s-1",), zh, "", "", {"level": "word"})


def test_a_word_of_the_item_on_its_sentence_finds_it() -> None:
    assert _gold().finds(_record("zh/art-2/s-4", "优化"), ITEM)


def test_the_same_word_on_another_sentence_does_not() -> None:
    # B's 优化 of the goal 质量发展环境更加优化 (s-14) is not the item of s-4
    assert not _gold().finds(_record("zh/art-2/s-14", "优化"), ITEM)


def test_a_record_quoting_the_whole_item_from_another_sentence_finds_it() -> None:
    # a list record quotes several sentences of the goal list, the item's among them
    quote = "经济发展质量效益明显提升。经济结构更加优化,创新能力显著提升。"
    record = _record("zh/art-2/item-1", quote, "list_difference")
    assert _gold().finds(record, ITEM)


def test_a_judgement_applies_while_its_record_quotes_the_words_judged() -> None:
    gold = _gold()
    record = _record("zh/art-2/s-4", "优化")
    judgements = {record.id: {"right": True, "zh": "优化", "en": ""},
                  "en.b/omission/gone": {"right": True}, "en.b/addition/gone": {"right": False}}
    assert gold.fitting([record], judgements) == ({record.id: True}, [], ["en.b/omission/gone"])
    # the id now names a record quoting other words: unjudged, and the right one lost
    other = _record("zh/art-2/s-4", "结构")
    assert gold.fitting([other], judgements) == (
        {}, [other.id], ["en.b/omission/gone", other.id])
    # a bare judgement (no quotes) applies by id
    assert gold.fitting([other], {other.id: {"right": False}}) == ({other.id: False}, [], [])
