"""``outline-corpus align``, ``align-files`` and ``evaluate``: the alignment commands,
each calling one public function of :mod:`outline_corpus.api`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from outline_corpus import api
from outline_corpus.cli_common import (
    DEFAULTS,
    CacheOption,
    ForceOption,
    JsonOption,
    NoCacheOption,
    OutDirOption,
    RawOption,
    cache_path,
    emit_json,
    err,
    fail,
    options,
    out,
    warn,
)
from outline_corpus.cli_progress import StageBars, bars
from outline_corpus.config import Config
from outline_corpus.errors import OutlineCorpusError


@options("model", "semicolon", "outside_raw", "align")
def align(
    doc_ids: Annotated[list[str] | None, typer.Argument(
        help="Translations to align (default: all).", show_default=False)] = None,
    raw: RawOption = api.DEFAULT_RAW,
    out_dir: OutDirOption = api.DEFAULT_ALIGNED,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    force: ForceOption = False,
    as_json: JsonOption = False,
    config: Config = DEFAULTS,
) -> None:
    """Align every translation to its original: articles first, then sentences."""
    try:
        with StageBars(err) as report:  # bars on a terminal only
            results = api.align_corpus(raw, out_dir, config, cache_path(cache, no_cache),
                                       doc_ids, report, warn, force)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        from outline_corpus.align.output import alignment_dict

        for al in results:
            emit_json(alignment_dict(al))
        return
    from outline_corpus.render import alignment_table

    out.print(alignment_table(results, str(out_dir)))


PairsOption = Annotated[Path | None, typer.Option(
    "--pairs", help="Align every pair of this TSV (source, target, output a line, "
                    "tab-separated; # comments; paths relative to its folder) instead of "
                    "SRC and TGT.", show_default=False)]
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", min=0, help="With --pairs: embed and align on a local Dask cluster of N "
                             "worker processes (0: in this process) \\[default: one per "
                             "core with the dask extra and two pairs or more, else 0].",
    show_default=False)]
SchedulerOption = Annotated[str | None, typer.Option(
    "--scheduler", help="With --pairs: embed and align on the Dask cluster at this address "
                        "(tcp://host:port).", show_default=False)]


@options("model", "align")
def align_files(
    ctx: typer.Context,
    src: Annotated[Path | None, typer.Argument(metavar="SRC", help="Sentence-per-line source file.",
                                               show_default=False)] = None,
    tgt: Annotated[Path | None, typer.Argument(metavar="TGT", help="Sentence-per-line target file.",
                                               show_default=False)] = None,
    out_file: Annotated[Path | None, typer.Option("--out", help="Bead file to write "
                                                                "\\[default: stdout].")] = None,
    pairs: PairsOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    scores: Annotated[bool, typer.Option("--scores", help="Append each bead's confidence "
                                                          "(0-1) as a third field.")] = False,
    config: Config = DEFAULTS,
) -> None:
    """Align two sentence-per-line files, or every pair of a TSV (--pairs); one bead a
    line: \\[i,j]:\\[k] (0-based)."""
    from typer._click.exceptions import UsageError  # typer's own click

    if pairs is not None:
        if src is not None or tgt is not None or out_file is not None:
            raise UsageError("--pairs takes no SRC, TGT or --out: its lines name them", ctx)
        _align_pairs(pairs, workers, scheduler, cache_path(cache, no_cache), scores, config)
        return
    if src is None or tgt is None:
        raise UsageError("give SRC and TGT, or --pairs PAIRS.tsv", ctx)
    if workers is not None or scheduler is not None:
        raise UsageError("--workers and --scheduler go with --pairs", ctx)
    from outline_corpus.align.output import atomic_write, beads_text

    try:
        with bars(err) as bar:
            task = bar.add_task("embedding", total=None)
            beads = api.align_files(src, tgt, config, cache_path(cache, no_cache),
                                    lambda n: bar.advance(task, n), warn)
        text = beads_text(beads, with_scores=scores)
        if out_file is None:
            sys.stdout.write(text)
        else:
            atomic_write(out_file, text)
    except OutlineCorpusError as exc:
        fail(exc)
    except OSError as exc:
        fail(f"{exc.filename}: {exc.strerror}")


def _align_pairs(pairs: Path, workers: int | None, scheduler: str | None,
                 cache: Path | None, scores: bool, config: Config) -> None:
    try:
        with StageBars(err) as report:  # bars on a terminal only
            result = api.align_pairs(pairs, config, workers, scheduler, cache, scores,
                                     report=report, warn=warn)
    except OutlineCorpusError as exc:
        fail(exc)
    except OSError as exc:
        fail(f"{exc.filename}: {exc.strerror}")
    n = len(result.pairs)
    plural = "s" if n != 1 else ""
    sys.stdout.write(f"aligned {n} pair{plural} of {pairs}: {n} bead file{plural} written\n")


def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold bead file or directory.")],
    test: Annotated[Path, typer.Argument(help="Test bead file or directory.")],
    as_json: JsonOption = False,
) -> None:
    """Strict and lax precision, recall and F1 of TEST against GOLD."""
    try:
        scores = api.evaluate(gold, test)
    except OutlineCorpusError as exc:
        fail(exc)
    if as_json:
        emit_json({name: s.as_dict() for name, s in scores.items()})
        return
    from outline_corpus.render import scores_table

    out.print(scores_table(scores))
