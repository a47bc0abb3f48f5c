"""The command line given bad input: exit status 1, one ``error:`` line naming the file or
id, never a traceback; and the JSON of the real corpus."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from outline_corpus.cli import app

Factory = Callable[..., Path]

REAL_RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
ZH_FILE = REAL_RAW / "outline-zh-xinhua.txt"
EN_B_FILE = REAL_RAW / "outline-en-b-brand-association.txt"
PROSE = ("The weather was fine that spring. People went out to the parks and the markets.\n\n"
         "Nobody talked about policies or outlines at all; they talked about food.\n")
UNDETECTABLE = "encoding cannot be detected confidently; convert it to UTF-8"

runner = CliRunner()


def entry(doc_id: str, file: str, language: str = "en", role: str = "related",
          **extra: str) -> dict[str, str]:
    return {"id": doc_id, "file": file, "language": language, "role": role, "work": "w",
            "title": f"Title of {doc_id}", **extra}


def one_doc(tmp_corpus: Factory, content: str | bytes | Path, language: str = "zh",
            **extra: str) -> tuple[Path, Path]:
    """A corpus of one document ``d`` in file ``d.txt``; returns (root, file path)."""
    root = tmp_corpus([entry("d", "d.txt", language, **extra)], {"d.txt": content})
    return root, root / "d.txt"


def failed(result: Result) -> str:
    """The last output line of a run that failed as it should; asserts the contract."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("error: ")
    assert result.stderr.strip() == last  # one line, on stderr
    return last


