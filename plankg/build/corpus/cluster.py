"""Corpus builds on a dask.distributed cluster: ``plankg build DIR --executor dask://HOST:PORT``.

This process stays the client: it reads each document, looks it up in the local
per-document cache (the same cache as a local build), and sends only the documents the
cache does not have, bytes and all, to the cluster's workers, which extract and serialise
them (``corpus.build_document``) and send the result back. The results are written in
input order by the same writer as a local build, so the output is byte-identical to
``plankg build DIR``; new results go into the local cache.

The workers need plankg installed, the same version as here: a worker whose build
fingerprint (plankg's code and data, the user lexicons) differs from the client's refuses
the work. User lexicons (``--lexicon``) are read on the workers: they must be at the same
path there (a shared file system). dask.distributed is an optional dependency: ``pip install 'plankg[dask]'``.
"""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Generator, Iterable
from dataclasses import replace
from functools import lru_cache
from urllib.parse import urlsplit

from ...errors import PlanError
from .documents import DocResult, Job, build_document, deliver, fingerprint, keep, look_up

SCHEME = "dask://"
_HOST_PORT = re.compile(r"^[A-Za-z0-9.\-\[\]:]+:\d{1,5}$")


def scheduler_address(executor: str) -> str:
    """The scheduler address (``tcp://HOST:PORT``) of ``--executor dask://HOST:PORT``; PlanError
    for anything else."""
    if not executor.startswith(SCHEME):
        raise PlanError(f"--executor {executor!r}: give local or dask://HOST:PORT (a dask scheduler)")
    where = executor[len(SCHEME):].rstrip("/")
    try:
        port = urlsplit(f"tcp://{where}").port
    except ValueError:
        port = None
    if not _HOST_PORT.match(where) or port is None:
        raise PlanError(f"--executor {executor!r}: give dask://HOST:PORT, such as dask://127.0.0.1:8786")
    return f"tcp://{where}"


def _client(address: str):
    try:
        from distributed import Client
    except ImportError:
        raise PlanError("--executor dask://…: dask.distributed is not installed "
                        "(pip install 'plankg[dask]')") from None
    try:
        return Client(address, timeout="20s", set_as_default=False)
    except OSError as err:
        raise PlanError(f"cannot reach the dask scheduler at {address}: {' '.join(str(err).split())}") from None


def cluster_results(work: Iterable[Job], address: str, window: int) -> Generator[DocResult, Job | None, None]:
    """Each document's result in input order, with ``window`` documents in flight on the
    cluster (at least four per worker thread); ``send(job)`` builds a document again (under
    another plan slug), as the local executor does."""
    with _client(address) as client:
        window = max(window, 4 * sum(client.nthreads().values()))
        pending: deque = deque()

        def start(job: Job) -> tuple:
            found = look_up(job)
            if isinstance(found, DocResult):
                return job, None, found
            data, key = found
            remote = replace(job, settings=replace(job.settings, cache_dir=None))  # the cache stays here
            return job, key, client.submit(_build_checked, remote, data, pure=False)

        try:
            for job in work:
                pending.append(start(job))
                if len(pending) >= window:
                    yield from deliver(_finish(pending.popleft()), lambda job: _finish(start(job)))
            while pending:
                yield from deliver(_finish(pending.popleft()), lambda job: _finish(start(job)))
        finally:
            for _job, _key, outcome in pending:
                if not isinstance(outcome, DocResult):
                    outcome.cancel()


def _finish(entry: tuple) -> DocResult:
    """The result of a started document (waiting for the cluster), kept in the local cache."""
    job, key, outcome = entry
    result = outcome if isinstance(outcome, DocResult) else _gathered(job, outcome)
    if key is not None:
        keep(job.settings, key, result)
    return result


def _gathered(job: Job, future) -> DocResult:
    try:
        return future.result()
    except PlanError:
        raise
    except Exception as err:  # noqa: BLE001 - a worker lost, a scheduler gone: one line
        raise PlanError(f"{job.source}: the dask cluster failed to build it "
                        f"({type(err).__name__}: {' '.join(str(err).split())[:200]})") from None


@lru_cache(maxsize=8)
def _worker_fingerprint(lexicons: tuple[str, ...], model: str | None) -> str:
    return fingerprint(lexicons, model)


def _build_checked(job: Job, data: bytes) -> DocResult:
    """On a worker: ``build_document``, unless the worker's plankg (code, data, user lexicons)
    differs from the client's, which would give other graphs than a local build."""
    expected = job.settings.fingerprint
    theirs = _worker_fingerprint(tuple(job.settings.lexicons), job.settings.model)
    if expected and theirs != expected:
        raise PlanError(f"a dask worker runs another plankg build or sees other --lexicon files "
                        f"(fingerprint {theirs}, here {expected}): install the same plankg on the workers")
    return build_document(job, data)
