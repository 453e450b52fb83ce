"""Names of China's financial system in the style of a central-bank opinion: product kinds, the
central bank's tools, benchmarks and markets, each found with its exact span and type.

The sentences are ours, written like People's Bank of China and State Council financial opinions;
they do not come from the corpus.
"""
from __future__ import annotations

import pytest
from naming import extraction as extraction_of, names

# the measures of an opinion of the central bank (（一） to （七）)
MEASURES = (
    "运用再贷款、再贴现等工具，增加支农再贷款、支小再贷款额度，用好碳减排支持工具，通过抵押补充贷款（PSL）、中期借贷便利（MLF）和公开市场操作保持流动性合理充裕。",
    "发布1年期贷款市场报价利率和5年期以上贷款市场报价利率，适时下调超额存款准备金利率，保持人民币汇率中间价基本稳定。",
    "支持银行发行资本补充债券、科技创新公司债券和可续期公司债，推广标准化票据和票据贴现。",
    "研究推出碳期货、碳期权，发展指数基金和S基金，规范私募投资基金。",
    "发展履约保证保险、信用保证保险和保障性租赁住房贷款，推广碳排放权质押贷款和福费廷。",
    "推动区域性股权市场设立科技创新专板，完善银行间本币市场，设立保交楼贷款支持计划，扩大双边本币互换协议规模，发展跨境双向人民币资金池，深化利率市场化改革。",
    "支持商业保理公司规范发展，加大首贷投放。",
)


@pytest.fixture(scope="module")
def mentions() -> list[tuple[str, str]]:
    extraction = extraction_of(*MEASURES)
    text = extraction.document.text
    found = []
    for m in extraction.mentions:
        assert text[m.start:m.end] == m.surface  # the span is exactly the name as written
        found.append((m.surface, m.type))
    return found


@pytest.mark.parametrize("name, kind", [
    # the central bank's loan kinds are products (贷款 with a modifier that makes it a kind) …
    ("再贷款", "product"), ("再贴现", "product"), ("支农再贷款", "product"), ("支小再贷款", "product"),
    ("抵押补充贷款", "product"), ("PSL", "product"),
    # … its facilities and operations, named without a product head, are programmes
    ("中期借贷便利", "programme"), ("MLF", "programme"), ("碳减排支持工具", "programme"),
    ("公开市场操作", "programme"), ("保交楼贷款支持计划", "programme"), ("双边本币互换协议", "programme"),
    ("利率市场化改革", "programme"), ("跨境双向人民币资金池", "programme"),
    # rates and references
    ("超额存款准备金利率", "benchmark"), ("人民币汇率中间价", "benchmark"),
    # kinds whose modifier the grammar takes for generic or stops in
    ("资本补充债券", "product"), ("科技创新公司债券", "product"), ("可续期公司债", "product"),
    ("标准化票据", "product"), ("票据贴现", "product"), ("碳期货", "product"), ("碳期权", "product"),
    ("指数基金", "product"), ("S基金", "product"), ("私募投资基金", "product"), ("履约保证保险", "product"),
    ("信用保证保险", "product"), ("碳排放权质押贷款", "product"), ("福费廷", "product"),
    # 保障性 is an adjective inside the name, not the verb 保障 ending it
    ("保障性租赁住房贷款", "product"),
    # named market segments
    ("区域性股权市场", "market"), ("科技创新专板", "market"), ("银行间本币市场", "market"),
])
def test_financial_names_are_found_whole_and_typed(mentions, name, kind):
    assert (name, kind) in mentions


def test_a_rate_with_its_tenor_is_a_benchmark_of_its_own(mentions):
    """1年期|贷款市场报价利率, 5年期以上|贷款市场报价利率: the tenor written before a rate is part of the
    reference's name (each its own node), never cut to 以上贷款市场报价利率."""
    assert [(s, k) for s, k in mentions if s.endswith("贷款市场报价利率")] == [
        ("1年期贷款市场报价利率", "benchmark"), ("5年期以上贷款市场报价利率", "benchmark")]


