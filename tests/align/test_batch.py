"""Batch alignment (`align-files --pairs`): every output the bytes of aligning its pair
alone, in this process or on a Dask cluster; bad pairs files refused before any work."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outline_corpus import api
from outline_corpus.align import batch, files
from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.embed import Embedder, load_embedder
from outline_corpus.align.output import beads_text
from outline_corpus.align.pairs import Pair, check_pairs, read_pairs
from outline_corpus.cli import app
from outline_corpus.config import AlignParams, Config
from outline_corpus.errors import ParameterError
from outline_corpus.model import Document

from .conftest import BagOfWords

runner = CliRunner()
NO_DASK = "dask is not installed (pip install -e '.[dask]')"

ZH = ["国家保护数据安全。", "数据处理活动应当遵守法律。", "任何个人和组织都有权投诉。",
      "本法自二〇二一年九月一日起施行。"]
EN = ["The State protects data security.", "Data processing activities shall comply with "
      "the law.", "Any individual or organization has the right to complain.",
      "This Law shall come into force on September 1, 2021."]


def _write(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _article(doc: Document, number: int) -> list[str]:
    art = doc.article(number)
    assert art is not None
    return [s.text for s in art.sentences]


@pytest.fixture(scope="module")
def pairs_dir(tmp_path_factory: pytest.TempPathFactory, corpus: dict[str, Document]) -> Path:
    """Hand-made pairs (both directions, a blank line, one file in two pairs) and cuts
    of the shipped corpus, with a pairs file of comments, blank lines and relative paths."""
    root = tmp_path_factory.mktemp("pairs")
    zh, a, b = corpus["outline.zh"], corpus["outline.en.a"], corpus["outline.en.b"]
    _write(root / "in" / "zh.txt", ZH)
    _write(root / "in" / "en.txt", [EN[0], "", *EN[1:]])
    _write(root / "in" / "zh14.txt", _article(zh, 14))
    _write(root / "in" / "b14.txt", _article(b, 14))
    _write(root / "in" / "a3.txt", _article(a, 3))
    _write(root / "in" / "zh3.txt", _article(zh, 3))
    _write(root / "in" / "b-part.txt", [s.text for s in b.all_sentences()][40:110])
    _write(root / "in" / "zh-part.txt", [s.text for s in zh.all_sentences()][35:100])
    (root / "pairs.tsv").write_bytes((
        "# source\ttarget\toutput\n\n"
        "in/zh.txt\tin/en.txt\tout/hand.align\n"
        "in/en.txt\tin/zh.txt\tout/hand-back.align\n"
        "  # a comment after spaces\n"
        "in/zh14.txt\tin/b14.txt\tout/deep/zh14-b14.align\n"
        "in/a3.txt\tin/zh3.txt\tout/a3-zh3.align\r\n"
        f"{root / 'in' / 'zh-part.txt'}\tin/b-part.txt\tout/part.align\n"
        "in/zh14.txt\tin/zh3.txt\tout/zh14-zh3.align\n").encode())
    return root


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("batch-cache") / "embeddings.sqlite"


@pytest.fixture(scope="module")
def singles(pairs_dir: Path, cache: Path) -> dict[str, bytes]:
    """Each pair aligned alone with `align-files SRC TGT --out OUT`, by output name."""
    found = {}
    for pair in read_pairs(pairs_dir / "pairs.tsv"):
        out = pairs_dir / "single" / pair.out.name
        result = runner.invoke(app, ["align-files", str(pair.source), str(pair.target),
                                     "--out", str(out), "--cache", str(cache)])
        assert result.exit_code == 0, result.output
        found[pair.out.name] = out.read_bytes()
    return found


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A local Dask cluster of two worker processes, for the module."""
    pytest.importorskip("distributed", reason=NO_DASK)
    with batch.local_cluster(2) as local:
        yield str(local.scheduler_address)


def _outputs(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "out").rglob("*.align"))}


def _run_pairs(pairs_dir: Path, tmp_path: Path, *args: str) -> dict[str, bytes]:
    """Run `--pairs` on a copy of the pairs file whose outputs go under ``tmp_path``."""
    text = (pairs_dir / "pairs.tsv").read_bytes().decode("utf-8")
    text = re.sub(r"(?m)^in/", f"{pairs_dir}/in/", text).replace("\tin/", f"\t{pairs_dir}/in/")
    tsv = tmp_path / "pairs.tsv"
    tsv.write_bytes(text.encode("utf-8"))
    result = runner.invoke(app, ["align-files", "--pairs", str(tsv), *args])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"aligned 6 pairs of {tsv}: 6 bead files written\n"
    return _outputs(tmp_path)


