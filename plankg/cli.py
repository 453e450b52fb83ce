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
from .current import OUT_DIR as DEFAULT_OUT, CurrentGraph, record_made
from .errors import about
from .extract.model import ENTITY_TYPES, PlanError

_FORMAT_NAMES = ("ttl", "nt", "jsonld", "trig", "nq", "rdf")  # = graph.serialize.FORMAT_NAMES, without rdflib


def _bundled_graph() -> Path:
    """The bundled plan's graph file, built once and cached: the commands' default graph (the
    build stage is imported only when a command needs it, so that ``plankg --help`` stays quick)."""
    from .build import bundled_graph_path

    return bundled_graph_path()


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


#: where a command's graph comes from without --graph (plankg/current.py)
_CURRENT = ("default: the graph the last plankg build in this folder wrote, else plankg-out/graph.ttl, "
            "else the bundled plan")


def _warn(message: str) -> None:
    click.echo(f"plankg: warning: {message}", err=True)


def _summary(extraction) -> str:
    return _summary_line(extraction.document.metadata.title or extraction.document.source,
                         Counter(u.kind for u in extraction.structure.units),
                         Counter(e.type for e in extraction.entities.values()),
                         len(extraction.entities), len(extraction.mentions))


def _summary_line(title: str, kinds: Counter, types: Counter, entities: int, mentions: int) -> str:
    structure = ", ".join(_count(kinds[k], k) for k in ("part", "section", "task", "column", "item", "goal",
                                                        "principle") if kinds[k])
    by_type = ", ".join(f"{types[t]} {t}" for t in ENTITY_TYPES if types[t])
    return (f"{title}: {structure}; {_count(entities, 'entity', 'entities')} "
            f"({by_type or 'none'}), {_count(mentions, 'mention')}")


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


_MODEL_HELP = ("A learned entity recogniser that adds the names the rules miss: a folder plankg train wrote, "
               "or 'shipped' for the one plankg ships. Off by default (docs/quality-learned.md says why).")


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True, path_type=str))
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(allow_dash=True, path_type=Path),
              help="Output file, or - for standard output; its extension picks the format (.ttl .nt "
                   ".jsonld .trig .nq .rdf/.owl for RDF/XML); may be repeated to write several formats. Default: "
                   "plankg-out/graph.ttl (graph.trig for several inputs or a folder). For many documents "
                   "use .nq or .trig: they are written document by document; the other formats are built "
                   "in memory.")
@click.option("-f", "--format", "out_format", type=click.Choice(_FORMAT_NAMES), default=None,
              help="Output format, for -o - (default ttl) and for a file whose extension does not say.")
@click.option("--base", default=None, metavar="IRI", help="Base IRI for plans, units and entities.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(path_type=str),
              help="An extra lexicon (TSV: id, type, name, aliases); may be repeated.")
@click.option("--no-shipped-lexicon", is_flag=True, help="Use only the discovery rules and --lexicon files.")
@click.option("--model", default=None, metavar="DIR", help=_MODEL_HELP)
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes extracting documents in parallel (0: one per CPU). The output is "
                   "the same for any number.")
@click.option("--shard-size", type=click.IntRange(min=1), default=None, metavar="QUADS",
              help="Write each .nq output as shards NAME-00001.nq, NAME-00002.nq, … of about QUADS quads "
                   "(documents are never split; the entity graph comes last), for bulk loaders.")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Reuse the per-document results of earlier builds of several documents (keyed by each "
                   "file's bytes and path, the options and plankg's version and code).")
@click.option("--keep-going", is_flag=True,
              help="Skip named files that cannot be built, as files found in a folder are.")
@click.option("--max-size", type=click.IntRange(min=1), default=50 * 2**20, show_default=True, metavar="BYTES",
              help="The largest document read; a larger one is refused (skipped in a folder).")
@click.option("--executor", default="local", show_default=True, metavar="WHERE",
              help="Where the documents are extracted: local (-j worker processes here) or dask://HOST:PORT "
                   "(the scheduler of a dask.distributed cluster, for a corpus; needs pip install "
                   "'plankg[dask]' and plankg on the workers). The output is the same.")
