"""Word-level evidence: CC-CEDICT glosses linking the Chinese words of a bead to the
English words that render them. Hand-checked pairs, and invariants on the Outline."""

from __future__ import annotations

from outline_corpus.diverge.lexicon import (
    content_stems,
    glossary,
    is_comparative,
    link_words,
    parts,
)
from outline_corpus.model import Document


def test_glossary_merges_every_reading() -> None:
    table = glossary()
    assert "building materials" in table["建材"]
    # 的 has the readings de (particle), di (truly) and dì (target): all are kept
    assert len(table["的"]) >= 3


def test_unknown_compounds_split_into_dictionary_parts() -> None:
    assert parts("建材") == [("建材", 0)]
    assert parts("绿色建材") == [("绿色", 0), ("建材", 2)]
    assert [p for p, _ in parts("标准体系")] == ["标准", "体系"]


def test_stems_make_inflections_meet() -> None:
    assert [s for _, s in content_stems("Improved the quality of the products")] == [
        s for _, s in content_stems("improve quality product")]


def test_a_dropped_word_is_unrendered() -> None:
    words = link_words("大力发展绿色建材。", "Vigorously develop building materials.")
    assert [(w.word, w.rendered_by) for w in words.words] == [
        ("大力", ("vigorously",)), ("发展", ("develop",)), ("绿色", ()),
        ("建材", ("building", "materials"))]
    assert [w.word for w in words.unrendered] == ["绿色"]
    assert words.unsourced == ()
    assert words.coverage == 0.75


def test_an_added_word_has_no_source() -> None:
    words = link_words("提升产品质量。", "Improve the quality of green products.")
    assert words.unrendered == ()
    assert words.unsourced == ("green",)


def test_offsets_and_function_words_on_the_outline(corpus: dict[str, Document]) -> None:
    zh = corpus["outline.zh"]
    en = corpus["outline.en.b"]
    art = zh.article(14)
    en_art = en.article(14)
    assert art is not None and en_art is not None
    text = zh.joiner.join(s.text for s in art.sentences)
    words = link_words(text, en.joiner.join(s.text for s in en_art.sentences))
    for w in words.words:
        assert text[w.start:w.end] == w.word
        assert w.word not in ("的", "和", "与")
    # B's article 14 renders 建材 "building materials" and 质量 "quality" (read by hand)
    rendered = {w.word: w.rendered_by for w in words.words if w.rendered_by}
    assert {"building", "materials"} <= set(rendered["建材"])
    assert "quality" in rendered["质量"]


def test_a_word_said_twice_shares_its_matches_by_position() -> None:
    # two 质量 and one "quality": the nearer occurrence takes it, the other is unrendered
    words = link_words("质量提升,品牌质量。", "Quality improves, and brands.")
    quality = [w for w in words.words if w.word == "质量"]
    assert [bool(w.rendered_by) for w in quality] == [True, False]


def test_hyphenated_english_words_are_split() -> None:
    words = link_words("质量竞争型产业", "quality-competitive industries")
    assert {w.word for w in words.words if w.rendered_by} >= {"质量", "竞争"}


def test_particles_render_nothing() -> None:
    # "up" in "set up" (a gloss of 建立) does not render 建立 by the "up" of "follow-up"
    words = link_words("建立跟踪机制。", "The follow-up mechanism.")
    assert dict((w.word, w.rendered_by) for w in words.words)["建立"] == ()
    assert "up" not in [e.word for e in words.english]



def test_an_ampersand_abbreviation_is_one_word_of_what_it_stands_for() -> None:
    text = "accelerate the R & D and application of R&D results"
    words = link_words("加快研发和应用", text)
    assert dict((w.word, w.rendered_by) for w in words.words)["研发"] == ("r&d",)
    found = [(e.word, text[e.start:e.end]) for e in words.english if e.word == "r&d"]
    assert found == [("r&d", "R & D"), ("r&d", "R&D")]
    assert [e.word for e in link_words("", "A&B testing").english] == ["testing"]


def test_a_character_links_by_its_short_glosses_only() -> None:
    # 提 has the gloss "scoop for measuring liquid": no link to B's "measures"
    words = link_words("促进增品种、提品质", "implement measures to promote quality")
    assert dict((w.word, w.rendered_by) for w in words.words)["提"] == ()
    lifted = link_words("提品质", "lift the quality")
    assert dict((w.word, w.rendered_by) for w in lifted.words)["提"] == ("lift",)
    # the glosses shown for the word stay whole
    assert "scoop for measuring liquid" in next(w for w in words.words if w.word == "提").glosses


def test_comparatives_render_more() -> None:
    assert all(is_comparative(w) for w in ("stronger", "better", "higher", "further"))
    # nouns and verbs spelt like a comparative are none ("number" is no "numb-er")
    assert not any(is_comparative(w) for w in ("number", "consumer", "order", "power"))
    # 更加浓厚 is "stronger"; 更有保障 "better guaranteed": the comparative says 更
    words = link_words("社会氛围更加浓厚,质量安全更有保障。", "The social atmosphere "
                       "has become stronger, and quality and safety are better guaranteed.")
    got = {w.word: w.rendered_by for w in words.words}
    assert got["更加"] == ("stronger",) and "better" in got["更"]
