"""The language registry: lookup by tag, and each language's functions."""

from __future__ import annotations

import pytest

from outline_corpus.errors import UnsupportedLanguageError
from outline_corpus.languages import REGISTRY, language, primary_subtag


@pytest.mark.parametrize(("tag", "code"), [("zh", "zh"), ("zh-CN", "zh"), ("ZH_Hans_CN", "zh"),
                                           (" en-GB ", "en"), ("En", "en")])
def test_tags_normalise_to_the_primary_subtag(tag: str, code: str) -> None:
    assert primary_subtag(tag) == code
    assert language(tag) is REGISTRY[code]


def test_unknown_tag_names_the_supported_languages() -> None:
    with pytest.raises(UnsupportedLanguageError, match=r"'fr-FR' is not supported "
                                                       r"\(supported: zh \(Chinese\), en"):
        language("fr-FR")


def test_chinese_functions() -> None:
    zh = language("zh-CN")
    text = "一、总体要求。到2025年，质量整体水平进一步全面提高。"
    ranges = zh.split_sentences(text)
    assert [text[a:b] for a, b in ranges] == [
        "一、总体要求。", "到2025年，质量整体水平进一步全面提高。"]
    assert zh.split_clauses("到2025年，质量整体水平进一步全面提高。") == [
        "到2025年，", "质量整体水平进一步全面提高。"]
    assert [n.value for n in zh.read_numbers("到2025年，培育十大工程")] == [2025, 10]
    assert (zh.joiner, zh.tmx_tag) == ("", "zh-CN")


def test_english_functions() -> None:
    en = language("en")
    text = "By 2025, quality will improve. Ten projects will start."
    assert [text[a:b] for a, b in en.split_sentences(text)] == [
        "By 2025, quality will improve.", "Ten projects will start."]
    assert [n.value for n in en.read_numbers(text)] == [2025, 10]
    assert (en.joiner, en.tmx_tag) == (" ", "en")