def build(inputs: tuple[str, ...], outputs: tuple[Path, ...], out_format: str | None, base: str | None,
          lexicons: tuple[str, ...], no_shipped_lexicon: bool, jobs: int, shard_size: int | None, cache: bool,
          keep_going: bool, max_size: int, model: str | None, executor: str = "local") -> None:
    """Build the knowledge graph of INPUTS: files and folders (default: the bundled Shanghai plan).

    Text, Markdown, HTML, Word (.docx) and PDF documents are read; - reads one document from
    standard input (recorded as source <stdin>). A folder is read recursively: every .txt, .md,
    .html, .htm, .docx and .pdf file in it. Several documents give one named graph per plan
    and a shared graph of the entities, which have the same IRI in every plan. A file found in
    a folder that cannot be read is skipped with a warning; a file named on the command line
    must build (unless --keep-going).

    Exit status: 0 when every document built; 1 when some were skipped (the output holds
    the others); 2 for bad usage or input, and when no document built (nothing is written).
    """
    from .build.corpus.writer import sweep_stale_outputs
    from .graph.serialize import output_format
    from .lifetime import stop_on_sigterm

    stop_on_sigterm()  # SIGTERM, like Ctrl-C, removes the temporary files and stops the workers
    # Check the options, then read every input, before the slow imports (spaCy, pyshacl).
    if base is not None:
        base = _checked_base(base)
    if model is not None:
        from .extract.learned import check_model_folder

        check_model_folder(model)
    if "-" in inputs and len(inputs) > 1:
        raise PlanError("-: standard input can only be the one input")
    cluster = None if executor == "local" else executor
    if cluster is not None:
        from .build.corpus.cluster import scheduler_address

        scheduler_address(cluster)  # a malformed address fails before anything is read
    corpus = len(inputs) > 1 or any(name != "-" and Path(name).is_dir() for name in inputs) \
        or shard_size is not None or cluster is not None
    outputs = outputs or (DEFAULT_OUT / ("graph.trig" if corpus else "graph.ttl"),)
    formats = [output_format(output, out_format) for output in outputs]
    to_stdout = any(str(output) == "-" for output in outputs)  # then stdout holds only the graph
    if [str(output) for output in outputs].count("-") > 1:
        raise PlanError("-o -: standard output can take one format only")
    if shard_size is not None and "nquads" not in formats:
        raise PlanError("--shard-size applies to N-Quads output; add -o FILE.nq")
    if corpus:  # build_corpus sweeps a killed run's leftovers itself
        _build_corpus(inputs, outputs, formats, base, lexicons, not no_shipped_lexicon, jobs, shard_size, cache,
                      keep_going, max_size, model, cluster)
        return
    sweep_stale_outputs(outputs)  # a killed run's leftovers
    from .build import Progress, extract_documents
    from .build.extraction import located_warnings
    from .build.outputs import network_page_after_build, record_build, write_graphs

    stages = Progress(sys.stderr.isatty(), lambda line: click.echo(line, err=True))  # for a long document
    extractions = extract_documents(inputs, lexicons, not no_shipped_lexicon, max_size, stages, model)
    from .ontology import DEFAULT_BASE

    graphs = write_graphs(extractions, outputs, formats, base or DEFAULT_BASE, stages)
    for extraction in extractions:
        for warning in located_warnings(extraction):
            _warn(warning)
        click.echo(_summary(extraction), err=to_stdout)
    for output in outputs:
        click.echo(f"wrote {output if str(output) != '-' else 'standard output'}", err=to_stdout)
    record_build(outputs)
    page = network_page_after_build(outputs, lambda: graphs.graph_for(formats[0]).to_rdflib(), _warn)
    if page is not None:
        click.echo(f"wrote {page}")  # plankg-out/network.html


def _build_corpus(inputs: tuple[str, ...], outputs: tuple[Path, ...], formats: list[str], base: str | None,
                  lexicons: tuple[str, ...], shipped_lexicon: bool, jobs: int, shard_size: int | None, cache: bool,
                  keep_going: bool, max_size: int | None = None, model: str | None = None,
                  executor: str | None = None) -> None:
    """Several documents or folders, streamed document by document (``plankg.build.corpus``);
    then the warnings, a line per document, the files written and the summary table."""
    from .build.corpus import build_inputs, build_settings, ignored_note, summary_table, totals_line
    from .build.outputs import record_build
    from .ontology import DEFAULT_BASE

    settings = build_settings(base or DEFAULT_BASE, lexicons, shipped_lexicon, cache, max_size, model)
    to_stdout = any(str(output) == "-" for output in outputs)
    report, staged = build_inputs(inputs, outputs, formats, settings, jobs=jobs, shard_size=shard_size,
                                  keep_going=keep_going, executor=executor, warn=_warn)
    found = report.walk
    for warning in found.warnings:
        _warn(warning)
    note = ignored_note(found)
    if note:
        click.echo(f"plankg: note: {note}", err=True)
    for result in report.results:
        if result.ok:
            for warning in result.warnings:
                _warn(warning)
            click.echo(_summary_line(result.title or result.source, Counter(result.units), Counter(result.types),
                                     result.entities, result.mentions), err=to_stdout)
        else:
            _warn(f"{result.error}; skipped")
    for iri in report.clashes:
        _warn(f"{iri}: two different names reached this entity IRI (a SHA-1 prefix clash)")
    for output in report.written:
        output = staged.get(output, output)
        click.echo(f"wrote {output if str(output) != '-' else 'standard output'}", err=to_stdout)
    if shard_size is None:
        record_build(tuple(staged.get(output, output) for output in report.written))
    click.echo(summary_table(report), err=True)
    click.echo(f"plankg: {totals_line(report)}", err=True)
    if report.failed:
        sys.exit(1)


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


