"""Damaged corpus databases give one-line :class:`StoreError`s naming the file (never a
traceback or an internal error), and a database is opened read-only by its plain path:
``%``, ``?`` and ``#`` in the name are the file's, and a missing path creates nothing."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outline_corpus.cli import app
from outline_corpus.errors import QueryError, StoreError
from outline_corpus.store.query import Corpus, connect
from outline_corpus.store.schema import SCHEMA_VERSION

runner = CliRunner()
PAGE = 4096


@pytest.fixture(scope="module")
def pristine(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built database that this module's tests copy and damage."""
    target = tmp_path_factory.mktemp("pristine") / "corpus.sqlite"
    shutil.copyfile(built, target)
    return target


def copy(pristine: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pristine, target)
    return target


def run_sql(*statements: str) -> Callable[[Path], None]:
    """A damage done by SQL statements on a writable connection."""
    def damage(path: Path) -> None:
        db = sqlite3.connect(path)
        for statement in statements:
            db.execute(statement)
        db.commit()
        db.close()
    return damage


def overwrite_pages(path: Path) -> None:
    """Garbage over pages 40 to 120, which hold documents, units, sentences and indexes."""
    with path.open("r+b") as f:
        f.seek(40 * PAGE)
        f.write(bytes(range(7, 256, 3)) * (80 * PAGE // 83 + 1))


def truncate(path: Path) -> None:
    with path.open("r+b") as f:
        f.truncate(path.stat().st_size // 3)


def garbage(path: Path) -> None:
    path.write_bytes(b"\x00\x01 not a database" * 500)


DAMAGES: dict[str, Callable[[Path], None]] = {
    "damaged pages": overwrite_pages,
    "truncated": truncate,
    "garbage": garbage,
    "non-integer schema version": run_sql(
        "UPDATE meta SET value = 'seven' WHERE key = 'schema_version'"),
    "no schema version": run_sql("DELETE FROM meta WHERE key = 'schema_version'"),
    "dropped sentences": run_sql("DROP TABLE sentences"),
    "dropped fts table": run_sql("DROP TABLE fts_en"),
    "dropped trigram table": run_sql("DROP TABLE sentences_fts"),
    "dropped trigram shadow table": run_sql(
        "PRAGMA writable_schema = ON",
        "DELETE FROM sqlite_master WHERE name = 'sentences_fts_data'"),
    "dropped fts shadow table": run_sql(
        "PRAGMA writable_schema = ON", "DELETE FROM sqlite_master WHERE name = 'fts_en_data'"),
    "non-JSON bead ids": run_sql("UPDATE beads SET source_ids = 'not json', "
                                 "target_ids = '{oops'"),
    "non-JSON evidence": run_sql("UPDATE divergences SET evidence = '[1, 2'"),
    "non-JSON record ids": run_sql("UPDATE divergences SET original_ids = 'x'"),
    "JSON of the wrong shape": run_sql("UPDATE divergences SET evidence = '[1, 2]'"),
    "non-JSON word gaps": run_sql("UPDATE word_gaps SET glosses = 'x', others = 'y'"),
    "non-JSON signature": run_sql("UPDATE meta SET value = '{' WHERE key = 'signature'"),
}


def read_everything(path: Path) -> None:
    """Open ``path`` and read every kind of row and view the toolkit serves."""
    with Corpus.open(path) as corpus:
        corpus.stats()
        corpus.search("quality", parallel=True)
        corpus.search("建材", parallel=True)
        corpus.search("质量强国", parallel=True)
        corpus.document_rows()
        corpus.units()
        corpus.sentences()
        corpus.beads()
        corpus.divergences()
        corpus.word_gaps()
        corpus.diagnostics()
        corpus.unit("14")
        corpus.links()


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_damaged_database_gives_a_store_error(pristine: Path, tmp_path: Path,
                                              damage: str) -> None:
    path = copy(pristine, tmp_path / "corpus.sqlite")
    DAMAGES[damage](path)
    with pytest.raises(StoreError) as info:
        read_everything(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    assert "rebuild it with `outline-corpus build`" in message


def test_damage_is_reported_by_the_method_reading_it(pristine: Path, tmp_path: Path) -> None:
    path = copy(pristine, tmp_path / "corpus.sqlite")
    DAMAGES["non-JSON evidence"](path)
    with Corpus.open(path) as corpus:
        assert corpus.beads()  # intact rows still read
        with pytest.raises(StoreError, match="a column holds text that is not JSON"):
            corpus.divergences()
        with pytest.raises(QueryError, match="cannot read the query"):
            corpus.search('"unbalanced', fts=True)  # a bad query is still the query's fault


def test_schema_messages(pristine: Path, tmp_path: Path) -> None:
    path = copy(pristine, tmp_path / "corpus.sqlite")
    run_sql("UPDATE meta SET value = 'seven' WHERE key = 'schema_version'")(path)
    with pytest.raises(StoreError, match=r"damaged corpus database \(schema version 'seven' "
                                         r"is not a number\)"):
        Corpus.open(path)
    for older in range(1, SCHEMA_VERSION):
        run_sql(f"UPDATE meta SET value = '{older}' WHERE key = 'schema_version'")(path)
        with pytest.raises(StoreError) as info:
            Corpus.open(path)
        assert str(info.value) == (f"{path}: built by another version of outline-corpus; "
                                   "rebuild it with `outline-corpus build`")
    run_sql(f"UPDATE meta SET value = '{SCHEMA_VERSION}' WHERE key = 'schema_version'",
            "DROP TABLE sentences_fts", "DROP TABLE links", "DROP VIEW record_view")(path)
    with pytest.raises(StoreError, match=r"\(no table links, sentences_fts, record_view\)"):
        Corpus.open(path)
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match="not a corpus database"):
        Corpus.open(empty)


@pytest.mark.parametrize(("command", "damage"), [
    (["search", "quality"], "damaged pages"),
    (["search", "建材"], "truncated"),
    (["search", "quality"], "garbage"),
    (["search", "quality"], "dropped fts shadow table"),
    (["search", "quality", "--parallel"], "non-JSON bead ids"),
    (["show", "14"], "dropped sentences"),
    (["show", "14"], "non-JSON record ids"),
    (["show", "14"], "non-integer schema version"),
    (["stats"], "damaged pages"),
])
def test_cli_reports_a_damaged_database_in_one_line(pristine: Path, tmp_path: Path,
                                                    command: list[str], damage: str) -> None:
    path = copy(pristine, tmp_path / "corpus.sqlite")
    DAMAGES[damage](path)
    result = runner.invoke(app, [*command, "--db", str(path)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: "), result.stderr


@pytest.mark.parametrize("name", ["a%41b.sqlite", "c.sqlite?mode=rwc", "e#f.sqlite",
                                  "g?h#i%2F j.sqlite", "ü.sqlite"])
def test_path_is_a_plain_file_name(pristine: Path, tmp_path: Path, name: str) -> None:
    path = copy(pristine, tmp_path / "dir" / name)
    # the files a URI reading of the name would open instead: none a corpus database
    for decoy in ("aAb.sqlite", "c.sqlite", "e", "g"):
        (tmp_path / "dir" / decoy).write_bytes(b"decoy")
    before = sorted((tmp_path / "dir").iterdir())
    with Corpus.open(path) as corpus:
        assert corpus.path == path
        assert len(corpus.documents()) == 5
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            corpus.db.execute("CREATE TABLE t (x)")
    assert sorted((tmp_path / "dir").iterdir()) == before


@pytest.mark.parametrize("name", ["missing.sqlite?mode=rwc", "missing.sqlite", "m#x",
                                  "m%41.sqlite?mode=rw"])
def test_missing_path_creates_nothing(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with pytest.raises(StoreError) as info:
        Corpus.open(path)
    assert str(info.value) == f"{path}: no corpus database; run `outline-corpus build` first"
    with pytest.raises(sqlite3.OperationalError):  # even past the check: mode=ro only
        connect(path)
    result = runner.invoke(app, ["search", "quality", "--db", str(path)])
    assert result.exit_code == 1 and "no corpus database" in result.stderr
    assert list(tmp_path.iterdir()) == []