@pytest.mark.parametrize("body, names_as_written", [
    ("定价参考10年期国债收益率，不高于预定利率研究值。", {"10年期国债收益率": "benchmark", "预定利率研究值": "benchmark"}),
    ("1年期LPR和5年期以上LPR分别下降10个基点。", {"1年期LPR": "benchmark", "5年期以上LPR": "benchmark"}),
])
def test_tenor_benchmarks_as_written(body, names_as_written):
    found = names(body)
    assert {name: found.get(name) for name in names_as_written} == names_as_written


@pytest.mark.parametrize("body", [
    "贷款利率不高于同期限档次贷款市场报价利率。",
    "参考相应期限贷款市场报价利率合理定价。",
])
def test_a_tenor_bracket_named_in_words_is_no_part_of_the_rate(body):
    """同期限档次 says "of the same tenor", naming none: the mention is the rate itself."""
    assert [name for name, kind in names(body).items() if kind == "benchmark"] == ["贷款市场报价利率"]


def test_the_short_form_with_a_tenor_is_the_full_form_with_it():
    extraction = extraction_of("发布5年期以上贷款市场报价利率。", "5年期以上LPR下降。")
    assert {m.entity for m in extraction.mentions if m.type == "benchmark"} == {"5年期以上贷款市场报价利率"}


def test_a_product_keeps_its_tenor_out():
    """30年期|国债期货 is a mention of the product type 国债期货 (the bundled plan's gold)."""
    found = names("稳步推进30年期国债期货上市。")
    assert found.get("国债期货") == "product" and "30年期国债期货" not in found


@pytest.mark.parametrize("fragment", [
    "以上贷款市场报价利率", "性租赁住房贷款", "质押贷款", "公司债", "保理", "首贷", "调整超额存款准备金利率",
])
def test_no_cut_or_generic_fragment_is_a_name(mentions, fragment):
    assert fragment not in {s for s, _ in mentions}


def test_designations_and_insurance_schemes_of_industrial_policy():
    # the designation's title, a name of 专精特新 (test_the_titles_of_a_designation_are_mentions_of_it)
    found = names("加大对专精特新中小企业的信贷投放，发展新材料首批次应用保险。")
    assert found.get("专精特新中小企业") == "programme" and "专精特新" not in found
    assert found.get("新材料首批次应用保险") == "product"


@pytest.mark.parametrize("sentence, name, kind", [
    ("鼓励社会资本设立海洋产业发展基金。", "海洋产业发展基金", "product"),        # 发展 inside a fund type
    ("支持设立文旅产业发展投资基金。", "文旅产业发展投资基金", "product"),
    ("发挥国家绿色发展基金作用。", "国家绿色发展基金", "institution"),          # one named fund stays a body
    ("通过冰雪产业引导资金等渠道给予支持。", "冰雪产业引导资金", "programme"),  # a budget channel
    ("发行非金融企业债务融资工具。", "非金融企业债务融资工具", "product"),      # an interbank debt instrument
    ("建立用水权交易市场。", "用水权交易市场", "market"),                      # the right traded names it
    ("规范农产品交易市场。", "农产品交易市场", None),                          # a kind of marketplace
])
def test_a_development_fund_is_named_whole(sentence, name, kind):
    assert names(sentence).get(name) == kind


@pytest.mark.parametrize("body, name", [
    ("扩大ETF互联互通标的范围，优化债券通机制。", "ETF互联互通"),   # a connect scheme named without 通 alone
    ("研究拓展内地与香港ETF互联互通的产品类型。", "内地与香港ETF互联互通"),
])
def test_connect_schemes_by_their_names(body, name):
    assert names(body).get(name) == "programme"


