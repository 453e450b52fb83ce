"""Read a plan document (a path or raw bytes) into a :class:`~plankg.extract.model.Document`.

The reader is the first pipeline stage. It

1. turns a Word (.docx) or PDF document into plain text (``office.py``) and
   reads that as a text document; refuses other inputs that are not text
   documents (missing path, directory, empty file, image/ZIP/old Office files,
   NUL-ridden binaries) with a one-line :class:`PlanError`;
2. decodes the bytes, judging only the bytes: a byte-order mark, then strict
   UTF-8, then UTF-16/32 recognised by the pattern of NUL bytes, then GB18030
   (or Big5) when it decodes cleanly into mostly CJK text, with charset-normalizer
   as tie-breaker and last resort;
3. recognises the layout (``news-post``: YAML front matter then HTML;
   ``govcn-html``: a gov.cn page with the text in ``<td id="UCAP-CONTENT">``;
   ``html``; ``markdown``; ``text``, whose lines are joined back into paragraphs
   where it was wrapped at a fixed width) and cuts it into paragraphs, remembering for
   every character of the clean text the span of the decoded source it came from
   (``raw[raw_starts[i]:raw_ends[i]]``; an entity such as ``&nbsp;`` is one span);
4. finds the plan's own title (joining a title split over up to three lines),
   moves what is not the plan into ``lead`` (a news lead before the title; the
   document number, addressee, signature, date and closing notes around the
   text) and collects metadata.

Knowledge — document-type words, caption and numbering patterns, HTML tag sets,
document-number prefixes of issuers — lives in ``data/reader.yaml`` and
``data/issuers.tsv``; both are loaded once (``config.py``).

The modules, in the order a document passes through them:

* ``files``: which inputs are read — regular files within the size limit, not binaries;
  ``office``: Word and PDF files as plain text;
* ``encodings``: bytes to text;
* ``runs``: paragraphs as characters with their source spans, and a page's paragraphs;
* ``layouts``: plain text and Markdown, and which layout a text has; ``wrapped``: plain
  text wrapped at a fixed width; ``htmlpage``: HTML and gov.cn pages;
* ``head``: the document's head — title, 文号, addressee, a decree, gov.cn labels;
  ``tail``: its end — signatures, dates and closing notes; ``facts``: what both find,
  and dates;
* ``metadata``: title, date, publishers (forwarded authors too) from all of the above;
* ``assembly``: the roles of the paragraphs, and the ``Document`` put together.
"""
from __future__ import annotations

import os

from ...datafiles import data_bytes
from ..model import Document
from .assembly import read_bytes
from .files import DEFAULT_MAX_SIZE, one_line, read_file

__all__ = ["BUNDLED_SOURCE", "DEFAULT_MAX_SIZE", "read_bundled", "read_document", "read_file"]

BUNDLED_SOURCE = "bundled:shanghai-ifc-14th-fyp"
_BUNDLED_FILE = "data/seed/000_3caac22b84fb63e1.txt"


def read_document(source: str | os.PathLike | bytes, *, name: str | None = None) -> Document:
    """Read a plan from a file path or from raw bytes.

    ``name`` labels bytes in messages and in ``Document.source`` (default
    ``"<bytes>"``); for a path, ``Document.source`` is the path as given.
    Raises :class:`PlanError` (one line, naming the input) for bad input.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        label = one_line(name or "<bytes>")
        return read_bytes(bytes(source), label)
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        return read_bytes(read_file(path), one_line(path))
    raise TypeError(f"read_document() needs a path or bytes, not {type(source).__name__}")


def read_bundled() -> Document:
    """Read the plan bundled with plankg (Shanghai IFC 14th five-year plan news post)."""
    return read_bytes(data_bytes("plankg.extract", _BUNDLED_FILE), BUNDLED_SOURCE)
