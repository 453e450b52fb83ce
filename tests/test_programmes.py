"""National programmes of the lexicon: named schemes of State Council and ministry documents are
found with type programme; a document title cited in 《》 is not a programme name."""
from __future__ import annotations

import pytest

from naming import extraction, names


@pytest.mark.parametrize(("body", "expected"), [
    ("落实种粮农民直接补贴和草原生态保护补助奖励政策，规范城乡建设用地增减挂钩。",
     ["种粮农民直接补贴", "草原生态保护补助奖励政策", "城乡建设用地增减挂钩"]),
    ("完善国家基本药物制度，扩大带量采购范围，推行DRG付费。", ["国家基本药物制度", "带量采购", "DRG付费"]),
    ("巩固两免一补成果，实施双高计划，推进优师计划。", ["两免一补", "双高计划", "优师计划"]),
    ("开展春风行动，实施职业技能提升行动。", ["春风行动", "职业技能提升行动"]),
    ("推进引江济淮工程和滇中引水，创建公交都市。", ["引江济淮工程", "滇中引水", "公交都市"]),
    ("实施工业强基工程，打赢蓝天保卫战，落实三线一单。", ["工业强基工程", "蓝天保卫战", "三线一单"]),
    ("鼓励园区采用第三方治理，持续推进农村人居环境整治。", ["第三方治理", "农村人居环境整治"]),
    ("扎实推进民族团结进步示范区建设，开展海绵城市试点。", ["民族团结进步示范区", "海绵城市试点"]),
    # trade and customs, capital markets, industry and regions (added in the twenty-first round)
    ("扩大经认证的经营者互认，规范边民互市贸易和边境小额贸易。", ["经认证的经营者", "边民互市贸易", "边境小额贸易"]),
    ("落实新国九条，深化股票发行注册制改革，推动大规模设备更新。", ["新国九条", "股票发行注册制改革", "大规模设备更新"]),
    ("培育优势特色产业集群，建设鲁班工坊，深化对口援疆。", ["优势特色产业集群", "鲁班工坊", "对口援疆"]),
    ("推广两步申报，实施多式联运示范工程，稳妥推进宅基地制度改革试点。", ["两步申报", "多式联运示范工程", "宅基地制度改革试点"]),
    # paired support by central units, in both of its names (added in the twenty-fourth round)
    ("持续做好中央单位定点帮扶，总结中央单位定点扶贫经验。", ["中央单位定点帮扶", "中央单位定点扶贫"]),
])
def test_national_programmes_are_found_as_programmes(body, expected):
    found = names(body)
    for name in expected:
        assert found.get(name) == "programme", (name, found)


def test_a_title_cited_in_book_marks_is_not_a_programme():
    found = names("认真贯彻《大气污染防治行动计划》和《全国农业现代化规划》。")
    assert "大气污染防治行动计划" not in found
    assert "全国农业现代化规划" not in found
    assert "programme" not in found.values()


def test_a_short_programme_name_inside_an_ordinary_word_is_not_found():
    found = names("这里的水十分清澈，双方减少了争议。")
    assert "programme" not in found.values()


@pytest.mark.parametrize("body, name", [
    ("将安全环境治理纳入安全发展示范城市、文明城市等考核评价。", "文明城市"),   # a title, by its short form
    ("支持有条件的城市创建国家森林城市和国家生态园林城市。", "国家生态园林城市"),
    ("培育一批专精特新“小巨人”企业和制造业单项冠军企业。", "专精特新“小巨人”企业"),   # the designation by its title
    ("遴选一批产教融合型企业，建设国家产教融合试点城市。", "产教融合型企业"),
    ("推进中国美丽休闲乡村建设。", "中国美丽休闲乡村"),
    ("支持有条件的城市创建国家文化和旅游消费示范城市。", "国家文化和旅游消费示范城市"),  # 和 inside the title
    ("培育一批全国示范步行街和区域消费中心城市。", "区域消费中心城市"),   # the commerce ministry's titles
    ("鼓励各地创建绿色学校、绿色社区和绿色家庭。", "绿色社区"),   # the green 创建 titles, bare
    ("引导企业争创绿色工厂和绿色工业园区。", "绿色工业园区"),
    ("继续推进生态省建设，再建成一批环境优美乡镇。", "环境优美乡镇"),
    ("表彰一批环境友好企业。", "环境友好企业"),
])
def test_national_titles_are_programmes(body, name):
    assert names(body).get(name) == "programme"


