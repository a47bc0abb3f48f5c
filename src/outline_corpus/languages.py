"""The language registry: what the toolkit knows of each language it reads.

A language is looked up by its BCP 47 tag, normalised to the primary subtag and
lower-cased (``zh``, ``zh-CN``, ``ZH_hans`` → ``zh``; ``en-GB`` → ``en``). Each entry
names its sentence splitter, clause splitter, number reader and full-text tokenizer as
``module:function`` references, imported on first use so that looking a language up
stays cheap; an unknown tag raises :class:`UnsupportedLanguageError`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from outline_corpus.errors import UnsupportedLanguageError

if TYPE_CHECKING:
    from outline_corpus.diverge.numbers import Number


@cache
def _resolve(ref: str) -> Callable[..., Any]:
    module, name = ref.split(":")
    fn: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return fn


@dataclass(frozen=True)
class Language:
    """One registered language.

    ``code``: the primary subtag; ``tmx_tag``: the tag TMX writes for a bare code;
    ``joiner``: what joins the raw pieces of a repaired sentence (``""`` or ``" "``).
    (The full-text tables of the sentences are the store's: see
    :mod:`outline_corpus.store.schema`.)"""

    code: str
    name: str
    tmx_tag: str
    joiner: str
    sentences: str
    clauses: str
    numbers: str

    def split_sentences(self, text: str, semicolon: bool = False) -> list[tuple[int, int]]:
        """Sentence ranges (character offsets) of ``text``; ``semicolon`` also ends a
        sentence at a semicolon where the language's splitter supports it."""
        out: list[tuple[int, int]] = _resolve(self.sentences)(text, semicolon)
        return out

    def split_clauses(self, text: str) -> list[str]:
        """The clauses of one sentence, in order."""
        out: list[str] = _resolve(self.clauses)(text)
        return out

    def read_numbers(self, text: str) -> list[Number]:
        """Every number written in ``text``, in whichever form the language writes it."""
        out: list[Number] = _resolve(self.numbers)(text)
        return out


REGISTRY: dict[str, Language] = {lang.code: lang for lang in (
    Language("zh", "Chinese", "zh-CN", "", "outline_corpus.segment.sentences:split_zh",
             "outline_corpus.diverge.content:zh_clauses",
             "outline_corpus.diverge.numbers:numbers_zh"),
    Language("en", "English", "en", " ", "outline_corpus.segment.sentences:split_en",
             "outline_corpus.diverge.content:en_clauses",
             "outline_corpus.diverge.numbers:numbers_en"),
)}


def primary_subtag(tag: str) -> str:
    """``"zh-Hans-CN"`` → ``"zh"``, ``"EN_gb"`` → ``"en"``."""
    return tag.strip().replace("_", "-").split("-", 1)[0].lower()


def language(tag: str) -> Language:
    """The registered language of BCP 47 ``tag``; raises
    :class:`UnsupportedLanguageError` naming the languages there are."""
    found = REGISTRY.get(primary_subtag(tag))
    if found is None:
        known = ", ".join(f"{c} ({lang.name})" for c, lang in REGISTRY.items())
        raise UnsupportedLanguageError(f"language {tag!r} is not supported (supported: "
                                       f"{known})")
    return found
