"""Corpus builds: a folder of plans (or many files) streamed into one dataset.

The stages still run one way — read → structure → extract → link → graph — once per
document, and this module orchestrates them over many documents:

1. ``walk`` lists the documents: files given by name, and every ``.txt .md .html .htm .docx
   .pdf`` file under a folder, recursively, in sorted order; a directory reached twice (a
   symlink loop, a second link to it) is walked once, and so is a file; hidden entries
   (``.git``) and Word's lock files (``~$…``) are left out; other files are counted, not read.
2. ``process`` turns one document into its result: its plan's named graph, serialised with
   rdflib (sorted N-Quads lines, and/or one TriG block), the ``EntityRow``s it contributes to
   the shared entity graph, and a summary. It runs in worker processes (``jobs``); results
   come back in input order, so the output does not depend on the number of workers.
   Results are cached on disk (``ResultCache``) under a key of the document's bytes, its
   path, the build options and a fingerprint of plankg's build code and data.
3. ``CorpusWriter`` appends each document's block to the outputs as it arrives (N-Quads,
   optionally in shards of about ``shard_size`` quads, and TriG) and merges its rows into an
   ``EntityTable``; the entity graph is written last. Memory holds the entity table and a
   few documents in flight, never the graph. Files appear whole or not at all.

Other formats (Turtle, N-Triples, JSON-LD) hold the whole graph in one piece: for them the
N-Quads are spooled to a temporary file and loaded into rdflib at the end — fine for tens of
documents, not for thousands (use ``.nq`` and a triple store's bulk loader).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
import resource
import shutil
import sys
import tempfile
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Generator, Sequence

from ..extract.model import PlanError
from ..lifetime import PartFile, part_pattern, sweep_parts, watch_parent, worker_signals
from .serialize import format_for, mode_for, sweep_stale_parts

#: Extensions of the documents a folder walk reads (case-insensitive).
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
#: Formats written document by document, as the documents come.
STREAMED = ("nquads", "trig")
#: Bumped when the cached result's layout changes.
CACHE_LAYOUT = "plankg-corpus-1"
KEEP_OLD_CACHES = 2


# ----------------------------------------------------------------------------- walking


@dataclass(frozen=True)
class Source:
    """One document to build: its path as it will be shown and recorded (``dcterms:source``),
    and whether it was named on the command line (``explicit``) or found in a folder."""

    path: str
    explicit: bool


@dataclass
class Walk:
    sources: list[Source] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # entries skipped, one line each
    ignored: Counter[str] = field(default_factory=Counter)  # extension -> files not read


def walk(inputs: Sequence[str]) -> Walk:
    """The documents of ``inputs`` (files and folders), in a stable order.

    A named file is taken as it is (reading it may fail later). A folder is walked
    recursively in sorted order of names, following symbolic links to directories but never
    entering a directory (device, inode) twice, so a symlink loop ends the branch with a
    warning. Files are deduplicated the same way; broken links and unlistable directories
    give a warning each.
    """
    result = Walk()
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: dict[tuple[int, int], str] = {}
    for name in inputs:
        if os.path.isdir(name):
            try:
                st = os.stat(name)
            except OSError as err:
                result.warnings.append(f"{name}: cannot read the folder ({err.strerror or err}); skipped")
                continue
            if (st.st_dev, st.st_ino) in seen_dirs:
                continue
            seen_dirs.add((st.st_dev, st.st_ino))
            _walk_dir(name, result, seen_dirs, seen_files)
        else:
            result.sources.append(Source(name, explicit=True))
    return result


def _walk_dir(directory: str, result: Walk, seen_dirs: set[tuple[int, int]],
              seen_files: dict[tuple[int, int], str]) -> None:
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as err:
        result.warnings.append(f"{directory}: cannot list the folder ({err.strerror or err}); skipped")
        return
    for entry in entries:
        if entry.name.startswith((".", "~$")):  # hidden entries, Word's lock files
            continue
        path = os.path.join(directory, entry.name)
        try:
            st = os.stat(path)  # follows links
        except OSError as err:
            if entry.is_symlink():
                result.warnings.append(f"{path}: broken symbolic link; skipped")
            else:
                result.warnings.append(f"{path}: cannot read ({err.strerror or err}); skipped")
            continue
        key = (st.st_dev, st.st_ino)
        if entry.is_dir(follow_symlinks=True):
            if key in seen_dirs:
                if entry.is_symlink():
                    result.warnings.append(f"{path}: symbolic link to a folder already walked "
                                           f"(a loop?); skipped")
                continue
            seen_dirs.add(key)
            _walk_dir(path, result, seen_dirs, seen_files)
        elif entry.is_file(follow_symlinks=True):
            suffix = os.path.splitext(entry.name)[1].lower()
            if suffix not in SUPPORTED_SUFFIXES:
                result.ignored[suffix or "(none)"] += 1
                continue
            if key in seen_files:
                result.warnings.append(f"{path}: the same file as {seen_files[key]}; skipped")
                continue
            seen_files[key] = path
            result.sources.append(Source(path, explicit=False))


# ----------------------------------------------------------------------------- one document


@dataclass(frozen=True)
class Settings:
    """Everything besides a document's bytes and path that its result depends on."""

    base: str
    lexicons: tuple[str, ...] = ()
    shipped_lexicon: bool = True
    formats: tuple[str, ...] = ("nquads",)  # of STREAMED
    cache_dir: str | None = None  # None: no cache
    fingerprint: str = ""  # plankg's build code and data, user lexicons
    max_size: int | None = None  # the largest file read (bytes); None: read.DEFAULT_MAX_SIZE
    model: str | None = None  # a learned recogniser (plankg build --model); its bytes are in the fingerprint

    def key(self, source: str, data: bytes, slug: str | None) -> str:
        digest = hashlib.sha256()
        for part in (CACHE_LAYOUT, self.fingerprint, self.base, str(self.shipped_lexicon), slug or "",
                     source):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()


