"""The ``plankg`` command line.

Every expected problem with the user's input ends as one line on stderr and
exit status 2; nothing is written unless the whole output is ready.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from . import __version__
from .extract.model import ENTITY_TYPES, PlanError

DEFAULT_OUT = Path("plankg-out")


class PlanCommandGroup(click.Group):
    """Turns PlanError into one line on stderr and exit status 2."""

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
    from .extract import extract
    from .extract.lexicon import load_lexicon
    from .extract.read import read_bundled, read_document

    load_lexicon(lexicons)  # a malformed lexicon fails before any document is read
    documents = [read_document(path) for path in inputs] if inputs else [read_bundled()]
    return [extract(doc, lexicons=lexicons, shipped_lexicon=shipped_lexicon) for doc in documents]


def _summary(extraction) -> str:
    kinds = Counter(u.kind for u in extraction.structure.units)
    types = Counter(e.type for e in extraction.entities.values())
    structure = ", ".join(f"{kinds[k]} {k}s" for k in ("part", "section", "task", "column", "goal", "principle")
                          if kinds[k])
    entities = ", ".join(f"{types[t]} {t}" for t in ENTITY_TYPES if types[t])
    title = extraction.document.metadata.title or extraction.document.source
    return (f"{title}: {structure}; {len(extraction.entities)} entities ({entities or 'none'}), "
            f"{len(extraction.mentions)} mentions")


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=True, path_type=str))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file; its extension picks the format (.ttl .nt .jsonld .trig .nq). "
                   "Default: plankg-out/graph.ttl (graph.trig for several inputs).")
@click.option("--base", default=None, metavar="IRI", help="Base IRI for plans, units and entities.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(path_type=str),
              help="An extra lexicon (TSV: id, type, name, aliases); may be repeated.")
@click.option("--no-shipped-lexicon", is_flag=True, help="Use only the discovery rules and --lexicon files.")
def build(inputs: tuple[str, ...], output: Path | None, base: str | None, lexicons: tuple[str, ...],
          no_shipped_lexicon: bool) -> None:
    """Build the knowledge graph of INPUTS (default: the bundled Shanghai plan)."""
    from .graph import build_dataset, build_graph, format_for, serialize
    from .graph.serialize import write_atomic
    from .ontology import DEFAULT_BASE

    base = _checked_base(base or DEFAULT_BASE)
    output = output or DEFAULT_OUT / ("graph.trig" if len(inputs) > 1 else "graph.ttl")
    fmt = format_for(output)
    extractions = _extract_all(inputs, lexicons, not no_shipped_lexicon)
    if len(extractions) > 1 or fmt in ("trig", "nquads"):
        graph = build_dataset(extractions, base)
    else:
        graph = build_graph(extractions[0], base)
    write_atomic(output, serialize(graph, fmt))
    for extraction in extractions:
        for warning in extraction.warnings:
            _warn(f"{extraction.document.source}: {warning}" if not warning.startswith(
                extraction.document.source) else warning)
        click.echo(_summary(extraction))
    click.echo(f"wrote {output}")


def _checked_base(base: str) -> str:
    if not (base.startswith("http://") or base.startswith("https://") or base.startswith("urn:")):
        raise PlanError(f"--base {base!r} must be an absolute http(s) or urn IRI")
    return base if base.endswith(("/", "#", ":")) else base + "/"


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
def validate(path: Path) -> None:
    """Check a written graph against plankg's SHACL shapes (exit 1 if it does not conform)."""
    from .graph.load import load_graph
    from .ontology import validate as shacl_validate

    graph = load_graph(path)
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


if __name__ == "__main__":  # pragma: no cover
    main()
