"""Structure profiles: declared tables of the levels a kind of document is divided into,
with their label patterns and numbering scope, and of its front- and back-matter lines.

A :class:`Profile` is pure data; :mod:`outline_corpus.parse.law` reads documents by the
law profiles, :mod:`outline_corpus.parse.policy` by the policy grammar
(:mod:`outline_corpus.parse.grammar`), and :mod:`outline_corpus.parse.detect` scores
a text against each to choose one when the manifest does not."""

from __future__ import annotations

import re
from dataclasses import dataclass

from outline_corpus.languages import language

_ZH_NUM = "零〇一二两三四五六七八九十百千"
_ZH_NUMBER = rf"[{_ZH_NUM}]+|\d{{1,4}}"
_EN_NUMBER = r"[IVXLC]+|\d{1,4}|[A-Z][a-z]+(?:-[a-z]+)?"
#: What may follow an English article label: not a comma, nor a word that makes the
#: label a citation ("Article 9 Paragraph II", "Article 5 of this Law").
_EN_NOT_CITATION = (r"(?![,，;]|\s+(?:of|and|or|to|through|Paragraph|Item|Clause|"
                    r"paragraph|item|clause|shall\s+not\s+apply)\b)")


@dataclass(frozen=True)
class Level:
    """One level of division. ``pattern`` matches a whole trimmed line (after any
    Markdown heading marks) with groups ``label``, ``num`` and ``rest`` (the title or
    the first words of the text). ``scope`` is ``document`` when numbers run on through
    the whole document (articles of a law) or ``parent`` when they restart under each
    unit of the level above (items of an article); ``heading`` levels hold only a title
    line, the others text."""

    kind: str
    pattern: re.Pattern[str]
    scope: str
    heading: bool
    id_prefix: str


@dataclass(frozen=True)
class Profile:
    """A kind of document in one language: its levels, outermost first; the patterns of
    front-matter lines (``(kind, pattern)``), of the line that opens a preamble, of a
    table of contents, and of lines that begin trailing back matter."""

    name: str
    language: str
    levels: tuple[Level, ...]
    front: tuple[tuple[str, re.Pattern[str]], ...]
    preamble: re.Pattern[str]
    contents: re.Pattern[str]
    back: re.Pattern[str]
    #: Words of an article's text that bring a law or regulation into force.
    in_force: re.Pattern[str]
    #: Words of a following paragraph that keep it in the last article (a repeal).
    repeal: re.Pattern[str]

    def level(self, kind: str) -> Level:
        """The level named ``kind``; raises ``KeyError``."""
        for lv in self.levels:
            if lv.kind == kind:
                return lv
        raise KeyError(kind)


def _zh_division(char: str) -> re.Pattern[str]:
    return re.compile(rf"^(?P<label>第\s*(?P<num>{_ZH_NUMBER})\s*{char})"
                      r"(?:[\s\u3000]+(?P<rest>[^。；;]{1,40}))?$")


LAW_ZH = Profile(
    name="law",
    language="zh",
    levels=(
        Level("volume", _zh_division("编"), "document", True, "vol"),
        Level("subvolume", _zh_division("分编"), "parent", True, "subvol"),
        Level("chapter", _zh_division("章"), "document", True, "chap"),
        Level("section", _zh_division("节"), "parent", True, "sec"),
        Level("article", re.compile(
            rf"^(?P<label>第\s*(?P<num>{_ZH_NUMBER})\s*条(?:之[{_ZH_NUM}]+)?)"
            r"(?:[\s\u3000]+(?P<rest>\S.*)|$)"), "document", False, "art"),
        Level("item", re.compile(
            rf"^(?P<label>[（(]\s*(?P<num>[{_ZH_NUM}]+)\s*[）)])\s*(?P<rest>\S.*)$"),
            "parent", False, "item"),
    ),
    front=(
        ("source", re.compile(r"^(Source|来源|资料来源)\s*[:：]", re.I)),
        ("order", re.compile(r"^(.{0,40}令|令)$")),
        ("doc-number", re.compile(rf"^(第\s*(?:{_ZH_NUMBER})\s*号|.{{0,20}}令第\s*\d+\s*号.*)$")),
        ("date", re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")),
        ("adoption-note", re.compile(r"(通过|公布|修正|修订|施行)[）)]?\s*$")),
        ("markup", re.compile(r"^<!--.*-->$")),
    ),
    preamble=re.compile(r"^序\s*言$"),
    contents=re.compile(r"^目\s*录$"),
    back=re.compile(r"^([（(]?资料来源|-{3,}$|CITED BY$|来源\s*[:：]|附件\s*[:：]?$)"),
    in_force=re.compile(r"(施行|生效)"),
    repeal=re.compile(r"(废止|失效)"),
)

LAW_EN = Profile(
    name="law",
    language="en",
    levels=(
        Level("volume", re.compile(
            rf"^(?P<label>(?:Part|Book)\s+(?P<num>{_EN_NUMBER}))\s*[:.\-–—]?\s*(?P<rest>\S.{{0,150}})?$"),
            "document", True, "vol"),
        Level("chapter", re.compile(
            rf"^(?P<label>Chapter\s+(?P<num>{_EN_NUMBER}))\s*[:.\-–—]?\s*(?P<rest>\S.{{0,150}})?$"),
            "document", True, "chap"),
        Level("section", re.compile(
            rf"^(?P<label>Section\s+(?P<num>{_EN_NUMBER}))\s*[:.\-–—]?\s*(?P<rest>\S.{{0,150}})?$"),
            "parent", True, "sec"),
        Level("article", re.compile(
            rf"^(?P<label>Article\s+(?P<num>\d{{1,4}}|{_EN_NUMBER}))\s*{_EN_NOT_CITATION}"
            r"(?:[:：.]\s*|\s+|$)(?P<rest>\S.*)?$"), "document", False, "art"),
        Level("item", re.compile(
            r"^(?P<label>[（(]\s*(?P<num>\d{1,3}|[ivx]{1,5}|[a-z])\s*[）)])\s*(?P<rest>\S.*)$"),
            "parent", False, "item"),
    ),
    front=(
        ("source", re.compile(r"^(↓\s*)?(Source|Retrieved|https?://)\S*", re.I)),
        ("order", re.compile(r"^(Order|Decree)\s+of\s+the\b.{0,80}$", re.I)),
        ("doc-number", re.compile(r"^No\.\s*\d+$")),
        ("date", re.compile(r"^(January|February|March|April|May|June|July|August|September|"
                            r"October|November|December)\s+\d{1,2},\s*\d{4}$")),
        ("adoption-note", re.compile(r"^\(\W*(Adopted|Promulgated|Revised|Amended)\b", re.I)),
        ("navigation", re.compile(r"(»$|^[A-Z](?: [A-Z]{1,3}){3,}$|^(ABOUT|Home)\b)")),
    ),
    preamble=re.compile(r"^Preamble$", re.I),
    contents=re.compile(r"^(Contents|Table of Contents)\b", re.I),
    back=re.compile(r"^(-{3,}$|Source\s*:|Retrieved\s*:|Published in\b|CITED BY$|- \S|"
                    r"CLT is\b)"),
    in_force=re.compile(r"\b(take effect|come into force|go into effect|be effective|"
                        r"effective (as of|from|on))\b", re.I),
    repeal=re.compile(r"\b(repeal|annul|abolish|invalid)", re.I),
)

LAW = {"zh": LAW_ZH, "en": LAW_EN}


def law_profile(tag: str) -> Profile:
    """The law profile of a BCP 47 language tag of the registry."""
    return LAW[language(tag).code]
