from outline_corpus.segment import Pieces


def test_joined_ranges_map_back_to_raw_spans() -> None:
    raw = "促进产业改造升级和质\n\n量振兴。健全机制。"
    pieces = Pieces(raw, ((0, 10), (12, 21)), "")
    assert pieces.text == "促进产业改造升级和质量振兴。健全机制。"
    text, spans = pieces.sub(0, 14)
    assert text == "促进产业改造升级和质量振兴。"
    assert spans == ((0, 10), (12, 16))
    assert "".join(raw[s:e] for s, e in spans) == text


def test_english_joiner_and_strip() -> None:
    raw = "The main contents of the\nOutline are as follows:"
    pieces = Pieces(raw, ((0, 24), (25, 48)), " ")
    assert pieces.text == "The main contents of the Outline are as follows:"
    text, spans = pieces.sub(20, 48)
    assert text == "the Outline are as follows:"
    assert spans == ((21, 24), (25, 48))
    assert pieces.strip(3, 5) == (4, 5)
