"""Divergences found on the real corpus (a first set of kinds)."""

from collections import Counter

import pytest

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.corpus import align_translation
from outline_corpus.align.embed import load_embedder
from outline_corpus.diverge import Divergence, detect_divergences
from outline_corpus.model import Document


@pytest.fixture(scope="module")
def records(corpus: dict[str, Document]) -> list[Divergence]:
    model, cache = load_embedder(), EmbeddingCache(None)
    zh = corpus["outline.zh"]
    translations = {t: corpus[t] for t in ("outline.en.a", "outline.en.b")}
    alignments = [align_translation(zh, d, model, cache) for d in translations.values()]
    return detect_divergences(zh, translations, alignments, model, cache)


def _of(records: list[Divergence], doc: str, kind: str) -> list[Divergence]:
    """The records of ``doc`` and ``kind`` but word-level ones (see test_words.py)."""
    return [r for r in records if r.doc == doc and r.kind == kind
            and r.evidence.get("level") != "word"]


def test_structure_of_translation_a(records: list[Divergence]) -> None:
    missing = _of(records, "outline.en.a", "missing_article")
    assert [r.article for r in missing] == [10, 13, 16, 19, 22, 25, 30]
    assert all(r.severity == "high" for r in missing)
    assert missing[0].id == "outline.en.a/missing_article/outline.zh/art-10"
    assert missing[0].original_text.startswith("提高农产品食品药品质量安全水平。")
    headings = _of(records, "outline.en.a", "missing_heading")
    assert [r.evidence["number"] for r in headings] == [5, 6, 7, 8, 9, 10, 11]
    styles = [r for r in _of(records, "outline.en.a", "numbering_anomaly")
              if r.evidence["diagnostic"] == "numbering_style"]
    assert [r.translation_text for r in styles][1:4] == [
        "(Fourteen)", "(Fifteen)", "(twenty-three)"]
    front = _of(records, "outline.en.a", "front_matter")
    assert [r.evidence["restates"] for r in front] == [None, "outline.zh/art-14", None]


def test_translation_b_ocr_numbering_and_front_matter(records: list[Divergence]) -> None:
    ocr = [r for r in _of(records, "outline.en.b", "numbering_anomaly")
           if r.evidence["diagnostic"] == "numbering_ocr"]
    assert [r.translation_text for r in ocr] == ["VT、"]
    # seven front blocks; the lead-in (front-7) renders the original's and is aligned
    assert [r.translation_ids for r in _of(records, "outline.en.b", "front_matter")] == [
        (f"outline.en.b/front-{k}",) for k in range(1, 7)]


def test_numbers_and_content(records: list[Divergence]) -> None:
    for doc in ("outline.en.a", "outline.en.b"):
        goal3 = [r for r in _of(records, doc, "number_mismatch") if r.article == 2]
        assert [r.evidence["missing"] for r in goal3] == [["95%"]], doc
    added = _of(records, "outline.en.b", "addition")
    vaccine = [r for r in added if r.article == 10]
    assert [r.translation_ids for r in vaccine] == [("outline.en.b/art-10/s-9",)]
    assert vaccine[0].evidence["level"] == "sentence"
    omitted = [r for r in _of(records, "outline.en.b", "omission") if r.article == 1]
    assert omitted
    assert omitted[0].original_text.startswith("以习近平新时代中国特色社会主义思想为指导")
    assert omitted[0].evidence["level"] == "clause"
    goal3 = [r.original_text for r in _of(records, "outline.en.b", "omission")
             if r.original_ids == ("outline.zh/art-2/s-8",)]
    assert goal3 == ["工程质量抽查符合率不断提高,消费品质量合格率达到95%,"
                     "质量基础设施效能全面提升。"]
    assert not _of(records, "outline.en.a", "omission")  # A renders every clause, bar 95%


