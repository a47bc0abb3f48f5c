"""The command line on the real corpus: exit codes first, then the output."""

import json
from pathlib import Path

from typer.testing import CliRunner

from outline_corpus.cli import app

RAW = str(Path(__file__).resolve().parents[1] / "data" / "raw")
runner = CliRunner()


def test_parse_json_one_object_per_document() -> None:
    result = runner.invoke(app, ["parse", "outline.zh", "outline.en.b", "--raw", RAW, "--json"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    zh, b = (json.loads(line) for line in lines)
    assert zh["doc"] == "outline.zh" and zh["language"] == "zh"
    assert [p["number"] for p in zh["parts"]] == list(range(1, 12))
    assert zh["parts"][0]["title"] == "形势背景"
    assert len(zh["articles"]) == 32 and len(zh["list_items"]) == 6
    assert zh["articles"][13]["title"] == "提高建筑材料质量水平"
    assert zh["articles"][13]["sentences"][0]["id"] == "outline.zh/art-14/s-1"
    assert zh["missing_articles"] == []
    assert [f["kind"] for f in zh["front_matter"]] == ["headline", "news-lead", "lead-in"]
    assert zh["signature"]["toolkit"] == "outline-corpus"
    assert zh["signature"]["params"] == {"semicolon": False}
    assert b["diagnostics"][1]["kind"] == "numbering_ocr"
    assert b["diagnostics"][1]["snippet"] == "VT、"


def test_parse_table_names_gaps_and_diagnostics() -> None:
    result = runner.invoke(app, ["parse", "outline.en.a", "--raw", RAW])
    assert result.exit_code == 0, result.output
    assert "10, 13, 16, 19, 22, 25, 30" in result.stdout
    assert "numbering_gap 7" in result.stdout


def test_show_prints_sentences_with_ids() -> None:
    result = runner.invoke(app, ["show", "outline.en.b", "14", "--raw", RAW])
    assert result.exit_code == 0, result.output
    assert "outline.en.b/art-14/s-3" in result.stdout
    assert "Improve the quality of building materials" in result.stdout


def test_show_json_and_transcript_turn() -> None:
    result = runner.invoke(app, ["show", "outline.zh", "2", "--raw", RAW, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == "outline.zh/art-2" and len(data["items"]) == 6
    result = runner.invoke(app, ["show", "press-conference.en", "4", "--raw", RAW, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["kind"] == "question"


def test_semicolon_option_splits_more_chinese_sentences() -> None:
    plain = runner.invoke(app, ["parse", "outline.zh", "--raw", RAW, "--json"])
    semi = runner.invoke(app, ["parse", "outline.zh", "--raw", RAW, "--json", "--semicolon"])
    assert plain.exit_code == 0 and semi.exit_code == 0
    n_plain = json.loads(plain.stdout)["counts"]["sentences"]
    n_semi = json.loads(semi.stdout)["counts"]["sentences"]
    assert (n_plain, n_semi) == (249, 250)


def test_no_help_shows_a_type_for_a_flag() -> None:
    """A flag takes no value: no `--help` shows `<bool>` for one; options with values
    keep their type."""
    import typer

    def paths(command: object, path: list[str]) -> list[list[str]]:
        below = getattr(command, "commands", {})  # a group: its commands too
        return [path, *(p for name, sub in sorted(below.items())
                        for p in paths(sub, [*path, name]))]

    every = paths(typer.main.get_command(app), [])
    assert {"build", "search", "show", "similar"} <= {p[0] for p in every if p}
    for args in every:
        result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "120"})
        assert result.exit_code == 0, result.output
        assert "<bool>" not in result.stdout, args
        assert "--help" in result.stdout
    search = runner.invoke(app, ["search", "--help"], env={"COLUMNS": "120"}).stdout
    assert "<int>" in search and "--parallel " in search
