"""Hand-made corpora for the divergence tests: one Chinese original and its English
translations, written as raw files with their manifest."""

from __future__ import annotations

from pathlib import Path

from outline_corpus.config import Config
from outline_corpus.diverge import Divergence
from outline_corpus.pipeline import analyse


def write_corpus(root: Path, original: str, translations: dict[str, str]) -> Path:
    """``root`` holding ``zh.txt`` (``original``, id ``zh``) and one file per
    translation (by id), with the manifest naming them; returns ``root``."""
    docs = {"zh": original, **translations}
    for name, text in docs.items():
        (root / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    (root / "manifest.toml").write_text("".join(
        f'[[documents]]\nid = "{i}"\nfile = "{i}.txt"\n'
        + ('language = "zh"\nrole = "original"\n' if i == "zh" else
           'language = "en"\nrole = "translation"\noriginal = "zh"\n')
        + f'work = "w"\ntitle = "{i}"\n\n' for i in docs), encoding="utf-8")
    return root


def word_records(root: Path, original: str, translations: dict[str, str]) -> list[Divergence]:
    """The word-level records (``evidence.level == "word"``) of the corpus
    :func:`write_corpus` writes in ``root``, with the default configuration."""
    res = analyse(write_corpus(root, original, translations), Config(), "diverge")
    return [r for r in res.records if r.evidence.get("level") == "word"]
