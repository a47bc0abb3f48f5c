"""A corpus of two works: each original with its translation, built together; views
and links stay within a work, and a unit names the work it is looked up in."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from outline_corpus.cli import app
from outline_corpus.store.query import Corpus

from .parse.test_opinion import EN as OPINION_EN
from .parse.test_opinion import ZH as OPINION_ZH
from .test_pipeline import EN as LAW_EN
from .test_pipeline import TALK
from .test_pipeline import ZH as LAW_ZH

runner = CliRunner()


def _two_works(tmp_corpus: Callable[..., Path]) -> Path:
    def doc(i: str, lang: str, role: str, work: str, **extra: str) -> dict[str, str]:
        return {"id": i, "file": f"{i}.txt", "language": lang, "role": role, "work": work,
                "title": i, **extra}

    return tmp_corpus([
        doc("law.zh", "zh", "original", "law"),
        doc("law.en", "en", "translation", "law", original="law.zh"),
        doc("op.zh", "zh", "original", "opinion"),
        doc("op.en", "en", "translation", "opinion", original="op.zh"),
        doc("talk", "en", "related", "law"),
    ], {"law.zh.txt": LAW_ZH, "law.en.txt": LAW_EN, "op.zh.txt": OPINION_ZH,
        "op.en.txt": OPINION_EN, "talk.txt": TALK})


def test_two_works_build_and_stay_apart(tmp_corpus: Callable[..., Path],
                                        tmp_path: Path) -> None:
    raw = _two_works(tmp_corpus)
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out), "--no-cache",
                                "--json"])
    assert built.exit_code == 0, built.output
    db = str(out / "corpus.sqlite")
    assert {p.name for p in out.iterdir()} >= {
        "law.en.tmx", "op.en.tmx", "law.zh.review.html", "op.zh.review.html"}
    with Corpus.open(out / "corpus.sqlite") as corpus:
        assert {link["original"] for link in corpus.links()} == {"law.zh"}  # talk is of law
        law, opinion = corpus.unit("1", "law"), corpus.unit("1", "opinion")
        assert (law.original, law.label) == ("law.zh", "第一条")
        assert (opinion.original, opinion.label) == ("op.zh", "（一）")
        assert corpus.unit("第一条", "law.en").original == "law.zh"  # a translation's work
        hits = corpus.search("数据", doc="law")
        assert hits and {h.doc for h in hits} <= {"law.zh", "law.en", "talk"}
    alone = runner.invoke(app, ["show", "1", "--db", db, "--raw", str(raw)])
    assert alone.exit_code == 1
    assert alone.output.strip() == ("error: the corpus holds several works (law, opinion); "
                                    "name one: show WORK UNIT")
    shown = runner.invoke(app, ["show", "opinion", "（三）", "--db", db, "--raw", str(raw),
                                "--json"])
    assert shown.exit_code == 0, shown.output
    view = json.loads(shown.stdout)
    assert (view["original"], view["number"], view["translations"]) == ("op.zh", 3, ["op.en"])