@dataclass
class DocResult:
    """One document's outcome; ``blobs`` (format -> bytes) hold its named graph when it built."""

    index: int
    source: str
    ok: bool
    error: str | None = None
    cached: bool = False
    chars: int = 0  # characters of clean text
    nbytes: int = 0  # bytes of the file
    title: str | None = None
    plan_slug: str | None = None
    plan_iri: str | None = None
    units: dict[str, int] = field(default_factory=dict)  # unit kind -> count
    types: dict[str, int] = field(default_factory=dict)  # entity type -> count
    entities: int = 0
    mentions: int = 0
    quads: int = 0
    warnings: list[str] = field(default_factory=list)
    rows: list = field(default_factory=list)  # EntityRow
    blobs: dict[str, bytes] = field(default_factory=dict)

    @property
    def tasks(self) -> int:
        return self.units.get("task", 0)

    def without_blobs(self) -> DocResult:
        return replace(self, blobs={}, rows=[])


@dataclass(frozen=True)
class Job:
    index: int
    source: str
    settings: Settings
    slug: str | None = None  # the plan's slug when another plan already has its title's


def process(job: Job) -> DocResult:
    """Read, extract and serialise one document (or take it from the cache); never raises
    for a bad document: the result says what went wrong."""
    found = look_up(job)
    if isinstance(found, DocResult):
        return found
    data, key = found
    result = build_document(job, data)
    keep(job.settings, key, result)
    return result


def look_up(job: Job) -> DocResult | tuple[bytes, str]:
    """The document's bytes and cache key; or its result, when it cannot be read or the
    per-document cache has it."""
    try:
        data = _read_bytes(job.source, job.settings.max_size)
    except PlanError as err:
        return DocResult(job.index, job.source, ok=False, error=str(err))
    settings = job.settings
    key = settings.key(job.source, data, job.slug)
    if settings.cache_dir:
        hit = ResultCache(settings.cache_dir).get(key)
        if hit is not None and all(fmt in hit.blobs for fmt in settings.formats):
            hit.index, hit.cached = job.index, True
            return hit
    return data, key


