"""Page furniture of extracted text: page numbers and running headers and footers
are set aside (recorded as repairs), and sentences cut by a page break read on across
them. Fixtures written for this test in the shape pdftotext gives a printed law."""

from __future__ import annotations

from outline_corpus.diverge.crossdoc import NOISE
from outline_corpus.model import DocumentMeta
from outline_corpus.parse import parse_text
from outline_corpus.parse.blocks import scan_lines
from outline_corpus.parse.furniture import page_furniture

ZH = ("中华人民共和国示例法\n"
      "第一章 总则\n"
      "第一条 为了规范数据处理活动，保障数据安全，制定本法。\n"
      "第二条 在中华人民共和国境内开展数据处理活动，适用本法。\n"
      "- 1 -\f示例法（2021年版）\n"
      "第三条 国家建立数据分类分级保护制度。\n"
      "第四条 任何组织、个人开展数据处理活动，应当遵守法律、\n"
      "- 2 -\f示例法（2021年版）\n"
      "行政法规，尊重社会公德和伦理。\n"
      "第二章 附则\n"
      "第五条 本法自2021年9月1日起施行。\n"
      "- 3 -\f示例法（2021年版）\n")
EN = ("Sample Law of the People's Republic of China\n"
      "Chapter I General Provisions\n"
      "Article 1 This Law is enacted to regulate data processing and protect data security.\n"
      "Article 2 This Law applies to data processing activities within China.\n"
      "Page 1 of 3\fSample Law (2021 edition)\n"
      "Article 3 The State establishes a system of classified and graded protection.\n"
      "Article 4 Any organization or individual that carries out data processing shall\n"
      "Page 2 of 3\fSample Law (2021 edition)\n"
      "abide by laws and administrative regulations and respect social morality.\n"
      "Chapter II Supplementary Provisions\n"
      "Article 5 This Law shall take effect on September 1, 2021.\n"
      "Page 3 of 3\fSample Law (2021 edition)\n")


def _meta(lang: str) -> DocumentMeta:
    return DocumentMeta(id=f"s.{lang}", file=f"{lang}.txt", language=lang,
                        role="original", work="w", title="T")


def test_page_numbers_and_running_headers_are_found() -> None:
    kept, issues = page_furniture(ZH, scan_lines(ZH))
    assert [(i.kind, ZH[i.start:i.end]) for i in issues] == [
        ("page_number", "- 1 -"), ("page_number", "- 2 -"), ("page_number", "- 3 -"),
        ("running_header", "示例法（2021年版）"), ("running_header", "示例法（2021年版）"),
        ("running_header", "示例法（2021年版）")]
    assert all(i.repaired for i in issues)
    assert kept[0].text == "中华人民共和国示例法"  # the title on page 1 is no header


def test_without_page_breaks_only_a_rising_run_is_page_numbers() -> None:
    page = "".join(f"第{n}条 甲。\n" for n in "一二三四五")
    text = f"{page}1\n{page}2\n{page}3\n"
    assert [i.kind for i in page_furniture(text, scan_lines(text))[1]] == ["page_number"] * 3
    close = "第一条 甲。\n12\n13\n14\n"  # a list of numbers, not pages
    assert page_furniture(close, scan_lines(close))[1] == []
    lone = "第一条 甲。\n2021\n第二条 乙。\n"
    assert page_furniture(lone, scan_lines(lone))[1] == []


def test_law_reads_across_page_furniture() -> None:
    for lang, raw in (("zh", ZH), ("en", EN)):
        doc = parse_text(_meta(lang), raw)
        assert [a.number for a in doc.articles] == [1, 2, 3, 4, 5]
        assert [p.number for p in doc.parts] == [1, 2]
        art4 = doc.article(4)
        assert art4 is not None and len(art4.sentences) == 1
        text = art4.sentences[0].text
        assert ("示例法" not in text and "- 2 -" not in text) if lang == "zh" else (
            "Page 2" not in text and "edition" not in text)
        assert text.endswith(("伦理。", "morality."))
        kinds = [d.kind for d in doc.diagnostics]
        assert kinds.count("page_number") == 3 and kinds.count("running_header") == 3
        assert "page_number" not in NOISE and "running_header" not in NOISE
        for s in doc.all_sentences():
            assert doc.slice(s.spans) == s.text


