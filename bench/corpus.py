"""Corpus builds at scale: 1,000 documents, --jobs 1 against --jobs 2, the cache, memory.

    python bench/corpus.py [--documents 1000] [--share-large 0.45] [--keep DIR] [--no-scaling]
                           [--no-oxigraph]

Generates a synthetic corpus in a temporary folder from the bundled plan (a 61 KB news post)
and the test fixtures (tests/fixtures, tests/corpus: plain text, gov.cn HTML, Markdown, GBK
and UTF-16 files): every copy has its place names swapped for others (gazetteer places, by a
fixed rule, so names vary and some entities are shared while others are not), its years
moved into 2016–2025, its document number and title made its own. ``--share-large`` of the
documents are copies of the bundled plan; the files total at least 20 MB.

Then runs ``python -m plankg build`` on it, each run a fresh process:

1. ``--jobs 1 --no-cache``;
2. ``--jobs 2`` with an empty cache (it fills the cache) — the output must be byte-identical
   to run 1;
3. ``--jobs 2`` again: every document from the cache, the N-Quads written as shards;
4. (unless --no-scaling) ``--jobs 2 --no-cache`` on the first quarter of the corpus, to show
   that memory does not grow with the number of documents;
5. (unless --no-oxigraph) the shards of run 3 bulk-loaded with ``oxigraph load`` and counted
   with ``oxigraph query``, and one cross-plan query timed there.

Prints documents/s, characters/s, peak memory (the plankg process and its largest worker, as
plankg reports them), CPU seconds, the speed-up of --jobs 2 over --jobs 1, and the speed-up
of the cached rerun. On a 2-core machine the whole run takes about ten minutes; other
processes on the machine slow the wall-clock figures (compare the CPU seconds).
"""
from __future__ import annotations

import argparse
import codecs
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

from plankg.extract.lexicon import gazetteer

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = Path(str(resources.files("plankg.extract").joinpath("data/seed/000_3caac22b84fb63e1.txt")))
TOTALS = re.compile(r"(?P<docs>\d+) documents: (?P<built>\d+) built \((?P<cached>\d+) from cache\), (?P<failed>\d+) "
                    r"failed.*?; (?P<quads>[\d,]+) quads, (?P<entities>[\d,]+) shared entities; (?P<chars>[\d,]+) "
                    r"characters in .*?peak memory (?P<own>\d+) MB(?: \(largest worker (?P<worker>\d+) MB\))?")


# ----------------------------------------------------------------------------- the corpus


def templates() -> list[tuple[str, str, str]]:
    """(name, text, encoding) of every template document."""
    found = [("shanghai-ifc.txt", BUNDLED.read_text("utf-8"), "utf-8")]
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*")) + sorted((ROOT / "tests" / "corpus").rglob("*")):
        if not path.is_file() or path.name == "README.md":
            continue
        data = path.read_bytes()
        if data.startswith(codecs.BOM_UTF16_LE):
            found.append((path.name, data[2:].decode("utf-16-le"), "utf-16"))
        else:
            try:
                found.append((path.name, data.decode("utf-8-sig"), "utf-8"))
            except UnicodeDecodeError:
                found.append((path.name, data.decode("gbk"), "gbk"))
    return found


def vary(text: str, copy: int, title: str | None, swap: dict[str, list[str]], pattern: re.Pattern[str]) -> str:
    """Copy ``copy`` of a text: places swapped for others (a name for a name, a short form for a
    short form), years moved by up to three, its own document number, and — when its title
    names no place — a place put before the title."""
    if copy == 0:
        return text
    if title and not pattern.search(title):
        text = text.replace(title, swap["short"][copy * 37 % len(swap["short"])] + title)

    def place(match: re.Match[str]) -> str:
        kind = "short" if match.group() in swap["short_set"] else "name"  # type: ignore[operator]
        options = swap[kind]
        return options[(hash_of(match.group()) * 7 + copy * 131) % len(options)]

    text = pattern.sub(place, text)
    shift = copy % 7 - 3
    text = re.sub(r"(?<!\d)20(1\d|2\d)(?!\d)", lambda m: str(2000 + int(m.group(1)) + shift), text)
    return re.sub(r"(?<=〕)(\d+)(?=号)", lambda m: str(int(m.group(1)) + 100 * copy), text)


