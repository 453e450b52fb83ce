"""Two names joined by one dash as one name (plankg/extract/paired.py): a river system, a stretch
between two places, a line from one place to another, an index under its brand. The sentences are
ours, written for these tests; none comes from the corpus."""
from __future__ import annotations

import pytest
from naming import names, places


def test_two_rivers_joined_by_a_dash_are_one_place():
    assert places("深化九龙江—晋江、长江口—杭州湾和东江协同治理。") == [
        (2, 8, "九龙江—晋江", "九龙江—晋江"), (9, 16, "长江口—杭州湾", "长江口—杭州湾"), (17, 19, "东江", "东江")]


def test_a_line_from_an_unknown_place_to_a_known_one_is_one_name():
    found = names("开工建设青海—河南特高压直流工程，研究甘南—四川特高压直流工程和蒙东—辽宁特高压直流工程。")
    assert {n for n in found if "特高压" in n} == {
        "青海—河南特高压直流工程", "甘南—四川特高压直流工程", "蒙东—辽宁特高压直流工程"}


def test_an_index_under_its_brand_and_a_dash_is_one_benchmark():
    found = names("编制中证-长三角绿色发展指数，发布中债—碳中和债券指数。")
    assert found.get("中证-长三角绿色发展指数") == found.get("中债—碳中和债券指数") == "benchmark"


@pytest.mark.parametrize("sentence, expected", [
    # a pair opening a longer name the rules do not find: the places stay separate
    ("推进珠江—闽江水运通道建设。", ["珠江", "闽江"]),
    # a chain of three lists places along a line, each a name of its own
    ("连接陆家嘴—外滩—北外滩沿线。", ["陆家嘴", "外滩", "北外滩"]),
    # a doubled dash sets off a clause and joins nothing
    ("加强太湖——长江、黄河流域监测。", ["太湖", "长江", "黄河流域"]),
    # a pair before a bracket opens a longer name
    ("共建中国—东盟（南宁）合作走廊。", None),
])
def test_a_dash_joins_no_names_where_the_pair_is_no_name(sentence, expected):
    assert not any("—" in name for name in names(sentence))
    found = [surface for _, _, surface, _ in places(sentence)]
    if expected is not None:
        assert found == expected


def test_two_provinces_or_cities_joined_by_a_dash_are_two_places():
    # the partners of a pairing programme, and the ends of lines named after the list
    found = places("深化上海—云南、广东—广西等东西部协作，加快哈密—重庆等特高压直流输电工程。")
    assert [p[2] for p in found] == ["上海", "云南", "广东", "广西", "哈密", "重庆"]



def test_a_park_named_after_a_pair_and_its_seat_is_one_place():
    """The longer name the pair opens, where its head is a park's (合作园), is one place as written."""
    assert names("共建中国—东盟（南宁）合作园。").get("中国—东盟（南宁）合作园") == "place"