def test_source_noise(records: list[Divergence]) -> None:
    noise = [r for r in records if r.kind == "source_noise"]
    assert Counter(r.evidence["diagnostic"] for r in noise) == {
        "page_break_join": 5, "stray_latin": 3, "duplicated_phrase": 2}
    assert {r.original_text for r in noise if r.evidence["diagnostic"] == "duplicated_phrase"} == {
        "设施设施", "老字号老字号"}
    assert all(r.doc == "outline.zh" for r in noise)


def test_ids_are_unique_and_fields_complete(records: list[Divergence]) -> None:
    ids = [r.id for r in records]
    assert len(ids) == len(set(ids))
    for r in records:
        assert r.severity in ("high", "medium", "low") and r.message.endswith(".")
        assert r.original_ids or r.translation_ids
        assert set(r.as_dict()) == {"id", "doc", "kind", "severity", "article", "original_ids",
                                    "translation_ids", "original_text", "translation_text",
                                    "evidence", "message", "beads"}


def test_source_suspect_where_both_translations_agree(records: list[Divergence]) -> None:
    suspects = _of(records, "outline.zh", "source_suspect")
    # art. 15's clause said twice (see test_a_clause_the_original_says_twice) and art.
    # 18's sentence that both translations render with a clause the Chinese lacks
    by_sentence = {r.original_ids: r for r in suspects}
    assert len(suspects) == 2 and set(by_sentence) == {
        ("outline.zh/art-15/s-3",), ("outline.zh/art-18/s-10",)}
    added = by_sentence[("outline.zh/art-18/s-10",)].evidence["renderings"]
    assert "infectious diseases" in added["outline.en.b"]


def test_word_level_suspects_where_both_translations_agree(records: list[Divergence]) -> None:
    # read by hand: both translations say "high-quality manufacturing" for 优质服务
    # (art. 24), "first (set)" for the garbled 技术(装备) (art. 12) and "quarantine" for
    # 检验检测 (art. 24, s-7): the Chinese must have had 优质制造, 首台(套), 检验检疫
    words = {r.original_ids[0]: r for r in records
             if r.kind == "source_suspect" and r.evidence.get("level") == "word"}
    # and, with the published wording, "reliability" for 竞争力 in the plan's name (art.
    # 12: 质量可靠性提升计划) and "self-discipline" (art. 5: 诚信自律)
    expect = {"outline.zh/art-24/s-2": "manufacturing", "outline.zh/art-12/s-4": "first",
              "outline.zh/art-24/s-7": "quarantine", "outline.zh/art-12/s-7": "reliability",
              "outline.zh/art-5/s-3": "self-discipline"}
    for sentence, word in expect.items():
        r = words[sentence]
        assert r.doc == "outline.zh" and all(
            word in " ".join(said) for said in r.evidence["renderings"].values()), sentence


def test_a_word_level_suspect_quotes_the_chinese_where_its_words_belong(
        records: list[Divergence]) -> None:
    # read by hand: art. 1 reads 健全质量政策,着力全面提升质量 where the published text
    # has 加强全面质量管理; both translations say "strengthen total quality management".
    # The record quotes the Chinese at that place, not a word unrendered elsewhere (生活,
    # which translation A drops from 美好生活需要 at the start of the sentence)
    (r,) = [r for r in records if r.kind == "source_suspect"
            and r.original_ids == ("outline.zh/art-1/s-2",)]
    assert r.translation_text == "management" and "全面提升" in r.original_text
    assert "生活" not in r.original_text and r.original_text in r.message


def test_goal_list_differs_item_by_item(records: list[Divergence]) -> None:
    goal3 = [(r.doc, r.severity) for r in records
             if r.kind == "list_difference" and r.original_ids == ("outline.zh/art-2/item-3",)]
    assert goal3 == [("outline.en.a", "high"), ("outline.en.b", "high")]
    assert not [r for r in records if r.kind == "missing_list_item"]


