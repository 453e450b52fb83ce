"""Reading documents, finding their structure, and extracting and linking entities.

The stages run one way: ``read`` → ``structure`` → ``entities`` (sentences and names; the
same rules as spaCy components in ``pipeline``) → ``link`` → ``relations`` (roles and actions,
typed relations and figures, on ``Extraction.statements``).

jieba's tables and the lexicon take a moment to load, so this package loads them only when
entities are extracted (``extract()``); spaCy only when a learned recogniser is asked for
(see ``entities``). Reading a document, finding its structure and the CLI's ``--help`` and
error paths stay fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..cjk import full_width_punctuation
from .model import Document, Entity, Mention, PlanError, Unit
from .structure import Structure, find_structure

if TYPE_CHECKING:
    from .discovery import Discoverer
    from .link import Extraction


def extract(document: Document, *, lexicons: tuple[str, ...] = (), shipped_lexicon: bool = True,
            part_of_speech: bool = True, model: str | None = None) -> Extraction:
    """Structure and entities of a read document; ``model``: a learned recogniser to add the names
    it finds to the rules' (a folder ``plankg train`` wrote, or ``shipped``)."""
    from .relations import extract_statements

    structure = find_structure(document)
    if model is None:  # the rules alone: no spaCy (see entities)
        from .entities import cached_discoverer

        extraction = extract_with_rules(document, structure,
                                        cached_discoverer(tuple(lexicons), shipped_lexicon, part_of_speech))
    else:
        extraction = _extract_with_model(document, structure, tuple(lexicons), shipped_lexicon, part_of_speech,
                                         model)
    extraction.statements = extract_statements(extraction)  # roles and actions, typed relations, figures
    return extraction


def extract_with_rules(document: Document, structure: Structure, discoverer: Discoverer) -> Extraction:
    """Names from the rules alone (``discoverer``), linked to ``structure``: no spaCy. The rules
    read the text with its punctuation in full width (``full_width_punctuation``); mentions keep
    the document's characters."""
    from .link import link_resolved
    from .resolve import resolve
    from .sentences import sentence_spans

    text = full_width_punctuation(document.text)
    return link_resolved(document, structure, resolve(text, discoverer), sentence_spans(text), discoverer.lexicon)


def _extract_with_model(document: Document, structure: Structure, lexicons: tuple[str, ...], shipped_lexicon: bool,
                        part_of_speech: bool, model: str) -> Extraction:
    """Names from the spaCy pipeline: the learned recogniser's, then the rules' (``plan_entities``)."""
    from .link import link
    from .pipeline import PlanEntities, cached_pipeline

    nlp = cached_pipeline(lexicons, shipped_lexicon, part_of_speech, model)
    finder = nlp.get_pipe("plan_entities")
    if not isinstance(finder, PlanEntities):
        raise TypeError(f"plan_entities is a {type(finder).__name__}, not plankg's entity finder")
    return link(document, structure, nlp(full_width_punctuation(document.text)), finder.discoverer.lexicon)


def __getattr__(name: str) -> Any:
    if name == "Extraction":
        from .link import Extraction

        return Extraction
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Document", "Entity", "Extraction", "Mention", "PlanError", "Structure", "Unit",
           "extract", "extract_with_rules", "find_structure"]
