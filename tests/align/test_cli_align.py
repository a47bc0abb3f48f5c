"""The alignment commands: exit code first, then the files they write."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outline_corpus.align.evaluate import read_beads
from outline_corpus.cli import app
from outline_corpus.model import Document
from outline_corpus.publish import OUTPUTS

from ..conftest import REAL_RAW

runner = CliRunner()


@pytest.fixture(scope="module")
def aligned_dir(tmp_path_factory: pytest.TempPathFactory, shared_cache: Path) -> Path:
    out = tmp_path_factory.mktemp("aligned")
    result = runner.invoke(app, ["align", "--raw", str(REAL_RAW), "--out", str(out),
                                 "--cache", str(shared_cache)])
    assert result.exit_code == 0, result.output
    return out


def test_align_writes_signed_outputs(aligned_dir: Path) -> None:
    names = sorted(p.name for p in aligned_dir.iterdir())
    assert names == [OUTPUTS, "outline.en.a.alignment.json", "outline.en.b.alignment.json",
                     "outline.zh.parallel.json"]
    data = json.loads((aligned_dir / "outline.en.b.alignment.json").read_text("utf-8"))
    sig = data["signature"]
    assert sig["toolkit"] == "outline-corpus" and sig["params"]["model"] == "use-m3@0.2.1"
    assert sig["params"]["max_side"] == 5 and sig["params"]["skip"] == -0.3
    assert data["original"] == "outline.zh" and data["translation"] == "outline.en.b"
    bead = next(b for b in data["beads"] if b["target"] == ["outline.en.b/art-10/s-9"])
    assert bead["kind"] == "0:1" and bead["source"] == [] and bead["article"] == 10
    parallel = json.loads((aligned_dir / "outline.zh.parallel.json").read_text("utf-8"))
    row = next(r for r in parallel["sentences"] if r["id"] == "outline.zh/art-14/s-1")
    assert row["text"] == "提高建筑材料质量水平。"
    assert sorted(row["renderings"]) == ["outline.en.a", "outline.en.b"]
    assert row["renderings"]["outline.en.b"]["text"] == "Improve the quality of building materials."
    missing = next(r for r in parallel["sentences"] if r["id"] == "outline.zh/art-10/s-1")
    assert missing["renderings"]["outline.en.a"]["kind"] == "1:0"


def test_align_is_deterministic(aligned_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["align", "outline.en.b", "--raw", str(REAL_RAW), "--out",
                                 str(tmp_path), "--no-cache"])
    assert result.exit_code == 0, result.output
    again = (tmp_path / "outline.en.b.alignment.json").read_bytes()
    assert again == (aligned_dir / "outline.en.b.alignment.json").read_bytes()


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_align_files_and_evaluate(corpus: dict[str, Document], tmp_path: Path) -> None:
    zh = [s.text for s in corpus["outline.zh"].article(14).sentences]
    en = [s.text for s in corpus["outline.en.b"].article(14).sentences]
    src = _write(tmp_path / "zh.txt", zh)
    tgt = _write(tmp_path / "en.txt", ["", *en])  # a blank line takes part in no bead
    out = tmp_path / "beads.align"
    result = runner.invoke(app, ["align-files", str(src), str(tgt), "--out", str(out),
                                 "--no-cache"])
    assert result.exit_code == 0, result.output
    beads = read_beads(out)
    assert [i for s, _ in beads for i in s] == list(range(len(zh)))
    assert [i for _, t in beads for i in t] == list(range(1, len(en) + 1))
    assert beads[0] == ((0,), (1,))
    scored = runner.invoke(app, ["align-files", str(tgt), str(src), "--scores", "--no-cache"])
    assert scored.exit_code == 0, scored.output
    first = scored.stdout.splitlines()[0]
    assert first.startswith("[1]:[0]:") and 0.0 <= float(first.rsplit(":", 1)[1]) <= 1.0
    result = runner.invoke(app, ["evaluate", str(out), str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["beads.align"]["strict_f1"] == 1.0


@pytest.mark.parametrize(("content", "message"), [
    ("", "empty file"), ("\n\n  \n", "empty file"), ("\n \t\n\u3000\n", "empty file")])
def test_align_files_bad_input(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(content, encoding="utf-8")
    good = _write(tmp_path / "good.txt", ["One sentence."])
    out = tmp_path / "out.align"
    out.write_text("previous\n")
    result = runner.invoke(app, ["align-files", str(good), str(bad), "--out", str(out),
                                 "--no-cache"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("error: ")
    assert message in result.output and "Traceback" not in result.output
    assert out.read_text() == "previous\n"  # nothing already written is lost


def test_bad_parameters_and_missing_model(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", ["One sentence."])
    result = runner.invoke(app, ["align-files", str(good), str(good), "--max-side", "9"])
    assert result.exit_code == 1 and "max side 9 must be 1..8" in result.output
    result = runner.invoke(app, ["align-files", str(good), str(good), "--model",
                                 str(tmp_path / "no-model"), "--no-cache"])
    assert result.exit_code == 1 and "error: " in result.output
    result = runner.invoke(app, ["evaluate", str(good), str(good)])
    assert result.exit_code == 1 and "not a bead line" in result.output


def test_same_language_files_align(corpus: dict[str, Document], tmp_path: Path) -> None:
    """Two English translations align with each other: the model is multilingual."""
    a = [s.text for s in corpus["outline.en.a"].article(14).sentences]
    b = [s.text for s in corpus["outline.en.b"].article(14).sentences]
    out = tmp_path / "ab.align"
    result = runner.invoke(app, ["align-files", str(_write(tmp_path / "a.txt", a)),
                                 str(_write(tmp_path / "b.txt", b)), "--out", str(out),
                                 "--no-cache"])
    assert result.exit_code == 0, result.output
    beads = read_beads(out)
    assert beads[0] == ((0,), (0,))
    assert [i for s, _ in beads for i in s] == list(range(len(a)))


def test_line_numbers_are_those_of_wc(tmp_path: Path) -> None:
    """U+2028, a form feed or a lone CR inside a line do not end it; CRLF is a line end."""
    src = tmp_path / "zh.txt"
    src.write_bytes("第一句。\r\n第二句\u2028仍是第二句。\r\n第三句\x0c。\n".encode())
    tgt = tmp_path / "en.txt"
    tgt.write_bytes(b"The first.\nThe second\r still the second.\nThe third.\n")
    from outline_corpus.align.files import read_sentences

    assert read_sentences(src).ids == (0, 1, 2) == read_sentences(tgt).ids
    assert read_sentences(src).lines[1] == "第二句\u2028仍是第二句。"


def test_align_files_writes_to_a_device_and_through_a_symlink(
        corpus: dict[str, Document], tmp_path: Path) -> None:
    zh = [s.text for s in corpus["outline.zh"].article(14).sentences[:3]]
    en = [s.text for s in corpus["outline.en.b"].article(14).sentences[:3]]
    src, tgt = _write(tmp_path / "zh.txt", zh), _write(tmp_path / "en.txt", en)
    result = runner.invoke(app, ["align-files", str(src), str(tgt), "--out", "/dev/null"])
    assert result.exit_code == 0, result.output
    assert Path("/dev/null").is_char_device()
    real = tmp_path / "real.align"
    real.write_text("old\n")
    (tmp_path / "link.align").symlink_to(real)
    result = runner.invoke(app, ["align-files", str(src), str(tgt), "--out",
                                 str(tmp_path / "link.align")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "link.align").is_symlink() and real.read_text().startswith("[0]:[0]")


def test_align_files_out_dev_stdout_into_a_pipe(tmp_path: Path) -> None:
    """/dev/stdout is a link to the pipe the beads go into: written, not replaced."""
    src = _write(tmp_path / "zh.txt", ["数据安全。", "国家保护数据。"])
    tgt = _write(tmp_path / "en.txt", ["Data security.", "The State protects data."])
    proc = subprocess.run([sys.executable, "-m", "outline_corpus.cli", "align-files", str(src),
                           str(tgt), "--no-cache", "--out", "/dev/stdout"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert (proc.returncode, proc.stdout) == (0, "[0]:[0]\n[1]:[1]\n"), proc.stderr
