"""Entity extraction: the spaCy factories, named facts of the bundled plan, measured quality,
discovery of names the lexicon does not know, and the lexicon's own errors."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import spacy
from spacy.lang.zh import Chinese

from plankg.extract import extract
from plankg.extract.evaluate import evaluate, load_gold, task_numbers
from plankg.extract.lexicon import load_lexicon, parse_lexicon
from plankg.extract.model import PlanError
from plankg.extract.read import read_bundled, read_document

ROOT = Path(__file__).resolve().parent
GOLD = ROOT / "gold"
DISCOVERY = ["opinion_crossborder", "notice_green", "runon_plan"]


@pytest.fixture(scope="module")
def bundled():
    return extract(read_bundled())


def _tasks_naming(extraction, name: str) -> set[int]:
    keys = {k for k, e in extraction.entities.items() if name == e.pref_label or name in e.alt_labels}
    linked = task_numbers(extraction)
    return set().union(*(linked.get(k, set()) for k in keys)) if keys else set()


def _mentions_of(extraction, name: str) -> list:
    return [m for m in extraction.mentions if m.entity == name]


# --- the pipeline is built from spaCy factories ------------------------------------------

def test_components_are_spacy_factories():
    nlp = spacy.blank("zh")
    nlp.add_pipe("plan_sentences")
    nlp.add_pipe("plan_entities", config={"shipped_lexicon": True})
    doc = nlp("支持上海清算所开展大宗商品清算通业务。在临港新片区开展试点。")
    labels = {(s.text, s.label_, s._.entity) for s in doc.spans["plan_entities"]}
    assert ("上海清算所", "institution", "上海清算所") in labels
    assert ("临港新片区", "place") in {(t, l) for t, l, _ in labels}
    assert doc._.sentences == [(0, 19), (19, 30)]
    assert len(doc.spans["plan_candidates"]) >= len(doc.spans["plan_entities"])


def test_pipeline_rebuilds_from_its_config():
    nlp = spacy.blank("zh")
    nlp.add_pipe("plan_sentences")
    nlp.add_pipe("plan_entities", config={"shipped_lexicon": False})
    rebuilt = Chinese.from_config(nlp.config)
    assert rebuilt.pipe_names == ["plan_sentences", "plan_entities"]
    assert rebuilt.get_pipe_meta("plan_entities").default_config["shipped_lexicon"] is True
    assert rebuilt.config["components"]["plan_entities"]["shipped_lexicon"] is False


# --- facts of the bundled plan ----------------------------------------------------------

def test_tasks_naming_shanghai_insurance_exchange(bundled):
    assert _tasks_naming(bundled, "上海保险交易所") == {4, 8, 19}


def test_clearing_house_and_cips_share_task_12(bundled):
    assert 12 in _tasks_naming(bundled, "上海清算所")
    assert 12 in _tasks_naming(bundled, "CIPS")
    cips = next(e for e in bundled.entities.values() if "CIPS" in e.alt_labels)
    assert cips.pref_label == "人民币跨境支付系统"
    assert cips.alt_labels["CIPS"] == "en"


def test_yangtze_delta_by_its_short_forms(bundled):
    assert _tasks_naming(bundled, "长三角") == {5, 23, 28, 41}


def test_nested_names(bundled):
    text = bundled.document.text
    surfaces = defaultdict(set)
    for m in bundled.mentions:
        surfaces[m.surface].add(m.type)
    # 上海自贸试验区临港新片区 names both zones; 陆家嘴论坛 is an event, not the place 陆家嘴
    at = text.index("上海自贸试验区临港新片区", bundled.document.title.end)
    spans = {(m.start, m.end) for m in bundled.mentions}
    assert (at, at + 7) in spans and (at + 7, at + 12) in spans
    forum = text.index("陆家嘴论坛", bundled.document.title.end)
    assert not any(m.start == forum and m.end == forum + 3 for m in bundled.mentions)
    assert "programme" in surfaces["陆家嘴论坛"]
    # 上海银行间同业拆放利率 is Shibor, not 上海银行
    shibor = text.index("上海银行间同业拆放利率", bundled.document.title.end)
    inside = [m for m in bundled.mentions if shibor <= m.start < shibor + 11]
    assert [(m.surface, m.type) for m in inside] == [("上海银行间同业拆放利率", "benchmark")]


def test_short_and_full_forms_are_one_entity(bundled):
    keys = {m.entity for m in bundled.mentions if m.surface in ("人民银行", "中国人民银行")}
    assert keys == {"中国人民银行"}
    keys = {m.entity for m in bundled.mentions if m.surface in ("自贸试验区", "自由贸易试验区")}
    assert len(keys) == 1


def test_generic_categories_are_not_entities(bundled):
    names = {e.pref_label for e in bundled.entities.values()}
    assert not names & {"金融机构", "商业银行", "保险机构", "资本市场", "金融市场", "金融产品"}


def test_every_mention_slices_back_to_its_text(bundled):
    text = bundled.document.text
    for mention in bundled.mentions:
        assert text[mention.start:mention.end] == mention.surface
        start, end = bundled.sentence_of(mention)
        assert start <= mention.start and mention.end <= end
        assert bundled.entities[mention.entity].type == mention.type


def test_the_news_lead_is_not_the_plan(bundled):
    lead_end = max(p.end for p in bundled.document.lead)
    assert all(m.start >= lead_end or m.end <= min(p.start for p in bundled.document.lead)
               for m in bundled.mentions)


def test_a_notice_names_its_addressees_but_not_its_number_or_signature():
    text = ("临江省金融监督管理局关于做好普惠金融工作的通知\n临金发〔2099〕1号\n"
            "中国人民银行临江省分行，中国邮政储蓄银行临江省分行，临江银行，各市金融工作局：\n"
            "一、加大信贷投放。临江银行要扩大普惠小微贷款投放。\n二、加强组织保障。各市要抓好落实。\n"
            "国家开发银行临江省分行\n2099年1月1日\n")
    extraction = extract(read_document(text.encode(), name="notice.txt"))
    document = extraction.document
    assert document.metadata.addressee.startswith("中国人民银行临江省分行")
    addressed = {m.surface: m.unit for m in extraction.mentions
                 if document.text.find(document.metadata.addressee) <= m.start < document.text.find("一、")}
    assert addressed == {"中国人民银行临江省分行": None, "中国邮政储蓄银行临江省分行": None, "临江银行": None}
    signature = document.text.rindex("国家开发银行")
    assert not [m for m in extraction.mentions if m.start >= signature]  # the signature is no text of the plan
    assert [m.unit for m in extraction.mentions if m.surface == "临江银行"][1:] == ["task-1"]


def test_extraction_is_deterministic(bundled):
    again = extract(read_bundled())
    assert [(m.start, m.end, m.entity, m.rule) for m in again.mentions] == \
           [(m.start, m.end, m.entity, m.rule) for m in bundled.mentions]


# --- measured quality ----------------------------------------------------------------------

def test_quality_on_the_bundled_plan(bundled):
    report = evaluate(bundled, load_gold(GOLD / "shanghai-ifc.yaml"))
    assert report.entities.precision >= 0.95, report.table()
    assert report.entities.recall >= 0.95, report.table()
    assert report.task_links.f1 >= 0.95, report.table()


@pytest.mark.parametrize("name", DISCOVERY)
def test_discovery_without_the_shipped_lexicon(name):
    """Names these fixtures use are found by patterns, not by the word list."""
    gold = load_gold(GOLD / f"{name}.yaml")
    extraction = extract(read_document(ROOT.parent / gold.document), shipped_lexicon=False)
    report = evaluate(extraction, gold)
    assert report.entities.precision >= 0.85, report.table()
    assert report.entities.recall >= 0.80, report.table()


@pytest.mark.parametrize("name", DISCOVERY)
def test_unseen_documents_with_the_lexicon(name):
    gold = load_gold(GOLD / f"{name}.yaml")
    report = evaluate(extract(read_document(ROOT.parent / gold.document)), gold)
    assert report.entities.precision >= 0.85, report.table()
    assert report.entities.recall >= 0.85, report.table()


def test_aliases_the_text_defines():
    doc = read_document("测试规划\n一、主要任务\n1．支持北京证券交易所（以下简称北交所）发展。"
                        "2．推动北交所与新设的黄河数据交易所（HDX）合作，HDX负责。".encode(), name="alias.txt")
    extraction = extract(doc, shipped_lexicon=False)
    bse = extraction.entities["北京证券交易所"]
    assert "北交所" in bse.alt_labels
    assert _tasks_naming(extraction, "北交所") == {1, 2}
    hdx = next(e for e in extraction.entities.values() if "HDX" in e.alt_labels)
    # the acronym the text gives is another name; the IRI slug comes from the canonical name
    # alone (another document may not give the acronym), see plankg.extract.link.slug_for
    assert hdx.pref_label == "黄河数据交易所" and hdx.slug.startswith("huang-he-shu-ju-jiao-yi-suo-")


def test_duty_notes_name_responsible_bodies():
    doc = read_document("测试意见\n一、重点任务\n（一）完善登记制度。加快建设。"
                        "（负责单位：江淮数字资产登记中心、皖江产权交易所按职责分工负责）".encode(), name="duty.txt")
    names = {e.pref_label for e in extract(doc, shipped_lexicon=False).entities.values()}
    assert {"江淮数字资产登记中心", "皖江产权交易所"} <= names


def test_a_duty_note_that_names_whom_the_responsible_consult_still_names_them():
    doc = read_document("测试意见\n一、重点任务\n（一）完善登记制度。加快建设。"
                        "（证监会债券监管司、会计司牵头，上交所按职责分工负责，商国家数据局推进）\n"
                        "（二）做好收尾工作。".encode(), name="duty.txt")
    surfaces = {m.surface: m.rule for m in extract(doc).mentions}
    assert surfaces.get("会计司") == "duty"


def test_a_department_named_by_two_fields_in_a_duty_note_is_one_body():
    """和 between two fields (货物和劳务税司) joins them into one name; between two bodies it lists them."""
    doc = read_document("测试意见\n一、重点任务\n（一）完善征管制度。加快建设。"
                        "（货物和劳务税司、征管和科技发展司、国家发展改革委和财政部按职责分工负责）".encode(),
                        name="duty.txt")
    surfaces = {m.surface for m in extract(doc).mentions}
    assert {"货物和劳务税司", "征管和科技发展司", "国家发展改革委", "财政部"} <= surfaces
    assert not surfaces & {"货物", "劳务税司", "征管", "科技发展司"}


def test_a_document_without_entities_builds_with_a_warning():
    doc = read_document("测试方案\n一、总体要求\n1．认真做好各项工作。\n2．切实加强领导。".encode(), name="none.txt")
    extraction = extract(doc, shipped_lexicon=False)
    assert extraction.entities == {}
    assert any("no named entities" in w for w in extraction.warnings)


# --- lexicons -----------------------------------------------------------------------------

def test_user_lexicon_adds_names(tmp_path):
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("id\ttype\tname\taliases\nqqq\tprogramme\t青青计划\t青青\n", "utf-8")
    doc = read_document("测试规划\n一、任务\n1．实施青青计划，推广青青经验。".encode(), name="user.txt")
    extraction = extract(doc, lexicons=(str(lexicon),))
    entity = extraction.entities["青青计划"]
    assert entity.type == "programme" and entity.slug == "qqq"
    assert len(_mentions_of(extraction, "青青计划")) == 2


def test_a_user_lexicon_line_replaces_the_shipped_one_aliases_and_all(tmp_path):
    # later wins: a user's line for 中国人民银行 without 人民银行 drops that short form
    mine = tmp_path / "mine.tsv"
    mine.write_text("id\ttype\tname\taliases\n\tinstitution\t中国人民银行\t人行\n", "utf-8")
    lexicon = load_lexicon((str(mine),))
    assert lexicon.entries["中国人民银行"].aliases == ("人行",)
    assert "人民银行" not in lexicon.by_surface and "人民银行" in load_lexicon().by_surface


def test_former_bodies_by_the_names_of_their_time():
    """Bodies abolished or renamed in the State Council reforms are found under the names documents
    of their time use, as the body the shipped lexicon knows; the bare 中国石油 of a trade phrase
    and the 电力部 that begins 电力部门 are not companies or ministries."""
    body = "由国家计生委、地矿部和国家环保局负责，中国铁路总公司配合，电力部门和中国石油消费企业参与。"
    doc = read_document(f"国务院关于测试事项的通知\n一、主要任务\n（一）{body}\n（二）做好收尾工作。\n".encode(),
                        name="former.txt")
    at = doc.text.index(body)
    found = {(m.start - at, m.end - at): (m.surface, m.type, m.entity) for m in extract(doc).mentions
             if m.start >= at}
    assert found == {
        (1, 6): ("国家计生委", "institution", "国家人口和计划生育委员会"),
        (7, 10): ("地矿部", "institution", "地质矿产部"),
        (11, 16): ("国家环保局", "institution", "国家环境保护总局"),
        (19, 26): ("中国铁路总公司", "institution", "中国国家铁路集团有限公司"),
    }


@pytest.mark.parametrize("line, message", [
    ("x\tinstitution", "expected 4 tab-separated fields"),
    ("\tcompany\t某公司\t", "unknown type 'company'"),
    ("\tplace\t\t", "name field is empty"),
    ("Bad Id\tplace\t某地\t", "lowercase letters"),
])
def test_malformed_lexicon_lines_name_file_and_line(line, message):
    with pytest.raises(PlanError) as caught:
        parse_lexicon("# comment\n\tplace\t某市\t\n" + line + "\n", "mine.tsv")
    assert str(caught.value).startswith("mine.tsv:3:")
    assert message in str(caught.value)


def test_missing_lexicon_file(tmp_path):
    with pytest.raises(PlanError, match="lexicon file not found"):
        load_lexicon((str(tmp_path / "nope.tsv"),))


@pytest.mark.parametrize("text", [
    "支持上海清算所开展业务。", "  前导空格", "尾随空格  ", "a b  c\t\td\n\ne", "ＣＩＰＳ（CIPS） 系统",
    "　　全角缩进　　两段", " ", "", "\n", "中 文 单 空 格", "x \n y",
])
def test_char_tokenizer_builds_spacys_doc(text):
    from plankg.extract.pipeline import PlanCharTokenizer

    ours = PlanCharTokenizer(spacy.blank("zh").vocab)(text)
    theirs = spacy.blank("zh")(text)
    assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in theirs]
    assert ours.text == text


@pytest.mark.parametrize("name", ["bundled", *DISCOVERY])
def test_the_spacy_components_find_what_a_build_finds(name):
    """A build runs the rules without spaCy (plankg.extract.entities); the plan_entities and
    plan_sentences components run the same rules on a Doc: the same names, rules and sentences."""
    from plankg.extract.link import link
    from plankg.extract.pipeline import build_pipeline
    from plankg.extract.structure import find_structure

    if name == "bundled":
        document = read_bundled()
    else:
        document = read_document(ROOT.parent / load_gold(GOLD / f"{name}.yaml").document)
    built = extract(document)
    nlp = build_pipeline()
    lexicon = nlp.get_pipe("plan_entities").discoverer.lexicon
    piped = link(document, find_structure(document), nlp(document.text), lexicon)
    assert built.mentions == piped.mentions and len(built.mentions) > 20
    assert built.entities == piped.entities
    assert built.sentences == piped.sentences
