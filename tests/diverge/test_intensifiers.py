"""A dropped intensifier (进一步, 更加, 深入): a low-severity omission where another
translation renders it, never where no translation does, and not with
``skip_intensifiers``. Hand-made pairs, and the Outline (records in test_detect.py)."""

from __future__ import annotations

from pathlib import Path

from outline_corpus.config import Config, DivergenceParams
from outline_corpus.diverge import Divergence
from outline_corpus.pipeline import analyse

from .pairs import write_corpus

ZH = "深入实施标准化行动,质量治理体系更加完善。"
WITNESS = ("Deeply implement the standardization action, and the quality governance "
           "system will be more complete.")
DROPPING = ("Implement the standardization action, and the quality governance system "
            "will be complete.")
COMPARATIVE = ("Deeply implement the standardization action, and the quality governance "
               "system will be better.")


def _intensifiers(root: Path, translations: dict[str, str], **knobs: bool
                  ) -> list[Divergence]:
    config = Config(divergence=DivergenceParams(**knobs))
    res = analyse(write_corpus(root, ZH, translations), config, "diverge")
    return [r for r in res.records if r.original_text in ("深入", "更加")]


def test_a_dropped_intensifier_is_a_low_omission(tmp_path: Path) -> None:
    found = _intensifiers(tmp_path, {"witness": WITNESS, "dropping": DROPPING})
    assert sorted((r.doc, r.kind, r.original_text, r.severity) for r in found) == [
        ("dropping", "omission", "更加", "low"), ("dropping", "omission", "深入", "low")]
    deep = next(r for r in found if r.original_text == "深入")
    assert deep.evidence["others"] == {"witness": "Deeply"}
    assert ZH[deep.evidence["start"]:deep.evidence["end"]] == "深入"


def test_a_comparative_renders_more(tmp_path: Path) -> None:
    # "better" says 更加 (and 完善): no intensifier is dropped
    assert _intensifiers(tmp_path, {"witness": WITNESS, "comparative": COMPARATIVE}) == []


def test_no_witness_no_intensifier(tmp_path: Path) -> None:
    assert _intensifiers(tmp_path, {"dropping": DROPPING}) == []


def test_intensifiers_may_be_skipped(tmp_path: Path) -> None:
    assert _intensifiers(tmp_path, {"witness": WITNESS, "dropping": DROPPING},
                         skip_intensifiers=True) == []
