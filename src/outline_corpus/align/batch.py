"""Aligning many pairs of sentence-per-line files in one run.

The client reads and checks every pair first (:mod:`outline_corpus.align.pairs`), then
has every distinct sentence not yet in the embedding cache embedded once, in batches
spanning files: here, or on a Dask cluster, each worker loading the model once
(:func:`embed_task`), the client storing each batch as it comes back (it alone writes
the cache). It then composes each pair's window vectors; the dynamic programme of each
pair (arrays in, beads out: a :class:`Job`) runs in this process, or as a Dask task on
a local cluster or on an existing scheduler while the client composes the next.
Results come back in the pairs' order.

A pair's beads are those of aligning it alone
(:func:`outline_corpus.align.files.align_files`), bit for bit: a sentence's pooled state
depends on its text alone, whatever its batch company (see
:mod:`outline_corpus.align.usepooled`), the windows and the segment cuts are made by
the same calls, and every job runs the same DP on one BLAS thread (a worker computes
the states this process would: the same code on one BLAS thread; on a cluster of other
machines, their CPUs must give the same floating-point results). Dask is imported only
when a cluster is asked for."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from outline_corpus.align.dp import AlignParams, Array, Bead, Context, align
from outline_corpus.align.files import SentenceFile, _singles, segments
from outline_corpus.align.pairs import CheckedPair, Pair
from outline_corpus.align.second import namespace
from outline_corpus.blas import blas_threads, one_blas_thread
from outline_corpus.errors import ParameterError
from outline_corpus.progress import Tally

if TYPE_CHECKING:
    from outline_corpus.align.cache import EmbeddingCache
    from outline_corpus.align.embed import Embedder
    from outline_corpus.progress import Report

#: Fewest new texts embedded together (a chunk ends at a pair's end): the pairs of one
#: chunk go to the workers while the client embeds the next.
EMBED_CHUNK = 1024
#: Texts a worker embeds in one task.
EMBED_TASK = 256
#: Jobs sent per worker thread before the client waits for one to finish; bounds the
#: memory the window vectors take on the cluster.
IN_FLIGHT = 3
#: The malloc setting distributed gives its workers by default (65536). Setting it
#: fixes glibc's mmap threshold too, so the DP's many row-sized arrays are mapped and
#: faulted in anew each time: it ran about seven times slower. Local workers start
#: without it (glibc's own, adaptive thresholds).
_TRIM = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"
#: Seconds to wait for an existing Dask scheduler to answer.
CONNECT_TIMEOUT = 10


@dataclass(frozen=True)
class Segment:
    """One piece of a pair (see :func:`~outline_corpus.align.files.segments`): its first
    source and target sentence, the window vectors of each side and the lengths."""

    i0: int
    j0: int
    src: tuple[Array, ...]
    tgt: tuple[Array, ...]
    src_len: tuple[int, ...]
    tgt_len: tuple[int, ...]


@dataclass(frozen=True)
class Job:
    """The DP of one pair: its segments, the line numbers of its sentences and the
    parameters. Holds numpy arrays and plain values only, so it travels to a worker."""

    index: int
    segments: tuple[Segment, ...]
    src_ids: tuple[int, ...]
    tgt_ids: tuple[int, ...]
    params: AlignParams
    context: Context  # the whole sides: the segments' context


@dataclass(frozen=True)
class JobResult:
    """The beads of job ``index``, the seconds its DP took where it ran and the second
    model's vectors it computed there (without the cache: for the client to store) and
    the seconds, of ``seconds``, its second model took to get its vectors."""

    index: int
    beads: tuple[Bead, ...]
    seconds: float
    vectors: tuple[tuple[str, Array], ...] = ()
    second: float = 0.0


@one_blas_thread
def run_job(job: Job) -> JobResult:
    """Align every segment of ``job`` and number the beads by line."""
    start = time.perf_counter()
    out: list[Bead] = []
    for seg in job.segments:
        for bead in align(list(seg.src), list(seg.tgt), list(seg.src_len),
                          list(seg.tgt_len), job.params,
                          job.context.at(seg.i0, seg.j0)):
            out.append(Bead(tuple(job.src_ids[seg.i0 + k] for k in bead.src),
                            tuple(job.tgt_ids[seg.j0 + k] for k in bead.tgt), bead.score,
                            bead.similarity))
    second = job.context.second
    if second is None:
        return JobResult(job.index, tuple(out), time.perf_counter() - start)
    return JobResult(job.index, tuple(out), time.perf_counter() - start,
                     tuple(second.new.items()), second.spent.get("seconds", 0.0))


#: The models a worker process has loaded, by :attr:`Embedder.spec`.
_WORKER_MODELS: dict[str, Embedder] = {}


@one_blas_thread
def embed_task(spec: str, name: str, texts: list[str]) -> Array:
    """On a worker: what the embedding cache keeps for each of ``texts`` (pooled states
    or vectors), by the model loaded from ``spec`` (once per worker process). Refuses
    a model whose ``name`` (its version) differs from the client's."""
    from outline_corpus.align.embed import load_embedder

    embedder = _WORKER_MODELS.get(spec)
    if embedder is None:
        embedder = _WORKER_MODELS[spec] = load_embedder(spec)
    if embedder.name != name:
        raise ParameterError(f"the Dask workers' model is {embedder.name}, this "
                             f"process's {name}: install the same versions on both")
    rows: Array = np.asarray(embedder.sentence_store()[1](texts), dtype=np.float32)
    return rows


