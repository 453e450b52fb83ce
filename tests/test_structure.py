"""Structure stage (plankg.extract.structure) on the bundled plan and on every fixture.

Expected counts, numbers and titles were read off the source texts by hand
(tests/fixtures/README.md describes the fixtures); titles are checked against
the source text itself wherever that is possible.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from plankg.extract import find_structure
from plankg.extract.model import Document, PlanError, Unit
from plankg.extract.read import read_document
from plankg.extract.structure import Structure

FIXTURES = Path(__file__).parent / "fixtures"


def kinds(structure: Structure) -> Counter:
    return Counter(u.kind for u in structure.units)


def by_key(structure: Structure) -> dict[str, Unit]:
    return {u.key: u for u in structure.units}


def children(structure: Structure, parent: Unit, kind: str | None = None) -> list[Unit]:
    return [u for u in structure.units if u.parent == parent.key and (kind is None or u.kind == kind)]


def assert_well_formed(doc: Document, structure: Structure) -> None:
    """Offsets, nesting and keys hold for every unit of any document."""
    units = structure.units
    assert units
    keys = by_key(structure)
    assert len(keys) == len(units), "unit keys are unique"
    assert [u.order for u in units] == list(range(len(units)))
    assert [u.start for u in units] == sorted(u.start for u in units), "units come in document order"
    parents = {u.parent for u in units if u.parent}
    body_start = doc.body[0].start
    for unit in units:
        assert body_start <= unit.start < unit.end <= len(doc.text), unit.key
        assert unit.text, unit.key
        assert unit.text == unit.text.strip(), unit.key
        span = doc.text[unit.start:unit.end]
        if unit.key in parents and unit.kind in ("part", "section"):
            # a part or section keeps its own text: the heading and what precedes its first child
            first = min(u.start for u in units if u.parent == unit.key)
            assert span.startswith(unit.text), unit.key
            assert unit.start + len(unit.text) <= first, unit.key
        else:
            # leaves, and tasks and columns with their items, hold their whole span
            assert unit.text == span, unit.key
        if unit.parent is not None:
            assert unit.parent in keys, f"{unit.key}: parent {unit.parent} missing"
            parent = keys[unit.parent]
            assert parent.start <= unit.start and unit.end <= parent.end, unit.key
            assert unit.key.startswith(parent.key + "/"), unit.key
            assert parent.order < unit.order
        else:
            assert unit.kind == "part", unit.key
        assert unit.title and len(unit.title) <= 60, unit.key
        assert unit.title in unit.text, unit.key
    # siblings never overlap
    for parent_key in [None, *parents]:
        siblings = sorted((u for u in units if u.parent == parent_key), key=lambda u: u.start)
        for before, after in zip(siblings, siblings[1:]):
            assert before.end <= after.start, (before.key, after.key)


# ================================================================ the bundled plan


def test_bundled_counts(bundled_structure):
    assert kinds(bundled_structure) == Counter(
        part=4, section=14, task=44, column=5, item=19, goal=6, principle=5)
    assert bundled_structure.warnings == []


def test_bundled_parts_and_sections(bundled_structure):
    parts = bundled_structure.of_kind("part")
    assert [p.number for p in parts] == [1, 2, 3, 4]
    assert [p.title for p in parts] == ["发展基础", "指导思想、基本原则和发展目标", "主要任务措施", "保障措施"]
    assert [len(children(bundled_structure, p, "section")) for p in parts] == [0, 3, 8, 3]
    part2, part3, part4 = parts[1:]
    assert [s.title for s in children(bundled_structure, part2, "section")] == ["指导思想", "基本原则", "发展目标"]
    sections3 = children(bundled_structure, part3, "section")
    assert [s.number for s in sections3] == list(range(1, 9))
    assert sections3[0].title == "完善金融服务体系，增强对科技创新和实体经济的服务能力"
    assert sections3[7].title == "优化金融营商环境，营造更加良好的金融生态"
    assert [s.title for s in children(bundled_structure, part4, "section")] == [
        "发挥国家层面统筹协调推进机制作用", "加强对金融工作的组织领导", "完善地方层面推进落实工作机制"]


def test_bundled_tasks_numbered_in_order(bundled_structure):
    tasks = bundled_structure.of_kind("task")
    assert [t.number for t in tasks] == list(range(1, 45))
    keys = by_key(bundled_structure)
    # tasks 1–6 in section (一) of part 三, … 40–44 in section (八)
    per_section = Counter(keys[t.parent].number for t in tasks)
    assert per_section == {1: 6, 2: 6, 3: 8, 4: 4, 5: 5, 6: 4, 7: 6, 8: 5}
    assert all(keys[t.parent].parent == "part-3" for t in tasks)


@pytest.mark.parametrize("number, title", [
    (1, "构建有力支持科技创新的金融服务体系"),
    (5, "加强对长三角地区更高质量一体化发展的金融支持"),  # "5." with an ASCII full stop
    (8, "支持多元化金融市场创新发展"),
    (10, "支持金融市场产品和工具创新"),
    (12, "加强金融基础设施体系建设"),
    (18, "加强“一带一路”金融合作"),
    (25, "依托市场优势支持绿色低碳发展"),
    (44, "优化金融空间布局"),
])
def test_bundled_task_titles(bundled_doc, bundled_structure, number, title):
    task = bundled_structure.of_kind("task")[number - 1]
    assert task.number == number
    assert task.title == title
    # the source itself has "<number>．<title>。" (or "<number>.<title>。")
    assert re.search(rf"(?<![0-9]){number}[．.]{re.escape(title)}。", bundled_doc.raw)


def test_bundled_task_text_is_the_whole_item(bundled_doc, bundled_structure):
    for task in bundled_structure.of_kind("task"):
        assert re.match(rf"{task.number}[．.]", task.text), task.key
        assert "专栏" not in task.text, task.key
    task12 = bundled_structure.of_kind("task")[11]
    assert "人民币跨境支付系统（CIPS）" in task12.text
    assert task12.text.endswith("。")
    # task 1's text stops where 专栏1 begins; none of the column's text is in it
    task1 = bundled_structure.of_kind("task")[0]
    column1 = bundled_structure.of_kind("column")[0]
    assert task1.end <= column1.start
    assert "设立科创板并试点注册制是实施创新驱动发展战略" not in task1.text
    assert "设立科创板并试点注册制是实施创新驱动发展战略" in column1.text


def test_tasks_before_columns_exclude_them(bundled_structure):
    tasks = bundled_structure.of_kind("task")
    columns = bundled_structure.of_kind("column")
    around = {}
    for column in columns:
        before = [t for t in tasks if t.start < column.start][-1]
        after = next(t for t in tasks if t.start > column.start)
        around[column.number] = (before.number, after.number)
        assert before.end <= column.start and column.end <= after.start, column.key
        body = column.text.split("\n")[1][:20]  # the column's first sentence
        assert not any(body in t.text for t in tasks), column.key
    assert around == {1: (1, 2), 2: (3, 4), 3: (17, 18), 4: (24, 25), 5: (29, 30)}


COLUMNS = [
    (1, "提升科创板服务科技创新能力", 3, "进一步提升科创板服务国家战略能力"),
    (2, "推动普惠金融发展", 4, "深入推进数字化赋能普惠金融"),
    (3, "加快建设全球资产管理中心", 5, "创新资管产品和服务，满足投资者多样化需求"),
    (4, "着力打造金融科技生态圈", 4, "优化上海金融科技战略空间布局"),
    (5, "积极发展绿色金融", 3, "创新绿色金融标准体系"),
]


@pytest.mark.parametrize("number, title, items, first_item", COLUMNS)
def test_bundled_columns(bundled_doc, bundled_structure, number, title, items, first_item):
    column = bundled_structure.of_kind("column")[number - 1]
    assert column.number == number
    assert column.title == title
    assert re.search(rf"专栏{number}[:：]{title}", bundled_doc.raw)
    assert column.text.startswith(f"专栏{number}")
    found = children(bundled_structure, column, "item")
    assert [i.number for i in found] == list(range(1, items + 1))
    assert found[0].title == first_item
    ordinals = "一二三四五"
    for item in found:
        assert item.text.startswith(f"{ordinals[item.number - 1]}是"), item.key
    # the intro paragraphs of 专栏2 and 专栏5 narrate with inline 一是/二是: those are not items
    assert all(bundled_doc.text[i.start - 1] == "\n" for i in found)


def test_bundled_items_only_in_columns(bundled_structure):
    keys = by_key(bundled_structure)
    assert {keys[i.parent].kind for i in bundled_structure.of_kind("item")} == {"column"}
    # 一是…四是 paragraphs of part 一 (发展基础) are narrative, not items
    assert not any(i.key.startswith("part-1/") for i in bundled_structure.of_kind("item"))


GOALS = [
    "全球资产管理中心生态系统更加成熟，更好满足国内外投资者资产配置和风险管理需求",
    "金融科技中心全球竞争力明显增强，助推城市数字化加快转型",
    "国际绿色金融枢纽地位基本确立，促进经济社会绿色发展",
    "人民币跨境使用枢纽地位更加巩固，“上海价格”国际影响力显著扩大",
    "国际金融人才高地加快构筑，金融人才创新活力不断增强",
    "金融营商环境高地更加凸显，国际金融中心软实力显著提升",
]
PRINCIPLES = [
    "坚持以促进经济高质量发展为目标导向",
    "坚持以提升全球资源配置功能为主攻方向",
    "坚持以人民币金融市场建设为战略重点",
    "坚持以加强金融法治建设为发展保障",
    "坚持以防范化解金融风险为安全底线",
]


def test_bundled_goals_and_principles(bundled_doc, bundled_structure):
    keys = by_key(bundled_structure)
    goals = bundled_structure.of_kind("goal")
    principles = bundled_structure.of_kind("principle")
    assert [g.title for g in goals] == GOALS
    assert [p.title for p in principles] == PRINCIPLES
    assert [g.number for g in goals] == list(range(1, 7))
    assert [p.number for p in principles] == list(range(1, 6))
    assert {keys[g.parent].title for g in goals} == {"发展目标"}
    assert {keys[p.parent].title for p in principles} == {"基本原则"}
    for unit in goals + principles:
        assert f"——{unit.title}。" in bundled_doc.raw
        assert unit.text.startswith(f"——{unit.title}。")
        assert "\n" not in unit.text  # one paragraph each


def test_bundled_well_formed(bundled_doc, bundled_structure):
    assert_well_formed(bundled_doc, bundled_structure)


def test_bundled_last_unit_stops_at_the_body(bundled_doc, bundled_structure):
    last = bundled_structure.units[-1]
    assert last.key == "part-4/section-3"
    assert last.end == bundled_doc.body[-1].end


# ================================================================ fixtures


@dataclass
class Expected:
    parts: list[str]
    sections: list[str] = field(default_factory=list)
    tasks: list[tuple[int, str]] = field(default_factory=list)
    columns: list[tuple[int, str, int]] = field(default_factory=list)  # number, title, items
    items: int = 0
    goals: list[str] = field(default_factory=list)
    principles: list[str] = field(default_factory=list)


EXPECTED = {
    # gov.cn page: State Council measures （一）…（八） numbered across four parts
    "govcn_notice.html": Expected(
        parts=["总体要求", "拓宽融资渠道", "降低综合融资成本", "强化组织保障"],
        tasks=[(1, "扩大首贷覆盖面"), (2, "发展供应链融资"), (3, "用好直接融资工具"),
               (4, "完善贷款定价机制"), (5, "加强政府性融资担保"), (6, "降低增信费用"),
               (7, "健全工作机制"), (8, "加强监测评估")]),
    # one run-on line: （一）指导思想 and （二）主要目标 are sections, （三）…（六） the measures
    "runon_opinion.txt": Expected(
        parts=["总体要求", "重点任务", "保障措施"],
        sections=["指导思想", "主要目标"],
        tasks=[(3, "丰富绿色信贷产品"), (4, "发展转型金融"), (5, "完善碳市场金融功能"),
               (6, "加强部门协同")]),
    # no indents, no line breaks: 1．2． restart under each （一）/（二）; headings run into their text
    "runon_noindent.txt": Expected(
        parts=["工作目标", "重点任务", "组织实施"],
        sections=["简化结算流程", "完善配套服务"],
        tasks=[(1, "推行电子单证审核，优质企业可凭收付款指令直接办理"),
               (2, "扩大跨境人民币结算便利化试点银行范围"),
               (1, "支持银行为外贸新业态提供线上开户和汇款服务"),
               (2, "加强跨境支付系统与境内支付系统的衔接")]),
    # 专栏1: / 专栏2： with 一是/二是 run on in one paragraph; 4． directly under part 三
    "gbk_plan.txt": Expected(
        parts=["发展目标", "主要任务", "保障措施"],
        sections=["壮大金融机构体系", "提升服务实体经济能力"],
        tasks=[(1, "引进培育法人金融机构"), (2, "发展新型金融服务"), (3, "深化科技金融服务"),
               (4, "加强组织领导")],
        columns=[(1, "金融机构集聚工程", 2), (2, "科技金融服务工程", 2)],
        items=4),
    # （一）（二）（三） are the measures; their first sentence is the title
    "utf16_notice.txt": Expected(
        parts=["扩大信贷投放", "优化金融服务"],
        tasks=[(1, "各银行机构要单列普惠小微信贷计划，全年新增普惠小微贷款不低于上年水平"),
               (2, "推广“银税互动”“信易贷”等信用贷款产品，提高首贷户占比"),
               (3, "完善中小企业融资综合信用服务平台功能，实现涉企数据按需共享")]),
    # Markdown: "- 一是…；" / "- 二是…。" list under task 2 are its items
    "utf8bom_plan.md": Expected(
        parts=["总体要求", "重点任务", "保障措施"],
        sections=["建设数字金融基础设施"],
        tasks=[(1, "建设区级金融数据共享平台，推动企业信用信息依法归集"),
               (2, "支持持牌机构开展数字人民币应用场景试点")],
        items=2),
    "discovery/notice_green.html": Expected(
        parts=["健全绿色金融产品和市场体系", "支持成渝地区双城经济圈绿色金融发展",
               "深化粤港澳大湾区绿色金融合作", "保障措施"],
        tasks=[(1, "丰富绿色债券品种"), (2, "稳步发展碳金融产品"), (3, "完善全国碳市场"),
               (4, "发挥绿色金融指数引导作用"), (5, "深化绿色金融改革创新试验区建设"),
               (6, "提升绿色金融服务质效"), (7, "健全碳普惠机制"), (8, "推动绿色金融标准互认"),
               (9, "扩大碳市场对外开放"), (10, "加强组织协调"), (11, "强化监测评估")]),
    # （二）基本原则。坚持…。坚持…。 — four principles run on after the heading
    "discovery/opinion_crossborder.txt": Expected(
        parts=["总体要求", "拓宽跨境投融资渠道", "推进重点区域跨境金融先行先试", "保障措施"],
        sections=["指导思想", "基本原则", "主要目标"],
        tasks=[(4, "完善合格境外投资者制度"), (5, "深化与香港资本市场互联互通"),
               (6, "扩大跨境理财和资产管理合作"), (7, "便利境外主体境内投融资"),
               (8, "支持前海深港现代服务业合作区扩大金融开放"),
               (9, "支持横琴粤澳深度合作区建设跨境金融服务体系"),
               (10, "推动雄安新区和海南自由贸易港跨境金融创新"),
               (11, "促进跨境金融数据安全有序流动"), (12, "加强组织协调"),
               (13, "健全跨境资金流动风险防控"), (14, "强化法治保障")],
        principles=["坚持服务实体经济，引导跨境资金更多投向科技创新和先进制造领域",
                    "坚持制度型开放，对接高标准国际经贸规则",
                    "坚持先行先试，发挥重点区域改革开放试验田作用",
                    "坚持风险可控，守住不发生系统性金融风险的底线"]),
    # one line, paragraphs marked by "　　"; 专栏 items 一是/二是/三是 run on in one paragraph
    "discovery/runon_plan.txt": Expected(
        parts=["工作目标", "重点任务", "保障措施"],
        sections=["建设跨境金融服务高地", "深化与香港、澳门及国际市场合作"],
        tasks=[(1, "扩大跨境投融资试点"), (2, "发展跨境融资租赁"), (3, "推进期货市场对外开放"),
               (4, "深化与虹桥国际中央商务区等区域协作"), (5, "加强组织领导"), (6, "强化人才支撑"),
               (7, "防范化解金融风险")],
        columns=[(1, "南沙跨境金融重点平台", 3), (2, "重点合作项目", 3)],
        items=6),
}


@pytest.fixture(scope="module")
def structures() -> dict[str, tuple[Document, Structure]]:
    result = {}
    for name in EXPECTED:
        doc = read_document(FIXTURES / name)
        result[name] = (doc, find_structure(doc))
    return result


def test_every_fixture_is_covered():
    names = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*") if p.is_file()}
    assert names - {"README.md"} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_structure(structures, name):
    doc, structure = structures[name]
    expected = EXPECTED[name]
    assert structure.warnings == []
    assert [p.title for p in structure.of_kind("part")] == expected.parts
    assert [p.number for p in structure.of_kind("part")] == list(range(1, len(expected.parts) + 1))
    assert [s.title for s in structure.of_kind("section")] == expected.sections
    assert [(t.number, t.title) for t in structure.of_kind("task")] == expected.tasks
    assert [(c.number, c.title, len(children(structure, c, "item")))
            for c in structure.of_kind("column")] == expected.columns
    assert len(structure.of_kind("item")) == expected.items
    assert [g.title for g in structure.of_kind("goal")] == expected.goals
    assert [p.title for p in structure.of_kind("principle")] == expected.principles
    assert_well_formed(doc, structure)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_task_texts(structures, name):
    """Each task starts with its own marker and holds its sentence, nothing of what follows."""
    doc, structure = structures[name]
    cn = "一二三四五六七八九十"
    for task in structure.of_kind("task"):
        n = task.number
        numeral = cn[n - 1] if n <= 10 else "十" + cn[n - 11]
        assert re.match(rf"(?:{n}[．.]|（{numeral}）)", task.text), task.text[:10]
        assert f"{task.title}" in task.text
        assert "专栏" not in task.text
        # no later heading inside a task
        assert not re.search(r"[。）]\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", task.text), task.key
        # the signature and date never end up in the last task
        assert not re.search(r"\d{4}年\d{1,2}月\d{1,2}日", task.text), task.key


def test_duty_note_stays_with_its_task(structures):
    _, structure = structures["govcn_notice.html"]
    task5 = structure.of_kind("task")[4]
    assert task5.text.endswith("（负责部门：财政部、中国人民银行、金融监管总局按职责分工负责）")
    assert "负责部门" not in structure.of_kind("task")[5].text


def test_state_council_measures_nest_under_parts(structures):
    _, structure = structures["discovery/opinion_crossborder.txt"]
    keys = by_key(structure)
    assert {keys[t.parent].kind for t in structure.of_kind("task")} == {"part"}
    assert [keys[t.parent].number for t in structure.of_kind("task")] == [2] * 4 + [3] * 4 + [4] * 3
    guidance = structure.of_kind("section")
    assert {s.parent for s in guidance} == {"part-1"}
    assert [s.number for s in guidance] == [1, 2, 3]
    principles = structure.of_kind("principle")
    assert {p.parent for p in principles} == {guidance[1].key}
    assert all(p.text.startswith("坚持") and p.text.endswith("。") for p in principles)


def test_run_on_columns_split_items(structures):
    doc, structure = structures["gbk_plan.txt"]
    items = structure.of_kind("item")
    assert [i.title for i in items] == [
        "建设临江金融街，完善办公和生活配套设施", "设立金融机构落户奖励，对新设法人机构给予一次性补助",
        "设立规模10亿元的天使投资引导基金", "每年举办不少于20场投融资对接活动"]
    assert items[0].text == "一是建设临江金融街，完善办公和生活配套设施。"
    assert items[1].text == "二是设立金融机构落户奖励，对新设法人机构给予一次性补助。"


def test_markdown_list_items_belong_to_their_task(structures):
    _, structure = structures["utf8bom_plan.md"]
    task2 = structure.of_kind("task")[1]
    items = structure.of_kind("item")
    assert [i.parent for i in items] == [task2.key, task2.key]
    assert [i.title for i in items] == ["拓展零售消费场景", "探索跨境支付场景"]
    assert task2.text.endswith("二是探索跨境支付场景。")


def test_restarted_numbering_in_run_on_text(structures):
    _, structure = structures["runon_noindent.txt"]
    tasks = structure.of_kind("task")
    sections = structure.of_kind("section")
    assert [t.parent for t in tasks] == [sections[0].key] * 2 + [sections[1].key] * 2
    assert len({t.key for t in tasks}) == 4
    assert tasks[1].text == "2．扩大跨境人民币结算便利化试点银行范围。"
    part3 = structure.of_kind("part")[2]
    assert part3.text == "三、组织实施由市地方金融管理部门牵头，会同相关单位制定年度工作计划并跟踪落实。"


# ================================================================ hand-made documents


def test_numbering_gap_warns_and_keeps_the_numbers():
    doc = read_document("临江市金融工作方案\n一、主要任务\n1．加强金融监管协调。\n2．推进普惠金融发展。\n"
                        "4．完善地方金融组织体系。\n".encode(), name="gap.txt")
    structure = find_structure(doc)
    assert [(t.number, t.title) for t in structure.of_kind("task")] == [
        (1, "加强金融监管协调"), (2, "推进普惠金融发展"), (4, "完善地方金融组织体系")]
    assert len(structure.warnings) == 1
    assert "jumps from 2 to 4" in structure.warnings[0]


def test_continuous_numbering_across_sections_does_not_warn(bundled_structure):
    # 1．…44． run on across eight sections: no gap, no warning (checked on the bundled plan)
    assert not bundled_structure.warnings


@pytest.mark.parametrize("text", [
    "关于做好某项工作的通知\n这是一段没有任何编号结构的文字，只是说明一些情况。\n另一段文字也没有编号。\n",
    "只有一段话。",
])
def test_no_numbering_builds_paragraph_units_with_a_warning(text):
    doc = read_document(text.encode(), name="plain.txt")
    structure = find_structure(doc)
    assert not structure.of_kind("task")
    assert [u.text for u in structure.units] == [p.text for p in doc.body]
    assert any("no numbered" in w for w in structure.warnings)


# A contingency plan numbered 1 / 1.1 / 3.1.1 with a contents page, whose two attachments run on
# after no-break spaces, as pages flattened to text leave them: grading criteria (cases that
# define each grade) and the working groups numbered 一、 again.
CONTINGENCY_PLAN = (
    "临江市突发水污染事件应急预案\n"
    "1\u3000总则\n2\u3000组织指挥\n3\u3000应急响应\n4\u3000附则\n"
    "1\u3000总则\n1.1\u3000编制目的\n为做好水污染事件应对工作，制定本预案。\n"
    "2\u3000组织指挥\n2.1\u3000指挥机构\n市政府设立应急指挥部，统一指挥应对工作。\n"
    "2.2\u3000工作组\n应急指挥部设立工作组，职责见附件2。\n"
    "3\u3000应急响应\n3.1\u3000响应分级\n3.1.1\u3000一级响应\n由应急指挥部启动一级响应。\n"
    "3.1.2\u3000二级响应\n由市生态环境局启动二级响应。\n3.2\u3000响应措施\n"
    "3.2.1\u3000现场处置\n切断污染源，控制污染扩散。\n3.2.2\u3000信息发布\n及时发布事件信息。\n"
    "3.3\u3000响应终止\n险情消除后终止响应。\n"
    "4\u3000附则\n4.1\u3000预案管理\n市生态环境局负责修订本预案。\n"
    "4.2\u3000预案实施时间\n本预案自印发之日起实施。\n"
    "附件：1.事件分级标准\n2.工作组职责\u00a0附件1事件分级标准\n"
    "一、重大事件\n凡符合下列情形之一的，为重大事件：\n1.造成饮用水取水中断的；\n2.造成直接经济损失1亿元以上的。\n"
    "二、一般事件\n凡符合下列情形之一的，为一般事件：\n1.造成局部水体污染的；\n2.造成直接经济损失100万元以下的。"
    "\u00a0附件2工作组职责\n"
    "一、污染处置组。由市生态环境局牵头，市水务局参加。\n主要职责：切断污染源，控制污染扩散。\n"
    "二、应急监测组。由市环境监测站牵头。\n主要职责：开展应急监测，研判污染态势。\n"
)


@pytest.fixture(scope="module")
def contingency_plan():
    doc = read_document(CONTINGENCY_PLAN.encode(), name="plan.txt")
    return doc, find_structure(doc)


def test_contingency_plan_measures_are_its_deepest_sections(contingency_plan):
    _, structure = contingency_plan
    plan_tasks = [t.label for t in structure.of_kind("task") if not t.key.startswith("annex-")]
    # 1.1 stands under 总则 (guidance); 4.2 only says when the plan takes effect
    assert plan_tasks == ["2.1", "2.2", "3.1.1", "3.1.2", "3.2.1", "3.2.2", "3.3", "4.1"]


def test_attachment_run_on_after_a_no_break_space_starts_there(contingency_plan):
    doc, structure = contingency_plan
    attached = [u for u in structure.units if u.key.startswith("annex-")]
    assert {u.key.split("/")[0] for u in attached} == {"annex-1", "annex-2"}
    first = next(u for u in attached if u.key.startswith("annex-2/"))
    assert first.title == "污染处置组" and doc.text[first.start:].startswith("一、污染处置组")


def test_an_attachment_with_its_own_numbering_holds_its_own_measures(contingency_plan):
    _, structure = contingency_plan
    groups = [t for t in structure.of_kind("task") if t.key.startswith("annex-2/")]
    assert [(t.number, t.title) for t in groups] == [(1, "污染处置组"), (2, "应急监测组")]
    assert groups[0].text.endswith("控制污染扩散。")


def test_cases_that_define_a_grade_are_not_measures(contingency_plan):
    _, structure = contingency_plan
    grades = [u for u in structure.units if u.key.startswith("annex-1/")]
    assert [u.title for u in grades if u.kind == "part"] == ["重大事件", "一般事件"]
    assert len(grades) == 6 and not [u for u in grades if u.kind == "task"]


def test_cases_inside_a_measure_stay_with_it():
    # a measure with its own sentence that goes on to list cases is still a measure
    doc = read_document("临江市监管工作方案\n一、强化监管\n"
                        "（一）严格执法。加强日常检查，有下列情形之一的，即为重点监管对象：\n"
                        "1.多次违法排污的；\n2.拒不改正的。\n（二）从严处罚。有下列情形之一的，即为失信主体：\n"
                        "1.伪造监测数据的；\n2.逃避监管的。\n".encode(), name="cases.txt")
    structure = find_structure(doc)
    assert [t.title for t in structure.of_kind("task")] == ["严格执法", "从严处罚"]


def test_the_list_of_attachments_is_no_outline(contingency_plan):
    _, structure = contingency_plan
    assert not [u for u in structure.units if u.title in ("事件分级标准", "工作组职责")]
    assert not structure.warnings


PRACTICES = ("附件\n典型经验做法\n1.甲市推进政务服务一网通办。\n2.乙县探索农村土地制度改革。\n"
             "3.丙区建设创新创业示范基地。\n")


@pytest.mark.parametrize("title, tasks", [
    ("临江省人民政府办公厅关于对典型经验做法给予表扬的通报", 0),  # commends what was done
    ("临江省人民政府关于表彰典型经验做法的决定", 0),
    ("临江省人民政府办公厅关于推广典型经验做法的通知", 3),  # asks that they be adopted
    ("临江省人民政府办公厅关于做好典型经验做法评选表彰工作的通知", 3),  # organises a commendation
])
def test_a_commendation_lists_what_it_commends_not_measures(title, tasks):
    text = f"{title}\n各市人民政府：\n经省政府同意，现将有关典型经验做法通报如下。\n{PRACTICES}"
    doc = read_document(text.encode(), name="practices.txt")
    structure = find_structure(doc)
    assert doc.metadata.title == title
    assert len(structure.of_kind("task")) == tasks
    assert [u.title[:2] for u in structure.units if u.number] == ["甲市", "乙县", "丙区"]
    assert not structure.warnings


def _numbered_plan(lines: list[str]) -> Structure:
    return find_structure(read_document(("临江市生态环境保护规划\n" + "\n".join(lines)).encode(), name="plan.txt"))


def test_a_box_run_into_a_paragraph_ends_with_it():
    # a page flattened to text: the box and its table run on in a paragraph; the measures follow
    structure = _numbered_plan([
        "一、主要任务", "（一）防治大气污染。", "到2025年空气质量持续改善。专栏1　主要指标 指标2020年2025年",
        "1.控制燃煤污染。", "推进燃煤锅炉改造。", "2.治理移动源污染。", "淘汰老旧车辆。",
        "（二）防治水污染。", "1.保护饮用水源。", "划定水源保护区。", "2.治理黑臭水体。", "开展截污纳管。"])
    assert [t.title for t in structure.of_kind("task")] == [
        "控制燃煤污染", "治理移动源污染", "保护饮用水源", "治理黑臭水体"]
    assert not structure.of_kind("item")


def test_a_box_on_its_own_line_keeps_its_points():
    structure = _numbered_plan([
        "一、主要任务", "（一）防治大气污染。推进燃煤锅炉改造。", "专栏1：重点工程", "1.燃煤锅炉改造工程。",
        "2.老旧车辆淘汰工程。", "（二）防治水污染。划定水源保护区。", "（三）保护生态环境。开展生态修复。"])
    assert [t.title for t in structure.of_kind("task")] == ["防治大气污染", "防治水污染", "保护生态环境"]
    assert [i.title for i in structure.of_kind("item")] == ["燃煤锅炉改造工程", "老旧车辆淘汰工程"]


def _chaptered_plan(lines: list[str]) -> tuple[Document, Structure]:
    doc = read_document(("临江市生态环境保护规划\n" + "\n".join(lines)).encode(), name="plan.txt")
    return doc, find_structure(doc)


_BOXED_SECTION = [
    "第一章　主要任务", "第一节　改善大气环境", "推进燃煤锅炉改造。淘汰老旧车辆。",
    "第二节　提升水环境质量", "实施控制单元管理。", "专栏1　需要改善的控制单元",
    "（一）东江流域。东江临江段由Ⅳ类升为Ⅲ类。", "（二）西河流域。西河城区段氨氮浓度下降。",
    "实施流域综合治理。上下游联合监测。", "第三节　防治土壤污染", "开展土壤详查。"]


def test_a_box_printed_in_a_section_task_belongs_to_it_and_ends_with_its_points():
    # tasks are the sections 第X节; a plain-text box has no end mark: the paragraph after its
    # last point is the task's own text again
    doc, structure = _chaptered_plan(_BOXED_SECTION)
    task = {t.title: t for t in structure.of_kind("task")}["提升水环境质量"]
    [box] = structure.of_kind("column")
    assert box.parent == task.key
    assert doc.text[box.start:box.end].endswith("西河城区段氨氮浓度下降。")
    assert doc.text[task.start:task.end].endswith("上下游联合监测。")
    assert [i.title for i in structure.of_kind("item")] == ["东江流域", "西河流域"]


def test_a_box_between_measures_still_stands_beside_them():
    # tasks numbered （一）: a box after a measure is no part of it
    structure = _numbered_plan([
        "一、主要任务", "（一）防治大气污染。推进燃煤锅炉改造。", "专栏1：重点工程", "1.燃煤锅炉改造工程。",
        "2.老旧车辆淘汰工程。", "推进燃煤锅炉改造。", "（二）防治水污染。划定水源保护区。"])
    [box] = structure.of_kind("column")
    assert by_key(structure)[box.parent].kind == "part"
    assert len(structure.of_kind("item")) == 2


def _notice_with_attached_table(title: str) -> Structure:
    measures = [f"（{n}）{what}。{who}负责。" for n, what, who in [
        ("一", "扩大长期护理保险试点", "医保局"), ("二", "推进异地就医结算", "医保局"),
        ("三", "开展药品集中采购", "联采办")]]
    rows = [f"{k}\t{province}\t{city}\t长期护理保险试点；异地就医结算" for k, (province, city) in enumerate([
        ("河北省", "唐山市"), ("山西省", "晋城市"), ("辽宁省", "大连市"), ("吉林省", "长春市"), ("江苏省", "南通市")], 1)]
    text = "\n".join(["临江省医疗保障局关于深化医保改革的通知", "一、主要任务", *measures, "二、组织实施",
                     "（四）加强组织领导。各地负责。", "附件", title, "序号\t省份\t城市\t试点内容", *rows])
    return find_structure(read_document(text.encode(), name="notice.txt"))


def test_an_attached_list_of_places_sets_no_tasks():
    # the table's five rows outnumber the four measures, but a 名单 says where, not what to do
    structure = _notice_with_attached_table("2026年改革试点地区名单")
    assert [t.title for t in structure.of_kind("task")] == [
        "扩大长期护理保险试点", "推进异地就医结算", "开展药品集中采购", "加强组织领导"]


def test_an_attached_table_of_measures_still_holds_the_tasks():
    structure = _notice_with_attached_table("2026年改革举措推广清单")
    assert len(structure.of_kind("task")) == 5


def test_items_after_a_lost_heading_are_not_guidance():
    # the text lost "二、主要任务" and "（一）减少污染物排放": （二） comes back after （二）主要目标
    structure = _numbered_plan([
        "一、指导思想和目标", "（一）指导思想。", "坚持绿色发展。", "（二）主要目标。", "到2025年，生态环境明显改善。",
        "1.削减大气污染物。", "推进工业废气治理。", "2.削减水污染物。", "推进污水处理。",
        "（二）保护生态环境。", "1.划定生态保护红线。", "严守红线。", "2.开展生态修复。", "修复矿山。"])
    assert [t.title for t in structure.of_kind("task")] == ["削减大气污染物", "削减水污染物", "划定生态保护红线",
                                                          "开展生态修复"]


@pytest.mark.parametrize("points", [["1．", "2．"], ["1.", "2.", "3."]])
def test_points_restarting_in_each_measure_of_a_series_run_on_across_parts_are_sub_measures(points):
    # （一）–（五） run on across the parts, each a short title over its own 1．2．: the titled
    # items are the measures (citable by their number), the points inside them sub-measures
    lines = ["一、总体要求", "（一）指导思想。坚持绿色发展。", "二、改善环境质量", "（二）治理大气污染。"]
    lines += [f"{n}推进第{k}批燃煤锅炉改造，各区要按期完成。" for k, n in enumerate(points, 1)]
    lines += ["（三）治理水污染。"] + [f"{n}划定第{k}批水源保护区，严格保护。" for k, n in enumerate(points, 1)]
    lines += ["三、加强保障", "（四）加强组织领导。"] + [f"{n}建立第{k}项工作机制。" for k, n in enumerate(points, 1)]
    lines += ["（五）加大资金投入。市财政安排专项资金。"]
    structure = _numbered_plan(lines)
    assert [t.title for t in structure.of_kind("task")] == ["治理大气污染", "治理水污染", "加强组织领导", "加大资金投入"]


def test_points_numbered_on_across_their_headings_stay_the_measures():
    # 1．–4． run on across （一）–（三）: that series is the list of measures, as in the bundled plan
    structure = _numbered_plan(["一、主要任务", "（一）治理大气污染", "1．推进燃煤锅炉改造。", "2．淘汰老旧车辆。",
                                "（二）治理水污染", "3．划定水源保护区。", "（三）保护生态", "4．开展生态修复。"])
    assert [t.title for t in structure.of_kind("task")] == ["推进燃煤锅炉改造", "淘汰老旧车辆", "划定水源保护区", "开展生态修复"]


def test_an_attached_list_of_names_is_no_list_of_measures():
    doc = read_document("临江省人民政府关于开展生态示范创建工作的通知\n一、加强组织领导。各地要成立工作专班。\n"
                        "二、加大资金投入。省财政安排专项资金。\n附件\n生态示范创建地区名单\n"
                        "一、临江市\n二、江北县\n三、滨海新区\n".encode(), name="names.txt")
    structure = find_structure(doc)
    assert [t.title for t in structure.of_kind("task")] == ["加强组织领导", "加大资金投入"]


def test_a_regulation_whose_line_breaks_were_lost_keeps_its_chapters_and_articles():
    # the chapter heading runs into the first article; a cited article (第三条第二款) is no marker
    text = ("临江市河道管理办法\n第一章　总　则第一条　为了加强河道管理，制定本办法。"
            "第二条　本办法适用于本市行政区域内的河道。第二章　整治与保护第三条　市水务局负责河道整治，"
            "依照本办法第二条第二款划定范围。第四条　禁止在河道内倾倒垃圾。")
    structure = find_structure(read_document(text.encode(), name="rules.txt"))
    assert [u.title for u in structure.of_kind("part")] == ["总　则", "整治与保护"]
    assert [t.number for t in structure.of_kind("task")] == [1, 2, 3, 4]
    assert structure.of_kind("task")[2].title.startswith("市水务局负责河道整治")


@pytest.mark.parametrize("number", ["{}、", "{}．", "{}.", "第{}部分　", "第{}篇　"])
def test_parts_numbered_with_a_full_stop_or_as_parts_are_parts(number):
    one, two, three = (number.format(n) for n in "一二三")
    structure = _numbered_plan([f"{one}总体要求", "（一）指导思想。坚持绿色发展。", f"{two}主要任务",
                                "（二）治理大气污染。推进燃煤锅炉改造。", "（三）治理水污染。划定水源保护区。",
                                f"{three}保障措施", "（四）加强组织领导。各区要落实责任。"])
    assert [p.title for p in structure.of_kind("part")] == ["总体要求", "主要任务", "保障措施"]
    assert [t.title for t in structure.of_kind("task")] == ["治理大气污染", "治理水污染", "加强组织领导"]


def test_a_paragraph_opening_with_a_count_is_no_part():
    structure = _numbered_plan(["一、主要任务", "（一）治理大气污染。推进燃煤锅炉改造。", "一部分地区要先行先试。",
                                "（二）治理水污染。划定水源保护区。"])
    assert [p.title for p in structure.of_kind("part")] == ["主要任务"]
    assert [t.title for t in structure.of_kind("task")] == ["治理大气污染", "治理水污染"]


def test_a_decree_run_on_into_its_regulation_ends_at_its_date_and_every_article_provides():
    text = ("中华人民共和国国务院令第999号现公布《临江河道管理条例》，自2099年1月1日起施行。总理　张三"
            "2098年12月1日临江河道管理条例第一章　总则第一条　为了加强河道管理，制定本条例。第二条　本条例适用于"
            "临江流域的河道。第二章　整治与保护第三条　水行政主管部门负责河道整治。第四条　禁止在河道内倾倒垃圾。")
    doc = read_document(text.encode(), name="decree.txt")
    assert doc.metadata.document_number == "国务院令第999号" and doc.metadata.issued == "2098-12-01"
    structure = find_structure(doc)
    assert [u.title for u in structure.of_kind("part")] == ["总则", "整治与保护"]
    assert [t.number for t in structure.of_kind("task")] == [1, 2, 3, 4]  # 总则's articles too


def test_a_reference_to_a_part_is_no_part():
    structure = _numbered_plan(["第一部分　主要任务", "（一）治理大气污染。各区要按照本方案第二部分确定的分工推进燃煤锅炉改造。",
                                "（二）治理水污染。划定水源保护区。", "第二部分　保障措施", "（三）加强组织领导。各区要落实责任。"])
    assert [p.title for p in structure.of_kind("part")] == ["主要任务", "保障措施"]
    assert [t.title for t in structure.of_kind("task")] == ["治理大气污染", "治理水污染", "加强组织领导"]


def _run_on(text: str) -> Structure:
    """A notice whose paragraphs were lost: its title on a line, the rest one run-on paragraph."""
    return find_structure(read_document(("临江市人民政府关于加强政务服务的意见\n" + text).encode(), name="notice.txt"))


def test_a_run_on_part_heading_running_into_its_lead_still_holds_measures():
    # 二、加强窗口建设 runs straight into its lead: its heading cannot be told from the lead's
    # sentences, but most parts are bare headings, so the restarting （一） items are the measures
    structure = _run_on("一、总体要求（一）指导思想。坚持以人民为中心。二、加强窗口建设各区要统一窗口标准。"
                        "要方便群众办事。（一）推进一窗受理。整合部门窗口。（二）推行帮办代办。设立帮办专员。"
                        "三、规范运行管理（一）严格审核。先审后发。（二）强化监督。定期通报。"
                        "四、强化保障措施（一）加强组织领导。各区要落实责任。")
    assert [t.title for t in structure.of_kind("task")] == [
        "推进一窗受理", "推行帮办代办", "严格审核", "强化监督", "加强组织领导"]


@pytest.mark.parametrize("text, titles", [
    # two rules in one notice, run on: the second's 一、 does not continue the first's parts, but
    # its heading runs straight into a （一）: its parts start again
    ("第一项规定特制定以下规定：一、关于机构改制（一）依法登记为公司。（二）完善法人治理。二、关于资产管理"
     "（三）做好资产清查。第二项规定特制定以下规定：一、关于财政支持（一）安排专项资金。（二）落实税收优惠。",
     ["依法登记为公司", "完善法人治理", "做好资产清查", "安排专项资金", "落实税收优惠"]),
    # a 一、 inside a sentence with no （一） after it is an enumeration, not a restart
    ("一、主要任务（一）加强监管。重点抓好以下工作：一、查处违法行为，二、曝光典型案例。（二）优化服务。推行一网通办。",
     ["加强监管", "优化服务"]),
])
def test_run_on_parts_start_again_only_before_a_first_section(text, titles):
    assert [t.title for t in _run_on(text).of_kind("task")] == titles


def test_a_table_run_on_after_its_header_has_its_rows():
    # a table flattened into the paragraph: each row's number runs on after the last cell of the
    # row before; counts (2个, 3项) and years are no row numbers
    structure = _run_on("现将典型做法通报如下。序号改革举措主要内容推广范围1企业投资承诺制改革甲市将2个审批阶段合并。全国"
                        "2多规合一改革乙县编制3项规划，2019年完成。8个试验区域3一窗受理改革丙区整合窗口。全国")
    assert [(t.number, t.title[:6]) for t in structure.of_kind("task")] == [
        (1, "企业投资承诺"), (2, "多规合一改革"), (3, "一窗受理改革")]


def test_a_numbering_word_in_a_sentence_starts_no_table():
    # 编号 in a sentence, then counts and hours: no row of a table (rows follow header cells with no
    # clause punctuation between)
    structure = _run_on("一、主要任务（一）统一不动产登记编号规则，发生险情后1小时内报告。加快建设2套系统，建立3支队伍。"
                        "（二）推进4张网建设。（三）做好收尾工作。")
    assert [t.title[:4] for t in structure.of_kind("task")] == ["统一不动", "推进4张", "做好收尾"]


def test_a_notices_definitions_and_effective_date_are_no_tasks():
    # a notice's 附则 items define its terms and say when it takes effect: they ask nobody to act
    text = ("临江市金融局关于支持小微企业融资的通知\n一、加大信贷支持（一）扩大首贷投放。各银行要增加首贷户。"
            "（二）降低融资成本。各银行要减费让利。二、附则（三）本通知所称小微企业，是指符合划型标准的企业。"
            "（四）本通知自2099年1月1日起施行。")
    structure = find_structure(read_document(text.encode(), name="notice.txt"))
    assert [t.title for t in structure.of_kind("task")] == ["扩大首贷投放", "降低融资成本"]



def test_measures_numbered_throughout_with_sub_measures_under_some():
    # many 一、 items are measures with their text; four are headings whose (一)(二) restart under
    # each: those are the sub-measures of a 一、 measure, which is the task
    structure = _numbered_plan([
        "一、总体要求。坚持稳中求进。",
        "二、保障粮食生产。", "（一）加大信贷投入。银行要增加贷款。", "（二）支持农田建设。银行要延长期限。",
        "三、扩大农业保险。", "（一）落实政策性保险。保险公司要扩大承保。", "（二）发展特色保险。各地要开发产品。",
        "四、巩固脱贫成果。", "（一）衔接帮扶政策。银行要保持投放。", "（二）用好小额信贷。银行要应贷尽贷。",
        "五、健全县域服务。", "（一）发挥银行优势。银行要下沉服务。", "（二）深化农信改革。各地要稳妥推进。",
        "六、支持特色产业。银行要开发专属产品。", "七、支持绿色发展。银行要发展绿色信贷。",
        "八、服务农村改革。银行要创新抵押方式。", "九、强化风险防控。银行要监测资金流向。"])
    assert [t.title for t in structure.of_kind("task")] == [
        "保障粮食生产", "扩大农业保险", "巩固脱贫成果", "健全县域服务", "支持特色产业", "支持绿色发展", "服务农村改革",
        "强化风险防控"]
    assert [i.title for i in structure.of_kind("item")][:2] == ["加大信贷投入", "支持农田建设"]


def test_one_measure_with_points_among_many_keeps_its_points():
    # one 一、 answer holds (一)–(三) among answers without points: each point is a measure
    structure = _numbered_plan([
        "一、关于资金问题。财政要安排资金。", "二、关于投资渠道问题。", "（一）新开工项目由银行贷款。",
        "（二）技改项目由企业自筹。", "（三）勘探项目由财政补助。", "三、关于经费问题。人民银行要安排经费。",
        "四、关于税收问题。税务部门要落实政策。"])
    assert [t.title[:4] for t in structure.of_kind("task")] == ["关于资金", "新开工项", "技改项目", "勘探项目",
                                                                "关于经费", "关于税收"]


def test_a_table_of_a_few_rows_among_many_measures_is_a_box():
    # a 专栏 table of three platforms printed after (四): the (一)–(八) measures are the tasks
    rows = "".join(f"<tr><td>{n}</td><td>临江{name}</td><td>开展{name}业务。</td></tr>"
                   for n, name in ((1, "碳排放权交易中心"), (2, "知识产权交易所"), (3, "股权交易中心")))
    measures = "".join(f"<p>（{cn}）推进第{cn}项改革。银行要落实。</p>" for cn in "一二三四五六七八")
    page = (f"<html><body><p>临江市金融开放实施方案</p><p>一、主要任务</p>{measures}"
            f"<p>专栏　重点平台</p><table><tr><td>序号</td><td>平台名称</td><td>主要内容</td></tr>{rows}</table>"
            "<p>二、保障措施</p><p>（九）加强组织领导。各区要落实责任。</p></body></html>")
    structure = find_structure(read_document(page.encode(), name="plan.html"))
    assert [t.title[:4] for t in structure.of_kind("task")] == [
        *(f"推进第{cn}" for cn in "一二三四五六七八"), "加强组织"]


def test_nine_measures_each_with_its_points_are_the_tasks():
    # 一、–九、 each hold (一)(二): a list of measures this long is no list of parts
    lines = []
    for k, cn in enumerate("一二三四五六七八九"):
        lines += [f"{cn}、推进第{k + 1}项工作", "（一）加大信贷投入。银行要增加贷款。", "（二）扩大保险覆盖。保险公司要开发产品。"]
    structure = _numbered_plan(lines)
    assert [t.title for t in structure.of_kind("task")] == [f"推进第{k + 1}项工作" for k in range(9)]


_POINTS = ("（一）加大信贷投入。银行要增加贷款。", "（二）扩大保险覆盖。保险公司要开发产品。", "（三）发展债券融资。企业要规范发债。",
           "（四）用好股权融资。各地要培育上市资源。", "（五）优化担保服务。担保机构要降低费率。")


def _guided_parts(points: int) -> list[str]:
    """An opinion's or a notice's lines: 一、总体要求 with its guidance points, then 二、–十、 each
    holding ``points`` points that restart under it."""
    lines = ["一、总体要求", "（一）指导思想。坚持稳中求进。", "（二）基本原则。坚持市场化法治化。"]
    for k, cn in enumerate("二三四五六七八九十"):
        lines += [f"{cn}、推进第{k + 2}项工作", *_POINTS[:points]]
    return lines


def test_an_opinion_in_many_parts_with_its_guidance_points_keeps_the_points_as_tasks():
    # 一、总体要求 holds (一)指导思想 (二)基本原则 and each part holds five measures: the 一、 items
    # are parts, however many there are
    structure = _numbered_plan(_guided_parts(5))
    assert [t.title for t in structure.of_kind("task")] == [p[3:p.index("。")] for p in _POINTS] * 9


def test_a_notice_whose_many_items_hold_a_few_points_each_has_its_items_as_tasks_after_guidance():
    # the same guidance part, but 二、–十、 hold three points each: they are the measures, the
    # points their sub-measures; 一、总体要求 is still no task
    structure = _numbered_plan(_guided_parts(3))
    assert [t.title for t in structure.of_kind("task")] == [f"推进第{k + 2}项工作" for k in range(9)]


def test_four_parts_each_with_restarting_measures_keep_their_measures():
    lines = []
    for cn, area in zip("一二三四", ("信贷", "保险", "债券", "基金"), strict=True):
        lines += [f"{cn}、完善{area}服务", f"（一）扩大{area}投入。银行要加大投入。", f"（二）优化{area}结构。各方要落实。"]
    structure = _numbered_plan(lines)
    assert [t.title for t in structure.of_kind("task")][:2] == ["扩大信贷投入", "优化信贷结构"]
    assert len(structure.of_kind("task")) == 8


def test_an_attachment_that_defines_terms_holds_no_tasks():
    # the notice's measures 一、–三、, then an attachment listing what its sectors cover (term and colon)
    lines = ["一、扩大投向领域。各地要加强项目储备。", "二、规范发行管理。各地要均衡发行。", "三、加强监督问责。各地要强化监督。",
             "附件", "专项债券用作项目资本金的领域", "1．铁路：包括国家铁路和城际铁路。", "2．收费公路：包括高速公路。",
             "3．水利：包括重大水利工程。"]
    assert [t.title for t in _numbered_plan(lines).of_kind("task")] == ["扩大投向领域", "规范发行管理", "加强监督问责"]


def test_an_attachment_of_working_groups_keeps_its_own_tasks():
    lines = ["1　总则", "1.1　编制目的", "为做好应急工作，制定本预案。", "2　组织体系", "2.1　指挥机构", "由生态环境部负责。",
             "附件", "工作组职责", "一、污染处置组", "由生态环境部牵头，负责处置污染。", "二、应急监测组",
             "由生态环境部牵头，负责应急监测。", "三、医学救援组", "由卫生健康委牵头，负责医学救援。"]
    titles = [t.title for t in _numbered_plan(lines).of_kind("task")]
    assert titles[-3:] == ["污染处置组", "应急监测组", "医学救援组"], titles


@pytest.mark.parametrize("separator", ["\t", "｜", " | "])
def test_a_table_whose_rows_are_lines_of_cells_has_a_task_per_row(separator):
    # a task table copied as text: the header's cells and each row's cells on one line each,
    # grouped under category headings that are not tasks
    def line(*cells: str) -> str:
        return separator.join(cells)
    structure = _numbered_plan([
        "一、重点任务分工", line("序号", "重点任务", "牵头单位"),
        "（一）稳住经营主体", line("1", "支持企业参加重点展会。", "商务部"),
        line("2", "稳定重点产业链订单。", "工业和信息化部"),
        "（二）加大金融支持", line("3", "加大外贸信贷投放。", "金融监管总局"), line("4", "扩大出口信用保险覆盖面。", "财政部")])
    assert [(t.number, t.title) for t in structure.of_kind("task")] == [
        (1, "支持企业参加重点展会"), (2, "稳定重点产业链订单"), (3, "加大外贸信贷投放"), (4, "扩大出口信用保险覆盖面")]


def test_numbers_and_separators_are_no_rows_outside_a_table():
    structure = _numbered_plan(["一、主要任务", "（一）加大信贷投放。", "2025\t年度目标：贷款增长。", "（二）扩大保险覆盖。"])
    assert [t.title for t in structure.of_kind("task")] == ["加大信贷投放", "扩大保险覆盖"]


def test_a_table_of_pilot_cities_inside_a_measure_is_no_task_and_leaves_the_measure_one():
    # (三) lists its pilot cities in a tab-separated table of as many rows as there are other
    # measures, fewer than all of them: the rows are items of (三), and (三) stays a task
    lines = ["一、总体要求", "（一）工作目标。到2030年基本完成。", "二、重点任务"]
    lines += [f"（{cn}）推进第{cn}项更新。各市要落实。" for cn in "二三四五六"]
    cities = ("唐山市", "邯郸市", "保定市", "沧州市", "廊坊市")
    lines[5:5] = ["序号\t省份\t城市", *(f"{n}\t河北省\t{city}" for n, city in enumerate(cities, 1))]
    lines += ["三、保障措施", "（七）加强组织领导。各地要落实责任。"]
    structure = _numbered_plan(lines)
    assert [t.title for t in structure.of_kind("task")] == [
        *(f"推进第{cn}项更新" for cn in "二三四五六"), "加强组织领导"]


def test_a_run_on_section_after_a_part_heading_ending_in_a_word_character_is_cut():
    # 协同（三）: the character before the bracket makes no word with it, as 同 would with a bare 一
    structure = _run_on("一、扩大试点（一）新增试点城市。各地要申报。（二）扩大试点机构。各公司要参与。"
                        "二、加强部门协同（三）建立联席会议。各部门要配合。（四）强化监测。定期通报。")
    assert [t.title for t in structure.of_kind("task")] == ["新增试点城市", "扩大试点机构", "建立联席会议", "强化监测"]


def test_a_plans_background_sections_hold_no_tasks():
    # 第一章 规划基础 (主要成效, 面临形势) reports what was done; the task chapters' sections are tasks
    _, structure = _chaptered_plan([
        "第一章　规划基础", "第一节　主要成效", "修复治理面积持续增加。", "第二节　面临形势", "生态本底依然脆弱。",
        "第二章　主要任务", "第三节　改善大气环境", "推进燃煤锅炉改造。", "第四节　提升水环境质量", "实施控制单元管理。"])
    assert [t.title for t in structure.of_kind("task")] == ["改善大气环境", "提升水环境质量"]


def test_a_regional_outlines_background_chapter_holds_no_tasks():
    # 第一章 规划背景 of a 规划纲要: its sections (机遇与挑战, 重大意义) say why, they ask nothing
    _, structure = _chaptered_plan([
        "第一章　规划背景", "第一节　机遇与挑战", "外部环境深刻变化。", "第二节　重大意义", "有利于拓展发展空间。",
        "第二章　构建发展格局", "第一节　提升中心城市能级", "推动中心城区功能升级。", "第二节　培育区域中心城市",
        "支持节点城市加快发展。"])
    assert [t.title for t in structure.of_kind("task")] == ["提升中心城市能级", "培育区域中心城市"]


def _plan_with_division_table(rows: int) -> Structure:
    """A plan of four measures, then its 重点任务分工表 with ``rows`` rows."""
    measures = ["（一）治理大气污染。推进燃煤锅炉改造。", "（二）治理水污染。划定水源保护区。",
                "（三）修复土壤。开展污染地块治理。", "（四）保护生态。建设自然保护地。"]
    table = [f"{k}\t{what}\t生态环境局\t各区" for k, what in enumerate(
        ["治理大气污染", "治理水污染", "修复土壤", "保护生态", "加强监测", "强化执法"][:rows], 1)]
    return _numbered_plan(["一、主要任务", *measures, "附件：重点任务分工表", "序号\t重点任务\t牵头单位\t参与单位", *table])


def test_a_division_table_with_a_row_for_each_measure_restates_them():
    assert [t.title for t in _plan_with_division_table(4).of_kind("task")] == [
        "治理大气污染", "治理水污染", "修复土壤", "保护生态"]


def test_an_attached_division_table_with_a_cell_per_line_restates_the_measures():
    """A web page's or a Word file's table reads a cell per line; attached, with a row for each
    measure, it is the measures' 分工表, not tasks of its own."""
    measures = ["一、治理大气污染。推进燃煤锅炉改造。", "二、治理水污染。划定水源保护区。",
                "三、修复土壤。开展污染地块治理。", "四、保护生态。建设自然保护地。"]
    cells = [cell for k, what in enumerate(["治理大气污染", "治理水污染", "修复土壤", "保护生态"], 1)
             for cell in (str(k), f"{what}。各区要落实。", "生态环境局", "2027年底前")]
    structure = _numbered_plan([*measures, "附件", "重点任务分工表", "序号", "重点任务", "牵头单位", "完成时限", *cells])
    assert [t.title for t in structure.of_kind("task")] == ["治理大气污染", "治理水污染", "修复土壤", "保护生态"]


