"""One document of a corpus build: ``process`` turns it into its result — its plan's named
graph serialised (sorted N-Quads lines, and/or one TriG block), the ``EntityRow``s it
contributes to the shared entity graph, and a summary. It runs in worker processes (or on a
dask cluster: ``cluster.py``). Results are cached on disk (``ResultCache``) under a key of
the document's bytes, its path, the build options and a fingerprint of plankg's build code
and data.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ...errors import PlanError
from ..extraction import located_warnings

#: Bumped when the cached result's layout changes.
CACHE_LAYOUT = "plankg-corpus-1"


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
    """One document to build: its place in the input order, path, settings and plan slug."""

    index: int
    source: str
    settings: Settings
    slug: str | None = None  # the plan's slug when another plan already has its title's


def deliver(result: DocResult, again: Callable[[Job], DocResult]) -> Generator[DocResult, Job | None, None]:
    """Yield ``result``; a ``Job`` sent back (the document again, under another plan slug)
    is run by ``again`` and its result yielded in turn."""
    while True:
        job = yield result
        if job is None:
            return
        result = again(job)


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
    from ...extract.read import read_file

    try:
        data = read_file(job.source, job.settings.max_size)  # a regular file of at most max_size bytes
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


def _build(job: Job, data: bytes) -> DocResult:
    from ...extract import extract
    from ...extract.read import read_document
    from ...graph.build import IriScheme, document_dataset, plan_slug
    from ...graph.serialize import serialize

    settings = job.settings
    document = read_document(data, name=job.source)
    extraction = extract(document, lexicons=settings.lexicons, shipped_lexicon=settings.shipped_lexicon,
                         model=settings.model)
    slug = job.slug or plan_slug(extraction)
    dataset, rows = document_dataset(extraction, slug, settings.base)
    blobs = {fmt: serialize(dataset, fmt) for fmt in settings.formats}
    quads = quad_count(blobs, dataset)
    warnings = located_warnings(extraction)
    return DocResult(
        index=job.index, source=job.source, ok=True, chars=len(document.text), nbytes=len(data),
        title=document.metadata.title or document.source, plan_slug=slug,
        plan_iri=str(IriScheme(settings.base).plan(slug)),
        units=dict(Counter(u.kind for u in extraction.structure.units)),
        types=dict(Counter(e.type for e in extraction.entities.values())),
        entities=len(extraction.entities), mentions=len(extraction.mentions), quads=quads,
        warnings=warnings, rows=rows, blobs=blobs)


def quad_count(blobs: dict[str, bytes], dataset) -> int:
    """The quads of ``dataset`` serialised as ``blobs``: the N-Quads' lines when there are
    N-Quads, else the statements counted."""
    return blobs["nquads"].count(b"\n") if "nquads" in blobs else len(dataset)


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
        """Remove the older caches beside this one but the most recent (``caching.prune_older``)."""
        from ...caching import prune_older

        try:
            others = [p for p in self.directory.parent.iterdir() if p.is_dir() and p != self.directory]
        except OSError:
            return
        prune_older(others)


def corpus_cache_dir(fingerprint: str) -> Path:
    """The per-document cache directory of builds with fingerprint ``fingerprint``."""
    from ...caching import cache_dir

    return cache_dir() / "corpus" / fingerprint


def build_settings(base: str, lexicons: Sequence[str] = (), shipped_lexicon: bool = True, cache: bool = True,
                   max_size: int | None = None, model: str | None = None) -> Settings:
    """The settings of a corpus build with these options: the fingerprint of plankg's build
    code, the lexicons and the model, and (``cache``) the per-document cache directory it keys."""
    key = fingerprint(lexicons, model)
    return Settings(base=base, lexicons=tuple(lexicons), shipped_lexicon=shipped_lexicon,
                    cache_dir=str(corpus_cache_dir(key)) if cache else None, fingerprint=key,
                    max_size=max_size, model=model)


def fingerprint(lexicons: Sequence[str], model: str | None = None) -> str:
    """plankg's build fingerprint (version, libraries, the code and data of build/, extract/,
    graph/ and ontology/: ``plankg.caching.build_key``), the bytes of the user lexicons and those
    of the files of a learned model's folder."""
    from ...caching import build_key

    digest = hashlib.sha256(build_key().encode())
    if model is not None:
        from ...extract.learned import model_path

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
