"""Review files: what the review page exports and ``review import`` reads. Entries are
checked one by one, times normalised to UTC, keys built from what a decision is about."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from outline_corpus.decisions import (
    Decision,
    bead_key,
    digest,
    newer,
    read_review_file,
    review_file,
)
from outline_corpus.errors import ReviewFileError

RECORD = {"target": "record", "doc": "t.en", "id": "t.en/omission/o.zh/art-1/s-2",
          "digest": "0123456789abcdef", "status": "confirmed", "comment": " real gap ",
          "reviewer": "Li", "updated": "2026-12-02T10:00:00.000Z"}
BEAD = {"target": "bead", "doc": "t.en", "source_ids": ["o.zh/art-1/s-1"],
        "target_ids": ["t.en/art-1/s-1", "t.en/art-1/s-2"], "digest": "fedcba9876543210",
        "status": "not_a_divergence", "comment": "", "reviewer": "",
        "updated": "2026-12-02T18:30:00+08:00"}


def _write(tmp_path: Path, decisions: list[Any], **top: Any) -> Path:
    path = tmp_path / "review.json"
    data = {"format": "outline-corpus-review", "version": 1, "decisions": decisions, **top}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_entries_are_read_with_their_keys(tmp_path: Path) -> None:
    record, bead = read_review_file(_write(tmp_path, [RECORD, BEAD]))
    assert record == Decision("record", "t.en", RECORD["id"], "0123456789abcdef", "confirmed",
                              "real gap", "Li", "2026-12-02T10:00:00.000Z")
    assert bead.key == '["t.en",["o.zh/art-1/s-1"],["t.en/art-1/s-1","t.en/art-1/s-2"]]'
    assert bead.key == bead_key("t.en", ("o.zh/art-1/s-1",),
                                ("t.en/art-1/s-1", "t.en/art-1/s-2"))
    assert bead.updated == "2026-12-02T10:30:00.000Z"  # +08:00 made UTC
    assert not record.applies and not record.cleared


def test_a_file_written_reads_back_the_same(tmp_path: Path) -> None:
    decisions = read_review_file(_write(tmp_path, [RECORD, BEAD]))
    again = tmp_path / "again.json"
    again.write_text(json.dumps(review_file(decisions, "o.zh")), encoding="utf-8")
    assert read_review_file(again) == decisions
    assert json.loads(again.read_text())["original"] == "o.zh"


def test_digest_fingerprints_the_texts() -> None:
    assert digest("甲", "a") == digest("甲", "a")
    assert digest("甲", "a") != digest("甲a", "")  # the texts, not their concatenation
    assert len(digest("x")) == 16 and int(digest("x"), 16) >= 0


def test_the_newer_wins_and_a_tie_keeps_the_first() -> None:
    a = Decision("record", "d", "k", "x", "confirmed", "", "", "2026-01-01T00:00:00.000Z")
    b = Decision("record", "d", "k", "x", "fixed", "", "", "2026-01-02T00:00:00.000Z")
    assert newer(a, b) is b and newer(b, a) is b
    assert newer(a, Decision("record", "d", "k", "x", "", "", "", a.updated)) is a


def test_a_decision_line_reads_as_a_sentence() -> None:
    d = Decision("record", "d", "k", "x", "not_a_divergence", "rendered in 2.1", "Li",
                 "2026-12-02T10:00:00.000Z")
    assert d.line() == "review: not a divergence (Li, 2026-12-02): rendered in 2.1"
    assert Decision("bead", "d", "k", "x", "", "look again", "", d.updated).line() == \
        "review: comment (2026-12-02): look again"


@pytest.mark.parametrize(("entry", "message"), [
    ({**RECORD, "status": "ok"}, "status 'ok' is none of confirmed"),
    ({**RECORD, "target": "unit"}, "target 'unit' is neither"),
    ({k: v for k, v in RECORD.items() if k != "id"}, "'id' must be a string"),
    ({k: v for k, v in RECORD.items() if k != "digest"}, "'digest' must be a string"),
    ({**RECORD, "updated": "yesterday"}, "'updated' 'yesterday' is not an ISO 8601 time"),
    ({**BEAD, "source_ids": "o.zh/art-1/s-1"}, "'source_ids' must be a list"),
    ({**BEAD, "source_ids": [], "target_ids": []}, "sentences on one side at least"),
    ("confirmed", "not an object"),
])
def test_a_bad_entry_is_named(tmp_path: Path, entry: Any, message: str) -> None:
    path = _write(tmp_path, [RECORD, entry])
    with pytest.raises(ReviewFileError) as err:
        read_review_file(path)
    assert str(err.value).startswith(f"{path}: decision 2 is not valid (")
    assert message in str(err.value)


@pytest.mark.parametrize(("content", "message"), [
    (b"\xff\xfe", "not JSON"),
    (b"[1, 2]", "not a review file"),
    (b'{"format": "outline-corpus/corpus"}', "not a review file"),
    (b'{"format": "outline-corpus-review", "version": 7, "decisions": []}',
     "review file version 7"),
    (b'{"format": "outline-corpus-review", "version": 1, "decisions": {}}',
     '"decisions" is not a list'),
])
def test_a_file_that_is_no_review_file_is_refused(tmp_path: Path, content: bytes,
                                                  message: str) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(content)
    with pytest.raises(ReviewFileError, match=message):
        read_review_file(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReviewFileError, match="cannot read it"):
        read_review_file(tmp_path / "none.json")
