"""Content weight (0-1) of a word: how much a reviewer loses when it goes unrendered
or is added. Nouns and members of a list weigh most, intensifiers and generic words
least. Chinese words are weighed by their part of speech in jieba's dictionary."""

from __future__ import annotations

from functools import cache

#: Weight per jieba part-of-speech tag (first letters matched longest first).
ZH_TAGS = {"n": 1.0, "nr": 1.0, "ns": 1.0, "nt": 1.0, "nz": 1.0, "vn": 0.9, "j": 0.9,
           "an": 0.8, "b": 0.7, "v": 0.7, "a": 0.6, "l": 0.6, "i": 0.6, "s": 0.5,
           "t": 0.5, "f": 0.4, "z": 0.4, "d": 0.3, "ad": 0.3, "vd": 0.3, "r": 0.2,
           "m": 0.2, "q": 0.2, "c": 0.1, "p": 0.1, "u": 0.1}
#: Weight of a word jieba has no tag for (a part of a compound, a corpus term).
ZH_UNTAGGED = 0.8
#: Chinese intensifiers and manner adverbs of policy prose.
ZH_INTENSIFIERS = frozenset((
    "进一步", "大力", "着力", "积极", "加快", "不断", "切实", "全面", "深入", "持续", "稳步",
    "显著", "明显", "更加", "有效", "努力", "逐步", "充分", "广泛", "扎实", "自觉", "普遍",
    "高度", "基本", "日益", "加大", "力度", "着重", "务求", "大幅", "更", "更为", "越来越",
    "愈加", "纵深"))
INTENSIFIER = 0.2
#: Light words of policy prose: verbs of doing and category nouns that a translation
#: may fold into its wording (提高质量水平 → "improve quality").
ZH_LIGHT = frozenset((
    "水平", "工作", "方面", "行动", "开展", "发展", "建设", "构建", "推进", "推动", "实施",
    "加强", "强化", "提升", "提高", "促进", "形成", "实现", "有关", "相关", "整体", "内",
    "落实", "做好", "完善", "健全", "加以", "进行", "作用"))
LIGHT = 0.4
#: Verbs that after 相 only say that the members before them go together (强制性、
#: 自愿性相结合 → "mandatory and voluntary"): the English "and" says it. Weighed light.
ZH_RECIPROCAL = frozenset(("结合",))
#: English words a translation adds without adding content.
EN_GENERIC = frozenset((
    "work", "efforts", "effort", "measures", "aspects", "aspect", "areas", "area", "field",
    "fields", "level", "levels", "way", "ways", "role", "well", "further", "actively",
    "vigorously", "continuously", "effectively", "comprehensively", "steadily", "fully",
    "constantly", "strongly", "etc", "various", "relevant", "related", "overall", "basis",
    "terms", "order", "including", "include", "new", "great", "major", "important",
    "certain", "key", "main", "carry", "out", "use", "make", "take", "give", "play", "put",
    "featuring", "feature", "conduct", "undertake"))
GENERIC = 0.3
ADVERB = 0.4
#: A character after a number: a measure word (300项 → "300 standards").
MEASURE = 0.1
_NUMERAL = set("0123456789０１２３４５６７８９一二三四五六七八九十百千万亿两几")


@cache
def _tags() -> dict[str, str]:
    from outline_corpus.store.tokens import segmenter

    segmenter()  # sets jieba's log level before posseg loads
    import jieba.posseg

    tokenizer = jieba.posseg.dt
    tokenizer.initialize()
    table: dict[str, str] = tokenizer.word_tag_tab
    return table


def zh_weight(word: str, text: str, start: int, end: int, paired: bool = False) -> float:
    """Weight of the Chinese ``word`` at ``text[start:end]``: 1.0 for a member of a
    list (next to 、) or, when ``paired``, of a paired phrase (对接融合), else by its
    part of speech."""
    if word in ZH_INTENSIFIERS:
        return INTENSIFIER
    if len(word) == 1 and start > 0 and text[start - 1] in _NUMERAL:
        return MEASURE
    if word in ZH_LIGHT or (word in ZH_RECIPROCAL and text[start - 1:start] == "相"):
        return LIGHT
    if paired or (start > 0 and text[start - 1] == "、") or text[end:end + 1] == "、":
        return 1.0
    tag = _tags().get(word)
    if tag is None:
        return ZH_UNTAGGED
    return ZH_TAGS.get(tag, ZH_TAGS.get(tag[:1], 0.5))


def _word_class(word: str) -> str:
    tag = _tags().get(word, "")
    return "n" if tag[:1] in ("n", "j") else tag[:1] if tag[:1] in ("v", "a") else ""


def may_pair(a: str, b: str) -> bool:
    """Whether the Chinese words ``a`` and ``b``, written side by side, may form a
    paired phrase (对接融合, 绿色环保): two words of two characters, of one word class
    (noun, verb or adjective in jieba's dictionary), neither light nor an intensifier."""
    if len(a) != 2 or len(b) != 2 or {a, b} & (ZH_LIGHT | ZH_INTENSIFIERS):
        return False
    return _word_class(a) != "" and _word_class(a) == _word_class(b)


def en_weight(word: str) -> float:
    """Weight of the English content ``word`` (lower case)."""
    if word in EN_GENERIC:
        return GENERIC
    return ADVERB if word.endswith("ly") else 1.0
