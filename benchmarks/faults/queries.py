"""Family ``queries``: ``search``, ``similar`` and ``show`` against a built database
(words the README leads to expect results from, FTS syntax, odd punctuation and sizes,
invalid UTF-8 in argv, units)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .checks import hits_check, json_check, no_escapes
from .context import Ctx
from .core import EITHER, ERROR, RESULT, Arg, Case, Check, Plan

#: Queries a user types that the README leads to expect results from (an error is bad):
#: (query, least number of hits).
PLAIN_QUERIES: dict[str, int] = {
    "e-government": 1, "decision-making": 1, "self-regulation": 1, "high-quality": 0,
    "95%": 0, "AI+": 0, "C++": 0, "data+": 1, "data-": 1, "U.S.": 0, "People's": 1,
    "state's": 0, "“data”": 1, "data,": 1, "data.": 1, "data?": 1, "data/processing": 0,
    "10,000": 0, "2021": 0, "Data": 1, "DATA SECURITY": 1, "data security": 1, "data*": 1,
    "数据安全": 1, "数据-安全": 0, "数据，安全": 0, "（数据）": 1, "数据 安全": 1,
    "données": 0, "emoji 🔒 data": 0, "data\u00a0security": 0, "ｄａｔａ": 0,
}
#: FTS syntax, odd punctuation and sizes: a clear error or a result.
ODD_QUERIES: dict[str, str] = {
    "unbalanced quote": '"unbalanced', "lone AND": "AND", "lone OR": "OR", "lone NOT": "NOT",
    "trailing AND": "data AND", "leading OR": "OR data", "NEAR(": "NEAR(data security",
    "NEAR()": "NEAR(data security)", "open bracket": "(data", "close bracket": "data)",
    "empty brackets": "()", "lone star": "*", "caret": "^data", "column filter": "text:data",
    "unknown column": "nosuch:data", "column braces": "{text}: data", "plus between": "data + "
    "security", "double quote": '"', "two double quotes": '""', "single quote": "'",
    "colon": ":", "dash": "-", "double dash": "--", "tilde": "~", "pipe": "|",
    "ampersand": "&", "backslash": "\\", "percent": "%", "underscore": "_", "at": "@",
    "hash": "#", "bang": "!!!", "ideographic full stop": "。", "ideographic comma": "，",
    "ellipsis": "……", "em dashes": "——", "dots": "...", "mixed punctuation": "@#$%^&*()",
    "empty": "", "space": " ", "tab": "\t", "ideographic space": "\u3000",
    "ESC sequence": "\x1b[31mdata", "BEL": "data\x07", "CRLF": "data\r\nsecurity",
    "U+2028": "data\u2028security", "ZWSP": "\u200bdata", "BOM": "\ufeffdata",
    "RTL override": "\u202edata", "rich markup": "[/b]data", "rich markup zh": "[bold]数据",
    "100 KB of words": "data " * 20_000, "40,000 Chinese characters": "数据" * 20_000,
    "100 KB one token": "a" * 100_000, "10,000 OR terms": " OR ".join(["data"] * 10_000),
    "10,000 AND terms": " AND ".join(["data"] * 10_000),
    "10,000 quoted phrases": " ".join(['"data security"'] * 8_000),
    "1,000 nested brackets": "(" * 1000 + "data" + ")" * 1000,
    "10,000 stars": "data" + "*" * 10_000,
}


def query_plan(args: list[Arg], expect: str, check: Check | None, table: bool = False
               ) -> Callable[[Ctx, Path], Plan]:
    """``[command, query, options…]`` run as ``command options… -- query``, so that a
    query starting with a dash is the query."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        real = [ctx.db if a == "{db}" else a for a in [args[0], *args[2:], "--", args[1]]]
        return Plan(real, expect, (), no_escapes(check) if table else check, sql_leak=True)
    return prepare


SIMILAR = {"data security": (RESULT, 1), "数据安全": (RESULT, 1), "": (EITHER, 0),
           " ": (EITHER, 0), "🔒": (EITHER, 0), "\x1b[31m": (EITHER, 0),
           "100 KB": (EITHER, 0), "[/b]": (EITHER, 0), "٣": (EITHER, 0),
           "a 4,000-word sentence": (EITHER, 0)}