@pytest.mark.parametrize("body, name, kind", [
    ("支持保险资金通过债权投资计划、股权投资计划投资重大项目。", "股权投资计划", "product"),  # 计划 heads a product
    ("参与设立私募证券投资基金。", "私募证券投资基金", "product"),       # a fund type; 私募 alone is no kind
    ("支持中国城乡居民住宅地震巨灾保险共同体扩大承保范围。", "中国城乡居民住宅地震巨灾保险共同体", "institution"),
    ("扩大个人养老金制度下保险产品供给。", "个人养老金制度", "programme"),   # the walk ends at 制度下
])
def test_insurance_names(body, name, kind):
    found = names(body)
    assert found.get(name) == kind
    assert not [n for n in found if n != name and name in n]  # nothing longer swallows it

@pytest.mark.parametrize("body, name", [
    ("规范发展联合贷款，支持银行开展转贷款业务。", "联合贷款"),   # kinds whose modifier is a verb of its own
    ("规范发展联合贷款，支持银行开展转贷款业务。", "转贷款"),
    ("加大设备更新贷款投放。", "设备更新贷款"),
    ("支持上市公司发行优先股。", "优先股"),
])
def test_loan_kinds_and_share_classes_are_products(body, name):
    assert names(body).get(name) == "product"



@pytest.mark.parametrize("body", [
    "全国33家外资私募证券投资基金管理人中有29家落户本市。",   # the manager is a kind of firm
    "规范私募股权投资基金管理人的登记备案。",
])
def test_a_fund_type_before_its_manager_is_no_product(body):
    assert not [n for n, kind in names(body).items() if kind == "product"]


@pytest.mark.parametrize("body, name", [
    ("推动保险机构开发研发费用损失保险、关键研发设备保险和专利执行保险。", "研发费用损失保险"),  # 研发 inside
    ("推动保险机构开发研发费用损失保险、关键研发设备保险和专利执行保险。", "关键研发设备保险"),
    ("推动保险机构开发研发费用损失保险、关键研发设备保险和专利执行保险。", "专利执行保险"),
])
def test_technology_insurance_kinds(body, name):
    assert names(body).get(name) == "product"


@pytest.mark.parametrize("body, name", [
    ("推动船舶污染损害责任保险应保尽保。", "船舶污染损害责任保险"),   # the loss insured, a verb
    ("推动学生实习责任保险全覆盖。", "学生实习责任保险"),   # the activity insured
    ("扩大知识产权侵权责任保险覆盖面。", "知识产权侵权责任保险"),
    ("开发邮轮延误险和旅游行程取消保险。", "邮轮延误险"),
    ("开发邮轮延误险和旅游行程取消保险。", "旅游行程取消保险"),
    ("推出演出取消险，保障观众权益。", "演出取消险"),   # one risk before another
    ("发展船舶建造保险和航运保险。", "船舶建造保险"),
])
def test_the_risk_an_insurance_covers_is_part_of_its_kind(body, name):
    assert names(body).get(name) == "product"


def test_a_verb_of_buying_before_an_insurance_still_ends_its_name():
    found = names("推动企业投保责任保险。")
    assert not [n for n in found if n.startswith(("投保", "企业"))], found


@pytest.mark.parametrize("body, name", [
    ("扩大小微企业增信集合债券发行规模。", "小微企业增信集合债券"),   # a bond kind before 发行 (its issuance)
    ("支持中小企业私募债券发行。", "中小企业私募债券"),
])
def test_a_bond_kind_before_its_issuance_is_a_product(body, name):
    assert names(body).get(name) == "product"


@pytest.mark.parametrize("body, name", [
    ("完善以中证800股指期货为主体的产品线。", "中证800股指期货"),   # an index, then its derivative: one product
    ("稳步发展中证500股指期权。", "中证500股指期权"),
    ("研究推出铑期货、铂期货等战略性金属品种。", "铂期货"),          # a traded metal of one character
    ("优化锡期权做市安排。", "锡期权"),
])
def test_derivatives_named_after_their_underlying(body, name):
    found = names(body)
    assert found.get(name) == "product"
    assert not [n for n in found if n != name and (name in n or n in name)]  # no part of it named apart


def test_a_character_that_is_no_traded_metal_makes_no_kind_of_futures():
    assert "新期货" not in names("研究推出新期货品种。")