@pytest.mark.parametrize("body, name", [
    ("对参加培训的劳动者按规定给予职业培训补贴和职业技能鉴定补贴。", "职业培训补贴"),
    ("放宽技术技能提升补贴申领条件。", "技术技能提升补贴"),   # the former name, whole
    ("对招用高校毕业生的企业发放一次性扩岗补助。", "一次性扩岗补助"),
])
def test_employment_subsidies_are_programmes(body, name):
    assert names(body).get(name) == "programme"


@pytest.mark.parametrize("body, name", [
    ("支持乡村数字治理提升行动，推动信息进村入户。", "乡村数字治理提升行动"),      # verbs inside: 提升
    ("配合棉花和糖料产能提升工程，保障原料供给。", "棉花和糖料产能提升工程"),    # and 和 joining its parts
    ("对接农机装备补短板行动，探索融资租赁。", "农机装备补短板行动"),
])
def test_an_action_or_project_supported_is_named_after_its_verb(body, name):
    assert names(body).get(name) == "programme"


@pytest.mark.parametrize("body", ["支持生态建设工程。", "推进重点水利工程。"])
def test_a_kind_of_works_supported_is_no_name(body):
    assert not [n for n, kind in names(body).items() if kind == "programme"]


@pytest.mark.parametrize("body, name", [
    ("依托“金保工程”推动社会保险数据共享。", "金保工程"),            # a quoted name with its head: 工程
    ("推广郑商所“棉农收入稳定计划”。", "棉农收入稳定计划"),          # … 计划
])
def test_a_quoted_name_with_a_programme_head_is_a_programme(body, name):
    assert names(body).get(name) == "programme"


@pytest.mark.parametrize("body", [
    "甲县探索“三项试点”，统筹推进农村改革。",                         # a count, not a name
    "启动“学历证书+职业技能证书”制度试点（以下称证书制度试点）。",    # runs on from a quote: part of a name
])
def test_a_count_or_a_phrase_run_on_from_a_quote_is_no_programme(body):
    assert not [n for n in names(body) if n.endswith("试点") and "学历" not in n]


@pytest.mark.parametrize("body, name", [
    ("开展全国农村金融服务示范县创建工作。", "全国农村金融服务示范县"),    # a designation given to many places
    ("支持全国休闲农业重点村镇建设。", "全国休闲农业重点村镇"),
])
def test_designations_of_places_are_programmes(body, name):
    assert names(body).get(name) == "programme"


def test_quoted_phrases_listed_beside_a_quoted_scheme_are_schemes():
    found = names("持续开展“金融知识进万家”“普惠金融宣传月”和“防范非法集资宣传日”活动。")
    assert found.get("金融知识进万家") == found.get("普惠金融宣传月") == "programme"


@pytest.mark.parametrize("body, absent", [
    ("开展“普惠金融宣传月”“一站式”服务。", "一站式"),         # a set phrase, listed beside a scheme
    ("推行“容缺受理”“一件事”改革。", "一件事"),                # a figure
    ("推广“容缺受理”“文化素质+职业技能”模式。", "文化素质+职业技能"),  # + joins schemes only after 互联网
])
def test_slogans_and_figures_listed_beside_a_scheme_stay_no_names(body, absent):
    assert absent not in names(body)


def test_a_campaign_keeps_the_verb_that_names_what_it_fights():
    # 开展 launches the campaign; 打击 is the first word of its name
    assert names("各地要开展打击非法集资专项行动。").get("打击非法集资专项行动") == "programme"


def test_designated_days_and_weeks_are_programmes():
    found = names("利用全国低碳日和国家宪法日开展宣传活动。")
    assert found.get("全国低碳日") == "programme" and found.get("国家宪法日") == "programme"


