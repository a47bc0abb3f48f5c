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