@pytest.mark.parametrize("body, name", [
    ("稳妥开展住房反向抵押养老保险业务。", "住房反向抵押养老保险"),   # verbs inside insurance kinds
    ("规范发展小额贷款保证保险。", "小额贷款保证保险"),
    ("推广种植收入保险和完全成本保险。", "完全成本保险"),
    ("支持政策性银行做好粮食收购贷款投放。", "粮食收购贷款"),
    ("支持大连商品交易所做优豆粕期货。", "豆粕期货"),               # 做优 is a verb, not part of the name
    ("支持平台企业为骑手投保团体意外伤害保险。", "团体意外伤害保险"),
])
def test_product_kinds_that_hold_verbs(body, name):
    found = names(body)
    assert found.get(name) == "product"
    assert not [n for n in found if n != name and name in n]


@pytest.mark.parametrize("body, absent", [
    ("为农村老年人提供保险保障。", "老年人保险"),            # whom it insures, not a kind
    ("扩大新市民等重点群体保险覆盖面。", "群体保险"),
    ("深入开展保险知识普及，普及保险知识。", "普及保险"),  # 保险|知识: no name ends there
    ("总结四川省、云南省等地巨灾保险试点经验。", "地巨灾保险"),  # 等地 ends a list of places
])
def test_insurance_words_that_name_no_kind(body, absent):
    assert absent not in names(body)


def test_a_group_of_people_inside_a_kind_of_insurance_still_names_it():
    assert names("开发老年人意外伤害保险。").get("老年人意外伤害保险") == "product"


@pytest.mark.parametrize("body, phrase", [
    ("各地区专项债券发行进度加快，存量专项债券和现行专项债券同步管理。", "地区专项债券"),  # where, not which kind
    ("存量专项债券和现行专项债券同步管理。", "存量专项债券"),
    ("严禁借化债之名违规举债。", "借化债"),                                          # debt resolution, no bond
    ("各地要用足专项债券额度。", "用足专项债券"),
])
def test_where_when_and_verbs_make_no_kind_of_bond(body, phrase):
    found = names(body)
    assert phrase not in found and not [n for n in found if n.endswith("化债")], found


def test_interbank_rmb_fx_derivatives_and_offshore_treasuries_by_their_names():
    found = names("丰富人民币对外汇期权和人民币外汇掉期交易，财政部在香港常态化发行人民币国债。")
    assert {n: found.get(n) for n in ("人民币对外汇期权", "人民币外汇掉期", "人民币国债")} == {
        "人民币对外汇期权": "product", "人民币外汇掉期": "product", "人民币国债": "product"}
    assert "外汇期权" not in found and "国债" not in found


@pytest.mark.parametrize("body, rate, is_benchmark", [
    ("推动涉农贷款利率稳中有降。", "涉农贷款利率", False),                  # the rate a kind of loan bears
    ("引导普惠型小微企业贷款利率下行。", "普惠型小微企业贷款利率", False),
    ("下调个人住房公积金贷款利率。", "个人住房公积金贷款利率", True),        # a rate set as a reference
])
def test_a_loan_kinds_rate_is_no_benchmark(body, rate, is_benchmark):
    assert (names(body).get(rate) == "benchmark") is is_benchmark


@pytest.mark.parametrize("body, credit, is_product", [
    ("加大对民营企业信贷支持。", "民营企业信贷", False),   # credit to a kind of borrower
    ("扩大农户信贷覆盖面。", "农户信贷", False),
    ("发展绿色消费信贷。", "绿色消费信贷", True),          # a credit product named for its use
])
def test_credit_to_a_kind_of_borrower_is_no_product(body, credit, is_product):
    assert (names(body).get(credit) == "product") is is_product


def test_a_suffix_character_that_opens_a_word_is_no_suffix():
    """提高|权益类基金: 权 opens 权益 here, so 提高 is a verb that ends the walk (排污权 keeps its verb)."""
    found = names("推动公募基金提高权益类基金比例。")
    assert found.get("公募基金") == found.get("权益类基金") == "product"
    assert not [n for n in found if n.startswith("提高") or "提高" in n]


