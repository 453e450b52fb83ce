"""Inputs named on the command line: regular files of bounded size only, refused at once.

A FIFO made ``plankg build`` wait forever for a writer; ``/dev/zero`` made it read until
memory ran out and print a traceback. Now anything but a regular file, and any file
over ``--max-size`` (default 50 MB), is one line on stderr and exit status 2, with
nothing written, and never more than the limit + 1 byte is read.
"""
from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
from pathlib import Path

import pytest

#: Enough for plankg, far less than an unbounded read would take.
MEMORY_LIMIT = 3 << 30


def _build(*args, cwd: Path, stdin=None, timeout: float = 60) -> subprocess.CompletedProcess:
    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run([sys.executable, "-m", "plankg", "build", *map(str, args)], cwd=cwd, stdin=stdin,
                          capture_output=True, text=True, timeout=timeout, preexec_fn=limit_memory, check=False)


def _one_line_exit_2(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result.stderr[-1000:]
    assert result.stderr.startswith("plankg: error: ") and len(result.stderr.strip().splitlines()) == 1
    assert all(word in result.stderr for word in words), result.stderr


def test_a_named_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    result = _build(fifo, "-o", "out.ttl", cwd=tmp_path, timeout=30)
    _one_line_exit_2(result, "plan.txt", "FIFO")
    assert not (tmp_path / "out.ttl").exists()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused_at_once(device, tmp_path):
    result = _build(device, "-o", "out.ttl", cwd=tmp_path, timeout=30)
    _one_line_exit_2(result, device, "device")
    assert not (tmp_path / "out.ttl").exists()


def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "plan.sock"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        result = _build(path, "-o", "out.ttl", cwd=tmp_path, timeout=30)
    _one_line_exit_2(result, "plan.sock")


def test_a_fifo_inside_a_folder_is_left_out(tmp_path, fixtures_dir):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "plan.txt").write_bytes((fixtures_dir / "gbk_plan.txt").read_bytes())
    os.mkfifo(folder / "pipe.txt")
    result = _build(folder, "-o", "out.nq", "--no-cache", cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr[-1000:]
    assert (tmp_path / "out.nq").stat().st_size > 0


def test_a_file_over_max_size_is_refused(tmp_path, fixtures_dir):
    source = fixtures_dir / "gbk_plan.txt"
    result = _build(source, "--max-size", source.stat().st_size - 1, "-o", "out.ttl", cwd=tmp_path, timeout=30)
    _one_line_exit_2(result, "--max-size", f"{source.stat().st_size - 1:,}")
    assert not (tmp_path / "out.ttl").exists()


def test_standard_input_over_max_size_is_refused(tmp_path):
    with open("/dev/zero", "rb") as endless:
        result = _build("-", "--max-size", 1_000_000, "-o", "out.ttl", cwd=tmp_path, stdin=endless, timeout=30)
    _one_line_exit_2(result, "<stdin>", "1,000,000")


def test_in_a_folder_a_file_over_max_size_is_skipped(tmp_path, fixtures_dir):
    folder = tmp_path / "plans"
    folder.mkdir()
    small = (fixtures_dir / "gbk_plan.txt").read_bytes()
    (folder / "a.txt").write_bytes(small)
    (folder / "b.txt").write_bytes(small + b"\n" * 10_000)
    result = _build(folder, "--max-size", len(small) + 100, "-o", "out.nq", "--no-cache", cwd=tmp_path,
                    timeout=300)
    assert result.returncode == 1, result.stderr[-1000:]
    assert "b.txt: larger than the limit" in result.stderr
