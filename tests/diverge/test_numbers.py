from outline_corpus.diverge.numbers import compare, numbers_en, numbers_zh


def _values(numbers: list) -> list[str]:  # type: ignore[type-arg]
    return [str(n) for n in numbers]


def test_chinese_numbers() -> None:
    text = ("农产品质量安全例行检测合格率 and 食品抽检合格率均达到98%以上,"
            "制造业产品质量合格率达到94%,消费品质量合格率达到95%。"
            "到2025年,严格落实“四个最严”要求,三十二条,党的十八大,指数达到86,"
            "一体化,统一,质量第一,一二三产业,一站式")
    assert _values(numbers_zh(text)) == ["98%", "94%", "95%", "2025", "4", "32", "18", "86"]


def test_english_numbers() -> None:
    text = ("reached over 98%, 94 per cent, by 2025, the four strictest requirements, "
            "thirty-two articles, eleven parts, the Eighteenth National Congress, "
            "one-stop service, quality first, third-party arbitration, 1,200 units, 3.5 percent")
    assert _values(numbers_en(text)) == ["98%", "94%", "2025", "4", "32", "11", "18", "1200",
                                         "3.5%"]


def test_compare_across_languages() -> None:
    zh = numbers_zh("均达到98%以上,制造业产品质量合格率达到94%,消费品质量合格率达到95%")
    en = numbers_en("have both reached over 98%. The pass rate has reached 94.")
    diff = compare(zh, en)
    assert _values(list(diff.missing)) == ["95%"] and diff.extra == ()
    assert not compare(numbers_zh("三十二条"), numbers_en("thirty-two articles"))
    assert _values(list(compare([], numbers_en("in 2023")).extra)) == ["2023"]


def test_legal_and_policy_forms() -> None:
    """The forms laws and policy texts write numbers in, read by hand."""
    cases = {"满二年": ["2"], "三代以内": ["3"], "两届": ["2"], "十大工程": ["10"],
             "三中全会": ["3"], "一八四〇年": ["1840"], "百分之九十五": ["95%"],
             "第十条": ["10"], "五年": ["5"], "处50万元以上": ["500000"],
             "处二百万元以上一千万元以下罚款": ["2e+06", "1e+07"]}
    for text, expected in cases.items():
        assert _values(numbers_zh(text)) == expected, text
    assert _values(numbers_en("on January 1, 1981, a fine of 2 million yuan")) == [
        "1", "1", "1981", "2e+06"]


def test_optional_numbers_never_go_missing() -> None:
    """双方 and 第三人 may render no number; "third party" is an idiom, not a count."""
    assert not compare(numbers_zh("男女双方"), numbers_en("both man and woman"))
    assert not compare(numbers_zh("男女双方"), numbers_en("the two parties"))
    assert not compare(numbers_zh("第三人知道该约定的"), numbers_en("the third party knows"))
    assert not compare(numbers_zh("其他干涉婚姻自由的行为"), numbers_en("by any third party"))
    assert not compare(numbers_zh("违反本法第二十二条第二款规定"),
                       numbers_en("the second paragraph of article 22"))
    assert not compare(numbers_zh("三分之二以上"), numbers_en("two thirds or more"))
    diff = compare(numbers_zh("依照本条例第二十四条"), numbers_en("the provisions of article 25"))
    assert _values(list(diff.missing)) == ["24"] and _values(list(diff.extra)) == ["25"]
