"""``outline-corpus review``: import says what it did in one sentence, list and export
show what is stored, and bad input is one line with exit 1, the database unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outline_corpus.cli import app
from outline_corpus.decisions import read_review_file
from outline_corpus.store.decisions import record_digest
from outline_corpus.store.query import Corpus

runner = CliRunner()


@pytest.fixture
def db(built: Path, tmp_path: Path) -> Path:
    (tmp_path / "aligned").mkdir()
    return Path(shutil.copy(built, tmp_path / "aligned" / "corpus.sqlite"))


def _file(tmp_path: Path, db: Path) -> Path:
    with Corpus.open(db) as corpus:
        r = corpus.divergences("outline.en.a")[0]
    path = tmp_path / "decisions.json"
    path.write_text(json.dumps({"format": "outline-corpus-review", "version": 1, "decisions": [
        {"target": "record", "doc": r.doc, "id": r.id, "digest": record_digest(r),
         "status": "fixed", "comment": "see 2024 edition", "reviewer": "Wang",
         "updated": "2026-12-01T08:00:00Z"}]}), encoding="utf-8")
    return path


def test_import_list_and_export(db: Path, tmp_path: Path) -> None:
    file = _file(tmp_path, db)
    done = runner.invoke(app, ["review", "import", str(file), "--db", str(db)])
    assert done.exit_code == 0
    assert done.output.startswith(f"{file}: 1 added, 0 replaced, 0 removed")
    assert "1 apply to this build, 0 match nothing in it" in done.output
    again = runner.invoke(app, ["review", "import", str(file), "--db", str(db), "--json"])
    assert json.loads(again.output)["same"] == 1
    listed = runner.invoke(app, ["review", "list", "--db", str(db)])
    assert listed.exit_code == 0 and "fixed" in listed.output and "Wang" in listed.output
    stale = runner.invoke(app, ["review", "list", "--stale", "--json", "--db", str(db)])
    assert json.loads(stale.output) == []
    target = tmp_path / "out.json"
    wrote = runner.invoke(app, ["review", "export", "-o", str(target), "--db", str(db)])
    assert wrote.exit_code == 0
    assert read_review_file(target) == read_review_file(file)
    printed = runner.invoke(app, ["review", "export", "--db", str(db)])
    assert json.loads(printed.output) == json.loads(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("content", "words"), [
    (None, "cannot read it"),
    ("{", "not JSON"),
    ('{"format": "outline-corpus-review", "version": 1, "decisions": [{"target": "x"}]}',
     "decision 1 is not valid"),
])
def test_a_bad_review_file_is_one_line(db: Path, tmp_path: Path, content: str | None,
                                       words: str) -> None:
    file = tmp_path / "bad.json"
    if content is not None:
        file.write_text(content, encoding="utf-8")
    before = db.read_bytes()
    result = runner.invoke(app, ["review", "import", str(file), "--db", str(db)])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {file}: ") and words in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert db.read_bytes() == before


def test_no_database_is_one_line(tmp_path: Path) -> None:
    file = tmp_path / "f.json"
    file.write_text('{"format": "outline-corpus-review", "version": 1, "decisions": []}',
                    encoding="utf-8")
    result = runner.invoke(app, ["review", "import", str(file), "--db",
                                 str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "no corpus database" in result.output
    assert not (tmp_path / "none.sqlite").exists()
