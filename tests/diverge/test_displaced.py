"""A word said several times (or sharing its English word with another Chinese word)
whose rendering is left out at one of its places: hand-made pairs, each with a
translation that drops it there and one that does not."""

from __future__ import annotations

from pathlib import Path

from outline_corpus.config import Config
from outline_corpus.diverge import Divergence
from outline_corpus.pipeline import analyse

from .pairs import write_corpus


def _omissions(tmp_path: Path, zh: str, translations: dict[str, str]) -> list[Divergence]:
    res = analyse(write_corpus(tmp_path, zh, translations), Config(), "diverge")
    return [r for r in res.records if r.kind == "omission" and r.evidence.get("level") == "word"]


def test_a_repeated_word_left_out_at_one_place_is_an_omission_there(tmp_path: Path) -> None:
    """Six 旅游 (article 17 of the Outline), and "tourism" said five times: the English
    still has the word, but not where the third belongs ("improve consumption
    experience"), and the other translation has it there."""
    zh = ("提升旅游管理和服务水平,规范旅游市场秩序,改善旅游消费体验,打造乡村旅游、康养旅游、"
          "红色旅游等精品项目。")
    every = ("We will improve tourism management and services, standardize tourism market "
             "order, improve tourism consumption experience, and create high-quality projects "
             "such as rural tourism, wellness tourism, and red tourism.")
    some = ("Improve the level of tourism management and service, standardize the order of "
            "tourism market, improve consumption experience, and create rural tourism, health "
            "tourism, red tourism and other high-quality projects.")
    found = [r for r in _omissions(tmp_path, zh, {"every": every, "some": some})
             if r.original_text == "旅游"]
    assert [r.doc for r in found] == ["some"]
    (r,) = found
    third = zh.index("旅游", zh.index("改善"))
    assert (r.evidence["start"], r.evidence["end"]) == (third, third + 2)
    assert r.evidence["others"] == {"every": "tourism"}


def test_a_repeated_word_put_after_its_neighbours_is_no_omission(tmp_path: Path) -> None:
    """"a strong country of quality" for 质量强国 (article 1 of the Outline) says 质量
    after the words the other translation puts it between: reordered, not left out, so
    neither translation has an omission of 质量."""
    zh = ("积极对接国际先进技术、规则、标准,全方位建设质量强国,"
          "为全面建设社会主义现代化国家提供质量支撑。")
    before = ("Actively docking with international advanced technology, rules and standards, "
              "building a strong quality country in an all-round way, and providing quality "
              "support for building a socialist modern country in an all-round way.")
    after = ("We will actively integrate international advanced technologies, rules and "
             "standards, and build a strong country of quality in all respects, so as to "
             "provide quality support for building a modern socialist country in an all-round "
             "way.")
    assert [r for r in _omissions(tmp_path, zh, {"before": before, "after": after})
            if r.original_text == "质量"] == []


def test_a_word_said_once_for_two_members_of_a_list_is_no_omission(tmp_path: Path) -> None:
    """转移平台和标准信息平台 as "platforms for technology transfer and standard
    information": one "platform" for both members, which the other translation names
    twice."""
    zh = "建设技术转移平台和标准信息平台,推进质量基础设施互联互通。"
    twice = ("Build a technology transfer platform and a standard information platform, and "
             "promote the connectivity of quality infrastructure.")
    once = ("Build platforms for technology transfer and standard information, and promote "
            "the connectivity of quality infrastructure.")
    assert [r.original_text for r in _omissions(tmp_path, zh, {"twice": twice, "once": once})
            if r.original_text == "平台"] == []