def build_job(index: int, src: SentenceFile, tgt: SentenceFile, embedder: Embedder,
              cache: EmbeddingCache, params: AlignParams, elsewhere: bool = False) -> Job:
    """The job of one pair: the calls of :func:`~outline_corpus.align.files.align_files`
    up to its DP (run under :func:`blas_threads` ``(1)`` like it). ``elsewhere``: the
    job runs on a Dask worker, so its second model reads the vectors cached here for
    the pair's sentences and computes the others."""
    s1, t1 = _singles(embedder, src, cache, None), _singles(embedder, tgt, cache, None)
    pieces = []
    for i0, i1, j0, j1 in segments(s1, t1):
        sl, tl = list(src.lines[i0:i1]), list(tgt.lines[j0:j1])
        sw = embedder.windows(sl, params.max_side, src.joiner, cache) if sl else []
        tw = embedder.windows(tl, params.max_side, tgt.joiner, cache) if tl else []
        pieces.append(Segment(i0, j0, tuple(sw), tuple(tw), tuple(len(x) for x in sl),
                              tuple(len(x) for x in tl)))
    context = Context.of(s1, t1, src.lines, tgt.lines, params, None if elsewhere else cache)
    if elsewhere and context.second is not None:
        context.second.known.update(cache.cached(context.second.namespace,
                                                 [*src.lines, *tgt.lines]))
    return Job(index, tuple(pieces), src.ids, tgt.ids, params, context)


def _composes(embedder: Embedder) -> bool:
    """Whether ``embedder`` composes windows from per-sentence states (use-m3) rather
    than encoding each window's joined text."""
    from outline_corpus.align.embed import USEEmbedder

    return isinstance(embedder, USEEmbedder) and embedder._pooled is not None


def _texts(embedder: Embedder, f: SentenceFile, max_side: int) -> list[str]:
    """What :meth:`Embedder.windows` embeds for ``f``: its sentences when windows are
    composed, else the text of every window."""
    lines = list(f.lines)
    if _composes(embedder):
        return lines
    return [f.joiner.join(lines[i:i + k]) for k in range(1, max_side + 1)
            for i in range(len(lines) - k + 1)]


def chunks(checked: list[CheckedPair], embedder: Embedder, max_side: int
           ) -> Iterator[tuple[list[str], list[int]]]:
    """Consecutive groups of pairs (by index) with the texts first needed by them: each
    distinct text once over the run, at least :data:`EMBED_CHUNK` a group but the last."""
    seen: set[str] = set()
    texts: list[str] = []
    members: list[int] = []
    for k, cp in enumerate(checked):
        for f in (cp.source, cp.target):
            for text in _texts(embedder, f, max_side):
                if text not in seen:
                    seen.add(text)
                    texts.append(text)
        members.append(k)
        if len(texts) >= EMBED_CHUNK:
            yield texts, members
            texts, members = [], []
    if members:
        yield texts, members


Tick = Callable[[JobResult], None]


class InProcess:
    """Runs each job here, as it is submitted."""

    description = "in-process"

    def __init__(self) -> None:
        self._done: list[JobResult] = []

    def submit(self, job: Job, tick: Tick) -> None:
        self._done.append(run_job(job))
        tick(self._done[-1])

    def results(self, tick: Tick) -> list[JobResult]:
        return self._done


