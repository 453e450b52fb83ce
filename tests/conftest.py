"""Fixtures shared by the test modules.

- ``fixtures_dir``: ``tests/fixtures``.
- ``bundled_doc`` / ``bundled_structure``: the bundled plan read and structured
  once per session.
- ``extraction_of``: ``extraction_of("gbk_plan.txt")`` (or ``"bundled"``)
  extracts a document once per session (the first call loads the spaCy
  pipeline, a few seconds).
- ``run_plankg``: runs ``python -m plankg …`` in a real subprocess, the way a
  user does (``run_plankg("build", "x.txt", "-o", "g.ttl", cwd=tmp_path)``).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def working_folder(tmp_path_factory, monkeypatch) -> Path:
    """Every test starts in an empty folder of its own, not the repository: commands without
    --graph read the working folder's graph (plankg-out/), and build records its output there."""
    folder = tmp_path_factory.mktemp("cwd")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def bundled_doc():
    from plankg.extract.read import read_bundled

    return read_bundled()


@pytest.fixture(scope="session")
def bundled_structure(bundled_doc):
    from plankg.extract import find_structure

    return find_structure(bundled_doc)


@pytest.fixture(scope="session")
def extraction_of():
    """Extract a fixture (a name under tests/fixtures, or "bundled") once per session."""
    from plankg.extract import extract
    from plankg.extract.read import read_bundled, read_document

    cache: dict[str, object] = {}

    def get(name: str):
        if name not in cache:
            doc = read_bundled() if name == "bundled" else read_document(FIXTURES / name)
            cache[name] = extract(doc)
        return cache[name]

    return get


def _run(*args: str, cwd: str | os.PathLike | None = None, env: dict[str, str] | None = None,
         timeout: float = 120) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "plankg", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def run_plankg():
    """``run_plankg(*args, cwd=…, env=…)`` -> CompletedProcess of ``python -m plankg *args``."""
    return _run


# =============================================================================
# SPARQL (plankg/queries) — fixtures for test_queries.py, test_serve.py
# and test_oxigraph.py. Everything below this line belongs to that work.
# =============================================================================


@pytest.fixture(scope="session", autouse=True)
def plankg_cache_dir(tmp_path_factory) -> Path:
    """``PLANKG_CACHE_DIR`` set to a session temp dir (for this process and every
    subprocess a test starts), so no test reads or writes the user's cache."""
    path = tmp_path_factory.mktemp("plankg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANKG_CACHE_DIR", str(path))
        yield path


@pytest.fixture(scope="session")
def plan_graph_path(plankg_cache_dir, tmp_path_factory) -> Path:
    """The bundled plan's graph as the query cache builds it (N-Triples), built once and
    copied out of the cache, so that a rebuild under a new key (someone editing the
    extraction code while the tests run) cannot remove it mid-session."""
    import shutil

    from plankg.build import bundled_graph_path

    copy = tmp_path_factory.mktemp("plan-graph") / "plan.nt"
    shutil.copyfile(bundled_graph_path(), copy)
    return copy


@pytest.fixture(scope="session")
def plan_rdflib(plan_graph_path):
    """The bundled plan's graph in rdflib (for the network and analytics code; queries run on
    plan_oxigraph). Shared: do not modify."""
    from plankg.graph.load import load_graph

    return load_graph(plan_graph_path)


@pytest.fixture(scope="session")
def plan_oxigraph(plan_graph_path):
    """The bundled plan's graph in an in-memory pyoxigraph Store. Shared: do not modify."""
    from plankg.queries import open_target

    return open_target(plan_graph_path, "oxigraph")


# =============================================================================
# The default run (`python3 -m pytest -q`, the README's) leaves out the tests marked slow;
# `-m ''` runs them too (CI: .ci/run). The durations are those measured on the 2-CPU machine
# (the whole suite: 8 min; the default run: under 3). A test is marked here, by name, so that
# one list says what is left out and why.
# =============================================================================

