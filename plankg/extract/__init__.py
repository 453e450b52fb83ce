"""Reading documents, finding their structure, and extracting and linking entities.

The stages run one way: ``read`` → ``structure`` → ``pipeline`` (spaCy) → ``link`` →
``relations`` (roles and actions, typed relations and figures, on ``Extraction.statements``).

spaCy and jieba take a second or more to import, so this package imports them
only when entities are extracted (``extract()`` or ``Extraction``): reading a
document, finding its structure and the CLI's ``--help`` and error paths stay
fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Document, Entity, Mention, PlanError, Unit
from .structure import Structure, find_structure

if TYPE_CHECKING:
    from .link import Extraction


def extract(document: Document, *, lexicons: tuple[str, ...] = (), shipped_lexicon: bool = True,
            part_of_speech: bool = True, model: str | None = None) -> Extraction:
    """Structure and entities of a read document; ``model``: a learned recogniser to add the names
    it finds to the rules' (a folder ``plankg train`` wrote, or ``shipped``)."""
    from .link import link
    from .pipeline import PlanEntities, cached_pipeline
    from .relations import extract_statements

    structure = find_structure(document)
    nlp = cached_pipeline(tuple(lexicons), shipped_lexicon, part_of_speech, model)
    finder = nlp.get_pipe("plan_entities")
    if not isinstance(finder, PlanEntities):
        raise TypeError(f"plan_entities is a {type(finder).__name__}, not plankg's entity finder")
    extraction = link(document, structure, nlp(document.text), finder.discoverer.lexicon)
    extraction.statements = extract_statements(extraction)  # issue 7: roles, relations, figures
    return extraction


def __getattr__(name: str) -> Any:
    if name == "Extraction":
        from .link import Extraction

        return Extraction
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Document", "Entity", "Extraction", "Mention", "PlanError", "Structure", "Unit",
           "extract", "find_structure"]
