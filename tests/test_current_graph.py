"""The current graph: without --graph, every command reads the last build's output in its
folder, else plankg-out/graph.ttl, else the bundled plan, and says which on stderr; viz and
export say when they replace a file made from another graph. Real subprocesses in real
folders, as a user runs them."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

BUNDLED_TASKS = 44


def _tasks(stdout: str) -> int:
    rows = list(csv.reader(io.StringIO(stdout)))
    return int(rows[1][0])


COUNT_TASKS = ["query", "SELECT (COUNT(?t) AS ?n) WHERE { ?t a plan:Task }", "-f", "csv"]


@pytest.fixture(scope="module")
def built(tmp_path_factory, fixtures_dir, run_plankg) -> Path:
    """A folder where `plankg build gbk_plan.txt -o out/graph-a.nt` ran."""
    folder = tmp_path_factory.mktemp("built")
    result = run_plankg("build", fixtures_dir / "gbk_plan.txt", "-o", "out/graph-a.nt", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_the_last_build_is_read_and_named(built, run_plankg):
    result = run_plankg(*COUNT_TASKS, cwd=built)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "plankg: reading out/graph-a.nt (written by the last plankg build here)\n"
    assert 0 < _tasks(result.stdout) != BUNDLED_TASKS
    given = run_plankg(*COUNT_TASKS, "--graph", "out/graph-a.nt", cwd=built)
    assert given.stdout == result.stdout and given.stderr == ""  # a graph given is not announced


def test_plankg_out_graph_ttl_is_read_without_a_record(built, run_plankg, tmp_path):
    (tmp_path / "plankg-out").mkdir()
    shutil.copyfile(built / "out" / "graph-a.nt", tmp_path / "plankg-out" / "graph.ttl")  # N-Triples is Turtle
    result = run_plankg(*COUNT_TASKS, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "plankg: reading plankg-out/graph.ttl (plankg build's default output)\n"
    assert _tasks(result.stdout) == _tasks(run_plankg(*COUNT_TASKS, cwd=built).stdout)


def test_the_bundled_plan_when_the_folder_has_no_graph(run_plankg, tmp_path, plan_graph_path):
    result = run_plankg(*COUNT_TASKS, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _tasks(result.stdout) == BUNDLED_TASKS
    assert result.stderr.startswith("plankg: reading the bundled plan's graph (no --graph")


def test_a_recorded_graph_that_was_removed_is_skipped(built, run_plankg, tmp_path, plan_graph_path):
    shutil.copytree(built / "plankg-out", tmp_path / "plankg-out")  # the record names out/graph-a.nt, not here
    result = run_plankg(*COUNT_TASKS, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _tasks(result.stdout) == BUNDLED_TASKS


def test_a_command_failing_before_it_reads_prints_only_its_error(built, run_plankg):
    result = run_plankg("query", "tasks-naming", cwd=built)  # no name=…
    assert result.returncode == 2
    assert result.stderr.splitlines() == [line for line in result.stderr.splitlines() if "error" in line]
    assert len(result.stderr.splitlines()) == 1


def test_show_names_the_graph_it_looked_in(built, run_plankg):
    result = run_plankg("show", "银保监会", cwd=built)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith(
        "plankg: error: no entity named '银保监会' in the graph out/graph-a.nt")


def test_validate_reads_the_current_graph(built, run_plankg):
    result = run_plankg("validate", cwd=built, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Conforms: True" in result.stdout
    assert "reading out/graph-a.nt" in result.stderr


def test_viz_and_export_say_when_they_replace_a_file_of_another_graph(built, run_plankg, tmp_path):
    folder = tmp_path / "work"
    shutil.copytree(built, folder)
    shutil.copyfile(folder / "out" / "graph-a.nt", folder / "other.nt")
    first = run_plankg("viz", cwd=folder)  # the current graph, into plankg-out/network.html: nothing to say
    assert first.returncode == 0, first.stderr
    assert "warning" not in first.stderr
    other = run_plankg("viz", "--graph", "other.nt", cwd=folder)
    assert other.returncode == 0, other.stderr
    assert ("plankg: warning: plankg-out/network.html was made from out/graph-a.nt; replacing it with "
            "other.nt's (-o FILE writes elsewhere)") in other.stderr
    again = run_plankg("viz", "--graph", "other.nt", cwd=folder)
    assert "warning" not in again.stderr

    (folder / "mine.graphml").write_text("<graphml/>", encoding="utf-8")  # a file plankg did not make
    exported = run_plankg("export", "-o", "mine.graphml", cwd=folder)
    assert exported.returncode == 0, exported.stderr
    assert "mine.graphml exists and plankg has no record of its graph" in exported.stderr