def _evaluate_corpus(folder: Path | None, gold: Path | None, input: str | None,  # noqa: A002 - the option's name
                     docs: Path | None, lexicons: tuple[str, ...], shipped_lexicon: bool, details: bool,
                     model: str | None, fmt: str = "text") -> None:
    from . import scoring
    from .build import extract_documents
    from .graph import build_graph

    def build(document: Path):
        extraction = extract_documents((str(Path(input) if input and folder is None else document),), lexicons,
                                       shipped_lexicon, model=model)[0]
        return build_graph(extraction), extraction.document.metadata.title

    if folder is not None:
        files = scoring.gold_files(folder)
    elif gold is not None:
        files = [gold]
    else:
        raise PlanError("give a GOLD file or --corpus GOLD_DIR")
    scores = scoring.score_corpus(files, docs, build, warn=_warn)
    if fmt == "json":
        import json
        from dataclasses import asdict

        documents = [{**asdict(s), "recall": round(s.recall, 4), "precision": round(s.precision, 4)}
                     for s in scores]
        if not details:
            for document in documents:
                for key in ("false_positives", "missing", "link_differences"):
                    document.pop(key, None)
        click.echo(json.dumps({"documents": documents, "averages": asdict(scoring.averages(scores))},
                              ensure_ascii=False, indent=1))
        return
    click.echo(scoring.table(scores))
    if details:
        for score in scores:
            click.echo(scoring.details(score))


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text",
              show_default=True, help="The report: for reading, a SHACL validation report graph (Turtle), or JSON.")
def validate(path: Path | None, fmt: str) -> None:
    """Check a written graph (PATH; default: the current graph, as for query) against plankg's
    SHACL shapes, and that every offset pair (mention, sentence, unit, source) slices the text
    it claims (exit 1 if anything does not hold). A few seconds for a plan."""
    import json

    from rdflib import RDF

    from .graph.load import load_graph
    from .graph.offsets import offset_problems
    from .ontology import PLAN
    from .ontology.validation import check_shapes
    from .queries.source import graph_file

    path = graph_file(_current_graph(path).path, _bundled_graph)
    graph = load_graph(path)
    if (None, RDF.type, PLAN.Plan) not in graph:
        raise PlanError(f"{path}: holds no plan:Plan; not a graph written by plankg build")
    offsets = offset_problems(graph, path)
    shapes = check_shapes(graph, in_place=True)  # the graph was read for this alone
    if fmt == "turtle":
        click.echo(shapes.graph().serialize(format="turtle"), nl=False)
    elif fmt == "json":
        found = {"checked": offsets.checked, "problems": offsets.problems, "notes": offsets.notes}
        click.echo(json.dumps({**shapes.as_json(), "offsets": found}, ensure_ascii=False, indent=1))
    else:
        click.echo(shapes.text())
        click.echo(f"Offsets: {offsets.checked} offset pairs checked, {len(offsets.problems)} wrong")
        if offsets.problems or offsets.notes:
            click.echo(offsets.text())
    if fmt == "turtle" and offsets.problems:
        _warn(f"{len(offsets.problems)} offset pairs do not slice the text they claim (--format text lists them)")
    sys.exit(0 if shapes.conforms and not offsets.problems else 1)


@main.command()
@click.argument("gold", required=False, type=click.Path(path_type=Path))
@click.argument("input", required=False, type=click.Path(path_type=str))
@click.option("--corpus", "corpus_gold", type=click.Path(path_type=Path), metavar="GOLD_DIR",
              help="Score every gold file (*.json, corpus format) of GOLD_DIR against its document in --docs.")
