"""Bad input, the way a user meets it: real ``python -m plankg`` subprocesses.

Every expected problem ends with exit status 2 and exactly one line on stderr
that names the file and the problem; nothing is written (and an existing
output file is left as it was).

Each case gets its own directory; the module fixture ``ran`` runs all the
cases' subprocesses concurrently, and each test checks the result of its own.
"""
from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
OLD = b"# an older graph, to be left alone\n"


def _random_bytes() -> bytes:
    # no NUL bytes (those are refused as binary before decoding is tried) and no
    # byte-order mark: random high bytes that are neither UTF-8 nor GB18030 nor Big5
    rng = random.Random(20240515)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(3000))


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>一、总体要求</w:document>")
    return buffer.getvalue()


# name -> (content: bytes, "dir" for a directory, None for nothing; words the message must hold)
BAD_INPUTS = {
    "missing.txt": (None, ["no such file"]),
    "folder": ("dir", ["directory"]),
    "empty.txt": (b"", ["empty"]),
    "blank.txt": (" \r\n\t\n\u3000\u3000\n".encode(), ["whitespace"]),
    "fake.pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", ["PDF"]),
    "image.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", ["PNG"]),
    "plan.docx": (_zip(), ["ZIP"]),
    "noise.txt": (_random_bytes(), ["cannot decode"]),
    "blank.html": (b"<!DOCTYPE html><html><head><title></title><style>p{}</style>"
                   b"<script>var t='<p>x</p>';</script></head><body><div><img src='a.png'></div>"
                   b"<p>&nbsp;</p></body></html>", ["no text"]),
}
KEEP_EXISTING = ["missing.txt", "fake.pdf", "blank.txt"]
UNKNOWN_OUTPUTS = ["out.xml", "out", "out.TXT"]
#: name: (content, where the error is: FILE:LINE:COLUMN, as compilers write it)
UNPARSEABLE = {
    "bad.ttl": ("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ;\n ex:d .\n", "bad.ttl:3:7: "),
    "bad.nt": ("<http://example.org/a> <http://example.org/b> \"unterminated .\n", "bad.nt:1:"),
    "bad.jsonld": ('{"@id": "http://example.org/a", ', "bad.jsonld:1:"),
    "bad.trig": ("<http://example.org/g> { <http://example.org/a> <http://example.org/b> }\n", "bad.trig:1:72: "),
}
LEXICONS = {
    "two-fields": (["# my names", "ccp12\tinstitution\t全球清算对手方协会\tCCP12", "上海金\tbenchmark"], 3,
                   "expected 4 tab-separated fields"),
    "unknown-type": (["id\ttype\tname\taliases", "\tcompany\t上海清算所\t"], 2, "unknown type 'company'"),
}


def make_input(directory: Path, name: str) -> Path:
    content, _ = BAD_INPUTS[name]
    path = directory / name
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    return path


def _write(name: str, content: str | bytes) -> Callable[[Path], None]:
    def setup(directory: Path) -> None:
        path = directory / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return setup


def _cases() -> dict[str, tuple[Callable[[Path], None], list[str]]]:
    """case id -> (set up its directory, plankg arguments)"""
    cases = {}
    for name in BAD_INPUTS:
        cases[f"bad/{name}"] = (lambda d, n=name: make_input(d, n), ["build", name, "-o", "out.ttl"])
    for name in KEEP_EXISTING:
        def setup(d: Path, n: str = name) -> None:
            make_input(d, n)
            (d / "out.ttl").write_bytes(OLD)
        cases[f"existing/{name}"] = (setup, ["build", name, "-o", "out.ttl"])

    def among_good(d: Path) -> None:
        make_input(d, "empty.txt")
        (d / "out.trig").write_bytes(OLD)
    cases["among-good"] = (among_good, ["build", str(FIXTURES / "gbk_plan.txt"), "empty.txt", "-o", "out.trig"])
    for output in UNKNOWN_OUTPUTS:
        cases[f"output/{output}"] = (lambda d: None, ["build", str(FIXTURES / "gbk_plan.txt"), "-o", output])
    cases["output/second-bad"] = (lambda d: None, ["build", str(FIXTURES / "gbk_plan.txt"), "-o", "good.ttl",
                                                   "-o", "bad.n3"])
    cases["validate/missing"] = (lambda d: None, ["validate", "nothing.ttl"])
    for name, (content, _) in UNPARSEABLE.items():
        cases[f"validate/{name}"] = (_write(name, content), ["validate", name])
    cases["validate/no-plan"] = (_write("empty.ttl", "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n"),
                                 ["validate", "empty.ttl"])
    cases["validate/unknown-extension"] = (_write("graph.n3", "{ } => { } ."), ["validate", "graph.n3"])
    for key, (lines, _, _) in LEXICONS.items():
        cases[f"lexicon/{key}"] = (_write("names.tsv", "\n".join(lines) + "\n"),
                                   ["build", "--lexicon", "names.tsv", "-o", "out.ttl"])
    cases["lexicon/missing"] = (lambda d: None, ["build", "--lexicon", "nowhere.tsv", "-o", "out.ttl"])
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def ran(tmp_path_factory, run_plankg) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    """Every case run once, four subprocesses at a time."""
    dirs = {}
    for key, (setup, _) in CASES.items():
        dirs[key] = tmp_path_factory.mktemp("bad")
        setup(dirs[key])

    def run(key: str):
        return key, run_plankg(*CASES[key][1], cwd=dirs[key])

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(pool.map(run, CASES))
    return {key: (dirs[key], results[key]) for key in CASES}


