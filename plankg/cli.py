"""The ``plankg`` command line.

Every expected problem with the user's input ends as one line on stderr and
exit status 2; nothing is written unless the whole output is ready.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import click

from . import __version__
from .extract.model import ENTITY_TYPES, PlanError

DEFAULT_OUT = Path("plankg-out")


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"plankg, version {__version__}")
        ctx.exit()


class PlanCommandGroup(click.Group):
    """Turns PlanError into one line on stderr and exit status 2; gives every command --version."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not any("--version" in getattr(param, "opts", ()) for param in cmd.params):
            cmd.params.append(click.Option(["--version"], is_flag=True, expose_value=False, is_eager=True,
                                           callback=_print_version, help="Show the version and exit."))
        super().add_command(cmd, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PlanError as err:
            click.echo(f"plankg: error: {err}", err=True)
            sys.exit(2)


@click.group(cls=PlanCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plankg")
def main() -> None:
    """Turn Chinese government plans and policy documents into a knowledge graph."""


def _warn(message: str) -> None:
    click.echo(f"plankg: warning: {message}", err=True)


def _extract_all(inputs: tuple[str, ...], lexicons: tuple[str, ...], shipped_lexicon: bool):
    from .extract import extract, find_structure
    from .extract.lexicon import load_lexicon
    from .extract.read import read_bundled, read_document

    load_lexicon(lexicons)  # a malformed lexicon fails before any document is read
    documents = [read_document(path) for path in inputs] if inputs else [read_bundled()]
    for document in documents:
        find_structure(document)  # fails (PlanError) before spaCy is loaded
    return [extract(doc, lexicons=lexicons, shipped_lexicon=shipped_lexicon) for doc in documents]


def _summary(extraction) -> str:
    kinds = Counter(u.kind for u in extraction.structure.units)
    types = Counter(e.type for e in extraction.entities.values())
    structure = ", ".join(_count(kinds[k], k) for k in ("part", "section", "task", "column", "item", "goal",
                                                        "principle") if kinds[k])
    entities = ", ".join(f"{types[t]} {t}" for t in ENTITY_TYPES if types[t])
    title = extraction.document.metadata.title or extraction.document.source
    return (f"{title}: {structure}; {_count(len(extraction.entities), 'entity', 'entities')} "
            f"({entities or 'none'}), {_count(len(extraction.mentions), 'mention')}")


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=True, path_type=str))
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(path_type=Path),
              help="Output file; its extension picks the format (.ttl .nt .jsonld .trig .nq); may be "
                   "repeated to write several formats. Default: plankg-out/graph.ttl (graph.trig for "
                   "several inputs).")
@click.option("--base", default=None, metavar="IRI", help="Base IRI for plans, units and entities.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(path_type=str),
              help="An extra lexicon (TSV: id, type, name, aliases); may be repeated.")
@click.option("--no-shipped-lexicon", is_flag=True, help="Use only the discovery rules and --lexicon files.")
def build(inputs: tuple[str, ...], outputs: tuple[Path, ...], base: str | None, lexicons: tuple[str, ...],
          no_shipped_lexicon: bool) -> None:
    """Build the knowledge graph of INPUTS (default: the bundled Shanghai plan)."""
    from .graph.serialize import format_for, serialize, write_atomic

    # Check the options, then read every input, before the slow imports (spaCy, pyshacl).
    if base is not None:
        base = _checked_base(base)
    outputs = outputs or (DEFAULT_OUT / ("graph.trig" if len(inputs) > 1 else "graph.ttl"),)
    formats = [format_for(output) for output in outputs]
    extractions = _extract_all(inputs, lexicons, not no_shipped_lexicon)

    from .graph import build_dataset, build_graph
    from .ontology import DEFAULT_BASE

    base = base or DEFAULT_BASE
    graphs: dict[bool, object] = {}  # one graph, or a dataset (a named graph per plan)

    def graph_for(fmt: str):
        as_dataset = len(extractions) > 1 or fmt in ("trig", "nquads")
        if as_dataset not in graphs:
            graphs[as_dataset] = (build_dataset(extractions, base) if as_dataset
                                  else build_graph(extractions[0], base))
        return graphs[as_dataset]

    # every file is serialised before the first one is written
    data = [serialize(graph_for(fmt), fmt) for fmt in formats]
    for output, payload in zip(outputs, data):
        write_atomic(output, payload)
    for extraction in extractions:
        for warning in extraction.warnings:
            _warn(f"{extraction.document.source}: {warning}" if not warning.startswith(
                extraction.document.source) else warning)
        click.echo(_summary(extraction))
    for output in outputs:
        click.echo(f"wrote {output}")


