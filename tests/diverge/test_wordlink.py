"""Word links: which Chinese candidates may source an English word the dictionary
leaves unlinked."""

from __future__ import annotations

from outline_corpus.diverge.lexicon import link_words
from outline_corpus.diverge.wordlink import _open_candidates, _zh_candidates


def test_a_word_rendered_once_does_not_source_the_same_word_again() -> None:
    # 可靠性 is said once and the dictionary links it to "reliability"; the English
    # says "reliability" twice, so the other one needs a source of its own (here the
    # Chinese has 竞争力, which is what the translation may have misread)
    words = link_words("实施竞争力提升计划，提高可靠性",
                       "Implement the reliability improvement plan and improve reliability")
    names = _zh_candidates(words)
    linked = {w.word for w in words.words if w.rendered_at}
    assert "可靠性" in linked
    stem = next(e.stem for e in words.english if e.word == "reliability")
    opened = {names[i] for i in _open_candidates(words, stem)}
    assert "可靠性" not in opened
    assert not any("可靠性" in n and n != "可靠性" for n in opened)
    assert "竞争力" in opened
    assert set(names) - opened == {n for n in names if "可靠性" in n}


def test_other_stems_keep_every_candidate() -> None:
    words = link_words("提高可靠性", "improve reliability and safety")
    safety = next(e.stem for e in words.english if e.word == "safety")
    assert _open_candidates(words, safety) == list(range(len(_zh_candidates(words))))
