"""Corpus builds on a dask.distributed cluster (``plankg build DIR --executor dask://HOST:PORT``,
plankg/build/corpus/cluster.py): the same bytes as a local build, the same per-document cache. The
cluster is a real scheduler and worker on 127.0.0.1, started by the test; the build is a
``plankg`` process of its own, the cluster's client."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

FIXTURES = Path(__file__).parent / "fixtures"
DOCUMENTS = ("gbk_plan.txt", "utf8bom_plan.md", "runon_opinion.txt", "govcn_notice.html")


@pytest.fixture(scope="module")
def scheduler():
    """``dask://127.0.0.1:PORT`` of a local cluster: one worker, in this process, one thread."""
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1",
                                       scheduler_port=0, dashboard_address=None)
    try:
        yield cluster.scheduler_address.replace("tcp://", "dask://")
    finally:
        cluster.close()


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "docs"
    for name in DOCUMENTS:
        target = folder / name.split(".")[0] / name
        target.parent.mkdir(parents=True)
        shutil.copyfile(FIXTURES / name, target)
    return folder


def build(*args: str, cwd: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "plankg", "build", *args], cwd=cwd, check=False,
                          env={**os.environ, "PLANKG_CACHE_DIR": str(cache)}, capture_output=True, text=True,
                          timeout=600)


def test_a_cluster_build_is_byte_identical_to_a_local_one_and_shares_its_cache(scheduler, corpus, tmp_path):
    cache = tmp_path / "cache"
    local = build(str(corpus), "--no-cache", "-o", "local.nq", "-o", "local.ttl", cwd=tmp_path, cache=cache)
    assert local.returncode == 0, local.stderr
    remote = build(str(corpus), "--executor", scheduler, "-o", "remote.nq", "-o", "remote.ttl", cwd=tmp_path,
                   cache=cache)
    assert remote.returncode == 0, remote.stderr
    assert f"{len(DOCUMENTS)} built (0 from cache)" in remote.stderr
    for ext in ("nq", "ttl"):
        assert (tmp_path / f"remote.{ext}").read_bytes() == (tmp_path / f"local.{ext}").read_bytes(), ext
    assert (tmp_path / "remote.nq").stat().st_size > 10_000
    # what the cluster built is in the local cache: a local build, and the cluster again, take it
    again = build(str(corpus), "-o", "again.nq", cwd=tmp_path, cache=cache)
    assert f"{len(DOCUMENTS)} built ({len(DOCUMENTS)} from cache)" in again.stderr, again.stderr
    assert (tmp_path / "again.nq").read_bytes() == (tmp_path / "local.nq").read_bytes()
    cached = build(str(corpus), "--executor", scheduler, "-o", "cached.nq", cwd=tmp_path, cache=cache)
    assert f"({len(DOCUMENTS)} from cache)" in cached.stderr, cached.stderr


def test_a_document_that_fails_on_the_cluster_is_skipped_as_locally(scheduler, corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    remote = build(str(corpus), "--executor", scheduler, "--no-cache", "-o", "remote.nq", cwd=tmp_path,
                   cache=tmp_path / "cache")
    local = build(str(corpus), "--no-cache", "-o", "local.nq", cwd=tmp_path, cache=tmp_path / "cache")
    assert remote.returncode == local.returncode == 1, remote.stderr
    assert "empty.txt" in remote.stderr
    assert (tmp_path / "remote.nq").read_bytes() == (tmp_path / "local.nq").read_bytes()


@pytest.mark.parametrize("executor, message", [
    ("dask://no-port", "give dask://HOST:PORT"),
    ("spark://127.0.0.1:7077", "give local or dask://HOST:PORT"),
])
def test_a_bad_executor_is_one_line_and_writes_nothing(executor, message, corpus, tmp_path):
    result = build(str(corpus), "--executor", executor, "-o", "out.nq", cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 2
    assert result.stderr.startswith("plankg: error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.nq").exists()