# Characters never allowed in an IRI (RFC 3987): controls, space, <>"{}|\^`
_NOT_IN_IRI = re.compile(r'[\x00-\x20\x7f<>"{}|\\^`]')


def _checked_base(base: str) -> str:
    """An absolute http(s) IRI with a host, or a urn:, ending so that names can follow."""
    problem = _base_problem(base)
    if problem:
        raise PlanError(f"--base {base!r} {problem}")
    return base if base.endswith(("/", "#", ":")) else base + "/"


def _base_problem(base: str) -> str | None:
    if _NOT_IN_IRI.search(base):
        return "contains characters not allowed in an IRI (spaces, quotes, <>, {}, |, \\, ^ or `)"
    try:
        parts = urlsplit(base)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError as err:
        return f"is not a valid IRI ({err})"
    if parts.scheme not in ("http", "https", "urn"):
        return "must be an absolute http(s) or urn IRI, such as https://example.org/kg/"
    if parts.scheme != "urn" and not parts.hostname:
        return "has no host name"
    if parts.scheme == "urn" and not re.match(r"^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:", base):
        return "must look like urn:<namespace>:…"
    if "?" in base:
        return "must not contain a query (?…)"
    if "#" in base and not base.endswith("#"):
        return "may contain # only as its last character"
    return None


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
def validate(path: Path) -> None:
    """Check a written graph against plankg's SHACL shapes (exit 1 if it does not conform)."""
    from rdflib import RDF

    from .graph.load import load_graph
    from .ontology import PLAN
    from .ontology import validate as shacl_validate

    graph = load_graph(path)
    if (None, RDF.type, PLAN.Plan) not in graph:
        raise PlanError(f"{path}: holds no plan:Plan; not a graph written by plankg build")
    conforms, report = shacl_validate(graph)
    click.echo(report.strip())
    sys.exit(0 if conforms else 1)


@main.command()
@click.argument("gold", type=click.Path(path_type=Path))
@click.argument("input", required=False, type=click.Path(path_type=str))
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(path_type=str),
              help="An extra lexicon; may be repeated.")
@click.option("--no-shipped-lexicon", is_flag=True, help="Score the discovery rules alone.")
@click.option("--details", is_flag=True, help="List false positives, misses and wrong task links.")
def evaluate(gold: Path, input: str | None, lexicons: tuple[str, ...], no_shipped_lexicon: bool,
             details: bool) -> None:
    """Score extraction against a GOLD annotation (YAML) of INPUT (default: the gold's document)."""
    from .extract.evaluate import evaluate as score, load_gold

    annotation = load_gold(gold)
    source = input or annotation.document
    if source is None:
        raise PlanError(f"{gold}: names no document; give INPUT")
    inputs = () if source.startswith("bundled:") else (_relative_to(source, gold),)
    extraction = _extract_all(inputs, lexicons, not no_shipped_lexicon)[0]
    report = score(extraction, annotation)
    click.echo(report.table())
    if details:
        click.echo(f"false positives: {report.false_positives}")
        click.echo(f"false negatives: {report.false_negatives}")
        click.echo(f"missed task links: {report.missed_links}")
        click.echo(f"extra task links: {report.extra_links}")


