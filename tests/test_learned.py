"""The learned entity recogniser: training, the correction round trip, combining with the rules.

Training runs as a user would run it (``plankg train`` in a subprocess) on a tiny set, one
thread, few epochs; the shipped model is exercised as ``plankg build --model shipped``.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from corpus_paths import REPO, needs_corpus
from plankg.extract.discovery import Candidate
from plankg.extract.learned.annotations import (AnnotatedText, Annotation, merged, names_in_text,
                                                read_annotations)
from plankg.extract.learned.combine import with_model_names
from plankg.extract.model import PlanError
from plankg.extract.resolve import Resolved

PLAN = rdflib.Namespace("https://w3id.org/plankg/ontology#")
NIF = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
TAUGHT = "琴澳数金院"


def plankg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plankg", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


def teaching_text() -> tuple[str, list[tuple[int, int]]]:
    """Sentences naming the taught body in varied company, and where it stands in them."""
    verbs = ["支持", "鼓励", "推动", "依托", "发挥", "引导", "委托", "组织"]
    tails = ["开展跨境金融研究。", "建设数据服务平台。", "参与标准制定工作。", "牵头编制年度报告。",
             "与高校合作培养人才。", "承担课题评估任务。"]
    text, spans = "", []
    for i in range(24):
        sentence_start = len(text) + len(verbs[i % len(verbs)])
        text += verbs[i % len(verbs)] + TAUGHT + tails[i % len(tails)]
        spans.append((sentence_start, sentence_start + len(TAUGHT)))
        text += ["加快完善金融基础设施。", "持续优化营商环境。", "提升服务实体经济能力。"][i % 3]
    return text, spans


def label_studio_export(path: Path, text: str, spans: list[tuple[int, int]]) -> None:
    """A Label Studio JSON export (the documented shape): one task, a cancelled and a kept annotation."""
    result = [{"id": f"r{i}", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
               "value": {"start": s, "end": e, "text": text[s:e], "labels": ["Institution"]}}
              for i, (s, e) in enumerate(spans)]
    task = {"id": 7, "data": {"text": text, "source": "teaching.txt"},
            "annotations": [{"id": 1, "was_cancelled": True, "result": [], "updated_at": "2024-01-01T00:00:00Z"},
                            {"id": 2, "was_cancelled": False, "result": result,
                             "updated_at": "2024-01-02T00:00:00Z"}],
            "predictions": []}
    unreviewed = {"id": 8, "data": {"text": "未审阅的任务。"}, "annotations": [], "predictions": []}
    path.write_text(json.dumps([task, unreviewed], ensure_ascii=False), "utf-8")


@pytest.fixture(scope="module")
def taught_model(tmp_path_factory) -> Path:
    """A model trained by ``plankg train`` on a corrected Label Studio export alone."""
    folder = tmp_path_factory.mktemp("taught")
    text, spans = teaching_text()
    label_studio_export(folder / "export.json", text, spans)
    run = plankg("train", "--from", str(folder / "export.json"), "--no-shipped-gold", "-o", str(folder / "model"),
                 "--epochs", "30")
    assert run.returncode == 0, run.stderr
    assert "1 annotated document; 1 task without an annotation left out" in run.stderr
    return folder / "model"


# --- training and the correction round trip ----------------------------------------------

def test_a_model_trained_on_corrections_finds_the_taught_name_in_a_new_sentence(taught_model, tmp_path):
    document = tmp_path / "new.txt"
    document.write_text("关于金融合作的通知\n一、请琴澳数金院会同有关单位于年底前提交方案。\n", "utf-8")
    run = plankg("build", str(document), "--model", str(taught_model), "-o", str(tmp_path / "out.ttl"))
    assert run.returncode == 0, run.stderr
    assert _rules_of_mentions(tmp_path / "out.ttl").get(TAUGHT) == PLAN.LearnedModelRule
    without = plankg("build", str(document), "-o", str(tmp_path / "rules.ttl"))
    assert without.returncode == 0, without.stderr
    assert TAUGHT not in _rules_of_mentions(tmp_path / "rules.ttl")  # the rules alone miss it


def _rules_of_mentions(path: Path) -> dict[str, rdflib.URIRef]:
    """Each mention's text -> the rule that found it, in a written graph."""
    graph = rdflib.Graph().parse(path)
    return {str(graph.value(m, NIF.anchorOf)): graph.value(m, PLAN.rule) for m in graph.subjects(PLAN.rule, None)}


def test_training_is_deterministic(taught_model, tmp_path):
    text, spans = teaching_text()
    label_studio_export(tmp_path / "export.json", text, spans)
    run = plankg("train", "--from", str(tmp_path / "export.json"), "--no-shipped-gold", "-o", str(tmp_path / "again"),
                 "--epochs", "30")
    assert run.returncode == 0, run.stderr
    assert _digest(tmp_path / "again") == _digest(taught_model)


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


# --- the Label Studio file --------------------------------------------------------------

