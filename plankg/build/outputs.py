"""The graphs of a few extractions written to output files (``plankg build`` of one plan or a
few files), what the folder records about them (``plankg.current``) and the network page
beside plankg-out/'s default output. A corpus streams its output instead (``corpus``).

Every file is serialised before the first one is written, so a failure writes nothing.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..current import OUT_DIR
from .extraction import Progress

if TYPE_CHECKING:
    from ..extract.link import Extraction

class PlanGraphs:
    """The graph of ``extractions`` as each output format needs it, each built once: one graph,
    or a dataset (a named graph per plan) for several plans or a quads format."""

    def __init__(self, extractions: Sequence[Extraction], base: str):
        self.extractions = list(extractions)
        self.base = base
        self.graphs: dict[bool, object] = {}

    def graph_for(self, fmt: str):
        """The ``TripleBuffer`` (or quads) that format ``fmt`` is written from."""
        from ..graph.build import build_quads, build_triples

        as_dataset = len(self.extractions) > 1 or fmt in ("trig", "nquads")
        if as_dataset not in self.graphs:
            self.graphs[as_dataset] = (build_quads(self.extractions, self.base) if as_dataset
                                       else build_triples(self.extractions[0], self.base))
        return self.graphs[as_dataset]


def write_graphs(extractions: Sequence[Extraction], outputs: Sequence[Path], formats: Sequence[str], base: str,
                 progress: Progress | None = None) -> PlanGraphs:
    """Build the graph of ``extractions`` and write it to every output (``-``: standard output)
    in its format; every graph is built and every format checked before the first is written,
    and Turtle and N-Triples are written as they are serialised (a long document's are large)."""
    from ..graph.serialize import serialize_parts, write_output

    progress = progress or Progress()
    graphs = PlanGraphs(extractions, base)
    progress.show("building the graph")
    for fmt in formats:
        graphs.graph_for(fmt)
    progress.show("writing")
    data = [serialize_parts(graphs.graph_for(fmt), fmt) for fmt in formats]
    for output, payload in zip(outputs, data, strict=True):
        write_output(output, payload)
    return graphs


def record_build(outputs: Sequence[Path]) -> None:
    """Remember the first graph file the build wrote as this folder's current graph."""
    from ..current import record_build as record

    files = [Path(output) for output in outputs if str(output) != "-"]
    if files:
        record(files[0])


def network_page_after_build(outputs: Sequence[Path], graph: Callable[[], object],
                             warn: Callable[[str], None]) -> Path | None:
    """A build writing into plankg-out/ also writes plankg-out/network.html (``graph()``: the
    rdflib graph, made only then); the page written, or None. The graph is already written: a
    page that cannot be made only warns."""
    from ..current import CurrentGraph, Origin, record_made

    written = [Path(output) for output in outputs if Path(output).parent == OUT_DIR]  # plankg build's default folder
    if not written:
        return None
    target = OUT_DIR / "network.html"
    try:
        from ..graph.render import write_page

        write_page(graph(), target)
    except Exception as err:  # noqa: BLE001 - the page is extra; the graph must not be lost over it
        warn(f"{target}: network page not written ({' '.join(str(err).split()) or type(err).__name__})")
        return None
    record_made(target, CurrentGraph(written[0], Origin.GIVEN))
    return target


def documents_graph(paths: Sequence[str], lexicons: tuple[str, ...] = (), shipped_lexicon: bool = True):
    """Document files built together in memory (one dataset, read as the union of its graphs,
    under the default base) and the IRI of each one's plan, in order (``plankg diff``)."""
    from rdflib import Graph

    from ..graph.build import IriScheme, build_quads, plan_slugs
    from ..ontology import DEFAULT_BASE
    from .extraction import extract_documents

    extractions = extract_documents(paths, lexicons, shipped_lexicon)
    slugs = plan_slugs(extractions)
    graph = build_quads(extractions, DEFAULT_BASE, slugs).to_rdflib(Graph())  # the union of its graphs
    return graph, [IriScheme(DEFAULT_BASE).plan(slug) for slug in slugs]
