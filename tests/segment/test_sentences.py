from outline_corpus.segment.sentences import split_en, split_zh


def _texts(text: str, ranges: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in ranges]


def test_chinese_splits_on_final_punctuation_not_inside_quotes() -> None:
    text = "确保人民群众“舌尖上的安全”。强化保障！他说：“好。”然后走了；再见？"
    assert _texts(text, split_zh(text)) == [
        "确保人民群众“舌尖上的安全”。", "强化保障！", "他说：“好。”", "然后走了；再见？"]


def test_chinese_semicolon_option() -> None:
    text = "然后走了；再见。"
    assert _texts(text, split_zh(text, semicolon=True)) == ["然后走了；", "再见。"]
    assert _texts(text, split_zh(text)) == ["然后走了；再见。"]


def test_english_keeps_numbers_labels_and_abbreviations() -> None:
    text = ("National and Municipal Quality Supervision[2022]No. 95 In order to implement "
            "it. It grew 3.5 percent. Mr. Tian spoke at 3 p.m. on Thursday. (1) Guiding "
            "ideology. Guided by Thought. (2) Main objectives")
    assert _texts(text, split_en(text)) == [
        "National and Municipal Quality Supervision[2022]No. 95 In order to implement it.",
        "It grew 3.5 percent.",
        "Mr. Tian spoke at 3 p.m. on Thursday.",
        "(1) Guiding ideology.",
        "Guided by Thought.",
        "(2) Main objectives",
    ]


def test_english_splits_where_a_space_is_missing() -> None:
    text = "control software.We will strengthen it."
    assert _texts(text, split_en(text)) == ["control software.", "We will strengthen it."]


def test_english_quotation_opens_next_sentence() -> None:
    text = 'He said "Build it." "Then" they did.'
    assert _texts(text, split_en(text)) == ['He said "Build it."', '"Then" they did.']
