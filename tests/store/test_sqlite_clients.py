"""Other SQLite tools take ``sentences_fts`` for the search index of ``sentences``:
sqlite-utils' ``search`` (command and API) and Datasette's search box, served from the
built database and its metadata on 127.0.0.1, find Chinese and English."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

#: Sentences holding 绿色建材 (hand-checked: art-14 of the original and its front-matter
#: summary).
GREEN_MATERIALS = "outline.zh/art-14/s-3"
#: The sentences of both translations naming time-honored brands in article 21.
TIME_HONORED = {"outline.en.a/art-21/s-5", "outline.en.b/art-21/s-5"}


def _holding(built: Path, *parts: str) -> set[str]:
    """Ids of the sentences holding every one of ``parts`` (ASCII letters in either case)."""
    with sqlite3.connect(f"file:{built}?mode=ro", uri=True) as db:
        where = " AND ".join("instr(lower(text), lower(?)) > 0" for _ in parts)
        return {r[0] for r in db.execute(f"SELECT id FROM sentences WHERE {where}", parts)}


def test_both_tools_detect_sentences_fts(built: Path) -> None:
    from datasette.utils import detect_fts

    assert sqlite_utils.Database(built)["sentences"].detect_fts() == "sentences_fts"
    with sqlite3.connect(f"file:{built}?mode=ro", uri=True) as db:
        assert detect_fts(db, "sentences") == "sentences_fts"


def test_sqlite_utils_search_api(built: Path) -> None:
    table = sqlite_utils.Database(built)["sentences"]
    chinese = [row["id"] for row in table.search("质量强国")]
    assert set(chinese) == _holding(built, "质量强国") and len(chinese) == len(set(chinese))
    assert "outline.zh/art-30/s-3" in chinese
    english = {row["id"] for row in table.search("time-honored brands", quote=True)}
    assert english == _holding(built, "time-honored", "brands") and english >= TIME_HONORED


def test_sqlite_utils_search_command(built: Path) -> None:
    from click.testing import CliRunner
    from sqlite_utils.cli import cli

    for query, extra, expected in (("绿色建材", [], _holding(built, "绿色建材")),
                                   ("time-honored brands", ["--quote"],
                                    _holding(built, "time-honored", "brands"))):
        result = CliRunner().invoke(cli, ["search", str(built), "sentences", query, "-c", "id",
                                          *extra])
        assert result.exit_code == 0, result.output
        assert {row["id"] for row in json.loads(result.output)} == expected
    assert GREEN_MATERIALS in _holding(built, "绿色建材")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy


def _get(base: str, path: str, **params: str) -> Any:
    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    with _LOCAL.open(url, timeout=30) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def datasette(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Datasette serving the built database (read-only) with its metadata on a free port
    of 127.0.0.1; its base URL. Stopped after the module."""
    port = _free_port()
    log = tmp_path_factory.mktemp("datasette") / "log.txt"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "datasette", "serve", "-i", str(built), "-m",
             str(built.parent / "corpus.metadata.json"), "-h", "127.0.0.1", "-p", str(port)],
            stdout=sink, stderr=sink)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base, "/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("datasette did not start: "
                                         + log.read_text(errors="replace")) from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_datasette_search_box_finds_chinese_and_english(datasette: str, built: Path) -> None:
    found = _get(datasette, "/corpus/sentences.json", _search="质量强国", _shape="objects",
                 _size="max")
    assert {row["id"] for row in found["rows"]} == _holding(built, "质量强国")
    english = _get(datasette, "/corpus/sentences.json", _search="time-honored brands",
                   _shape="objects", _size="max")
    assert {row["id"] for row in english["rows"]} == _holding(built, "time-honored", "brands")
    assert {row["id"] for row in english["rows"]} >= TIME_HONORED


def test_datasette_searches_sentence_view_and_reads_the_metadata(datasette: str) -> None:
    found = _get(datasette, "/corpus/sentence_view.json", _search="绿色建材",
                 _shape="objects", _size="max")
    row = next(r for r in found["rows"] if r["id"] == GREEN_MATERIALS)
    assert sorted(json.loads(row["renderings"])) == ["outline.en.a", "outline.en.b"]
    tables = {t["name"]: t for t in _get(datasette, "/corpus.json")["tables"]}
    assert tables["sentences"]["fts_table"] == "sentences_fts"
    meta = _get(datasette, "/-/metadata.json")
    assert meta["databases"]["corpus"]["tables"]["sentences"]["fts_table"] == "sentences_fts"