def hash_of(text: str) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest()[:8], 16)


def make_corpus(directory: Path, documents: int, share_large: float) -> tuple[int, int]:
    """Write the corpus; returns (files, bytes)."""
    from plankg.extract.read import read_document

    bundled, *small = templates()
    entries = gazetteer()[0]
    names = sorted({e.name for e in entries if len(e.name) >= 2})
    shorts = sorted({a for e in entries for a in e.aliases if len(a) >= 2} - set(names))
    swap: dict = {"name": names, "short": shorts, "short_set": set(shorts)}
    pattern = re.compile("|".join(map(re.escape, sorted(names + shorts, key=lambda n: (-len(n), n)))))
    titles = {}
    for name, text, _encoding in [bundled, *small]:
        try:
            titles[name] = read_document(text.encode("utf-8"), name=name).metadata.title
        except Exception:  # noqa: BLE001 - a template without a title is varied without one
            titles[name] = None
    rng = random.Random(6)
    large = round(documents * share_large)
    plan = [bundled] * large + [small[i % len(small)] for i in range(documents - large)]
    rng.shuffle(plan)
    total = 0
    for i, (name, text, encoding) in enumerate(plan):
        copy = i + 1
        body = vary(text, copy, titles[name], swap, pattern)
        folder = directory / f"{2016 + i % 10}" / f"batch-{i // 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        stem, suffix = os.path.splitext(name)
        data = body.encode(encoding) if encoding != "utf-16" else codecs.BOM_UTF16_LE + body.encode("utf-16-le")
        (folder / f"{i:04d}-{stem}{suffix}").write_bytes(data)
        total += len(data)
    return documents, total


# ----------------------------------------------------------------------------- runs


