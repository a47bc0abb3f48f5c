"""The law parser on small hand-made laws and on the development corpus: divisions,
articles, 款 and 项, front and back matter, PDF joins, citation traps, invariants."""

from __future__ import annotations

from pathlib import Path

import pytest

from outline_corpus.errors import StructureError
from outline_corpus.manifest import load_manifest
from outline_corpus.model import Document, DocumentMeta
from outline_corpus.parse.law import parse_law
from outline_corpus.rawtext import read_raw

DEVCORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "devcorpus"


def parser_bug(reason: str) -> pytest.MarkDecorator:
    """A test that fails because of a known parser defect, described in ``reason``."""
    return pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)


def parse(language: str, text: str) -> Document:
    meta = DocumentMeta(id=f"t.{language}", file=f"t.{language}.txt", language=language,
                        role="original" if language == "zh" else "translation",
                        work="test-law", title="测试法", original=None if language == "zh"
                        else "t.zh")
    return parse_law(meta, text, meta.file)


# -- fixtures ---------------------------------------------------------------------------
ZH_LAW = """\
# 中华人民共和国数据安全法
（2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过）
## 序言
国家保护个人、组织与数据有关的权益。本法是数据安全的基本法。
## 第一章 总则
第一条 为了规范数据处理活动，保障数据安全，制定本法。
第二条 在中华人民共和国境内开展数据处理活动及其安全监管，适用本法。
在中华人民共和国境外开展数据处理活动，损害中华人民共和国国家安全的，依法追究法律责任。
## 第二章 数据安全制度
### 第一节 一般规定
第三条 有下列情形之一的，应当立即报告：
（一）发生数据泄露的；
（二）发生数据篡改的。
### 第二节 重要数据
第四条 重要数据的处理者应当履行下列义务：
(一)明确数据安全负责人；
(二)定期开展风险评估。
## 第三章 附则
### 第一节 施行
第五条 本法自2021年9月1日起施行。
（资料来源：全国人民代表大会网站）
"""

ZH_TRAP = """\
第一条 为了保护个人信息权益，制定本规定。
第二条 违反本规定第十条、第十一条、
第二十条、第二十一条规定的，由网信部门责令改正。
第三条 本规定自2022年3月1日起施行。
"""

EN_TRAP = """\
Article 1 These Provisions are formulated to protect personal information.
Article 2 Violations of Article 5, Article 6,
Article 7, Article 8, and Article 9 of these Provisions shall be corrected.
Article 12 shall apply where the violation causes serious harm.
Article 3 These Provisions shall take effect on March 1, 2022.
"""

EN_LAW = """\
Order of the President of the People's Republic of China
No. 84
The Data Security Law of the People’s Republic of China, adopted at the 29th Meeting of \
the Standing Committee of the Thirteenth National People’s Congress on June 10, 2021, is \
hereby promulgated, and shall go into effect on September 1, 2021.
Xi Jinping
President of the People’s Republic of China
June 10, 2021
Data Security Law of the People's Republic of China
(Adopted at the 29th Meeting of the Standing Committee of the Thirteenth National \
People’s Congress on June 10, 2021)
Contents
Chapter I General Provisions
Chapter II Data Security Systems
Chapter III Supplementary Provisions
Chapter I General Provisions
Article 1 This Law is enacted for the purpose of regulating data processing and \
ensuring data security.
Article 2: This Law shall apply to the following activities:
(1) the collection and storage of data; and
(2) the use and transmission of data.
Chapter II
Data Security Systems
Article 3:Where important data is processed, a risk assessment shall be carried out.
Chapter III
Supplementary Provisions
Article 4 This Law shall come into force as of September 1, 2021.
---
Source: http://www.npc.gov.cn/englishnpc/c2759/c23934/202112/t20211209_385109.html
"""

