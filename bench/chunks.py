"""Corpus scores with and without noun-chunk candidates (plankg/extract/chunks.py).

    python bench/chunks.py GOLD_DIR DOCS_DIR [--on] [evaluate's options …]

Runs ``plankg evaluate --corpus GOLD_DIR --docs DOCS_DIR`` in this process; with ``--on``
the rules a build runs (``plankg.extract.entities.cached_discoverer``) get a noun chunker —
its ``noun_chunks`` option, as the ``plan_entities`` factory's (off by default) for the
spaCy pipeline — so the two tables differ only by the chunk candidates.
"""
from __future__ import annotations

import sys
from functools import partial

from plankg import cli
from plankg.extract import entities


def main(argv: list[str]) -> None:
    on = "--on" in argv
    gold, docs, *options = [a for a in argv if a != "--on"]
    if on:
        entities.cached_discoverer = partial(entities.cached_discoverer, noun_chunks=True)
    cli.main(["evaluate", "--corpus", gold, "--docs", docs, *options], standalone_mode=False)


if __name__ == "__main__":
    main(sys.argv[1:])