class DaskRunner:
    """Sends each job to a Dask cluster as a task; at most :data:`IN_FLIGHT` per worker
    thread are unfinished at once."""

    def __init__(self, client: Any, description: str) -> None:
        self.client = client
        self.description = description
        threads = sum(client.nthreads().values()) or 1
        self.limit = IN_FLIGHT * threads
        self._futures: list[Any] = []
        self._ticked: set[str] = set()

    def _tick_done(self, tick: Tick) -> list[Any]:
        """Tell ``tick`` of the jobs finished since last asked; the others."""
        pending = []
        for future in self._futures:
            if not future.done():
                pending.append(future)
            elif future.key not in self._ticked and future.status == "finished":
                self._ticked.add(future.key)
                tick(future.result())
        return pending

    def submit(self, job: Job, tick: Tick) -> None:
        pending = self._tick_done(tick)
        if len(pending) >= self.limit:
            _distributed().wait(pending, return_when="FIRST_COMPLETED")
            self._tick_done(tick)
        key = f"outline-corpus-dp-{job.index}-{time.time_ns()}"
        self._futures.append(self.client.submit(run_job, job, pure=False, key=key))

    def embed(self, embedder: Embedder, texts: list[str], cache: EmbeddingCache,
              progress: Callable[[int], None]) -> None:
        """Have the workers embed ``texts`` (:data:`EMBED_TASK` a task) and store each
        batch in ``cache`` as it comes back."""
        namespace, _ = embedder.sentence_store()
        stamp = time.time_ns()
        batches = {self.client.submit(embed_task, embedder.spec, embedder.name,
                                      texts[i:i + EMBED_TASK], pure=False,
                                      key=f"outline-corpus-embed-{i}-{stamp}"):
                   texts[i:i + EMBED_TASK] for i in range(0, len(texts), EMBED_TASK)}
        for future in _distributed().as_completed(list(batches)):
            batch = batches.pop(future)
            cache.fetch(namespace, batch, _looked_up(dict(zip(batch, future.result(),
                                                              strict=True))))
            progress(len(batch))

    def results(self, tick: Tick) -> list[JobResult]:
        for future in _distributed().as_completed(self._futures):
            if future.key not in self._ticked:
                self._ticked.add(future.key)
                tick(future.result())
        done: list[JobResult] = self.client.gather(self._futures)
        return done


Runner = InProcess | DaskRunner


def _looked_up(rows: dict[str, Array]) -> Callable[[list[str]], Array]:
    """A ``compute`` for :meth:`EmbeddingCache.fetch` that reads ``rows``."""
    return lambda todo: np.stack([rows[x] for x in todo])


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ParameterError("workers and a scheduler need Dask: pip install "
                             "'outline-corpus[dask]' (dask and distributed)") from None
    return distributed


def default_workers(pairs: int) -> int:
    """Where ``pairs`` pairs run when not told: a local cluster of one worker process
    per core when Dask is installed, there are two pairs or more and two cores or more;
    else this process (0). On the 2-core machines measured (24 pairs, 12,156 sentences,
    cold cache) two workers, which embed as well as align, took 35.8 s against 54.2 s in
    this process (``python benchmarks/bench_align.py --batch``)."""
    from importlib.util import find_spec

    cores = os.cpu_count() or 1
    if pairs < 2 or cores < 2 or find_spec("distributed") is None:
        return 0
    return cores


@contextmanager
def runner(workers: int, scheduler: str | None = None) -> Iterator[Runner]:
    """Where jobs run: here (``workers == 0`` and no ``scheduler``), a local cluster of
    ``workers`` processes of one thread, or the Dask cluster at ``scheduler``."""
    if scheduler is None and workers == 0:
        yield InProcess()
        return
    dist = _distributed()
    if scheduler is not None:
        try:
            client = dist.Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ParameterError(f"cannot reach the Dask scheduler at {scheduler}: "
                                 f"{exc}") from None
        with client:
            _check_workers(client, scheduler)
            yield DaskRunner(client, f"the Dask scheduler at {scheduler}")
        return
    with local_cluster(workers) as cluster, dist.Client(cluster) as client:
        yield DaskRunner(client, f"a local cluster of {workers} worker"
                                 f"{'s' if workers != 1 else ''}")


def _check_workers(client: Any, address: str) -> None:
    """Refuse a cluster without workers, or whose workers lack this version of
    outline-corpus (they run its DP)."""
    from importlib.metadata import version

    from outline_corpus import __version__

    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except TimeoutError:
        raise ParameterError(f"the Dask scheduler at {address} has no workers") from None
    found = client.run(version, "outline-corpus", on_error="return")
    wrong = sorted({v if isinstance(v, str) else "none" for v in found.values()
                    if v != __version__})
    if wrong:
        raise ParameterError(f"the workers of the Dask scheduler at {address} need "
                             f"outline-corpus {__version__} installed (found: "
                             f"{', '.join(wrong)})")


