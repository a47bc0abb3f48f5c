"""Reading a user's search text into terms, and the limits on a query.

A query is words, hyphenated words and ``"quoted phrases"``, all required; an ``OR``
between them (in capitals) separates alternatives; ``AND`` between them changes nothing.
Punctuation is never syntax: ``high-quality``, ``95%``, ``AI+`` and ``U.S.`` are terms
like any other. A term holding a Chinese character is Chinese; one holding another
letter is English; one of digits only (``95``, ``2035``) is a number, found in either
language. FTS5 syntax itself is read by :func:`count_fts_words` and passed on as it is
(``search --fts``)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from outline_corpus.errors import QueryError
from outline_corpus.store.tokens import CJK

#: The longest query (characters) ``search`` and ``similar`` take.
MAX_QUERY_CHARS = 2000
#: The most words in one ``search`` query; a run of Chinese characters counts one word
#: per two characters (rounded up), about the length of a Chinese word.
MAX_QUERY_TERMS = 64

#: What a query holds: a quoted phrase, or a run of characters up to a space or quote.
_CHUNK = re.compile(r'"([^"]*)"|([^\s"]+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_RUN = re.compile(r"[^\W_]+")
_LETTER = re.compile(r"[^\W\d_]")
_FTS_OPERATORS = frozenset(("AND", "OR", "NOT", "NEAR"))


@dataclass(frozen=True)
class Term:
    """One required term: ``text`` as written (quotes taken off), ``lang`` the language
    its script names (``"zh"``, ``"en"``, or ``""`` for a number, found in any)."""

    text: str
    lang: str

    @property
    def runs(self) -> tuple[str, ...]:
        """The runs of letters and digits of the term (what a substring search looks
        for): ``数据-安全`` → ``("数据", "安全")``."""
        return tuple(_RUN.findall(self.text))


@dataclass(frozen=True)
class Group:
    """Terms all required in one sentence; a query is one group or several joined by
    ``OR``."""

    terms: tuple[Term, ...]

    def languages(self, lang: str | None, known: tuple[str, ...]) -> tuple[str, ...]:
        """The languages to search the group in: ``lang`` when given, else the one its
        terms' script names (every one of ``known`` for numbers only); raises
        :class:`QueryError` for Chinese and English words in one group."""
        if lang is not None:
            return (lang,)
        named = sorted({t.lang for t in self.terms if t.lang})
        if len(named) > 1:
            words = " ".join(t.text for t in self.terms)
            raise QueryError(f"{words!r} mixes Chinese and English words, and a sentence is "
                             "in one language: join them with OR, or choose one with --lang")
        return tuple(named) or known


def check_query(query: str, what: str = "search query") -> None:
    """Refuse an empty query, or one longer than :data:`MAX_QUERY_CHARS` characters."""
    if not query.strip():
        raise QueryError(f"empty {what}")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"{what} of {len(query)} characters; the most is "
                         f"{MAX_QUERY_CHARS}")


def _check_count(count: int) -> None:
    if count > MAX_QUERY_TERMS:
        raise QueryError(f"search query of {count} words; the most is {MAX_QUERY_TERMS}")


def _words(text: str) -> int:
    """The words :data:`MAX_QUERY_TERMS` counts in ``text``."""
    return sum(math.ceil(len(run) / 2) if CJK.search(run) else 1
               for run in _RUN.findall(text) if run not in _FTS_OPERATORS)


def count_words(text: str) -> int:
    """The words of ``text`` as :data:`MAX_QUERY_TERMS` counts them (a run of Chinese
    characters one word per two characters; FTS5 operators aside)."""
    return _words(text)


def count_fts_words(query: str) -> None:
    """Refuse an FTS5 query of more than :data:`MAX_QUERY_TERMS` words (operators aside)."""
    _check_count(_words(query))


def _term(text: str) -> Term | None:
    text = " ".join(text.split())
    if not _RUN.search(text):
        return None
    if CJK.search(text):
        return Term(text, "zh")
    return Term(text, "en" if _LETTER.search(text) else "")


def parse_query(query: str) -> tuple[Group, ...]:
    """The groups of ``query`` (see the module doc); raises :class:`QueryError` for a
    query without a word, with too many words, or with FTS5's NOT or NEAR."""
    groups: list[list[Term]] = [[]]
    for quoted, bare in _CHUNK.findall(_CONTROL.sub(" ", query)):
        if bare in ("NOT", "NEAR") or bare.startswith("NEAR("):
            raise QueryError(f"{bare.split('(')[0]} is FTS5 syntax: search with --fts to use "
                             "it, or leave it out")
        if bare == "OR":
            groups.append([])
            continue
        if bare == "AND":
            continue
        term = _term(quoted or bare)
        if term is not None:
            groups[-1].append(term)
    found = tuple(Group(tuple(g)) for g in groups if g)
    if not found:
        raise QueryError(f"no words to search for in {query!r}")
    _check_count(sum(_words(t.text) for g in found for t in g.terms))
    return found


def fts_string(text: str) -> str:
    """``text`` as an FTS5 string: quoted, its quotes doubled."""
    return '"' + text.replace('"', '""') + '"'