def run(args: list[str], env: dict[str, str]) -> dict:
    """``python -m plankg build …`` in a fresh process: wall time, CPU time, plankg's report.

    Started by a shell that forks it rather than straight from this process: Linux keeps a
    process's peak RSS across exec, so a child started from a large parent would report the
    parent's peak as its own (plankg reports ``ru_maxrss`` of itself and of its workers)."""
    start = time.perf_counter()
    script = 'PYTHON="$1"; shift; "$PYTHON" -m plankg build "$@"; status=$?; exit $status'
    process = subprocess.Popen(["sh", "-c", script, "sh", sys.executable, *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=env, text=True)
    stderr = process.stderr.read()  # type: ignore[union-attr]
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    totals = next((m for m in map(TOTALS.search, stderr.splitlines()) if m), None)
    if code not in (0, 1) or totals is None:
        sys.exit(f"plankg build {' '.join(args)} failed ({code}):\n{stderr[-3000:]}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime,
            "load": os.getloadavg()[0], **totals.groupdict()}


def number(text: str | None) -> int:
    return int((text or "0").replace(",", ""))


def digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for path in paths:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def report(label: str, result: dict, documents: int) -> None:
    chars = number(result["chars"])
    worker = f", largest worker {result['worker']} MB" if result.get("worker") else ""
    print(f"{label:<34} {result['seconds']:7.1f} s  {documents / result['seconds']:6.2f} documents/s  "
          f"{chars / result['seconds']:>10,.0f} chars/s  peak memory: plankg {result['own']} MB{worker}  "
          f"({result['cached']} from cache; {result['cpu']:.0f} CPU s; load average after: {result['load']:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--share-large", type=float, default=0.45, help="share of copies of the bundled plan")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument("--no-scaling", action="store_true", help="skip the quarter-corpus run")
    parser.add_argument("--no-oxigraph", action="store_true", help="skip the Oxigraph bulk load")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="plankg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus, out = work / "corpus", work / "out"
    for path in (corpus, out, work / "cache", work / "store"):
        shutil.rmtree(path, ignore_errors=True)
    out.mkdir()
    env = {**os.environ, "PLANKG_CACHE_DIR": str(work / "cache")}
    try:
        files, size = make_corpus(corpus, args.documents, args.share_large)
        print(f"corpus: {files} documents, {size / 1e6:.1f} MB in {corpus}; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f} (other processes share the CPUs: see 'CPU s')")

        one = run([str(corpus), "-o", str(out / "jobs1.nq"), "--jobs", "1", "--no-cache"], env)
        print(f"text: {number(one['chars']):,} characters; graph: {number(one['quads']):,} quads, "
              f"{number(one['entities']):,} shared entities; {one['failed']} documents failed")
        report("--jobs 1 (no cache)", one, files)
        two = run([str(corpus), "-o", str(out / "jobs2.nq"), "--jobs", "2"], env)
        report("--jobs 2 (filling the cache)", two, files)
        same = digest([out / "jobs1.nq"]) == digest([out / "jobs2.nq"])
        print(f"--jobs 2 output identical to --jobs 1: {same}")
        cached = run([str(corpus), "-o", str(out / "shard.nq"), "--jobs", "2", "--shard-size", "1000000"], env)
        report("--jobs 2 rerun (cached, shards)", cached, files)
        shards = sorted(out.glob("shard-*.nq"))
        # the shards are the same document blocks in the same order, cut at document boundaries
        print(f"shards: {len(shards)}; together the same bytes as --jobs 1: "
              f"{digest(shards) == digest([out / 'jobs1.nq'])}")
        print(f"speed-up of --jobs 2 over --jobs 1: {one['seconds'] / two['seconds']:.2f}x")
        print(f"speed-up of the cached rerun over the --jobs 2 build: {two['seconds'] / cached['seconds']:.1f}x "
              f"(over --jobs 1: {one['seconds'] / cached['seconds']:.1f}x)")
        if not args.no_scaling:
            quarter = work / "quarter"
            shutil.rmtree(quarter, ignore_errors=True)
            batches = sorted(corpus.glob("*/batch-*"))
            kept = 0
            for batch in batches:
                if kept >= files // 4:
                    break
                target = quarter / batch.relative_to(corpus)
                shutil.copytree(batch, target)
                kept += sum(1 for _ in target.iterdir())
            small = run([str(quarter), "-o", str(out / "quarter.nq"), "--jobs", "2", "--no-cache"], env)
            report(f"--jobs 2 on {kept} documents", small, kept)
            print(f"peak memory of the plankg process: {small['own']} MB for {kept} documents, "
                  f"{two['own']} MB for {files}")
            (out / "quarter.nq").unlink()
        oxigraph = shutil.which("oxigraph")
        if oxigraph and not args.no_oxigraph:
            store = work / "store"
            start = time.perf_counter()
            subprocess.run([oxigraph, "load", "--location", str(store), "--file", *map(str, shards)], check=True,
                           capture_output=True)
            loaded = time.perf_counter() - start
            count = subprocess.run([oxigraph, "query", "--location", str(store), "--results-format", "tsv",
                                    "--query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"],
                                   check=True, capture_output=True, text=True).stdout.splitlines()[1]
            n = int(count.split("^^")[0].strip('"'))
            print(f"oxigraph load of the shards: {loaded:.1f} s ({n / loaded:,.0f} quads/s); "
                  f"COUNT(*) = {n:,} (written: {number(cached['quads']):,})")
            query = (ROOT / "plankg" / "queries" / "entity-timeline.rq").read_text("utf-8")
            query = query.replace("?name", '"人民银行"').replace('SELECT DISTINCT "人民银行"', "SELECT DISTINCT")
            start = time.perf_counter()
            rows = subprocess.run([oxigraph, "query", "--location", str(store), "--union-default-graph",
                                   "--results-format", "tsv", "--query", query], capture_output=True, text=True)
            if rows.returncode == 0:
                print(f"entity-timeline 人民银行 in oxigraph: {len(rows.stdout.splitlines()) - 1} rows in "
                      f"{time.perf_counter() - start:.1f} s")
            else:
                print(f"entity-timeline in oxigraph failed: {rows.stderr.strip()[:300]}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
