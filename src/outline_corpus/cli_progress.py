"""Progress bars of the command line, on stderr and only on a terminal (nothing is
drawn on a pipe or into a file): :class:`StageBars` draws one bar per stage of a
pipeline run, with its total, the time taken and the time left, from the
``report(stage, done, total)`` calls of :mod:`outline_corpus.progress`."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

from outline_corpus.progress import STAGES

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID


def bars(console: Console) -> Progress:
    """A rich progress display on ``console``: description, bar, done/total, share,
    time elapsed and time left; cleared when done, disabled unless ``console`` is a
    terminal."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                    TextColumn("left"), TimeRemainingColumn(), console=console,
                    transient=True, disable=not console.is_terminal)


def label(stage: str) -> str:
    """A stage's bar description: its name and what it counts."""
    return f"{stage:<7} {STAGES.get(stage, '')}".rstrip()


class StageBars:
    """A :data:`~outline_corpus.progress.Report` drawing a bar per stage, each added
    when its stage first reports. Use it as a context manager around the run."""

    def __init__(self, console: Console) -> None:
        self.progress = bars(console)
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> StageBars:
        self.progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.progress.stop()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(label(stage), total=total)
        self.progress.update(self.tasks[stage], completed=done, total=total)
