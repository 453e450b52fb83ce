"""Whole-process cost of ``plankg`` commands against the floor, in CPU seconds.

    python bench/build.py [--runs 5] [--big-runs 3] [--megabytes 2] [--skip-big]

Each figure is the CPU time (user + system) of a whole process, interpreter start-up
included, measured by the operating system (``wait4``); the minimum and the median of
``--runs`` runs are printed. CPU time rather than wall time: the machine is shared.

* **floor**: a process that does ``spacy.blank("zh")`` and tokenises the same text — what
  any spaCy-based build of the document must at least cost (plankg's builds run its rules
  without spaCy unless a learned recogniser is asked for, so they can go below it);
* **build**: ``plankg build -o out.ttl`` on the bundled plan, and the ratio to the floor;
* **phases**: one build in a fresh process with ``time.process_time()`` taken between its
  stages (start-up and imports, read, structure, rules load, extraction, graph
  building, writing), so that the ratio can be explained;
* **big plan**: a plan of ``--megabytes`` MB made by repeating the bundled plan's text with
  every number changed in each copy (no two copies alike), built the same way, against its
  floor. spaCy's Chinese character segmenter is quadratic in the length of the text it is
  given (``spacy.util.get_words_and_spaces`` slices the rest of the text for every
  character), so the big plan has two floors: the text tokenised whole (what the issue's
  target is measured against) and tokenised in pieces the size of the bundled plan (linear);
* **corpus**: ``plankg build DIR -o corpus.nq --jobs 1 --no-cache`` on a folder of real
  documents (``--corpus``, by default ``../shared/corpus/docs`` beside the repository when it
  is there), in characters (of the documents as read) per CPU second of the whole process,
  against its floor (``spacy.blank("zh")`` tokenising every document's text);
* **start-up**: ``plankg --help``, and ``plankg query NAME`` on the bundled plan's cached
  graph (the cache is filled before, and before each run, so that an edit to plankg's code
  between runs does not time a rebuild).

Targets (the issue on one build path and speed): build ≤ 2× the floor (goal 1.5×); the big plan within 3× of its floor;
a corpus ≥ 150 k characters per CPU second; ``plankg query`` < 0.5 s; ``plankg --help`` < 0.3 s.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

QUERY = "counts"  # a named query of the library (plankg queries)
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "docs"  # the real documents, when present
_FLOOR = """
import sys
import spacy
text = open(sys.argv[1], encoding="utf-8").read()
nlp = spacy.blank("zh")
nlp.max_length = 10**9
piece = int(sys.argv[2])
if piece:
    for _ in nlp.tokenizer.pipe([text[i:i + piece] for i in range(0, len(text), piece)]):
        pass
else:
    nlp.tokenizer(text)
"""
_FLOOR_DOCUMENTS = """
import json, sys
import spacy
nlp = spacy.blank("zh")
nlp.max_length = 10**9
for _ in nlp.tokenizer.pipe(json.load(open(sys.argv[1], encoding="utf-8"))):
    pass
"""


def cpu_seconds(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """User + system CPU seconds of one run of ``command`` (which must succeed). Its stderr
    goes to a file: a pipe nobody reads until the end would block a talkative build."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n"
                             f"{errors.read().decode('utf-8', 'replace')[-4000:]}")
    return usage.ru_utime + usage.ru_stime