@click.option("--docs", type=click.Path(path_type=Path), metavar="DOCS_DIR",
              help="Where the documents of corpus gold files are (default: the gold file's ../docs).")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(path_type=str),
              help="An extra lexicon; may be repeated.")
@click.option("--no-shipped-lexicon", is_flag=True, help="Score the discovery rules alone.")
@click.option("--model", default=None, metavar="DIR", help=_MODEL_HELP)
@click.option("--details", is_flag=True, help="List false positives, misses and wrong task links, as tables.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Tables to read, or JSON (the scores and, with --details, every list) for scripts.")
def evaluate(gold: Path | None, input: str | None,  # noqa: A002 - click passes --input by this name
             corpus_gold: Path | None, docs: Path | None,
             lexicons: tuple[str, ...], no_shipped_lexicon: bool, details: bool, model: str | None,
             fmt: str) -> None:
    """Score extraction against a GOLD annotation of INPUT (default: the gold's document).

    A YAML gold file with an ``entities`` list scores entities and task links; one with ``roles``,
    ``relations`` or ``figures`` sections (see tests/gold/relations/shanghai-ifc.yaml) scores
    roles and actions, typed relations and figures; a file may hold both. A JSON gold file (the
    corpus format of ../shared/corpus/gold) is scored on the built graph by the corpus scorer's
    rules; ``--corpus GOLD_DIR --docs DOCS_DIR`` scores a whole folder of them and prints a
    per-document table with micro and macro averages."""
    if corpus_gold is not None or (gold is not None and gold.suffix == ".json"):
        _evaluate_corpus(corpus_gold, gold, input, docs, lexicons, not no_shipped_lexicon, details, model, fmt)
        return
    if gold is None:
        raise PlanError("give a GOLD file or --corpus GOLD_DIR")
    from .build import extract_documents
    from .extract.evaluate import (
        RelationReport,
        Report,
        evaluate as score,
        evaluate_relations,
        has_entity_gold,
        has_relation_gold,
        load_gold,
        load_relation_gold,
    )

    relation_gold = load_relation_gold(gold) if has_relation_gold(gold) else None
    annotation = load_gold(gold) if relation_gold is None or has_entity_gold(gold) else None
    if annotation is not None:
        named = annotation.document
    else:  # then there is relation gold
        named = relation_gold.document if relation_gold is not None else None
    source = input or named
    if source is None:
        raise PlanError(f"{gold}: names no document; give INPUT")
    inputs = () if source.startswith("bundled:") else (_relative_to(source, gold),)
    extraction = extract_documents(inputs, lexicons, not no_shipped_lexicon, model=model)[0]
    if annotation is not None:
        _warn_if_gold_of_another_document(gold, annotation, extraction)
    reports: list[tuple[str, Report | RelationReport]] = []
    if annotation is not None:
        reports.append(("entities", score(extraction, annotation)))
    if relation_gold is not None:
        reports.append(("relations", evaluate_relations(extraction, relation_gold)))
    if fmt == "json":
        import json

        found = {name: report.as_json() for name, report in reports}
        if not details:
            for value in found.values():
                value.pop("details")
        click.echo(json.dumps(found, ensure_ascii=False, indent=1))
        return
    for _name, report in reports:
        click.echo(report.table())
        if details:
            _echo_details(report.detail_sections())


def _echo_details(sections) -> None:
    """``evaluate --details``: each list as a titled, aligned table (or "none")."""
    from .queries.output import table

    for section in sections:
        click.echo(f"\n{section.title}: {len(section.rows) or 'none'}")
        if section.rows:
            click.echo(table(section.columns, section.cells(), max_width=60).rstrip("\n"))


def _warn_if_gold_of_another_document(gold: Path, annotation, extraction) -> None:
    """Warn when most gold names do not occur in the document's text: the wrong document for it."""
    names = list(annotation.entities)
    text = extraction.document.text
    present = sum(1 for entity in names if any(name in text for name in entity.names))
    if names and present < len(names) / 2:
        _warn(f"{gold}: only {present} of the gold's {len(names)} entity names occur in "
              f"{extraction.document.source}; is the gold for another document?")


def _relative_to(source: str, gold: Path) -> str:
    """A gold file's document path may be relative to the working directory or to the repository."""
    if Path(source).exists():
        return source
    for parent in gold.resolve().parents:
        if (parent / source).exists():
            return str(parent / source)
    return source