@pytest.mark.parametrize("body, name", [
    ("支持有条件的城市创建国家体育消费试点城市。", "国家体育消费试点城市"),   # a designation of cities
    ("扩大长期护理保险制度试点城市范围。", "长期护理保险制度试点"),            # the cities of a known pilot name it
])
def test_pilot_cities(body, name):
    found = names(body)
    assert found.get(name) == "programme" and not [n for n in found if n != name and n.startswith(name[:4])]



@pytest.mark.parametrize("body", [
    "在浙江丽水试点，总结经验后推广。",       # places, then the verb 试点
    "开展浙江丽水试点，探索生态产品价值实现。",  # a launched pilot whose modifier is only places
])
def test_places_before_a_pilot_word_are_places_not_a_pilot(body):
    found = names(body)
    assert found.get("浙江") == "place" and found.get("丽水") == "place"
    assert "programme" not in found.values(), found


@pytest.mark.parametrize("body, scheme", [
    ("稳步扩大QFLP试点，完善QDLP试点。", "QFLP"),                         # a known scheme, then 试点
    ("推进粤港澳大湾区跨境理财通试点。", "跨境理财通"),                 # where it runs, the scheme, 试点
])
def test_a_pilot_of_a_known_scheme_is_that_scheme(body, scheme):
    found = names(body)
    # (粤港澳大湾区跨境理财通 is the lexicon's full form of 跨境理财通)
    assert [t for n, t in found.items() if n.endswith(scheme)] == ["programme"], found
    assert not [n for n in found if n.endswith("试点")], found


def test_a_fund_named_after_a_known_scheme_is_a_fund_of_its_own():
    assert names("安排以工代赈资金支持农村建设。").get("以工代赈资金") == "programme"


@pytest.mark.parametrize("body, fund", [
    ("落实中央财政农业保险保费补贴政策。", "中央财政农业保险保费补贴"),
    ("安排城镇保障性安居工程补助资金。", "城镇保障性安居工程补助资金"),
])
def test_budget_funds_named_for_what_they_pay(body, fund):
    assert names(body).get(fund) == "programme"


@pytest.mark.parametrize("body", [
    "加强对海南自贸港跨境资金的监测。",
    "防止项目单位挪用地方配套资金和银行信贷资金。",
    "规范非金融企业外债资金使用。",
])
def test_money_described_by_where_it_flows_is_no_fund(body):
    assert not [n for n in names(body) if n.endswith("资金")]


@pytest.mark.parametrize("body", [
    "扩大高新技术和专精特新企业跨境融资便利化试点范围。",
    "扩大高新技术和“专精特新”企业跨境融资便利化试点范围。",  # the form SAFE writes, the designation quoted
])
def test_a_known_pilot_with_a_quoted_designation_inside(body):
    assert [(m.surface, m.entity) for m in extraction(body).mentions if m.type == "programme"] == [
        (body[2:-3], "高新技术和专精特新企业跨境融资便利化试点")]


@pytest.mark.parametrize("body, name, kind", [
    ("深化私募股权和创业投资基金份额转让试点。", "私募股权和创业投资基金份额转让试点", "programme"),  # not cut at 和
    ("完善私募股权和创业投资份额转让平台功能。", "私募股权和创业投资份额转让平台", "market"),
])
def test_the_fund_share_transfer_pilot_and_its_platform(body, name, kind):
    found = names(body)
    assert found.get(name) == kind and not any(n != name and n in name for n in found)


@pytest.mark.parametrize("body, name", [
    ("开展第二次全国污染源普查，摸清污染底数。", "第二次全国污染源普查"),
    ("用好第四次全国土壤普查成果，分类改良耕地。", "第四次全国土壤普查"),
])
def test_a_survey_is_named_with_its_round(body, name):
    found = names(body)
    assert found.get(name) == "programme" and name[3:] not in found