def test_pairs_in_process_equal_single_runs(pairs_dir: Path, singles: dict[str, bytes],
                                            tmp_path: Path) -> None:
    outputs = _run_pairs(pairs_dir, tmp_path, "--workers", "0", "--no-cache")
    assert outputs == singles
    assert outputs["hand.align"] == b"[0]:[0]\n[1]:[2]\n[2]:[3]\n[3]:[4]\n"
    assert outputs["hand-back.align"] == b"[0]:[0]\n[2]:[1]\n[3]:[2]\n[4]:[3]\n"


def test_pairs_on_a_cluster_equal_single_runs(pairs_dir: Path, singles: dict[str, bytes],
                                              cluster: str, cache: Path,
                                              tmp_path: Path) -> None:
    outputs = _run_pairs(pairs_dir, tmp_path, "--scheduler", cluster, "--cache", str(cache))
    assert outputs == singles


def _rows(path: Path) -> dict[tuple[str, bytes], bytes]:
    import sqlite3

    with sqlite3.connect(path) as db:
        return {(ns, bytes(k)): bytes(v) for ns, k, v in
                db.execute("SELECT namespace, key, vec FROM vectors")}


def test_the_workers_embed_and_the_client_writes_the_same_cache(
        pairs_dir: Path, singles: dict[str, bytes], cluster: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With a cold cache on a cluster, every sentence is embedded by the workers (this
    process's encoder is never called), and the cache the client writes holds the same
    bytes as an in-process run's."""
    from outline_corpus.align.embed import USEEmbedder

    here = tmp_path / "here"
    here.mkdir()
    _run_pairs(pairs_dir, here, "--workers", "0", "--cache", str(here / "cache.sqlite"))

    def refuse(self: USEEmbedder, texts: list[str]) -> object:
        raise AssertionError("the client embedded")

    monkeypatch.setattr(USEEmbedder, "_states", refuse)
    there = tmp_path / "there"
    there.mkdir()
    outputs = _run_pairs(pairs_dir, there, "--scheduler", cluster, "--cache",
                         str(there / "cache.sqlite"))
    assert outputs == singles
    rows = _rows(there / "cache.sqlite")
    assert rows and rows == _rows(here / "cache.sqlite")


def test_a_worker_with_another_model_version_is_one_line(
        pairs_dir: Path, cluster: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from outline_corpus.align.embed import USEEmbedder

    original = USEEmbedder.__init__

    def renamed(self: USEEmbedder, threads: int | None = None) -> None:
        original(self, threads)
        self.name = "use-m3@0.0.0"

    monkeypatch.setattr(USEEmbedder, "__init__", renamed)  # this process only
    tsv = tmp_path / "one.tsv"
    tsv.write_text(f"{pairs_dir / 'in' / 'zh.txt'}\t{pairs_dir / 'in' / 'en.txt'}\t"
                   f"{tmp_path / 'x.align'}\n", encoding="utf-8")
    result = runner.invoke(app, ["align-files", "--pairs", str(tsv), "--scheduler", cluster,
                                 "--no-cache"])
    assert result.exit_code == 1
    assert result.output.startswith("error: the Dask workers' model is use-m3@")
    assert "this process's use-m3@0.0.0: install the same versions on both" in result.output
    assert not (tmp_path / "x.align").exists()


def test_one_local_worker_and_scores(pairs_dir: Path, cache: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason=NO_DASK)
    pairs = [(pairs_dir / "in" / "zh14.txt", pairs_dir / "in" / "b14.txt",
              tmp_path / "a.align")]
    before = dict(os.environ)
    result = api.align_pairs(pairs, workers=1, cache_path=cache, scores=True)
    assert result.runner == "a local cluster of 1 worker"
    assert dict(os.environ) == before  # the workers' one BLAS thread is theirs alone
    alone = api.align_files(pairs[0][0], pairs[0][1], cache_path=cache)
    assert (tmp_path / "a.align").read_text("utf-8") == beads_text(alone, with_scores=True)


@pytest.mark.parametrize("where", ["in-process", "cluster"])
def test_long_pairs_cut_into_segments(corpus: dict[str, Document], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch, cache: Path,
                                      request: pytest.FixtureRequest, where: str) -> None:
    """Cut at anchors into pieces of about 60 sentences: the same cuts and beads."""
    scheduler = request.getfixturevalue("cluster") if where == "cluster" else None
    short = functools.partial(files.segments, size=60)
    monkeypatch.setattr(files, "segments", short)
    monkeypatch.setattr(batch, "segments", short)
    zh = _write(tmp_path / "zh.txt", [s.text for s in corpus["outline.zh"].all_sentences()])
    en = _write(tmp_path / "en.txt", [s.text for s in corpus["outline.en.b"].all_sentences()])
    result = api.align_pairs([(zh, en, tmp_path / "x.align")], write=False,
                             workers=0 if scheduler is None else None,
                             scheduler=scheduler, cache_path=cache)
    alone = api.align_files(zh, en, cache_path=cache)
    assert list(result.pairs[0].beads) == alone
    assert not (tmp_path / "x.align").exists()
    if where == "in-process":
        with_cuts = batch.build_job(0, files.read_sentences(zh), files.read_sentences(en),
                                    _use(), _memory(), AlignParams())
        assert len(with_cuts.segments) >= 3


@functools.cache
def _use() -> Embedder:
    return load_embedder("use-m3")


def _memory() -> EmbeddingCache:
    return EmbeddingCache(None)


def test_api_returns_pairs_in_order_with_timings(pairs_dir: Path, cache: Path,
                                                 singles: dict[str, bytes]) -> None:
    result = api.align_pairs(pairs_dir / "pairs.tsv", Config(), workers=0,
                             cache_path=cache, write=False)
    assert [r.pair.out.name for r in result.pairs] == list(singles)
    assert [beads_text(list(r.beads)).encode() for r in result.pairs] == list(
        singles.values())
    assert result.runner == "in-process" and result.computed == 0
    assert result.texts == len({line for name in ("zh", "en", "zh14", "b14", "a3", "zh3",
                                                  "b-part", "zh-part")
                                for line in files.read_sentences(
                                    pairs_dir / "in" / f"{name}.txt").lines})
    assert result.seconds.total >= result.seconds.embed >= 0


def test_read_pairs_paths_and_comments(pairs_dir: Path) -> None:
    pairs = read_pairs(pairs_dir / "pairs.tsv")
    assert len(pairs) == 6
    assert pairs[0] == Pair(pairs_dir / "in/zh.txt", pairs_dir / "in/en.txt",
                            pairs_dir / "out/hand.align", f"{pairs_dir / 'pairs.tsv'}: line 3")
    assert pairs[3].out == pairs_dir / "out/a3-zh3.align"  # CRLF line end dropped
    assert pairs[4].source == pairs_dir / "in" / "zh-part.txt"  # absolute path kept


BAD = [
    ("a.txt\tb.txt\n", "line 1: expected 3 tab-separated fields (source, target, output), "
                       "found 2"),
    ("# only\n\na.txt\tb.txt\t\n", "line 3: the output field is empty"),
    ("a.txt\tnope.txt\tx.align\n", "line 1: {d}/nope.txt: file not found"),
    ("a.txt\tb.txt\tx.align\nempty.txt\tb.txt\ty.align\n",
     "line 2: {d}/empty.txt: empty file"),
    ("a.txt\tb.txt\tsub\n", "line 1: output {d}/sub is a directory"),
    ("a.txt\tb.txt\tx.align\nb.txt\ta.txt\tsub/../x.align\n",
     "line 2: output {d}/sub/../x.align is already the output of {tsv}: line 1"),
    ("a.txt\tb.txt\tx.align\nb.txt\ta.txt\ta.txt\n",
     "line 2: output {d}/a.txt is an input of {tsv}: line 1"),
    ("a.txt\tb.txt\tlink.txt\n", "line 1: output {d}/link.txt is an input of {tsv}: line 1"),
    ("a.txt\tb.txt\tpairs.tsv\n", "line 1: output {d}/pairs.tsv is the pairs file"),
    ("a.txt\tb.txt\tfile.txt/x.align\n",
     "line 1: output {d}/file.txt/x.align: {d}/file.txt is not a directory"),
    ("# nothing\n\n", "holds no pairs"),
    (b"a.txt\tb.txt\t\xff.align\n", "not UTF-8 (byte 12)"),
]


@pytest.mark.parametrize(("tsv_text", "message"), BAD)
def test_bad_pairs_file_one_line_nothing_written(tmp_path: Path, tsv_text: str | bytes,
                                                 message: str) -> None:
    d = tmp_path
    _write(d / "a.txt", ZH[:2])
    _write(d / "b.txt", EN[:2])
    (d / "empty.txt").write_text("\n", encoding="utf-8")
    (d / "sub").mkdir()
    (d / "file.txt").write_text("not a folder\n", encoding="utf-8")
    (d / "link.txt").symlink_to(d / "b.txt")
    (d / "x.align").write_text("previous\n", encoding="utf-8")
    tsv = d / "pairs.tsv"
    if isinstance(tsv_text, bytes):
        tsv.write_bytes(tsv_text)
    else:
        tsv.write_text(tsv_text, encoding="utf-8")
    before = sorted(p.name for p in d.rglob("*"))
    result = runner.invoke(app, ["align-files", "--pairs", str(tsv), "--no-cache"])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {tsv}"), result.output
    assert message.format(d=d, tsv=tsv) in lines[0]
    assert sorted(p.name for p in d.rglob("*")) == before
    assert (d / "x.align").read_text("utf-8") == "previous\n"


@pytest.mark.parametrize(("args", "message"), [
    (["a.txt", "--pairs", "p.tsv"], "--pairs takes no SRC, TGT or --out"),
    (["--pairs", "p.tsv", "--out", "x"], "--pairs takes no SRC, TGT or --out"),
    (["a.txt", "b.txt", "--workers", "2"], "--workers and --scheduler go with --pairs"),
    ([], "give SRC and TGT, or --pairs PAIRS.tsv"),
])
def test_usage_errors(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["align-files", *args])
    assert result.exit_code == 2 and message in result.output


def test_workers_and_scheduler_exclusive(pairs_dir: Path) -> None:
    result = runner.invoke(app, ["align-files", "--pairs", str(pairs_dir / "pairs.tsv"),
                                 "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 1
    assert result.output == "error: give workers or a scheduler, not both\n"


def test_help_imports_no_dask() -> None:
    code = ("import sys\nfrom outline_corpus.cli import app\n"
            "for args in (['--help'], ['align-files', '--help']):\n"
            "    try:\n        app(args)\n    except SystemExit:\n        pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed'}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_unreachable_scheduler_is_one_line(pairs_dir: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed", reason=NO_DASK)
    monkeypatch.setattr(batch, "CONNECT_TIMEOUT", 1)
    result = runner.invoke(app, ["align-files", "--pairs", str(pairs_dir / "pairs.tsv"),
                                 "--scheduler", "tcp://127.0.0.1:1", "--no-cache"])
    assert result.exit_code == 1
    assert result.output.startswith("error: cannot reach the Dask scheduler at "
                                    "tcp://127.0.0.1:1: ")
    assert len(result.output.strip().splitlines()) == 1
    assert not (pairs_dir / "out").exists()


def test_an_embedder_of_joined_windows(bow: BagOfWords, pairs_dir: Path) -> None:
    """A model that encodes each window's text: every distinct window text once, over
    all pairs, and the beads of aligning each pair alone."""
    checked = check_pairs(read_pairs(pairs_dir / "pairs.tsv"))
    result = batch.align_checked(checked, bow, EmbeddingCache(None), AlignParams(),
                                 batch.InProcess())
    assert bow.calls == result.texts
    for got, cp in zip(result.pairs, checked, strict=True):
        alone = files.align_files(cp.source, cp.target, BagOfWords(), EmbeddingCache(None))
        assert list(got.beads) == alone


def test_a_scheduler_without_workers_is_one_line(pairs_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed", reason=NO_DASK)
    monkeypatch.setattr(batch, "CONNECT_TIMEOUT", 1)
    with distributed.LocalCluster(n_workers=0, dashboard_address=None,
                                  scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}
                                  ) as empty:
        address = str(empty.scheduler_address)
        result = runner.invoke(app, ["align-files", "--pairs", str(pairs_dir / "pairs.tsv"),
                                     "--scheduler", address, "--no-cache"])
    assert result.exit_code == 1
    assert result.output == f"error: the Dask scheduler at {address} has no workers\n"


def test_without_dask_workers_are_refused_and_in_process_runs(
        pairs_dir: Path, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails: not installed
    pairs = [(pairs_dir / "in" / "zh.txt", pairs_dir / "in" / "en.txt", tmp_path / "x.align")]
    with pytest.raises(ParameterError, match=r"need Dask: pip install 'outline-corpus\[dask\]'"):
        api.align_pairs(pairs, workers=2, cache_path=cache)
    assert not (tmp_path / "x.align").exists()
    assert api.align_pairs(pairs, cache_path=cache).runner == "in-process"
    assert (tmp_path / "x.align").read_text("utf-8") == "[0]:[0]\n[1]:[2]\n[2]:[3]\n[3]:[4]\n"


def test_default_is_a_local_cluster_per_core_with_dask_and_pairs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object())
    assert batch.default_workers(5) == 4
    assert batch.default_workers(1) == 0  # one pair: nothing to spread
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert batch.default_workers(5) == 0
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)  # no dask extra
    assert batch.default_workers(5) == 0
