"""A State Council opinion (国发 document) and its English translation, written for this
test in the form such documents take: document number, addressee, an opening line
ending in 如下意见：, parts 一、, articles （一）, numbered points 1. inside an article,
and the issuing body and date at the end."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from outline_corpus import parse_corpus
from outline_corpus.config import Config
from outline_corpus.pipeline import analyse

ZH = """国务院关于加快建设质量标准体系的意见
国发〔2023〕1号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
为了推动高质量发展，加快建设质量标准体系，现提出如下意见：

一、总体要求
（一）指导思想。以新发展理念为指导，坚持质量第一、效益优先。
（二）主要目标。到2025年，标准体系更加完善，质量水平显著提升。
二、重点任务
（三）加强标准建设。
1. 完善国家标准体系，制定修订标准300项。
2. 推进团体标准发展，培育一批标准化服务机构。
（四）提升检验检测能力。建设20个国家级检验检测中心。
三、保障措施
（五）加强组织领导。各地区各部门要结合实际抓好落实。

国务院
2023年1月1日
"""
EN = """Opinions of the State Council on Accelerating the Building of a Quality Standards System
Guo Fa [2023] No. 1

To the people's governments of all provinces, autonomous regions and municipalities \
directly under the Central Government, all ministries and commissions of the State Council \
and all institutions directly under the State Council:
In order to promote high-quality development and accelerate the building of a quality \
standards system, the following opinions are hereby put forward:

I. General Requirements
(1) Guiding ideology. Guided by the new development philosophy, we will put quality first \
and give priority to efficiency.
(2) Main goals. By 2025, the standards system will be more complete and the level of \
quality will rise markedly.
II. Key Tasks
(3) Strengthening the building of standards.
1. Improve the system of national standards and formulate or revise 300 standards.
2. Promote the development of association standards and foster a number of \
standardization service institutions.
(4) Improving inspection and testing capacity. Build 20 national inspection and testing \
centers.
III. Safeguard Measures
(5) Strengthening organization and leadership. All regions and departments shall \
implement these opinions in light of their actual conditions.

State Council
January 1, 2023
"""


def _raw(tmp_corpus: Callable[..., Path]) -> Path:
    return tmp_corpus([
        {"id": "op.zh", "file": "zh.txt", "language": "zh", "role": "original",
         "work": "opinion", "title": "国务院关于加快建设质量标准体系的意见"},
        {"id": "op.en", "file": "en.txt", "language": "en", "role": "translation",
         "work": "opinion", "title": "Opinions of the State Council", "original": "op.zh"},
    ], {"zh.txt": ZH, "en.txt": EN})


def test_opinion_structure_on_both_sides(tmp_corpus: Callable[..., Path]) -> None:
    zh, en = parse_corpus(_raw(tmp_corpus))
    for doc in (zh, en):
        assert (doc.profile, doc.confidence) == ("policy", 1.0)
        assert [f.kind for f in doc.front_matter] == ["headline", "doc-number", "addressee"]
        # the opening line ending in 如下意见： / "put forward:" is the preamble, not front matter
        assert len(doc.preamble) == 1 and doc.preamble[0].text.endswith(("如下意见：",
                                                                          "put forward:"))
        assert [p.number for p in doc.parts] == [1, 2, 3]
        assert [a.number for a in doc.articles] == [1, 2, 3, 4, 5]
        assert [b.text for b in doc.back_matter] in (["国务院", "2023年1月1日"],
                                                     ["State Council", "January 1, 2023"])
        # the numbered points 1. and 2. stay inside article 3, in order
        art3 = doc.article(3)
        assert art3 is not None
        assert [s.text[:2] for s in art3.sentences[1:3]] == ["1.", "2."]
        for s in doc.all_sentences():
            assert doc.slice(s.spans) == s.text


def test_opinion_aligns_preamble_front_matter_and_every_article(
        tmp_corpus: Callable[..., Path]) -> None:
    res = analyse(_raw(tmp_corpus), Config(), "diverge")
    zh, en = res.docs
    (al,) = res.alignments
    assert al.mode == "units" and al.warnings == ()
    pairs = {(b.source, b.target) for b in al.beads}
    opening = (zh.preamble[0].sentences[0].id,), (en.preamble[0].sentences[0].id,)
    assert opening in pairs
    front = [(b.source_unit, b.target_unit) for b in al.beads if b.front]
    assert front == [(f"op.zh/front-{k}", f"op.en/front-{k}") for k in (1, 2, 3)]
    body = [b for b in al.beads if not b.front]
    assert all(b.source and b.target for b in body)  # a complete translation: all two-sided
    assert res.records == ()
