"""Progress of a pipeline run: every stage reports its total before it advances, never
passes it and ends on it; the command line draws bars on a terminal, nothing on a
pipe."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from outline_corpus import pipeline
from outline_corpus.cli import app
from outline_corpus.cli_progress import StageBars
from outline_corpus.config import Config
from outline_corpus.progress import STAGES, Tally

from .test_pipeline import EN, PAIR, TALK, ZH

Call = tuple[str, int, int]


def _corpus(tmp_corpus: Callable[..., Path]) -> Path:
    docs = [*PAIR, {"id": "talk", "file": "talk.txt", "language": "en", "role": "related",
                    "work": "dsl", "title": "Talk"}]
    return tmp_corpus(docs, {"zh.txt": ZH, "en.txt": EN, "talk.txt": TALK})


def _check(calls: list[Call]) -> dict[str, tuple[int, int]]:
    """Each stage's last (done, total), having checked that every report has done <=
    total, that neither ever falls, and that a stage starts at 0 and ends on its
    total."""
    last: dict[str, tuple[int, int]] = {}
    for stage, done, total in calls:
        assert 0 <= done <= total, (stage, done, total)
        if stage in last:
            assert done >= last[stage][0] and total >= last[stage][1], (stage, done, total)
        else:
            assert done == 0, f"{stage} advanced before it reported its total"
        last[stage] = (done, total)
    assert all(done == total for done, total in last.values()), last
    return last


def test_every_stage_of_a_build_reports(tmp_corpus: Callable[..., Path],
                                        tmp_path: Path) -> None:
    raw = _corpus(tmp_corpus)
    calls: list[Call] = []
    res = pipeline.run(raw, tmp_path / "out", Config(), "export", cache_path=None,
                       report=lambda *call: calls.append(call))
    last = _check(calls)
    assert list(dict.fromkeys(stage for stage, _, _ in calls)) == list(STAGES)
    assert last["parse"][1] == sum(len(d.text) for d in res.docs)
    assert last["embed"][1] == 3 + 3 + 2  # every sentence: the law's, the translation's, the talk's
    assert last["align"][1] == 3  # the three sentences of the original's three articles
    assert last["diverge"][1] == 3 + 3  # three beads for clauses, the same three for words
    assert last["words"][1] > 0
    assert last["link"][1] == 2  # the talk's two paragraphs
    assert last["write"][1] == 3  # alignments, reports, database
    assert last["export"][1] == 4  # tmx, json, csv, html


def test_a_run_to_align_reports_only_its_stages(tmp_corpus: Callable[..., Path],
                                                tmp_path: Path) -> None:
    calls: list[Call] = []
    pipeline.run(_corpus(tmp_corpus), tmp_path / "out", Config(), "align", cache_path=None,
                 report=lambda *call: calls.append(call))
    last = _check(calls)
    assert list(last) == ["parse", "embed", "align", "write"]
    assert last["embed"][1] == 3 + 3  # the talk is not embedded: nothing links it
    assert last["write"][1] == 1


def test_a_tally_without_report_counts_silently() -> None:
    tally = Tally()
    stage = tally.stage("embed")
    stage.expect(4)
    stage.advance(3)
    stage.finish()
    assert (tally.done["embed"], tally.total["embed"]) == (4, 4)
    assert Tally.of(tally) is tally


def test_bars_on_a_terminal_and_nothing_on_a_pipe(tmp_corpus: Callable[..., Path],
                                                  tmp_path: Path) -> None:
    screen = io.StringIO()
    with StageBars(Console(file=screen, force_terminal=True, width=120)) as report:
        report("embed", 0, 8)
        report("embed", 5, 8)
        report.progress.refresh()
    drawn = screen.getvalue()
    assert "sentences embedded" in drawn and "5/8" in drawn

    result = CliRunner().invoke(app, ["build", "--raw", str(_corpus(tmp_corpus)), "--out",
                                      str(tmp_path / "out"), "--no-cache", "--json"])
    assert result.exit_code == 0, result.output
    # stderr is not a terminal: its warnings only, no bar, no escape sequence
    assert all(line.startswith("warning: talk: ") for line in result.stderr.splitlines())
    assert "\x1b" not in result.stderr and "embedded" not in result.stderr
