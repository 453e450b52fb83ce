"""Running a corpus build: every document through ``documents.process`` in worker processes
(``jobs``) or on a dask cluster (``cluster.py``), the results taken in input order — so the
output does not depend on the number of workers — and handed to the ``CorpusWriter``."""
from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ...errors import PlanError
from ...lifetime import watch_parent, worker_signals
from .documents import DocResult, Job, ResultCache, Settings, deliver, process
from .walk import Source, Walk
from .writer import CorpusWriter, sweep_stale_outputs, sweep_stale_spools


@dataclass
class CorpusReport:
    """What a corpus build did: each document's result, the files written, totals and time."""

    results: list[DocResult]  # without blobs, in input order
    walk: Walk
    written: list[Path]
    quads: int
    entities: int
    seconds: float
    peak_rss: tuple[int, int]  # bytes: this process, the largest worker
    clashes: list[str] = field(default_factory=list)
    jobs: int = 1

    @property
    def failed(self) -> list[DocResult]:
        return [r for r in self.results if not r.ok]

    @property
    def built(self) -> list[DocResult]:
        return [r for r in self.results if r.ok]

    @property
    def cached(self) -> int:
        return sum(1 for r in self.results if r.ok and r.cached)


def build_corpus(sources: Sequence[Source], outputs: Sequence[Path], settings: Settings, *,
                 jobs: int = 1, shard_size: int | None = None, keep_going: bool = False,
                 progress: bool | None = None, walk_report: Walk | None = None,
                 executor: str | None = None) -> CorpusReport:
    """Build every document of ``sources`` into ``outputs``; see the module docstring.
    ``executor``: ``dask://HOST:PORT`` extracts on that dask cluster (``cluster.py``),
    four documents in flight per job; None: in ``jobs`` local processes.

    A document that fails is skipped when it was found in a folder (or ``keep_going``); a
    named file that fails stops the build with its PlanError and nothing is written. When
    no document builds at all, PlanError too.
    """
    sweep_stale_outputs(outputs)  # a killed run's leftovers
    sweep_stale_spools()
    if not sources:
        raise PlanError("no documents to build")
    start = time.perf_counter()
    writer = CorpusWriter(outputs, settings.base, shard_size)
    settings = replace(settings, formats=writer.needs)
    if settings.cache_dir:
        ResultCache(settings.cache_dir).prune()
    results: list[DocResult] = []
    taken: set[str] = set()
    stream = _results(sources, settings, jobs, executor)
    try:
        with _progress(len(sources), progress) as bar:
            for result in stream:
                if result.ok and result.plan_slug in taken:
                    # another plan has this title: build this one again under the next free slug
                    # (by a worker, while the others go on with the next documents)
                    from ...graph.build import claim_plan_slug

                    slug = claim_plan_slug(result.plan_slug, set(taken))
                    result = stream.send(Job(result.index, result.source, settings, slug))
                if not result.ok and (sources[result.index].explicit and not keep_going):
                    raise PlanError(result.error or f"{result.source}: failed")
                if result.ok:
                    taken.add(result.plan_slug)  # type: ignore[arg-type]
                    writer.add(result)
                results.append(result.without_blobs())
                bar.update(1)
        if not any(r.ok for r in results):
            raise PlanError(f"no document could be built ({len(results)} failed)")
        written = writer.finish()
    finally:
        stream.close()  # stops the workers when a named file failed
        writer.abort()
    return CorpusReport(results, walk_report or Walk(), written, writer.quads, len(writer.table),
                        time.perf_counter() - start, _peak_rss(), writer.table.clashes, jobs)


def _results(sources: Sequence[Source], settings: Settings, jobs: int,
             executor: str | None = None) -> Generator[DocResult, Job | None, None]:
    """Each document's result, in input order, with at most a few documents in flight per
    worker. ``send(job)`` instead of ``next()`` runs ``job`` (a document again, under another
    plan slug) and gives its result."""
    work = (Job(i, source.path, settings) for i, source in enumerate(sources))
    if executor is not None:
        from .cluster import cluster_results, scheduler_address

        yield from cluster_results(work, scheduler_address(executor), max(jobs, 1) * 4)
        return
    if jobs <= 1 or len(sources) == 1:
        for job in work:
            yield from deliver(process(job), process)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    window = jobs * 4
    others = frozenset(multiprocessing.active_children())  # not the pool's (a query endpoint's, say)
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(sources)), mp_context=context,
                               initializer=_start_worker, initargs=(os.getpid(),))
    pending: list = []

    def again(job: Job) -> DocResult:
        return _take([(job.source, pool.submit(process, job))])

    try:
        for job in work:
            pending.append((job.source, pool.submit(process, job)))
            if len(pending) >= window:
                yield from deliver(_take(pending), again)
        while pending:
            yield from deliver(_take(pending), again)
    finally:
        if pending:  # leaving early (a named file failed, Ctrl-C, SIGTERM): do not wait for them
            # no future.cancel() first: on Python 3.11 the pool's manager thread, finding its
            # workers gone, fails on a cancelled future (InvalidStateError, printed as a traceback);
            # the stopped pool fails every pending future itself
            _stop_workers(pool)
        _close(pool)
        _end_strays(others)  # (none once a pool shut down after its work: it joined its workers)


