"""``search`` takes the words a user types: hyphens, ``%``, ``+`` and quotes are no
syntax, a number is found in both languages, ``OR`` joins alternatives of either
language, a Chinese string of any length is found where it is written (trigram index,
or ``instr`` for one and two characters), and FTS5 syntax is there behind ``fts``."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outline_corpus.cli import app
from outline_corpus.errors import QueryError
from outline_corpus.store.query import Corpus
from outline_corpus.store.terms import Group, Term, parse_query

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(built: Path) -> Corpus:
    return Corpus.open(built)


def _holding(corpus: Corpus, text: str, lang: str = "zh") -> set[str]:
    return {r[0] for r in corpus.db.execute(
        "SELECT id FROM sentences WHERE lang = ? AND instr(text, ?) > 0", (lang, text))}


def test_the_words_of_a_query() -> None:
    assert parse_query('high-quality "green building" 95% AI+ 质量强国') == (Group((
        Term("high-quality", "en"), Term("green building", "en"), Term("95%", ""),
        Term("AI+", "en"), Term("质量强国", "zh"))),)
    assert parse_query("green OR 绿色 AND 建材") == (
        Group((Term("green", "en"),)), Group((Term("绿色", "zh"), Term("建材", "zh"))))
    assert Term("（数据-安全）", "zh").runs == ("数据", "安全")
    for bad, message in (("-- % +", "no words"), ("OR", "no words"),
                         ("green NOT red", "NOT is FTS5 syntax"),
                         ("NEAR(a b)", "NEAR is FTS5 syntax")):
        with pytest.raises(QueryError, match=message):
            parse_query(bad)


@pytest.mark.parametrize(("query", "expected"), [
    ("high-quality", "outline.en.b/part-9/s-1"),  # "Build high-quality infrastructure"
    ("time-honored brands", "outline.en.a/art-21/s-5"),
    ('"time-honored brands"', "outline.en.b/art-21/s-5"),
    ("People's", "action-plan.en/part-2/s-1"),  # "people’s livelihood consumption"
])
def test_punctuated_english_words_just_work(corpus: Corpus, query: str, expected: str
                                            ) -> None:
    hits = corpus.search(query, limit=100)
    assert expected in [h.id for h in hits] and {h.lang for h in hits} == {"en"}


def test_percent_plus_and_quotes_are_no_syntax(corpus: Corpus) -> None:
    assert corpus.search('"AI+"') == corpus.search("AI+")  # no error; the corpus has no AI
    for query in ("95%", '"95%"', "95"):
        hits = corpus.search(query, limit=100)
        assert {h.lang for h in hits} == {"zh", "en"}, query  # a number: both languages
        assert "outline.zh/art-2/s-8" in [h.id for h in hits]  # 消费品质量合格率达到95%
        assert all("95" in h.text for h in hits)
    assert corpus.search('"unbalanced') == corpus.search("unbalanced")


def test_a_year_is_found_in_both_languages(corpus: Corpus) -> None:
    hits = corpus.search("2035", limit=100)
    ids = [h.id for h in hits]
    assert "outline.zh/art-2/s-15" in ids and "outline.en.a/art-2/s-16" in ids  # 到2035年
    assert {h.id for h in hits if h.lang == "zh"} == _holding(corpus, "2035")
    assert all("[2035]" in h.snippet for h in hits)


def test_or_joins_the_languages(corpus: Corpus) -> None:
    hits = corpus.search("green OR 绿色", limit=100_000)
    zh = {h.id for h in hits if h.lang == "zh"}
    assert zh == _holding(corpus, "绿色")
    assert all("green" in h.text.lower() for h in hits if h.lang == "en")
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    with pytest.raises(QueryError, match="mixes Chinese and English words"):
        corpus.search("green 绿色")


@pytest.mark.parametrize("query", ["质量强国", "绿色建材", "建材", "质", "老字号"])
def test_chinese_is_found_wherever_it_is_written(corpus: Corpus, query: str) -> None:
    hits = corpus.search(query, limit=100_000)
    assert {h.id for h in hits} == _holding(corpus, query)
    assert all(f"[{query}]" in h.snippet and h.lang == "zh" for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_short_chinese_words_are_ranked_and_all_required(corpus: Corpus) -> None:
    hits = corpus.search("建材 质量", limit=100_000)
    assert {h.id for h in hits} == _holding(corpus, "建材") & _holding(corpus, "质量")
    assert all("[建材]" in h.snippet and "[质量]" in h.snippet for h in hits)
    art14 = corpus.search("建材", article=14, limit=50)
    assert art14[0].id == "outline.zh/art-14/s-3"  # 绿色建材 three times in a short sentence
    assert art14[0].score > art14[-1].score > 0


def test_fts_syntax_behind_the_option(corpus: Corpus) -> None:
    assert [h.id for h in corpus.search("vaccin*", fts=True)] == ["outline.en.b/art-10/s-9"]
    hits = corpus.search("green NOT building", fts=True, limit=1000)
    assert hits and all("green" in h.text.lower() and "building" not in h.text.lower()
                        for h in hits)
    zh = corpus.search("质量强国 NOT 建设纲要", fts=True, limit=1000)
    assert zh and all("质量强国" in h.text and "建设纲要" not in h.text for h in zh)
    assert "[质量强国]" in zh[0].snippet
    for bad in ('"open', "AND", "NEAR(", "nosuch:data"):
        with pytest.raises(QueryError, match="as FTS5 syntax") as info:
            corpus.search(bad, fts=True)
        assert "\n" not in str(info.value)


def test_cli_search_words_and_fts(built: Path) -> None:
    for query in ("high-quality", "time-honored brands", "95%", '"AI+"', "95", "2035",
                  "green OR 绿色"):
        result = runner.invoke(app, ["search", query, "--db", str(built), "--json"])
        assert result.exit_code == 0, (query, result.output)
        assert isinstance(json.loads(result.stdout), list)
    bad = runner.invoke(app, ["search", "green NOT", "--fts", "--db", str(built)])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert bad.stderr.startswith("error: cannot read the query 'green NOT' as FTS5 syntax")
    assert len(bad.stderr.strip().splitlines()) == 1
    mixed = runner.invoke(app, ["search", "green 绿色", "--db", str(built)])
    assert mixed.exit_code == 1 and "join them with OR" in mixed.stderr


def test_parallel_prints_the_chinese_in_full(built: Path) -> None:
    with sqlite3.connect(f"file:{built}?mode=ro", uri=True) as db:
        (zh,) = db.execute("SELECT text FROM sentences WHERE id = 'outline.zh/art-14/s-3'"
                           ).fetchone()
    for query in ("绿色建材", "green building materials"):
        result = runner.invoke(app, ["search", query, "--parallel", "--limit", "1", "--db",
                                     str(built), "--doc", "outline.zh" if query == "绿色建材"
                                     else "outline.en.b"], env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        cells = "".join(line.split("│")[3] for line in result.stdout.splitlines()
                        if line.count("│") == 4)
        assert zh in "".join(cells.split()).replace("[", "").replace("]", ""), result.stdout


def test_search_loads_neither_jieba_nor_numpy(built: Path) -> None:
    code = ("import sys; from outline_corpus.store.query import Corpus;"
            f"c = Corpus.open(r'{built}');"
            "[c.search(q) for q in ('质量强国', '建材', 'quality', '95', 'green OR 绿色')];"
            "print(sorted(m for m in ('jieba', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
