"""Time and memory of ``plankg build`` against the length of one paragraph.

    python bench/paragraph.py [--sizes 0.25,0.5,1] [--punctuation]

For each size (MB of UTF-8), writes a one-line run-on document — the bundled plan's
body repeated, with no line break and, unless ``--punctuation``, no sentence end
(。！？；) either, the worst case for sentence-level evidence — builds it to
N-Triples with a fresh ``plankg build`` and prints wall time, CPU time, peak memory
(the process's maximum resident set), output size and the ratios to the first size.
``--sizes 1,2,5,10`` gives the curve up to 10 MB (minutes, and several GB at 10 MB).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from plankg.extract.read import read_bundled


def runon(megabytes: float, punctuation: bool) -> str:
    document = read_bundled()
    body = "".join(p.text for p in document.body)
    body = re.sub(r"\s", "", body) if punctuation else re.sub(r"[。！？；!?;\s]", "，", body)
    chars = int(megabytes * 2**20 / 3)  # CJK text: three bytes a character
    return document.title.text + "\n" + (body * (chars // len(body) + 1))[:chars] + "\n"


def build(source: Path, output: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak resident bytes of one ``plankg build``."""
    began = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "plankg", "build", str(source), "-o", str(output)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {source} failed: {process.stderr.read().decode()[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="0.25,0.5,1", help="document sizes in MB, comma-separated")
    parser.add_argument("--punctuation", action="store_true", help="keep the sentence ends")
    args = parser.parse_args()
    sizes = [float(size) for size in args.sizes.split(",")]
    first = None
    print(f"{'MB':>6} {'chars':>10} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'out MB':>8}   ratios to the first")
    with tempfile.TemporaryDirectory(prefix="plankg-bench-") as folder:
        for size in sizes:
            source, output = Path(folder) / f"runon-{size}.txt", Path(folder) / f"runon-{size}.nt"
            text = runon(size, args.punctuation)
            source.write_text(text, encoding="utf-8")
            wall, cpu, peak = build(source, output)
            out = output.stat().st_size
            first = first or (size, cpu, peak, out)
            print(f"{size:6.2f} {len(text):10,} {wall:8.1f} {cpu:8.1f} {peak / 2**20:8.0f} {out / 2**20:8.1f}   "
                  f"size ×{size / first[0]:.1f}: cpu ×{cpu / first[1]:.1f}, memory ×{peak / first[2]:.1f}, "
                  f"output ×{out / first[3]:.1f}", flush=True)
            output.unlink()


if __name__ == "__main__":
    main()
