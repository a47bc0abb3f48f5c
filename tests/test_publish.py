"""Publishing outputs all at once: a run's files replace the previous run's together,
a failed or killed run leaves them whole, two runs cannot mix, the user's own files
stay. Fault injection at each write stage of a real build, and kills of a build in a
subprocess."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from outline_corpus import pipeline
from outline_corpus.config import Config
from outline_corpus.errors import OutlineCorpusError, OutputError
from outline_corpus.publish import OUTPUTS, Corpus, publishing

from .test_pipeline import EN, PAIR, ZH


def _snapshot(out: Path) -> dict[str, str]:
    """Name → SHA-256 of every file in ``out`` (none for a missing directory)."""
    if not out.exists():
        return {}
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir()
                  if p.name.startswith(f".{out.name}.") and not p.name.endswith(".lock"))


def test_a_run_replaces_the_previous_outputs_and_keeps_the_users_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with publishing(out) as pub:
        (pub.staging / "a.json").write_text("1")
        (pub.staging / "b.json").write_text("1")
    (out / "notes.txt").write_text("mine")
    (out / ".gitkeep").write_text("")
    with publishing(out) as pub:
        (pub.staging / "a.json").write_text("2")
    assert sorted(p.name for p in out.iterdir()) == [".gitkeep", OUTPUTS, "a.json",
                                                     "notes.txt"]
    assert (out / "a.json").read_text() == "2" and (out / "notes.txt").read_text() == "mine"
    assert pub.dropped == ["b.json"]
    assert _leftovers(out) == []


def test_a_failed_run_leaves_the_previous_outputs_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with publishing(out) as pub:
        (pub.staging / "a.json").write_text("1")
    before = _snapshot(out)
    with pytest.raises(RuntimeError), publishing(out) as pub:
        (pub.staging / "a.json").write_text("2")
        raise RuntimeError("disk full")
    assert _snapshot(out) == before and _leftovers(out) == []


def test_a_second_run_into_the_same_directory_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with publishing(out) as pub:
        (pub.staging / "a.json").write_text("1")
        with pytest.raises(OutputError, match="another run is writing"), publishing(out):
            pass
    assert (out / "a.json").read_text() == "1"


def test_what_a_killed_run_left_is_cleaned_or_put_back(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with publishing(out) as pub:
        (pub.staging / "a.json").write_text("1")
    (tmp_path / ".out.staging-99999").mkdir()
    (tmp_path / ".out.staging-99999" / "a.json").write_text("half")
    with publishing(out) as pub:
        (pub.staging / "a.json").write_text("2")
    assert _leftovers(out) == []
    # killed between the two renames of the fallback swap: the old directory is back
    out.rename(tmp_path / ".out.old-4242")
    with publishing(out) as pub:
        assert (out / "a.json").read_text() == "2"
        (pub.staging / "a.json").write_text("3")
    assert (out / "a.json").read_text() == "3" and _leftovers(out) == []


def test_a_symlinked_directory_is_followed_and_a_file_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    with publishing(tmp_path / "link") as pub:
        (pub.staging / "a.json").write_text("1")
    assert (tmp_path / "link").is_symlink() and (real / "a.json").read_text() == "1"
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="not a directory"), publishing(tmp_path / "file"):
        pass
    (tmp_path / "to-file").symlink_to(tmp_path / "file")
    with pytest.raises(OutputError, match="not a directory"), publishing(tmp_path / "to-file"):
        pass
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    for name in ("dangling", "loop"):
        with pytest.raises(OutputError, match=f"^{tmp_path / name}: a symbolic link to "
                                              "nothing; create"), publishing(tmp_path / name):
            pass
    assert not (tmp_path / "nowhere").exists() and _leftovers(tmp_path / "loop") == []


@pytest.fixture
def pair(tmp_corpus: Callable[..., Path]) -> Path:
    return tmp_corpus(PAIR, {"zh.txt": ZH, "en.txt": EN})


@pytest.mark.parametrize("stage", ["write_alignments", "write_reports", "_store",
                                   "export_corpus"])
def test_a_fault_at_any_write_stage_keeps_the_previous_build(
        pair: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    out = tmp_path / "out"
    pipeline.run(pair, out, Config(), "export", cache_path=None)
    before = _snapshot(out)

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    targets = {"write_alignments": "outline_corpus.align.output.write_alignments",
               "write_reports": "outline_corpus.diverge.reports.write_reports",
               "_store": "outline_corpus.pipeline._store",
               "export_corpus": "outline_corpus.export.export_corpus"}
    monkeypatch.setattr(targets[stage], fail)
    with pytest.raises(OutlineCorpusError, match=r"previous outputs are kept|cannot write"):
        pipeline.run(pair, out, Config(), "export", cache_path=None)
    assert _snapshot(out) == before and _leftovers(out) == []
    with sqlite3.connect(f"file:{out / 'corpus.sqlite'}?mode=ro", uri=True) as db:
        assert db.execute("SELECT count(*) FROM sentences").fetchone()[0] > 0


def test_align_into_a_build_directory_drops_what_would_disagree(pair: Path,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out).mkdir()
    (out / "notes.txt").write_text("mine")
    pipeline.run(pair, out, Config(), "export", cache_path=None)
    res = pipeline.run(pair, out, Config(), "align", cache_path=None)
    assert sorted(p.name for p in out.iterdir()) == [
        OUTPUTS, "dsl.en.alignment.json", "dsl.zh.parallel.json", "notes.txt"]
    assert "corpus.sqlite" in res.dropped and "divergences.json" in res.dropped
    assert any("removed" in w and "corpus.sqlite" in w for w in res.warnings)


def test_a_killed_build_leaves_one_whole_generation(pair: Path, tmp_path: Path) -> None:
    """Kill a build (SIGKILL, SIGTERM, SIGINT) at several moments: the directory holds
    either the previous build's files or the new one's, never a mix, and the next build
    cleans up what the killed one left."""
    out, second = tmp_path / "out", tmp_path / "second"
    pipeline.run(pair, out, Config(), "export", cache_path=None)
    old = _snapshot(out)
    (pair / "en.txt").write_text(EN.replace("orderly and free", "free and orderly"),
                                 encoding="utf-8")
    pipeline.run(pair, second, Config(), "export", cache_path=None)
    new = _snapshot(second)
    assert new != old
    code = ("import sys; from outline_corpus import pipeline; "
            "from outline_corpus.config import Config; "
            "pipeline.run(sys.argv[1], sys.argv[2], Config(), 'export', cache_path=None)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    for delay, sig in [(0.0, signal.SIGKILL), (0.05, signal.SIGTERM), (0.0, signal.SIGINT),
                       (0.2, signal.SIGKILL)]:
        proc = subprocess.Popen([sys.executable, "-c", code, str(pair), str(out)], env=env,
                                stderr=subprocess.DEVNULL)
        staging = tmp_path / f".out.staging-{proc.pid}"
        deadline = time.monotonic() + 120
        while not staging.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)  # kill while the outputs are being written
        time.sleep(delay)
        proc.send_signal(sig)
        proc.wait(timeout=300)
        assert _snapshot(out) in (old, new)
    subprocess.run([sys.executable, "-c", code, str(pair), str(out)], env=env, check=True)
    assert _snapshot(out) == new and _leftovers(out) == []


def test_a_read_only_place_is_a_one_line_error(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    with publishing(out) as pub:
        (pub.staging / "a.json").write_text("1")

    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(OutputError, match=r"cannot write here \(Read-only file system"), \
            publishing(out):
        pass
    assert (out / "a.json").read_text() == "1"


def test_a_directory_holds_one_corpus(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = Corpus("/raw", ("law.zh", "law.en"))
    with publishing(out, first) as pub:
        (pub.staging / "a.json").write_text("1")
    listing = json.loads((out / OUTPUTS).read_text(encoding="utf-8"))
    assert listing == {"files": ["a.json"],
                       "corpus": {"raw": "/raw", "documents": ["law.zh", "law.en"]}}
    # moved, copied, a document added: the same corpus
    with publishing(out, Corpus("/elsewhere", ("law.zh", "law.en", "law.en.b"))) as pub:
        (pub.staging / "a.json").write_text("2")
    other = Corpus("/other", ("plan.zh", "plan.en"))
    with pytest.raises(OutputError) as err, publishing(out, other):
        pass
    assert str(err.value) == (f"{out}: holds the outputs of another corpus (/elsewhere: "
                              "law.zh, law.en, law.en.b); choose another --out for this "
                              "one, or pass --force to replace them")
    assert (out / "a.json").read_text() == "2" and _leftovers(out) == []
    with publishing(out, other, force=True) as pub:
        (pub.staging / "b.json").write_text("3")
    assert sorted(p.name for p in out.iterdir()) == [OUTPUTS, "b.json"]
    assert json.loads((out / OUTPUTS).read_text(encoding="utf-8"))["corpus"]["raw"] == "/other"
