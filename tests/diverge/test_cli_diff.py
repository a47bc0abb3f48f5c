"""The diff command: exit code, then the JSON on stdout and the reports written."""

import json
from pathlib import Path

from typer.testing import CliRunner

from outline_corpus.cli import app

from ..conftest import REAL_RAW

runner = CliRunner()


def test_diff_json_filters_and_reports(tmp_path: Path, shared_cache: Path) -> None:
    result = runner.invoke(app, ["diff", "--raw", str(REAL_RAW), "--out", str(tmp_path),
                                 "--cache", str(shared_cache), "--kind", "missing_article",
                                 "--json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [(r["doc"], r["article"]) for r in records] == [
        ("outline.en.a", n) for n in (10, 13, 16, 19, 22, 25, 30)]
    assert set(records[0]) == {"id", "doc", "kind", "severity", "article", "original_ids",
                               "translation_ids", "original_text", "translation_text",
                               "evidence", "message", "beads"}
    # a missing article concerns the 1:0 beads of its sentences
    assert records[0]["beads"] and all(b.startswith("outline.en.a/b-") for b in records[0]["beads"])
    written = json.loads((tmp_path / "divergences.json").read_text("utf-8"))
    assert written["signature"]["params"]["model"] == "use-m3@0.2.1"
    assert len(written["records"]) > len(records)  # the files hold every record
    report = (tmp_path / "divergences.md").read_text("utf-8")
    assert report.startswith("# Divergences") and "## Article 10" in report
    assert "**missing_article** (high, outline.en.a)" in report


def test_diff_article_and_bad_filters(tmp_path: Path, shared_cache: Path) -> None:
    result = runner.invoke(app, ["diff", "outline.en.b", "--raw", str(REAL_RAW), "--out",
                                 str(tmp_path), "--cache", str(shared_cache), "--article",
                                 "10", "--json"])
    assert result.exit_code == 0, result.output
    kinds = {(r["kind"], r["article"]) for r in json.loads(result.stdout)}
    assert ("addition", 10) in kinds and all(a == 10 for _, a in kinds)
    bad = runner.invoke(app, ["diff", "--raw", str(REAL_RAW), "--kind", "typo"])
    assert bad.exit_code == 1 and "unknown kind 'typo'" in bad.output
    bad = runner.invoke(app, ["diff", "--raw", str(REAL_RAW), "--severity", "urgent"])
    assert bad.exit_code == 1 and "unknown severity 'urgent'" in bad.output


def test_threshold_options(tmp_path: Path, shared_cache: Path) -> None:
    result = runner.invoke(app, ["diff", "--raw", str(REAL_RAW), "--out", str(tmp_path),
                                 "--cache", str(shared_cache), "--kind", "low_similarity",
                                 "--low-similarity", "0.0", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    written = json.loads((tmp_path / "divergences.json").read_text("utf-8"))
    assert written["signature"]["params"]["low_similarity"] == 0.0
    bad = runner.invoke(app, ["diff", "--raw", str(REAL_RAW), "--low-similarity", "2"])
    assert bad.exit_code == 1 and "must be a cosine in [-1, 1]" in bad.output