@pytest.mark.parametrize("body, name, rest, kind", [
    # the central finance that funds a scheme (the Ministry of Finance names its transfer payments so)
    ("统筹中央财政城镇保障性安居工程补助资金，加大支持。", "中央财政城镇保障性安居工程补助资金", "城镇保障性安居工程补助资金",
     "programme"),
    ("用好中央财政医疗救助补助资金。", "中央财政医疗救助补助资金", "医疗救助补助资金", "programme"),
    # the national brand of an event or an index, the date of a day
    ("办好中国·哈尔滨国际冰雪节。", "中国·哈尔滨国际冰雪节", "哈尔滨国际冰雪节", "programme"),
    ("编制发布中国·柯桥纺织指数。", "中国·柯桥纺织指数", "柯桥纺织指数", "benchmark"),
    ("组织5·15全国投资者保护宣传日活动。", "5·15全国投资者保护宣传日", "全国投资者保护宣传日", "programme"),
])
def test_what_is_written_before_a_name_as_its_part_is_named_with_it(body, name, rest, kind):
    found = names(body)
    assert found.get(name) == kind and rest not in found and "中央财政" not in found


def test_central_finance_that_pays_or_a_way_of_paying_stays_apart():
    # after the verb it pays by, central finance is who pays; 以奖代补 is a way of paying, no fund
    found = names("中央财政通过服务业发展资金支持，中央财政以奖代补。")
    assert found.get("服务业发展资金") == "programme" and "中央财政服务业发展资金" not in found
    assert "中央财政以奖代补" not in found


def test_the_pollution_campaign_and_its_battles_are_named():
    found = names("深入打好污染防治攻坚战，推进重点海域综合治理攻坚战和农业农村污染治理攻坚战。")
    assert all(found.get(n) == "programme" for n in ("污染防治攻坚战", "重点海域综合治理攻坚战", "农业农村污染治理攻坚战"))


def test_united_nations_agencies_are_one_body_by_any_of_their_names():
    extracted = extraction("加强与世界卫生组织、联合国粮农组织合作，参与粮农组织和世卫组织项目。")
    bodies = {m.surface: m.entity for m in extracted.mentions if m.type == "institution"}
    assert bodies["世界卫生组织"] == bodies["世卫组织"] and bodies["联合国粮农组织"] == bodies["粮农组织"]
    assert bodies["世界卫生组织"] != bodies["粮农组织"] and "联合国" not in bodies


@pytest.mark.parametrize("body, name", [
    ("及时修订国家危险化学品目录，严格管理。", "国家危险化学品目录"),
    ("编制全国饮用水水源地名录，定期更新。", "全国饮用水水源地名录"),
    ("落实国家基本公共服务清单，逐项推进。", "国家基本公共服务清单"),
    ("编制适老化家居产品推广目录。", "适老化家居产品推广目录"),    # a catalogue published to promote:
    ("发布绿色建材产品推荐目录。", "绿色建材产品推荐目录"),        # one named list with no opener
])
def test_a_national_list_is_a_programme(body, name):
    assert names(body).get(name) == "programme"


@pytest.mark.parametrize("body, phrase", [
    ("各县建立污染地块名录，动态更新。", "污染地块名录"),          # a list any place keeps
    ("明确部门责任清单，压实责任。", "部门责任清单"),
    ("国家实行重点排放单位清单管理。", "国家实行重点排放单位清单"),  # 国家 acts: a clause, no list's name
    ("制定“准入清单”并明确要求。", "准入清单"),                  # quoted, but not the national one
])
def test_a_list_without_a_national_opener_is_no_name(body, phrase):
    found = names(body)
    assert phrase not in found and not any(n.endswith(phrase[-4:]) for n in found), found


@pytest.mark.parametrize("body, name", [
    ("开展“人工智能+交通”试点示范。", "人工智能+交通"),        # the national + actions' family
    ("实施“数据要素×医疗健康”行动。", "数据要素×医疗健康"),    # and the × one
    ("推进“5G+智慧港口”建设。", "5G+智慧港口"),
])
def test_a_quoted_scheme_of_the_plus_family_is_a_programme(body, name):
    assert names(body).get(name) == "programme"


def test_a_quoted_model_joined_by_plus_is_no_name():
    found = names("推广“仓储+配送”模式，探索“融资+融智”服务。")
    assert "仓储+配送" not in found and "融资+融智" not in found


def test_a_projects_phase_is_part_of_its_name():
    found = names("加快引汉济渭二期工程和南水北调东线二期工程，南水北调工程东线、中线一期工程已建成。")
    assert found.get("引汉济渭二期工程") == found.get("南水北调东线二期工程") == "programme"
    assert "中线一期工程" not in found  # a coordinated part, no name of its own


