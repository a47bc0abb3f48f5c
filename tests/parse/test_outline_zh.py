from outline_corpus.model import Document


def test_structure(corpus: dict[str, Document]) -> None:
    doc = corpus["outline.zh"]
    assert [p.number for p in doc.parts] == list(range(1, 12))
    assert [p.title for p in doc.parts][:3] == ["形势背景", "总体要求", "推动经济质量效益型发展"]
    assert doc.parts[-1].heading.label == "十一、"
    assert [a.number for a in doc.articles] == list(range(1, 33))
    assert doc.missing_articles == ()
    assert doc.article(32).heading.label == "(三十二)"
    assert doc.article(14).title == "提高建筑材料质量水平"
    assert doc.article(14).sentences[0].id == "outline.zh/art-14/s-1"
    assert doc.article(14).sentences[0].text == "提高建筑材料质量水平。"
    assert [a.part for a in doc.articles[:4]] == [2, 2, 3, 3]
    assert doc.part(1).articles == () and len(doc.part(1).paragraphs) == 3


def test_goal_list_and_closing_sentence(corpus: dict[str, Document]) -> None:
    art = corpus["outline.zh"].article(2)
    assert art.title == "主要目标"
    assert [i.number for i in art.items] == [1, 2, 3, 4, 5, 6]
    assert {i.marker for i in art.items} == {"——"}
    assert art.items[2].sentences[0].text == "产品、工程、服务质量水平显著提升。"
    assert art.items[2].id == "outline.zh/art-2/item-3"
    # goal 6 is rejoined across a page break: 质量发展 | 环境更加优化
    assert art.items[5].text.endswith("全民质量素养不断增强,质量发展环境更加优化。")
    assert len(art.items[5].spans) == 2
    assert [p.role for p in art.paragraphs] == ["body", "lead", "closing"]
    assert art.paragraphs[-1].text.startswith("到2035年,质量强国建设基础更加牢固")


def test_front_matter_and_preamble(corpus: dict[str, Document]) -> None:
    doc = corpus["outline.zh"]
    assert [f.kind for f in doc.front_matter] == ["headline", "news-lead", "lead-in"]
    assert doc.front_matter[0].text == "中共中央 国务院印发《质量强国建设纲要》"
    assert doc.front_matter[2].text == "《质量强国建设纲要》主要内容如下。"
    assert len(doc.preamble) == 1
    assert doc.preamble[0].text.startswith("建设质量强国是推动高质量发展")
    assert doc.preamble[0].sentences[-1].text.endswith("制定本纲要。")


def test_page_breaks_rejoined_and_noise_reported(corpus: dict[str, Document]) -> None:
    doc = corpus["outline.zh"]
    kinds = {}
    for d in doc.diagnostics:
        kinds[d.kind] = kinds.get(d.kind, 0) + 1
    assert kinds == {"duplicated_phrase": 2, "page_break_join": 5, "stray_latin": 3}
    joined = [s.text for s in doc.article(9).sentences if "量振兴" in s.text]
    assert joined == ["推动东北地区优化质量发展环境,加快新旧动能转换,促进产业改造升级和质量振兴。"]
    assert any("建材专项整治" in s.text and len(s.spans) == 2 for s in doc.article(14).sentences)
    dupes = sorted(d.snippet for d in doc.diagnostics if d.kind == "duplicated_phrase")
    assert dupes == ["老字号老字号", "设施设施"]
    stray = [(d.unit, d.snippet) for d in doc.diagnostics if d.kind == "stray_latin"]
    assert stray == [("outline.zh/part-1/s-4", "and"), ("outline.zh/art-2/s-8", "and"),
                     ("outline.zh/art-22/s-3", "and")]
    breaks = [d.unit for d in doc.diagnostics if d.kind == "page_break_join"]
    assert breaks == ["outline.zh/art-2/s-14", "outline.zh/art-9/s-5", "outline.zh/art-14/s-6",
                      "outline.zh/art-20/s-3", "outline.zh/art-26/s-7"]
    assert all(d.repaired for d in doc.diagnostics if d.kind == "page_break_join")
