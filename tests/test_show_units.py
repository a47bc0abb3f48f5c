"""`show` beyond articles: parts and chapters, the preamble, the front and back matter,
a paragraph by the end of its path; and what an unknown unit is told, in one line. On
the real corpus and on a real law pair of the development corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outline_corpus import pipeline
from outline_corpus.cli import app
from outline_corpus.config import Config
from outline_corpus.errors import UnknownUnitError
from outline_corpus.store.query import Corpus

from .conftest import REAL_RAW

DSL = Path(__file__).resolve().parents[1].parent / "shared" / "devcorpus" / \
    "data-security-law-2021" / "raw"
runner = CliRunner()


def _show(*args: str) -> str:
    result = runner.invoke(app, ["show", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _refused(*args: str) -> str:
    result = runner.invoke(app, ["show", *args])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1, \
        result.output
    return result.output.strip()


@pytest.fixture(scope="module")
def dsl_db(tmp_path_factory: pytest.TempPathFactory, shared_cache: Path) -> Path:
    if not DSL.is_dir():
        pytest.skip(f"development corpus not found at {DSL}")
    out = tmp_path_factory.mktemp("dsl")
    pipeline.run(DSL, out, Config(), "store", cache_path=shared_cache)
    return out / "corpus.sqlite"


def test_a_part_side_by_side_names_its_articles_sentences(built: Path) -> None:
    view = json.loads(_show("part-2", "--db", str(built), "--json"))
    ids = [r["id"] for r in view["rows"]]
    assert (view["kind"], view["label"]) == ("part", "二、")
    assert ids[0] == "outline.zh/part-2/s-1"  # 总体要求
    assert "outline.zh/art-1/s-1" in ids and "outline.zh/art-2/s-1" in ids
    assert not [i for i in ids if i.startswith("outline.zh/art-3/")]  # part 3 begins there
    table = _show("part-2", "--db", str(built))
    assert "art-1/s-1" in table and "总体要求" in table


def test_all_the_front_matter_side_by_side(built: Path) -> None:
    with Corpus.open(built) as corpus:
        view = corpus.unit("front")
    assert (view.unit, view.kind, view.path) == ("outline.zh/front", "front", ("front",))
    assert [r.id for r in view.rows] == ["outline.zh/front-1/s-1", "outline.zh/front-2/s-1",
                                         "outline.zh/front-3/s-1"]
    lead_in = view.rows[2]  # 《质量强国建设纲要》主要内容如下。
    assert lead_in.renderings["outline.en.b"].text.startswith("The main contents of the")
    # the trade outlet's preface, its own, restating article 14, renders nothing above
    assert "outline.en.a/front-2/s-1" in {sid for sid, _ in view.added["outline.en.a"]}


def test_the_front_matter_of_one_document_from_its_raw_text() -> None:
    data = json.loads(_show("outline.en.b", "front", "--raw", str(REAL_RAW), "--json"))
    ids = [s["id"] for s in data["sentences"]]
    assert data["id"] == "outline.en.b/front" and ids[0] == "outline.en.b/front-1/s-1"
    assert {i.split("/")[1] for i in ids} == {f"front-{n}" for n in range(1, 8)}


def test_unknown_units_are_told_what_there_is(built: Path) -> None:
    line = _refused("back", "--db", str(built))  # the original has no back matter
    assert line.startswith("error: outline.zh has no unit 'back'; give an article number "
                           "(1-32)")
    assert "front, front-1…front-3, preamble" in line and "part-1…part-11" in line
    assert "art-1…art-32" in line
    line = _refused("quality-outline", "--db", str(built))
    assert line.startswith("error: 'quality-outline' is a document or work, not a unit: "
                           "show quality-outline UNIT")
    line = _refused("outline.en.a", "bogus", "--raw", str(REAL_RAW))
    assert "(1-9, 11-12, 14-15" in line  # the articles the trade outlet's version has


def test_a_law_chapter_and_the_front_matter_side_by_side(dsl_db: Path) -> None:
    with Corpus.open(dsl_db) as corpus:
        chapter = corpus.unit("chap-2")
        by_label = corpus.unit("第二章")
        front = corpus.unit("front")
    assert by_label.rows == chapter.rows and chapter.label == "第二章"
    ids = [r.id for r in chapter.rows]
    assert ids[0] == "dsl.zh/chap-2/s-1" and ids[1] == "dsl.zh/art-13/s-1"
    assert {i.split("/")[1] for i in ids[1:]} == {f"art-{n}" for n in range(13, 21)}
    assert chapter.rows[0].renderings["dsl.en"].text == "Data Security and Development"
    assert front.rows[0].renderings["dsl.en"].text == ("Data Security Law of the People's "
                                                       "Republic of China")
    # the Presidential Order, in the English only, is listed as the translation's own
    order = dict(front.added["dsl.en"])
    assert order["dsl.en/front-2/s-1"] == ("Order of the President of the People's Republic "
                                           "of China")
    with Corpus.open(dsl_db) as corpus, pytest.raises(UnknownUnitError) as refused:
        corpus.unit("preamble")
    assert str(refused.value) == (
        "dsl.zh has no unit 'preamble'; give an article number (1-55), a label as written "
        "(第十二条, Article 12) or a path: front, front-1…front-3, chap-1…chap-7, "
        "art-1…art-55")


def test_a_law_document_by_group_and_by_the_end_of_a_path() -> None:
    if not DSL.is_dir():
        pytest.skip(f"development corpus not found at {DSL}")
    back = json.loads(_show("dsl.en", "back", "--raw", str(DSL), "--json"))
    assert back["sentences"][0]["text"] == "---"
    assert len(back["sentences"]) == 3  # ---, Source: …, Retrieved: …
    paragraph = json.loads(_show("dsl.en", "art-3/p-2", "--raw", str(DSL), "--json"))
    assert paragraph["path"] == ["chap-1", "art-3", "p-2"]
    assert paragraph["sentences"][0]["text"].startswith("“Data processing” includes")
    line = _refused("dsl.zh", "preamble", "--raw", str(DSL))
    assert line.endswith("front, front-1…front-3, chap-1…chap-7, art-1…art-55, art-N/p-K")