SHOW_UNITS = {"5": RESULT, "art-5": RESULT, "第五条": RESULT, "Article 5": EITHER,
              "ARTICLE 5": EITHER, "第 五 条": EITHER, "chap-2": RESULT, "(五)": ERROR,
              "[/b]": ERROR, "\x1b[2J": ERROR, "art-5/p-1": EITHER, "../../etc/passwd": ERROR,
              "*": ERROR, "100 KB": ERROR, "５": EITHER, "dsl.zh/art-5": EITHER,
              "prc-data-security-law-2021": ERROR}


def long_text(label: str) -> str:
    if label == "100 KB":
        return "data security " * 7_300
    if label == "a 4,000-word sentence":
        return " ".join(["security"] * 4_000) + "."
    return label


def query_cases() -> list[Case]:
    cases: list[Case] = []
    for query, least in PLAIN_QUERIES.items():
        cases.append(Case("queries", f"search {query!r}",
                          query_plan(["search", query, "--db", "{db}", "--json"], RESULT,
                                     hits_check(20, least))))
    for label, query in ODD_QUERIES.items():
        cases.append(Case("queries", f"search {label}",
                          query_plan(["search", query, "--db", "{db}", "--json"], EITHER,
                                     hits_check())))
    for label in ("unbalanced quote", "rich markup", "rich markup zh", "ESC sequence",
                  "RTL override", "unknown column"):
        cases.append(Case("queries", f"search {label} (table)",
                          query_plan(["search", ODD_QUERIES[label], "--db", "{db}"], EITHER,
                                     None, table=True)))
    for query in ("data", "数据安全", "e-government"):
        cases.append(Case("queries", f"search {query!r} --parallel (table)",
                          query_plan(["search", query, "--db", "{db}", "--parallel"],
                                     RESULT, None, table=True)))
    cases += [
        Case("queries", "search invalid UTF-8 in argv",
             query_plan(["search", b"data\xff\xfe", "--db", "{db}", "--json"], EITHER,
                        hits_check())),
        Case("queries", "search a lone surrogate's bytes in argv",
             query_plan(["search", b"\xed\xa0\x80", "--db", "{db}", "--json"], EITHER,
                        hits_check())),
        Case("queries", "search NUL in the query", lambda ctx, d: Plan(
            ["search", "da\\x00ta"], skip="a NUL byte cannot be passed in argv (execve)")),
        Case("queries", "similar NUL in the text", lambda ctx, d: Plan(
            ["similar", "da\\x00ta"], skip="a NUL byte cannot be passed in argv (execve)")),
        Case("queries", "search --lang en with Chinese",
             query_plan(["search", "数据", "--lang", "en", "--db", "{db}", "--json"], EITHER,
                        hits_check())),
        Case("queries", "search --lang zh with English",
             query_plan(["search", "data", "--lang", "zh", "--db", "{db}", "--json"], EITHER,
                        hits_check())),
    ]
    for label, (expect, least) in SIMILAR.items():
        cases.append(Case("queries", f"similar {label!r}",
                          query_plan(["similar", long_text(label), "--db", "{db}", "--json"],
                                     expect, hits_check(10, least))))
    cases.append(Case("queries", "similar invalid UTF-8 in argv",
                      query_plan(["similar", b"\xff\xfedata", "--db", "{db}", "--json"],
                                 EITHER, hits_check(10))))
    cases.append(Case("queries", "similar '[/b]' (table)",
                      query_plan(["similar", "[/b]", "--db", "{db}"], EITHER, None,
                                 table=True)))
    for unit, expect in SHOW_UNITS.items():
        cases.append(Case("queries", f"show {unit!r}",
                          query_plan(["show", long_text(unit), "--db", "{db}", "--json"],
                                     expect, json_check)))
        if unit in ("5", "[/b]", "\x1b[2J", "第 五 条", "chap-2"):
            cases.append(Case("queries", f"show {unit!r} (table)",
                              query_plan(["show", long_text(unit), "--db", "{db}"], expect,
                                         None, table=True)))
    return cases
