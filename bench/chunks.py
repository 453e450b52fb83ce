"""Corpus scores with and without noun-chunk candidates (plankg/extract/chunks.py).

    python bench/chunks.py GOLD_DIR DOCS_DIR [--on] [evaluate's options …]

Runs ``plankg evaluate --corpus GOLD_DIR --docs DOCS_DIR`` in this process; with ``--on``
the rules a build runs (``plankg.extract.entities.cached_discoverer``) get a noun chunker —
what the ``plan_entities`` factory's ``noun_chunks`` option (off by default) does for the
spaCy pipeline — so the two tables differ only by the chunk candidates.
"""
from __future__ import annotations

import sys
from functools import lru_cache

from plankg import cli
from plankg.extract import entities
from plankg.extract.chunks import NounChunker


def main(argv: list[str]) -> None:
    on = "--on" in argv
    gold, docs, *options = [a for a in argv if a != "--on"]
    if on:
        rules = entities.cached_discoverer

        @lru_cache(maxsize=4)
        def with_chunks(lexicons=(), shipped_lexicon=True, part_of_speech=True):
            discoverer = rules(lexicons, shipped_lexicon, part_of_speech)
            discoverer.chunker = NounChunker(discoverer)
            return discoverer

        entities.cached_discoverer = with_chunks
    cli.main(["evaluate", "--corpus", gold, "--docs", docs, *options], standalone_mode=False)


if __name__ == "__main__":
    main(sys.argv[1:])
