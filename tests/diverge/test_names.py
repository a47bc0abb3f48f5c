"""Government bodies named otherwise than by their English names: the list of bodies,
where the Chinese names them, what counts as a name in English, and the records on
hand-made pairs (the Outline's record is tested in test_detect.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from outline_corpus.config import Config
from outline_corpus.diverge import Divergence
from outline_corpus.diverge.names import bodies_in, names_right
from outline_corpus.diverge.records import DivergenceParams
from outline_corpus.pipeline import analyse

from .pairs import write_corpus

ZH = "市场监管总局会同有关部门制定实施方案，重大事项及时向国务院报告。"
RIGHT = ("The State Administration for Market Regulation shall formulate implementation "
         "plans with the relevant departments and report major issues to the State Council "
         "in a timely manner.")
WRONG = RIGHT.replace("State Administration for Market Regulation",
                      "General Administration of Market Supervision")


def _named(root: Path, translations: dict[str, str]) -> list[Divergence]:
    res = analyse(write_corpus(root, ZH, translations), Config(), "diverge")
    return [r for r in res.records if "official_name" in r.evidence]


def test_bodies_are_found_by_their_longest_name_and_not_inside_other_words() -> None:
    text = "国务院国资委、公安部会同公安部门和国务院"
    found = [(text[s:e], b.en) for b, s, e in bodies_in(text)]
    assert found == [
        ("国务院国资委", "State-owned Assets Supervision and Administration Commission"),
        ("公安部", "Ministry of Public Security"), ("国务院", "State Council")]


def test_a_name_cut_by_a_line_break_is_found_with_its_break() -> None:
    text = "由国家市场监督管理总\n局负责解释"
    ((body, start, end),) = bodies_in(text)
    assert body.en == "State Administration for Market Regulation"
    assert text[start:end] == "国家市场监督管理总\n局"


def test_a_name_is_right_in_any_case_across_lines_or_by_its_acronym() -> None:
    (cac, _, _), = bodies_in("国家互联网信息办公室")
    assert names_right(cac, "the Cyberspace\nAdministration of China")
    assert names_right(cac, "the CAC")
    assert not names_right(cac, "the cac office")
    (council, _, _), = bodies_in("国务院")
    assert names_right(council, "the state council")


def test_a_body_named_otherwise_is_a_meaning_shift(tmp_path: Path) -> None:
    (r,) = _named(tmp_path, {"right": RIGHT, "wrong": WRONG})
    assert (r.doc, r.kind, r.severity, r.original_text, r.translation_text) == (
        "wrong", "meaning_shift", "medium", "市场监管总局",
        "General Administration of Market Supervision")
    assert r.evidence["official_name"] == "State Administration for Market Regulation"
    assert r.evidence["others"] == {"right": "yes"}
    assert ZH[r.evidence["start"]:r.evidence["end"]] == "市场监管总局"
    at = WRONG.index("General")
    assert (r.evidence["rendering_start"], r.evidence["rendering_end"]) == (
        at, at + len("General Administration of Market Supervision"))


def test_the_name_alone_is_evidence_enough(tmp_path: Path) -> None:
    # no other translation is needed: the English name is known
    (r,) = _named(tmp_path, {"wrong": WRONG})
    assert r.evidence["others"] == {}


def test_a_body_left_unnamed_or_referred_back_to_is_no_naming_record(tmp_path: Path
                                                                      ) -> None:
    for said in ("The competent department", "The Administration"):
        dropped = WRONG.replace("The General Administration of Market Supervision", said)
        assert _named(tmp_path, {"dropped": dropped}) == []


def test_the_knob_turns_it_off(tmp_path: Path) -> None:
    res = analyse(write_corpus(tmp_path, ZH, {"wrong": WRONG}),
                  Config(divergence=DivergenceParams(skip_official_names=True)), "diverge")
    assert not [r for r in res.records if "official_name" in r.evidence]


DEVCORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "devcorpus"


def test_the_dev_corpus_regulation_names_one_body_otherwise() -> None:
    """Read by hand: article 34 of the algorithmic recommendation provisions names four
    bodies; the translation gives three their English names (the Cyberspace
    Administration of China across a line break) and 国家市场监督管理总局 (split by a line
    break in the Chinese) "State Administration of Market Regulation"."""
    raw = DEVCORPUS / "algorithmic-recommendation-2022" / "raw"
    if not raw.is_dir():
        pytest.skip("../shared/devcorpus is not beside the repository")
    res = analyse(raw, Config(), "diverge")
    (r,) = [r for r in res.records if "official_name" in r.evidence]
    assert (r.original_ids, r.original_text, r.translation_text, r.severity) == (
        ("algo.zh/art-34/s-1",), "国家市场监督管理总局",
        "State Administration of Market Regulation", "low")  # only "of" for "for"


GD_ZH = "广东省市场监管局会同有关部门制定实施方案，重大事项及时向国务院报告。"
GD_WRONG = ("The Guangdong Administration of Market Supervision shall formulate "
            "implementation plans with the relevant departments and report major issues "
            "to the State Council in a timely manner.")


def test_a_body_of_a_users_names_file_is_checked(tmp_path: Path) -> None:
    names = tmp_path / "bodies.toml"
    names.write_text('[[body]]\nzh = ["广东省市场监督管理局", "广东省市场监管局"]\n'
                     'en = "Administration for Market Regulation of Guangdong Province"\n',
                     encoding="utf-8")
    (tmp_path / "raw").mkdir()
    raw = write_corpus(tmp_path / "raw", GD_ZH, {"wrong": GD_WRONG})
    assert not [r for r in analyse(raw, Config(), "diverge").records
                if "official_name" in r.evidence]  # the shipped list lacks the body
    p = DivergenceParams(names_file=str(names))
    (r,) = [r for r in analyse(raw, Config(divergence=p), "diverge").records
            if "official_name" in r.evidence]
    assert (r.original_text, r.translation_text, r.severity) == (
        "广东省市场监管局", "Guangdong Administration of Market Supervision", "medium")
    assert GD_WRONG[r.evidence["rendering_start"]:r.evidence["rendering_end"]] == \
        r.translation_text


def test_a_users_names_file_may_rename_a_shipped_body_in_the_dev_corpus(tmp_path: Path
                                                                         ) -> None:
    """The article-34 record goes once the user's file gives 国家市场监督管理总局 the
    English name the translation uses; every other record stays."""
    raw = DEVCORPUS / "algorithmic-recommendation-2022" / "raw"
    if not raw.is_dir():
        pytest.skip("../shared/devcorpus is not beside the repository")
    names = tmp_path / "bodies.toml"
    names.write_text('[[body]]\nzh = ["国家市场监督管理总局", "市场监管总局"]\n'
                     'en = "State Administration of Market Regulation"\n', encoding="utf-8")
    before = analyse(raw, Config(), "diverge").records
    after = analyse(raw, Config(divergence=DivergenceParams(names_file=str(names))),
                    "diverge").records
    assert [r.id for r in before if "official_name" not in r.evidence] == [
        r.id for r in after]
    assert len(before) == len(after) + 1