#: Lines of the DigiChina pdftotext (Chinese), cut at the print width; a form feed before
#: 第五条 and one added in mid-sentence in 第六条.
ZH_PDF = (
    "第一章 总 则\n"
    "第一条 为了规范互联网信息服务算法推荐活动，弘扬社会主义核心价值观，维护国家安全和社会\n"
    "公共利益，保护公民、法人和其他组织的合法权益，促进互联网信息服务健康有序发展，根据《中\n"
    "华人民共和国网络安全法》、《中华人民共和国数据安全法》、《中华人民共和国个人信息保护\n"
    "法》、《互联网信息服务管理办法》等法律、行政法规，制定本规定。\n"
    "第二条 在中华人民共和国境内应用算法推荐技术提供互联网信息服务（以下简称算法推荐服\n"
    "务），适用本规定。法律、行政法规另有规定的，依照其规定。\n"
    "前款所称应用算法推荐技术，是指利用生成合成类、个性化推送类、排序精选类、检索过滤类、调\n"
    "度决策类等算法技术向用户提供信息。\n"
    "第三条 国家网信部门负责统筹协调全国算法推荐服务治理和相关监督管理工作。国务院电信、公\n"
    "安、市场监管等有关部门依据各自职责负责算法推荐服务监督管理工作。\n"
    "第四条 提供算法推荐服务，应当遵守法律法规，尊重社会公德和伦理，遵守商业道德和职业道\n"
    "德，遵循公正公平、公开透明、科学合理和诚实信用的原则。\n"
    "\n\f第五条 鼓励相关行业组织加强行业自律，建立健全行业标准、行业准则和自律管理制度，督促指\n"
    "导算法推荐服务提供者制定完善服务规范、依法提供服务并接受社会监督。\n"
    "第二章 信息服务规范\n"
    "第六条 算法推荐服务提供者应当坚持主流价值导向，优化算法推荐服务机制，积极传播正能量，\n"
    "促进算法应用向上向善。\n"
    "算法推荐服务提供者不得利用算法推荐服务从事危害国家安全和社会公共利益、扰乱经济秩序和社\n"
    "\n\f会秩序、侵犯他人合法权益等法律、行政法规禁止的活动，不得利用算法推荐服务传播法律、行政\n"
    "法规禁止的信息，应当采取措施防范和抵制传播不良信息。\n"
)

#: The NPC translation of the Data Security Law, wrapped at 72 characters, with a form
#: feed in mid-sentence (Article 2) and one just before Article 4, the last.
EN_PDF = (
    "Chapter I General Provisions\n"
    "Article 1 This Law is enacted for the purpose of regulating data\n"
    "processing, ensuring data security, promoting development and\n"
    "utilization of data, protecting the lawful rights and interests of\n"
    "individuals and organizations, and safeguarding the sovereignty,\n"
    "security, and development interests of the state.\n"
    "Article 2 This Law shall apply to data processing activities and\n"
    "security supervision and regulation of such activities within the\n"
    "\n\fterritory of the People’s Republic of China.\n"
    "Article 3 For the purpose of this Law, the term “data” refers to any\n"
    "record of information in electronic or any other form.\n"
    "\n\fArticle 4 In preserving data security, the holistic approach to national\n"
    "security shall be adopted, sound data security governance systems shall\n"
    "be established, and data security and protection capabilities shall be\n"
    "improved.\n"
)

EN_MISSING_ITEM = """\
Article 1: Applicants shall meet the following requirements:
(2) have a clear and lawful purpose;
(3) have a reasonable collection plan.
Article 2: These Regulations take effect on July 1, 2019.
"""
EN_MISSING_ITEM = """\
Article 1: Applicants shall meet the following requirements:
(2) have a clear and lawful purpose;
(3) have a reasonable collection plan.
Article 2: These Regulations take effect on July 1, 2019.
"""

FIXTURES = {"zh-law": ("zh", ZH_LAW), "zh-trap": ("zh", ZH_TRAP), "en-trap": ("en", EN_TRAP),
            "en-law": ("en", EN_LAW), "zh-pdf": ("zh", ZH_PDF), "en-pdf": ("en", EN_PDF),
            "en-missing-item": ("en", EN_MISSING_ITEM)}


