"""``plankg validate`` checks that every offset pair slices the text it claims.

Shifting ``plan:sentenceBeginIndex`` or the source offsets by one still conformed to the
SHACL shapes (which check that a mention's ``nif:anchorOf`` is its text); ``validate`` now
compares each pair with the plan's text (and the source offsets with the source the
reader reads again) and exits 1 naming the node.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest


def _shift_first(text: str, predicate: str, occurrence: int = 10) -> tuple[str, str]:
    """``text`` (N-Triples) with the ``occurrence``-th value of ``predicate`` plus one, and its subject."""
    pattern = re.compile(rf'^<([^>]+)> (<[^>]*{re.escape(predicate)}>) "(\d+)"(\^\^<[^>]+>) \.$', re.MULTILINE)
    match = list(pattern.finditer(text))[occurrence]
    subject, iri, value, datatype = match.groups()
    line = f'<{subject}> {iri} "{int(value) + 1}"{datatype} .'
    return text[:match.start()] + line + text[match.end():], subject


def test_the_written_graph_passes(run_plankg, tmp_path, plan_graph_path):
    result = run_plankg("validate", plan_graph_path, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:]
    checked = re.search(r"Offsets: (\d+) offset pairs checked, 0 wrong", result.stdout)
    assert checked and int(checked.group(1)) > 1000


@pytest.mark.parametrize("predicate", ["sentenceBeginIndex", "sentenceEndIndex", "sourceBeginIndex",
                                       "sourceEndIndex"])
def test_a_shifted_offset_is_found(predicate, run_plankg, tmp_path, plan_graph_path):
    text, node = _shift_first(Path(plan_graph_path).read_text(encoding="utf-8"), f"#{predicate}")
    broken = tmp_path / "broken.nt"
    broken.write_text(text, encoding="utf-8")
    result = run_plankg("validate", broken, cwd=tmp_path, timeout=300)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "Offsets: " in result.stdout and " 0 wrong" not in result.stdout
    assert node in result.stdout
