"""Family ``options``: NaN, infinite, negative, huge and non-numeric values of every
numeric knob; ``--limit``, ``--article``, unknown labels, formats, kinds, documents,
models."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from outline_corpus.config import GROUPS

from .checks import hits_check, json_lines, strict_json
from .context import Ctx
from .core import EITHER, ERROR, HUGE_INT, RESULT, Arg, Case, Check, Plan, Run

#: The command that takes each group of knobs most cheaply.
GROUP_COMMAND = {"align": "align", "divergence": "diff", "links": "build", "export": "build"}


@dataclass(frozen=True)
class Knob:
    group: str
    name: str
    kind: type
    low: float | None  # documented range, from the option's help; None: not documented
    high: float | None

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")

    def mentions(self) -> tuple[str, ...]:
        return (self.option, self.name, self.name.replace("_", " "))


def knobs() -> list[Knob]:
    """Every numeric knob of the configuration, with the range its help documents:
    "(1-8)", "(0-1)", "(negative)", a cosine ("Cosine …"), "2 to twice --max-side"."""
    out = []
    for group, cls in GROUPS.items():
        hints = {f.name: f.type for f in fields(cls)}
        for f in fields(cls):
            if not f.init:
                continue
            if hints[f.name] not in (int, "int", float, "float"):
                continue  # a choice or a flag: not a number
            kind = int if hints[f.name] in (int, "int") else float
            text = f.metadata.get("help", "")
            low: float | None = None
            high: float | None = None
            if m := re.search(r"\((?:[^()]*?, )?(\d+)-(\d+)\)", text):
                low, high = float(m.group(1)), float(m.group(2))
            elif "(negative)" in text:
                low, high = -math.inf, -1e-300
            elif "to twice --max-side" in text:
                low, high = 2, 10
            elif re.match(r"(Bead )?[Cc]osine", text):
                low, high = -1.0, 1.0
            out.append(Knob(group, f.name, kind, low, high))
    return out


def knob_values(knob: Knob) -> list[str]:
    """NaN, infinity, negative, huge and non-numeric; for an integer knob NaN and
    infinity are just non-numeric, so 0 instead."""
    if knob.kind is int:
        return ["-1", "0", HUGE_INT, "abc"]
    return ["nan", "inf", "-1", "1e308", "abc"]


def knob_expect(knob: Knob, value: str) -> str:
    try:
        number = float(value)
    except ValueError:
        return ERROR
    if not math.isfinite(number) or (knob.kind is int and number != int(number)):
        return ERROR
    if knob.low is not None and knob.high is not None and not knob.low <= number <= knob.high:
        return ERROR
    return EITHER


def signature_check(knob: Knob, value: str, command: str, out: Path) -> Check:
    """The run's JSON is standard (no NaN) and its signature names the value given."""
    def check(run: Run) -> str | None:
        try:
            if command == "diff":
                data = [strict_json((out / "divergences.json").read_text("utf-8"))]
            elif command == "align":
                data = json_lines(run.stdout)
            else:
                data = [strict_json(run.stdout)]
        except (OSError, ValueError) as exc:
            return f"output is not standard JSON: {exc}"
        for item in data:
            got = item.get("signature", {}).get("params", {}).get(knob.name)
            if got is None or float(got) != float(value):
                return f"the signature has {knob.name} = {got!r}, not {value}"
        return None
    return check


def knob_plan(knob: Knob, value: str, command: str) -> Callable[[Ctx, Path], Plan]:
    def prepare(ctx: Ctx, d: Path) -> Plan:
        out = ctx.out_copy(d)
        return Plan([command, "--raw", ctx.base_raw, "--out", out, "--json", knob.option,
                     value], knob_expect(knob, value), knob.mentions(),
                    signature_check(knob, value, command, out), guard=out)
    return prepare


