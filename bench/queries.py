"""The query library on rdflib and on pyoxigraph: median times and ratios.

    python bench/queries.py [--repeat 5] [--triples 1000000] [--large-repeat 3]
                            [--skip-large] [--skip-large-rdflib]

Part 1 runs every library query (with its example parameters) on the bundled
plan's graph, ``--repeat`` times on each engine, through plankg's own
``run_query`` (so the figures include turning results into rdflib terms).

Part 2 does the same on a synthetic graph of about ``--triples`` triples shaped
like ours: the bundled plan copied as many times as needed, each copy under its
own plan IRIs, and with two of every three entities split into one of 20
variants (their IRIs and labels suffixed), so that copies share some entities
and not others, as real plans do. The synthetic graph is written once to
``bench/out/`` (ignored by git) as N-Triples. rdflib needs minutes and a few GB to
load a million triples; ``--skip-large-rdflib`` times pyoxigraph alone.

Prints load times, one line per query with the median seconds on each engine
and the ratio rdflib / pyoxigraph, and the medians' geometric mean ratio.
"""
from __future__ import annotations

import argparse
import math
import re
import resource
import statistics
import sys
import time
import zlib
from pathlib import Path

from plankg.ontology import DEFAULT_BASE
from plankg.queries import list_queries, open_target, run_query
from plankg.build import bundled_graph_path

OUT = Path(__file__).resolve().parent / "out"
PLAN_PREFIX = f"<{DEFAULT_BASE}plan/"
ENTITY = re.compile(re.escape(f"<{DEFAULT_BASE}entity/") + r"([^>]+)>")
LABEL = re.compile(r'^(<[^>]+>) (<http://www\.w3\.org/2004/02/skos/core#(?:prefLabel|altLabel)>) "(.*)"(@[A-Za-z-]+)? \.$')
VARIANTS = 20


def _shared(slug: str) -> bool:
    return zlib.crc32(slug.encode()) % 3 == 0


def synthetic(target_triples: int) -> Path:
    """The bundled plan copied to about ``target_triples`` triples (written once)."""
    source = bundled_graph_path()
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    copies = max(1, math.ceil(target_triples / len(lines)))
    path = OUT / f"synthetic-{copies}x-{source.stem}.nt"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".part")
    with temporary.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            variant = copy % VARIANTS

            def entity(match: re.Match, variant=variant) -> str:
                slug = match.group(1)
                if variant == 0 or _shared(slug):
                    return match.group(0)
                return f"<{DEFAULT_BASE}entity/{slug}-v{variant}>"

            for line in lines:
                line = line.replace(PLAN_PREFIX, f"{PLAN_PREFIX}c{copy}-")
                line = ENTITY.sub(entity, line)
                label = LABEL.match(line) if variant else None
                if label and ENTITY.search(label.group(1)) and label.group(1).endswith(f"-v{variant}>"):
                    line = f'{label.group(1)} {label.group(2)} "{label.group(3)}·{variant}"{label.group(4) or ""} .'
                out.write(line + "\n")
    temporary.replace(path)
    return path


def timed(function, *args):
    start = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - start, value


def median_seconds(query, target, params, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        seconds, result = timed(run_query, query, target, params)
        times.append(seconds)
        rows = len(result)
    return statistics.median(times), rows


def compare(label: str, path: Path, repeat: int, rdflib_too: bool = True) -> None:
    print(f"\n== {label}: {path.name}")
    load_ox, store = timed(open_target, path, "oxigraph")
    print(f"load: pyoxigraph {load_ox:.2f} s ({len(store)} triples)", end="")
    graph = None
    if rdflib_too:
        load_rdflib, graph = timed(open_target, path, "rdflib")
        print(f", rdflib {load_rdflib:.2f} s; ratio {load_rdflib / load_ox:.0f}x", end="")
    print(f"; peak RSS so far {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"{'query':24} {'rows':>6} {'rdflib s':>10} {'oxigraph s':>11} {'ratio':>8}")
    ratios = []
    for query in list_queries():
        params = query.examples[0] if query.examples else {}
        ox_seconds, rows = median_seconds(query, store, params, repeat)
        if graph is not None:
            rdflib_seconds, rdflib_rows = median_seconds(query, graph, params, repeat)
            if rdflib_rows != rows:
                print(f"  ! {query.name}: rdflib {rdflib_rows} rows, pyoxigraph {rows}", file=sys.stderr)
            ratio = rdflib_seconds / max(ox_seconds, 1e-6)
            ratios.append(ratio)
            print(f"{query.name:24} {rows:6d} {rdflib_seconds:10.4f} {ox_seconds:11.4f} {ratio:7.0f}x", flush=True)
        else:
            print(f"{query.name:24} {rows:6d} {'-':>10} {ox_seconds:11.4f} {'-':>8}", flush=True)
    if ratios:
        print(f"geometric mean ratio: {math.exp(statistics.fmean(math.log(r) for r in ratios)):.0f}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per query on the bundled plan")
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph")
    parser.add_argument("--large-repeat", type=int, default=3, help="runs per query on the synthetic graph")
    parser.add_argument("--skip-large", action="store_true", help="only the bundled plan")
    parser.add_argument("--skip-large-rdflib", action="store_true", help="pyoxigraph alone on the synthetic graph")
    args = parser.parse_args(argv)
    compare("bundled plan", bundled_graph_path(), args.repeat)
    if not args.skip_large:
        seconds, path = timed(synthetic, args.triples)
        print(f"\n(synthetic graph ready in {seconds:.1f} s)")
        compare(f"synthetic graph of about {args.triples} triples", path, args.large_repeat,
                rdflib_too=not args.skip_large_rdflib)
    return 0


if __name__ == "__main__":
    sys.exit(main())