HYPHENATED = ("Article 1 This Law is enacted in order to regulate data process-\n"
              "ing activities and to protect the security of data.\n"
              "Article 2 It applies to well-\n"
              "known services and to every organi-\f"
              "zation within China.\n"
              "Article 3 This Law shall take effect on September 1, 2021.\n")


def test_words_hyphenated_at_a_line_end_are_rejoined() -> None:
    doc = parse_text(_meta("en"), HYPHENATED)
    assert [a.number for a in doc.articles] == [1, 2, 3]
    first, second = (doc.article(n) for n in (1, 2))
    assert first is not None and second is not None
    assert "data processing activities" in first.sentences[0].text
    # the rule is blunt: a compound broken at its hyphen loses the hyphen too
    assert "wellknown services and to every organization within China." in \
        second.sentences[0].text
    assert [d.kind for d in doc.diagnostics].count("hyphen_join") == 3
    for s in doc.all_sentences():
        assert doc.slice(s.spans) == s.text
        assert all(doc.text[e - 1] != "-" for _, e in s.spans)


def test_a_year_beside_a_page_break_is_no_page_number() -> None:
    text = "第一条 甲。\nCostigan, Johanna\n2022\n\n\f第二条 乙。\n"
    assert page_furniture(text, scan_lines(text))[1] == []


FOOTNOTED = ("Article 1 This Law is enacted to safeguard data security[1] and to protect "
             "the rights of citizens.²\n"
             "Article 2 It applies within China.\n"
             "Article 3 This Law shall take effect on September 1, 2021.\n")
FOOTNOTED_ZH = ("第一条 为了保障数据安全①，制定本法。\n第二条 本法适用于境内。\n"
                "第三条 本法自2021年9月1日起施行。\n")


def test_footnote_markers_glued_to_words_are_set_aside() -> None:
    en = parse_text(_meta("en"), FOOTNOTED)
    first = en.article(1)
    assert first is not None
    assert first.sentences[0].text == ("This Law is enacted to safeguard data security and "
                                       "to protect the rights of citizens.")
    zh = parse_text(_meta("zh"), FOOTNOTED_ZH)
    art = zh.article(1)
    assert art is not None and art.sentences[0].text == "为了保障数据安全，制定本法。"
    for doc, n in ((en, 2), (zh, 1)):
        marks = [d for d in doc.diagnostics if d.kind == "footnote_marker"]
        assert len(marks) == n and all(d.repaired for d in marks)
        for s in doc.all_sentences():
            assert doc.slice(s.spans) == s.text


def test_review_cases_of_extracted_text() -> None:
    """A hyphen before a page number is kept (the pieces could not join directly), an
    enumeration's ① after a colon and a unit's ² stay in the text."""
    across = ("Article 1 The State shall promote the develop-\n\f\n12\n"
              "ment of quality[1] in every sector of the economy.\n"
              "Article 2 It applies within China.\nArticle 3 It takes effect today.\n")
    doc = parse_text(_meta("en"), across)
    first = doc.article(1)
    assert first is not None
    assert first.sentences[0].text == ("The State shall promote the develop- ment of quality "
                                       "in every sector of the economy.")
    zh = parse_text(_meta("zh"), "第一条 国家推动质量发展，包括：①提升质量；②加强品牌。\n"
                                 "第二条 本法适用于境内。\n第三条 本法自公布之日起施行。\n")
    art = zh.article(1)
    assert art is not None and "包括：①提升质量；②加强品牌。" in art.sentences[0].text
    km = parse_text(_meta("en"), "Article 1 The area is 5 km² in all.\nArticle 2 Two.\n"
                                 "Article 3 Three.\n")
    one = km.article(1)
    assert one is not None and "5 km² in all." in one.sentences[0].text
    for d in (doc, zh, km):
        for s in d.all_sentences():
            assert d.slice(s.spans) == s.text