def build_document(job: Job, data: bytes) -> DocResult:
    """Extract and serialise one document from its bytes (no cache); never raises for a bad
    document: the result says what went wrong."""
    try:
        return _build(job, data)
    except PlanError as err:
        return DocResult(job.index, job.source, ok=False, error=str(err), nbytes=len(data))
    except Exception as err:  # noqa: BLE001 - one document's bug must not stop the others
        message = " ".join(str(err).split())[:300]
        return DocResult(job.index, job.source, ok=False, nbytes=len(data),
                         error=f"{job.source}: internal error ({type(err).__name__}: {message})")


def keep(settings: Settings, key: str, result: DocResult) -> None:
    """Put a document's result into the per-document cache (when there is one and it built)."""
    if settings.cache_dir and result.ok:
        ResultCache(settings.cache_dir).put(key, result)


def _read_bytes(path: str, max_size: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``max_size`` bytes (the reader's own check)."""
    from ..extract.read import read_file

    return read_file(path, max_size)


def _build(job: Job, data: bytes) -> DocResult:
    from ..extract import extract
    from ..extract.read import read_document
    from .build import IriScheme, document_dataset, plan_slug
    from .serialize import serialize

    settings = job.settings
    document = read_document(data, name=job.source)
    extraction = extract(document, lexicons=settings.lexicons, shipped_lexicon=settings.shipped_lexicon,
                         model=settings.model)
    slug = job.slug or plan_slug(extraction)
    dataset, rows = document_dataset(extraction, slug, settings.base)
    blobs = {fmt: serialize(dataset, fmt) for fmt in settings.formats}
    quads = blobs["nquads"].count(b"\n") if "nquads" in blobs else len(dataset)
    source = extraction.document.source
    warnings = [w if w.startswith(source) else f"{source}: {w}" for w in extraction.warnings]
    return DocResult(
        index=job.index, source=job.source, ok=True, chars=len(document.text), nbytes=len(data),
        title=document.metadata.title or document.source, plan_slug=slug,
        plan_iri=str(IriScheme(settings.base).plan(slug)),
        units=dict(Counter(u.kind for u in extraction.structure.units)),
        types=dict(Counter(e.type for e in extraction.entities.values())),
        entities=len(extraction.entities), mentions=len(extraction.mentions), quads=quads,
        warnings=warnings, rows=rows, blobs=blobs)


# ----------------------------------------------------------------------------- the cache


class ResultCache:
    """Per-document results on disk: ``DIR/<key[:2]>/<key>.pkl.z`` (a zlib-compressed pickle).

    ``DIR`` is ``corpus/<fingerprint>`` under plankg's cache directory; a new fingerprint (any
    change to plankg's build code or data, its version or a user lexicon) starts a new
    directory, and ``prune`` removes all but the two most recent older ones. Entries are
    written atomically, so concurrent workers and concurrent builds never see half a file.
    """

    def __init__(self, directory: str | os.PathLike):
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pkl.z"

    def get(self, key: str) -> DocResult | None:
        try:
            payload = self._path(key).read_bytes()
            result = pickle.loads(zlib.decompress(payload))
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError, ValueError):
            return None
        return result if isinstance(result, DocResult) else None

    def put(self, key: str, result: DocResult) -> None:
        """Store ``result``; a cache that cannot be written only makes the next build slower."""
        path = self._path(key)
        payload = zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{key[:8]}.", suffix=".part", dir=path.parent)
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(payload)
            os.replace(temporary, path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)

    def prune(self) -> None:
        parent = self.directory.parent
        try:
            others = [(p.stat().st_mtime, p) for p in parent.iterdir() if p.is_dir() and p != self.directory]
        except OSError:
            return
        for _mtime, old in sorted(others, reverse=True)[KEEP_OLD_CACHES:]:
            shutil.rmtree(old, ignore_errors=True)


def corpus_cache_dir(fingerprint: str) -> Path:
    from ..caching import cache_dir

    return cache_dir() / "corpus" / fingerprint


def fingerprint(lexicons: Sequence[str], model: str | None = None) -> str:
    """plankg's build fingerprint (version, libraries, the code and data of extract/, graph/
    and ontology/: ``plankg.caching.build_key``), the bytes of the user lexicons and those
    of the files of a learned model's folder."""
    from ..caching import build_key

    digest = hashlib.sha256(build_key().encode())
    if model is not None:
        from ..extract.learned import model_path

        folder = model_path(model)
        digest.update(f"model:{model}".encode("utf-8", "surrogateescape") + b"\0")
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(os.fsencode(file.relative_to(folder)) + b"\0" + hashlib.sha256(file.read_bytes()).digest())
    for path in lexicons:
        digest.update(os.fsencode(path) + b"\0")
        try:
            digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
        except OSError:
            digest.update(b"-")
    return digest.hexdigest()[:24]


# ----------------------------------------------------------------------------- writing


class _Part:
    """A file being written beside its final path, renamed into place on commit."""

    def __init__(self, path: Path):
        self.path = path
        if path.is_dir():
            raise PlanError(f"{path}: is a directory; give a file name such as {path / 'graph.nq'}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.part = PartFile(path)  # locked while this run lives: see plankg/lifetime.py
        except OSError as err:
            raise PlanError(f"{path}: cannot write the file ({err.strerror or err})") from None
        self.temporary = self.part.path
        self.handle = self.part.handle
        self.size = 0

    def write(self, data: bytes) -> None:
        try:
            self.handle.write(data)
        except OSError as err:
            raise PlanError(f"{self.path}: cannot write the file ({err.strerror or err})") from None
        self.size += len(data)

    def close(self) -> None:
        if not self.handle.closed:
            self.handle.close()

    def commit(self) -> None:
        try:
            self.handle.flush()
            os.chmod(self.temporary, mode_for(self.path))
            os.replace(self.temporary, self.path)  # still locked: no sweep can take it meanwhile
        except OSError as err:
            raise PlanError(f"{self.path}: cannot write the file ({err.strerror or err})") from None
        finally:
            self.close()

    def discard(self) -> None:
        self.close()
        Path(self.temporary).unlink(missing_ok=True)


def shard_path(path: Path, number: int) -> Path:
    """``corpus.nq`` → ``corpus-00001.nq``: the shards of a sharded N-Quads output."""
    return path.with_name(f"{path.stem}-{number:05d}{path.suffix}")


#: The N-Quads of the whole-graph outputs wait here (``.plankg-spool.nq.XXXXXXXX.part``).
SPOOL_NAME = "plankg-spool.nq"


def sweep_stale_spools() -> None:
    """Remove the spools killed builds left in the temp folder (running builds' are locked)."""
    sweep_parts(tempfile.gettempdir(), part_pattern(SPOOL_NAME))


class CorpusWriter:
    """Appends each document's block to every output as it comes; the entity graph last."""

    def __init__(self, outputs: Sequence[Path], base: str, shard_size: int | None = None):
        from .build import EntityTable

        self.base = base
        self.shard_size = shard_size
        self.table = EntityTable()
        self.outputs = list(outputs)
        self.formats = [format_for(path) for path in self.outputs]
        self.parts: list[tuple[str, Path, _Part | None]] = []  # (format, path, open part)
        self.shards: dict[Path, list[_Part]] = {}
        self.shard_quads: dict[Path, int] = {}
        self.spool: _Part | None = None
        self.written: list[Path] = []
        self.quads = 0
        try:
            for path, fmt in zip(self.outputs, self.formats):
                if fmt == "nquads" and shard_size:
                    self.shards[path] = []
                elif fmt in STREAMED:
                    self.parts.append((fmt, path, _Part(path)))
            if any(fmt not in STREAMED for fmt in self.formats):
                self.spool = _Part(Path(tempfile.gettempdir()) / SPOOL_NAME)  # one temporary file, no stub
        except BaseException:
            self.abort()
            raise

    @property
    def needs(self) -> tuple[str, ...]:
        """The per-document formats the outputs need."""
        needed = {fmt if fmt in STREAMED else "nquads" for fmt in self.formats}
        return tuple(fmt for fmt in STREAMED if fmt in needed)

    def add(self, result: DocResult) -> None:
        self.table.add(result.rows)
        self.quads += result.quads
        self._write(result.blobs, result.quads)

    def _write(self, blobs: dict[str, bytes], quads: int) -> None:
        for fmt, _path, part in self.parts:
            assert part is not None
            if fmt == "trig" and part.size:
                part.write(b"\n")
            part.write(blobs[fmt])
        for path, shards in self.shards.items():
            if not shards or self.shard_quads[path] >= (self.shard_size or 0):
                shards.append(_Part(shard_path(path, len(shards) + 1)))
                self.shard_quads[path] = 0
            shards[-1].write(blobs["nquads"])
            self.shard_quads[path] += quads
        if self.spool is not None:
            self.spool.write(blobs["nquads"])

    def finish(self) -> list[Path]:
        """Write the entity graph, the whole-graph formats, and move every file into place."""
        from .build import entity_datasets, spooled_dataset
        from .serialize import serialize, write_atomic

        try:
            for entities in entity_datasets(self.table, self.base):
                blobs = {fmt: serialize(entities, fmt) for fmt in self.needs}
                quads = blobs["nquads"].count(b"\n") if "nquads" in blobs else len(entities)
                self.quads += quads
                self._write(blobs, quads)
            whole: dict[str, bytes] = {}
            if self.spool is not None:
                self.spool.close()
                dataset = spooled_dataset(self.spool.temporary)
                for fmt in self.formats:
                    if fmt not in STREAMED and fmt not in whole:
                        whole[fmt] = serialize(dataset, fmt)
                del dataset
            parts = {path: part for _fmt, path, part in self.parts}
            for path, fmt in zip(self.outputs, self.formats):  # in the order given
                if fmt in whole:
                    write_atomic(path, whole[fmt])
                    self.written.append(path)
                elif path in self.shards:
                    for shard in self.shards[path]:
                        shard.commit()
                        self.written.append(shard.path)
                    _remove_stale_shards(path, len(self.shards[path]))
                elif path in parts:
                    parts[path].commit()  # type: ignore[union-attr]
                    self.written.append(path)
            return self.written
        finally:
            self.abort()

    def abort(self) -> None:
        """Remove every temporary file (committed ones are already renamed)."""
        for _fmt, _path, part in self.parts:
            if part is not None:
                part.discard()
        for shards in self.shards.values():
            for shard in shards:
                shard.discard()
        if self.spool is not None:
            self.spool.discard()


def _remove_stale_shards(path: Path, count: int) -> None:
    """Shards of an earlier, longer build of the same output would join a bulk load of ``*.nq``."""
    pattern = re.compile(rf"^{re.escape(path.stem)}-(\d{{5}}){re.escape(path.suffix)}$")
    for old in path.parent.iterdir():
        match = pattern.match(old.name)
        if match and int(match.group(1)) > count:
            old.unlink(missing_ok=True)


# ----------------------------------------------------------------------------- the run


@dataclass
class CorpusReport:
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
    ``executor``: ``dask://HOST:PORT`` extracts on that dask cluster (``plankg.graph.cluster``),
    four documents in flight per job; None: in ``jobs`` local processes.

    A document that fails is skipped when it was found in a folder (or ``keep_going``); a
    named file that fails stops the build with its PlanError and nothing is written. When
    no document builds at all, PlanError too.
    """
    if not sources:
        raise PlanError("no documents to build")
    start = time.perf_counter()
    sweep_stale_parts(outputs)
    sweep_stale_spools()
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
                    from .build import claim_plan_slug

                    slug = claim_plan_slug(result.plan_slug, set(taken))  # type: ignore[arg-type]
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
            yield from _deliver(process(job), process)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    window = jobs * 4
    with ProcessPoolExecutor(max_workers=min(jobs, len(sources)), mp_context=context,
                             initializer=_start_worker, initargs=(os.getpid(),)) as pool:
        pending: list = []

        def again(job: Job) -> DocResult:
            return _take([(job.source, pool.submit(process, job))])

        try:
            for job in work:
                pending.append((job.source, pool.submit(process, job)))
                if len(pending) >= window:
                    yield from _deliver(_take(pending), again)
            while pending:
                yield from _deliver(_take(pending), again)
        finally:
            for _source, future in pending:
                future.cancel()
            if pending:  # leaving early (a named file failed, Ctrl-C, SIGTERM): do not wait for them
                _stop_workers(pool)


def _start_worker(parent: int) -> None:
    """In each worker process: die with the build (even when it is killed), leave Ctrl-C to it."""
    worker_signals()
    watch_parent(parent)


def _stop_workers(pool) -> None:
    """End the pool's worker processes now, abandoning the documents they hold."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def _deliver(result: DocResult, again: Callable[[Job], DocResult]) -> Generator[DocResult, Job | None, None]:
    while True:
        job = yield result
        if job is None:
            return
        result = again(job)


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


# ----------------------------------------------------------------------------- reporting


def summary_table(report: CorpusReport, width: Callable[[str], int] | None = None) -> str:
    """The per-document table printed at the end of a corpus build."""
    if width is None:
        from wcwidth import wcswidth

        def width(text: str) -> int:
            w = wcswidth(text)
            return w if w >= 0 else len(text)
    rows = [("#", "document", "tasks", "entities", "mentions", "warnings", "status")]
    for r in report.results:
        status = ("cached" if r.cached else "built") if r.ok else "FAILED"
        rows.append((str(r.index + 1), _cut(r.source, 48, width), str(r.tasks) if r.ok else "-",
                     str(r.entities) if r.ok else "-", str(r.mentions) if r.ok else "-",
                     str(len(r.warnings)) if r.ok else "-", status))
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - width(cell))
            cells.append(cell + pad if i in (1, 6) else pad + cell)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _cut(text: str, limit: int, width: Callable[[str], int]) -> str:
    if width(text) <= limit:
        return text
    while width("…" + text) > limit:
        text = text[1:]
    return "…" + text


def totals_line(report: CorpusReport) -> str:
    built, failed = report.built, report.failed
    chars = sum(r.chars for r in built)
    seconds = max(report.seconds, 1e-9)
    own, workers = report.peak_rss
    return (f"{len(report.results)} documents: {len(built)} built ({report.cached} from cache), "
            f"{len(failed)} failed, {sum(len(r.warnings) for r in built)} warnings; "
            f"{report.quads:,} quads, {report.entities:,} shared entities; "
            f"{chars:,} characters in {report.seconds:.1f} s ({len(report.results) / seconds:.1f} documents/s, "
            f"{chars / seconds:,.0f} chars/s); peak memory {own / 2**20:.0f} MB"
            + (f" (largest worker {workers / 2**20:.0f} MB)" if report.jobs > 1 and workers else ""))


def ignored_note(walk_report: Walk) -> str | None:
    if not walk_report.ignored:
        return None
    kinds = ", ".join(f"{ext} ×{n}" if n > 1 else ext for ext, n in sorted(walk_report.ignored.items()))
    total = sum(walk_report.ignored.values())
    return f"{total} file{'s' if total != 1 else ''} of other types not read ({kinds})"


__all__ = ["SUPPORTED_SUFFIXES", "CorpusReport", "CorpusWriter", "DocResult", "Job", "ResultCache", "Settings",
           "Source", "Walk", "build_corpus", "corpus_cache_dir", "fingerprint", "process", "shard_path",
           "summary_table", "totals_line", "walk"]
