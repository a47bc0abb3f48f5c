from outline_corpus.numerals import Numeral, read_number


def test_arabic_chinese_words_ordinals_roman() -> None:
    assert read_number("12") == Numeral(12, "arabic")
    assert read_number("三十二") == Numeral(32, "chinese")
    assert read_number("十一") == Numeral(11, "chinese")
    assert read_number("Fourteen") == Numeral(14, "words")
    assert read_number("twenty-three") == Numeral(23, "words")
    assert read_number("twenty-nine") == Numeral(29, "words")
    assert read_number("First") == Numeral(1, "ordinal")
    assert read_number("Eleventh") == Numeral(11, "ordinal")
    assert read_number("XI") == Numeral(11, "roman")
    assert read_number("VIII") == Numeral(8, "roman")


def test_ocr_slip_in_roman_numeral_is_read_and_flagged() -> None:
    assert read_number("VT") == Numeral(6, "roman", reading="VI")


def test_non_numbers_are_refused() -> None:
    for text in ("point", "one two", "cross-border", "and", "", "ET", "Tl", "两三"):
        assert read_number(text) is None, text
