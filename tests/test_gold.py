"""The held-out gold alignments of ``benchmarks/gold/`` are well formed: every sentence
of both sides is in exactly one bead, and the sentence lists the beads index are the
corpus's current sentences of those documents (a parser change that moves sentences
makes the gold stale, and this test says so). The Data Security Law's text is in
``../shared/devcorpus``, beside the repository: without it, the comparison with its
corpus is skipped (its gold's own form is still checked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from outline_corpus import parse_corpus
from outline_corpus.align.evaluate import read_beads
from outline_corpus.model import Document

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "gold"
DSL_RAW = Path(__file__).resolve().parents[1].parent / "shared" / "devcorpus" / \
    "data-security-law-2021" / "raw"
#: translation -> original, for each gold file.
PAIRS = {"outline.en.a": "outline.zh", "outline.en.b": "outline.zh", "dsl.en": "dsl.zh"}


def lines(doc_id: str) -> list[str]:
    text = (GOLD / f"{doc_id}.txt").read_text(encoding="utf-8")
    assert text.endswith("\n"), f"{doc_id}.txt must end with a newline"
    return text.split("\n")[:-1]


@pytest.mark.parametrize("translation", sorted(PAIRS))
def test_every_sentence_in_exactly_one_bead(translation: str) -> None:
    beads = read_beads(GOLD / f"{translation}.gold")
    sides = {"source": (PAIRS[translation], 0), "target": (translation, 1)}
    for side, (doc_id, k) in sides.items():
        n = len(lines(doc_id))
        seen = sorted(i for bead in beads for i in bead[k])
        assert seen == list(range(n)), \
            f"{translation}.gold: {side} ids are not 0..{n - 1}, each once"
    assert all(src or tgt for src, tgt in beads), "a bead with both sides empty"
    assert all(list(b) == sorted(b) for bead in beads for b in bead), "ids out of order in a bead"


@pytest.mark.parametrize("doc_id", sorted({*PAIRS, *PAIRS.values()}))
def test_sentence_lists_are_clean_lines(doc_id: str) -> None:
    for n, line in enumerate(lines(doc_id), 1):
        assert line and line == line.strip() and "\r" not in line, f"{doc_id}.txt:{n}"


def _check_against(docs: dict[str, Document], doc_ids: list[str]) -> None:
    for doc_id in doc_ids:
        now = [s.text for s in docs[doc_id].all_sentences()]
        assert now == lines(doc_id), (
            f"benchmarks/gold/{doc_id}.txt differs from the corpus's sentences of {doc_id}: "
            "the parser moved sentences; re-check the golds that index it")


def test_outline_lists_equal_the_corpus(corpus: dict[str, Document]) -> None:
    _check_against(corpus, ["outline.zh", "outline.en.a", "outline.en.b"])


def test_dsl_lists_equal_the_corpus() -> None:
    if not (DSL_RAW / "manifest.toml").is_file():
        pytest.skip(f"{DSL_RAW} not found: the Data Security Law pair is beside the "
                    "repository (../shared/devcorpus), not part of it")
    docs = {d.id: d for d in parse_corpus(DSL_RAW)}
    _check_against(docs, ["dsl.zh", "dsl.en"])