def _start_worker(parent: int) -> None:
    """In each worker process: die with the build (even when it is killed), leave Ctrl-C to it."""
    worker_signals()
    watch_parent(parent)


_WORKER_GONE = 5.0  # seconds to wait for a killed worker to be gone


def _close(pool) -> None:
    """Shut the pool down as leaving ``with`` would, waiting for its manager thread. A signal
    that stopped ``submit`` after it made that thread and before it started it (SIGTERM in the
    first ``submit``) leaves a thread nobody can wait for: then the pool is shut down without
    waiting (its workers are ended after, as strays), so the signal's exit is what the user sees."""
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=manager is None or manager.ident is not None)


def _stop_workers(pool) -> None:
    """End the pool's worker processes now, abandoning the documents they hold."""
    if hasattr(pool, "terminate_workers"):  # Python 3.14+
        pool.terminate_workers()
        return
    for worker in list((getattr(pool, "_processes", None) or {}).values()):
        worker.terminate()


def _end_strays(others: frozenset) -> None:
    """Kill every child process still alive but ``others`` (those this process had before its
    pool), and wait until each is gone. After the pool was stopped: a signal that lands in
    ``submit`` between a worker's fork and the pool's note of it leaves a worker the pool does not
    know (it ignores Ctrl-C, and at exit multiprocessing waits for it forever; its parent watch
    only ends it once the build is gone). After a pool whose manager thread never started was shut
    down without waiting: a worker just forked may not run a handler yet, so SIGTERM may not end it."""
    import multiprocessing

    for child in multiprocessing.active_children():
        if child not in others:
            child.kill()
            child.join(_WORKER_GONE)


def _take(pending: list) -> DocResult:
    from concurrent.futures.process import BrokenProcessPool

    source, future = pending.pop(0)
    try:
        return future.result()
    except BrokenProcessPool:
        raise PlanError(f"{source}: a worker process died (out of memory?); the build stopped") from None


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def update(self, n: int) -> None:
        return None


def _progress(total: int, enabled: bool | None):
    """A tqdm bar on stderr (documents done, rate, time left) when stderr is a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread (worker processes are forked)
    return tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False,
                desc="plankg build")


def _peak_rss() -> tuple[int, int]:
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return own, children


def build_inputs(inputs: Sequence[str], outputs: Sequence[Path], formats: Sequence[str], settings: Settings, *,
                 jobs: int = 1, shard_size: int | None = None, keep_going: bool = False,
                 executor: str | None = None,
                 warn: Callable[[str], None] = lambda _line: None) -> tuple[CorpusReport, dict[Path, Path]]:
    """``plankg build`` of several documents or folders: ``inputs`` walked (``walk``), built into
    ``outputs`` (``formats``, one each) by ``build_corpus``; the report and, for each output
    written first to a temporary file, that file's final place (an output that its extension
    does not name — standard output, or a file named with --format — is built in a temporary
    file and copied whole to its place at the end). With no documents found, ``warn`` is
    given the walk's warnings before the PlanError."""
    from ...extract.lexicon import load_lexicon
    from ...graph.serialize import EXTENSIONS, FORMATS, write_output
    from ...lifetime import private_folder
    from .walk import walk

    load_lexicon(settings.lexicons)  # a malformed lexicon fails before any document is read
    found = walk(inputs)
    if not found.sources:
        for warning in found.warnings:
            warn(warning)
        where = ", ".join(inputs)
        raise PlanError(f"{where}: no documents in {'this directory' if len(inputs) == 1 else 'these directories'} "
                        f"(.txt, .md, .html, .htm, .docx or .pdf files)")
    with private_folder("plankg-output-") as spool:  # removed on exit; a killed run's by the next
        paths, staged = [], {}  # staged: temporary file -> the output it stands for
        for k, (output, fmt) in enumerate(zip(outputs, formats, strict=True)):
            path = output
            if str(output) == "-" or FORMATS.get(output.suffix.lower()) != fmt:
                if shard_size is not None and fmt == "nquads":
                    raise PlanError(f"{output}: --shard-size writes files named NAME-00001.nq; give -o NAME.nq")
                path = Path(spool) / f"output-{k}{EXTENSIONS[fmt]}"
                staged[path] = output
            paths.append(path)
        report = build_corpus(found.sources, paths, settings, jobs=jobs or os.cpu_count() or 1,
                              shard_size=shard_size, keep_going=keep_going, walk_report=found,
                              executor=executor)
        for tmp, output in staged.items():
            if tmp in report.written:
                write_output(output, tmp.read_bytes())
    return report, staged
