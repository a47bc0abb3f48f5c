"""Choosing a structure profile: laws by their article chain, policy documents by their
parts and articles; the profile is recorded on the document."""

from pathlib import Path

import pytest

from outline_corpus.manifest import load_manifest
from outline_corpus.parse import parse_corpus
from outline_corpus.parse.detect import detect
from outline_corpus.rawtext import read_raw

REAL_RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
DEVCORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "devcorpus"

LAW_ZH = "第一章 总则\n第一条 为了规范数据处理活动，制定本法。\n（一）具有法人资格；\n" \
         "第二条 本法适用于境内。\n第三条 本法自公布之日起施行。\n"
POLICY_ZH = "一、总体要求\n（一）指导思想。坚持质量第一。\n（二）主要目标。到2025年。\n" \
            "二、推动发展\n（三）增强质量。\n"


def test_a_law_is_read_as_a_law_and_a_policy_text_as_policy() -> None:
    found = detect("zh", LAW_ZH)
    assert (found.profile, found.confidence) == ("law", 1.0)
    assert detect("zh", POLICY_ZH).profile == "policy"
    assert detect("zh-Hans", LAW_ZH).profile == "law"


def test_gaps_lower_the_fit() -> None:
    """Articles 1, 2 and 4 of 4: three quarters of the sequence."""
    text = "第一条 甲。\n第二条 乙。\n第四条 丁。\n"
    assert detect("zh", text).confidence == 0.75


def test_too_few_articles_are_not_a_law() -> None:
    assert detect("zh", "第一条 甲。\n第二条 乙。\n").profile == "policy"


def test_outline_documents_stay_policy() -> None:
    docs = {d.id: d for d in parse_corpus(REAL_RAW)}
    assert docs["outline.zh"].profile == "policy"
    assert docs["outline.en.b"].profile == "policy"
    assert docs["press-conference.en"].profile == "transcript"
    # A: parts 1-4, and 23 article labels at line starts (7 articles absent; 3 and 6
    # fused into the headings before them) of 4 + 32 numbers: 27 / 36.
    assert docs["outline.en.a"].confidence == 0.75


def test_every_dev_pair_is_read_as_a_law() -> None:
    if not DEVCORPUS.is_dir():
        pytest.skip("../shared/devcorpus is not beside the repository")
    for raw in sorted(DEVCORPUS.glob("*/raw")):
        manifest = load_manifest(raw)
        for meta in manifest.documents:
            text = read_raw(manifest.path(meta)).text
            assert detect(meta.language, text).profile == "law", meta.id
