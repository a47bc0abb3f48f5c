"""The divergence records on a bead as the TMX and CSV exports show them: most severe
first (report order among equals), one line each, with the reviewers' decisions on
them, and which units the TMX knobs of :class:`~outline_corpus.config.ExportParams`
leave out or mark."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from outline_corpus.config import ExportParams
from outline_corpus.store.rows import BeadRow

if TYPE_CHECKING:
    from collections.abc import Callable

    from outline_corpus.decisions import Decision
    from outline_corpus.diverge.records import Divergence
    from outline_corpus.store.query import Corpus

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


@dataclass(frozen=True)
class Verdicts:
    """The reviewers' decisions that apply to this build, by record id and by bead id.
    A record said to be ``not_a_divergence`` (or on a bead said to be) no longer flags
    its unit; a bead said to be ``confirmed`` flags it as a ``high`` record would."""

    records: dict[str, Decision]
    beads: dict[str, Decision]

    @classmethod
    def of(cls, corpus: Corpus) -> Verdicts:
        found = corpus.decisions()
        return cls({d.record: d for d in found if d.record is not None},
                   {d.bead: d for d in found if d.bead is not None})

    def live(self, bead: BeadRow, recs: list[Divergence]) -> list[Divergence]:
        """The records of ``recs`` no reviewer has set aside as not a divergence."""
        if self._status(self.beads.get(bead.id)) == "not_a_divergence":
            return []
        return [r for r in recs if self._status(self.records.get(r.id)) != "not_a_divergence"]

    def severity(self, bead: BeadRow, recs: list[Divergence]) -> str:
        """The severity that flags ``bead``: its live records' worst, ``high`` if a
        reviewer confirmed the bead itself; ``""`` for none."""
        if self._status(self.beads.get(bead.id)) == "confirmed":
            return "high"
        return worst(self.live(bead, recs))

    def lines(self, bead: BeadRow, recs: list[Divergence],
              line: Callable[[Divergence], str]) -> list[str]:
        """``line(record)`` of each record, its decision after it, then the bead's own
        decision (``review of this unit: …``) if there is one."""
        out = [line(r) + (f" [{self.records[r.id].line()}]" if r.id in self.records else "")
               for r in recs]
        if bead.id in self.beads:
            out.append(f"{self.beads[bead.id].line()} (of this unit)")
        return out

    @staticmethod
    def _status(d: Decision | None) -> str:
        return d.status if d is not None else ""


def place(bead: BeadRow, recs: list[Divergence], params: ExportParams,
          verdicts: Verdicts | None = None) -> Place:
    """Where ``bead`` (with its records ``recs``) goes in the TMX export: ``out`` (below
    :attr:`~ExportParams.min_score`, or a record that :attr:`~ExportParams.exclude_flagged`
    or :attr:`~ExportParams.exclude_kinds` leaves out), ``flagged`` (a record reaching
    :attr:`~ExportParams.mark_flagged`) or ``main``; records a reviewer set aside do not
    count (see :class:`Verdicts`)."""
    verdicts = verdicts or Verdicts({}, {})
    severity = verdicts.severity(bead, recs)
    if bead.score < params.min_score or at_least(severity, params.exclude_flagged) or \
            params.excluded_kinds & {r.kind for r in verdicts.live(bead, recs)}:
        return "out"
    return "flagged" if at_least(severity, params.mark_flagged) else "main"