# -- 1. a Chinese law ---------------------------------------------------------------------
def test_chinese_law_divisions_articles_paragraphs_and_items() -> None:
    doc = parse("zh", ZH_LAW)
    assert [a.heading.label for a in doc.articles] == ["第一条", "第二条", "第三条", "第四条",
                                                      "第五条"]
    chapters = [p for p in doc.parts if p.kind == "chapter"]
    assert [(c.number, c.heading.label, c.title) for c in chapters] == [
        (1, "第一章", "总则"), (2, "第二章", "数据安全制度"), (3, "第三章", "附则")]
    for part in doc.parts:  # Markdown marks stay outside the label and the title
        assert doc.text[slice(*part.heading.label_span)] == part.heading.label
        assert "#" not in part.title
    art2, art3, art4 = doc.article(2), doc.article(3), doc.article(4)
    assert art2 is not None and art3 is not None and art4 is not None
    assert [p.text for p in art2.paragraphs] == [
        "在中华人民共和国境内开展数据处理活动及其安全监管，适用本法。",
        "在中华人民共和国境外开展数据处理活动，损害中华人民共和国国家安全的，依法追究法律责任。"]
    assert [(i.number, i.marker, i.text) for i in art3.items] == [
        (1, "（一）", "发生数据泄露的；"), (2, "（二）", "发生数据篡改的。")]
    assert [(i.number, i.marker, i.text) for i in art4.items] == [
        (1, "(一)", "明确数据安全负责人；"), (2, "(二)", "定期开展风险评估。")]
    assert [p.text for p in art4.paragraphs] == ["重要数据的处理者应当履行下列义务："]
    assert [(s.role, s.item) for s in art4.sentences][1:] == [("item", 1), ("item", 2)]


def test_chinese_sections_lie_in_their_chapter_and_restart_per_chapter() -> None:
    doc = parse("zh", ZH_LAW)
    chap = {p.number: p for p in doc.parts if p.kind == "chapter"}
    sections = [p for p in doc.parts if p.kind == "section"]
    assert [(s.number, s.heading.label, s.title) for s in sections] == [
        (1, "第一节", "一般规定"), (2, "第二节", "重要数据"), (1, "第一节", "施行")]
    assert [s.parent for s in sections] == [chap[2].id, chap[2].id, chap[3].id]
    for sec in sections:
        assert sec.parent is not None and sec.id.startswith(sec.parent + "/")
    assert len({p.id for p in doc.parts}) == len(doc.parts) == 6
    assert chap[1].parent is None and sections[1].articles == (4,)
    assert not [d for d in doc.diagnostics if d.kind.startswith("numbering")]


def test_chinese_front_matter_preamble_and_back_matter() -> None:
    doc = parse("zh", ZH_LAW)
    assert [(f.kind, f.text) for f in doc.front_matter] == [
        ("headline", "中华人民共和国数据安全法"),
        ("adoption-note", "（2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过）"),
        ("headline", "序言")]
    assert [p.text for p in doc.preamble] == [
        "国家保护个人、组织与数据有关的权益。本法是数据安全的基本法。"]
    assert [s.text for s in doc.preamble_sentences] == [
        "国家保护个人、组织与数据有关的权益。", "本法是数据安全的基本法。"]
    assert [(b.kind, b.text) for b in doc.back_matter] == [
        ("back-matter", "（资料来源：全国人民代表大会网站）")]
    last = doc.articles[-1]
    assert doc.text[last.start:last.end] == "第五条 本法自2021年9月1日起施行。"


# -- 2. citations that a line break put at the start of a line ----------------------------
@pytest.mark.parametrize("language, text", [("zh", ZH_TRAP), ("en", EN_TRAP)],
                         ids=["zh", "en"])
def test_cited_article_at_line_start_is_not_an_article(language: str, text: str) -> None:
    doc = parse(language, text)
    assert [a.number for a in doc.articles] == [1, 2, 3]
    art2 = doc.article(2)
    assert art2 is not None
    cites = ["第二十条、第二十一条"] if language == "zh" else ["Article 7, Article 8",
                                                           "Article 12 shall apply"]
    for cite in cites:  # "Article 12 shall apply" matches the label; the chain drops it
        assert any(p.text.startswith(cite) for p in art2.paragraphs), cite


@parser_bug("article_chain takes the longest rising chain, so a cited higher number at a "
            "line start in the LAST article extends it: articles come out [1, 2, 3, 12]")
def test_citation_in_last_article_is_not_an_article() -> None:
    doc = parse("en", "Article 1 These Provisions protect personal information.\n"
                      "Article 2 Violators shall be fined.\n"
                      "Article 3 Fines are those set out in the Cybersecurity Law,\n"
                      "Article 12. These Provisions take effect on March 1, 2022.\n")
    assert [a.number for a in doc.articles] == [1, 2, 3]


