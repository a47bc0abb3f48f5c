"""Finding a unit of a document by what a user types: an article number (``14``), a
label as written (``第十二条``, ``Article 12``, ``（三）``), a path in the unit tree
(``art-12``, ``chap-2/art-12``) or a unit id. Works on the parsed tree
(:attr:`Document.units`) and on the database's unit rows alike."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Protocol, TypeVar

from outline_corpus.errors import UnknownUnitError

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"^[+-]?\d+$")
#: No article number is larger (a larger one is read as absent).
MAX_NUMBER = 10**9
#: Kinds preferred, in order, when a label names several units.
_PREFERENCE = ("article", "turn", "part", "volume", "subvolume", "chapter", "section", "item")


class UnitNode(Protocol):
    """What :func:`find_unit` reads of a unit."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def label(self) -> str | None: ...
    @property
    def number(self) -> int | None: ...
    @property
    def path(self) -> tuple[str, ...]: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


N = TypeVar("N", bound=UnitNode)


def _norm(text: str) -> str:
    """A label as compared: full-width forms folded (NFKC), spaces and case ignored."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def find_unit(doc: str, units: Sequence[N], key: str) -> N:
    """The unit of document ``doc`` (its ``units``) that ``key`` names: a number names
    the article (or transcript turn) of that number; otherwise a unit id, a path
    (``/``-joined, or its last step when that is unique), or a label as written
    (full-width forms, spaces and case ignored; an article before other kinds). Raises
    :class:`UnknownUnitError` naming what exists, or the candidates when ambiguous."""
    key = key.strip()
    number = article_number(key)
    if number is not None:
        for kind in ("article", "turn"):
            hits = [u for u in units if u.kind == kind and u.number == number]
            if hits:
                return hits[0]
        raise UnknownUnitError(f"{doc} has no article {number} (articles: "
                               f"{_numbers(units)})")
    for match in (lambda u: u.id in (key, f"{doc}/{key}"),
                  lambda u: "/".join(u.path) == key.strip("/"),
                  lambda u: bool(u.path) and u.path[-1] == key,
                  lambda u: bool(u.label) and _norm(u.label or "") == _norm(key)):
        hits = [u for u in units if match(u)]
        if hits:
            return _one(doc, key, hits)
    raise UnknownUnitError(
        f"{doc} has no unit {key!r}; give an article number, a label as written "
        "(第十二条, Article 12) or a path (art-12, chap-2/art-12)")


def article_number(key: str | int) -> int | None:
    """The article number ``key`` is (``14``, ``-1``), or ``None`` for a label or path."""
    if isinstance(key, int):
        return key
    return int(key) if _NUMBER.match(key.strip()) else None


def article_numbers(doc: str, units: Sequence[N], key: str | int) -> list[int]:
    """The numbers of the articles that ``key`` (as for :func:`find_unit`) covers: the
    article it names, or every article inside the division (or other unit) it names."""
    unit = find_unit(doc, units, str(key))
    if unit.kind == "article" and unit.number is not None:
        return [unit.number]
    numbers = [u.number for u in units if u.kind == "article" and u.number is not None
               and unit.start <= u.start and u.end <= unit.end]
    if not numbers:
        raise UnknownUnitError(f"{key!r} names {unit.kind} {'/'.join(unit.path)} of {doc}, "
                               "which holds no article")
    return numbers


def _one(doc: str, key: str, hits: list[N]) -> N:
    ranked = sorted(hits, key=lambda u: _PREFERENCE.index(u.kind)
                    if u.kind in _PREFERENCE else len(_PREFERENCE))
    best = [u for u in ranked if u.kind == ranked[0].kind]
    if len(best) == 1:
        return best[0]
    paths = ", ".join("/".join(u.path) for u in best[:6])
    more = " …" if len(best) > 6 else ""
    raise UnknownUnitError(f"{key!r} names {len(best)} units of {doc} ({paths}{more}); "
                           "give one of these paths")


def number_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 5, 7, 8]`` → ``"1-3, 5, 7-8"`` (``"none"`` when empty)."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs) or "none"


def _numbers(units: Sequence[UnitNode]) -> str:
    return number_ranges([u.number for u in units if u.kind == "article"
                          and u.number is not None])
