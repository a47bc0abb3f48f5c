"""A cache path that cannot hold the cache: a one-line error and exit 1, not exit 70."""

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import outline_corpus.align.embed as embed_mod
from outline_corpus.cli import app

from .conftest import BagOfWords

runner = CliRunner()


@pytest.fixture()
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(embed_mod, "load_embedder", lambda *_a, **_k: BagOfWords())
    src, tgt = tmp_path / "src.txt", tmp_path / "tgt.txt"
    src.write_text("one two.\nthree four.\n", encoding="utf-8")
    tgt.write_text("one two.\nthree four.\n", encoding="utf-8")
    return ["align-files", str(src), str(tgt)]


@pytest.mark.parametrize("case", ["directory", "garbage"])
def test_unusable_cache_is_a_one_line_error(files: list[str], tmp_path: Path,
                                            case: str) -> None:
    cache = tmp_path / "cache.sqlite"
    if case == "directory":
        cache.mkdir()
    else:
        cache.write_bytes(b"not a database" * 100)
    result = runner.invoke(app, [*files, "--cache", str(cache)])
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, Exception), result.exception  # no traceback
    message = result.stderr.strip()  # the progress bar leaves a blank line before it
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(f"error: {cache}: ") and message.endswith("--no-cache")


def test_healthy_cache_aligns_the_same(files: list[str], tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite"
    cold = runner.invoke(app, [*files, "--cache", str(cache)])
    warm = runner.invoke(app, [*files, "--cache", str(cache)])
    assert cold.exit_code == warm.exit_code == 0, cold.output + warm.output
    assert cold.stdout == warm.stdout == "[0]:[0]\n[1]:[1]\n"


def test_damaged_vectors_are_reported_by_align_files(files: list[str], tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite"
    cold = runner.invoke(app, [*files, "--cache", str(cache)])
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE vectors SET vec = zeroblob(length(vec))")  # every vector zeroed
        rows = db.execute("SELECT count(*) FROM vectors").fetchone()[0]
    db.close()
    healed = runner.invoke(app, [*files, "--cache", str(cache)])
    assert healed.exit_code == 0, healed.output
    assert healed.stdout == cold.stdout
    assert healed.stderr.strip() == (f"warning: re-embedded {rows} damaged vectors of the "
                                     "embedding cache")