@pytest.mark.parametrize("language, text", [
    ("zh", "第一条 为了保护个人信息权益，制定本规定。\n第二条 违反本规定第十条第一款第\n"
           "（二）项规定的，由网信部门责令改正。\n"),
    ("en", "Article 1 These Provisions protect personal information.\n"
           "Article 2 Violators shall be fined under paragraph\n(2) of Article 5 of the Law.\n"),
], ids=["zh", "en"])
def test_cited_item_at_line_start_is_not_an_item(language: str, text: str) -> None:
    art2 = parse(language, text).article(2)
    assert art2 is not None and art2.items == ()


# -- 3. an English law ----------------------------------------------------------------------
def test_english_headings_and_article_labels() -> None:
    doc = parse("en", EN_LAW)
    assert [(p.kind, p.number, p.heading.label, p.title) for p in doc.parts] == [
        ("chapter", 1, "Chapter I", "General Provisions"),
        ("chapter", 2, "Chapter II", "Data Security Systems"),
        ("chapter", 3, "Chapter III", "Supplementary Provisions")]
    splits = [d for d in doc.diagnostics if d.snippet.startswith("Chapter I")]
    assert [(d.unit, d.repaired) for d in splits] == [
        (doc.parts[1].sentences[0].id, True), (doc.parts[2].sentences[0].id, True)]
    assert [a.heading.label for a in doc.articles] == [f"Article {n}" for n in range(1, 5)]
    first = {a.number: a.paragraphs[0].text for a in doc.articles}
    assert first[2] == "This Law shall apply to the following activities:"
    assert first[3] == "Where important data is processed, a risk assessment shall be carried out."
    art2 = doc.article(2)
    assert art2 is not None
    assert [(i.number, i.marker, i.text) for i in art2.items] == [
        (1, "(1)", "the collection and storage of data; and"),
        (2, "(2)", "the use and transmission of data.")]
    assert [a.part for a in doc.articles] == [1, 1, 2, 3]


def test_title_on_its_own_line_is_layout_not_a_heading_defect() -> None:
    """A title on the line after "Chapter II" is how such texts are laid out: recorded
    as title_on_next_line, which no divergence record reports (unlike heading_split)."""
    from outline_corpus.diverge.structure import HEADINGS

    kinds = {d.kind for d in parse("en", EN_LAW).diagnostics if d.snippet.startswith("Chap")}
    assert kinds == {"title_on_next_line"} and not kinds & set(HEADINGS)


def test_english_order_contents_and_back_matter() -> None:
    doc = parse("en", EN_LAW)
    assert [f.kind for f in doc.front_matter] == [
        "order", "doc-number", "preface", "headline", "headline", "date", "headline",
        "adoption-note", "contents"]
    assert [f.text for f in doc.front_matter][3:5] == [
        "Xi Jinping", "President of the People’s Republic of China"]
    contents = doc.front_matter[-1]
    assert contents.text.startswith("Contents Chapter I General Provisions Chapter II")
    assert contents.text.endswith("Chapter III Supplementary Provisions")
    assert doc.parts[0].start > contents.end
    assert doc.text[doc.parts[0].start:].startswith("Chapter I General Provisions\nArticle 1 ")
    assert [(b.kind, b.text) for b in doc.back_matter] == [
        ("back-matter", "---"), ("back-matter", "Source: http://www.npc.gov.cn/englishnpc/"
                                                "c2759/c23934/202112/t20211209_385109.html")]


def test_contents_with_titles_on_their_own_lines_is_one_block() -> None:
    text = ("Contents\nChapter I\nGeneral Provisions\nChapter II\nData Security Systems\n"
            "Chapter I\nGeneral Provisions\nArticle 1 This Law is enacted.\n"
            "Chapter II\nData Security Systems\nArticle 2 This Law applies.\n")
    doc = parse("en", text)
    assert [p.title for p in doc.parts] == ["General Provisions", "Data Security Systems"]
    assert [f.kind for f in doc.front_matter] == ["contents"]