#: Tests that use these fixtures: headless Chromium drawing the network page.
SLOW_FIXTURES = frozenset({"browser"})
#: Whole modules: model training (up to 50 s a test), the real-document corpus, a dask
#: cluster, documents of several megabytes.
SLOW_MODULES = frozenset({"test_learned", "test_cluster", "test_long_paragraphs", "test_corpus_quality",
                          "test_corpus_gold", "test_corpus_structure"})
#: Single tests of several seconds each: repeated builds and validations, real servers and
#: round trips through them, killed processes, byte-for-byte reruns.
SLOW_TESTS = frozenset({
    "test_graph_writing.py::test_every_format_is_byte_identical_run_to_run",
    "test_graph_writing.py::test_native_files_hold_the_graph_rdflib_wrote",
    "test_graph_writing.py::test_native_quads_hold_the_dataset_rdflib_wrote",
    "test_graph_writing.py::test_a_corpus_writes_its_whole_graph_natively",
    "test_offsets.py::test_a_shifted_offset_is_found",
    "test_fidelity.py::test_every_file_format_holds_the_same_literals",
    "test_fidelity.py::test_push_sends_the_file_term_for_term_and_it_validates",
    "test_fidelity.py::test_the_endpoint_serves_the_written_graph_and_it_validates",
    "test_fidelity.py::test_oxigraph_holds_the_written_graph_and_it_validates",
    "test_viz.py::test_page_is_deterministic",
    "test_word_tables.py::test_graphs_are_those_built_with_jiebas_dictionary_at_run_time",
    "test_word_tables.py::test_regenerating_the_tables_gives_the_same_bytes",
    "test_corpus.py::test_the_output_does_not_depend_on_the_hash_seed_or_the_workers",
    "test_endpoint_limits.py::test_an_idle_connection_is_closed_and_frees_its_slot",
    "test_endpoint_limits.py::test_a_killed_endpoint_takes_its_workers_along_and_the_next_one_cleans_up",
    "test_process_cleanup.py::test_the_next_build_removes_what_a_killed_one_left",
    "test_process_cleanup.py::test_a_build_to_turtle_leaves_no_spool",
    "test_office.py::test_stdin_to_stdout_round_trip",
    "test_office.py::test_folder_of_word_and_pdf_to_stdout",
    "test_startup.py::test_a_build_does_import_them",
    "test_input_limits.py::test_a_fifo_inside_a_folder_is_left_out",
    "test_input_limits.py::test_in_a_folder_a_file_over_max_size_is_skipped",
    "test_oxigraph.py::test_push_then_query_the_server",
    "test_oxigraph.py::test_push_to_a_named_graph_replaces_it",
    "test_reports.py::test_validate_turtle_is_a_shacl_report_and_deterministic",
    "test_reports.py::test_validate_text_names_each_finding",
    "test_reports.py::test_evaluate_warns_when_the_gold_is_for_another_document",
    "test_reports.py::test_evaluate_json",
    "test_reports.py::test_show_in_a_corpus_names_the_plan_of_each_task",
    "test_current_graph.py::test_viz_and_export_say_when_they_replace_a_file_of_another_graph",
    "test_word_tables.py::test_slugs_computed_once_are_remembered_for_the_next_run",
    "test_build.py::test_every_bundled_file_parses_in_rdflib_and_pyoxigraph",
    "test_corpus.py::test_jobs_2_writes_the_same_bytes_as_jobs_1",
})


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Playwright); skipped, saying why, where it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium fonts-wqy-zenhei (.ci/run installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: pip install -e '.[test]'")

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=60_000)
        yield launched
        launched.close()


def pytest_collection_modifyitems(config, items) -> None:
    """Mark the slow tests (above) ``slow``."""
    for item in items:
        module = item.path.stem
        name = f"{item.path.name}::{getattr(item, 'originalname', item.name)}"
        if module in SLOW_MODULES or name in SLOW_TESTS or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