def test_a_rendering_another_translation_contradicts_is_a_meaning_shift(
        records: list[Divergence]) -> None:
    # read by hand: 质量保证金制度 is a quality deposit system; A says "quality guarantee
    # system" (the deposit is lost), B "the quality deposit system"
    shifts = [r for r in records if r.kind == "meaning_shift" and r.doc == "outline.en.a"
              and r.original_ids == ("outline.zh/art-5/s-4",)]
    assert [(r.original_text, r.translation_text) for r in shifts] == [("保证金", "guarantee")]
    assert shifts[0].evidence["others"] == {"outline.en.b": "deposit"}
    assert "deposit" in " ".join(shifts[0].evidence["glosses"])


def test_half_of_a_paired_phrase_rendered_by_one_word_is_an_omission(
        records: list[Divergence]) -> None:
    # read by hand: 对接融合 is "dock and integrate"; A says "the integration of", B
    # "integrate": both drop 对接, so no translation witnesses it, but 融合 took the
    # one English word both halves are like
    for doc in ("outline.en.a", "outline.en.b"):
        found = [r.original_text for r in records if r.doc == doc and r.kind == "omission"
                 and r.original_ids == ("outline.zh/art-9/s-2",)
                 and r.evidence.get("level") == "word"]
        assert "对接" in found
        assert "融合" not in found


def test_lists_the_chinese_leaves_open(records: list[Divergence]) -> None:
    closed = {(r.doc, r.original_ids[0]): r for r in records if r.evidence.get("open_list")}
    # 依托国家级新区、国家高新技术产业开发区、自由贸易试验区等: both translations close
    # the list of zones (hand-checked list, art. 8)
    for doc in ("outline.en.a", "outline.en.b"):
        r = closed[(doc, "outline.zh/art-8/s-5")]
        assert r.original_text.endswith("自由贸易试验区等") and r.evidence["confidence"] < 1
    # art. 6: A keeps the list open ("such as technological innovation"), B closes it
    assert ("outline.en.a", "outline.zh/art-6/s-7") not in closed
    b = closed[("outline.en.b", "outline.zh/art-6/s-7")]
    assert b.evidence["others"] == {"outline.en.a": "such as"}
    assert b.evidence["confidence"] == 1.0


def test_two_terms_said_as_one_word_on_the_outline(records: list[Divergence]) -> None:
    doubled = {(r.doc, r.original_ids[0]): r for r in records if r.evidence.get("doubled")}
    # 基础零部件、元器件: A "basic components and components", B "basic parts and components"
    a = doubled[("outline.en.a", "outline.zh/art-12/s-7")]
    assert (a.kind, a.original_text, a.translation_text) == (
        "meaning_shift", "零部件、元器件", "components and components")
    assert a.evidence["others"] == {"outline.en.b": "parts / components"}
    # 财政、金融: B "industry, finance, finance"; A says "fiscal, financial"
    b = doubled[("outline.en.b", "outline.zh/art-31/s-3")]
    assert b.original_text == "财政、金融" and b.translation_text == "finance, finance"
    assert ("outline.en.b", "outline.zh/art-12/s-7") not in doubled


def test_a_clause_the_original_says_twice(records: list[Divergence]) -> None:
    # art. 15: 鼓励发展全过程工程咨询和技术服务,鼓励发展全过程工程咨询和专业化服务; both
    # translations say "encourage the development of whole-process engineering
    # consulting" once, so the Chinese is suspect and 过程 is no omission of either
    sid = "outline.zh/art-15/s-3"
    (suspect,) = [r for r in records if r.kind == "source_suspect" and sid in r.original_ids]
    assert suspect.evidence["repeated"] == "鼓励发展全过程工程咨询和"
    assert not [r for r in records if r.kind == "omission" and sid in r.original_ids]


