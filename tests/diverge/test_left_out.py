"""A word neither the dictionary nor the model links, left out between two words that
another translation has its rendering between: hand-made pairs from sentences of the
Outline, with the words of the shipped translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from outline_corpus.diverge import Divergence

from .pairs import word_records as _records


def _omission_of(records: list[Divergence], zh: str, word: str) -> list[Divergence]:
    at = zh.index(word)
    return [r for r in records if r.kind == "omission" and r.original_text == word
            and r.evidence["start"] == at]


def test_a_gloss_the_other_translation_has_between_the_same_words(tmp_path: Path) -> None:
    """Article 15: B's "quality first, establish the concept", and the same sentence
    with "establish" left out. The model finds 树立 0.53 from the words left, and
    "establish" 0.55 from "Adhere": by the model alone the gap scored 0.46."""
    zh = ("坚持百年大计、质量第一,树立全生命周期建设发展理念,构建现代工程建设质量管理体系,"
          "打造中国建造品牌。")
    says = ("Adhere to the centennial plan, quality first, establish the concept of whole life "
            "cycle construction and development, build a modern engineering construction "
            "quality management system, and build a Chinese construction brand.")
    found = _omission_of(_records(tmp_path, zh, {
        "says": says, "drops": says.replace("establish ", "")}), zh, "树立")
    assert [(r.doc, r.evidence["others"]) for r in found] == [("drops", {"says": "establish"})]


def test_a_word_without_source_between_the_neighbours_renderings(tmp_path: Path) -> None:
    """Article 29: A's "participates in and hosts international" for 参加和承办国际性 (the
    dictionary has no "host" for 承办, and the model finds it 0.41 only), and B's
    "participate in and international": "hosts" is the only word without source
    between the renderings of 参加 and 国际性, and B has those two side by side."""
    zh = "定期举办中国质量大会,积极参加和承办国际性质量会议。"
    hosts = ("It regularly holds China Quality Conference and actively participates in and "
             "hosts international quality conferences.")
    drops = ("Regularly hold China quality Conference, actively participate in and "
             "international quality conference.")
    found = _omission_of(_records(tmp_path, zh, {"hosts": hosts, "drops": drops}), zh, "承办")
    assert [(r.doc, r.evidence["others"]) for r in found] == [("drops", {"hosts": "hosts"})]


def test_a_synonym_beside_the_two_words_is_no_gap(tmp_path: Path) -> None:
    """Article 2: B's "new quality strengths" beside A's "new advantages of quality"
    (质量新优势). B has "new quality" side by side, but its "strengths", which no
    other Chinese word takes, stands just after them: 优势 said by a synonym. Without
    that check, 优势 was a meaning shift of B ("drivers")."""
    zh = ("经济结构更加优化,创新能力显著提升,现代化经济体系建设取得重大进展,"
          "单位GDP资源能源消耗不断下降,经济发展新动能和质量新优势显著增强。")
    a = ("The economic structure has been further optimized, the innovation capacity has been "
         "significantly improved, the construction of a modern economic system has made "
         "significant progress, the consumption of resources and energy per unit GDP has "
         "been declining, and the new momentum of economic development and the new "
         "advantages of quality have been significantly enhanced.")
    b = ("Major progress was made in building a modernized economic system. Resource and "
         "energy consumption per unit of GDP continued to decline. New growth drivers and new "
         "quality strengths of economic development were significantly enhanced.")
    assert [r.kind for r in _records(tmp_path, zh, {"a": a, "b": b})
            if r.doc == "b" and r.original_text == "优势"] == []


@pytest.mark.parametrize(("zh", "word", "first", "second"), [
    # B says "Strive" too, and A's "strive" is its first word: nothing to stand between
    ("争创国内国际知名品牌。", "争创", "Strive for domestic and international famous brands.",
     "Strive to create well-known domestic and international brands."),
    # B's "context" is its first word, not between the renderings of 伙伴 and 实施:
    # with B's place of 关系 alone (its neighbours' renderings), an omission of A
    ("围绕区域全面经济伙伴关系协定实施等,建设跨区域计量技术转移平台和标准信息平台,推进质量基础设施互联互通。",
     "关系",
     "Around the implementation of the Regional Comprehensive Economic Partnership Agreement, "
     "we will build a cross-regional measurement technology transfer platform and a standard "
     "information platform to promote the interconnection of quality infrastructure.",
     "In the context of the implementation of the Regional Comprehensive Economic "
     "Partnership (RCEP), we will build platforms for cross-regional measurement technology "
     "transfer and standard information, and promote quality infrastructure connectivity."),
])
def test_a_word_without_source_elsewhere_is_no_witness(
        tmp_path: Path, zh: str, word: str, first: str, second: str) -> None:
    """Articles 21 and 29 of the Outline: the other translation's word without source
    does not stand right between the renderings of the word's neighbours, so it says
    nothing of where the word belongs."""
    found = _omission_of(_records(tmp_path, zh, {"first": first, "second": second}), zh, word)
    assert found == []
