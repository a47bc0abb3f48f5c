"""The configuration: one default per knob, validation, signatures, generated options."""

from __future__ import annotations

import math
from dataclasses import fields

import pytest
from typer.testing import CliRunner

from outline_corpus.cli import app
from outline_corpus.cli_options import build_config, knobs
from outline_corpus.config import (
    GROUPS,
    AlignParams,
    Config,
    DivergenceParams,
    ExportParams,
    LinkParams,
)
from outline_corpus.errors import ParameterError

runner = CliRunner()


def _names(*groups: str) -> list[str]:
    return [f.name for g in groups for f, _ in knobs(g)]


def test_knob_names_are_unique_across_groups() -> None:
    names = _names("model", "semicolon", *GROUPS)
    assert len(names) == len(set(names))


def test_signature_names_every_knob_of_its_groups() -> None:
    params = Config().signature(*GROUPS)["params"]
    assert set(params) == set(_names("model", "semicolon", *GROUPS))
    assert params["unit_threshold"] == AlignParams().unit_threshold
    assert params["link_top"] == LinkParams().link_top
    assert set(Config().signature("align")["params"]).isdisjoint(_names("divergence"))


def test_equal_configs_have_equal_signatures_and_a_change_shows() -> None:
    a = Config(align=AlignParams(max_side=4))
    assert a.signature("align") == Config(align=AlignParams(max_side=4)).signature("align")
    assert a.signature("align") != Config().signature("align")


@pytest.mark.parametrize("make", [
    lambda: AlignParams(threshold=math.nan),
    lambda: AlignParams(skip=math.nan),
    lambda: AlignParams(max_side=9),
    lambda: AlignParams(max_side=3, max_total=7),
    lambda: AlignParams(confidence_floor=0.7, confidence_ceiling=0.1),
    lambda: AlignParams(unit_threshold=1.5),
    lambda: AlignParams(merge_penalty=math.inf),
    lambda: DivergenceParams(low_similarity=math.nan),
    lambda: DivergenceParams(suspect_z=math.nan),
    lambda: DivergenceParams(suspect_z=math.inf),
    lambda: DivergenceParams(redundant_gain=-math.inf),
    lambda: DivergenceParams(word_min_score=math.nan),
    lambda: LinkParams(link_top=0),
    lambda: LinkParams(link_min_score=-2.0),
    lambda: ExportParams(min_score=math.nan),
    lambda: ExportParams(min_score=1.5),
    lambda: ExportParams(flagged_penalty=0),
    lambda: ExportParams(exclude_flagged="severe"),
    lambda: ExportParams(mark_flagged="High"),
    lambda: ExportParams(exclude_kinds="omission,omision"),
])
def test_bad_values_are_refused(make: object) -> None:
    with pytest.raises(ParameterError):
        make()  # type: ignore[operator]


def test_export_knobs_have_one_spelling_per_choice() -> None:
    p = ExportParams(exclude_flagged="any", mark_flagged="any",
                     exclude_kinds=" addition,omission ,addition")
    assert (p.exclude_flagged, p.mark_flagged) == ("low", "low")  # every record is low or more
    assert p.exclude_kinds == "omission,addition"  # in the order of the kinds
    assert p.excluded_kinds == {"omission", "addition"}
    assert ExportParams(exclude_kinds="").exclude_kinds == "none"
    assert ExportParams().excluded_kinds == frozenset()
    assert p == ExportParams(exclude_flagged="low", mark_flagged="low",
                             exclude_kinds="omission,addition")


def test_a_bad_export_knob_names_what_it_takes() -> None:
    with pytest.raises(ParameterError, match=r"exclude flagged 'severe' must be one of "
                                             r"none, any, low, medium, high"):
        ExportParams(exclude_flagged="severe")
    with pytest.raises(ParameterError, match=r"unknown kind 'omision' \(kinds: "):
        ExportParams(exclude_kinds="omision")


def test_confidence_mapping() -> None:
    p = AlignParams()
    assert [p.confidence(c) for c in (-1.0, 0.1, 0.4, 0.7, 1.0)] == [0.0, 0.0, 0.5, 1.0, 1.0]
    q = AlignParams(confidence_floor=0.2, confidence_ceiling=0.6)
    assert [q.confidence(c) for c in (0.2, 0.4, 0.6)] == [0.0, 0.5, 1.0]


def test_build_config_keeps_defaults_of_knobs_not_given() -> None:
    config = build_config({"max_side": 3, "low_similarity": 0.5, "model": "m"})
    assert config.align == AlignParams(max_side=3)
    assert config.divergence == DivergenceParams(low_similarity=0.5)
    assert (config.model, config.links) == ("m", LinkParams())


@pytest.mark.parametrize(("command", "groups"), [
    ("build", ("model", "semicolon", "align", "divergence", "links", "export")),
    ("export", ("export",)),
    ("diff", ("model", "semicolon", "align", "divergence")),
    ("align", ("model", "semicolon", "align")),
    ("align-files", ("model", "align")),
    ("parse", ("semicolon",)),
])
def test_every_knob_of_a_command_is_an_option_with_its_default(command: str,
                                                                groups: tuple[str, ...]) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for group in groups:
        for f, _ in knobs(group):
            assert f"--{f.name.replace('_', '-')}" in result.output
    others = [g for g in GROUPS if g not in groups]
    for f in (f for g in others for f in fields(GROUPS[g]) if f.init):
        assert f"--{f.name.replace('_', '-')} " not in result.output


@pytest.mark.parametrize("args", [["--max-side", "9"], ["--threshold", "nan"],
                                  ["--link-top", "0"], ["--suspect-z", "inf"],
                                  ["--suspect-z", "nan"], ["--word-echo", "-inf"]])
def test_bad_option_value_is_one_line_and_exit_1(args: list[str]) -> None:
    result = runner.invoke(app, ["build", "--raw", "nowhere", *args])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
