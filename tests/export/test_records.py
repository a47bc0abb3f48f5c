"""The records on a bead as exports show them, and where the TMX knobs put a unit."""

from __future__ import annotations

import pytest

from outline_corpus.config import ExportParams
from outline_corpus.diverge.records import Divergence
from outline_corpus.export.records import at_least, bead_records, numbered, place, worst
from outline_corpus.store.rows import BeadRow


def _rec(rid: str, kind: str, severity: str) -> Divergence:
    return Divergence(rid, "t", kind, severity, None, (), (), "", "", f"message {rid}")


RECORDS = {r.id: r for r in (_rec("a", "source_noise", "low"), _rec("b", "omission", "high"),
                             _rec("c", "meaning_shift", "medium"),
                             _rec("d", "addition", "high"))}


def _bead(score: float, *records: str) -> BeadRow:
    return BeadRow("t/b-1", "o", "t", "1:1", score, 0.5, 1, ("o/s-1",), ("t/s-1",), "源",
                   "target", records)


def test_records_most_severe_first_in_report_order_among_equals() -> None:
    recs = bead_records(_bead(1.0, "a", "b", "c", "d", "b"), RECORDS)
    assert [r.id for r in recs] == ["b", "d", "c", "a"]
    assert worst(recs) == "high" and worst([]) == ""
    assert numbered(["x"]) == "x" and numbered([]) == ""
    assert numbered(["x", "", "z"]) == "1. x\n3. z"  # a line left out keeps its number


@pytest.mark.parametrize(("severity", "threshold", "reaches"), [
    ("high", "low", True), ("medium", "medium", True), ("low", "medium", False),
    ("high", "none", False), ("", "low", False)])
def test_at_least(severity: str, threshold: str, reaches: bool) -> None:
    assert at_least(severity, threshold) is reaches


@pytest.mark.parametrize(("knobs", "places"), [
    ({}, ["main", "main", "main", "main"]),
    ({"exclude_flagged": "high"}, ["main", "main", "main", "out"]),
    ({"exclude_flagged": "any"}, ["main", "out", "out", "out"]),
    ({"mark_flagged": "medium"}, ["main", "main", "flagged", "flagged"]),
    ({"exclude_flagged": "high", "mark_flagged": "low"}, ["main", "flagged", "flagged", "out"]),
    ({"exclude_kinds": "meaning_shift"}, ["main", "main", "out", "out"]),
    ({"exclude_kinds": "source_noise,addition"}, ["main", "out", "out", "main"]),
    ({"min_score": 0.5}, ["out", "main", "main", "main"]),
])
def test_where_the_knobs_put_a_unit(knobs: dict[str, object], places: list[str]) -> None:
    beads = [_bead(0.4), _bead(0.9, "a"), _bead(0.9, "a", "c"), _bead(0.9, "b", "c")]
    params = ExportParams(**knobs)
    assert [place(b, bead_records(b, RECORDS), params) for b in beads] == places