@pytest.mark.parametrize("body", [
    "银行发放贷款时要核实用途。", "每笔贷款都要登记。", "严禁搭售保险和虚构保险业务。", "打击非法期货交易。",
])
def test_loans_made_and_insurance_sold_are_no_kinds(body):
    assert "product" not in names(body).values(), names(body)


@pytest.mark.parametrize("body, known, phrase", [
    ("支持民营企业公司债券发行。", "公司债券", "民营企业公司债券"),        # whom the bonds serve
    ("扩大中小微企业信用贷款投放。", "信用贷款", "中小微企业信用贷款"),
])
def test_whom_a_known_product_serves_is_no_part_of_it(body, known, phrase):
    found = names(body)
    assert found.get(known) == "product" and phrase not in found


def test_an_insured_group_with_a_risk_stays_a_kind():
    assert names("发展老年人意外伤害保险。").get("老年人意外伤害保险") == "product"


def test_a_generic_rate_with_a_tenor_is_a_benchmark():
    found = names("定价参考10年期国债收益率，国债收益率整体下行。")
    assert found.get("10年期国债收益率") == "benchmark" and "国债收益率" not in found


@pytest.mark.parametrize("kind", ["主题指数", "板块指数", "宽基指数", "价格指数"])
def test_indices_by_kind_are_no_benchmarks(kind):
    assert kind not in names("鼓励编制科技创新主题指数、板块指数和宽基指数，推出价格指数。")


def test_a_channel_listed_beside_a_platform_is_no_body():
    """A list item takes its neighbour's type only if it may name one: 银行网点 are every bank's branches."""
    found = names("通过政府网站、信用中国网站、银行网点等渠道宣传政策。")
    assert found.get("信用中国网站") == "institution" and "银行网点" not in found


def test_the_titles_of_a_designation_are_mentions_of_it():
    """专精特新中小企业 and 专精特新“小巨人”企业 are written whole and mean the one designation 专精特新:
    one entity, each title one of its names."""
    extraction = extraction_of("培育专精特新中小企业。", "支持专精特新“小巨人”企业上市，推动专精特新发展。")
    designations = {(m.surface, m.entity) for m in extraction.mentions if m.type == "programme"}
    assert designations == {("专精特新中小企业", "专精特新"), ("专精特新“小巨人”企业", "专精特新"), ("专精特新", "专精特新")}


@pytest.mark.parametrize("body, name", [
    # the insured party or the act a liability insurance covers holds verbs: the name starts after
    # the verb that offers or buys it
    ("支持财产保险公司开发承租人责任保险，保障租住安全。", "承租人责任保险"),
    ("推动家政企业为家政服务员投保家政服务责任保险和意外伤害保险。", "家政服务责任保险"),
    ("鼓励保险机构开发快递物流综合保险，覆盖快递员。", "快递物流综合保险"),
    ("鼓励保险机构探索开发生态环境损害责任保险。", "生态环境损害责任保险"),
    # a surety insurance is named by the obligation it guarantees, verbs and all
    ("鼓励发展合同能源管理履约保证保险，保障节能服务。", "合同能源管理履约保证保险"),
])
def test_liability_insurance_named_by_what_it_covers(body, name):
    found = names(body)
    assert found.get(name) == "product" and not any(n.endswith("保险") and n in name and n != name for n in found)


@pytest.mark.parametrize("body, kind_name, placed", [
    ("支持长三角私募基金协同发展。", "私募基金", "长三角私募基金"),
    ("推动长三角科技保险共保。", "科技保险", "长三角科技保险"),
    ("支持海南地方政府债券在自由贸易港发行。", "地方政府债券", "海南地方政府债券"),
    ("与中西部和东北地区政府投资基金合作。", "政府投资基金", "东北地区政府投资基金"),
    ("培育长三角银行间市场参与者。", "银行间市场", "长三角银行间市场"),
])
def test_a_place_before_a_kind_names_no_new_one(body, kind_name, placed):
    """(A fund being set up is one: test_a_place_before_a_fund_names_one_fund_not_a_kind.)"""
    found = names(body)
    assert kind_name in found and placed not in found


