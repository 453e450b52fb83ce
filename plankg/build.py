"""Building graphs from documents, for the callers above the stages: the query cache (the
bundled plan's graph), ``diff`` of two document files and notebooks.

The stages run read → structure → extract → link → graph; this module strings them
together so that ``plankg.queries`` runs queries on graphs and never builds one itself
(it imports this module, not ``plankg.extract``). A corpus build has its own orchestration
in ``plankg.graph.corpus`` (workers, the per-document cache, streamed output).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .extract.link import Extraction
    from .graph.triples import TripleBuffer


def extract_documents(paths: Sequence[str], lexicons: tuple[str, ...] = (),
                      shipped_lexicon: bool = True) -> list[Extraction]:
    """The extractions of document files, in order. A malformed lexicon, an unreadable file
    or one with no structure fails (PlanError) before spaCy is loaded."""
    from .extract import extract, find_structure
    from .extract.lexicon import load_lexicon
    from .extract.read import read_document

    load_lexicon(lexicons)
    documents = [read_document(path) for path in paths]
    for document in documents:
        find_structure(document)
    return [extract(d, lexicons=lexicons, shipped_lexicon=shipped_lexicon) for d in documents]


def bundled_triples() -> TripleBuffer:
    """The bundled Shanghai plan's graph (a couple of seconds: spaCy loads)."""
    from .extract import extract
    from .extract.read import read_bundled
    from .graph.build import build_triples

    return build_triples(extract(read_bundled()))
