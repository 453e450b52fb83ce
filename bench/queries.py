"""The query library on plankg's one engine (Oxigraph): median in-process time per query.

    python bench/queries.py [--repeat 5] [--triples 1000000] [--large-repeat 3] [--skip-large]

Part 1 runs every library query (with its example parameters) on the bundled
plan's graph, ``--repeat`` times, through plankg's own ``run_query`` (so the
figures include turning results into rdflib terms), in one process: the figure the
target "named queries < 50 ms in process" is about.

Part 2 does the same on a synthetic graph of about ``--triples`` triples shaped
like ours: the bundled plan copied as many times as needed, each copy under its
own plan IRIs, and with two of every three entities split into one of 20
variants (their IRIs and labels suffixed), so that copies share some entities
and not others, as real plans do. The synthetic graph is written once to
``bench/out/`` (ignored by git) as N-Triples.

Prints the load time, one line per query with its rows and median seconds, and the
slowest query. (rdflib is no longer an engine plankg queries with — every query runs on
Oxigraph — so the comparison with it this script once printed is gone.)
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

from plankg.build import bundled_graph_path
from plankg.ontology import DEFAULT_BASE
from plankg.queries import list_queries, open_target, run_query

OUT = Path(__file__).resolve().parent / "out"
PLAN_PREFIX = f"<{DEFAULT_BASE}plan/"
ENTITY = re.compile(re.escape(f"<{DEFAULT_BASE}entity/") + r"([^>]+)>")
LABEL = re.compile(r'^(<[^>]+>) (<http://www\.w3\.org/2004/02/skos/core#(?:prefLabel|altLabel)>) '
                   r'"(.*)"(@[A-Za-z-]+)? \.$')
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


def compare(label: str, path: Path, repeat: int) -> None:
    print(f"\n== {label}: {path.name}")
    load_ox, store = timed(open_target, path, "oxigraph")
    print(f"load: {load_ox:.2f} s ({len(store)} triples); "
          f"peak RSS so far {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"{'query':24} {'rows':>6} {'median s':>10}")
    slowest = (0.0, "")
    for query in list_queries():
        params = query.examples[0] if query.examples else {}
        seconds, rows = median_seconds(query, store, params, repeat)
        slowest = max(slowest, (seconds, query.name))
        print(f"{query.name:24} {rows:6d} {seconds:10.4f}", flush=True)
    print(f"slowest: {slowest[1]} {slowest[0] * 1000:.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per query on the bundled plan")
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph")
    parser.add_argument("--large-repeat", type=int, default=3, help="runs per query on the synthetic graph")
    parser.add_argument("--skip-large", action="store_true", help="only the bundled plan")
    args = parser.parse_args(argv)
    compare("bundled plan", bundled_graph_path(), args.repeat)
    if not args.skip_large:
        seconds, path = timed(synthetic, args.triples)
        print(f"\n(synthetic graph ready in {seconds:.1f} s)")
        compare(f"synthetic graph of about {args.triples} triples", path, args.large_repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