# ----------------------------------------------------------------------------- SPARQL
# The query library, `plankg query`, the endpoint and push. The logic lives
# in plankg/queries/; these commands only parse options.

_STORE_HELP = ("Where the query runs (Oxigraph answers every query): oxigraph (the graph in memory) or "
               "oxigraph:DIR (an on-disk pyoxigraph store, loaded from the graph when it changes).")


@main.command("queries")
@click.option("--show", "name", default=None, metavar="NAME",
              help="Print one query's description, parameters, an example command and its full text.")
def queries_(name: str | None) -> None:
    """List the named queries of the library with their parameters (--show NAME: one in full)."""
    from .queries.commands import queries_listing, query_details

    click.echo(queries_listing() if name is None else query_details(name), nl=False)


@main.command()
@click.argument("query")
@click.option("--graph", type=click.Path(path_type=Path), default=None,
              help=f"Graph file to query ({_CURRENT}).")
@click.option("--store", default="oxigraph", show_default=True, metavar="STORE", help=_STORE_HELP)
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (as an RDF term, never pasted into the text); repeatable.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml"]),
              default="table", show_default=True, help="Output: an aligned table or SPARQL 1.1 results.")
@click.option("--max-width", type=int, default=60, show_default=True,
              help="Widest table cell in terminal columns (0: no limit).")
@click.option("--allow-service", "allow_service", multiple=True, metavar="URL",
              help="An endpoint SERVICE clauses may call (repeatable); without it, a query with SERVICE "
                   "is refused and nothing is sent anywhere.")
@click.option("--time", "timed", is_flag=True,
              help="Print the query's time on stderr after the answer (as Jena's arq --time).")
def query(query: str, graph: Path | None, store: str, params: tuple[str, ...], fmt: str, max_width: int,
          allow_service: tuple[str, ...], timed: bool) -> None:
    """Run QUERY: a library name (see `plankg queries`), a .rq file or the text of a query.
    SPARQL Update is not supported (exit status 2): plankg only reads graphs."""
    from .queries.commands import query_command

    times: list[str] = []
    text = query_command(query, _current_graph(graph).path, store, params, fmt, max_width, allow_service,
                         report_time=times.append if timed else None, default=_bundled_graph)
    # results formats go out as UTF-8 bytes, exactly (CSV keeps its CRLF line ends)
    click.echo(text if fmt == "table" else text.encode("utf-8"), nl=False)
    for line in times:
        click.echo(line, err=True)


@main.command()
@click.option("--graph", type=click.Path(path_type=Path), default=None,
              help=f"Graph file to serve ({_CURRENT}).")
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
@click.option("--allow-host", "allow_host", multiple=True, metavar="NAME",
              help="A host name clients may send in the Host header besides the bound address (and, on "
                   "loopback, localhost); repeatable; * for any. Other names are refused (DNS rebinding).")
@click.option("--allow-service", "allow_service", multiple=True, metavar="URL",
              help="An endpoint SERVICE clauses may call (repeatable); without it, SERVICE is refused.")
@click.option("--idle-timeout", type=float, default=5.0, show_default=True,
              help="Seconds a connection may stay idle before it is closed (frees its slot).")
@click.option("--max-connections", type=int, default=256, show_default=True,
              help="Connections served at once; more wait in the listen queue (128), then get 503.")
@click.option("--cors", "cors", multiple=True, metavar="ORIGIN",
              help="A web origin (https://yasgui.example) whose pages may read the endpoint: CORS headers and "
                   "answers to preflight OPTIONS requests (repeatable; * for any). Off by default.")
def serve(graph: Path | None, store: str, host: str, port: int, workers: int | None, timeout: float,
          max_result_bytes: int, max_memory: int, allow_host: tuple[str, ...], allow_service: tuple[str, ...],
          idle_timeout: float, max_connections: int, cors: tuple[str, ...]) -> None:
    """Serve a read-only SPARQL 1.1 Protocol endpoint at /sparql."""
    from .queries.serve import serve_command

    serve_command(_current_graph(graph).path, store, host, port, workers, timeout, max_result_bytes, max_memory,
                  allow_host, allow_service, idle_timeout, max_connections, cors, default=_bundled_graph)


@main.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="A SPARQL 1.1 Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store.")
@click.option("--graph-iri", default=None, metavar="IRI", help="Named graph to write (default: the default graph).")
@click.option("--graph", type=click.Path(path_type=Path), default=None,
              help=f"Graph file to send ({_CURRENT}).")
