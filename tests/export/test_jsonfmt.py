"""JSON export: the whole corpus under the shipped JSON Schema, and JSON Lines of beads."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from outline_corpus.export.jsonfmt import schema

from ..conftest import hand_judged


def _validator(ref: str | None = None) -> jsonschema.Draft202012Validator:
    s = schema()
    if ref:
        s = {"$schema": s["$schema"], "$defs": s["$defs"], "$ref": ref}
    jsonschema.Draft202012Validator.check_schema(s)
    return jsonschema.Draft202012Validator(s)


def test_corpus_json_validates_and_holds_everything(built: Path) -> None:
    data = json.loads((built.parent / "corpus.json").read_text(encoding="utf-8"))
    errors = list(_validator().iter_errors(data))
    assert errors == []
    assert [d["id"] for d in data["documents"]] == [
        "outline.zh", "outline.en.a", "outline.en.b", "action-plan.en", "press-conference.en"]
    assert [(a["translation"], len(a["beads"])) for a in data["alignments"]] == [
        ("outline.en.a", 249), ("outline.en.b", 251)]
    written = json.loads((built.parent / "divergences.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in data["divergences"]] == [r["id"] for r in written["records"]]
    assert {d["id"] for d in data["divergences"] if d["evidence"].get("level") != "word"} <= \
        set(hand_judged())  # every sentence, clause and structure record judged by hand
    assert sum(len(d["sentences"]) for d in data["documents"]) == 1260
    assert data["signature"]["params"]["model"] == "use-m3@0.2.1"
    assert data["signature"]["params"]["export_format"] == "json"
    zh = data["documents"][0]
    assert [u["number"] for u in zh["units"] if u["kind"] == "article"] == list(range(1, 33))
    # offsets index the raw text that ships with the document
    s = next(x for x in zh["sentences"] if x["id"] == "outline.zh/art-14/s-3")
    assert zh["text"][s["start"]:s["end"]] == s["text"]
    art = next(u for u in zh["units"] if u["id"] == "outline.zh/art-14")
    assert zh["text"][art["start"]:art["end"]].startswith("(十四)")


def test_schema_rejects_a_broken_bead(built: Path) -> None:
    data = json.loads((built.parent / "corpus.json").read_text(encoding="utf-8"))
    bad = copy.deepcopy(data)
    bad["alignments"][0]["beads"][0]["score"] = 1.5
    del bad["alignments"][0]["beads"][1]["kind"]
    messages = sorted(e.message for e in _validator().iter_errors(bad))
    assert messages == ["'kind' is a required property", "1.5 is greater than the maximum of 1"]


def test_jsonl_lines_are_beads(built: Path) -> None:
    lines = (built.parent / "beads.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 500
    bead = _validator("#/$defs/bead")
    for line in lines:
        bead.validate(json.loads(line))
    first = json.loads(lines[0])
    assert first["id"] == "outline.en.a/b-1" and first["kind"] == "1:1"
    vaccine = [json.loads(x) for x in lines if '"kind": "0:1"' in x]
    assert [(v["id"], v["article"], v["divergence_kinds"]) for v in vaccine] == [
        ("outline.en.b/b-83", 10, ["addition"])]
    assert "vaccines" in vaccine[0]["target_text"] and vaccine[0]["source_ids"] == []
    with pytest.raises(jsonschema.ValidationError):
        bead.validate({**first, "kind": "one to one"})
