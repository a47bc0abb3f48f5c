from collections import Counter

from outline_corpus.model import Document


def test_translation_a_articles_and_parts(corpus: dict[str, Document]) -> None:
    doc = corpus["outline.en.a"]
    assert len(doc.articles) == 25
    assert doc.missing_articles == (10, 13, 16, 19, 22, 25, 30)
    assert [p.number for p in doc.parts] == [1, 2, 3, 4]
    assert [p.heading.label for p in doc.parts] == ["First,", "2.", "3.", "4."]
    assert doc.part(3).title == "Promoting the development of economic quality and benefit"
    assert doc.part(4).title == "Enhancing the competitiveness of industrial quality"
    labels = {a.number: a.heading.label for a in doc.articles}
    assert labels[14] == "(Fourteen)" and labels[23] == "(twenty-three)"
    assert labels[29] == "(twenty-nine)" and labels[12] == "(12)"
    art3 = doc.article(3)
    assert doc.text[art3.start:art3.start + 15] == "(3) Enhancing t"
    assert art3.title == "Enhancing the innovation momentum of quality development"


def test_translation_a_goal_items(corpus: dict[str, Document]) -> None:
    art = corpus["outline.en.a"].article(2)
    assert [i.marker for i in art.items] == ["-"] * 6
    assert art.items[0].text.endswith("new advantages of quality have been significantly "
                                      "enhanced.")
    assert art.items[1].text.startswith("The competitiveness of industrial quality has been "
                                        "continuously enhanced.")
    assert art.paragraphs[-1].role == "closing"


def test_translation_a_front_matter_and_repairs(corpus: dict[str, Document]) -> None:
    doc = corpus["outline.en.a"]
    assert [f.kind for f in doc.front_matter] == ["preface", "preface", "lead-in"]
    assert doc.front_matter[1].text.startswith("The Outline mentions that the quality level of "
                                               "building materials")
    assert doc.front_matter[1].text.endswith("from production to construction.")
    assert doc.front_matter[2].text == "The main contents of the Outline are as follows:"
    assert doc.preamble[0].text.startswith("Building a strong quality country is")
    kinds = Counter(d.kind for d in doc.diagnostics)
    assert kinds == {"numbering_style": 8, "numbering_gap": 7, "missing_space": 3,
                     "fused_heading": 2, "heading_split": 2, "page_break_join": 2,
                     "broken_word": 1, "fused_paragraph": 1, "heading_runs_into_text": 1,
                     "run_on_item": 1}
    gaps = [d.message for d in doc.diagnostics if d.kind == "numbering_gap"]
    assert gaps[0] == "article 10 absent before article 11"


def test_translation_b(corpus: dict[str, Document]) -> None:
    doc = corpus["outline.en.b"]
    assert [a.number for a in doc.articles] == list(range(1, 33))
    assert [p.number for p in doc.parts] == list(range(1, 12))
    assert doc.part(6).heading.label == "VT、"
    assert doc.part(6).title == "Improve the quality of construction projects"
    assert doc.part(11).heading.label == "XI."
    items = doc.article(2).items
    assert [i.marker for i in items] == ["--", "--", "--", "--", "", "--"]
    assert items[4].text.startswith("Quality infrastructure is more modern and efficient.")
    assert doc.article(14).sentences[2].id == "outline.en.b/art-14/s-3"
    assert [f.kind for f in doc.front_matter] == [
        "headline", "release-time", "editor-note", "preface", "preface", "news-lead", "lead-in"]
    assert [(d.kind, d.snippet) for d in doc.diagnostics] == [
        ("missing_bullet", "Quality infrastructure is more modern an"),
        ("numbering_ocr", "VT、")]


def test_action_plan(corpus: dict[str, Document]) -> None:
    doc = corpus["action-plan.en"]
    assert [p.number for p in doc.parts] == list(range(1, 8))
    assert doc.part(7).title == "Strengthening Implementation Guarantee"
    assert [a.number for a in doc.articles] == list(range(1, 23))
    assert [f.kind for f in doc.front_matter] == ["headline", "headline", "doc-number"]
    assert doc.front_matter[2].sentences[0].text == (
        "National and Municipal Quality Supervision[2022]No. 95")
    assert doc.article(2).title == ("Enhance the applicability of products for children and "
                                    "the elderly with disabilities")
    assert len(doc.part(1).paragraphs) == 2