def test_a_division_table_with_more_rows_than_the_measures_holds_the_tasks():
    assert len(_plan_with_division_table(6).of_kind("task")) == 6


def _notice_with_attached_list(measures: int) -> Structure:
    """A notice of ``measures`` measures, then an attached 清单 of six numbered pilot measures."""
    own = [f"（{n}）{what}。商务部负责。" for n, what in zip("一二三四", ["扩大开放", "优化服务", "强化保障", "加强宣传"])]
    items = [f"{k}.在试点城市{what}。" for k, what in enumerate(
        ["开展跨境数据试点", "设立外资律所分所", "放宽医疗准入", "推进职业资格互认", "开展离岸贸易", "扩大教育开放"], 1)]
    text = "\n".join(["临江市人民政府关于推进服务业扩大开放的通知", "一、重点任务", *own[:measures],
                      "附件", "服务业扩大开放重点试点措施清单", "一、金融服务", *items[:3], "二、专业服务", *items[3:]])
    return find_structure(read_document(text.encode(), name="notice.txt"))


def test_an_attached_list_of_items_after_a_notice_with_its_own_measures_sets_no_tasks():
    assert [t.title for t in _notice_with_attached_list(4).of_kind("task")] == [
        "扩大开放", "优化服务", "强化保障", "加强宣传"]