@click.option("--store", default="oxigraph", show_default=True, metavar="STORE",
              help="oxigraph: send the graph file's own terms; oxigraph:DIR: send an on-disk store's triples.")
@click.option("--append", is_flag=True, help="Add to the target graph (POST) instead of replacing it (PUT).")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds to wait for the endpoint.")
def push(endpoint: str, graph_iri: str | None, graph: Path | None, store: str, append: bool, timeout: float) -> None:
    """Send the graph to a SPARQL Graph Store Protocol endpoint."""
    from .queries.commands import push_command

    click.echo(push_command(endpoint, _current_graph(graph).path, store, graph_iri, timeout, append,
                            default=_bundled_graph))


# ----------------------------------------------------------------------------- corpus
# Corpus builds live in `build` (plankg/build/corpus/); comparing two plans here.


@main.command()
@click.argument("plan_a")
@click.argument("plan_b")
@click.option("--graph", type=click.Path(path_type=Path), default=None,
              help="A built graph holding both plans; then PLAN_A and PLAN_B are plan IRIs, slugs, document "
                   "numbers, titles or source paths. Without it: two document files, built first, when both "
                   "name files; else plans of the current graph (the last build's output in this folder, "
                   "plankg-out/graph.ttl, else the bundled plan).")
@click.option("--store", default="oxigraph", show_default=True, metavar="STORE", help=_STORE_HELP)
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(path_type=str),
              help="An extra lexicon, for document files; may be repeated.")
@click.option("--no-shipped-lexicon", is_flag=True, help="For document files: the discovery rules alone.")
@click.option("--max-width", type=int, default=60, show_default=True, help="Widest cell in terminal columns.")
def diff(plan_a: str, plan_b: str, graph: Path | None, store: str, lexicons: tuple[str, ...],
         no_shipped_lexicon: bool, max_width: int) -> None:
    """The entities PLAN_B adds (+), drops (-) and keeps (=) compared with PLAN_A, by type."""
    documents = graph is None and Path(plan_a).is_file() and Path(plan_b).is_file()
    if documents:  # two document files, built together first
        from .build import documents_graph
        from .queries.diff import diff_built

        built, iris = documents_graph((plan_a, plan_b), lexicons, not no_shipped_lexicon)
        click.echo(diff_built(built, iris, max_width), nl=False)
        return
    from .queries.diff import diff_command

    click.echo(diff_command(plan_a, plan_b, _current_graph(graph).path, store, max_width, default=_bundled_graph),
               nl=False)


# ----------------------------------------------------------------------------- Entity network
# The entity network: `plankg viz`, `plankg stats`, `plankg export`, and the page `plankg build` writes
# beside its default output (plankg/build/outputs.py). The logic lives in
# plankg/graph/analytics.py, render.py and export.py; these commands only parse options.

_NETWORK_GRAPH_HELP = f"Graph file written by plankg build ({_CURRENT})."
_VIEW_CHOICE = click.Choice(["tasks", "cooccurrence"])


def _network_data(graph: Path | None, with_graph: bool = False):
    """The network data of ``graph`` (None: the bundled plan), and, with_graph, the rdflib graph
    it was read from."""
    from .graph.analytics import network_data
    from .graph.load import load_graph
    from .queries.source import graph_file

    path = graph_file(graph, _bundled_graph)
    try:
        rdf = load_graph(path)
        data = network_data(rdf)
    except PlanError as err:
        raise PlanError(about(path, str(err))) from None
    return (rdf, data) if with_graph else data


@main.command()
@click.option("--graph", type=click.Path(path_type=Path), default=None, help=_NETWORK_GRAPH_HELP)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=DEFAULT_OUT / "network.html",
              show_default=True, help="The page to write (.html).")
@click.option("--view", type=click.Choice(["tasks", "cooccurrence", "matrix"]), default="tasks", show_default=True,
              help="The view the page opens with: the plan's structure with its entities (tasks), entity "
                   "co-occurrence, or the entities × sections matrix (the page switches between all three).")
