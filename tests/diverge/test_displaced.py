"""A word said several times (or sharing its English word with another Chinese word)
whose rendering is left out at one of its places: hand-made pairs, each with a
translation that drops it there and one that does not."""

from __future__ import annotations

from pathlib import Path

from outline_corpus.diverge import Divergence

from .pairs import word_records


def _omissions(tmp_path: Path, zh: str, translations: dict[str, str]) -> list[Divergence]:
    return [r for r in word_records(tmp_path, zh, translations) if r.kind == "omission"]


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


#: Article 1's second sentence of the Outline and the whole of each translation's bead
#: of it, as shipped (B's "build a strong country of quality in all respects").
ART1_ZH = (
    "以习近平新时代中国特色社会主义思想为指导,立足新发展阶段,完整、准确、全面贯彻新发展理念,"
    "构建新发展格局,统筹发展和安全,以推动高质量发展为主题,以提高供给质量为主攻方向,"
    "以改革创新为根本动力,以满足人民日益增长的美好生活需要为根本目的,深入实施质量强国战略,"
    "牢固树立质量第一意识,健全质量政策,着力全面提升质量,促进质量变革创新,着力提升产品、"
    "工程、服务质量,着力推动品牌建设,着力增强产业质量竞争力,着力提高经济发展质量效益,"
    "着力提高全民质量素养,积极对接国际先进技术、规则、标准,全方位建设质量强国,为全面建设社会主义现代化国家、"
    "实现中华民族伟大复兴的中国梦提供质量支撑。")
ART1_A = (
    "Guided by Xi Jinping Thought on Socialism with Chinese Characteristics for a New "
    "Era, based on the new stage of development, we should implement the new development "
    "concept completely, accurately and comprehensively, construct a new development "
    "pattern, coordinate development and security, take promoting high-quality development "
    "as the theme, improving the quality of supply as the main direction of attack, reform "
    "and innovation as the fundamental driving force, and meet the growing needs of the "
    "people. Deeply implement the strategy of strengthening the country by quality, firmly "
    "establish the consciousness of quality first, improve quality policy, strengthen "
    "total quality management, promote quality change and innovation, strive to improve "
    "the quality of products, projects and services, strive to promote brand building,"
    " strive to enhance the competitiveness of industrial quality, strive to improve "
    "the quality and efficiency of economic development, and strive to improve the quality "
    "of the whole people. Actively docking with international advanced technology, rules "
    "and standards, building a strong quality country in an all-round way, and providing "
    "quality support for building a socialist modern country in an all-round way and "
    "realizing the Chinese dream of great rejuvenation of the Chinese nation.")
ART1_B = (
    "We will thoroughly implement the strategy of strengthening the country with quality,"
    " firmly establish the awareness of quality first, improve quality policies, strengthen "
    "total quality management, promote quality reform and innovation, strive to improve "
    "the quality of products, projects and services, promote brand building, enhance "
    "the quality competitiveness of industries, improve the quality efficiency of economic "
    "development, and improve the quality literacy of the whole people. We will actively "
    "integrate international advanced technologies, rules and standards, and build a "
    "strong country of quality in all respects, so as to provide quality support for "
    "building a modern socialist country in an all-round way and realizing the Chinese "
    "Dream of the great rejuvenation of the Chinese nation.")


def test_a_repeated_word_put_after_its_neighbours_is_no_omission(tmp_path: Path) -> None:
    """B's "a strong country of quality" for 全方位建设质量强国 says 质量 after the words
    A puts it between ("a strong quality country"): reordered, not left out. B says
    "quality" fewer times than A in the sentence (it leaves out the sentence's first
    half, an omission of its own), so only the word after the pair tells: without that
    test, this 质量 was an omission of B."""
    at = ART1_ZH.index("全方位建设质量强国") + len("全方位建设")
    found = _omissions(tmp_path, ART1_ZH, {"a": ART1_A, "b": ART1_B})
    assert [r for r in found if r.evidence["start"] == at] == []


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


def test_a_word_inside_two_members_of_a_list_is_not_said_once(tmp_path: Path) -> None:
    """先进建造设备和智能建造方式 (article 15): 建造 stands inside both members, so English
    cannot say it once for both; "advanced construction equipment and intelligent
    methods" leaves the second out. (As a word said once for both members it scored
    0.3.)"""
    zh = "推广先进建造设备和智能建造方式,提升建设工程的质量和安全性。"
    both = ("Promote advanced construction equipment and intelligent construction methods to "
            "improve the quality and safety performance of construction projects.")
    second = zh.index("建造", zh.index("智能"))
    found = [r for r in _omissions(tmp_path, zh, {
        "both": both, "one": both.replace("intelligent construction", "intelligent")})
        if r.original_text == "建造"]
    assert [(r.doc, r.evidence["start"]) for r in found] == [("one", second)]
