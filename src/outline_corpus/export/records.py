"""The divergence records on a bead as the TMX and CSV exports show them: most severe
first (report order among equals), one line each, and which units the TMX knobs of
:class:`~outline_corpus.config.ExportParams` leave out or mark."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from outline_corpus.config import ExportParams
from outline_corpus.store.rows import BeadRow

if TYPE_CHECKING:
    from outline_corpus.diverge.records import Divergence

#: Severities, most severe first.
SEVERITY_ORDER = ("high", "medium", "low")

Place = Literal["main", "flagged", "out"]


def _rank(severity: str) -> int:
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


def bead_records(bead: BeadRow, records: dict[str, Divergence]) -> list[Divergence]:
    """The records on ``bead``, most severe first, in report order among equals."""
    return sorted((records[i] for i in dict.fromkeys(bead.divergences)),
                  key=lambda r: _rank(r.severity))


def worst(recs: list[Divergence]) -> str:
    """The highest severity among ``recs`` (``""`` for none)."""
    return min((r.severity for r in recs), key=_rank, default="")


def at_least(severity: str, threshold: str) -> bool:
    """Whether ``severity`` reaches ``threshold`` (``none``: nothing does)."""
    return threshold != "none" and bool(severity) and _rank(severity) <= _rank(threshold)


def record_line(rec: Divergence, words: str = "") -> str:
    """``kind (severity): message``, and ``«words»`` (the words it quotes) if given."""
    return f"{rec.kind} ({rec.severity}): {rec.message}" + (f" «{words}»" if words else "")


def numbered(lines: list[str]) -> str:
    """``lines`` one per line, numbered ``1.``, ``2.``… when there are several; an
    empty line is left out, its number with it."""
    if len(lines) < 2:
        return "".join(lines)
    return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1) if line)


def place(bead: BeadRow, recs: list[Divergence], params: ExportParams) -> Place:
    """Where ``bead`` (with its records ``recs``) goes in the TMX export: ``out`` (below
    :attr:`~ExportParams.min_score`, or a record that :attr:`~ExportParams.exclude_flagged`
    or :attr:`~ExportParams.exclude_kinds` leaves out), ``flagged`` (a record reaching
    :attr:`~ExportParams.mark_flagged`) or ``main``."""
    severity = worst(recs)
    if bead.score < params.min_score or at_least(severity, params.exclude_flagged) or \
            params.excluded_kinds & {r.kind for r in recs}:
        return "out"
    return "flagged" if at_least(severity, params.mark_flagged) else "main"