def viz(graph: Path | None, output: Path, view: str) -> None:
    """Write the interactive entity network: one HTML page that works offline."""
    from .graph.render import PlanNetwork

    if output.suffix.lower() not in (".html", ".htm"):
        raise PlanError(f"{output}: the page must be an .html file")
    current = _current_graph(graph)
    data = _network_data(current.path)
    _say_replacing(output, current)
    PlanNetwork(data, view=view).write_html(str(output))
    record_made(output, current)
    if not data.entities:
        _warn(f"{data.title}: the graph has no entities; the page says so")
    click.echo(f"wrote {output} ({_count(len(data.entities), 'entity', 'entities')}, "
               f"{_count(len(data.tasks), 'task')}, {_count(len(data.links), 'entity–task link')})")


@main.command()
@click.option("--graph", type=click.Path(path_type=Path), default=None, help=_NETWORK_GRAPH_HELP)
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many entities, institutions and communities to list.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--write", "write_to", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Also write the graph with plan:degreeCentrality, plan:betweennessCentrality and "
                   "plan:community on every entity to FILE (.ttl .nt .jsonld).")
def stats(graph: Path | None, top: int, fmt: str, write_to: Path | None) -> None:
    """Network analytics: centralities, the most central institutions, communities."""
    from .graph.analytics import add_analytics, analyse, cooccurrence_graph, stats_json, stats_report
    from .graph.serialize import format_for, serialize, write_atomic

    write_format = format_for(write_to) if write_to is not None else None  # a bad name fails first
    if write_format in ("trig", "nquads"):
        raise PlanError(f"{write_to}: --write takes a triples format (.ttl .nt .jsonld)")
    rdf, data = _network_data(_current_graph(graph).path, with_graph=True)
    co = cooccurrence_graph(data)
    analytics = analyse(data, co)
    click.echo(stats_report(data, analytics, top, co) if fmt == "text" else stats_json(data, analytics, top),
               nl=False)
    if write_to is not None and write_format is not None:
        write_atomic(write_to, serialize(add_analytics(rdf, analytics), write_format))
        click.echo(f"wrote {write_to}", err=True)


@main.command()
@click.option("--graph", type=click.Path(path_type=Path), default=None, help=_NETWORK_GRAPH_HELP)
@click.option("-f", "--format", "fmt", type=click.Choice(["graphml", "gexf"]), default=None,
              help="Default: from the output's extension, else graphml.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default: plankg-out/network.graphml or .gexf).")
@click.option("--view", type=_VIEW_CHOICE, default="tasks", show_default=True,
              help="Export the entity–task network or the entity co-occurrence network.")
def export(graph: Path | None, fmt: str | None, output: Path | None, view: str) -> None:
    """Export the entity network as GraphML or GEXF, for Gephi and other graph tools."""
    from .graph.export import format_for_export, write_export

    if output is not None:
        suffix_format = format_for_export(output)
        if fmt is not None and fmt != suffix_format:
            raise PlanError(f"{output}: the extension says {suffix_format}, --format says {fmt}")
        fmt = suffix_format
    fmt = fmt or "graphml"
    output = output or DEFAULT_OUT / f"network.{fmt}"
    current = _current_graph(graph)
    data = _network_data(current.path)
    _say_replacing(output, current)
    write_export(data, output, fmt, view)
    record_made(output, current)
    click.echo(f"wrote {output}")


def _say_replacing(output: Path, graph: CurrentGraph) -> None:
    """Warn when ``output`` was made from another graph than ``graph`` (it is replaced)."""
    from .current import replacing

    note = replacing(output, graph)
    if note:
        _warn(note)


def _current_graph(graph: Path | None) -> CurrentGraph:
    """The graph a command reads (plankg/current.py): --graph, else the last build's output
    here, else plankg-out/graph.ttl, else the bundled plan (path None); when it was not given,
    one line on stderr names it as it is read."""
    from .current import Origin, announce_reads, current_graph

    choice = current_graph(graph)
    if choice.origin is not Origin.GIVEN:
        announce_reads(choice, lambda line: click.echo(line, err=True))
    return choice


# ----------------------------------------------------------------------------- one entity
# What the plan wants done: `plankg show ENTITY`. The logic lives in plankg/show.py
# (SPARQL over a written graph); roles, relations and figures are scored by `plankg evaluate`.


@main.command("show")
@click.argument("entity")
@click.option("--graph", type=click.Path(path_type=Path), default=None,
              help=f"Graph file to read ({_CURRENT}).")
@click.option("--store", default="oxigraph", show_default=True, metavar="STORE",
              help="oxigraph (the graph in memory) or oxigraph:DIR (an on-disk store).")
@click.option("--all", "everywhere", is_flag=True,
              help="Also list the units that are not tasks or columns (parts, sections, goals, preamble).")
