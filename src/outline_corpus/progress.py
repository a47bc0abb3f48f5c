"""Progress of a pipeline run, stage by stage, for progress bars.

:func:`outline_corpus.pipeline.run` (and ``api.build``, ``api.align_corpus``,
``api.divergences``) take a :data:`Report`, ``report(stage, done, total)``, called each
time a stage gets on: ``done`` of its ``total`` units are done (the units of each stage
are in :data:`STAGES`). A stage's first report comes when it starts, with its
``total`` and ``done == 0``; its last has ``done == total``. ``total`` is known when a
stage starts, but for ``parse``, whose total grows by each document's characters as the
document is read; ``done`` never falls and never passes ``total``. Stages a run does not
reach report nothing."""

from __future__ import annotations

from collections.abc import Callable

#: The callback: stage, units done, units in all.
Report = Callable[[str, int, int], None]

#: The stages that report, in the order a build runs them, and the unit each counts.
STAGES = {
    "parse": "characters parsed",
    "embed": "sentences embedded",
    "align": "sentences of the originals aligned",
    "diverge": "beads checked (clauses, then words)",
    "words": "words and phrases embedded",
    "link": "related passages linked",
    "write": "outputs written (alignments, reports, database)",
    "export": "export formats written",
}


class StageProgress:
    """The progress of one stage, handed to the code doing its work."""

    def __init__(self, tally: Tally, stage: str) -> None:
        self._tally = tally
        self.stage = stage

    def expect(self, n: int) -> None:
        """``n`` more units of work are ahead (reported at once)."""
        self._tally.expect(self.stage, n)

    def advance(self, n: int = 1) -> None:
        """``n`` more units are done."""
        self._tally.advance(self.stage, n)

    def finish(self) -> None:
        """The stage is over: whatever is left of its total counts as done."""
        self._tally.finish(self.stage)


class Tally:
    """The done and total counts of every stage of one run, passed on to a
    :data:`Report` (nothing is reported without one)."""

    def __init__(self, report: Report | None = None) -> None:
        self.report = report
        self.done: dict[str, int] = {}
        self.total: dict[str, int] = {}

    @classmethod
    def of(cls, report: Report | Tally | None) -> Tally:
        """``report`` itself if it is a tally, else a new tally reporting to it."""
        return report if isinstance(report, Tally) else cls(report)

    def stage(self, name: str) -> StageProgress:
        return StageProgress(self, name)

    def expect(self, stage: str, n: int) -> None:
        """``n`` more units of ``stage`` are ahead (``n`` may be 0: the stage starts)."""
        self.total[stage] = self.total.get(stage, 0) + max(n, 0)
        self._send(stage)

    def advance(self, stage: str, n: int = 1) -> None:
        if n > 0:
            self.done[stage] = self.done.get(stage, 0) + n
            self._send(stage)

    def finish(self, stage: str) -> None:
        total = self.total.get(stage, 0)
        if self.done.get(stage, 0) < total or stage not in self.done:
            self.done[stage] = total
            self._send(stage)

    def _send(self, stage: str) -> None:
        if self.report is not None:
            self.report(stage, self.done.get(stage, 0), self.total.get(stage, 0))


def ticker(progress: StageProgress | None) -> Callable[[int], None] | None:
    """A ``progress(n)`` callback advancing ``progress`` (``None`` without one)."""
    return None if progress is None else progress.advance
