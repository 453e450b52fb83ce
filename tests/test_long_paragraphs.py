"""Run-on text: time and output linear in the length of a paragraph.

A paragraph with no sentence end (。！？) used to be one sentence, and every mention
in it carried that whole sentence as its evidence (``plan:sentence``): 4× the text gave
about 16× the output and the time (1 MB took 108 s, 30 MB never finished). Sentences
are now cut at clause marks past ``MAX_SENTENCE`` characters.

The output is still about 75 times the text (each mention carries its sentence), so a build
writes Turtle and N-Triples a chunk at a time and never holds the file: memory grows by
tens of MB per MB of run-on text, not by the 500 MB it took when the file was held (with
copies for sorting) before it was written.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
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


def _peak_rss_mb(source: Path, output: Path) -> float:
    """Peak resident memory of ``plankg build source -o output`` (a subprocess), in MB."""
    process = subprocess.Popen([sys.executable, "-m", "plankg", "build", str(source), "-o", str(output)],
                               cwd=source.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _pid, status, usage = os.wait4(process.pid, 0)
    finally:
        process.kill()  # a no-op once it has exited; bounded by the suite's own timeout otherwise
    assert os.waitstatus_to_exitcode(status) == 0, process.stderr.read()[-1000:]
    return usage.ru_maxrss / 1024


def test_memory_grows_by_a_small_multiple_of_the_text(tmp_path):
    """From a quarter MB to 1 MB of one-line text (about 60 MB of N-Triples more), the peak grows by
    less than 200 MB (it grew by about 370 MB when the file was held whole)."""
    peaks = {}
    for chars in (87_000, 350_000):  # 0.25 and 1 MB of UTF-8
        source = tmp_path / f"runon-{chars}.txt"
        source.write_text(_runon(chars), encoding="utf-8")
        peaks[chars] = _peak_rss_mb(source, tmp_path / f"g-{chars}.nt")
    assert (tmp_path / "g-350000.nt").stat().st_size > 50 * 2**20
    assert peaks[350_000] - peaks[87_000] < 200, peaks