def test_a_project_named_by_a_short_proper_name_starts_after_its_province():
    found = names("建设青海引黄济宁工程和四川引大济岷工程。")
    assert found.get("引大济岷工程") == "programme" and found.get("四川") == "place"
    assert "四川引大济岷工程" not in found


def test_entry_policies_are_programmes_by_their_names():
    found = names("优化240小时过境免签政策，扩大单方面免签国家范围，实施区域性入境免签。")
    assert found.get("240小时过境免签政策") == found.get("单方面免签") == found.get("区域性入境免签") == "programme"


def test_the_national_regimes_of_enforcement_by_the_forms_documents_use():
    found = names("建立随机抽查事项清单，完善检查对象名录库和执法检查人员名录库，公布权责清单，"
                  "推行行政执法公示、执法全过程记录制度和重大行政执法决定法制审核制度。")
    expected = {"随机抽查事项清单": "programme", "检查对象名录库": "institution", "执法检查人员名录库": "institution",
                "权责清单": "programme", "行政执法公示": "programme", "执法全过程记录制度": "programme",
                "重大行政执法决定法制审核制度": "programme"}
    assert {name: found.get(name) for name in expected} == expected


@pytest.mark.parametrize(("body", "scheme"), [
    ("在临江等地开展养老金融综合服务试点，探索经验。", "养老金融综合服务试点"),  # generic words only
    ("深化数据知识产权登记试点，完善登记规则。", "数据知识产权登记试点"),
    ("稳妥开展蓝色金融试点，支持沿海地区先行。", "蓝色金融试点"),
    # a reform with few words of its own after the verb that carries it forward
    ("各省要分类推进农村信用社改革，稳妥化解风险。", "农村信用社改革"),
    ("有序推行企业投资项目承诺制改革，压减审批时间。", "企业投资项目承诺制改革"),
])
def test_a_scheme_the_text_launches_is_named_however_plain_its_words(body, scheme):
    assert names(body).get(scheme) == "programme"


def test_a_pilot_launched_without_words_of_its_own_is_no_name():
    # nor one that opens with a verb of its own: what the pilot does
    found = names("开展相关试点，扩大改革试点范围，开展提高支付结算监管能力试点。")
    assert not [n for n in found if n.endswith("试点")], found


@pytest.mark.parametrize(("body", "pilot"), [
    # a pilot named after a verb that sums it up, joins it or picks its next batch, up to a clause edge
    ("各地要认真总结城镇低效用地再开发试点经验，形成可推广的做法。", "城镇低效用地再开发试点"),
    ("鼓励符合条件的城市申请参与跨境电商企业对企业出口监管试点。", "跨境电商企业对企业出口监管试点"),
    ("今年将遴选第二批粮食产购储加销协同保障试点，重点支持产粮大县。", "粮食产购储加销协同保障试点"),
    # an earlier round is no part of the pilot's name
    ("人民银行将总结前期跨境贸易投资高水平开放试点经验，研究扩大范围。", "跨境贸易投资高水平开放试点"),
])
def test_a_pilot_summed_up_joined_or_picked_by_batch(body, pilot):
    found = names(body)
    assert found.get(pilot) == "programme" and not any(pilot in n and n != pilot for n in found)


def test_batches_joined_by_a_coordinator_are_one_count_before_a_pilot():
    found = names("在总结首批和第二批农村产权流转交易规范化试点经验的基础上，稳步扩大试点范围。")
    assert found.get("农村产权流转交易规范化试点") == "programme"
    assert not any(n.startswith(("和", "第二批", "首批")) for n in found)


def test_a_bare_scheme_word_after_a_known_body_is_no_name():
    found = names("深化证券交易所改革，深化北京证券交易所改革，完善上市制度。")
    assert not {"改革", "制度"} & set(found) and any(n.startswith("北京证券交易所") for n in found)


def test_a_year_before_a_launched_programme_is_no_part_of_its_name():
    found = names("组织实施2026年百万就业见习岗位募集计划，实施3项环境保护重点工程。")
    assert found.get("百万就业见习岗位募集计划") == "programme", found
    assert not [n for n in found if n[0].isdigit()], found