# -- 4. text extracted from PDF -------------------------------------------------------------
#: language: (text, words across the cut lines of article 1, article cut by a form feed and
#: words across the feed, article right after a form feed, articles, line joins (by hand))
PDF_CASES = {
    "zh": (ZH_PDF, ("维护国家安全和社会公共利益", "根据《中华人民共和国网络安全法》、"),
           6, "扰乱经济秩序和社会秩序、侵犯他人", 5, 6, 11),
    "en": (EN_PDF, ("regulating data processing, ensuring", "rights and interests of individuals"),
           2, "activities within the territory of the People’s Republic", 4, 4, 10),
}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_pdf_lines_rejoined_and_article_after_form_feed(language: str) -> None:
    text, across, ff_art, ff_phrase, after_ff, n_articles, n_joins = PDF_CASES[language]
    doc = parse(language, text)
    assert [a.number for a in doc.articles] == list(range(1, n_articles + 1))
    art1, art2 = doc.article(1), doc.article(2)
    assert art1 is not None and art2 is not None
    assert len(art1.sentences) == 1 and len(art1.paragraphs) == 1
    assert len(art1.paragraphs[0].spans) == (4 if language == "zh" else 5)
    assert all(words in art1.sentences[0].text for words in across)
    assert art1.sentences[0].text.endswith("制定本规定。" if language == "zh" else "the state.")
    assert len(art2.paragraphs) == (2 if language == "zh" else 1)  # 前款所称… stays apart
    for s in doc.all_sentences():
        assert "\n" not in s.text and "\f" not in s.text, s.id
        assert language == "en" or " " not in s.text.replace("总 则", ""), s.id
    broken = doc.article(ff_art)
    assert broken is not None and any(ff_phrase in p.text for p in broken.paragraphs)
    joins = [d for d in doc.diagnostics if d.kind == "extraction_join"]
    assert len(joins) == n_joins and all(d.repaired for d in joins)
    assert [d.unit.startswith(broken.id) for d in joins if "\f" in d.snippet] == [True]
    found = doc.article(after_ff)
    assert found is not None and doc.text[found.start - 1] == "\f"
    assert doc.text[found.start:].startswith(found.heading.label)


# -- 5. a translation that lacks an item ----------------------------------------------------
def test_translation_list_starting_at_item_two_keeps_its_numbers() -> None:
    art = parse("en", EN_MISSING_ITEM).article(1)
    assert art is not None
    assert [(i.number, i.marker) for i in art.items] == [(2, "(2)"), (3, "(3)")]
    assert [s.item for s in art.sentences if s.role == "item"] == [2, 3]


# -- 6. invariants ----------------------------------------------------------------------------
def unit_ids(doc: Document) -> list[str]:
    return [*(p.id for p in doc.parts), *(a.id for a in doc.articles),
            *(i.id for i in doc.list_items), *(s.id for s in doc.all_sentences())]


def check_invariants(doc: Document, again: Document) -> None:
    holders: dict[str, str] = {}
    for art in doc.articles:
        holders.update((s.id, art.id) for s in art.sentences)
        assert all(art.start <= s.start and s.end <= art.end for s in art.sentences), art.id
    for part in doc.parts:
        holders.update((s.id, part.id) for s in part.sentences)
    for block in (*doc.front_matter, *doc.back_matter):
        holders.update((s.id, block.id) for s in block.sentences)
    holders.update((s.id, f"{doc.id}/preamble") for s in doc.preamble_sentences)
    sentences = list(doc.all_sentences())
    ids = [s.id for s in sentences]
    assert len(ids) == len(set(ids)) == len(holders)
    for s in sentences:
        assert s.text == doc.slice(s.spans), s.id
        assert s.unit == holders[s.id], s.id
    leaves = [(x.id, x.text, x.spans) for x in doc.list_items]
    leaves += [(p.id, p.text, p.spans) for a in doc.articles for p in a.paragraphs]
    assert all(text == doc.slice(spans) for _, text, spans in leaves)
    assert unit_ids(doc) == unit_ids(again)
    numbers = [a.number for a in doc.articles]
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize("name", FIXTURES)
def test_invariants_on_fixtures(name: str) -> None:
    language, text = FIXTURES[name]
    check_invariants(parse(language, text), parse(language, text))