def plain(args: list[Arg], expect: str = EITHER, mentions: tuple[str, ...] = (),
          check: Check | None = None, **kw: Any) -> Callable[[Ctx, Path], Plan]:
    """A case on the base corpus and database: ``{db}`` and ``{raw}`` in ``args`` stand
    for them, ``{out}`` for a fresh copy of the base outputs (guarded), ``{home}`` for an
    existing directory."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        out = ctx.out_copy(d) if "{out}" in args else None
        subst = {"{db}": ctx.db, "{raw}": ctx.base_raw, "{out}": out, "{home}": ctx.home}
        real = [subst.get(a, a) if isinstance(a, str) else a for a in args]
        return Plan([a for a in real if a is not None], expect, mentions, check, guard=out,
                    **kw)
    return prepare


ARTICLES = {"²": EITHER, HUGE_INT: ERROR, "0": ERROR, "-1": ERROR, "art-999": ERROR,
            "第九十九条": ERROR, "Article 99": ERROR, "chap-99": ERROR, "": ERROR,
            "（一）": ERROR, "١٤": EITHER, "¹⁴": EITHER, "art-": ERROR, "%": ERROR,
            "art-5": RESULT, "第五条": RESULT, "5": RESULT}


def option_cases() -> list[Case]:
    """Every numeric knob's odd values, then ``--limit``, ``--article`` and the
    other named cases."""
    return [*_knob_cases(), *_limit_cases(), *_article_cases(), *_named_cases()]


def _knob_cases() -> list[Case]:
    cases: list[Case] = []
    for knob in knobs():
        command = GROUP_COMMAND[knob.group]
        for value in knob_values(knob):
            cases.append(Case("options", f"{command} {knob.option} {value}",
                              knob_plan(knob, value, command)))
    return cases


def _limit_cases() -> list[Case]:
    cases: list[Case] = []
    many = [("search --limit", ["search", "data", "--db", "{db}", "--json", "--limit"]),
            ("similar --limit", ["similar", "data security", "--db", "{db}", "--json",
                                 "--limit"])]
    for label, args in many:
        for value, expect in (("0", EITHER), ("-1", EITHER), (HUGE_INT, EITHER),
                              ("abc", ERROR), ("1e3", EITHER)):
            limit = int(value) if value.lstrip("-").isdigit() else 20
            cases.append(Case("options", f"{label} {value}",
                              plain([*args, value], expect, ("--limit", "limit"),
                                    hits_check(limit if limit < 10**6 else 10**6))))
    return cases


def _article_cases() -> list[Case]:
    cases: list[Case] = []
    for value, expect in ARTICLES.items():
        mention = ("--article", "article", value) if value else ("--article", "article")
        cases += [
            Case("options", f"search --article {value!r}",
                 plain(["search", "data", "--db", "{db}", "--json", "--article", value],
                       expect, mention, hits_check())),
            Case("options", f"show {value!r} (database)",
                 plain(["show", value, "--db", "{db}", "--json"], expect,
                       ("article", "unit", value) if value else ("article", "unit"))),
            Case("options", f"show dsl.zh {value!r} (raw text)",
                 plain(["show", "dsl.zh", value, "--raw", "{raw}", "--json"], expect,
                       ("article", "unit", "dsl.zh", value) if value else ("dsl.zh",))),
        ]
    for value in ("²", HUGE_INT, "art-999"):
        cases.append(Case("options", f"links --article {value!r}",
                          plain(["links", "--db", "{db}", "--json", "--article", value], ERROR,
                                ("--article", "article", value))))
    cases.append(Case("options", "diff --article 'art-999'",
                      plain(["diff", "--raw", "{raw}", "--out", "{out}", "--json",
                             "--article", "art-999"], ERROR, ("--article", "article",
                                                              "art-999"))))
    return cases


#: The other cases: (name, arguments, expectation, mentions).
NAMED_OPTIONS: list[tuple[str, list[Arg], str, tuple[str, ...]]] = [
    ("diff --kind bogus", ["diff", "--raw", "{raw}", "--out", "{out}", "--kind", "bogus"],
     ERROR, ("--kind", "kind", "bogus")),
    ("diff --severity urgent", ["diff", "--raw", "{raw}", "--out", "{out}", "--severity",
                                "urgent"], ERROR, ("--severity", "severity", "urgent")),
    ("diff --kind ''", ["diff", "--raw", "{raw}", "--out", "{out}", "--kind", ""], ERROR,
     ("--kind", "kind")),
    ("export --format bogus", ["export", "--db", "{db}", "--out", "{out}", "--format",
                               "bogus"], ERROR, ("--format", "format", "bogus")),
    ("export --format ''", ["export", "--db", "{db}", "--out", "{out}", "--format", ""],
     ERROR, ("--format", "format")),
    ("export --format TMX", ["export", "--db", "{db}", "--out", "{out}", "--format",
                             "TMX"], EITHER, ("--format", "format", "TMX")),
    ("export --doc nosuch", ["export", "--db", "{db}", "--out", "{out}", "--doc",
                             "nosuch"], ERROR, ("nosuch",)),
    ("search --doc nosuch", ["search", "data", "--db", "{db}", "--doc", "nosuch"], ERROR,
     ("nosuch",)),
    ("similar --doc nosuch", ["similar", "data", "--db", "{db}", "--doc", "nosuch"],
     ERROR, ("nosuch",)),
    ("links --doc nosuch", ["links", "--db", "{db}", "--doc", "nosuch"], ERROR,
     ("nosuch",)),
    ("show 5 --docs nosuch", ["show", "5", "--db", "{db}", "--docs", "nosuch"], ERROR,
     ("nosuch",)),
    ("parse nosuch", ["parse", "nosuch", "--raw", "{raw}"], ERROR, ("nosuch",)),
    ("align nosuch", ["align", "nosuch", "--raw", "{raw}", "--out", "{out}"], ERROR,
     ("nosuch",)),
    ("align dsl.zh (an original)", ["align", "dsl.zh", "--raw", "{raw}", "--out",
                                    "{out}"], ERROR, ("dsl.zh",)),
    ("search --lang fr", ["search", "data", "--db", "{db}", "--lang", "fr"], ERROR,
     ("--lang", "lang", "fr")),
    ("search --lang ''", ["search", "data", "--db", "{db}", "--lang", ""], ERROR,
     ("--lang", "lang")),
    ("similar --lang fr", ["similar", "data", "--db", "{db}", "--lang", "fr"], ERROR,
     ("--lang", "lang", "fr")),
    ("align --model nosuch", ["align", "--raw", "{raw}", "--out", "{out}", "--model",
                              "nosuch"], ERROR, ("--model", "model", "nosuch")),
    ("align --model ''", ["align", "--raw", "{raw}", "--out", "{out}", "--model", ""],
     ERROR, ("--model", "model")),
    ("align --model st:/nonexistent", ["align", "--raw", "{raw}", "--out", "{out}",
                                       "--model", "st:/nonexistent"], ERROR,
     ("--model", "model", "nonexistent")),
    ("build --model /etc/passwd", ["build", "--raw", "{raw}", "--out", "{out}", "--model",
                                   "/etc/passwd"], ERROR, ("--model", "model", "passwd")),
    ("parse --raw nonexistent", ["parse", "--raw", "nonexistent"], ERROR,
     ("nonexistent",)),
    ("parse --raw /etc/passwd", ["parse", "--raw", "/etc/passwd"], ERROR, ("passwd",)),
    ("parse --raw ''", ["parse", "--raw", ""], ERROR, ("manifest", "--raw", "raw")),
    ("parse --raw /", ["parse", "--raw", "/"], ERROR, ("manifest", "/")),
    ("stats --db nonexistent", ["stats", "--db", "nonexistent.sqlite"], ERROR,
     ("nonexistent",)),
    ("stats --db a directory", ["stats", "--db", "{home}"], ERROR, ("home",)),
    ("stats --db ''", ["stats", "--db", ""], ERROR, ("--db", "database")),
    ("align --max-side 8 --max-total 16", ["align", "--raw", "{raw}", "--out", "{out}",
                                           "--json", "--max-side", "8", "--max-total",
                                           "16"], RESULT, ()),
    ("align --max-side 2 --max-total 5", ["align", "--raw", "{raw}", "--out", "{out}",
                                          "--max-side", "2", "--max-total", "5"], ERROR,
     ("max side", "max total", "--max-total", "max_total")),
    ("align floor = ceiling", ["align", "--raw", "{raw}", "--out", "{out}",
                               "--confidence-floor", "0.5", "--confidence-ceiling", "0.5"],
     ERROR, ("confidence floor", "--confidence-floor", "confidence_floor")),
    ("diff unrelated = rendered", ["diff", "--raw", "{raw}", "--out", "{out}",
                                   "--word-unrelated", "0.6", "--word-rendered", "0.6"],
     ERROR, ("word unrelated", "--word-unrelated", "word_unrelated")),
    ("build --max-side 1e0", ["build", "--raw", "{raw}", "--out", "{out}", "--max-side",
                              "1e0"], ERROR, ("--max-side", "max side")),
    ("build --skip ' -0.3'", ["build", "--raw", "{raw}", "--out", "{out}", "--skip",
                              " -0.3"], EITHER, ("--skip", "skip")),
    ("build --skip -0", ["build", "--raw", "{raw}", "--out", "{out}", "--skip", "-0"],
     ERROR, ("--skip", "skip")),
    ("build --skip 1e-400 (rounds to 0)", ["build", "--raw", "{raw}", "--out", "{out}",
                                           "--skip", "-1e-400"], ERROR,
     ("--skip", "skip")),
]


def _named_cases() -> list[Case]:
    cases: list[Case] = []
    for label, args, expect, mentions in NAMED_OPTIONS:
        cases.append(Case("options", label, plain(args, expect, mentions)))
    cases.append(Case("options", "search --lang ZH", plain(
        ["search", "数据", "--db", "{db}", "--lang", "ZH", "--json"], EITHER,
        ("--lang", "lang"), hits_check())))
    return cases
