"""Reading documents, finding their structure, and extracting and linking entities.

The stages run one way: ``read`` → ``structure`` → ``pipeline`` (spaCy) → ``link``.
"""
from __future__ import annotations

from .link import Extraction, link
from .model import Document, Entity, Mention, PlanError, Unit
from .pipeline import cached_pipeline
from .structure import Structure, find_structure


def extract(document: Document, *, lexicons: tuple[str, ...] = (), shipped_lexicon: bool = True,
            part_of_speech: bool = True) -> Extraction:
    """Structure and entities of a read document."""
    structure = find_structure(document)
    nlp = cached_pipeline(tuple(lexicons), shipped_lexicon, part_of_speech)
    return link(document, structure, nlp(document.text))


__all__ = ["Document", "Entity", "Extraction", "Mention", "PlanError", "Structure", "Unit",
           "extract", "find_structure"]
