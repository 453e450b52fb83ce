"""Writing graphs: the format follows the file extension; files appear whole or not at all."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from ..extract.model import PlanError

#: file extension -> rdflib serializer name
FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
}
_QUADS = {"trig", "nquads"}
_LINE_BASED = {"nt", "nquads"}


def format_for(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise PlanError(f"{path}: unknown output format {suffix or '(no extension)'}; "
                        f"use one of {', '.join(sorted(FORMATS))}")
    return FORMATS[suffix]


def serialize(graph: Graph, fmt: str) -> bytes:
    """The graph in ``fmt``, deterministic: line-based formats are sorted, others rely on
    rdflib's sorted writers (Turtle, TriG) or on sorted keys (JSON-LD)."""
    if fmt in _QUADS and not isinstance(graph, Dataset):
        raise PlanError(f"format {fmt} needs several plans (a dataset); use .ttl for one plan")
    if fmt == "json-ld":
        data = graph.serialize(format="json-ld", sort_keys=True, indent=1, ensure_ascii=False)
        return data.encode("utf-8")
    data = graph.serialize(format=fmt, encoding="utf-8")
    if fmt in _LINE_BASED:
        lines = sorted(set(data.splitlines(keepends=True)))
        data = b"".join(line for line in lines if line.strip())
    return data


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    path = Path(path)
    if path.is_dir():
        raise PlanError(f"{path}: is a directory; give a file name such as {path / 'graph.ttl'}")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_graph(graph: Graph, path: str | Path) -> None:
    write_atomic(path, serialize(graph, format_for(path)))