def test_two_terms_said_by_one_english_word_of_a_bead(records: list[Divergence]) -> None:
    collapsed = {(r.doc, r.original_ids[0]): r for r in records
                 if r.evidence.get("collapsed_with")}
    # read by hand: 企业分工协作 is division of labour and cooperation among enterprises
    # (A); B says only "division of labor among enterprises", its one "coordination"
    # rendering 协同 of 质量管理协同
    b = collapsed[("outline.en.b", "outline.zh/art-8/s-3")]
    assert (b.kind, b.original_text, b.translation_text) == ("meaning_shift", "协作",
                                                            "coordination")
    assert b.evidence["collapsed_with"] == ["协同"]
    assert b.evidence["others"] == {"outline.en.a": "cooperation"}
    # 供应商质量控制中心考核评价: B "assessment and evaluation", A only "the evaluation"
    a = collapsed[("outline.en.a", "outline.zh/art-20/s-3")]
    assert (a.original_text, a.translation_text) == ("考核", "evaluation")
    assert a.evidence["others"] == {"outline.en.b": "assessment"}
    # A gives 协同 and 协作 a word each; B gives 考核 and 评价 a word each
    assert ("outline.en.a", "outline.zh/art-8/s-3") not in collapsed
    assert ("outline.en.b", "outline.zh/art-20/s-3") not in collapsed
    # 从单一要素向系统性、集成化方向发展: A "from a single element", whose 要素 the
    # dictionary links only to the "key" of 关键技术 (B "from a single factor"); the
    # model finds "element" sourced by 要素, so it is no collapse
    assert ("outline.en.a", "outline.zh/art-23/s-3") not in collapsed


def test_dropped_intensifiers_on_the_outline(records: list[Divergence]) -> None:
    low = {(r.doc, r.original_ids[0], r.original_text): r for r in records
           if r.kind == "omission" and r.severity == "low" and r.evidence.get("level")}
    # read by hand: 深入实施"标准化+"行动 is "Deeply implement" in A, "carry out" in B;
    # 向纵深发展 is B's "in-depth development", A's "promote the development"
    deep = low[("outline.en.b", "outline.zh/art-24/s-3", "深入")]
    assert deep.evidence["others"] == {"outline.en.a": "Deeply"}
    assert ("outline.en.a", "outline.zh/art-9/s-7", "纵深") in low
    # B's "better guaranteed" (更有保障) and "better matched" (更加适配) say 更 / 更加
    assert not [r for r in records if r.doc == "outline.en.b" and r.original_text in (
        "更", "更加") and r.original_ids[0] in ("outline.zh/part-1/s-4",
                                              "outline.zh/art-2/s-8")]


def test_modifiers_in_another_order_on_the_outline(records: list[Divergence]) -> None:
    reordered = [r for r in records if r.evidence.get("reordered")]
    # read by hand: 应用基础研究 is applied basic research (A); B's "basic application
    # research" is research of applications. B's "supervise quality" for 质量监管 and
    # "build brands" for 品牌打造 are verb phrases, no such change
    (b,) = [r for r in reordered if r.original_ids == ("outline.zh/art-12/s-3",)]
    assert (b.doc, b.original_text, b.translation_text) == (
        "outline.en.b", "应用基础研究", "basic application research")
    assert b.evidence["others"] == {"outline.en.a": "applied basic research"}
    assert not [r for r in reordered if r.translation_text in (
        "supervise quality", "build brands")]


def test_a_body_named_otherwise_on_the_outline(records: list[Divergence]) -> None:
    # read by hand: A calls 市场监管总局 (art. 32) "General Administration of Market
    # Supervision", B "The State Administration for Market Regulation"; the Central
    # Committee and the State Council are named right by both everywhere
    named = [r for r in records if "official_name" in r.evidence]
    assert [(r.doc, r.original_ids, r.original_text, r.translation_text) for r in named] == [
        ("outline.en.a", ("outline.zh/art-32/s-5",), "市场监管总局",
         "General Administration of Market Supervision")]