NOTICE = """<html><head><meta charset="utf-8"><title>关于推进绿色金融的通知</title></head><body>
<p>关于推进绿色金融的通知</p>
<p>一、支持上海清算所开展“碳中和债券”业务，鼓励中国人民银行（以下简称“人民银行”）&nbsp;指导。</p>
<p>二、在𠀀临港新片区设立上海保险交易所分支机构；人民银行牵头。</p>
</body></html>
"""


def test_exported_tasks_count_code_points_and_map_to_the_source(tmp_path):
    source = tmp_path / "notice.html"
    source.write_text(NOTICE, "utf-8")
    run = plankg("annotate", "export", str(source), "-o", str(tmp_path / "tasks.json"))
    assert run.returncode == 0, run.stderr
    (task,) = json.loads((tmp_path / "tasks.json").read_text("utf-8"))
    regions = {(r["value"]["text"], r["value"]["start"]): r for r in task["predictions"][0]["result"]}
    # Counted by hand in the text plankg reads: the title line (11 characters and a line break),
    # then 一、支持 → 16; 中国人民银行 after 19 more; 𠀀 (U+20000) is one code point (two in UTF-16).
    for name, start, label in (("上海清算所", 16, "Institution"), ("中国人民银行", 35, "Institution"),
                               ("临港新片区", 62, "Place")):
        region = regions[(name, start)]
        assert region["value"]["end"] == start + len(name)
        assert region["value"]["labels"] == [label]
        assert task["data"]["text"][start:start + len(name)] == name
        source_start, source_end = map(int, region["meta"]["text"][0].rsplit("source: ", 1)[1].split("-"))
        assert NOTICE[source_start:source_end] == name  # the span of the file it was read from


def test_exported_doccano_lines_read_back(tmp_path):
    source = tmp_path / "notice.html"
    source.write_text(NOTICE, "utf-8")
    run = plankg("annotate", "export", str(source), "-o", str(tmp_path / "tasks.jsonl"))
    assert run.returncode == 0, run.stderr
    documents, unannotated = read_annotations(tmp_path / "tasks.jsonl")
    assert unannotated == 0
    (document,) = documents
    assert Annotation(62, 67, "place") in document.annotations
    assert document.text[62:67] == "临港新片区"


def test_labeling_config_names_the_six_types():
    run = plankg("annotate", "config")
    assert run.returncode == 0
    for label in ("Institution", "Market", "Product", "Place", "Benchmark", "Programme"):
        assert f'value="{label}"' in run.stdout
    assert '<Text name="text" value="$text"' in run.stdout


# --- bad input ----------------------------------------------------------------------------

@pytest.mark.parametrize("content, message", [
    ('[{"data": {"text": "支持上海清算所。"}, "annotations": [{"result": [{"type": "labels", "value": '
     '{"start": 2, "end": 7, "text": "上海清算", "labels": ["Institution"]}}]}]}]', "reads '上海清算所'"),
    ('[{"data": {"text": "支持上海清算所。"}, "annotations": [{"result": [{"type": "labels", "value": '
     '{"start": 2, "end": 7, "labels": ["Company"]}}]}]}]', "unknown label 'Company'"),
    ('[{"data": {"text": "支持上海清算所。"}, "annotations": [{"result": [{"type": "labels", "value": '
     '{"start": 2, "end": 7, "labels": ["Institution"]}}, {"type": "labels", "value": '
     '{"start": 4, "end": 6, "labels": ["Place"]}}]}]}]', "overlap"),
    ('{"data": 1}', "a JSON list of tasks"),
])
def test_a_bad_export_is_one_line_and_writes_nothing(tmp_path, content, message):
    (tmp_path / "export.json").write_text(content, "utf-8")
    run = plankg("train", "--from", str(tmp_path / "export.json"), "-o", str(tmp_path / "model"))
    assert run.returncode == 2
    assert message in run.stderr and len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    assert not (tmp_path / "model").exists()


def test_a_missing_model_folder_fails_before_reading(tmp_path):
    run = plankg("build", str(REPO / "tests" / "fixtures" / "discovery" / "runon_plan.txt"), "--model",
                 str(tmp_path / "nothing"), "-o", str(tmp_path / "out.ttl"))
    assert run.returncode == 2
    assert "no such model folder" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "out.ttl").exists()


# --- rules and model together -------------------------------------------------------------

def test_rules_win_where_both_find_a_name_and_the_model_fills_the_gaps():
    text = "支持上海清算所与临江研究中心合作，临江研究中心牵头。"
    rules = Resolved(mentions=[Candidate(2, 7, "institution", "lexicon", "上海清算所")],
                     types={"上海清算所": "institution"}, aliases={"上海清算所": {}})
    found = [(2, 9, "market"), (8, 14, "institution"), (17, 23, "institution")]
    resolved = with_model_names(text, rules, found)
    assert [(m.start, m.end, m.rule, m.key) for m in resolved.mentions] == [
        (2, 7, "lexicon", "上海清算所"), (8, 14, "model", "临江研究中心"), (17, 23, "model", "临江研究中心")]
    assert resolved.types["临江研究中心"] == "institution"


