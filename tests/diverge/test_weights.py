"""Content weights of words, and which Chinese words may form a paired phrase."""

from __future__ import annotations

from outline_corpus.diverge.weights import LIGHT, en_weight, may_pair, zh_weight


def test_words_that_may_form_a_paired_phrase() -> None:
    assert may_pair("对接", "融合") and may_pair("绿色", "环保")
    assert not may_pair("循环", "利用")  # a verb and a noun
    assert not may_pair("加强", "建设")  # light words
    assert not may_pair("助", "融合")


def test_weights_follow_list_membership_and_lightness() -> None:
    text = "推动技术、标准协同对接融合。"
    assert zh_weight("技术", text, 2, 4) == 1.0  # a member of a list
    assert zh_weight("推动", text, 0, 2) < zh_weight("对接", text, 9, 11, paired=True) == 1.0
    assert en_weight("work") < en_weight("standards") == 1.0


def test_combining_after_xiang_is_light() -> None:
    # 强制性、自愿性相结合的质量披露制度: "a mandatory and voluntary disclosure system"
    # says the combination by its "and"
    text = "建立强制性、自愿性相结合的质量披露制度"
    at = text.index("结合")
    assert zh_weight("结合", text, at, at + 2) == LIGHT
    other = "坚持产学研结合"
    assert zh_weight("结合", other, 5, 7) > LIGHT
