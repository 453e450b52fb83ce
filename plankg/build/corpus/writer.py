"""Writing a corpus build: ``CorpusWriter`` appends each document's block to the outputs as it
arrives (N-Quads, optionally in shards of about ``shard_size`` quads, and TriG) and merges its
rows into an ``EntityTable``; the entity graph is written last. Memory holds the entity table
and a few documents in flight, never the graph. Files appear whole or not at all.

Other formats (Turtle, N-Triples, JSON-LD) hold the whole graph in one piece: for them the
N-Quads are spooled to a temporary file and read back at the end — fine for tens of
documents, not for thousands (use ``.nq`` and a triple store's bulk loader).
"""
from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from ...errors import PlanError
from ...graph.serialize import format_for, mode_for
from ...lifetime import PartFile, part_pattern, parts_named, sweep_parts
from .documents import DocResult, quad_count

#: Formats written document by document, as the documents come.
STREAMED = ("nquads", "trig")


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


def shard_pattern(path: Path, or_whole: bool = False) -> str:
    """The names of the shards of ``path`` (``shard_path``) as a regular expression, group 1 the
    shard's number; ``or_whole``: ``path``'s own name too."""
    return rf"{re.escape(path.stem)}(?:-(\d{{5}})){'?' if or_whole else ''}{re.escape(path.suffix)}"


def sweep_stale_outputs(outputs: Iterable[Path]) -> None:
    """Remove the temporary files that a killed run writing ``outputs`` left beside them and
    beside their shards (one look at each folder); those of runs still writing stay locked."""
    for path in (Path(output) for output in outputs if str(output) != "-"):
        sweep_parts(path.parent, parts_named(shard_pattern(path, or_whole=True)))


#: The N-Quads of the whole-graph outputs wait here (``.plankg-spool.nq.XXXXXXXX.part``).
SPOOL_NAME = "plankg-spool.nq"


def sweep_stale_spools() -> None:
    """Remove the spools killed builds left in the temp folder (running builds' are locked)."""
    sweep_parts(tempfile.gettempdir(), part_pattern(SPOOL_NAME))


class CorpusWriter:
    """Appends each document's block to every output as it comes; the entity graph last."""

    def __init__(self, outputs: Sequence[Path], base: str, shard_size: int | None = None):
        from ...graph.build import EntityTable

        self.base = base
        self.shard_size = shard_size
        self.table = EntityTable()
        self.outputs = list(outputs)
        self.formats = [format_for(path) for path in self.outputs]
        self.parts: list[tuple[str, Path, _Part]] = []  # (format, path, open part)
        self.shards: dict[Path, list[_Part]] = {}
        self.shard_quads: dict[Path, int] = {}
        self.spool: _Part | None = None
        self.written: list[Path] = []
        self.quads = 0
        try:
            for path, fmt in zip(self.outputs, self.formats, strict=True):
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
        from ...graph.build import entity_datasets, spooled_dataset
        from ...graph.serialize import serialize, write_atomic

        try:
            for entities in entity_datasets(self.table, self.base):
                blobs = {fmt: serialize(entities, fmt) for fmt in self.needs}
                quads = quad_count(blobs, entities)
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
            for path, fmt in zip(self.outputs, self.formats, strict=True):  # in the order given
                if fmt in whole:
                    write_atomic(path, whole[fmt])
                    self.written.append(path)
                elif path in self.shards:
                    for shard in self.shards[path]:
                        shard.commit()
                        self.written.append(shard.path)
                    _remove_stale_shards(path, len(self.shards[path]))
                elif path in parts:
                    parts[path].commit()
                    self.written.append(path)
            return self.written
        finally:
            self.abort()

    def abort(self) -> None:
        """Remove every temporary file (committed ones are already renamed)."""
        for _fmt, _path, part in self.parts:
            part.discard()
        for shards in self.shards.values():
            for shard in shards:
                shard.discard()
        if self.spool is not None:
            self.spool.discard()


def _remove_stale_shards(path: Path, count: int) -> None:
    """Shards of an earlier, longer build of the same output would join a bulk load of ``*.nq``."""
    pattern = re.compile(rf"^{shard_pattern(path)}$")
    for old in path.parent.iterdir():
        match = pattern.match(old.name)
        if match and int(match.group(1)) > count:
            old.unlink(missing_ok=True)