def invoke(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


# -- the real corpus ---------------------------------------------------------------------------
KEYS = {"doc", "language", "parts", "articles", "missing_articles", "list_items",
        "front_matter", "diagnostics", "signature"}


def check_real_json(stdout: str) -> None:
    lines = stdout.strip().splitlines()
    assert len(lines) == 5
    docs = [json.loads(line) for line in lines]
    for data in docs:
        assert KEYS - data.keys() == set(), data["doc"]
        assert data["signature"]["toolkit"] == "outline-corpus"
    by_id = {d["doc"]: d for d in docs}
    assert list(by_id) == ["outline.zh", "outline.en.a", "outline.en.b", "action-plan.en",
                           "press-conference.en"]
    assert [d["language"] for d in docs] == ["zh", "en", "en", "en", "en"]
    assert by_id["outline.en.a"]["missing_articles"] == [10, 13, 16, 19, 22, 25, 30]
    assert by_id["outline.zh"]["missing_articles"] == []
    assert len(by_id["outline.zh"]["articles"]) == 32
    assert len(by_id["outline.zh"]["parts"]) == 11
    assert len(by_id["outline.zh"]["list_items"]) == 6
    assert by_id["press-conference.en"]["articles"] == []


def test_parse_real_corpus_json() -> None:
    result = invoke("parse", "--raw", REAL_RAW, "--json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    check_real_json(result.stdout)


# -- a legacy encoding is read -----------------------------------------------------------------
def test_gbk_file_parses_like_the_utf8_one(tmp_corpus: Factory) -> None:
    text = ZH_FILE.read_text(encoding="utf-8")
    root = tmp_corpus([entry("zh", "zh-gbk.txt", "zh", "original"),
                       entry("zh8", "zh.txt", "zh", "original")],
                      {"zh-gbk.txt": text.encode("gbk"), "zh.txt": ZH_FILE})
    result = invoke("parse", "--raw", root, "--json")
    assert result.exit_code == 0, result.output
    gbk, utf8 = (json.loads(line) for line in result.stdout.strip().splitlines())
    assert len(gbk["articles"]) == 32 and len(gbk["parts"]) == 11
    assert gbk["parts"][0]["title"] == "形势背景"
    assert [a["title"] for a in gbk["articles"]] == [a["title"] for a in utf8["articles"]]
    assert gbk["articles"][13]["start"] == utf8["articles"][13]["start"]


def test_show_on_gbk_file(tmp_corpus: Factory) -> None:
    text = ZH_FILE.read_text(encoding="utf-8")
    root, _ = one_doc(tmp_corpus, text.encode("gb18030"), role="original")
    result = invoke("show", "d", "14", "--raw", root, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["id"], data["title"]) == ("d/art-14", "提高建筑材料质量水平")


# -- unusable raw files ------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["parse", "show"])
@pytest.mark.parametrize("content,reason", [
    (b"", "empty file"),
    (b" \n\n\t \r\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(3).randbytes(300),
     "binary file (contains NUL bytes), not text"),
    (b"\x1b[1m\x07\x08\x01\x02 bell and escape\n" * 4,
     "binary file (control characters), not text"),
    (b"\xff" + bytes(random.Random(5).randrange(0x80, 0x100) for _ in range(600)),
     f"not UTF-8 (invalid byte at offset 0) and its {UNDETECTABLE}"),
], ids=["empty", "blank", "png", "controls", "undecodable"])
def test_unusable_file(tmp_corpus: Factory, command: str, content: bytes, reason: str) -> None:
    root, path = one_doc(tmp_corpus, content)
    args = ["parse", "d"] if command == "parse" else ["show", "d", "1"]
    last = failed(invoke(*args, "--raw", root))
    assert last == f"error: {path}: {reason}"


def test_unusable_file_fails_parse_of_all_documents(tmp_corpus: Factory) -> None:
    root = tmp_corpus([entry("good", "good.txt"), entry("bad", "bad.txt")],
                      {"good.txt": EN_B_FILE, "bad.txt": b""})
    assert failed(invoke("parse", "--raw", root, "--json")) == \
        f"error: {root / 'bad.txt'}: empty file"


def test_broken_original_is_named_when_parsing_its_translation(tmp_corpus: Factory) -> None:
    root = tmp_corpus([entry("zh", "zh.txt", "zh", "original"),
                       entry("en", "en.txt", "en", "translation", original="zh")],
                      {"zh.txt": b"\x00\x01binary", "en.txt": EN_B_FILE})
    last = failed(invoke("show", "en", "14", "--raw", root))
    assert last == f"error: {root / 'zh.txt'}: binary file (contains NUL bytes), not text"


def test_damaged_utf8_file(tmp_corpus: Factory) -> None:
    data = bytearray(EN_B_FILE.read_bytes())
    data[100] = 0xFF
    root, path = one_doc(tmp_corpus, bytes(data), "en")
    assert failed(invoke("parse", "--raw", root)) == (
        f"error: {path}: damaged UTF-8: 1 invalid byte sequence(s), the first at byte 100, "
        "among 14 valid non-ASCII characters")


def test_english_paragraph_of_over_a_million_characters_parses(tmp_corpus: Factory) -> None:
    text = "I. Title\n(1) Guiding ideology. " + "word " * 200_001 + "\n"
    root, _ = one_doc(tmp_corpus, text, "en")
    result = invoke("parse", "--raw", root, "--json")
    assert result.exception is None, repr(result.exception)  # not spaCy's ValueError E088
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [a["number"] for a in data["articles"]] == [1]


TRANSCRIPT = ("Press conference on the Outline\n\n"
              "Host [/b]:\nGood afternoon. Welcome.\n\n"
              "Reporter [/x] from CCTV:\nWhat does the Outline change?\n")


def test_table_output_shows_bracketed_speaker_verbatim(tmp_corpus: Factory) -> None:
    # Text from the raw file is not rich markup: "[/b]" must neither crash nor vanish.
    root, _ = one_doc(tmp_corpus, TRANSCRIPT, "en", structure="transcript")
    result = invoke("parse", "--raw", root)
    assert result.exception is None, repr(result.exception)  # not rich's MarkupError
    assert result.exit_code == 0, result.output
    assert "Host [/b]" in result.stdout


def test_table_output_shows_bracketed_file_name_verbatim(tmp_corpus: Factory) -> None:
    root = tmp_corpus([entry("t", "t[/x].txt", structure="transcript")],
                      {"t[/x].txt": TRANSCRIPT})
    result = invoke("parse", "--raw", root)
    assert result.exception is None, repr(result.exception)
    assert result.exit_code == 0, result.output
    assert "t[/x].txt" in result.stdout


def test_show_turn_with_bracketed_speaker(tmp_corpus: Factory) -> None:
    root, _ = one_doc(tmp_corpus, TRANSCRIPT, "en", structure="transcript")
    result = invoke("show", "d", "2", "--raw", root)
    assert result.exit_code == 0, result.output
    assert "d/turn-2  Reporter [/x] from CCTV (reporter) [question]" in result.stdout
    assert "d/turn-2/s-1" in result.stdout


# -- documents without structure ---------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "zh"])
def test_plain_prose_declared_policy_is_refused(tmp_corpus: Factory, language: str) -> None:
    root, path = one_doc(tmp_corpus, PROSE, language, structure="policy")
    assert failed(invoke("parse", "--raw", root)) == (
        f"error: {path}: no part headings or numbered articles found; not a policy "
        "document this parser recognises")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_plain_prose_is_read_flat_with_a_warning(tmp_corpus: Factory, language: str) -> None:
    root, _ = one_doc(tmp_corpus, PROSE, language)
    result = invoke("parse", "--raw", root, "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert (doc["structure"]["profile"], doc["structure"]["confidence"]) == ("flat", 0.0)
    (warning,) = [d for d in doc["diagnostics"] if d["kind"] == "no_structure"]
    assert warning["message"].startswith("no structure profile fits (fits: law 0.00, "
                                         "policy 0.00); read as 2 paragraphs")
    assert [u["kind"] for u in doc["units"]] == ["text", "paragraph", "paragraph"]
    table = invoke("parse", "--raw", root)
    assert "flat (no profile fits)" in table.stdout and "no_structure" in table.stdout


def test_plain_chinese_prose_declared_policy_is_refused(tmp_corpus: Factory) -> None:
    prose = "质量是人类生产生活的重要保障。我们要坚持质量第一。\n\n今天天气很好。\n"
    root, path = one_doc(tmp_corpus, prose, "zh", structure="policy")
    assert failed(invoke("show", "d", "1", "--raw", root, "--json")) == (
        f"error: {path}: no part headings or numbered articles found; not a policy "
        "document this parser recognises")


def test_plain_prose_is_not_a_transcript(tmp_corpus: Factory) -> None:
    root, path = one_doc(tmp_corpus, PROSE, "en", structure="transcript")
    assert failed(invoke("parse", "--raw", root, "--json")) == (
        f"error: {path}: no speaker lines (\"Name:\") found; not a transcript this parser "
        "recognises")


# -- bad manifests -----------------------------------------------------------------------------
def test_missing_file_in_manifest(tmp_corpus: Factory) -> None:
    root = tmp_corpus([entry("d", "gone.txt")])
    assert failed(invoke("parse", "--raw", root)) == \
        f"error: {root / 'gone.txt'}: file named by document 'd' not found"


def test_invalid_toml_manifest(tmp_corpus: Factory) -> None:
    root = tmp_corpus(manifest='[[documents]\nid = "x"\n')
    assert failed(invoke("parse", "--raw", root)) == (
        f"error: {root / 'manifest.toml'}: not valid TOML (Expected ']]' at the end of an "
        "array declaration (at line 1, column 12))")


def test_manifest_with_bad_role(tmp_corpus: Factory) -> None:
    root = tmp_corpus([entry("d", "d.txt", role="copy")], {"d.txt": PROSE})
    assert failed(invoke("show", "d", "1", "--raw", root)) == (
        f"error: {root / 'manifest.toml'}: document 'd' has role 'copy', expected one of "
        "original, translation, related")


def test_no_manifest(tmp_corpus: Factory) -> None:
    root = tmp_corpus(files={"d.txt": PROSE})
    assert failed(invoke("parse", "--raw", root)) == \
        f"error: {root / 'manifest.toml'}: manifest not found"


def test_raw_directory_missing(tmp_path: Path) -> None:
    assert failed(invoke("parse", "--raw", tmp_path / "none")) == \
        f"error: {tmp_path / 'none'}: raw directory not found"


# -- unknown ids and numbers -------------------------------------------------------------------
KNOWN = "outline.zh, outline.en.a, outline.en.b, action-plan.en, press-conference.en"


@pytest.mark.parametrize("args", [["parse", "outline.en.c"],
                                  ["parse", "outline.zh", "nope", "--json"],
                                  ["show", "outline.en.c", "1"]])
def test_unknown_document_id(args: list[str]) -> None:
    bad = args[2] if args[1] == "outline.zh" else args[1]
    assert failed(invoke(*args, "--raw", REAL_RAW)) == \
        f"error: unknown document id {bad!r} (known: {KNOWN})"


def test_show_unknown_article_number() -> None:
    assert failed(invoke("show", "outline.en.a", "10", "--raw", REAL_RAW)) == (
        "error: outline.en.a has no article 10 (articles: 1-9, 11-12, 14-15, 17-18, 20-21, "
        "23-24, 26-29, 31-32)")


@pytest.mark.parametrize("number", ["0", "33", "-1"])
def test_show_article_out_of_range(number: str) -> None:
    # "--" ends the options, so that "-1" is read as the number.
    assert failed(invoke("show", "--raw", REAL_RAW, "--json", "--", "outline.zh", number)) \
        == f"error: outline.zh has no article {number} (articles: 1-32)"


def test_show_unknown_turn_number() -> None:
    result = invoke("show", "press-conference.en", "9999", "--raw", REAL_RAW)
    last = failed(result)
    assert last.startswith("error: press-conference.en has no turn 9999 (turns 1-")


# -- the installed console script --------------------------------------------------------------
def console_script() -> str:
    found = shutil.which("outline-corpus", path=str(Path(sys.executable).parent))
    assert found is not None, "outline-corpus is not installed next to this interpreter"
    return found


def run_script(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "OUTLINE_CORPUS_DEBUG"}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([console_script(), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120, check=False)


def script_failed(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ")
    return lines[0]


def test_console_script_bad_inputs(tmp_corpus: Factory) -> None:
    root = tmp_corpus([entry("empty", "empty.txt"), entry("png", "png.bin"),
                       entry("prose", "prose.txt", structure="policy")],
                      {"empty.txt": b"", "png.bin": b"\x89PNG\r\n\x1a\n\x00\x00IHDR\x00",
                       "prose.txt": PROSE})
    assert script_failed(run_script("parse", "empty", "--raw", root)) == \
        f"error: {root / 'empty.txt'}: empty file"
    assert script_failed(run_script("show", "png", "1", "--raw", root)) == \
        f"error: {root / 'png.bin'}: binary file (contains NUL bytes), not text"
    assert script_failed(run_script("parse", "prose", "--raw", root, "--json")) == (
        f"error: {root / 'prose.txt'}: no part headings or numbered articles found; not a "
        "policy document this parser recognises")
    assert script_failed(run_script("parse", "nope", "--raw", root)) == \
        "error: unknown document id 'nope' (known: empty, png, prose)"
    bad = tmp_corpus(manifest="[[documents]\n")
    assert script_failed(run_script("parse", "--raw", bad)).startswith(
        f"error: {bad / 'manifest.toml'}: not valid TOML (")
    assert script_failed(run_script("show", "outline.en.a", "13", "--raw", REAL_RAW)) \
        .startswith("error: outline.en.a has no article 13 (")


def test_console_script_parses_real_corpus_json() -> None:
    proc = run_script("parse", "--raw", REAL_RAW, "--json")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    check_real_json(proc.stdout)


@pytest.mark.parametrize("args,message", [
    (("align", "--max-side", "abc"), "error: Invalid value for '--max-side': "),
    (("show", "-1"), "error: No such option: -1 (see outline-corpus show --help)"),
    (("nosuch",), "error: No such command 'nosuch'. (see outline-corpus --help)"),
])
def test_a_bad_command_line_is_one_line_with_exit_2(args: tuple[str, ...],
                                                     message: str) -> None:
    proc = run_script(*args)
    lines = proc.stderr.strip().splitlines()
    assert (proc.returncode, proc.stdout, len(lines)) == (2, "", 1), proc.stderr
    assert lines[0].startswith(message) and "Usage" not in proc.stderr


def test_an_unknown_search_language(built: Path) -> None:
    assert failed(invoke("search", "--db", built, "--lang", "", "quality")) == (
        "error: unknown language '' for --lang (languages: zh, en)")


def test_diff_of_an_unknown_article_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "divergences.json").write_text("earlier\n", encoding="utf-8")
    assert "art-999" in failed(invoke("diff", "--raw", REAL_RAW, "--out", out,
                                      "--article", "art-999"))
    assert sorted(p.name for p in out.iterdir()) == ["divergences.json"]
    assert (out / "divergences.json").read_text(encoding="utf-8") == "earlier\n"


def test_a_build_of_another_corpus_is_refused_without_force(
        tmp_corpus: Callable[..., Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".outline-corpus-outputs.json").write_text(
        '{"files": ["corpus.sqlite"], "corpus": {"raw": "/elsewhere", "documents": '
        '["plan.zh"]}}\n', encoding="utf-8")
    (out / "corpus.sqlite").write_text("another corpus\n", encoding="utf-8")
    raw = tmp_corpus([{"id": "a", "file": "a.txt", "language": "zh", "role": "original",
                       "work": "w", "title": "t"}], {"a.txt": "第一条　总则。\n"})
    assert failed(invoke("build", "--raw", raw, "--out", out, "--no-cache")) == (
        f"error: {out}: holds the outputs of another corpus (/elsewhere: plan.zh); "
        "choose another --out for this one, or pass --force to replace them")
    assert (out / "corpus.sqlite").read_text(encoding="utf-8") == "another corpus\n"
    result = invoke("build", "--raw", raw, "--out", out, "--no-cache", "--force")
    assert result.exit_code == 0, result.output
    assert (out / "corpus.sqlite").read_bytes().startswith(b"SQLite format 3")
