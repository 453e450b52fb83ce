"""Graph writing with pyoxigraph (plankg/graph/triples.py): the same graphs as rdflib's
writers gave, byte-identical from run to run, sorted and prefixed Turtle."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from plankg.graph.build import build_quads, build_triples
from plankg.graph.serialize import serialize

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ["bundled", *sorted(p.relative_to(ROOT / "tests" / "fixtures").as_posix()
                                for p in (ROOT / "tests" / "fixtures").rglob("*")
                                if p.suffix in (".txt", ".html", ".md") and p.name != "README.md")]
RDFLIB_NAMES = {"turtle": "turtle", "nt": "nt"}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_native_files_hold_the_graph_rdflib_wrote(name, extraction_of):
    buffer = build_triples(extraction_of(name))
    reference = buffer.to_rdflib()
    # rdflib's own Turtle writer (the path before pyoxigraph) and pyoxigraph's files
    before = Graph().parse(data=serialize(reference, "turtle"), format="turtle")
    assert len(before) == len(buffer) > 20
    for fmt, rdflib_name in RDFLIB_NAMES.items():
        written = Graph().parse(data=serialize(buffer, fmt), format=rdflib_name)
        assert isomorphic(written, before), (name, fmt)


def test_native_quads_hold_the_dataset_rdflib_wrote(extraction_of):
    extractions = [extraction_of("bundled"), extraction_of("gbk_plan.txt")]
    buffer = build_quads(extractions)
    before = Dataset().parse(data=serialize(buffer.to_rdflib(), "nquads"), format="nquads")
    for fmt in ("trig", "nquads"):
        written = Dataset().parse(data=serialize(buffer, fmt), format=fmt)
        assert len(written) == len(before) and set(written.quads()) == set(before.quads()), fmt


def test_turtle_is_sorted_prefixed_and_readable(extraction_of):
    text = serialize(build_triples(extraction_of("bundled")), "turtle").decode("utf-8")
    head, body = text.split("\n\n", 1)
    prefixes = head.splitlines()
    assert prefixes == sorted(prefixes) and all(line.startswith("@prefix ") for line in prefixes)
    declared = [line.split()[1] for line in prefixes]
    assert all(re.search(rf"(?<![\w-]){re.escape(prefix)}", body) for prefix in declared)  # only those used
    blocks = body.strip().split("\n\n")
    subjects = [block.split(" ", 1)[0] for block in blocks]
    assert subjects == sorted(subjects) and len(set(subjects)) == len(subjects)
    assert all(block.endswith(" .") for block in blocks)
    assert "\\/" not in text and "\t" not in text
    assert all(block.split(" ", 2)[1] == "a" for block in blocks)  # every subject has a type, written first


def test_every_format_is_byte_identical_run_to_run(tmp_path):
    formats = ["ttl", "nt", "jsonld", "trig", "nq"]
    outputs = {}
    for seed in ("1", "2024"):
        folder = tmp_path / seed
        args = [arg for ext in formats for arg in ("-o", str(folder / f"graph.{ext}"))]
        result = subprocess.run([sys.executable, "-m", "plankg", "build", *args], cwd=tmp_path, check=False,
                                env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True,
                                timeout=600)
        assert result.returncode == 0, result.stderr
        outputs[seed] = {ext: (folder / f"graph.{ext}").read_bytes() for ext in formats}
    for ext in formats:
        assert outputs["1"][ext] == outputs["2024"][ext], ext
    assert len(Graph().parse(data=outputs["1"]["ttl"], format="turtle")) > 10_000


def test_a_corpus_writes_its_whole_graph_natively(tmp_path):
    corpus = ROOT / "tests" / "corpus"
    result = subprocess.run([sys.executable, "-m", "plankg", "build", str(corpus), "--no-cache", "-o",
                             str(tmp_path / "all.nq"), "-o", str(tmp_path / "all.ttl"), "-o", str(tmp_path / "all.jsonld")],
                            cwd=tmp_path, check=False, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    quads = Dataset().parse(tmp_path / "all.nq", format="nquads")
    union = Graph()
    for s, p, o, _ in quads.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(Graph().parse(tmp_path / "all.ttl", format="turtle"), union)
    from_jsonld = Dataset().parse(tmp_path / "all.jsonld", format="json-ld")
    assert set(from_jsonld.quads()) == set(quads.quads()) and len(union) > 500


def test_line_formats_are_written_as_pyoxigraph_writes_them():
    """plankg writes N-Triples terms itself (``iri``, ``literal``); every escape, language tag
    and datatype must come out as pyoxigraph's writer gives them."""
    import pyoxigraph as ox

    from plankg.graph.triples import TripleBuffer, iri, literal

    awkward = "".join(map(chr, range(0x20))) + '"\\\x7f\x80\u2028\ufeff中文 tail'
    xsd = "http://www.w3.org/2001/XMLSchema#"
    objects = [(literal(awkward), ox.Literal(awkward)),
               (literal(awkward, "ZH-Hans"), ox.Literal(awkward, language="zh-hans")),
               (literal("x", datatype=iri(f"{xsd}string")), ox.Literal("x")),
               (literal(7, datatype=iri(f"{xsd}nonNegativeInteger")),
                ox.Literal("7", datatype=ox.NamedNode(f"{xsd}nonNegativeInteger"))),
               (literal("2024-01-02", datatype=iri(f"{xsd}date")),
                ox.Literal("2024-01-02", datatype=ox.NamedNode(f"{xsd}date"))),
               (iri("http://example.org/实体/a-1"), ox.NamedNode("http://example.org/实体/a-1"))]
    buffer = TripleBuffer()
    graph = "http://example.org/g"
    quads = []
    for n, (term, native) in enumerate(objects):
        buffer.graph(graph).add((iri(f"http://example.org/s{n}"), iri("http://example.org/p"), term))
        quads.append(ox.Quad(ox.NamedNode(f"http://example.org/s{n}"), ox.NamedNode("http://example.org/p"), native,
                             ox.NamedNode(graph)))
    expected = b"".join(sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)))
    assert serialize(buffer, "nquads") == expected
    assert b"\\u0000" in expected and b"@zh-hans" in expected


def test_a_builder_given_an_rdflib_graph_fills_it_with_the_plans_triples(extraction_of):
    """``GraphBuilder`` still takes an rdflib ``Graph`` (as before terms became N-Triples
    text): it holds the same triples as ``build_graph`` gives."""
    from rdflib import Graph

    from plankg.graph.build import GraphBuilder, build_graph

    extraction = extraction_of("bundled")
    target = Graph()
    GraphBuilder(target).add(extraction)
    built = build_graph(extraction)
    assert len(target) == len(built) > 1000 and set(target) == set(built)
