"""Reviewers' decisions in the database: ``review import`` merges a review file (the
newer decision on a key wins, one taken back is removed), each decision is matched to
the record or bead of the build whose key and texts it was made on, a bad file or a
locked directory changes nothing, and every export shows the decisions."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

from outline_corpus import api
from outline_corpus.config import ExportParams
from outline_corpus.errors import OutputError, ReviewFileError
from outline_corpus.export.jsonfmt import schema
from outline_corpus.publish import locked
from outline_corpus.store.decisions import bead_digest, record_digest
from outline_corpus.store.query import Corpus

B = "outline.en.b"


@pytest.fixture
def db(built: Path, tmp_path: Path) -> Path:
    """A copy of the built database, in an output directory of its own."""
    out = tmp_path / "aligned"
    out.mkdir()
    shutil.copy(built, out / "corpus.sqlite")
    return out / "corpus.sqlite"


@pytest.fixture(scope="module")
def targets(built: Path) -> dict[str, Any]:
    """An omission of B alone on its two-sided bead, and a bead of B with no record."""
    with Corpus.open(built) as corpus:
        records = {r.id: r for r in corpus.divergences(B)}
        beads = corpus.beads(B)
    lone = next(b for b in beads if len(b.divergences) == 1 and b.source_ids
                and b.target_ids and records[b.divergences[0]].kind == "omission"
                and records[b.divergences[0]].severity == "high")
    clean = next(b for b in beads if not b.divergences and b.kind == "1:1")
    return {"record": records[lone.divergences[0]], "lone": lone, "clean": clean}


def entry(t: dict[str, Any], what: str, status: str, updated: str, comment: str = "",
          digest: str | None = None) -> dict[str, Any]:
    """A review-file entry on the omission (``record``) or the clean bead (``bead``)."""
    if what == "record":
        r = t["record"]
        e = {"target": "record", "doc": B, "id": r.id, "digest": digest or record_digest(r)}
    else:
        b = t["clean"]
        e = {"target": "bead", "doc": B, "source_ids": list(b.source_ids),
             "target_ids": list(b.target_ids), "digest": digest or bead_digest(b)}
    return {**e, "status": status, "comment": comment, "reviewer": "Li",
            "updated": f"2026-12-02T{updated}:00.000Z"}


def review(tmp_path: Path, *entries: dict[str, Any]) -> Path:
    path = tmp_path / f"review-{len(list(tmp_path.glob('review-*')))}.json"
    path.write_text(json.dumps({"format": "outline-corpus-review", "version": 1,
                                "decisions": list(entries)}), encoding="utf-8")
    return path


def test_import_merges_the_newer_decision_on_each_key(db: Path, tmp_path: Path,
                                                      targets: dict[str, Any]) -> None:
    first = api.import_review(review(tmp_path, entry(targets, "record", "confirmed", "10:00"),
                                     entry(targets, "bead", "confirmed", "10:00")), db)
    assert (first.added, first.applied, first.stale) == (2, 2, 0)
    older = api.import_review(review(tmp_path, entry(targets, "record", "fixed", "09:00")), db)
    assert (older.kept, older.added, older.replaced) == (1, 0, 0)
    newer = api.import_review(review(tmp_path, entry(targets, "record", "fixed", "11:00",
                                                     "fixed in the 2024 edition")), db)
    assert newer.replaced == 1
    same = api.import_review(review(tmp_path, entry(targets, "record", "fixed", "11:00",
                                                    "fixed in the 2024 edition")), db)
    assert same.same == 1 and same.replaced == 0
    cleared = api.import_review(review(tmp_path, entry(targets, "bead", "", "12:00")), db)
    assert cleared.removed == 1
    (stored,) = api.review_decisions(db)
    assert (stored.status, stored.comment, stored.record) == (
        "fixed", "fixed in the 2024 edition", targets["record"].id)


def test_a_decision_on_other_words_matches_nothing(db: Path, tmp_path: Path,
                                                   targets: dict[str, Any]) -> None:
    merged = api.import_review(review(tmp_path, entry(
        targets, "record", "confirmed", "10:00", digest="0000000000000000")), db)
    assert (merged.applied, merged.stale) == (0, 1)
    (d,) = api.review_decisions(db, stale=True)
    assert d.record is None and d.key == targets["record"].id
    with Corpus.open(db) as corpus:  # the record itself is still there, undecided
        assert targets["record"].id in {r.id for r in corpus.divergences(B)}
        view = corpus.db.execute("SELECT review_status FROM record_view WHERE id = ?",
                                 (targets["record"].id,)).fetchone()
    assert view == (None,)


def test_a_bad_file_or_a_locked_directory_changes_nothing(db: Path, tmp_path: Path,
                                                          targets: dict[str, Any]) -> None:
    api.import_review(review(tmp_path, entry(targets, "record", "confirmed", "10:00")), db)
    before = db.read_bytes()
    bad = review(tmp_path, entry(targets, "bead", "fixed", "11:00"),
                 {**entry(targets, "record", "fixed", "11:00"), "status": "maybe"})
    with pytest.raises(ReviewFileError, match="decision 2 is not valid"):
        api.import_review(bad, db)
    with locked(db.parent), pytest.raises(OutputError, match="another run is writing"):
        api.import_review(review(tmp_path, entry(targets, "bead", "fixed", "11:00")), db)
    assert db.read_bytes() == before


def test_the_record_view_shows_each_decision(db: Path, tmp_path: Path,
                                             targets: dict[str, Any]) -> None:
    api.import_review(review(tmp_path, entry(targets, "record", "confirmed", "10:00",
                                             "a real gap")), db)
    with Corpus.open(db) as corpus:
        row = corpus.db.execute("SELECT review_status, review_comment, reviewer FROM "
                                "record_view WHERE id = ?", (targets["record"].id,)).fetchone()
    assert row == ("confirmed", "a real gap", "Li")


def _tmx_units(path: Path) -> dict[str, etree._Element]:
    return {tu.get("tuid"): tu for tu in etree.parse(str(path)).iter("tu")}


def test_exports_carry_the_decisions(db: Path, tmp_path: Path,
                                     targets: dict[str, Any]) -> None:
    api.import_review(review(tmp_path, entry(targets, "record", "not_a_divergence", "10:00",
                                             "rendered by 'as well as'"),
                             entry(targets, "bead", "confirmed", "10:00", "wrong term")), db)
    out = tmp_path / "exports"
    api.export(db, out, ["tmx", "csv", "json"], docs=[B],
               params=ExportParams(mark_flagged="high"))
    lone, clean = targets["lone"].id, targets["clean"].id
    main, flagged = _tmx_units(out / f"{B}.tmx"), _tmx_units(next(out.glob(f"{B}.flagged*")))
    # set aside, the omission no longer flags its unit; the confirmed bead is flagged
    assert lone in main and lone not in flagged and clean in flagged
    note = main[lone].findtext("note")
    assert note is not None and "[review: not a divergence (Li, 2026-12-02): rendered by " \
        "'as well as']" in note
    props = {p.get("type"): p.text for p in flagged[clean].iter("prop")}
    assert props["x-flagged"] == "high" and props["x-review"] == "confirmed"
    assert flagged[clean].findtext("note") == \
        "review: confirmed (Li, 2026-12-02): wrong term (of this unit)"
    with (out / f"{B}.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = {r["bead"]: r for r in csv.DictReader(f)}
    assert (rows[lone]["status"], rows[lone]["comment"]) == (
        "not a divergence", "rendered by 'as well as'")
    assert (rows[clean]["status"], rows[clean]["comment"]) == ("confirmed", "wrong term")
    whole = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    jsonschema.validate(whole, schema())
    beads = {b["id"]: b for a in whole["alignments"] for b in a["beads"]}
    assert beads[clean]["review"]["status"] == "confirmed" and beads[lone]["review"] is None
    records = {r["id"]: r for r in whole["divergences"]}
    assert records[targets["record"].id]["review"]["comment"] == "rendered by 'as well as'"
    assert {d["record"] or d["bead"] for d in whole["decisions"]} == {
        targets["record"].id, clean}