def show_(entity: str, graph: Path | None, store: str, everywhere: bool) -> None:
    """Show one ENTITY (by any of its names): its names, type, relations, and every task that
    names it with the action, its role and the evidence sentence."""
    from .show import show_entity

    click.echo(show_entity(entity, _current_graph(graph).path, store, everywhere), nl=False)


# ----------------------------------------------------------------------------- learned recogniser
# `plankg train` and `plankg annotate` (with --model on build and evaluate): a spaCy model trained
# on plankg's gold and users' corrections. The logic lives in plankg/extract/learned/.


@main.command("train")
@click.option("--from", "corrections", multiple=True, type=click.Path(path_type=Path), metavar="FILE",
              help="Corrected annotations: a Label Studio JSON export (.json; JSON-MIN too) or doccano JSONL "
                   "(.jsonl); may be repeated. A document annotated here replaces the shipped gold's copy.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), metavar="DIR",
              help="The model folder to write (replaced whole when training succeeds).")
@click.option("--no-shipped-gold", is_flag=True, help="Train on the --from files alone.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed: the same seed and data give "
                                                                   "the same model, byte for byte.")
@click.option("--epochs", type=click.IntRange(min=1), default=None,
              help="Passes over the data (default: the config's, plankg/extract/learned/config.cfg).")
@click.option("--threads", type=click.IntRange(min=1), default=1, show_default=True,
              help="Threads of the numeric libraries.")
def train_(corrections: tuple[Path, ...], output: Path, no_shipped_gold: bool, seed: int, epochs: int | None,
           threads: int) -> None:
    """Train a learned entity recogniser into DIR, on plankg's gold and the --from corrections;
    use it with plankg build --model DIR."""
    from .extract.learned.training import limit_threads

    limit_threads(threads)  # before numpy loads
    from .extract.learned.annotations import merged, read_annotations
    from .extract.learned.training import describe_report, shipped_gold, train

    read = []
    for path in corrections:
        documents, unannotated = read_annotations(path)
        left_out = f"; {_count(unannotated, 'task')} without an annotation left out" if unannotated else ""
        click.echo(f"{path}: {_count(len(documents), 'annotated document')}{left_out}", err=True)
        read.extend(documents)
    documents = merged([] if no_shipped_gold else shipped_gold(), read)
    if not documents:
        raise PlanError("nothing to train on: give --from FILE with annotated documents")
    progress = (lambda line: click.echo(f"plankg: {line}", err=True)) if sys.stderr.isatty() else None
    report = train(documents, output, seed=seed, epochs=epochs, progress=progress)
    click.echo(describe_report(report))
    click.echo(f"wrote {output}; use it with: plankg build --model {output}")


@main.group(cls=PlanCommandGroup)
def annotate() -> None:
    """Files for correcting plankg's entities in Label Studio or doccano (then: plankg train --from)."""


@annotate.command("export")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=str))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Label Studio tasks with pre-annotations (.json) or doccano JSONL (.jsonl).")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(path_type=str),
              help="An extra lexicon; may be repeated.")
@click.option("--no-shipped-lexicon", is_flag=True, help="Use only the discovery rules and --lexicon files.")
@click.option("--model", default=None, metavar="DIR", help=_MODEL_HELP)
def annotate_export(inputs: tuple[str, ...], output: Path, lexicons: tuple[str, ...], no_shipped_lexicon: bool,
                    model: str | None) -> None:
    """Write plankg's entities in INPUTS as pre-annotations to correct (offsets in code points of
    the text plankg reads). Set up the Label Studio project with: plankg annotate config."""
    from .build import extract_documents
    from .extract.learned.annotate import export_bytes
    from .graph.serialize import write_atomic

    if output.suffix.lower() not in (".json", ".jsonl"):
        raise PlanError(f"{output}: write Label Studio tasks (.json) or doccano JSONL (.jsonl)")
    extractions = extract_documents(inputs, lexicons, not no_shipped_lexicon, model=model)
    version = f"plankg {__version__}" + (f" + model {model}" if model else "")
    write_atomic(output, export_bytes(extractions, output, version))
    names = sum(len(e.mentions) for e in extractions)
    click.echo(f"wrote {output} ({_count(len(extractions), 'document')}, {_count(names, 'pre-annotated name')})")


@annotate.command("config")
def annotate_config() -> None:
    """Print the Label Studio labeling config of plankg's six entity types."""
    from .extract.learned.annotate import labeling_config

    click.echo(labeling_config(), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