@contextmanager
def local_cluster(workers: int) -> Iterator[Any]:
    """A Dask cluster of ``workers`` local processes of one thread each, without
    distributed's malloc setting (see :data:`_TRIM`), its logs below errors, and its
    HTTP server (no dashboard) on a free port of the loopback. The variables that
    distributed sets in this process's environment for its workers (one BLAS thread)
    are put back as they were when the cluster closes."""
    dist = _distributed()
    import dask

    saved = {name: os.environ.get(name)
             for name in dask.config.get("distributed.nanny.pre-spawn-environ")}
    try:
        with dask.config.set({_TRIM: None}), dist.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                silence_logs=logging.ERROR) as cluster:
            yield cluster
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@dataclass(frozen=True)
class Timings:
    """Wall seconds of a batch: in all, embedding (client), composing windows and
    segment cuts (client), waiting for the last jobs after the last was sent; ``dp`` is
    the sum of the jobs' own seconds, wherever they ran, and ``second`` the part of it
    their second model spent getting its vectors (embedding the uncertain regions)."""

    total: float
    embed: float
    compose: float
    wait: float
    dp: float
    second: float = 0.0


@dataclass(frozen=True)
class PairResult:
    """The beads of one pair, over the line numbers of its two files."""

    pair: Pair
    beads: tuple[Bead, ...]


@dataclass(frozen=True)
class BatchResult:
    """Every pair's beads in the pairs' order; where the jobs ran; how many distinct
    texts were embedded (``computed`` of them not found in the cache); the timings;
    the embedding cache's warnings."""

    pairs: tuple[PairResult, ...]
    runner: str
    texts: int
    computed: int
    seconds: Timings
    warnings: tuple[str, ...] = ()


def _feed(checked: list[CheckedPair], embedder: Embedder, cache: EmbeddingCache,
          params: AlignParams, jobs: Runner, tally: Tally, tick: Tick
          ) -> tuple[int, float, float]:
    """Embed (on the cluster's workers where there is one and the model can be loaded
    there by name, else here chunk by chunk), compose, and send each pair's job as soon
    as its texts are in; returns the texts embedded and the seconds spent embedding and
    composing."""
    embed_bar = tally.stage("embed")
    plan = list(chunks(checked, embedder, params.max_side))
    texts = sum(len(chunk) for chunk, _ in plan)
    embed_bar.expect(texts)
    embed_s = compose_s = 0.0
    remote = isinstance(jobs, DaskRunner) and embedder.spec is not None
    if isinstance(jobs, DaskRunner) and remote:  # the whole plan at once, on the workers
        t0 = time.perf_counter()
        todo = cache.missing(embedder.sentence_store()[0],
                             [x for chunk, _ in plan for x in chunk])
        embed_bar.advance(texts - len(todo))
        jobs.embed(embedder, todo, cache, embed_bar.advance)
        embed_s += time.perf_counter() - t0
    with blas_threads(1):
        for chunk, members in plan:
            t0 = time.perf_counter()
            if chunk and not remote:
                embedder.windows(chunk, 1, "", cache, embed_bar.advance)
            embed_s += time.perf_counter() - t0
            for k in members:
                t0 = time.perf_counter()
                job = build_job(k, checked[k].source, checked[k].target, embedder, cache,
                                params, isinstance(jobs, DaskRunner))
                compose_s += time.perf_counter() - t0
                jobs.submit(job, tick)
    embed_bar.finish()
    return texts, embed_s, compose_s


def _store_vectors(done: list[JobResult], cache: EmbeddingCache, params: AlignParams
                   ) -> None:
    """Store in ``cache`` the second model's vectors the jobs computed on workers."""
    rows = {text: vec for r in done for text, vec in r.vectors}
    if rows:
        cache.fetch(namespace(params.second_model), list(rows), _looked_up(rows))


def align_checked(checked: list[CheckedPair], embedder: Embedder, cache: EmbeddingCache,
                  params: AlignParams, jobs: Runner, report: Report | Tally | None = None
                  ) -> BatchResult:
    """Embed, compose and align every pair of ``checked``, the DPs run by ``jobs``;
    ``report`` is told the ``embed`` (texts) and ``align`` (source sentences) stages."""
    start = time.perf_counter()
    tally = Tally.of(report)
    align_bar = tally.stage("align")
    align_bar.expect(sum(len(cp.source.lines) for cp in checked))
    misses = cache.misses

    def tick(res: JobResult) -> None:
        align_bar.advance(len(checked[res.index].source.lines))

    texts, embed_s, compose_s = _feed(checked, embedder, cache, params, jobs, tally, tick)
    sent = time.perf_counter()
    done = jobs.results(tick)
    _store_vectors(done, cache, params)
    align_bar.finish()
    end = time.perf_counter()
    results = tuple(PairResult(checked[r.index].pair, r.beads)
                    for r in sorted(done, key=lambda r: r.index))
    timings = Timings(round(end - start, 3), round(embed_s, 3), round(compose_s, 3),
                      round(end - sent, 3), round(sum(r.seconds for r in done), 3),
                      round(sum(r.second for r in done), 3))
    return BatchResult(results, jobs.description, texts, cache.misses - misses, timings,
                       cache.warnings)