def test_an_attached_list_of_items_after_a_notice_that_only_sums_it_up_holds_the_tasks():
    # two measures are far fewer than the list's six items: the list is what the notice sends
    assert len(_notice_with_attached_list(2).of_kind("task")) == 6


def test_parts_written_as_di_yi_bu_fen_sit_above_the_measures_numbered_yi():
    structure = _numbered_plan([
        "第一部分　总体要求", "一、指导思想。坚持稳中求进。", "二、基本原则。坚持错位发展。",
        "第二部分　深化改革", "三、优化挂牌准入。完善挂牌条件。", "四、完善交易机制。提升市场流动性。",
        "第三部分　加强保障", "五、加强统筹协调。建立协作机制。"])
    assert [t.title for t in structure.of_kind("task")] == ["优化挂牌准入", "完善交易机制", "加强统筹协调"]
    assert [p.title for p in structure.of_kind("part")] == ["总体要求", "深化改革", "加强保障"]


def test_run_on_measures_numbered_across_parts_glued_to_their_headings():
    # a page copied as text: each part's heading runs straight into its first measure, and the
    # measures 1．…5． run on through the parts after the closing bracket of the one before
    text = ("临江市关于推动基金行业发展的行动方案\n一、总体要求坚持稳中求进。\n"
            "二、深化费率改革，健全利益绑定机制1.推进浮动费率产品。（市金融局负责）2.规范销售费用。（市金融局负责）"
            "三、发展权益类产品，提升服务能力3.扩大指数产品供给。（市金融局负责）\n"
            "四、加强组织实施和政策协同4.健全协同机制。（市政府办公厅负责）5.加强评估督导。（市金融局负责）\n")
    structure = find_structure(read_document(text.encode(), name="plan.txt"))
    tasks = [u for u in structure.units if u.kind == "task"]
    assert [u.number for u in tasks] == [1, 2, 3, 4, 5]
    assert text[tasks[3].start:tasks[3].start + 10].startswith("4.健全协同机制")