def test_a_model_name_that_is_a_known_alias_joins_its_entity():
    text = "人民银行与央行"
    rules = Resolved(mentions=[Candidate(0, 4, "institution", "lexicon", "中国人民银行")],
                     types={"中国人民银行": "institution"}, aliases={"中国人民银行": {"人民银行": "zh", "央行": "zh"}})
    resolved = with_model_names(text, rules, [(5, 7, "place")])
    assert resolved.mentions[-1] == Candidate(5, 7, "institution", "model", "中国人民银行")


# --- the annotated texts ------------------------------------------------------------------

def test_names_are_found_leftmost_longest_and_blockers_block():
    text = "环境保护部门与环境保护部、生态环境部"
    forms = {"环境保护部": "institution", "环境保护部门": None, "生态环境部": "institution"}
    assert names_in_text(text, forms) == [Annotation(7, 12, "institution"), Annotation(13, 18, "institution")]


def test_corrections_replace_the_shipped_copy_of_a_text():
    shipped = [AnnotatedText("corpus/a", "甲", ()), AnnotatedText("corpus/b", "乙", ())]
    corrected = AnnotatedText("mine", "乙", (Annotation(0, 1, "place"),))
    assert merged(shipped, [corrected]) == [shipped[0], corrected]


def test_doccano_entities_records_are_read(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": 3, "text": "在前海设立机构",
                                "entities": [{"id": 1, "start_offset": 1, "end_offset": 3, "label": "Place"}]},
                               ensure_ascii=False) + "\n", "utf-8")
    documents, _ = read_annotations(path)
    assert documents[0].annotations == (Annotation(1, 3, "place"),)
    with pytest.raises(PlanError, match="is not inside the text"):
        path.write_text('{"text": "前海", "label": [[0, 9, "Place"]]}\n', "utf-8")
        read_annotations(path)


def test_label_studio_json_min_exports_are_read(tmp_path):
    path = tmp_path / "min.json"
    path.write_text(json.dumps([{"id": 1, "text": "支持前海、横琴发展", "label": [
        {"start": 2, "end": 4, "text": "前海", "labels": ["Place"]},
        {"start": 5, "end": 7, "text": "横琴", "labels": ["Place"]}]}, {"id": 2, "text": "未标注"}],
        ensure_ascii=False), "utf-8")
    documents, unannotated = read_annotations(path)
    assert [d.annotations for d in documents] == [(Annotation(2, 4, "place"), Annotation(5, 7, "place"))]
    assert unannotated == 1


# --- the shipped model ----------------------------------------------------------------------

def test_the_shipped_model_gives_the_same_graph_twice(tmp_path):
    document = tmp_path / "notice.txt"
    document.write_text("关于推进职业教育的通知\n一、深入实施乡村振兴战略和创新驱动发展战略，推进互联网+职业教育发展。\n"
                        "二、落实职业培训补贴和生活费补贴政策，建立黑名单制度。\n", "utf-8")
    outputs = []
    for run_number in (1, 2):
        output = tmp_path / f"out{run_number}.ttl"
        run = plankg("build", str(document), "--model", "shipped", "-o", str(output))
        assert run.returncode == 0, run.stderr
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1]
    assert _rules_of_mentions(tmp_path / "out1.ttl").get("乡村振兴战略") == PLAN.LearnedModelRule  # no rule finds it


# --- leave one document out -------------------------------------------------------------------

@needs_corpus
def test_the_leave_one_out_script_runs_on_two_documents(tmp_path):
    run = subprocess.run([sys.executable, str(REPO / "bench" / "learned_loo.py"), "--documents",
                          "gold_economic_policy_reply", "research_institution_autonomy", "--epochs", "1",
                          "--json", str(tmp_path / "loo.json")], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    result = json.loads((tmp_path / "loo.json").read_text("utf-8"))
    assert [row["document"] for row in result["rows"]] == ["gold_economic_policy_reply",
                                                           "research_institution_autonomy"]
    rules = next(r for r in result["rows"] if r["document"] == "research_institution_autonomy")
    assert rules["required"] > 0 and 0 < rules["rules_recall"] <= 1
    assert "| **macro** |" in run.stdout


def test_a_corpus_build_with_a_model_is_cached_apart_and_retrained_models_too(tmp_path):
    import shutil

    from plankg.extract.learned import model_path
    from plankg.build.corpus import fingerprint

    folder = tmp_path / "model"
    shutil.copytree(model_path("shipped"), folder)
    keys = {fingerprint(()), fingerprint((), "shipped"), fingerprint((), str(folder))}
    (folder / "meta.json").write_text("{}", "utf-8")  # the folder retrained in place
    keys.add(fingerprint((), str(folder)))
    assert len(keys) == 4