def _relative_to(source: str, gold: Path) -> str:
    """A gold file's document path may be relative to the working directory or to the repository."""
    if Path(source).exists():
        return source
    for parent in gold.resolve().parents:
        if (parent / source).exists():
            return str(parent / source)
    return source


# ----------------------------------------------------------------------------- SPARQL
# Issue 4: the query library, `plankg query`, the endpoint and push. The logic lives
# in plankg/queries/; these commands only parse options.

_STORE_HELP = ("Where the query runs: rdflib (default), oxigraph (in memory) or oxigraph:DIR "
               "(an on-disk pyoxigraph store, loaded from the graph when it changes).")


@main.command("queries")
def queries_() -> None:
    """List the named queries of the library with their parameters."""
    from .queries.commands import queries_listing

    click.echo(queries_listing(), nl=False)


@main.command()
@click.argument("query")
@click.option("--graph", type=click.Path(path_type=Path), default=None,
              help="Graph file to query (default: the bundled plan, built once and cached).")
@click.option("--store", default="rdflib", show_default=True, metavar="STORE", help=_STORE_HELP)
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (as an RDF term, never pasted into the text); repeatable.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml"]),
              default="table", show_default=True, help="Output: an aligned table or SPARQL 1.1 results.")
@click.option("--max-width", type=int, default=60, show_default=True,
              help="Widest table cell in terminal columns (0: no limit).")
def query(query: str, graph: Path | None, store: str, params: tuple[str, ...], fmt: str, max_width: int) -> None:
    """Run QUERY: a library name (see `plankg queries`), a .rq file or the text of a query."""
    from .queries.commands import query_command

    text = query_command(query, graph, store, params, fmt, max_width)
    # results formats go out as UTF-8 bytes, exactly (CSV keeps its CRLF line ends)
    click.echo(text if fmt == "table" else text.encode("utf-8"), nl=False)


@main.command()
@click.option("--graph", type=click.Path(path_type=Path), default=None,
              help="Graph file to serve (default: the bundled plan).")
@click.option("--store", default="oxigraph", show_default=True, metavar="STORE",
              help="oxigraph (the graph in memory in each worker) or oxigraph:DIR (an on-disk store).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", type=int, default=7878, show_default=True, help="Port (0: any free port).")
@click.option("--workers", type=int, default=None, help="Query worker processes (default: CPUs, at least 2).")
@click.option("--timeout", type=float, default=10.0, show_default=True, help="Seconds a query may run.")
@click.option("--max-result-bytes", type=int, default=16 * 1024 * 1024, show_default=True,
              help="Largest result the endpoint sends.")
@click.option("--max-memory", type=int, default=2048, show_default=True, metavar="MB",
              help="Address-space limit of each query worker (0: none).")
def serve(graph: Path | None, store: str, host: str, port: int, workers: int | None, timeout: float,
          max_result_bytes: int, max_memory: int) -> None:
    """Serve a read-only SPARQL 1.1 Protocol endpoint at /sparql."""
    from .queries.serve import serve_command

    serve_command(graph, store, host, port, workers, timeout, max_result_bytes, max_memory)


@main.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="A SPARQL 1.1 Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store.")
@click.option("--graph-iri", default=None, metavar="IRI", help="Named graph to write (default: the default graph).")
@click.option("--graph", type=click.Path(path_type=Path), default=None,
              help="Graph file to send (default: the bundled plan).")
@click.option("--store", default="oxigraph", show_default=True, metavar="STORE",
              help="Read the graph with oxigraph (fast), rdflib, or from an on-disk store oxigraph:DIR.")
@click.option("--append", is_flag=True, help="Add to the target graph (POST) instead of replacing it (PUT).")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds to wait for the endpoint.")
def push(endpoint: str, graph_iri: str | None, graph: Path | None, store: str, append: bool, timeout: float) -> None:
    """Send the graph to a SPARQL Graph Store Protocol endpoint."""
    from .queries.commands import push_command

    click.echo(push_command(endpoint, graph, store, graph_iri, timeout, append))


if __name__ == "__main__":  # pragma: no cover
    main()
