"""A build leaves nothing behind: no worker processes, no temporary files.

* ``plankg build --jobs 2`` killed with SIGKILL: its workers (about 300 MB each) used to
  live on, re-parented to init; now they end within a second or so.
* SIGTERM and Ctrl-C (SIGINT) remove the ``.part`` files beside the outputs and the
  spool in the temp folder, and stop the workers.
* What a SIGKILL leaves (``.part`` files: the kernel ends the process before any cleanup)
  is removed by the next build writing the same outputs.
* A several-document build to Turtle leaves no empty ``plankg-spool-*.nq`` behind.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import pytest
from processes import children, gone, wait_until


def _bundled_text() -> bytes:
    from plankg.extract.read import _BUNDLED_FILE

    return resources.files("plankg.extract").joinpath(_BUNDLED_FILE).read_bytes()


def _plans(folder: Path, count: int) -> Path:
    """``count`` copies of the bundled plan (each takes the pipeline a few seconds)."""
    folder.mkdir()
    text = _bundled_text()
    for k in range(count):
        (folder / f"plan-{k:02d}.txt").write_bytes(text)
    return folder


def _start(args: list[str], cwd: Path, temp: Path) -> subprocess.Popen:
    """A build as a user starts it from a terminal: Ctrl-C (SIGINT) interrupts it even when the tests
    run where SIGINT is ignored (a background job, ``nohup``), which a child would otherwise inherit."""
    return subprocess.Popen([sys.executable, "-m", "plankg", "build", *args], cwd=cwd,
                            env={**os.environ, "TMPDIR": str(temp)}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _parts(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.part"))


@pytest.fixture()
def workspace(tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    return tmp_path, temp, _plans(tmp_path / "plans", 6)


def _running_build(workspace) -> tuple[subprocess.Popen, list[int]]:
    """A --jobs 2 build of the plans to N-Quads (written beside the output as it goes) and
    Turtle (spooled in the temp folder), once both workers are at work."""
    cwd, temp, plans = workspace
    build = _start([str(plans), "-o", "out/corpus.nq", "-o", "out/corpus.ttl", "--jobs", "2", "--no-cache"],
                   cwd, temp)
    assert wait_until(lambda: len(children(build.pid)) >= 2, 60), "no workers started"
    assert _parts(cwd / "out") and _parts(temp)
    return build, children(build.pid)


def test_workers_die_with_a_killed_build(workspace):
    build, workers = _running_build(workspace)
    build.send_signal(signal.SIGKILL)
    build.wait(15)
    assert wait_until(lambda: all(gone(pid) for pid in workers), 10), "workers outlived the build"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_ctrl_c_leave_no_temporary_files(stop, workspace):
    cwd, temp, _plans_folder = workspace
    build, workers = _running_build(workspace)
    build.send_signal(stop)
    assert build.wait(30) != 0
    assert wait_until(lambda: all(gone(pid) for pid in workers), 10), "workers outlived the build"
    assert _parts(cwd / "out") == [] and list((cwd / "out").iterdir()) == []
    assert list(temp.iterdir()) == []
    assert "Traceback" not in build.stderr.read()


def test_the_next_build_removes_what_a_killed_one_left(workspace, fixtures_dir):
    cwd, temp, _plans_folder = workspace
    build, workers = _running_build(workspace)
    build.send_signal(signal.SIGKILL)
    build.wait(15)
    left = _parts(cwd / "out") + _parts(temp)
    assert len(left) == 2  # beside the output, and the spool
    assert wait_until(lambda: all(gone(pid) for pid in workers), 10)
    time.sleep(1.1)  # older than a file another build may be about to lock
    plans = cwd / "two"
    plans.mkdir()
    for name in ("gbk_plan.txt", "runon_opinion.txt"):
        shutil.copy(fixtures_dir / name, plans / name)
    again = _start([str(plans), "-o", "out/corpus.nq", "-o", "out/corpus.ttl", "--no-cache"], cwd, temp)
    assert again.wait(300) == 0, again.stderr.read()[-2000:]
    assert all(not path.exists() for path in left)
    assert _parts(cwd / "out") == [] and list(temp.iterdir()) == []
    assert (cwd / "out" / "corpus.ttl").stat().st_size > 0


def test_a_build_to_turtle_leaves_no_spool(tmp_path, fixtures_dir):
    temp = tmp_path / "tmp"
    temp.mkdir()
    names = ("gbk_plan.txt", "runon_opinion.txt")
    build = _start([str(fixtures_dir / name) for name in names] + ["-o", "out.ttl", "--no-cache"], tmp_path, temp)
    assert build.wait(300) == 0, build.stderr.read()[-2000:]
    assert list(temp.iterdir()) == []


def test_a_sigterm_as_the_pool_starts_ends_the_build_with_its_exit(tmp_path, monkeypatch):
    """SIGTERM raises SystemExit(143) wherever the main thread is; when that is the first
    ``submit``, between making the pool's manager thread and starting it, leaving the pool used to
    wait for a thread never started (a RuntimeError traceback instead of the exit). The signal is
    raised there on purpose."""
    from concurrent.futures import process as pool_module

    from click.testing import CliRunner
    from plankg.cli import main

    def stopped(_thread):
        raise SystemExit(143)

    plans = _plans(tmp_path / "plans", 2)
    before = set(children(os.getpid()))  # other tests' servers may still be winding down
    monkeypatch.setattr(pool_module._ExecutorManagerThread, "start", stopped)
    result = CliRunner().invoke(main, ["build", str(plans), "-o", str(tmp_path / "out" / "corpus.nq"),
                                       "--jobs", "2", "--no-cache"])
    assert result.exit_code == 143 and isinstance(result.exception, SystemExit)
    assert not _parts(tmp_path / "out") and not (tmp_path / "out" / "corpus.nq").exists()
    assert set(children(os.getpid())) <= before  # its workers are gone (one left kept pytest from exiting)


def test_ctrl_c_between_a_worker_s_fork_and_its_registration_leaves_no_worker(tmp_path, monkeypatch):
    """Ctrl-C raises KeyboardInterrupt wherever the main thread is; when that is ``submit`` just
    after a worker was forked and before the pool noted it, the pool could not stop that worker
    (it ignores Ctrl-C) and the build hung at exit waiting for it. The interrupt is raised there
    on purpose."""
    from concurrent.futures import process as pool_module

    from click.testing import CliRunner
    from plankg.cli import main

    spawn = pool_module.ProcessPoolExecutor._spawn_process

    def interrupted(pool):
        if pool._processes:  # the second worker: forked, then the interrupt before it is noted
            pool._processes, noted = {}, pool._processes
            spawn(pool)
            pool._processes = noted
            raise KeyboardInterrupt
        spawn(pool)

    plans = _plans(tmp_path / "plans", 2)
    bystander = multiprocessing.get_context("fork").Process(target=time.sleep, args=(60,))
    bystander.start()  # a process of the caller's own (a query endpoint's worker, say): not the build's to end
    before = set(children(os.getpid()))  # other tests' servers may still be winding down
    monkeypatch.setattr(pool_module.ProcessPoolExecutor, "_spawn_process", interrupted)
    result = CliRunner().invoke(main, ["build", str(plans), "-o", str(tmp_path / "out" / "corpus.nq"),
                                       "--jobs", "2", "--no-cache"])
    try:
        assert result.exit_code != 0
        assert not _parts(tmp_path / "out") and not (tmp_path / "out" / "corpus.nq").exists()
        assert wait_until(lambda: set(children(os.getpid())) <= before, 10), "a worker outlived the build"
        assert bystander.is_alive()
    finally:  # a worker left alive would keep this test process from exiting: fail, do not hang
        for child in multiprocessing.active_children():
            child.kill()
