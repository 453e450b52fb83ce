"""Extraction speed against bare tokenisation, in the same process on the same text.

    python bench/extract.py [--megabytes 1.2] [--repeat 3] [--model shipped|DIR]

Builds a corpus of at least the given size (UTF-8) from the bundled plan and the
test fixtures, then times ``spacy.blank("zh")`` alone and plankg's whole
extraction pipeline (sentences, lexicon, discovery, resolution) over it. Prints
chars/s for both and the ratio; the target is a ratio of at most 2.

plankg's pipeline has its own character tokenizer, which builds the same Doc as
spaCy's (tested token for token) in linear time; the script also prints how the
entity components alone compare with bare tokenisation, so that neither figure
hides the other.

``--model`` times the extraction with a learned recogniser as well (``plankg build --model``).

Every copy after the first has its place names swapped for other places and its
digits shifted, so that copies are not byte-identical: plankg remembers how it
decided a name in a given local context, and verbatim copies would flatter it.
"""
from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

import spacy

from plankg.extract.lexicon import gazetteer
from plankg.extract.pipeline import build_pipeline
from plankg.extract.read import read_bundled, read_document

ROOT = Path(__file__).resolve().parents[1]


def corpus(megabytes: float) -> list[str]:
    sources = [read_bundled()] + [read_document(p) for p in sorted((ROOT / "tests" / "fixtures").rglob("*"))
                                  if p.suffix in (".txt", ".html", ".md")]
    texts = [doc.text for doc in sources]
    places = sorted({e.name for e in gazetteer()[0] if len(e.name) >= 2}, key=lambda n: (-len(n), n))
    pattern = re.compile("|".join(map(re.escape, places)))
    documents, size, copy = [], 0, 0
    while size < megabytes * 1_000_000:
        for text in texts:
            document = vary(text, copy, pattern, places)
            documents.append(document)
            size += len(document.encode("utf-8"))
        copy += 1
    return documents


def vary(text: str, copy: int, pattern: re.Pattern[str], places: list[str]) -> str:
    """Copy ``copy`` of a text: places swapped for others (by a fixed rule), digits shifted."""
    if copy == 0:
        return text
    text = pattern.sub(lambda m: places[(places.index(m.group()) * 7 + copy * 131) % len(places)], text)
    return re.sub(r"\d", lambda m: str((int(m.group()) + copy) % 10), text)


def seconds(nlp, documents: list[str]) -> float:
    """CPU seconds of this process: steadier than wall time on a shared machine."""
    start = time.process_time()
    for _ in nlp.pipe(documents):  # a Language or a tokenizer: both have pipe()
        pass
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.2)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--model", default=None, help="also time the extraction with this learned recogniser")
    args = parser.parse_args()
    documents = corpus(args.megabytes)
    chars = sum(map(len, documents))
    bare, ours = spacy.blank("zh"), build_pipeline()
    discoverer = ours.get_pipe("plan_entities").discoverer
    discoverer.warm_up()  # load jieba's dictionary before timing
    bare_times, our_times, tokenizer_times = [], [], []
    for _ in range(args.repeat):
        bare_times.append(seconds(bare, documents))
        discoverer.forget()  # nothing remembered from the last run
        our_times.append(seconds(ours, documents))
        tokenizer_times.append(seconds(ours.tokenizer, documents))
    bare_s, our_s = statistics.median(bare_times), statistics.median(our_times)
    components_s = our_s - statistics.median(tokenizer_times)
    print(f"corpus: {len(documents)} documents, {chars:,} characters, "
          f"{sum(len(d.encode('utf-8')) for d in documents) / 1e6:.2f} MB")
    print(f"bare spacy.blank('zh'): {chars / bare_s:,.0f} chars/s (median of {args.repeat})")
    print(f"plankg extraction:      {chars / our_s:,.0f} chars/s (median of {args.repeat})")
    print(f"ratio extraction / bare: {our_s / bare_s:.2f} (target <= 2.00)")
    print(f"  of which plankg's tokenizer {1 - components_s / our_s:.0%}; the entity components alone "
          f"cost {components_s / bare_s:.2f}x bare tokenisation")
    print(f"head-word names decided from memory of a local context (last run): {discoverer.memo_hit_rate():.0%}")
    if args.model:
        with_model = build_pipeline(model=args.model)
        with_model.get_pipe("plan_entities").discoverer.warm_up()
        model_s = statistics.median(seconds(with_model, documents) for _ in range(args.repeat))
        print(f"plankg extraction with the model {args.model}: {chars / model_s:,.0f} chars/s; "
              f"ratio to bare {model_s / bare_s:.2f}, to the rules alone {model_s / our_s:.2f}")


if __name__ == "__main__":
    main()
