"""Per-language patterns for policy documents: part, article and list-item markers,
sentence-final punctuation and the lead-in line that ends the front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass

from outline_corpus.languages import language

_ZH_NUM = "零〇一二三四五六七八九十百"
_ORDINALS = ("First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|"
             "Twelfth|Thirteenth|Fourteenth|Fifteenth|Sixteenth|Seventeenth|Eighteenth|"
             "Nineteenth|Twentieth")
_EN_ARTICLE_NUM = r"\d{1,3}|[A-Za-z]+(?:[- ][A-Za-z]+)?"


@dataclass(frozen=True)
class Grammar:
    """Markers of one language. Patterns with a ``num`` group yield the number's text;
    ``part`` also yields ``title``; ``bullet`` and ``run_on`` yield ``marker``."""

    language: str
    joiner: str
    part: re.Pattern[str]
    article: re.Pattern[str]
    inline_article: re.Pattern[str] | None
    bullet: re.Pattern[str]
    run_on: re.Pattern[str]
    terminal: str
    lead_in: re.Pattern[str]
    #: A line at least this long that lacks final punctuation was cut by a page break.
    long_line: int
    #: Longest part title, in characters.
    max_title: int
    sentence_end: str


ZH = Grammar(
    language="zh",
    joiner="",
    part=re.compile(rf"^(?P<label>(?P<num>[{_ZH_NUM}]+)\s*[、.．])\s*(?P<title>[^。！？；]+)$"),
    article=re.compile(rf"^(?P<label>[(（]\s*(?P<num>[{_ZH_NUM}]+|\d{{1,3}})\s*[)）])"),
    inline_article=None,
    bullet=re.compile(r"^(?P<marker>——|—|--)\s*(?=\S)"),
    run_on=re.compile(r"(?<=[。！？])\s*(?P<marker>——)(?=\S)"),
    terminal="。！？；：”」』）)…",
    lead_in=re.compile(r"(主要内容|全文|内容)如下\s*[。:：]?$"),
    long_line=40,
    max_title=40,
    sentence_end="。！？",
)

EN = Grammar(
    language="en",
    joiner=" ",
    part=re.compile(
        rf"^(?P<label>(?P<num>[IVXLC][IVXLCTl1]*|\d{{1,2}})\s*[、.．](?!\d)|(?P<ord>{_ORDINALS})"
        r"\s*[,，、])\s*(?P<title>\S.*)$"),
    article=re.compile(rf"^(?P<label>\(\s*(?P<num>{_EN_ARTICLE_NUM})\s*\))"),
    inline_article=re.compile(rf"(?<=\s)(?P<label>\(\s*(?P<num>{_EN_ARTICLE_NUM})\s*\))"
                              r"\s*(?=[A-Z])"),
    bullet=re.compile(r"^(?P<marker>--|—|–|-)\s*(?=[A-Za-z])"),
    run_on=re.compile(r"(?<=[.!?])\s+(?P<marker>--|—|–|-)\s*(?=[A-Z])"),
    terminal=".!?;:\"”’)",
    lead_in=re.compile(r"\b(contents?|text)\b.{0,120}\bas follows\s*[.:]?$", re.IGNORECASE),
    long_line=150,
    max_title=150,
    sentence_end=".!?",
)


GRAMMARS = {"zh": ZH, "en": EN}


def grammar_for(tag: str) -> Grammar:
    """The policy grammar of a BCP 47 language tag of the registry."""
    return GRAMMARS[language(tag).code]
