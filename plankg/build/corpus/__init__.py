"""Corpus builds: a folder of plans (or many files) streamed into one dataset.

The stages still run one way — read → structure → extract → link → graph — once per
document, and this package orchestrates them over many documents:

1. ``walk`` (``walk.py``) lists the documents: files given by name, and every ``.txt .md
   .html .htm .docx .pdf`` file under a folder, recursively, in sorted order; a directory
   reached twice (a symlink loop, a second link to it) is walked once, and so is a file;
   hidden entries (``.git``) and Word's lock files (``~$…``) are left out; other files are
   counted, not read.
2. ``process`` (``documents.py``) turns one document into its result: its plan's named
   graph, serialised (sorted N-Quads lines, and/or one TriG block), the ``EntityRow``s it
   contributes to the shared entity graph, and a summary. It runs in worker processes
   (``jobs``, ``run.py``) or on a dask cluster (``cluster.py``); results come back in input
   order, so the output does not depend on the number of workers. Results are cached on
   disk (``ResultCache``) under a key of the document's bytes, its path, the build options
   and a fingerprint of plankg's build code and data.
3. ``CorpusWriter`` (``writer.py``) appends each document's block to the outputs as it
   arrives (N-Quads, optionally in shards of about ``shard_size`` quads, and TriG) and merges
   its rows into an ``EntityTable``; the entity graph is written last. Memory holds the
   entity table and a few documents in flight, never the graph. Files appear whole or not
   at all. ``report.py`` prints the per-document table and the totals.

Other formats (Turtle, N-Triples, JSON-LD) hold the whole graph in one piece: for them the
N-Quads are spooled to a temporary file and read back at the end — fine for tens of
documents, not for thousands (use ``.nq`` and a triple store's bulk loader).
"""
from __future__ import annotations

from .documents import (
           DocResult,
           Job,
           ResultCache,
           Settings,
           build_settings,
           corpus_cache_dir,
           fingerprint,
           process,
)
from .report import ignored_note, summary_table, totals_line
from .run import CorpusReport, build_corpus, build_inputs
from .walk import SUPPORTED_SUFFIXES, Source, Walk, walk
from .writer import CorpusWriter, shard_path

__all__ = ["SUPPORTED_SUFFIXES", "CorpusReport", "CorpusWriter", "DocResult", "Job", "ResultCache", "Settings",
           "Source", "Walk", "build_corpus", "build_inputs", "build_settings", "corpus_cache_dir", "fingerprint",
           "ignored_note", "process", "shard_path", "summary_table", "totals_line", "walk"]
