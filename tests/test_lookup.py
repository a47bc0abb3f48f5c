"""Finding units by number, label or path, on hand-made trees, a real law, the
Outline's database, and through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outline_corpus.cli import app
from outline_corpus.errors import UnknownUnitError
from outline_corpus.lookup import article_numbers, find_unit, number_ranges
from outline_corpus.model import Unit
from outline_corpus.store.query import Corpus

from .conftest import REAL_RAW

DSL = Path(__file__).resolve().parents[1].parent / "shared" / "devcorpus" / \
    "data-security-law-2021" / "raw"
runner = CliRunner()

#: A law: two chapters, articles numbered through the document, items restarting.
TREE = (
    Unit("l/chap-1", "chapter", "第一章", 1, ("chap-1",), None, 0, 50),
    Unit("l/art-1", "article", "第一条", 1, ("chap-1", "art-1"), "l/chap-1", 5, 20),
    Unit("l/art-1/item-1", "item", "（一）", 1, ("chap-1", "art-1", "item-1"), "l/art-1",
         10, 15),
    Unit("l/art-2", "article", "第二条", 2, ("chap-1", "art-2"), "l/chap-1", 20, 50),
    Unit("l/art-2/item-1", "item", "（一）", 1, ("chap-1", "art-2", "item-1"), "l/art-2",
         30, 40),
    Unit("l/chap-2", "chapter", "第二章", 2, ("chap-2",), None, 50, 90),
    Unit("l/art-3", "article", "第 三 条", 3, ("chap-2", "art-3"), "l/chap-2", 55, 90),
)


@pytest.mark.parametrize(("key", "found"), [
    ("2", "l/art-2"), (" 3 ", "l/art-3"), ("第二条", "l/art-2"), ("第三条", "l/art-3"),
    ("chap-2", "l/chap-2"), ("chap-1/art-2", "l/art-2"), ("art-1", "l/art-1"),
    ("chap-1/art-2/item-1", "l/art-2/item-1"), ("l/art-1/item-1", "l/art-1/item-1"),
    ("art-1/item-1", "l/art-1/item-1"), ("第二章", "l/chap-2"),
])
def test_find_unit(key: str, found: str) -> None:
    assert find_unit("l", TREE, key).id == found


def test_ambiguous_and_unknown_keys_say_what_to_give() -> None:
    with pytest.raises(UnknownUnitError, match=r"'item-1' names 2 units of l "
                                               r"\(chap-1/art-1/item-1, chap-1/art-2/item-1\)"):
        find_unit("l", TREE, "item-1")
    with pytest.raises(UnknownUnitError, match=r"'\(一\)' names 2 units"):
        find_unit("l", TREE, "(一)")  # full-width forms fold: (一) is the label （一）
    with pytest.raises(UnknownUnitError, match=r"l has no article 9 \(articles: 1-3\)"):
        find_unit("l", TREE, "9")
    with pytest.raises(UnknownUnitError, match="l has no unit 'art-9'; give an article"):
        find_unit("l", TREE, "art-9")


def test_article_numbers_of_a_division() -> None:
    assert article_numbers("l", TREE, "chap-1") == [1, 2]
    assert article_numbers("l", TREE, "第三条") == [3]
    with pytest.raises(UnknownUnitError, match="holds no article"):
        article_numbers("l", TREE, "chap-1/art-2/item-1")
    assert number_ranges([5, 1, 2, 3, 7, 8]) == "1-3, 5, 7-8"


def test_a_law_unit_by_label_and_path_from_the_raw_text() -> None:
    if not DSL.is_dir():
        pytest.skip(f"development corpus not found at {DSL}")
    zh = runner.invoke(app, ["show", "dsl.zh", "第十二条", "--raw", str(DSL), "--json"])
    en = runner.invoke(app, ["show", "dsl.en", "Article 12", "--raw", str(DSL), "--json"])
    assert zh.exit_code == 0 and en.exit_code == 0, zh.output + en.output
    a, b = json.loads(zh.stdout), json.loads(en.stdout)
    assert (a["id"], a["label"], a["number"]) == ("dsl.zh/art-12", "第十二条", 12)
    assert (b["id"], b["label"], b["path"]) == ("dsl.en/art-12", "Article 12",
                                                ["chap-1", "art-12"])
    chapter = runner.invoke(app, ["show", "dsl.en", "chap-2", "--raw", str(DSL), "--json"])
    body = json.loads(chapter.stdout)
    assert (body["kind"], body["label"]) == ("chapter", "Chapter II")
    ids = [s["id"] for s in body["sentences"]]
    assert ids[0] == "dsl.en/chap-2/s-1" and "dsl.en/art-13/s-1" in ids
    assert "dsl.en/art-12/s-1" not in ids


def test_views_by_label_and_path_agree_with_the_number(built: Path) -> None:
    with Corpus.open(built) as corpus:
        by_number = corpus.article(14)
        assert corpus.unit("（十四）").rows == by_number.rows  # full-width as typed
        assert corpus.unit("part-6/art-14", "quality-outline").rows == by_number.rows
        assert corpus.unit("art-14", "outline.en.b").rows == by_number.rows
        part = corpus.unit("part-6")
        assert (part.kind, part.label, part.path) == ("part", "六、", ("part-6",))
        assert {r.id for r in by_number.rows} < {r.id for r in part.rows}
        assert corpus.articles("part-6") == [n for n in range(1, 40)
                                             if f"outline.zh/art-{n}/s-1"
                                             in {r.id for r in part.rows}]
        hits = corpus.search("建材", article="art-14")
        assert hits and {h.article for h in hits} == {14}


def test_show_and_filters_on_the_command_line(built: Path) -> None:
    db = str(built)
    result = runner.invoke(app, ["show", "quality-outline", "（十四）", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    view = json.loads(result.stdout)
    assert (view["unit"], view["number"]) == ("outline.zh/art-14", 14)
    links = runner.invoke(app, ["links", "--article", "art-25", "--db", db, "--json"])
    assert links.exit_code == 0 and {k["article"] for k in json.loads(links.stdout)} == {25}
    # with --db, a name the manifest lacks is looked up in the database
    for raw in (REAL_RAW, built.parent):  # built.parent: no manifest there
        bad = runner.invoke(app, ["show", "no-such-work", "14", "--db", db, "--raw", str(raw)])
        assert bad.exit_code == 1
        assert bad.output.strip() == ("error: 'no-such-work' is neither a work nor a "
                                      "document of the corpus (works: quality-outline)")
    # without it, the manifest names the documents there are
    bad = runner.invoke(app, ["show", "no-such-work", "14", "--raw", str(REAL_RAW)])
    assert bad.output.startswith("error: unknown document id 'no-such-work' (known: outline.zh")


def test_search_in_a_work(built: Path) -> None:
    with Corpus.open(built) as corpus:
        everywhere = corpus.search("quality", limit=50)
        assert corpus.search("quality", doc="quality-outline", limit=50) == everywhere
        only_b = corpus.search("quality", doc="outline.en.b", limit=50)
        assert only_b and {h.doc for h in only_b} == {"outline.en.b"}
        with pytest.raises(UnknownUnitError, match="no article 99 in quality-outline"):
            corpus.search("quality", doc="quality-outline", article=99)


def test_the_preamble_side_by_side(built: Path) -> None:
    with Corpus.open(built) as corpus:
        view = corpus.unit("preamble")
    assert (view.kind, view.unit) == ("preamble", "outline.zh/preamble")
    assert [r.id for r in view.rows] == ["outline.zh/preamble/s-1", "outline.zh/preamble/s-2"]
    assert all(r.renderings["outline.en.b"].kind != "1:0" for r in view.rows)
