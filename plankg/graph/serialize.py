"""Writing graphs: the format follows the file extension (or ``--format``); files appear whole or
not at all, and so does standard output (``-``): its bytes are written once the graph is complete."""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

from rdflib import Dataset, Graph

from ..extract.model import PlanError
from ..lifetime import PartFile
from .lexical import WRITERS
from .triples import TripleBuffer

#: file extension -> rdflib serializer name
FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
    ".rdf": "xml",
    ".owl": "xml",
}
#: rdflib serializer name -> the extension written for it
EXTENSIONS = {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld", "trig": ".trig", "nquads": ".nq", "xml": ".rdf"}
#: what ``--format`` accepts (extensions without the dot)
FORMAT_NAMES = tuple(ext[1:] for ext in EXTENSIONS.values())
_QUADS = {"trig", "nquads"}
_LINE_BASED = {"nt", "nquads"}
_TRIPLES = {"turtle", "nt"}


def format_for(path: str | Path, role: str = "output") -> str:
    """The rdflib format name for ``path``'s extension (``role`` words the error: output or graph)."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise PlanError(f"{path}: unknown {role} format {suffix or '(no extension)'}; "
                        f"use one of {', '.join(sorted(FORMATS))}")
    return FORMATS[suffix]


def output_format(path: str | Path, name: str | None = None) -> str:
    """The rdflib format of an output: ``name`` (one of ``FORMAT_NAMES``) when given, which must
    agree with a known extension of ``path``; else ``path``'s extension; Turtle for ``-``
    (standard output) without ``name``."""
    if name is None:
        return "turtle" if str(path) == "-" else format_for(path)
    fmt = FORMATS[f".{name}"]
    said = FORMATS.get(Path(path).suffix.lower()) if str(path) != "-" else None
    if said not in (None, fmt):
        raise PlanError(f"{path}: the extension says {said}, but --format says {name}")
    return fmt


def serialize(graph: Graph | TripleBuffer, fmt: str) -> bytes:
    """The graph in ``fmt``, deterministic. A ``TripleBuffer`` (what plankg's builders make)
    is written by pyoxigraph, sorted (``plankg.graph.triples``), except JSON-LD; an rdflib
    graph by rdflib's writers: line-based formats sorted, Turtle and TriG by rdflib's sorted
    writers; JSON-LD has its keys and unordered arrays sorted; RDF/XML (``xml``) is the sorted
    N-Triples written again by pyoxigraph, one rdf:Description per subject."""
    if fmt == "xml":
        return _rdf_xml(graph)
    if isinstance(graph, TripleBuffer):
        if fmt in _QUADS and not graph.is_dataset:
            raise PlanError(f"format {fmt} needs several plans (a dataset); use .ttl for one plan")
        if fmt != "json-ld":
            return graph.serialize(fmt)
        graph = graph.to_rdflib()
    if fmt in _QUADS and not isinstance(graph, Dataset):
        raise PlanError(f"format {fmt} needs several plans (a dataset); use .ttl for one plan")
    if fmt in _TRIPLES and isinstance(graph, Dataset):
        # a triples format holds one graph: write the union of the plans' graphs
        # (rdflib's Turtle writer would write only the empty default graph)
        graph = union_graph(graph)
    if fmt == "json-ld":
        # rdflib's JSON-LD writer lists nodes in the order of a set of subjects (and
        # named graphs in store order), which changes with PYTHONHASHSEED; node and
        # value arrays are unordered in JSON-LD (except @list), so sort them.
        text = graph.serialize(format="json-ld", ensure_ascii=False)
        tree = _sorted_jsonld(json.loads(text))
        return json.dumps(tree, sort_keys=True, indent=1, ensure_ascii=False).encode("utf-8")
    data = graph.serialize(format=WRITERS.get(fmt, fmt), encoding="utf-8")  # keeps lexical forms
    if fmt in _LINE_BASED:
        lines = sorted(set(data.splitlines(keepends=True)))
        data = b"".join(line for line in lines if line.strip())
    return data


def serialize_parts(graph: Graph | TripleBuffer, fmt: str) -> Iterator[bytes]:
    """``serialize(graph, fmt)`` in consecutive pieces: a ``TripleBuffer`` in Turtle or
    N-Triples is written a chunk of statements at a time (``write_output`` takes the pieces as
    they come, so a long document's file is never held whole); the format is checked at once."""
    if isinstance(graph, TripleBuffer) and fmt in _TRIPLES:
        return graph.serialize_parts(fmt)
    return iter((serialize(graph, fmt),))


def _rdf_xml(graph: Graph | TripleBuffer) -> bytes:
    """RDF/XML of the graph (a dataset's graphs merged, as for the other triples formats):
    its sorted N-Triples, every term as written, parsed and written again by pyoxigraph."""
    import pyoxigraph as ox

    lines = serialize(graph, "nt")
    prefixes = dict(graph.prefixes) if isinstance(graph, TripleBuffer) else \
        {prefix: str(namespace) for prefix, namespace in graph.namespaces()}
    statements = ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)
    # bytes: with no output file pyoxigraph returns them (its stubs say bytes | None)
    return cast(bytes, ox.serialize(statements, format=ox.RdfFormat.RDF_XML,
                                    prefixes={p: n for p, n in prefixes.items() if p}))


def union_graph(dataset: Dataset) -> Graph:
    """All triples of a dataset's graphs in one Graph, with the dataset's prefixes."""
    union = Graph()
    for prefix, namespace in dataset.namespaces():
        union.bind(prefix, namespace, override=True)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _sorted_jsonld(node, in_list: bool = False):
    """A JSON-LD tree with every unordered array sorted (arrays under @list keep their order)."""
    if isinstance(node, dict):
        return {key: _sorted_jsonld(value, key == "@list") for key, value in node.items()}
    if isinstance(node, list):
        items = [_sorted_jsonld(item) for item in node]
        if in_list:
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return node


def write_atomic(path: str | Path, data: bytes | Iterable[bytes]) -> None:
    """Write to a temporary file beside ``path`` (``.NAME.XXXXXXXX.part``, locked while this
    process lives, so a later run can tell a killed run's leftovers: ``sweep_stale_outputs``)
    and rename it into place."""
    path = Path(path)
    if path.is_dir():
        raise PlanError(f"{path}: is a directory; give a file name such as {path / 'graph.ttl'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = PartFile(path)
    except OSError as err:
        raise PlanError(f"{path}: cannot write the file ({err.strerror or err})") from None
    try:
        for piece in (data,) if isinstance(data, bytes) else data:
            part.write(piece)
        part.handle.flush()
        # mkstemp makes the file private (0600): give it the mode an ordinary write would
        os.chmod(part.path, mode_for(path))
        os.replace(part.path, path)
    except OSError as err:
        part.discard()
        raise PlanError(f"{path}: cannot write the file ({err.strerror or err})") from None
    except BaseException:
        part.discard()
        raise
    part.close()


def mode_for(path: Path) -> int:
    """The existing file's permissions, else 0666 less the process umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_output(path: str | Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or pieces of them) whole: to standard output for ``-`` once it is
    complete, else atomically to the file ``path``."""
    if str(path) == "-":
        sys.stdout.buffer.write(data if isinstance(data, bytes) else b"".join(data))
        sys.stdout.buffer.flush()
    else:
        write_atomic(path, data)


def write_graph(graph: Graph, path: str | Path) -> None:
    write_atomic(path, serialize(graph, format_for(path)))
