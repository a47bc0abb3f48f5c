"""Finding a unit of a document by what a user types: an article number (``14``), a
label as written (``第十二条``, ``Article 12``, ``（三）``), a path in the unit tree
(``art-12``, ``chap-2/art-12``, or its last steps when they are unique: ``art-3/p-2``)
or a unit id. Works on the parsed tree (:attr:`Document.units`) and on the database's
unit rows alike. The front matter and the back matter as a whole (``front``,
``back``) are units its callers add to the tree (see :func:`group_spans`)."""

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
#: The groups of units a user may ask for as one unit (path ``front``, ``back``), by
#: the kind of their members, with the label of the group.
GROUPS = {"front": "front matter", "back": "back matter"}


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
    steps = tuple(key.strip("/").split("/"))
    for match in (lambda u: u.id in (key, f"{doc}/{key}"),
                  lambda u: u.path == steps,
                  lambda u: len(u.path) > len(steps) and u.path[-len(steps):] == steps,
                  lambda u: bool(u.label) and _norm(u.label or "") == _norm(key)):
        hits = [u for u in units if match(u)]
        if hits:
            return _one(doc, key, hits)
    raise UnknownUnitError(f"{doc} has no unit {key!r}; give {valid_keys(units)}")


def valid_keys(units: Sequence[UnitNode]) -> str:
    """What names a unit of ``units``, in one line: the article (or turn) numbers, labels,
    and the paths there are, a run of them by its ends (``art-1…art-32``), the units
    whose last step repeats (items, paragraphs) by the shape of their path
    (``art-N/item-K``)."""
    kinds: dict[tuple[str, bool], list[UnitNode]] = {}
    for u in sorted(units, key=lambda u: (u.start, -u.end, u.path != (u.kind,))):
        if u.path:  # a group (path: its kind) apart from its members
            kinds.setdefault((u.kind, u.path == (u.kind,)), []).append(u)
    paths = []
    for members in kinds.values():
        steps = list(dict.fromkeys(u.path[-1] for u in members))
        if len(steps) == len(members):
            paths.append(", ".join(steps) if len(steps) <= 2 else f"{steps[0]}…{steps[-1]}")
        else:
            step = _shape(members[0].path[-1])
            paths.extend(dict.fromkeys(f"{_shape(u.path[-2])}/{step}" if len(u.path) > 1
                                       else step for u in members))
    numbered = ("article" if any(u.kind == "article" for u in units) else "turn"
                if any(u.kind == "turn" for u in units) else "")
    number = (f"an {numbered} number ({_numbers(units, numbered)}), " if numbered == "article"
              else f"a turn number ({_numbers(units, numbered)}), " if numbered else "")
    where = f" or a path: {', '.join(paths)}" if paths else ""
    return f"{number}a label as written (第十二条, Article 12){where}"


def _shape(step: str) -> str:
    """A path step with its number as a letter: ``art-12`` → ``art-N``, ``p-2`` →
    ``p-K`` (``preamble`` as it is)."""
    head, _, tail = step.rpartition("-")
    if not (head and tail.isdigit()):
        return step
    return f"{head}-{'K' if head in ('p', 'item') else 'N'}"


def group_spans(units: Sequence[UnitNode]) -> dict[str, tuple[int, int]]:
    """The span (start, end) of each group of :data:`GROUPS` that ``units`` has members
    of (units of that kind at the top of the tree)."""
    spans: dict[str, tuple[int, int]] = {}
    for u in units:
        if u.kind in GROUPS and len(u.path) == 1 and u.path[0] != u.kind:
            start, end = spans.get(u.kind, (u.start, u.end))
            spans[u.kind] = (min(start, u.start), max(end, u.end))
    return spans


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


def _numbers(units: Sequence[UnitNode], kind: str = "article") -> str:
    return number_ranges([u.number for u in units if u.kind == kind
                          and u.number is not None])
