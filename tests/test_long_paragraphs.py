"""Run-on text: time and output linear in the length of a paragraph.

A paragraph with no sentence end (。！？) used to be one sentence, and every mention
in it carried that whole sentence as its evidence (``plan:sentence``): 4× the text gave
about 16× the output and the time (1 MB took 108 s, 30 MB never finished). Sentences
are now cut at clause marks past ``MAX_SENTENCE`` characters.
"""
from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

from rdflib import Graph

from plankg.extract.sentences import MAX_SENTENCE, sentence_spans
from plankg.ontology import PLAN


def _runon(chars: int) -> str:
    """The bundled plan's body as one line with no sentence ends, ``chars`` characters long."""
    from plankg.extract.read import read_bundled

    document = read_bundled()
    body = re.sub(r"[。！？；!?;\s]", "，", "".join(p.text for p in document.body))
    return document.title.text + "\n" + (body * (chars // len(body) + 1))[:chars] + "\n"


def test_a_sentence_without_an_end_is_cut_at_clause_marks():
    text = _runon(50_000)
    spans = sentence_spans(text)
    assert max(end - start for start, end in spans) <= MAX_SENTENCE
    body = [span for span in spans if span[0] > text.index("\n")]
    assert all(a[1] == b[0] for a, b in pairwise(body))  # contiguous: no text is lost
    assert all(text[end - 1] in "，；：、,;:" for _start, end in body[:-1])  # after a clause mark


def test_real_sentences_are_not_cut(bundled_doc):
    spans = sentence_spans(bundled_doc.text)
    assert max(end - start for start, end in spans) < MAX_SENTENCE


def test_four_times_the_paragraph_is_about_four_times_the_graph(run_plankg, tmp_path):
    sizes = {}
    for chars in (10_000, 40_000):
        source = tmp_path / f"runon-{chars}.txt"
        source.write_text(_runon(chars), encoding="utf-8")
        result = run_plankg("build", source, "-o", f"g-{chars}.nt", cwd=tmp_path, timeout=600)
        assert result.returncode == 0, result.stderr[-1000:]
        sizes[chars] = (tmp_path / f"g-{chars}.nt").stat().st_size
    assert sizes[40_000] < 6 * sizes[10_000], sizes
    graph = Graph().parse(Path(tmp_path / "g-40000.nt"), format="nt")
    assert max(len(str(sentence)) for sentence in graph.objects(None, PLAN.sentence)) <= MAX_SENTENCE