def test_a_pilot_or_model_place_of_no_named_scheme_is_no_name():
    found = names("开展知识产权强市建设试点示范城市和知识产权强县建设试点示范县创建。")
    assert not [n for n in found if n.startswith(("试点", "示范"))], found


def test_the_words_after_a_quoted_scheme_name_no_scheme_of_their_own():
    found = names("深入开展知识产权保护“蓝天”专项整治行动，严厉打击违法行为。")
    assert found.get("蓝天") == "programme" and "专项整治行动" not in found, found


@pytest.mark.parametrize(("body", "name", "longer"), [
    ("深入实施“人工智能+”行动，推动制造业智能化改造。", "人工智能+", "人工智能+行动"),
    ("支持上海建设“丝路电商”合作先行区，拓展电子商务合作。", "丝路电商", "丝路电商合作先行区"),
    ("组织开展“一起益企”中小企业服务行动，送政策上门。", "一起益企", "一起益企中小企业服务行动"),
])
def test_a_scheme_quoted_before_its_kind_words_is_named_by_the_quoted_words(body, name, longer):
    found = names(body)
    assert found.get(name) == "programme" and longer not in found, found


def test_a_scheme_written_without_quotes_keeps_its_whole_lexicon_name():
    assert names("各地深入实施人工智能+行动。").get("人工智能+行动") == "programme"


@pytest.mark.parametrize(("body", "expected"), [
    ("办好中国艺术节、上海国际电影节和北京国际音乐节。", ["中国艺术节", "上海国际电影节", "北京国际音乐节"]),
    ("支持乌镇戏剧节等品牌节庆活动。", ["乌镇戏剧节"]),   # an event is named by where it is held
    ("举办全国大学生职业规划大赛和全国导游大赛。", ["全国大学生职业规划大赛", "全国导游大赛"]),
    ("组织开展全国大众冰雪季活动。", ["全国大众冰雪季"]),
])
def test_festivals_contests_and_seasons_held_every_year_are_programmes(body, expected):
    found = names(body)
    assert [n for n in expected if found.get(n) == "programme"] == expected, found


@pytest.mark.parametrize("body", ["鼓励学生参加有关技能大赛。", "开展县域汽车、家电消费季活动。"])
def test_a_contest_or_season_of_a_few_plain_words_is_no_name(body):
    assert "programme" not in names(body).values()


def test_a_place_alone_before_a_pilot_still_names_no_pilot():
    assert not [n for n in names("支持浙江丽水试点，总结推广经验。") if n.endswith("试点")]


@pytest.mark.parametrize("body", [
    "对重点企业实行“一企一策”，开展“一对一”辅导。",
    "为每名未就业毕业生建立“一人一档”，开展整改“回头看”。",
])
def test_a_working_method_quoted_as_a_set_phrase_is_no_programme(body):
    assert "programme" not in names(body).values()


def test_a_designation_of_products_quoted_is_still_a_programme():
    assert names("发展“一村一品”，培育特色产业。").get("一村一品") == "programme"


@pytest.mark.parametrize("body, name", [
    ("巩固退耕还林成果，有序实施退田还湖。", "退田还湖"),
    ("继续实施天然林保护，全面推行天然林保护修复。", "天然林保护"),   # the programme's usual short form
    ("全面推行天然林保护修复，严格保护公益林。", "天然林保护修复"),   # its successor, by the 2019 scheme
    ("完成全国土壤污染状况调查，摸清底数。", "全国土壤污染状况调查"),
    ("在部分流域试行排污权交易。", "排污权交易"),
    ("在沿海城市全面推行湾长制。", "湾长制"),
])
def test_national_ecological_programmes_are_found(body, name):
    assert names(body).get(name) == "programme"


def test_the_army_by_its_short_form_is_an_institution():
    assert names("充分发挥人民解放军和武警部队的作用。").get("人民解放军") == "institution"


