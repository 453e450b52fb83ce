"""Rivers, lakes, reservoirs and named ecological regions from the gazetteer: found as places
with their exact spans, and not found inside the name of a division or a firm that shares
their characters. The sentences are ours, written for these tests; none comes from the corpus."""
from __future__ import annotations

import pytest
from naming import names as _names, places as _places


def test_basin_rivers_with_exact_spans():
    sentence = "统筹滹沱河、沙颍河和九龙江综合治理，颍河与涪江同步推进。"
    assert _places(sentence) == [(2, 5, "滹沱河", "滹沱河"), (6, 9, "沙颍河", "沙颍河"),
                                 (10, 13, "九龙江", "九龙江"),
                                 (18, 20, "颍河", "沙颍河"), (21, 23, "涪江", "涪江")]


def test_lakes_and_reservoirs_with_exact_spans():
    sentence = "保护泸沽湖、羊卓雍错和官厅水库水质，新安江水库即千岛湖。"
    assert _places(sentence) == [(2, 5, "泸沽湖", "泸沽湖"), (6, 10, "羊卓雍错", "羊卓雍错"),
                                 (11, 15, "官厅水库", "官厅水库"), (18, 23, "新安江水库", "千岛湖"),
                                 (24, 27, "千岛湖", "千岛湖")]


def test_basin_groups_of_rivers_are_places():
    assert _places("西北诸河和东南诸河水质良好，浙闽片河流稳中向好。") == [
        (0, 4, "西北诸河", "西北诸河"), (5, 9, "东南诸河", "东南诸河"), (14, 19, "浙闽片河流", "浙闽片河流")]


def test_a_river_named_before_its_basin_after_a_place_is_a_place():
    assert [p[2] for p in _places("统筹南郑区冷水河流域、城固县湑水河流域和宁强县玉带河流域治理。")] == [
        "南郑区", "冷水河", "城固县", "湑水河", "宁强县", "玉带河"]


def test_a_lake_named_right_after_its_province_is_a_place():
    found = [p[2] for p in _places("加强四川省马湖、广东省鹤地水库，湖南省水府庙水库保护。")]
    assert found[:4] == ["四川省", "马湖", "广东省", "鹤地水库"]
    assert "水府庙水库保护" not in found  # the name must end at a break


@pytest.mark.parametrize("sentence", [
    "推进全流域治理，加强重点河流流域和小流域治理。",   # no river's name before the basin word
    "实施徽县永宁河流域治理。",                          # a county and a river run together: no one name
])
def test_a_basin_word_after_no_rivers_name_names_nothing(sentence):
    assert _places(sentence) == []


def test_a_dash_joined_ecological_barrier_is_one_place():
    assert _places("筑牢黄土高原—川滇生态屏障和北方防沙带。") == [
        (2, 13, "黄土高原—川滇生态屏障", "黄土高原—川滇生态屏障"), (14, 19, "北方防沙带", "北方防沙带")]


def test_north_china_is_the_north_china_region():
    assert _places("推进华北地区地下水超采治理，华北平原率先突破。") == [
        (2, 6, "华北地区", "华北地区"), (14, 18, "华北平原", "华北平原")]
    assert [entity for *_, entity in _places("华北要率先突破。")] == ["华北地区"]


@pytest.mark.parametrize("sentence, expected", [
    # the division, not the river that shares its first characters
    ("保障丹江口大坝安全。", [("丹江口", "丹江口市")]),
    ("建设清江浦历史文化街区。", [("清江浦", "清江浦区")]),
    ("支持黑河市扩大对俄合作。", [("黑河市", "黑河市")]),
    # the river itself, bare
    ("加强丹江和清江水质保护，推进黑河流域水量调度。", [("丹江", "丹江"), ("清江", "清江"), ("黑河", "黑河")]),
    # a liquor maker's name is no river (洋河 is left out of the gazetteer)
    ("推动洋河酒厂技术改造。", []),
    # ordinary words around a short river name: 借鉴|江西, 工资|水平, 维修|河道
    ("借鉴江西经验，提高工资水平，维修河道设施。", [("江西", "江西省")]),
])
def test_homonyms_of_short_river_names(sentence, expected):
    assert [(surface, entity) for _, _, surface, entity in _places(sentence)] == expected


def test_a_national_ecological_programme_is_no_place_of_its_own():
    """京津风沙源治理 is the forestry programme, not the region 京津 with a verb after it."""
    assert _places("继续实施京津风沙源治理和退牧还草。") == []
    found = _names("继续实施京津风沙源治理和退牧还草。")
    assert found.get("京津风沙源治理") == found.get("退牧还草") == "programme"


def test_a_listed_place_and_its_feature_are_two_names():
    """A list item that runs a known place into a lake, reservoir or river the gazetteer does not
    know is the place and the feature (the guide's adjacent names), each as written."""
    sentence = "重点水体包括：太湖、四川省龙泉水库、巢湖、广西广东小江河、洞庭湖等。"
    assert [(surface, entity) for _, _, surface, entity in _places(sentence)] == [
        ("太湖", "太湖"), ("四川省", "四川省"), ("龙泉水库", "龙泉水库"), ("巢湖", "巢湖"),
        ("广西", "广西壮族自治区"), ("广东", "广东省"), ("小江河", "小江河"), ("洞庭湖", "洞庭湖")]