@pytest.mark.parametrize("body, present, absent", [
    ("对创业投资引导基金、天使投资引导基金实行整体考核。", ["创业投资引导基金", "天使投资引导基金"], ["引导基金"]),
    ("支持通过接续基金等方式承接存量项目。", ["接续基金"], []),
    ("推动修订证券投资基金法，规范证券投资基金运作。", ["证券投资基金"], ["证券投资基金法"]),  # a law is no fund
    ("支持外资银行申请证券投资基金托管资格。", [], ["证券投资基金"]),  # the custody business
    ("发挥集成电路产业投资基金等国家级基金的带动作用。", [], ["国家级基金"]),  # the class of a list
])
def test_kinds_of_fund_the_fund_industry_names(body, present, absent):
    found = names(body)
    assert [found.get(n) for n in present] == ["product"] * len(present)
    assert not any(n in found for n in absent)


@pytest.mark.parametrize("body, expected", [
    ("推动离岸人民币债券市场扩容，在香港发行离岸人民币地方政府债券。",
     {"离岸人民币债券市场": "market", "香港": "place", "离岸人民币地方政府债券": "product"}),
    ("提供稳定的离岸人民币流动性，维护离岸人民币汇率基本稳定。", {}),  # the currency is no product
])
def test_the_offshore_renminbi_names_products_not_itself(body, expected):
    assert {n: k for n, k in names(body).items() if n != "国务院"} == expected


@pytest.mark.parametrize("body, surface, entity", [
    ("探索农村集体经营性建设用地使用权抵押贷款。", "农村集体经营性建设用地使用权抵押贷款", "农村集体经营性建设用地使用权抵押贷款"),
    ("深化合格境外有限合伙人试点。", "合格境外有限合伙人试点", "合格境外有限合伙人"),  # the scheme, piloted
])
def test_known_rural_loan_and_investor_scheme_by_their_written_forms(body, surface, entity):
    assert [(m.surface, m.entity) for m in extraction_of(body).mentions if m.type != "institution"] == [(surface, entity)]


def test_payment_brands_and_card_schemes_are_bodies():
    found = names("推动支付宝、微信支付和云闪付受理境外银行卡，便利维萨、万事达卡持卡人支付。")
    assert all(found.get(n) == "institution" for n in ("支付宝", "微信支付", "云闪付", "维萨", "万事达卡")), found
    assert "微信" not in found  # inside 微信支付


def test_a_verb_after_a_modal_is_no_part_of_a_known_product_type():
    found = names("银行可发放经营性物业贷款，项目可发行绿色债券，并购基金可采取私募股权投资基金形式。")
    assert {"经营性物业贷款", "绿色债券", "私募股权投资基金"} <= set(found)
    assert not [name for name in found if name.startswith(("可", "发"))]
    # a product's own verb stays in its name
    assert "碳排放权质押贷款" in names("推广碳排放权质押贷款。")


def test_financing_kinds_named_by_what_they_finance_are_products():
    found = names("发展票据融资、仓单融资和存货融资，支持并购融资。")
    assert all(found.get(n) == "product" for n in ("票据融资", "仓单融资", "存货融资", "并购融资"))


def test_lending_power_and_rights_markets_are_named_by_their_qualifier():
    found = names("发展同业拆借市场和西北技术交易市场，探索建立黄河水权交易市场，完善市场体系。")
    assert all(found.get(n) == "market" for n in ("同业拆借市场", "西北技术交易市场", "黄河水权交易市场"))


def test_the_segments_of_the_power_market_are_markets():
    found = names("推动新型储能参与中长期电力市场和调峰辅助服务市场，完善电力辅助服务市场，扩大绿证市场，核发绿色电力证书。")
    assert all(found.get(n) == "market" for n in ("中长期电力市场", "调峰辅助服务市场", "电力辅助服务市场", "绿证市场"))
    assert found.get("绿色电力证书") == "product"