#: Hand counts from each folder's EXPECTED.md: (chapters, articles, items) per document.
EXPECTED = {
    "marriage-law-2001": {"marriage.zh": (6, 51, 25), "marriage.en": (6, 51, 25)},
    "womens-rights-2022": {"women.zh": (10, 86, 18), "women.en": (10, 86, 18)},
    "data-security-law-2021": {"dsl.zh": (7, 55, 0), "dsl.en": (7, 55, 0)},
    "hgr-regulation-2019": {"hgr.zh": (6, 47, 41), "hgr.en": (6, 47, 39)},
    "algorithmic-recommendation-2022": {"algo.zh": (6, 35, 0), "algo.en": (6, 35, 0)},
}


def dev_documents(folder: str) -> dict[str, tuple[Document, Document]]:
    raw = DEVCORPUS / folder / "raw"
    if not raw.is_dir():
        pytest.skip(f"development corpus not found at {raw}")
    manifest = load_manifest(raw)
    out: dict[str, tuple[Document, Document]] = {}
    for m in manifest.documents:
        path = manifest.path(m)
        text = read_raw(path).text
        out[m.id] = (parse_law(m, text, str(path)), parse_law(m, text, str(path)))
    return out


@pytest.mark.parametrize("folder", EXPECTED)
def test_dev_corpus_counts_and_invariants(folder: str) -> None:
    docs = dev_documents(folder)
    assert set(docs) == set(EXPECTED[folder])
    for doc_id, (chapters, articles, items) in EXPECTED[folder].items():
        doc, again = docs[doc_id]
        kinds = [p.kind for p in doc.parts]
        assert (kinds.count("chapter"), kinds.count("section")) == (chapters, 0), doc_id
        assert [a.number for a in doc.articles] == list(range(1, articles + 1)), doc_id
        assert len(doc.list_items) == items, doc_id
        check_invariants(doc, again)


def test_dev_corpus_hgr_translation_lists_start_at_two() -> None:
    doc, _ = dev_documents("hgr-regulation-2019")["hgr.en"]
    items = {n: [i.number for i in a.items] for n in (14, 27) if (a := doc.article(n))}
    assert items == {14: [2, 3, 4, 5, 6, 7], 27: [2, 3, 4, 5]}


def test_dev_corpus_dsl_order_and_one_line_contents() -> None:
    doc, _ = dev_documents("data-security-law-2021")["dsl.en"]
    contents = [f for f in doc.front_matter if f.kind == "contents"]
    assert len(contents) == 1 and contents[0].text.count("Chapter") == 7
    assert [f.kind for f in doc.front_matter][1:3] == ["order", "doc-number"]


# -- 7. no articles -----------------------------------------------------------------------------
@pytest.mark.parametrize("language, text", [
    ("zh", "中华人民共和国测试法\n\n第一章 总则\n\n本法规范测试活动。\n"),
    ("en", "Test Law\n\nChapter I General Provisions\n\nThis Law governs testing.\n"),
], ids=["zh", "en"])
def test_text_without_articles_raises_structure_error(language: str, text: str) -> None:
    with pytest.raises(StructureError, match="no numbered articles"):
        parse(language, text)


@pytest.mark.parametrize("language,text,label", [
    ("zh", "测试法\n第一条　总则一。\n第\u200b二条　总则二。\n第三\u2060条　总则三。\n"
           "第四\ufeff条　总则四。\n", "第二条"),
    ("en", "Test Law\nArticle 1 Rule one.\nArti\u00adcle 2 Rule two.\nArticle 3\u200b Rule "
           "three.\nArticle\u200c 4 Rule four.\n", "Article 2"),
])
def test_invisible_characters_in_a_label_do_not_merge_articles(
        language: str, text: str, label: str) -> None:
    doc = parse(language, text)
    assert [a.number for a in doc.articles] == [1, 2, 3, 4]
    assert len({s.text for a in doc.articles for s in a.sentences}) == 4
    second = doc.articles[1]
    start, end = second.heading.label_span
    assert second.heading.label == label and doc.text[start:end] != label  # raw kept
    assert doc.text[start:end].replace("\u200b", "").replace("\u00ad", "") == label
    found = [d for d in doc.diagnostics if d.kind == "invisible_in_label"]
    assert [d.unit for d in found] == [a.id for a in doc.articles[1:]]
    assert all(d.repaired and d.snippet == doc.text[d.start:d.end] for d in found)
    assert "U+200B" in found[0].message or "U+00AD" in found[0].message
