"""Launched names are matched only near a head at a clause edge: the same matches as
running the pattern over the whole text."""
import pytest

from plankg.extract.discovery import discovery_rules, launch_matches
from plankg.extract.read import read_bundled, read_document


@pytest.fixture(scope="module")
def texts(fixtures_dir) -> list[str]:
    """The bundled plan, the fixtures' documents and a few texts written for the windows."""
    found = [read_bundled().text]
    found += [read_document(p).text for p in sorted(fixtures_dir.rglob("*")) if p.suffix in (".txt", ".html", ".md")]
    # heads inside heads, a match reaching far back, matches back to back, the end of the text
    found += ["建立领导小组办公室，成立国家组织药品集中采购和使用试点工作小组办公室负责",
              "依托全国投资项目在线审批监管平台信息平台，在服务平台和管理系统",
              "开展试点开展行动计划，实施主要农作物生产全程机械化推进行动"]
    return found


def test_launch_matches_are_the_patterns_matches_over_the_whole_text(texts):
    found = 0
    for launch in discovery_rules().launched:
        for text in texts:
            expected = [(m.span(), m.span("head")) for m in launch.pattern.finditer(text)]
            assert [(m.span(), m.span("head")) for m in launch_matches(text, launch)] == expected
            found += len(expected)
    assert found > 20