def test_prepaid_cards_equity_incentives_and_credit_protection_are_product_types():
    found = names("规范单用途预付卡和多用途预付卡发行，支持上市公司以限制性股票和股票期权实施激励，"
                  "发展信用保护合约和收益凭证，便利外籍人员使用旅行支票。")
    kinds = ("单用途预付卡", "多用途预付卡", "限制性股票", "股票期权", "信用保护合约", "收益凭证", "旅行支票")
    assert all(found.get(n) == "product" for n in kinds), found


def test_a_verb_after_a_modal_ends_a_product_name():
    # 可|设立 is a modal and a verb: the fund's name starts after them; 可持续发展 and 可交换 build names
    found = names("有条件的地方可设立青年创业投资引导基金，推广可持续发展挂钩贷款，企业可发行可交换债券。")
    assert {"青年创业投资引导基金", "可持续发展挂钩贷款", "可交换债券"} <= set(found), found
    assert not [n for n in found if n.startswith(("地方", "可设立", "发行"))], found


def test_the_central_banks_benchmark_rates_keep_their_currency():
    found = names("利息按照人民币贷款基准利率计算，存款按人民币存款基准利率执行。")
    assert found.get("人民币贷款基准利率") == "benchmark" and found.get("人民币存款基准利率") == "benchmark", found


@pytest.mark.parametrize("body, name", [
    ("数字货币研究所要持续迭代数字人民币App功能，优化钱包服务。", "数字人民币App"),   # after a known product
    ("参保人可通过国家医保服务平台App和全国一体化政务服务平台办理。", "国家医保服务平台App"),
    ("旅客可通过移民局APP或者口岸自助设备申请。", "移民局APP"),   # after a known body
])
def test_an_app_is_named_after_what_it_serves(body, name):
    assert names(body).get(name) == "institution"


def test_a_kind_of_app_is_no_name():
    assert not [n for n in names("提升工业APP数量和服务企业数。") if "APP" in n]


def test_an_institute_named_by_its_short_form_is_no_connect_scheme():
    # 通 heads connect schemes (理财通); before 院 it ends no name: 中国信通院 is an institute
    found = names("支持中国信通院、电子标准院开展测评认证。")
    assert found.get("中国信通院") == "institution" and "中国信通" not in found, found


def test_a_body_s_branches_at_a_level_are_no_branch_of_their_own():
    # its branches are named after their place; at a level they are every one of them
    found = names("中国人民银行省级分行会同当地金融监管局开展评估，中国人民银行上海分行先行先试。")
    assert "中国人民银行省级分行" not in found and found.get("中国人民银行") == "institution"
    assert found.get("中国人民银行上海分行") == "institution"


@pytest.mark.parametrize("body, branch", [
    ("由国家外汇管理局新疆维吾尔自治区分局指导试点。", "国家外汇管理局新疆维吾尔自治区分局"),  # a place ending 区
    ("国家税务总局横琴粤澳深度合作区税务局要优化服务。", "国家税务总局横琴粤澳深度合作区税务局"),
    ("国家外汇管理局浙江省分局会同有关部门推进。", "国家外汇管理局浙江省分局"),              # a place ending 省
])
def test_a_known_bodys_branch_named_after_a_place_ending_in_a_head_is_one_name(body, branch):
    found = names(body)
    assert found.get(branch) == "institution" and [n for n in found if n in branch] == [branch], found


@pytest.mark.parametrize("body, name", [
    ("密切跟踪联合国粮农组织食品价格指数变化。", "联合国粮农组织食品价格指数"),
    ("支持大连商品交易所（以下简称大商所）创新。大商所要优化大商所农产品期货价格指数编制。", "大商所农产品期货价格指数"),
])
def test_an_index_is_named_with_the_body_that_compiles_it(body, name):
    assert names(body).get(name) == "benchmark"


