"""The entity rules for a build, without spaCy: what ``extract()`` runs.

``pipeline.py`` offers the same rules as spaCy components (``plan_sentences``,
``plan_entities``) for notebooks and for the learned recogniser, whose model needs a Doc.
A build needs only their results — the sentence spans and the resolved names of the text
— so ``extract()`` asks for them here and imports spaCy only when a learned recogniser is
used: spaCy's import is most of a second per process (a fifth of a corpus build), and its
Doc, one token per character, another tenth.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from .discovery import Discoverer
from .lexicon import load_lexicon


@lru_cache(maxsize=4)
def cached_discoverer(lexicons: tuple[str, ...] = (), shipped_lexicon: bool = True,
                      part_of_speech: bool = True, noun_chunks: bool = False) -> Discoverer:
    """The discovery rules on the lexicon these options give, built once per process (see
    ``long_lived``): the same as the ``plan_entities`` component's. ``noun_chunks``: with the
    names of part-of-speech noun chunks as well (chunks.py; off by default)."""
    with long_lived():
        discoverer = Discoverer(load_lexicon(tuple(lexicons), shipped=shipped_lexicon), use_pos=part_of_speech)
        if noun_chunks:
            from .chunks import NounChunker

            discoverer.chunker = NounChunker(discoverer)
        return discoverer


@contextmanager
def long_lived() -> Iterator[None]:
    """For objects that live as long as the process (the lexicon, automata and tables of the
    rules, a cached pipeline): the cyclic garbage collector does not run while they are
    made, and leaves them out of every later collection (``gc.freeze``); each collection of
    the oldest generation walked all of them again — a tenth of a corpus build."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