def assert_one_line_error(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("plankg: error: "), line
    for word in words:
        assert word in line, (word, line)
    assert result.stdout == ""
    return line


def assert_nothing_written(directory: Path, out: str = "out.ttl") -> None:
    assert not (directory / out).exists()
    assert not list(directory.glob(f".{out}.*.part"))
    assert not list(directory.glob("*.part")) and not list(directory.glob(".*.part"))


def test_cases_are_all_run(ran):
    assert set(ran) == set(CASES)


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2(ran, name):
    directory, result = ran[f"bad/{name}"]
    _, words = BAD_INPUTS[name]
    assert_one_line_error(result, name, *words)
    assert_nothing_written(directory)


@pytest.mark.parametrize("name", KEEP_EXISTING)
def test_failed_build_leaves_an_existing_output_alone(ran, name):
    directory, result = ran[f"existing/{name}"]
    assert_one_line_error(result, name)
    assert (directory / "out.ttl").read_bytes() == OLD
    assert not list(directory.glob(".out.ttl.*.part"))


def test_one_bad_input_among_good_ones_writes_nothing(ran):
    directory, result = ran["among-good"]
    assert_one_line_error(result, "empty.txt", "empty")
    assert (directory / "out.trig").read_bytes() == OLD


@pytest.mark.parametrize("output", UNKNOWN_OUTPUTS)
def test_unknown_output_extension(ran, output):
    directory, result = ran[f"output/{output}"]
    line = assert_one_line_error(result, output, "unknown output format", ".ttl")
    assert ".trig" in line
    assert list(directory.iterdir()) == []


def test_one_unknown_output_among_several_writes_nothing(ran):
    directory, result = ran["output/second-bad"]
    assert_one_line_error(result, "bad.n3", "unknown output format")
    assert list(directory.iterdir()) == []


# ---------------------------------------------------------------- plankg validate


def test_validate_missing_file(ran):
    _, result = ran["validate/missing"]
    assert_one_line_error(result, "nothing.ttl", "no such")


@pytest.mark.parametrize("name", sorted(UNPARSEABLE))
def test_validate_unparseable_file(ran, name):
    _, result = ran[f"validate/{name}"]
    _, where = UNPARSEABLE[name]
    line = assert_one_line_error(result, name, "does not parse")
    assert line.startswith(f"plankg: error: {where}"), line
    assert "b'" not in line  # no Python byte strings


def test_validate_a_graph_with_no_plan(ran):
    _, result = ran["validate/no-plan"]
    assert_one_line_error(result, "empty.ttl", "no plan:Plan")


def test_validate_unknown_extension(ran):
    _, result = ran["validate/unknown-extension"]
    assert_one_line_error(result, "graph.n3", "unknown graph format .n3")


# ---------------------------------------------------------------- --lexicon


@pytest.mark.parametrize("key", sorted(LEXICONS))
def test_malformed_lexicon(ran, key):
    directory, result = ran[f"lexicon/{key}"]
    _, line_number, message = LEXICONS[key]
    assert_one_line_error(result, f"names.tsv:{line_number}:", message)
    assert_nothing_written(directory)


def test_missing_lexicon(ran):
    directory, result = ran["lexicon/missing"]
    assert_one_line_error(result, "nowhere.tsv", "not found")
    assert_nothing_written(directory)


# ---------------------------------------------------------------- fast failure


def test_errors_come_before_spacy_loads(tmp_path):
    """Reading and structure errors are reported before the NLP pipeline is imported."""
    code = ("import sys\nfrom plankg.cli import main\n"
            "try:\n    main(['build', 'missing.txt', '-o', 'out.ttl'])\n"
            "except SystemExit as exit:\n    print(exit.code, 'spacy' in sys.modules, 'jieba' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.split() == ["2", "False", "False"], result.stderr