@pytest.mark.parametrize("body, name", [
    ("深交所将推出深证创新指数。", "深证创新指数"),                 # 创新 inside the name, a verb elsewhere
    ("鼓励编制北证科创成长指数，丰富投资标的。", "北证科创成长指数"),
    ("基金以中债-新综合指数为业绩比较基准。", "中债-新综合指数"),        # the brand and a dash
    ("外汇交易中心发布CFETS跨境融资成本指数。", "CFETS跨境融资成本指数"),
])
def test_an_index_is_named_from_the_brand_it_is_published_under(body, name):
    assert names(body).get(name) == "benchmark"


@pytest.mark.parametrize("body, name", [
    ("开发跟踪中证红利低波指数等指数的产品。", "中证红利低波指数"),       # a list: the brand is the first index's
    ("参考中债综合指数和中证转债指数确定基准。", "中证转债指数"),          # the nearest brand opens the name
])
def test_an_index_brand_reaches_over_no_other_index_or_list(body, name):
    found = names(body)
    assert found.get(name) == "benchmark" and not [n for n in found if n != name and name in n], found


def test_a_product_after_the_exchange_that_lists_it_is_named_without_it():
    found = names("支持广州期货交易所（以下简称广期所）创新。推动广期所碳排放权期货上市。")
    assert found.get("碳排放权期货") == "product" and "广期所碳排放权期货" not in found, found


@pytest.mark.parametrize("body, board", [
    ("支持区域性股权市场设立乡村振兴专板。", "乡村振兴专板"),      # 振兴, a verb, inside the theme
    ("推动区域性股权市场规范设立知识产权专板，服务轻资产企业。", "知识产权专板"),
])
def test_a_special_board_is_named_by_its_theme_apart_from_the_market_that_sets_it_up(body, board):
    found = names(body)
    assert found.get(board) == "market" and found.get("区域性股权市场") == "market", found
    assert not [n for n in found if "设立" in n], found


@pytest.mark.parametrize("body, name", [
    # the asset classes of the asset-management rules name kinds of wealth product and trust scheme
    ("理财公司可以发行固定收益类理财产品和权益类理财产品。", "固定收益类理财产品"),
    ("理财公司可以发行固定收益类理财产品和权益类理财产品。", "权益类理财产品"),
    ("信托公司设立混合类信托计划应当充分披露风险。", "混合类信托计划"),
    ("不得将存款产品宣传为保本理财产品。", "保本理财产品"),             # 本 is no stop inside 保本
    ("保险公司应当规范销售长期医疗保险。", "长期医疗保险"),             # the term that makes a kind of cover
    ("代理销售公募证券投资基金应当取得基金销售业务资格。", "公募证券投资基金"),  # how it is offered
    ("私募理财产品只能面向合格投资者发行。", "私募理财产品"),
    ("发放个人住房贷款应当核实借款人收入。", "个人住房贷款"),              # whom it serves makes the kind
])
def test_the_class_the_term_and_the_offering_make_a_kind_of_product(body, name):
    found = names(body)
    assert found.get(name) == "product", found
    assert not [n for n in found if n != name and name in n]


@pytest.mark.parametrize("body, absent", [
    ("理财公司应当规范管理各类理财产品。", "各类理财产品"),  # every kind is no kind
    ("理财公司应当规范管理两类理财产品。", "两类理财产品"),
])
def test_a_count_of_classes_makes_no_kind_of_product(body, absent):
    assert absent not in names(body) and "类理财产品" not in names(body)


@pytest.mark.parametrize("body, name", [
    ("定期编制并发布普惠金融发展指数。", "普惠金融发展指数"),   # ordinary words before an index's own head
    ("研究编制口岸通关便利化指数。", "口岸通关便利化指数"),
    ("研究编制外籍人员消费便利度指数。", "外籍人员消费便利度指数"),
])
def test_an_index_a_body_publishes_is_named_with_ordinary_words(body, name):
    assert names(body).get(name) == "benchmark"


def test_a_short_plain_word_before_a_development_index_names_none():
    assert not [n for n in names("关注区域发展指数变化。") if n.endswith("指数")]