def test_a_province_and_county_listed_with_their_crop_are_the_two_places():
    sentence = "支持云南省普洱市咖啡、福建省安溪县茶叶、陕西省洛川县苹果等特色产业。"
    assert [surface for _, _, surface, _ in _places(sentence)] == [
        "云南省", "普洱市", "福建省", "安溪县", "陕西省", "洛川县"]


def test_a_province_and_a_county_short_form_listed_with_their_product_are_the_two_places():
    """Short forms on both sides (江西|南康, without 区) where a product follows, not a place."""
    sentence = "聚焦浙江义乌小商品、江西南康家具、山东曹县服饰等产业带。"
    assert [surface for _, _, surface, _ in _places(sentence)] == [
        "浙江", "义乌", "江西", "南康", "山东", "曹县"]


@pytest.mark.parametrize("sentence, zone", [
    ("建设京津冀水源涵养区和坝上高原生态防护区。", "京津冀水源涵养区"),
    ("建设京津冀水源涵养区和坝上高原生态防护区。", "坝上高原生态防护区"),
    ("加强鄱阳湖国家级自然保护区管理。", "鄱阳湖国家级自然保护区"),
])
def test_an_ecological_zone_named_after_its_place_is_a_place(sentence, zone):
    assert zone in [surface for _, _, surface, _ in _places(sentence)]


def test_an_ecological_zone_without_a_place_is_a_kind():
    surfaces = [surface for _, _, surface, _ in _places("加强全国自然保护区和乡镇水源保护区建设。")]
    assert "全国自然保护区" not in surfaces and "乡镇水源保护区" not in surfaces


def test_a_lake_region_after_its_province_is_a_place_of_its_own():
    sentence = "向湖南省洞庭湖、江西省鄱阳湖区、黑龙江省三江平原等地倾斜。"
    assert ("鄱阳湖区", "鄱阳湖区") in [(surface, entity) for _, _, surface, entity in _places(sentence)]


def test_features_listed_beside_a_known_feature_are_features_along_the_list():
    """Each feature found in a list passes the type on to the next, up to the list's 等: 浑河 and
    太子河 are known; 柳条河 and 小青龙河 are not."""
    sentence = "改善浑河、太子河、柳条河、小青龙河等支流水质。"
    assert [surface for _, _, surface, _ in _places(sentence)] == ["浑河", "太子河", "柳条河", "小青龙河"]


def test_a_listed_item_before_etc_takes_its_neighbours_type():
    """The item before 等 is an item (白鹭洲), not the run of characters after it."""
    assert [surface for _, _, surface, _ in _places("支持前海、横琴、白鹭洲等地先行先试。")] == ["前海", "横琴", "白鹭洲"]


@pytest.mark.parametrize("sentence, features", [
    # a river that opens a clause right before the city its stretch lies in
    ("（一）淮河流域。白塔河合肥市段水质提升；柳河滁州市段稳定达标。", ["白塔河", "柳河"]),
    ("东莞运河东莞市段整治完成。", ["东莞运河"]),       # named after a place, then a bare ending
    ("滇池外海昆明市段水质改善。", []),                  # a part of a known lake, left to the lake
    ("河口昆明市段。", []),                              # a common word, not a one-character river
])
def test_a_feature_opening_a_clause_before_a_known_place(sentence, features):
    found = [surface for _, _, surface, _ in _places(sentence)]
    assert [f for f in found if f not in ("淮河流域", "合肥市", "滁州市", "东莞市", "昆明市", "滇池")] == features


def test_irrigation_districts_river_stretches_and_flood_areas_by_their_own_names():
    found = [surface for _, _, surface, _ in _places(
        "推进都江堰灌区、淠史杭灌区和大中型灌区现代化改造，加强宁蒙河段等重要河段治理，建设吉林松原灌区、"
        "四川向家坝灌区。")]
    assert found == ["都江堰灌区", "淠史杭灌区", "宁蒙河段", "吉林", "松原灌区", "四川", "向家坝灌区"]


def test_a_water_control_project_by_its_own_name_is_a_programme():
    found = _names("加快大藤峡水利枢纽和古贤水利枢纽建设，推进重大水利枢纽前期工作。")
    assert found.get("大藤峡水利枢纽") == found.get("古贤水利枢纽") == "programme"
    assert "重大水利枢纽" not in found


def test_the_national_canals_are_places():
    assert [(surface, entity) for _, _, surface, entity in _places("推进京杭运河、湘桂运河和浙赣粤运河前期工作。")] == [
        ("京杭运河", "京杭大运河"), ("湘桂运河", "湘桂运河"), ("浙赣粤运河", "浙赣粤运河")]


def test_a_list_of_rivers_opened_by_verbs_starts_after_them():
    # the first river, one character before 河, follows the verbs that open the clause
    body = "有效控制污染，持续改善洪河、涡河、颍河等支流水质。"
    assert [(s, e, surface) for s, e, surface, _ in _places(body)] == [(11, 13, "洪河"), (14, 16, "涡河"), (17, 19, "颍河")]


def test_a_river_s_mouth_is_a_place_of_its_own():
    found = _names("清理九龙江口、瓯江口的海漂垃圾，依托绥芬河口岸发展贸易。")
    assert found.get("九龙江口") == found.get("瓯江口") == "place", found
    assert "绥芬河口" not in found   # 口岸 is a port of entry


def test_the_last_feature_of_a_list_is_a_feature_too():
    found = _names("重点海湾包括大亚湾、深圳湾、水东湾。")
    assert found.get("水东湾") == "place", found