def runs(command: list[str], cwd: Path, count: int, env: dict[str, str] | None = None,
         before: list[str] | None = None) -> list[float]:
    """CPU seconds of ``count`` runs (``before``, untimed, ahead of each)."""
    times = []
    for _ in range(count):
        if before:
            subprocess.run(before, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(cpu_seconds(command, cwd, env))
    return times


def line(label: str, times: list[float], floor: list[float] | None = None, target: str = "") -> str:
    """``label: min / median s`` and the ratio of medians to ``floor``."""
    text = f"{label:<44} {min(times):6.2f} / {statistics.median(times):6.2f} s"
    if floor:
        text += f"   {statistics.median(times) / statistics.median(floor):5.2f}× the floor"
    return text + (f"   (target {target})" if target else "")


def big_plan(text: str, megabytes: float) -> str:
    """``text`` repeated to at least ``megabytes`` MB (UTF-8), every number of copy k raised by k."""
    copies, size, k = [], 0, 0
    while size < megabytes * 1_000_000:
        copy = text if k == 0 else re.sub(r"\d+", lambda m, k=k: str(int(m.group()) + k), text)
        copies.append(copy)
        size += len(copy.encode("utf-8"))
        k += 1
    return "\n".join(copies)


def phases(path: str | None, output: str) -> None:
    """One build of ``path`` (None: the bundled plan) in this process, printing the CPU
    seconds of each stage (the stages of ``plankg build``, as plankg/cli.py runs them)."""
    marks = [("start-up (interpreter)", time.process_time())]

    def mark(name: str) -> None:
        marks.append((name, time.process_time()))

    from plankg import cli  # noqa: F401 - the command's own imports
    from plankg.extract.read import read_bundled, read_document

    mark("imports of the command line")
    document = read_document(Path(path)) if path else read_bundled()
    mark("read")
    from plankg.extract import find_structure

    structure = find_structure(document)
    mark("structure")
    from plankg.extract.entities import cached_discoverer

    discoverer = cached_discoverer((), True, True)
    discoverer.warm_up()
    mark("rules load (lexicon, jieba tables)")
    from plankg.extract import extract_with_rules
    from plankg.extract.relations import extract_statements

    extraction = extract_with_rules(document, structure, discoverer)
    extraction.statements = extract_statements(extraction)
    mark("extraction (entities, relations)")
    from plankg.graph.build import build_triples

    graph = build_triples(extraction)
    mark("graph building")
    from plankg.graph.serialize import serialize, write_atomic

    write_atomic(output, serialize(graph, "turtle"))
    mark("writing (Turtle)")
    for (_, before), (name, after) in pairwise(marks):
        print(f"{name}\t{after - before:.3f}")
    print(f"start-up (interpreter)\t{marks[0][1]:.3f}")


def phase_table(python: str, here: Path, work: Path, path: Path | None) -> str:
    """The phase breakdown of one build in a fresh process, as aligned lines."""
    command = [python, str(here), "--phases-of", str(path) if path else "-", "--phases-output",
               str(work / "phases.ttl")]
    result = subprocess.run(command, cwd=work, check=True, capture_output=True, text=True)
    rows = [row.split("\t") for row in result.stdout.splitlines() if "\t" in row]
    rows = rows[-1:] + rows[:-1]  # interpreter start-up first
    total = sum(float(seconds) for _, seconds in rows)
    return "\n".join(f"    {name:<46} {float(seconds):6.2f} s  {float(seconds) / total:4.0%}"
                     for name, seconds in rows) + f"\n    {'total':<46} {total:6.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big-runs", type=int, default=3)
    parser.add_argument("--megabytes", type=float, default=2.0)
    parser.add_argument("--skip-big", action="store_true", help="Leave out the big plan (it takes minutes).")
    parser.add_argument("--skip-small", action="store_true", help="Only the big plan.")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="A folder of documents to build as a corpus.")
    parser.add_argument("--skip-corpus", action="store_true", help="Leave out the corpus build.")
    parser.add_argument("--phases-of", help=argparse.SUPPRESS)
    parser.add_argument("--phases-output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phases_of:
        phases(None if args.phases_of == "-" else args.phases_of, args.phases_output)
        return
    python = sys.executable
    plankg = shutil.which("plankg", path=str(Path(python).parent)) or shutil.which("plankg")
    if plankg is None:
        raise SystemExit("plankg is not installed (python3 -m pip install -e .)")
    from plankg.extract.read import read_bundled

    text = read_bundled().text
    with tempfile.TemporaryDirectory(prefix="plankg-bench-") as tmp:
        work = Path(tmp)
        (work / "bundled.txt").write_text(text, encoding="utf-8")
        env = dict(os.environ, PLANKG_CACHE_DIR=str(work / "cache"))
        if not args.skip_small:
            small(args, python, plankg, work, env)
        if not args.skip_corpus and args.corpus.is_dir():
            corpus(args, python, plankg, work, env)
        if not args.skip_big:
            big(args, python, plankg, work, text)


def small(args: argparse.Namespace, python: str, plankg: str, work: Path, env: dict[str, str]) -> None:
    """The bundled plan, --help and query, against the floor."""
    print(f"bundled plan: {len((work / 'bundled.txt').read_text('utf-8')):,} characters; CPU seconds of "
          f"whole processes, min / median of {args.runs} runs")
    floor = runs([python, "-c", _FLOOR, "bundled.txt", "0"], work, args.runs)
    print(line("floor: spacy.blank('zh') + tokenising", floor))
    build = runs([plankg, "build", "-o", "out.ttl"], work, args.runs)
    print(line("plankg build -o out.ttl", build, floor, "≤ 2×, goal 1.5×"))
    print("  phases of one build (process CPU seconds):")
    print(phase_table(python, Path(__file__).resolve(), work, None))
    helps = runs([plankg, "--help"], work, args.runs)
    print(line("plankg --help", helps, target="< 0.3 s"))
    query = [plankg, "query", QUERY]
    elsewhere = work / "query"  # no plankg-out/ here: the query reads the bundled plan's cached graph
    elsewhere.mkdir()
    queries = runs(query, elsewhere, args.runs, env, before=query)
    print(line(f"plankg query {QUERY} (cached bundled graph)", queries, target="< 0.5 s"))


def corpus(args: argparse.Namespace, python: str, plankg: str, work: Path, env: dict[str, str]) -> None:
    """A folder of documents built as a corpus (one process, no per-document cache), against
    its floor, in characters per CPU second."""
    from plankg.build.corpus import walk
    from plankg.extract.read import read_document

    texts = [read_document(Path(source.path)).text for source in walk([str(args.corpus)]).sources]
    (work / "corpus.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    chars = sum(map(len, texts))
    print(f"corpus {args.corpus}: {len(texts)} documents, {chars:,} characters; min / median of {args.runs} runs")
    floor = runs([python, "-c", _FLOOR_DOCUMENTS, "corpus.json"], work, args.runs)
    print(line("floor: spacy.blank('zh') + tokenising each", floor))
    built = runs([plankg, "build", str(args.corpus), "-o", "corpus.nq", "--jobs", "1", "--no-cache"], work,
                 args.runs, env)
    print(line("plankg build DIR --jobs 1 --no-cache", built, floor))
    print(f"{'':<44} {chars / min(built) / 1000:6.0f} k characters per CPU second (best run; target ≥ 150 k)")


def big(args: argparse.Namespace, python: str, plankg: str, work: Path, text: str) -> None:
    """A plan of ``--megabytes`` MB against its two floors."""
    big = big_plan(text, args.megabytes)
    (work / "big.txt").write_text(big, encoding="utf-8")
    print(f"big plan: {len(big):,} characters, {len(big.encode('utf-8')) / 1e6:.2f} MB; min / median of "
          f"{args.big_runs} runs")
    whole = runs([python, "-c", _FLOOR, "big.txt", "0"], work, args.big_runs)
    print(line("floor: tokenised whole (quadratic in spaCy)", whole))
    pieces = runs([python, "-c", _FLOOR, "big.txt", str(len(text))], work, args.big_runs)
    print(line("floor: tokenised in bundled-plan-sized pieces", pieces))
    built = runs([plankg, "build", "big.txt", "-o", "big.ttl"], work, args.big_runs)
    print(line("plankg build big.txt -o big.ttl", built, whole, "≤ 3×"))
    print(f"{'':<44} {'':>15}   {statistics.median(built) / statistics.median(pieces):5.2f}× the linear floor")
    print("  phases of one build (process CPU seconds):")
    print(phase_table(python, Path(__file__).resolve(), work, work / "big.txt"))


if __name__ == "__main__":
    main()