@pytest.mark.parametrize("body, name, kind", [
    ("推进“平急两用”公共基础设施建设。", "平急两用", "programme"),
    ("加快8个国家算力枢纽节点和全国一体化算力网建设。", "国家算力枢纽节点", "programme"),
    ("加快8个国家算力枢纽节点和全国一体化算力网建设。", "全国一体化算力网", "programme"),
    ("各城市可自主决定是否设定首套住房商业性个人住房贷款利率下限。", "首套住房商业性个人住房贷款利率下限", "benchmark"),
])
def test_recent_national_schemes_and_references(body, name, kind):
    assert names(body).get(name) == kind


@pytest.mark.parametrize(("body", "centre"), [
    ("高水平推进上海国际航运中心建设。", "上海国际航运中心"),
    ("支持大连东北亚国际航运中心和厦门东南国际航运中心建设。", "大连东北亚国际航运中心"),
    ("建设北京国际科技创新中心。", "北京国际科技创新中心"),
    ("加快建设天津北方国际航运枢纽。", "天津北方国际航运枢纽"),
])
def test_a_centre_a_city_is_designated_to_become_is_a_programme(body, centre):
    assert names(body).get(centre) == "programme"


@pytest.mark.parametrize(("body", "phrase"), [
    ("培育多层级消费中心。", "多层级消费中心"),          # a level, no place: a kind of centre
    ("打造地方特色消费中心。", "地方特色消费中心"),
    ("打造国际一流再保险中心。", "国际一流再保险中心"),  # a goal without its place
])
def test_a_centre_without_its_place_is_no_programme(body, phrase):
    assert phrase not in names(body)


@pytest.mark.parametrize(("body", "pilot"), [
    # adjectives jieba tags as verbs open the pilot's name; they are not verbs that launch it
    ("在纺织产业集聚地区开展废旧纺织品循环利用试点。", "废旧纺织品循环利用试点"),
    ("深入实施可信数据空间创新发展试点。", "可信数据空间创新发展试点"),
    ("在阿勒泰地区等地开展通用航空短途运输试点。", "通用航空短途运输试点"),
    ("在北京、上海开展增值电信业务扩大对外开放试点。", "增值电信业务扩大对外开放试点"),
])
def test_a_pilot_opening_with_an_adjective_is_named_whole(body, pilot):
    assert names(body).get(pilot) == "programme"


@pytest.mark.parametrize(("body", "known", "phrase"), [
    ("在北京股权交易中心、上海股权托管交易中心试点成效基础上扩大范围。", "上海股权托管交易中心", "上海股权托管交易中心试点"),
    ("在银行间债券市场试点开展高收益债券发行交易。", "银行间债券市场", "银行间债券市场试点"),
])
def test_a_pilot_at_a_known_body_or_market_is_that_name(body, known, phrase):
    found = names(body)
    assert phrase not in found and known in found


@pytest.mark.parametrize("body, name", [
    ("中央财政通过城乡居民基本医疗保险补助资金支持地方。", "城乡居民基本医疗保险补助资金"),  # 补助 inside the name
    ("统筹用好海洋生态保护修复资金，支持海湾整治。", "海洋生态保护修复资金"),                # 修复, a verb
    ("设立闽台融合发展专项资金，由中央财政安排。", "闽台融合发展专项资金"),                  # 发展, a soft stop
])
def test_a_named_fund_channel_is_found_after_the_verb_that_uses_it(body, name):
    assert names(body).get(name) == "programme"


@pytest.mark.parametrize("body, name", [
    ("每年举办中国创业投资高质量发展大会，集中发布成果。", "中国创业投资高质量发展大会"),
    ("自2026年起每两年举办一次全国劳务品牌发展大会。", "全国劳务品牌发展大会"),  # the session is no part of it
])
def test_a_congress_held_again_and_again_is_a_programme(body, name):
    found = names(body)
    assert found.get(name) == "programme" and not [n for n in found if n != name and name in n], found


def test_a_congress_no_verb_holds_is_no_programme():
    assert not [n for n in names("公司应当召开临时股东大会审议。") if n.endswith("大会")]


def test_a_once_only_scheme_keeps_its_word_for_once():
    """一次性 (once only) opens the scheme's name: no session count (一次|…) is cut from it."""
    found = names("开展一次性补缴养老保险费专项行动。")
    assert found.get("一次性补缴养老保险费专项行动") == "programme", found
