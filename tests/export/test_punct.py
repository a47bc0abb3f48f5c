"""Full-width punctuation for Chinese segments: marks standing in Chinese become
full width, marks between Latin letters or digits stay, and nothing else changes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outline_corpus.export.punct import FULL_WIDTH, chinese, full_width


@pytest.mark.parametrize(("raw", "wide"), [
    ("为指导,立足新发展阶段,完整", "为指导，立足新发展阶段，完整"),
    ("(一)指导思想。", "（一）指导思想。"),
    ("(1)坚持质量第一", "（1）坚持质量第一"),  # the pair follows its Chinese neighbour
    ("数据(GDP)增长", "数据（GDP）增长"),
    ("((嵌套)内容)", "（（嵌套）内容）"),
    ("坚持“质量第一”,推动", "坚持“质量第一”，推动"),  # quotation marks looked past
    ("到2025年, 质量", "到2025年， 质量"),  # one character for one: the space stays
    ("是吗?对!目标:提高;", "是吗？对！目标：提高；"),
    ("比例为1:1,合格率", "比例为1:1，合格率"),  # a ratio keeps its colon
    ("网址:http://x.cn/a?b=1", "网址：http://x.cn/a?b=1"),
    ("第1,2条", "第1,2条"),
    ("Hello, world (ok)!", "Hello, world (ok)!"),
    ("(a) x", "(a) x"),
    ("", ""),
])
def test_marks_standing_in_chinese_become_full_width(raw: str, wide: str) -> None:
    assert full_width(raw) == wide


def test_chinese_characters() -> None:
    assert all(chinese(c) for c in "质，。（《𠀀")
    assert not any(chinese(c) for c in "a1,( “")


TEXT = st.text(alphabet=st.sampled_from([*"质量强国ab12 ,():;!?“”。，", "\u3000"]),
               max_size=40)


@given(TEXT)
def test_one_character_for_one_and_only_ascii_marks_change(text: str) -> None:
    out = full_width(text)
    assert len(out) == len(text)
    assert all(a == b or FULL_WIDTH.get(a) == b for a, b in zip(text, out, strict=True))


@given(st.text(alphabet=st.sampled_from(list("ab12 ,():;!?'\"")), max_size=40))
def test_text_without_chinese_is_unchanged(text: str) -> None:
    assert full_width(text) == text
