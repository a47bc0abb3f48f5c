"""Progress of a long parse, reported to a caller's callback as ``(doc id, done,
total)``: ``total`` is the number of characters of the document's text and ``done``
rises from 0 to ``total`` through the stages of the parse, each given a share of
``total`` by its usual cost (measured with ``benchmarks/bench_parse.py``)."""

from __future__ import annotations

from collections.abc import Callable

#: A progress callback: document id, characters done, characters in all.
Progress = Callable[[str, int, int], None]
#: Shares of the parse done once the structure profile is chosen, once the lines are
#: read (joined, or made into blocks), once the structure is read, once every unit is
#: split into sentences (on the way, by the characters split) and once the text is
#: searched for noise (by the characters searched); the rest locates the diagnostics
#: and builds the unit tree.
DETECTED, LINES, STRUCTURE, SENTENCES, NOISE = 0.12, 0.25, 0.35, 0.75, 0.92
#: Fewest reports of one document's progress between its first and its last: a report
#: is made when ``done`` has risen by ``total / STEPS`` (or a stage is over).
STEPS = 200


class Tracker:
    """One document's progress: ``0`` when made, ``total`` when :meth:`finish` is
    called, and between them, as the stages end or go on, never falling. Without a
    callback nothing is reported."""

    def __init__(self, doc_id: str, total: int, callback: Progress | None = None) -> None:
        self.doc_id = doc_id
        self.total = total
        self.callback = callback
        self._split = 0  # characters split into sentences so far
        self._searched = 0  # characters searched for noise so far
        self._reported = -1
        self._report(0, force=True)

    @property
    def active(self) -> bool:
        return self.callback is not None

    def reach(self, share: float) -> None:
        """A stage is over: ``share`` of the parse is done."""
        self._report(int(share * self.total), force=True)

    def split(self, chars: int) -> None:
        """``chars`` more characters are split into sentences."""
        self._split += chars
        self.splitting(0)

    def splitting(self, chars: int) -> None:
        """``chars`` characters of the text being split are done (not yet counted)."""
        self._within(STRUCTURE, SENTENCES, self._split + chars)

    def searched(self, chars: int) -> None:
        """``chars`` more characters are searched for noise."""
        self._searched += chars
        self._within(SENTENCES, NOISE, self._searched)

    def finish(self) -> None:
        """The parse is done."""
        self._report(self.total, force=True)

    def _within(self, low: float, high: float, chars: int) -> None:
        share = min(1.0, chars / self.total) if self.total else 1.0
        self._report(int((low + (high - low) * share) * self.total))

    def _report(self, done: int, force: bool = False) -> None:
        if self.callback is None or done <= self._reported:
            return
        if force or done - self._reported >= max(1, self.total // STEPS):
            self._reported = done
            self.callback(self.doc_id, done, self.total)
