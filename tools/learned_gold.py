"""Write plankg/extract/learned/data/gold.jsonl: the shipped training data of the learned recogniser.

    python tools/learned_gold.py [--corpus ../shared/corpus] [--output PATH]

Every gold annotation plankg has, turned into entity spans on plankg's own clean text
(``Document.text`` of plankg's reader, the text the model reads at run time):

- the 21 real documents with corpus gold (JSON) that the extractor was developed on:
  ``../shared/corpus/gold/*.json`` (6) and ``tests/gold/corpus/*.json`` (15), their texts in
  ``../shared/corpus/docs/``; named ``corpus/<stem>``. The documents annotated after the
  extraction work (set "after" of docs/quality-first-sight.json) are left out: they are the
  first-sight test of rules and model alike (docs/quality-learned.md);
- the entity gold of tests/gold/*.yaml: the bundled plan and the discovery fixtures; named
  ``fixture/<stem>``.

A gold file lists names, not positions: every occurrence of every name, alias and link blocker
is found leftmost-longest without overlap, the linking rule of the corpus gold (verify.py), and
the occurrences of names and aliases become spans of the entity's type (blockers only block).
Two exceptions the bundled plan's gold states in its header are kept: 上海金/上海油/上海铜/上海胶
are names only in quotes (never in 上海金融…), and 沪 only after 在/来/赴/驻/留/返/离 (在沪).

The texts are public documents of the State Council and its General Office (see
../shared/corpus/SOURCES.md). The output is sorted and byte-identical for the same inputs.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from plankg.extract.evaluate import load_gold
from plankg.extract.learned.annotations import AnnotatedText, corpus_gold_text, doccano_line, names_in_text
from plankg.extract.read import read_bundled, read_document

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "plankg" / "extract" / "learned" / "data" / "gold.jsonl"
QUOTED_ONLY = ("上海金", "上海油", "上海铜", "上海胶")
AFTER_VERB_ONLY = {"沪": "在来赴驻留返离"}


def held_out_documents() -> set[str]:
    """The corpus documents annotated after the extraction work (set "after" of
    docs/quality-first-sight.json): the one first-sight test of the finished extractor, kept
    out of training so that it stays one for the model too."""
    figures = json.loads((ROOT / "docs" / "quality-first-sight.json").read_text("utf-8"))
    return {stem for stem, row in figures["documents"].items() if row["set"] == "after"}


def fixture_document(path: Path) -> AnnotatedText:
    """A YAML entity gold file of tests/gold as spans on its document's text."""
    gold = load_gold(path)
    document = read_bundled() if gold.document.startswith("bundled:") else read_document(ROOT / gold.document)
    forms = {name: entity.type for entity in gold.entities for name in entity.names}
    return AnnotatedText(f"fixture/{path.stem}", document.text,
                         tuple(names_in_text(document.text, forms, guard=_stated_exceptions)))


def _stated_exceptions(text: str, start: int, end: int) -> bool:
    name = text[start:end]
    if name in QUOTED_ONLY:
        return start > 0 and text[start - 1] in "“\"「" and text[end:end + 1] in ("”", "\"", "」")
    if name in AFTER_VERB_ONLY:
        return start > 0 and text[start - 1] in AFTER_VERB_ONLY[name]
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    held_out = held_out_documents()
    gold_files = [*sorted((args.corpus / "gold").glob("*.json")),
                  *sorted((ROOT / "tests" / "gold" / "corpus").glob("*.json"))]
    documents = [corpus_gold_text(path, args.corpus / "docs") for path in gold_files if path.stem not in held_out]
    documents += [fixture_document(path) for path in sorted((ROOT / "tests" / "gold").glob("*.yaml"))]
    documents.sort(key=lambda d: d.name)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("".join(doccano_line(d) + "\n" for d in documents), "utf-8")
    spans = sum(len(d.annotations) for d in documents)
    print(f"wrote {args.output}: {len(documents)} documents, {sum(len(d.text) for d in documents):,} characters, "
          f"{spans:,} entity spans")


if __name__ == "__main__":
    main()
