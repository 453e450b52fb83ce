"""Corpus scores with and without noun-chunk candidates (plankg/extract/chunks.py).

    python bench/chunks.py GOLD_DIR DOCS_DIR [--on] [evaluate's options …]

Runs ``plankg evaluate --corpus GOLD_DIR --docs DOCS_DIR`` in this process; with ``--on``
the pipeline is built with ``noun_chunks`` (the option of the ``plan_entities`` factory,
off by default), so the two tables differ only by the chunk candidates.
"""
from __future__ import annotations

import sys
from functools import lru_cache

from plankg import cli
from plankg.extract import pipeline


def main(argv: list[str]) -> None:
    on = "--on" in argv
    gold, docs, *options = [a for a in argv if a != "--on"]
    if on:
        build = pipeline.build_pipeline

        @lru_cache(maxsize=4)
        def with_chunks(lexicons=(), shipped_lexicon=True, part_of_speech=True, model=None):
            return build(lexicons, shipped_lexicon=shipped_lexicon, part_of_speech=part_of_speech, model=model,
                         noun_chunks=True)

        pipeline.cached_pipeline = with_chunks
    cli.main(["evaluate", "--corpus", gold, "--docs", docs, *options], standalone_mode=False)


if __name__ == "__main__":
    main(sys.argv[1:])
