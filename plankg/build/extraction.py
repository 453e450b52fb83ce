"""Reading a build's inputs and running them through the stages read → structure → extract
→ link: the extractions every command that builds starts from (``plankg build`` of one plan,
``evaluate``, ``annotate export``, ``diff`` of two document files, the bundled plan's graph).

Each check that can fail on the user's input runs before spaCy loads: a malformed lexicon,
an unreadable file, a document with no structure, a missing model folder.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..errors import PlanError, about

if TYPE_CHECKING:
    from ..extract.link import Extraction
    from ..extract.model import Document
    from ..graph.triples import TripleBuffer


class Progress:
    """One line per stage (through ``say``) while a long document builds (it may take minutes);
    silent unless ``enabled`` and the text is at least ``LONG`` characters."""

    LONG = 300_000  # characters of text

    def __init__(self, enabled: bool = False, say: Callable[[str], None] = print):
        self.enabled = enabled
        self.say = say
        self.began = time.monotonic()

    def start(self, chars: int) -> None:
        """The inputs are read: ``chars`` characters of text in all."""
        self.enabled = self.enabled and chars >= self.LONG
        if self.enabled:
            self.say(f"plankg: {chars:,} characters read")

    def show(self, stage: str) -> None:
        """A stage begins."""
        if self.enabled:
            self.say(f"plankg: {stage}… ({time.monotonic() - self.began:.0f} s so far)")


def read_input(path: str, max_size: int | None = None) -> Document:
    """A document named on the command line: standard input for -, else a regular file; at
    most ``max_size`` bytes either way (default 50 MB)."""
    from ..extract.read import DEFAULT_MAX_SIZE, read_document, read_file

    if path != "-":
        return read_document(read_file(path, max_size), name=path)
    limit = DEFAULT_MAX_SIZE if max_size is None else max_size
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise PlanError(f"<stdin>: larger than the limit of {limit:,} bytes (--max-size)")
    return read_document(data, name="<stdin>")


def located_warnings(extraction: Extraction) -> list[str]:
    """The extraction's warnings, each led by its document's name (``errors.about``)."""
    return [about(extraction.document.source, warning) for warning in extraction.warnings]


def extract_documents(inputs: Sequence[str], lexicons: tuple[str, ...] = (), shipped_lexicon: bool = True,
                      max_size: int | None = None, progress: Progress | None = None,
                      model: str | None = None) -> list[Extraction]:
    """The extractions of ``inputs`` (document files, or - for standard input; none: the bundled
    plan), in order. A malformed lexicon, an unreadable file or one with no structure fails
    (PlanError) before spaCy is loaded."""
    from ..extract import extract, find_structure
    from ..extract.lexicon import load_lexicon
    from ..extract.read import read_bundled

    load_lexicon(lexicons)  # a malformed lexicon fails before any document is read
    documents = [read_input(path, max_size) for path in inputs] if inputs else [read_bundled()]
    progress = progress or Progress()
    progress.start(sum(len(document.text) for document in documents))
    progress.show("finding the structure")
    for document in documents:
        find_structure(document)  # fails (PlanError) before spaCy is loaded
    progress.show("finding entities and relations")
    if model is not None:
        from ..extract.learned import check_model_folder

        check_model_folder(model)  # before spaCy loads
    return [extract(doc, lexicons=lexicons, shipped_lexicon=shipped_lexicon, model=model) for doc in documents]


def bundled_triples() -> TripleBuffer:
    """The bundled Shanghai plan's graph (a couple of seconds: spaCy loads)."""
    from ..graph.build import build_triples

    return build_triples(extract_documents(())[0])
