"""Each naming rule on a tiny text written for it: the exact names found, and those not found.

The sentences are ours (written in the style of State Council documents); they do not come from
the corpus.
"""
from __future__ import annotations

import pytest
from naming import extraction, names as _names


@pytest.mark.parametrize("body, name", [
    ("推行涉企执法“首违不罚”，减少处罚。", "首违不罚"),          # launched: a short scheme may hold 不
    ("建立涉企执法“首违不罚”清单。", "首违不罚"),                # before a scheme word (清单)
    ("全面推行“证明事项告知承诺制”，减少材料。", "证明事项告知承诺制"),   # a scheme quoted by name
    ("深化“一窗受理、集成服务”改革。", "一窗受理、集成服务"),           # 、 inside the quotes, before 改革
])
def test_quoted_schemes_are_programmes(body, name):
    assert _names(body).get(name) == "programme"


@pytest.mark.parametrize("body, phrase", [
    ("充分发挥金融的“压舱石”作用。", "压舱石"),              # a role metaphor
    ("坚持“稳中求进”总基调。", "稳中求进"),                  # after 坚持: a principle
    ("实现“数量增、质量升”目标。", "数量增、质量升"),        # a listed slogan not before a scheme word
    ("落实“十四五”时期的任务。", "十四五"),                  # a plan period
    ("打造“一张网”格局。", "一张网"),                        # numeral + measure word
    ("发展“平台经济”。", "平台经济"),                        # a concept
    ("大力开展“保护环境是一项基本国策”宣传教育。", "保护环境是一项基本国策"),  # a sentence, however launched
])
def test_figures_of_speech_in_quotes_are_not_names(body, phrase):
    assert phrase not in _names(body)


@pytest.mark.parametrize("body, name, kind", [
    ("深化“川渝通办”，扩大通办事项。", "川渝通办", "programme"),   # the two places' joint service scheme
    ("打响“上海标准”品牌。", "上海标准", None),                  # a place and a noun: a slogan
])
def test_a_quoted_place_and_word_is_a_scheme_only_as_a_joint_service(body, name, kind):
    assert _names(body).get(name) == kind


def test_a_level_word_makes_a_short_form_the_local_body():
    names = _names("由发展改革委牵头，市发展改革委、各省统计局配合。")
    assert names.get("发展改革委") == "institution"
    assert list(names).count("发展改革委") == 1 and "统计局" not in names


@pytest.mark.parametrize("body, generic", [
    ("县级人民政府要抓好落实。", "县级人民政府"),
    ("各省、自治区、直辖市人民政府要加强领导。", "直辖市人民政府"),
    ("东部地区要发挥带动作用。", "东部地区"),
    ("重大工程要按期完工。", "重大工程"),
    ("建设网络平台。", "网络平台"),
    ("规范地方政府融资平台公司融资行为。", "平台公司"),
    ("推动职业技能等级证书互通。", "职业技能等级证书互通"),   # things made mutually valid, no connect scheme
    ("解决部门间数据不通问题。", "数据不通"),
    ("规范政府性基金管理，推广电子财政票据。", "政府性基金"),  # public-finance categories
    ("增加有效信贷投放。", "有效信贷"),
    ("支持跨境电子商务平台发展。", "跨境电子商务平台"),        # platforms of a kind
    ("全国农业信贷担保体系要扩大覆盖面。", "全国农业信贷"),      # 信贷 inside 信贷担保 is no head
    ("畅通挂牌公司向交易所转板的机制。", "交易所转板"),          # 转板 moves a listing: no market
    ("各保险集团（控股）公司要加强并表管理。", "保险集团（控股）公司"),  # a kind of firm in an addressee list
    ("各全国性中资银行要加强内控管理。", "全国性中资银行"),
    ("供水企业全部入驻市政务服务中心。", "市政务服务中心"),          # a level's own hall, no place
    ("允许试点企业在额度内自主调配境内外资金。", "调配境内外资金"),   # 调配 moves the funds: no named fund
    ("各成员单位要做好应急行动的人员准备。", "应急行动"),       # a two-character modifier: an action of a kind
    ("储备企业按时拟定重点运输计划。", "运输计划"),
    ("省、自治区、直辖市发展改革、财政部门要加强协调。", "直辖市发展改革"),  # a department, no reform
    ("支持上海自贸试验区银行开展离岸业务。", "上海自贸试验区银行"),  # the banks of a zone
    ("试点地区银行可以先行先试。", "地区银行"),
    ("加强会计师事务所等中介机构债券监管。", "中介机构债券"),      # 债券|监管: the supervision of bonds
    ("提高绿色低碳等领域债券占比。", "领域债券"),                  # bonds of fields: no kind
    ("银行要单列普惠贷款计划。", "单列普惠贷款计划"),              # 单列 (earmark) is a verb
    ("依法打击逃废债行为。", "逃废债"),                            # evading debts, not a debt
    ("支持对外承包工程使用人民币结算。", "对外承包工程"),          # a kind of business, not a project
    ("外汇资本金账户内资金可用于支付。", "外汇资本金账户内资金"),  # what lies inside an account
    ("支持前海合作区内外资银行开展业务。", "前海合作区内外资银行"),  # the firms of a zone by kind
    ("支持香港证券公司、澳门保险公司参与。", "香港证券公司"),          # the firms of a region by kind
    ("发展信用贷款等线上信贷产品。", "线上信贷"),                    # online: a channel, not a kind
    ("加大对“三农”的金融支持。", "三农"),                            # a quoted concept, no scheme
    ("鼓励航空公司、港口集团和机场集团参与。", "港口集团"),            # transport firms by kind
    ("企业可选择一家主办银行办理相关业务。", "主办银行"),              # banks by their role
    ("由原贷款银行继续提供服务。", "原贷款银行"),
    ("坚持做好金融“五篇大文章”。", "五篇大文章"),                    # a watchword in quotes
    ("严禁以明股实债方式变相举债。", "明股实债"),                    # a practice a measure forbids
    ("鼓励社会资本共同设立专项基金。", "专项基金"),                  # a fund of a purpose, no named fund
])
def test_generic_names_are_not_entities(body, generic):
    assert generic not in _names(body)


def test_product_words_in_a_list_of_kinds_of_firm_are_not_products():
    names = _names("规范小额贷款、融资担保、典当行等地方金融组织，发展绿色信贷。")
    assert "小额贷款" not in names and names.get("绿色信贷") == "product"


def test_a_product_before_a_preposition_and_a_list_of_where_it_applies_stays_a_product():
    # 在 puts the list after the product: the list says where it applies, the product is no kind of firm
    names = _names("深入推进安全生产责任保险在危险化学品、非煤矿山、烟花爆竹等高危行业领域全面实施。")
    assert names.get("安全生产责任保险") == "product"


@pytest.mark.parametrize("text, phrase", [
    ("完善基层保险服务网络，依托乡镇保险服务站点开展理赔。", "基层保险"),
    ("依托乡镇保险服务站点开展理赔。", "乡镇保险"),
    ("发挥国内再保险主渠道作用，支持再保险公司发展。", "国内再保险"),
    ("探索建立跨省巨灾保险共保机制。", "跨省巨灾保险"),
    ("开发投保便捷的综合保险产品。", "综合保险")])
def test_insurance_said_of_where_or_how_wide_is_no_product_type(text, phrase):
    # where (国内, 基层, 乡镇), how wide (跨省, 区域) and 综合 say no kind of insurance
    assert phrase not in _names(text)


def test_a_kind_of_insurance_after_a_modifier_of_its_own_stays_a_product():
    assert _names("推广灾害民生综合保险，支持地方政府投保。").get("灾害民生综合保险") == "product"


def test_a_list_ending_in_ways_is_no_list_of_kinds_of_firm():
    # 等方式 (and other ways) ends the list; the firms named later in the clause are its beneficiaries
    names = _names("鼓励增信机构通过创设信用风险缓释凭证、提供担保等方式为民营科技企业增信。")
    assert names.get("信用风险缓释凭证") == "product"


@pytest.mark.parametrize("body, name, kind", [
    ("扩大中长期贷款和信用贷款规模。", "中长期贷款", "product"),     # a modifier that makes a kind
    ("支持商品期货市场发展。", "商品期货", "product"),
    ("设立政府引导基金。", "政府引导基金", "product"),
    ("用好就业补助资金。", "就业补助资金", "programme"),              # a long specific modifier
    ("丰富企业可用的外汇衍生品。", "外汇衍生品", "product"),          # a derivative of a kind
    ("发展慈善信托。", "慈善信托", "product"),                          # a trust of a kind
    ("继续开展“净网行动”。", "净网行动", "programme"),                  # a quoted campaign at any length
    ("扩大绿色债ETF规模。", "绿色债ETF", "product"),                   # a product of products is one kind
    ("研究推出国债期货期权。", "国债期货期权", "product"),
    ("编制沪深300低碳转型指数。", "沪深300低碳转型指数", "benchmark"),  # an index built on a known one
    ("开展绿色建材下乡活动。", "绿色建材下乡", "programme"),
    ("支持发行蓝色债务融资工具。", "蓝色债务融资工具", "product"),  # a kind of a known instrument
    ("加大对专精特新中小企业的信贷支持。", "专精特新中小企业", "programme"),  # the designation's title
    ("便利境外交易者参与20号胶期货交易。", "20号胶期货", "product"),   # a contract named from a figure
    ("鼓励发展商业长期护理保险。", "商业长期护理保险", "product"),       # not the social scheme it tops up
    ("用好地方政府专项债券资金。", "地方政府专项债券", "product"),        # the money a bond raises names the bond
    ("发展买断式回购业务。", "买断式回购", "product"),                  # a repo kind (回购 alone is an action)
    ("落实首台（套）重大技术装备综合保险政策。", "首台（套）重大技术装备综合保险", "product"),  # its full name
    ("稳妥发展分红型保险和万能型保险。", "分红型保险", "product"),     # 分红 (pay dividends) names the kind
    ("稳步降低公募基金管理费率。", "公募基金", "product"),              # fund kinds the guide counts
    ("引导信托计划加大权益资产配置。", "信托计划", "product"),
    ("发展场外衍生品业务。", "场外衍生品", "product"),                 # traded off exchange: a kind (our gold)
    ("深化商业养老金业务试点。", "商业养老金业务试点", "programme"),  # a pilot of a known product is named
    ("开展巨灾保险试点。", "巨灾保险试点", "programme"),
    ("稳步推进区域性股权市场创新试点。", "区域性股权市场创新试点", "programme"),  # the known market opens it
    ("深化保险资金长期投资改革试点。", "保险资金长期投资改革试点", "programme"),  # 保险 opens it as a noun
    ("完善汽车以旧换新信息平台。", "汽车以旧换新信息平台", "institution"),   # 以 opens the word 以旧换新
    ("支持企业通过出口应收账款融资、保单融资等方式融资。", "出口应收账款融资", "product"),
    ("研究参与多边央行数字货币桥项目。", "多边央行数字货币桥", "programme"),
    ("设置科创成长层，推广多功能自由贸易账户。", "科创成长层", "market"),
    ("运用临时流动性便利和定向降准。", "临时流动性便利", "programme"),    # general-knowledge lexicon
    ("发展天气指数保险、森林保险。", "天气指数保险", "product"),
    ("申报国家文化出口基地和国家数字服务出口基地。", "国家文化出口基地", "programme"),
    ("推动成都都市圈一体化发展。", "成都都市圈", "place"),             # the general-knowledge place block
    ("稳步开展银行外汇展业改革。", "银行外汇展业改革", "programme"),
])
def test_product_and_scheme_types(body, name, kind):
    assert _names(body).get(name) == kind


@pytest.mark.parametrize("body", ["推出以黄金为基准的衍生品。", "研究推出更多衍生品。"])
def test_derivatives_of_no_kind_are_no_products(body):
    assert not [n for n in _names(body) if n.endswith("衍生品")]


def test_a_defined_name_is_found_from_its_definition():
    names = _names("由财政部、教育部组成国家助学贷款风险补偿协调工作小组（以下简称协调工作小组），"
                   "协调工作小组每年报告。")
    assert names.get("国家助学贷款风险补偿协调工作小组") == "institution"
    assert names.get("协调工作小组") == "institution"


def test_a_leading_verb_is_not_part_of_a_name():
    names = _names("请中国人民银行会同有关部门研究。")
    assert "中国人民银行" in names and not [n for n in names if n.startswith("请")]


@pytest.mark.parametrize("body, verb, name", [
    # verbs jieba's dictionary tags as nouns: they end a name all the same
    ("执行中遇到的问题，请及时报告金融监管总局。", "报告", "金融监管总局"),
    ("保险公司销售个人养老金保险产品时应当充分说明。", "销售", "个人养老金保险"),
    ("深交所要进一步细化创业板定位把握标准。", "细化", "创业板"),
    ("稳妥启动基础设施REITs试点。", "启动", "基础设施REITs试点"),
    ("有序压降村镇银行数量。", "压降", None),                      # a kind of bank: generic, no name
    ("对于尚未建立企业年金的单位，可通过团体养老保险积累资金。", "可通过", "团体养老保险"),  # the modal 可
    ("银行可为企业办理远期结售汇业务。", "可为", "远期结售汇"),
    ("境内个人可通过个人人民币银行结算账户收付。", "个人人民币银行", None),  # the account, not a bank
    ("严禁虚增涉农贷款。", "虚增", "涉农贷款"),
    ("公募基金管理人旗下基金应当披露持仓。", "人旗下", None),       # whose funds: no fund named
    ("合理调降股票型基金费率。", "合理调降", "股票型基金"),
    ("鼓励增持宽基ETF。", "增持", "宽基ETF"),
    ("管理人备案首只私募股权基金。", "首只", "私募股权基金"),         # the first one: a count, no kind
    ("涉农贷款利率随贷款市场报价利率变动。", "涉农贷款利率随", "贷款市场报价利率"),  # what a rate follows
    ("引导银行以适当利率发放贷款。", "适当", None),                   # how high: no rate named
])
def test_verbs_the_dictionary_calls_nouns_end_a_name(body, verb, name):
    names = _names(body)
    assert not [n for n in names if n.startswith(verb)]
    assert name is None or name in names


@pytest.mark.parametrize("body, name", [
    ("各地要依托全国企业登记在线审核监管平台，压缩办理时间。", "全国企业登记在线审核监管平台"),  # opener, verbs inside
    ("加快建设河道沿线安全隐患排查治理信息平台。", "河道沿线安全隐患排查治理信息平台"),      # long, no opener
    ("推进工程建设施工许可联合审核管理系统与其他系统对接。", "工程建设施工许可联合审核管理系统"),  # ended by 与
    ("在省级平台建立与职责相对应的国家抽查对象名录库。", "国家抽查对象名录库"),               # cut after 的
    ("将检查结果归集至国家产品质量信息公示系统。", "国家产品质量信息公示系统"),               # cut after 至
    ("银行应通过外汇收支申报系统，按月报送数据。", "外汇收支申报系统"),  # in use: a shorter name is one
    ("推广出口退税备案监测平台，便利企业收付汇。", "出口退税备案监测平台"),
    ("依托人口基础信息资源库，共享户籍数据。", "人口基础信息资源库"),    # a database in use
    ("加快完善全国地表水环境监测网络，实时发布数据。", "全国地表水环境监测网络"),  # 监测网络 as 监测网
    ("建设国家海洋综合立体观测网，提升预报能力。", "国家海洋综合立体观测网"),  # an observing network as one
    # a body and the verb that puts the platform to use are no part of its name (部发 is a rare word)
    ("工业和信息化部发挥全国农产品流通追溯平台作用。", "全国农产品流通追溯平台"),
    # what is done with a system right after its name ends it as an edge does
    ("各地依托全国护士电子化注册系统动态掌握护士配置。", "全国护士电子化注册系统"),
    ("企业通过环境信息依法披露系统按时披露信息。", "环境信息依法披露系统"),
    # in use, a field's own words are enough beside generic ones (地方政府, 管理 are generic)
    ("各地依托地方政府性债务管理系统，逐笔登记。", "地方政府性债务管理系统"),
    ("银行利用其票据登记管理信息平台，核对信息。", "票据登记管理信息平台"),  # 其 is no part of it
    # 在 cuts where it stands as a word, though the last 在 is inside 在线
    ("推动企业登记信息在全国企业在线登记服务平台实时共享。", "全国企业在线登记服务平台"),
    # the action the system is used for, right after it, ends its name as an edge does
    ("协会要依托理财产品统一报送平台加强对产品的监测。", "理财产品统一报送平台"),
    ("各地应通过乡村振兴补助资金直达系统将资金拨付到户。", "乡村振兴补助资金直达系统"),
    ("新设企业可以启用全国个体工商户年报服务系统，在线报送年报。", "全国个体工商户年报服务系统"),  # put into use
])
def test_systems_named_after_the_verb_that_puts_them_to_use(body, name):
    assert _names(body).get(name) == "institution"


@pytest.mark.parametrize("body, listed", [
    # a list after the verb: each item is launched by it, though its own words hold verbs (审批, 鉴定)
    ("要依托全国投资项目在线审批监管平台、工程建设项目审批管理平台，推进并联审批。", "工程建设项目审批管理平台"),
    ("建设全国大气环境质量预报预警平台、国家水质监测预警平台、生物物种查验鉴定平台。", "生物物种查验鉴定平台"),
])
def test_systems_listed_after_a_launched_one_are_named(body, listed):
    assert _names(body).get(listed) == "institution"


def test_a_system_joined_to_one_each_place_has_is_no_name():
    """After a coordinator, a quantified phrase (各地…平台) is a kind each place has: the whole is no
    one platform, and the one named before the coordinator stays."""
    names = _names("依托国家人才数据网和各地公共就业服务平台发布岗位信息。")
    assert not [n for n in names if "各地" in n], names


@pytest.mark.parametrize("body, name", [
    # the verbs that pass records or duties to a system are no part of its name
    ("将违法违规信息记入证券期货市场诚信档案数据库。", "证券期货市场诚信档案数据库"),
    ("期货公司应当按照规定向期货保证金安全存管监控系统报送数据。", "期货保证金安全存管监控系统"),  # 定向 is a word
])
def test_verbs_that_feed_a_system_end_its_name(body, name):
    names = _names(body)
    assert names.get(name) == "institution"
    assert not [n for n in names if n.endswith(name) and n != name]


@pytest.mark.parametrize("body, name, phrase", [
    ("期货交易场所，是指上海期货交易所、大连商品交易所。", "上海期货交易所", "指上海期货交易所"),  # a definition's verb
    ("派出机构可以责令期货公司更换拟任人员。", None, "责令期货公司"),   # an order's verb; 期货公司 is a kind
    ("责令暂停部分期货业务。", None, "部分期货"),                      # how much: no kind of futures
    ("依托国际化期货品种，为境外客户提供服务。", None, "国际化期货"),  # how open: no kind either
])
def test_definitions_orders_and_amounts_are_no_part_of_a_name(body, name, phrase):
    names = _names(body)
    assert phrase not in names
    assert name is None or name in names


@pytest.mark.parametrize("body, name, phrase", [
    ("贷款利率在合同签订日贷款市场报价利率基础上确定。", "贷款市场报价利率", "日贷款市场报价利率"),  # the day fixed on
    ("按到期日国债收益率曲线估值。", "国债收益率曲线", "日国债收益率曲线"),
    ("募集设立商品期货交易型开放式基金。", "商品期货交易型开放式基金", "型开放式基金"),  # 交易 before 型: an adjective
    ("借款利率不得低于同期限贷款市场报价利率。", None, "借款利率"),        # a loan's rate in general
    ("以沪深300指数等股票价格指数为标的。", "沪深300指数", "股票价格指数"),  # indices by kind
    # a generic word before a known name defined by its acronym leaves the known name
    ("探索发展行业交易型开放式指数基金（ETF）。", "交易型开放式指数基金", "行业交易型开放式指数基金"),
])
def test_dates_adjectives_and_kinds_of_rate_at_a_names_edge(body, name, phrase):
    names = _names(body)
    assert phrase not in names
    assert name is None or name in names


@pytest.mark.parametrize("body, name", [
    ("由山西省应急管理厅、浙江省应急管理厅负责。", "山西省应急管理厅"),        # 厅 heads no other name
    ("会同深圳市人力资源和社会保障局开展评价。", "深圳市人力资源和社会保障局"),  # 和 inside the name
    ("重庆市经济和信息化委员会牵头推进。", "重庆市经济和信息化委员会"),
    ("江苏省生态环境厅加强监管。", "江苏省生态环境厅"),
])
def test_a_local_government_department_is_named_with_its_place(body, name):
    assert _names(body).get(name) == "institution"


@pytest.mark.parametrize("body, phrase", [
    ("建设全国企业信用信息公示平台、检验检测平台，便利企业。", "检验检测平台"),    # short, plain: a kind
    ("建设全国医疗保障信息平台、省统筹区域全民健康信息平台。", "省统筹区域全民健康信息平台"),  # a province's own
])
def test_kinds_of_system_listed_after_a_launched_one_are_not_names(body, phrase):
    assert phrase not in _names(body)


@pytest.mark.parametrize("body, phrase", [
    ("搭建供需对接平台，促进交流。", "供需对接平台"),            # a kind of platform: short, no opener
    ("完善城市垃圾处理系统。", "城市垃圾处理系统"),
    ("建设外汇收支申报系统，按月报送数据。", "外汇收支申报系统"),  # built, not in use: short, no opener
    # 应当 and 按规定 cut a system's name: who must report to it is no part of it
    ("银行和保险机构应当按规定向保单登记信息管理系统报送信息。", "保险机构应当按规定向保单登记信息管理系统"),
])
def test_kinds_of_system_are_not_names(body, phrase):
    assert phrase not in _names(body)


@pytest.mark.parametrize("body, name", [
    ("鼓励开展林业机械融资租赁业务。", "林业机械融资租赁"),        # a leasing type: 融资租赁 with a kind
    ("探索用水权质押融资。", "用水权质押融资"),                    # a pledge financing type
    ("发展船舶担保融资。", "船舶担保融资"),
    ("推广安全生产责任险。", "安全生产责任险"),                    # 险 as the head of an insurance type
    ("支持发行小微企业集合债券。", "小微企业集合债券"),            # 集合 builds the name, it does not end it
    ("扩大汽车消费信贷。", "汽车消费信贷"),
])
def test_product_types_named_by_their_head_and_a_kind(body, name):
    assert _names(body).get(name) == "product"


@pytest.mark.parametrize("body, phrase", [
    ("防范化解金融风险。", "金融风险"),          # 风险 is not an insurance
    ("发展人身险业务。", "人身险"),              # a line of business, not a type
])
def test_product_heads_without_a_kind_are_not_names(body, phrase):
    assert phrase not in _names(body)


@pytest.mark.parametrize("body, name", [
    ("在全省推行企业投资项目“拿地即开工”。", "拿地即开工"),   # a launching verb earlier in the clause
    ("推动“容缺受理”改革。", "容缺受理"),                  # before a scheme word
    ("办好“一件事一次办”。", "一件事一次办"),              # a count
    ("办好“中国茶叶节”。", "中国茶叶节"),                  # an event's ending
])
def test_quoted_phrases_in_a_schemes_context_are_programmes(body, name):
    assert _names(body).get(name) == "programme"


@pytest.mark.parametrize("body, phrase", [
    ("打破部门之间的“数据烟囱”。", "数据烟囱"),           # a phenomenon
    ("坚决破除“唯论文”倾向。", "唯论文"),                 # a tendency
    ("做到“有求必应”。", "有求必应"),                     # a slogan
])
def test_quoted_phrases_with_no_scheme_context_are_not_names(body, phrase):
    assert phrase not in _names(body)


@pytest.mark.parametrize("body, name, found", [
    ("由国务院教育行政部门会同有关部门制定。", "国务院教育行政部门", True),   # a body named by its field
    ("报国务院税务主管部门备案。", "国务院税务主管部门", True),
    ("国务院有关部门要加强指导。", "国务院有关部门", False),                 # a quantifier, not a field
])
def test_state_council_bodies_named_by_their_field(body, name, found):
    assert (_names(body).get(name) == "institution") is found


@pytest.mark.parametrize("body, phrase", [
    ("制定年度工作计划，开展专项行动。", "专项行动"),     # a kind of scheme
    ("成立专家委员会。", "专家委员会"),                   # every body may have one
])
def test_kinds_of_scheme_and_body_are_not_names(body, phrase):
    assert phrase not in _names(body)


@pytest.mark.parametrize("body, name, kind", [
    ("在京津冀协同发展领导小组指导下推进。", "京津冀协同发展领导小组", "institution"),  # a known programme + head
    ("安排以工代赈资金支持。", "以工代赈资金", "programme"),
])
def test_a_known_name_before_a_head_is_its_modifier_whole(body, name, kind):
    assert _names(body).get(name) == kind


@pytest.mark.parametrize("body, name", [
    ("成立城镇社区配套托育设施治理工作小组，统筹推进。", "城镇社区配套托育设施治理工作小组"),  # remit with verbs, long
    ("国家组织医用耗材集中采购试点工作小组办公室要加强指导。", "国家组织医用耗材集中采购试点工作小组办公室"),  # opener
    ("把试点工作纳入国家海洋经济示范区部际协调小组统筹推进。", "国家海洋经济示范区部际协调小组"),  # after 纳入
    # an inter-ministerial body is national whatever its remit's length, and its role ends it (作用)
    ("建立大豆振兴部际联席会议制度。", "大豆振兴部际联席会议"),
    ("发挥沿线环境治理部际联席会议作用。", "沿线环境治理部际联席会议"),
])
def test_coordination_bodies_named_by_their_remit(body, name):
    assert _names(body).get(name) == "institution"


@pytest.mark.parametrize("body, name, found", [
    ("支持石河子高新技术产业开发区建设。", "石河子高新技术产业开发区", True),  # a division's name without 市
    ("把评估结果开发区纳入考核。", "结果开发区", False),                      # no place: not a zone
    ("推进东北森林带建设。", "东北森林带", True),                              # ecological belts need no place
])
def test_zones_are_named_after_a_place(body, name, found):
    assert (name in _names(body)) is found


@pytest.mark.parametrize("body, name, found", [
    ("推进国家医药集中招标采购研究中心建设。", "国家医药集中招标采购研究中心", True),  # verbs inside, a national opener
    ("设立国家排污权交易中心。", "国家排污权交易中心", True),
    ("由国家中小学教材指导委员会审定。", "国家中小学教材指导委员会", True),   # 指导 stands inside names of bodies
    ("浙江实行林区保护研究中心建设。", "浙江实行林区保护研究中心", False),  # beyond a verb a place does not open it
])
def test_a_national_opener_beyond_verbs_starts_a_name(body, name, found):
    assert (name in _names(body)) is found


def test_a_defined_name_starts_after_the_known_body_that_forms_it():
    names = _names("由财政部、教育部组成助学贷款风险补偿协调委员会（以下简称协调委员会），协调委员会每年报告。")
    assert names.get("助学贷款风险补偿协调委员会") == "institution"
    assert "教育部组成助学贷款风险补偿协调委员会" not in names


@pytest.mark.parametrize("body, name, phrase", [
    ("实施8项流域保护重点工程。", "流域保护重点工程", "8项流域保护重点工程"),            # a count before a launched name
    ("按照上一月最后一日人民币汇率中间价折算。", "人民币汇率中间价", "最后一日人民币汇率中间价"),  # a count ends the walk
    ("省防汛应急工作指挥部下设办公室，负责日常工作。", None, "省防汛应急工作指挥部下设办公室"),  # a body beyond a verb
    ("下调5年期以上贷款市场报价利率。", "5年期以上贷款市场报价利率", "以上贷款市场报价利率"),  # the tenor and its bound, whole
])
def test_counts_and_verbs_end_names(body, name, phrase):
    names = _names(body)
    assert phrase not in names
    assert name is None or name in names


@pytest.mark.parametrize("body, phrase", [
    ("加强潮白河通州段治理。", "潮白河通"),                       # 通州 is a place, not a …通 scheme
    ("开展辖县级市考核。", "辖县级市"),                          # kinds of city, however stacked
])
def test_words_that_only_look_like_heads(body, phrase):
    assert phrase not in _names(body)


def test_an_ordinary_word_ending_like_a_loose_head_does_not_end_a_name():
    # 交通 is a word, not a …通 scheme: the walk from 大学 goes on over it to the university's place
    names = _names("支持北京交通大学、西南交通大学开展交通规划研究。")
    assert names.get("北京交通大学") == names.get("西南交通大学") == "institution"


@pytest.mark.parametrize("body, name, phrase", [
    ("数据按日反映债券通运行情况。", "债券通", "反映债券通"),        # a verb before the scheme ends it
    ("适时扩展互换通的参与机构。", "互换通", "扩展互换通"),          # 互换 right before 通 is the scheme's own
    ("稳步推进跨境理财通试点。", "跨境理财通", "推进跨境理财通"),
])
def test_a_loose_heads_name_ends_at_a_verb_but_keeps_its_own(body, name, phrase):
    names = _names(body)
    assert names.get(name) == "programme" and phrase not in names


def test_a_listed_item_opened_by_a_preposition_is_not_a_name():
    names = _names("重点治理京津冀、长三角、在东北等地区，在新疆、和田地区开展试点。")
    assert "在东北" not in names
    assert names.get("和田地区") == "place"   # 和田 is a word, not 和 + 田


@pytest.mark.parametrize("body, name, kind", [
    ("浙江省委要统筹推进。", "浙江省委", "institution"),              # a provincial Party committee after a place
    ("建设大熊猫国家公园。", "大熊猫国家公园", "place"),               # national parks are places
])
def test_party_committees_and_national_parks(body, name, kind):
    assert _names(body).get(name) == kind


@pytest.mark.parametrize("body, name, kind", [
    ("开展出口信用保险业务。", "出口信用保险", "product"),      # a known name before jieba's 保险业务
    ("发展渔业保险业务。", "渔业保险", "product"),              # a head name before it, 保险|业 no blocker
    ("鼓励开发相关环境保险产品。", "环境保险", "product"),          # jieba's 保险产品 does not hold the head
    ("推进自贸试验区银行业务创新。", "自贸试验区银行", None),   # 银行业务 is banking: no bank is named
])
def test_business_after_a_product_continues_its_name(body, name, kind):
    assert _names(body).get(name) == kind


def test_one_lenders_loans_are_not_a_loan_type():
    assert "中国工商银行贷款" not in _names("归还中国工商银行贷款。")


@pytest.mark.parametrize("body, name", [
    ("推广用水权质押融资。", "用水权质押融资"),              # a verb before 权 names a right, inside the name
    ("研发文化演出类消费信贷产品。", "消费信贷"),              # a name starts after the classifier 类
    ("发展保障性租赁住房贷款。", "保障性租赁住房贷款"),        # a verb before 性 makes an adjective, inside the name
])
def test_rights_and_classifiers_in_product_names(body, name):
    assert _names(body).get(name) == "product"


@pytest.mark.parametrize("body, expected, absent", [
    # a verb runs into the head 行动: 实行|动态 holds no campaign
    ("对各类许可事项实行动态管理。", {}, "许可事项实行动"),
    # a word runs on past the single-character head 行 (a bank): 行业 is no bank
    ("推动大部分行业加快数字化转型。", {}, "大部分行"),
    # a known place holds the connect-programme head 通: a province and a city, not a scheme
    ("福建省南通市推行综合执法改革。", {"福建省": "place", "南通市": "place"}, "福建省南通"),
])
def test_a_head_inside_a_word_is_no_head(body, expected, absent):
    names = _names(body)
    assert absent not in names
    assert all(names.get(name) == kind for name, kind in expected.items())


def test_a_head_at_the_end_of_a_compound_still_ends_a_name():
    # 某某证券交易所 is one word to jieba, yet the head 交易所 still ends the longer name
    assert _names("支持新加坡证券交易所与上海证券交易所开展合作。").get("新加坡证券交易所") == "institution"


@pytest.mark.parametrize("body, name", [
    ("遇到的重要情况及时报司法部。", "司法部"),           # 及时|报: 时报 is a word, but not here
    ("办公室主任由国家铁路局有关负责同志兼任。", "国家铁路局"),  # 主任|由: 任由 is a word, but not here
    ("补助资金由天津市商国家计委下达。", "国家计委"),               # 商 (to consult) is a verb here
])
def test_a_one_character_stop_word_stays_a_stop_where_jieba_cuts_it_off(body, name):
    names = _names(body)
    assert names.get(name) == "institution"
    assert [n for n in names if n.endswith(name)] == [name]


@pytest.mark.parametrize("body, name", [
    ("要深化医保支付方式改革，建立结余留用机制。", "医保支付方式改革"),   # holds the verb 支付
    ("稳步推进乡村集体林权制度改革。", "乡村集体林权制度改革"),
    ("持续深化公立医院薪酬制度改革。", "公立医院薪酬制度改革"),   # 公立 is a verb to jieba, but not here
])
def test_a_reform_is_named_from_the_verb_that_carries_it_forward(body, name):
    assert _names(body).get(name) == "programme"


@pytest.mark.parametrize("body, name", [
    ("今年试行两项做法：林地经营权流转改革、水权交易改革。", "林地经营权流转改革"),   # an item of a list
    ("以水电价格形成机制改革为抓手，理顺关系。", "水电价格形成机制改革"),           # 以…为: the means
    ("各地要支持县级医院人事薪酬改革。", "县级医院人事薪酬改革"),
    ("把甲市、乙县高新区建设成为科技体制改革和创新政策试验区。", None),   # 建设成为 cuts; 科技体制 is generic
])
def test_a_reform_is_named_as_an_item_or_an_aim(body, name):
    reforms = [n for n, kind in _names(body).items() if kind == "programme" and n.endswith("改革")]
    assert reforms == ([name] if name else [])


@pytest.mark.parametrize("body, name", [
    ("本省实行森林防火目标责任制。", "森林防火目标责任制"),
    ("加快推行排污单位环境信用评价制度。", "排污单位环境信用评价制度"),
    ("建立健全公共数据开放共享管理制度。", None),   # 建立 builds a system described, not named
])
def test_a_system_of_rules_is_named_after_the_verb_that_puts_it_in_force(body, name):
    systems = [n for n, kind in _names(body).items() if kind == "programme"]
    assert systems == ([name] if name else [])


@pytest.mark.parametrize("body, name", [
    ("毕业后可申领技能人才培养补贴。", "技能人才培养补贴"),    # holds the verb 培养
    ("对在岗人员给予乡村教师生活补助。", "乡村教师生活补助"),
    ("按规定给予一次性补贴。", None),                          # a kind of payment, not a named subsidy
])
def test_a_subsidy_is_named_after_the_verb_that_grants_or_claims_it(body, name):
    subsidies = [n for n, kind in _names(body).items() if kind == "programme"]
    assert subsidies == ([name] if name else [])


@pytest.mark.parametrize("body, name", [
    ("参考国内白银收购价格确定。", "国内白银收购价格"),     # a price a body sets
    ("国际市场原油价格波动加大。", "国际市场原油价格"),     # a commodity quoted on markets
    ("提升上海金融市场价格影响力。", None),                 # the market at large
    ("降低药品价格。", None),
])
def test_a_price_is_a_benchmark_where_it_is_a_quoted_reference(body, name):
    benchmarks = [n for n, kind in _names(body).items() if kind == "benchmark"]
    assert benchmarks == ([name] if name else [])


@pytest.mark.parametrize("body, item, kind", [
    ("支持浦东新区、甲桥、乙江等区域率先试点。", "甲桥", "place"),   # places are listed by bare name
    ("加快沪港通、甲市旅游、港口物流等工作。", "甲市旅游", None),   # a programme's neighbours are tasks
])
def test_an_item_listed_beside_a_known_place_takes_its_type_but_not_beside_a_programme(body, item, kind):
    assert _names(body).get(item) == kind


@pytest.mark.parametrize("body, name", [
    ("支持举办长三角金融科技年会。", "长三角金融科技年会"),     # a recurring event
    ("办好中国西部农产品交易会。", "中国西部农产品交易会"),
    ("办好全国节能宣传周。", "全国节能宣传周"),
    ("打好长江保护修复攻坚战。", "长江保护修复攻坚战"),          # a named campaign
    ("开展全国污染源普查。", "全国污染源普查"),                  # a national census (its round, where written, is in its name)
    ("坚决打赢脱贫攻坚战。", None),                              # a watchword
    ("开展森林资源普查。", None),                                # a survey of a field
    ("召开全国金融工作大会。", None),                          # a meeting held once
])
def test_a_recurring_event_is_a_programme(body, name):
    events = [n for n, kind in _names(body).items() if kind == "programme"]
    assert events == ([name] if name else [])


@pytest.mark.parametrize("body, name, absent", [
    # a national opener: 和 joins parts of one register's name
    ("建立全国水利工程管理人员和运行维护人员数据库。", "全国水利工程管理人员和运行维护人员数据库", "运行维护人员数据库"),
    # a place opener may be followed by verbs: 和 still cuts there
    ("推动浦东依法开设私募股权和创业投资份额转让平台。", None, "浦东依法开设私募股权和创业投资份额转让平台"),
])
def test_a_coordinator_inside_a_nationally_opened_launched_name_joins_its_parts(body, name, absent):
    names = _names(body)
    assert (name is None or names.get(name) == "institution") and absent not in names


@pytest.mark.parametrize("body, name", [
    ("国家建立电子病历共享服务系统，实现互认。", "电子病历共享服务系统"),   # the one the nation builds
    ("推动建立全国统一的消费者维权服务平台。", "消费者维权服务平台"),       # the one all share
    ("国家推动建立统一规范的渔船动态监控系统。", "渔船动态监控系统"),       # its longest form
    ("各部门依托国家统一建立的在线监管系统，共享信息。", "在线监管系统"),     # modifier of common words; 在 opens 在线
    ("依托全国统一的在线监管平台，开展抽查。", "在线监管平台"),
    ("各地建立电子病历共享服务系统。", None),                                # one of many: a kind
    ("在市政府统一的政务审批平台上并联审批。", None),                        # a local government's own
])
def test_the_one_system_the_whole_country_shares_is_named(body, name):
    systems = [n for n, kind in _names(body).items() if kind == "institution" and n.endswith(("系统", "平台"))]
    assert systems == ([name] if name else [])


@pytest.mark.parametrize("body, name", [
    ("建设国际物流运力供需对接平台，推动外贸企业对接。", "国际物流运力供需对接平台"),  # 对接 before 平台 is the platform's
    ("建设全国创业投资项目信息对接平台，面向机构开放。", "全国创业投资项目信息对接平台"),  # the nation's, plain words
    ("推动全国碳市场管理平台与登记系统对接。", "全国碳市场管理平台"),
    ("建设债券市场跨境监管信息共享系统，实现信息共享。", "债券市场跨境监管信息共享系统"),  # plain but long
    ("搭建跨境监管信息共享系统，实现共享。", None),                                    # plain and short: a kind
    ("深化国家科技改革，推进创新。", None),                                            # the nation's field, no name
])
def test_platforms_named_in_plain_words(body, name):
    found = [n for n, kind in _names(body).items() if kind in ("institution", "programme") and len(n) >= 6]
    assert found == ([name] if name else [])


@pytest.mark.parametrize("body, name", [
    ("落实乡村教师支持计划，补齐短板。", "乡村教师支持计划"),
    ("启动实施中国特色高水平农业院校和学科建设计划。", "中国特色高水平农业院校和学科建设计划"),  # 和 inside
    ("落实年度工作计划。", None),                          # 年度, 工作: a plan of work, not a named one
    ("培育公共数据资源授权运营试点。", "公共数据资源授权运营试点"),        # verbs inside: 授权, 运营
    ("扩大跨境贸易投资高水平开放试点。", "跨境贸易投资高水平开放试点"),
    ("扩大试点范围。", None),
    ("开展居家和社区基本养老服务提升行动。", "居家和社区基本养老服务提升行动"),  # a word before 和, not a name
    ("开展生态文明示范创建活动。", "生态文明示范创建活动"),             # a campaign of designations
    ("开展体育竞赛交流活动。", None),                                    # activities of a kind
])
def test_a_programme_is_named_after_the_verb_that_carries_it_out(body, name):
    programmes = [n for n, kind in _names(body).items() if kind == "programme"]
    assert programmes == ([name] if name else [])


@pytest.mark.parametrize("body, phrase", [
    ("安排中央财政补助资金。", "中央财政补助资金"),   # the centre's money in general
    ("下达年度中央财政资金。", "年度中央财政资金"),
])
def test_the_centres_money_in_general_is_no_named_fund(body, phrase):
    assert phrase not in _names(body)


@pytest.mark.parametrize("body, first, second", [
    ("实施乡村教师支持计划和乡村医生培养计划。", "乡村教师支持计划", "乡村医生培养计划"),
    ("深化医保支付方式改革和公立医院薪酬制度改革。", "医保支付方式改革", "公立医院薪酬制度改革"),
])
def test_two_launched_names_joined_by_a_coordinator_are_two_names(body, first, second):
    names = _names(body)
    assert names.get(first) == names.get(second) == "programme"
    assert not any(first in n and second in n for n in names)


@pytest.mark.parametrize("body, phrase", [
    ("依法向市级人民法院提起诉讼。", "市级人民法院"),   # a court by level, not a named court
    ("校门口的小卖部不得销售。", "小卖部"),             # a tuck shop, not a ministry
])
def test_bodies_by_level_and_ordinary_words_are_not_named(body, phrase):
    assert phrase not in _names(body)


@pytest.mark.parametrize("body, name, place", [
    ("河北省保定市创新城乡供水一体化管护试点。", "城乡供水一体化管护试点", "保定市"),  # 保定市|创新: the city acts
    ("设立上海市服务业发展引导资金。", "上海市服务业发展引导资金", None),               # 服务业 is a noun
])
def test_a_city_that_acts_on_a_scheme_is_no_part_of_its_name(body, name, place):
    names = _names(body)
    assert names.get(name) == "programme"
    assert place is None or names.get(place) == "place"


@pytest.mark.parametrize("body, name", [
    ("由国家信息中心和中国疾病预防控制中心负责。", "国家信息中心"),
    ("由国家信息中心和中国疾病预防控制中心负责。", "中国疾病预防控制中心"),
    ("由中国环境监测总站负责。", "中国环境监测总站"),
    ("加快建设上海国际金融中心。", None),      # a goal, not a body
    ("完善社区活动中心。", None),
])
def test_a_bare_centre_is_a_body_under_a_national_name(body, name):
    centres = [n for n, kind in _names(body).items() if kind == "institution" and n.endswith(("中心", "总站"))]
    assert name in centres if name else centres == []


@pytest.mark.parametrize("body, name", [
    ("实施湿地生态系统保护和修复重大工程。", "湿地生态系统保护和修复重大工程"),   # two actions joined: one name
    ("实施城市更新和老旧小区改造工程。", "老旧小区改造工程"),             # a noun after 和: a name of its own
])
def test_verbs_joined_by_a_coordinator_stay_inside_a_launched_name(body, name):
    programmes = [n for n, kind in _names(body).items() if kind == "programme"]
    assert programmes == [name]


@pytest.mark.parametrize("body, phrase", [
    ("持续深化金融改革。", "金融改革"),                          # a generic field
    ("深入推进债券市场建设并试点发行制改革。", "试点发行制改革"),  # a second verb: no name of four characters
])
def test_a_reform_needs_a_specific_name(body, phrase):
    assert not any(phrase in name for name in _names(body))


@pytest.mark.parametrize("body, expected, absent", [
    # an ordinal of sessions is not part of the body's name
    ("该法已由第十三届全国人民代表大会常务委员会审议通过。", "全国人民代表大会常务委员会", "第十三届"),
    # a definition's lead (本办法所称) is not part of the name it defines
    ("本细则所称首套个人住房贷款是指借款人购买首套住房的贷款。", "首套个人住房贷款", "细则所称"),
])
def test_names_do_not_take_in_ordinals_or_definition_leads(body, expected, absent):
    names = _names(body)
    assert expected in names
    assert not any(absent in name for name in names)


@pytest.mark.parametrize("body, kind", [
    ("在新城建设和老城改造中同步建设污水管网。", None),   # 新 starts the word 新城: no 新疆 here
    ("支持在沪金融机构开展跨境业务。", "place"),          # 在|沪|金融机构: Shanghai
])
def test_a_place_abbreviation_only_where_it_ends_a_word(body, kind):
    found = {n: t for n, t in _names(body).items() if len(n) == 1}
    assert list(found.values()) == ([kind] if kind else [])


@pytest.mark.parametrize("body, phrase", [
    ("指导村民委员会开展人居环境整治。", "村民委员会"),       # every village has one
    ("电视台设立艺术委员会负责节目审查。", "艺术委员会"),
])
def test_kinds_of_committee_are_not_names(body, phrase):
    assert phrase not in _names(body)


@pytest.mark.parametrize("body, expected", [
    # a zone's name does not take in its province: two adjacent names
    ("青海省柴达木循环经济试验区加快转型。", {"青海省": "place", "柴达木循环经济试验区": "place"}),
    # a free trade zone's area (片区) is a place of its own after the zone
    ("河南自贸试验区洛阳片区开展改革试点。", {"洛阳片区": "place"}),
    # a city, then 试点 as a verb: no pilot named after the city
    ("湖南省岳阳市试点容缺受理。", {"湖南省": "place", "岳阳市": "place"}),
])
def test_places_before_zones_and_pilots_stand_alone(body, expected):
    names = _names(body)
    assert {n: names.get(n) for n in expected} == expected
    assert not any(n.startswith(tuple(expected)) and n not in expected for n in names)


@pytest.mark.parametrize("body, name", [
    ("大力发展“互联网+养老服务”，方便老年人。", "互联网+养老服务"),
    ("推行“互联网＋明厨亮灶”监管。", "互联网＋明厨亮灶"),
])
def test_schemes_of_the_internet_plus_family_are_programmes(body, name):
    assert _names(body).get(name) == "programme"


def test_other_phrases_joined_by_plus_are_not_taken_as_schemes():
    assert not any("+" in name for name in _names("探索“园区+基金+企业”合作方式。"))


def test_a_quoted_scheme_may_read_as_a_sentence_before_a_scheme_word():
    assert _names("推广“办事不出村”改革经验。").get("办事不出村") == "programme"
    assert "办事不出村" not in _names("努力做到群众“办事不出村”，提高满意度。")


@pytest.mark.parametrize("body, name", [
    ("各地区政府要加强组织领导。", "各地区政府"),          # 地区 ends in 区 but names no district
    ("由项目所在城区人民政府负责。", "所在城区人民政府"),
])
def test_a_government_needs_a_named_place(body, name):
    assert not any(name in found or found in name for found in _names(body) if found.endswith("政府"))


def test_what_special_mention_adds_to_a_launched_scheme_is_not_its_name():
    names = _names("深入实施海外高层次人才引进计划特别是青年项目。")
    assert not any(name.endswith("青年项目") for name in names)


@pytest.mark.parametrize("body, name", [
    ("实施新一轮城乡供水提升改造工程。", "城乡供水提升改造工程"),     # 新一轮 is when, not which
    ("坚决不搞劳民伤财的形象工程。", None),                              # 不 negates
])
def test_time_words_and_negation_stay_out_of_scheme_names(body, name):
    names = _names(body)
    if name is None:
        assert not any(n.endswith("工程") for n in names)
    else:
        assert names.get(name) == "programme"
        assert not any(n != name and n.endswith(name) for n in names)


def test_a_verb_before_a_fund_is_not_its_name():
    assert not any(n.startswith("盘活") for n in _names("各地要盘活专项债券结余资金。"))


@pytest.mark.parametrize("body, phrase", [
    ("着力解决“数据烟囱”等问题。", "数据烟囱"),
    ("严禁“刷单炒信”等行为。", "刷单炒信"),
    ("借鉴“旋转门”等国际经验。", "旋转门"),
])
def test_a_quoted_phrase_listed_among_problems_is_no_scheme(body, phrase):
    assert phrase not in _names(body)


@pytest.mark.parametrize("body, name", [
    ("鼓励社会资本设立海洋经济产业投资基金。", "海洋经济产业投资基金"),   # a field makes a known fund type a kind of it
    ("支持设立文化旅游产业投资基金。", "文化旅游产业投资基金"),
    ("支持发行绿色公司信用类债券。", "绿色公司信用类债券"),             # 绿色 makes a kind of a known bond type
    ("支持企业发行公司信用类债券。", "公司信用类债券"),
])
def test_a_modifier_before_a_known_fund_or_bond_type_names_a_kind_of_it(body, name):
    assert _names(body).get(name) == "product"


def test_a_count_before_a_known_fund_type_is_not_part_of_it():
    names = _names("引导设立第二期产业投资基金。")
    assert names.get("产业投资基金") == "product"
    assert not any(n != "产业投资基金" and n.endswith("产业投资基金") for n in names)


def test_a_place_before_a_fund_names_one_fund_not_a_kind():
    assert _names("推动设立长三角产业投资基金。").get("长三角产业投资基金") == "institution"


def test_a_run_in_heading_word_does_not_name_a_joint_meeting():
    # a heading without punctuation (二、成员单位) run into its body (联席会议由…组成)
    names = _names("二、成员单位联席会议由财政部、商务部组成。")
    assert not any(n.endswith("联席会议") for n in names)
    assert names.get("财政部") == "institution"


def test_a_preposition_does_not_open_a_name():
    assert "地区除民生工程" not in _names("各地区除民生工程外一律暂停新开工项目。")   # 除: except


@pytest.mark.parametrize("body, phrase", [
    ("引导金融机构合理确定贷款利率。", "贷款利率"),   # a rate in general, not a reference rate
    ("推进跨省市协同治理。", "跨省市"),
])
def test_rates_in_general_and_cross_province_are_not_names(body, phrase):
    assert phrase not in _names(body)


@pytest.mark.parametrize("body", ["稳妥处置高风险中小银行。", "有序处置问题银行风险。"])
def test_banks_by_their_condition_are_a_category(body):
    assert not any(name.endswith("银行") for name in _names(body))


def test_everyone_in_a_duty_note_is_no_body():
    names = _names("做好政策衔接。（国务院办公厅牵头，各地区各部门负责）")
    assert names.get("国务院办公厅") == "institution"
    assert not any("部门" in name for name in names)


def test_a_sector_before_a_known_product_leaves_it_the_name():
    names = _names("探索发展行业交易型开放式指数基金（ETF）期权。")
    assert names.get("交易型开放式指数基金") == "product"
    assert not any(name.startswith("行业") for name in names)


def test_half_width_punctuation_bounds_names_as_full_width_does():
    # a copy with half-width marks: the comma, semicolon and quotes bound the names, and each
    # mention keeps the document's own characters
    body = ('支持人民币跨境支付系统(CIPS)扩大覆盖面,推动上海清算所;深化"证明事项告知承诺制"改革。')
    extraction_ = extraction(body)
    surfaces = {m.surface: m.type for m in extraction_.mentions}
    assert surfaces.get("上海清算所") == "institution"
    assert surfaces.get("人民币跨境支付系统") == "institution" and surfaces.get("CIPS") == "institution"
    assert surfaces.get("证明事项告知承诺制") == "programme"
    text = extraction_.document.text
    assert all(text[m.start:m.end] == m.surface for m in extraction_.mentions)
    assert _names(body.replace(",", "，").replace(";", "；")) == surfaces



def test_an_acronym_names_what_stands_before_it_not_the_clause():
    names = _names("境外机构可通过合格境外机构投资者（QFII）投资。")
    assert names.get("合格境外机构投资者") == "programme" and names.get("QFII") == "programme"
    assert not [n for n in names if n.startswith("境外机构")]


def test_an_acronym_names_a_framework_by_how_it_ends():
    names = _names("在宏观审慎评估（MPA）中加强考核。")
    assert names.get("宏观审慎评估") == "programme" and names.get("MPA") == "programme"


def test_a_central_bank_s_list_of_addressees_names_only_its_bodies():
    names = _names("中国人民银行上海总部，各分行、营业管理部，各省会（首府）城市中心支行，各副省级城市中心支行；"
                   "国家外汇管理局各省、自治区、直辖市、计划单列市分局；各国有商业银行要加强协作。")
    assert set(names) - {"国务院"} == {"中国人民银行上海总部", "国家外汇管理局"}  # 国务院: the test title


def test_a_cash_pool_is_no_fund():
    assert not [n for n in _names("鼓励开展人民币跨境双向资金池业务。") if n.endswith("资金")]


@pytest.mark.parametrize("body, name, longer", [
    # lines run together (a members' list, an attachment's heading and its signature): a central
    # body's known name is a name of its own behind whatever ended the line before
    ("成员：某某市副市长张某某国家铁路局副局长李某某", "国家铁路局", "李某某国家铁路局"),
    ("改革举措推广清单国务院办公厅将适时督查。", "国务院办公厅", "推广清单国务院办公厅"),
    ("部际联席会议成员：交通运输部副部长王某某水利部副部长赵某某", "水利部", "王某某水利部"),
])
def test_a_central_body_run_on_after_other_words_is_its_own_name(body, name, longer):
    names = _names(body)
    assert names.get(name) == "institution"
    assert not [n for n in names if n.endswith(name) and n != name]


def test_a_local_body_behind_its_place_keeps_the_place():
    names = _names("临江市财政局会同省财政厅做好资金保障。")
    assert not [n for n in names if n in ("财政局", "财政厅")]


@pytest.mark.parametrize("body, name, kind", [
    ("鼓励银行积极支持应收账款质押贷款。", "应收账款质押贷款", "product"),  # 应收 is no verb that ends it
    ("用好普惠小微信用贷款支持计划。", "普惠小微信用贷款支持计划", "programme"),  # …支持计划 is a scheme's head
    ("扩大民营企业债券融资支持工具的规模。", "民营企业债券融资支持工具", "programme"),
])
def test_finance_names_holding_verbs(body, name, kind):
    assert _names(body).get(name) == kind


def test_a_service_hall_named_with_its_place_is_a_body():
    assert _names("上海市政务服务中心负责受理。").get("上海市政务服务中心") == "institution"


@pytest.mark.parametrize("body, name", [
    ("推进生态文明建设试点，探索有效模式。", "生态文明建设试点"),        # 推进 launches a pilot as 开展 does
    ("进行土壤污染治理与修复试点示范。", "土壤污染治理与修复试点示范"),
])
def test_pilots_carried_forward_are_named_after_the_verb(body, name):
    assert _names(body).get(name) == "programme"


def test_a_noun_made_of_a_verb_after_a_coordinator_starts_another_name():
    # 注册制 is a system, not an action joined to 建设: the pilot is no one name with 科创板建设
    assert not [n for n in _names("推进科创板建设和注册制改革试点。") if n.startswith("科创板建设")]


@pytest.mark.parametrize("body, name", [
    ("广州南沙开发建设集团有限公司负责实施。", "广州南沙开发建设集团有限公司"),  # a city and its district name a firm
    ("由北京中关村发展集团股份有限公司负责。", "北京中关村发展集团股份有限公司"),
    ("由中国邮政集团电子商务部负责运营。", "中国邮政集团电子商务部"),   # 电子|商务部 is no ministry
    ("国家电力调度控制中心负责调度。", "国家电力调度控制中心"),         # 调度 inside a body's name
])
def test_names_that_hold_places_verbs_or_a_ministry_name_stay_whole(body, name):
    names = _names(body)
    assert names.get(name) == "institution"
    assert "商务部" not in names


@pytest.mark.parametrize("body, phrase", [
    ("加快推进交通基础设施重大项目。", "交通基础设施重大项目"),   # 推进 carries pilots, not projects
    ("完善结构性货币政策支持工具。", "结构性货币政策支持工具"),   # a kind of tool
    ("落实“是什么”的要求。", "是什么"),                        # launched, but a sentence
    ("坚持和落实“房住不炒”定位。", "房住不炒"),                  # a principle
    ("由上海社科院牵头。", "社科院"),                            # a city's academy, not CASS
])
def test_categories_and_principles_launched_are_no_names(body, phrase):
    found = _names(body)
    assert phrase not in found
    assert "中国社会科学院" not in found


def test_a_verb_before_zhidu_joined_by_a_coordinator_stays_in_the_name():
    assert _names("开展自然资源保护和修复制度改革试点。").get("自然资源保护和修复制度改革试点") == "programme"


def test_a_name_whose_walk_stopped_inside_a_known_name_starts_with_it():
    # 郑商|所: 商 reads as a verb ("consult"); the platform is the exchange's own
    found = _names("升级郑商所综合业务平台。")
    assert found.get("郑商所综合业务平台") == "institution"
    assert not [n for n in found if n.startswith("所")]


@pytest.mark.parametrize("body, phrase", [
    ("企业应及时报告所在地外汇分局。", "所在地外汇分局"),   # an unnamed place's body
    ("鼓励辖内银行优化服务。", "辖内银行"),
    ("支持企业通过手机银行办理结汇。", "手机银行"),          # a channel every bank runs, not a bank
])
def test_the_bodies_of_an_unnamed_place_and_banking_channels_are_no_names(body, phrase):
    found = _names(body)
    assert phrase not in found and not [n for n in found if n.endswith(phrase[-2:])]


def test_a_numbered_label_run_into_the_text_is_no_part_of_a_name():
    # one-line text: the label （十二） follows the previous heading; 压实 is a verb jieba calls a noun
    names = _names("五、强化保障（十二）压实银行主体责任。上海银行要加强管理。")
    assert not [n for n in names if "（" in n or n.startswith("压实")]
    assert names.get("上海银行") == "institution"


@pytest.mark.parametrize("body, owner, name", [
    ("支持上海黄金交易所国际板引入境外会员。", "上海黄金交易所", "国际板"),
    ("支持上交所科创板服务科技企业。", "上交所", "科创板"),
])
def test_a_board_after_its_exchange_is_a_name_of_its_own(body, owner, name):
    # adjacent names are separate mentions (annotation guide), also where the lexicon knows both
    found = _names(body)
    assert owner in found and name in found


def test_a_name_that_modifies_a_noun_inside_one_word_is_found():
    # jieba reads 东盟国家 as one word, and 盟国 crosses the name's edge: the name modifies 国家
    assert _names("深化与东盟国家的金融合作。").get("东盟") == "institution"


def test_quoted_principles_are_no_schemes():
    # a quoted phrase followed by 原则 is a principle: neither it nor the quotes listed with it name a scheme
    found = _names("银行要落实“了解你的客户”“尽职审查”原则，推行“一网通办”。")
    assert "尽职审查" not in found and "了解你的客户" not in found and found.get("一网通办") == "programme"


def test_a_learned_society_is_an_institution_and_a_back_payment_no_name():
    found = _names("支持中国保险学会开展研究，引导灵活就业人员补缴养老保险。")
    assert found.get("中国保险学会") == "institution"
    assert not [n for n in found if n.startswith("补缴")]


def test_a_csi_body_with_a_verb_in_its_name_is_found_whole():
    # 增进 is a verb; 中证 opens the name as 中国 would
    assert _names("鼓励中证信用增进股份有限公司提供增信服务。").get("中证信用增进股份有限公司") == "institution"



def test_a_pilot_of_a_known_scheme_is_that_scheme():
    # QFLP is a scheme already: its pilot names no new programme
    names = _names("扩大QFLP试点范围。")
    assert names.get("QFLP") == "programme" and "QFLP试点" not in names


@pytest.mark.parametrize("body, place, designation", [
    ("支持合肥、嘉兴科创金融改革试验区建设。", "嘉兴", "科创金融改革试验区"),
    ("总结浙江台州小微企业金融服务改革创新试验区经验。", "台州", "小微企业金融服务改革创新试验区"),
])
def test_a_place_before_a_designation_of_many_places_is_its_own_name(body, place, designation):
    names = _names(body)
    assert names.get(place) == "place" and names.get(designation) == "programme"


def test_a_platform_named_is_safes_one_a_platform_described_is_none():
    assert _names("推广跨境金融服务平台应用场景。").get("跨境金融服务平台") == "institution"
    assert "跨境金融服务平台" not in _names("打造立足湾区、面向世界的跨境金融服务平台。")


def test_the_crop_an_insurance_covers_is_no_part_of_its_kind():
    names = _names("全面落实三大粮食作物完全成本保险政策，推出玉米期货。")
    assert names.get("完全成本保险") == "product" and names.get("玉米期货") == "product"
    assert "三大粮食作物完全成本保险" not in names


def test_before_a_fund_the_crop_names_its_kind():
    # what an insurance covers is no part of its kind, but a fund for grain is a kind of fund
    names = _names("鼓励设立粮食产业投资基金，支持三大粮食作物完全成本保险扩面。")
    assert names.get("粮食产业投资基金") == "product" and names.get("完全成本保险") == "product"
    assert "产业投资基金" not in names


@pytest.mark.parametrize("body, absent, present", [
    # a place before a soft stop names the firms that act, not the product (only 国家… opens one there)
    ("支持前海合作区内保险机构开发航运保险产品。", "前海合作区内保险机构开发航运保险", "航运保险"),
    # a known body before a verb is who acts
    ("推动深圳证券交易所建设世界一流交易所。", "深圳证券交易所建设世界一流交易所", "深圳证券交易所"),
    # what is brought into a scheme is no part of its name
    ("推动宽基ETF纳入沪深港通标的范围。", "宽基ETF纳入沪深港通", "宽基ETF"),
    ("将家政服务纳入职业技能培训补贴范围。", "家政服务纳入职业技能培训补贴", "职业技能培训补贴"),
])
def test_who_acts_or_what_is_moved_is_no_part_of_the_name(body, absent, present):
    names = _names(body)
    assert absent not in names and present in names


@pytest.mark.parametrize("body, actor, name", [
    # a body the lexicon does not know, before a verb of building, is who builds the name after it
    ("依托国家信息中心建设全国能源数据共享调度平台。", "国家信息中心", "全国能源数据共享调度平台"),
    ("推动保险公司共建全国渔业保险信息管理平台。", "保险公司", "全国渔业保险信息管理平台"),
    ("实施金融资产投资公司参与先进制造业集群培育行动。", "金融资产投资公司", "先进制造业集群培育行动"),
    # in the head walk: the body before a soft stop apart from the head acts
    ("由西部人民医院建设国家区域医疗中心。", "西部人民医院", "国家区域医疗中心"),
])
def test_a_body_not_known_acts_on_the_name_after_its_verb(body, actor, name):
    found = _names(body)
    assert name in found and not [n for n in found if n != name and n.endswith(name)], found
    assert not [n for n in found if actor in n and n != actor], found


@pytest.mark.parametrize("body, name", [
    ("成立国家医学中心建设部际联席会议。", "国家医学中心建设部际联席会议"),  # the body named for the work
    ("由国家卫生健康委医院管理研究所负责。", "国家卫生健康委医院管理研究所"),  # a soft stop right before the head
])
def test_a_body_named_for_a_work_on_another_body_stays_whole(body, name):
    assert name in _names(body)


def test_the_verb_that_opens_a_body_s_remit_is_part_of_its_name():
    names = _names("在推进海南全面深化改革开放领导小组统筹指导下，建立协调机制。")
    assert names.get("推进海南全面深化改革开放领导小组") == "institution"


def test_a_document_title_s_bracket_is_no_part_of_a_launched_name():
    names = _names("你部《关于提请调整完善职业教育工作部际联席会议制度的请示》收悉。")
    assert not [n for n in names if "《" in n]


@pytest.mark.parametrize("body, name", [
    ("鼓励发行持有型不动产资产支持证券。", "持有型不动产资产支持证券"),  # 持有 is a verb, 持有型 a modifier
    ("支持重庆建设内陆开放型经济试验区。", "内陆开放型经济试验区"),      # the verb beyond still ends the name
])
def test_a_suffix_makes_the_word_before_it_part_of_the_name(body, name):
    names = _names(body)
    assert name in names and not [n for n in names if n != name and n.endswith(name[-4:])], names


@pytest.mark.parametrize("body, name, phrase", [
    ("企业可在银行间外汇市场开展交易。", "银行间外汇市场", "企业可在银行间外汇市场"),   # 可 and a preposition
    ("出口企业可在出口信用保险保单项下融资。", "出口信用保险", "可在出口信用保险"),
    ("合理调整汽车贷款首付比例。", "汽车贷款", "合理调整汽车贷款"),                  # 调整, a verb jieba tags vn
    ("全年普惠型小微企业贷款增速不低于各项贷款。", "普惠型小微企业贷款", "全年普惠型小微企业贷款"),
    ("有限合伙人认缴创业投资基金份额。", "创业投资基金", "认缴创业投资基金"),
])
def test_modals_prepositions_and_verbs_jieba_misses_end_names(body, name, phrase):
    names = _names(body)
    assert name in names and phrase not in names, names


def test_a_verb_inside_a_fund_word_stays_in_the_name():
    names = _names("从工业企业结构调整专项奖补资金中安排资金。")
    assert names.get("工业企业结构调整专项奖补资金") == "programme" and "专项奖补资金" not in names


def test_a_platform_after_the_body_that_runs_it_is_a_name_of_its_own():
    names = _names("依托证监会中央监管信息平台和自然资源部国土调查云平台共享数据。")
    assert {n: names.get(n) for n in ("证监会", "中央监管信息平台", "自然资源部", "国土调查云平台")} == {
        "证监会": "institution", "中央监管信息平台": "institution", "自然资源部": "institution",
        "国土调查云平台": "institution"}


@pytest.mark.parametrize("body, name", [
    ("健全促进资本市场高质量发展部际协调机制。", "促进资本市场高质量发展部际协调机制"),  # the remit's verb opens it
    ("建立新型贸易业态跨境结算便利化工作协调机制。", "新型贸易业态跨境结算便利化工作协调机制"),
])
def test_coordination_mechanisms_named_by_their_remit(body, name):
    assert _names(body).get(name) == "institution"


def test_a_mechanism_set_up_without_a_remit_is_no_name():
    assert not [n for n in _names("证监会派出机构要建立工作协调机制。") if n.endswith("协调机制")]


def test_a_dictionary_word_across_a_stop_does_not_run_into_a_known_name():
    """大力发展|商业健康保险: jieba reads 发展商 (a developer) across the verb's end; the known name after
    the verb keeps the verb a stop."""
    names = _names("大力发展商业健康保险和商业养老保险。")
    assert "商业健康保险" in names and not [n for n in names if n.startswith("发展")], names


def test_two_known_names_joined_by_a_conjunction_stay_two():
    names = _names("依托国家重大建设项目库和全国投资项目在线审批监管平台开展审核。")
    assert names.get("国家重大建设项目库") == names.get("全国投资项目在线审批监管平台") == "institution"
    assert not [n for n in names if "和" in n], names


def test_a_known_name_joined_to_a_kind_stays_alone():
    # 交易系统 after 和 is a kind of system, no name to make one with the register before it
    names = _names("建设全国碳排放权注册登记系统和交易系统。")
    assert names.get("全国碳排放权注册登记系统") == "institution" and not [n for n in names if "和" in n], names


@pytest.mark.parametrize("body", ["培育一批工业互联网平台，规范在线旅游平台经营。", "规范信用信息平台和物流信息平台建设。"])
def test_platforms_named_by_their_trade_alone_are_kinds(body):
    assert not [n for n in _names(body) if n.endswith("平台")]


@pytest.mark.parametrize("body, departments", [
    # a note lists a regulator's departments whole, though verbs and 与 stand inside their names
    ("完善统计制度。（人身保险监管司、统计与风险监测司按职责分工负责）", ["人身保险监管司", "统计与风险监测司"]),
    ("严厉打击非法集资。（打击非法金融活动司、经常项目管理司按职责分工负责）", ["打击非法金融活动司", "经常项目管理司"]),
])
def test_a_note_names_departments_whole(body, departments):
    assert [n for n in _names(body) if n.endswith("司")] == departments


def test_a_national_body_s_name_runs_over_other_heads_inside_it():
    # 工程 (a programme's head) inside a company a national opener names does not end its name
    names = _names("支持中国国际工程咨询有限公司参与前期论证。")
    assert names.get("中国国际工程咨询有限公司") == "institution" and "中国国际工程" not in names


@pytest.mark.parametrize("body, name, absent", [
    # a known body and its department, written together: the department's full name
    ("请及时向国家外汇管理局资本项目管理司反映。", "国家外汇管理局资本项目管理司", "国家外汇管理局"),
    ("由商务部外贸发展事务局负责。", "商务部外贸发展事务局", "事务局"),
    ("发挥中国证监会稽查总队作用。", "中国证监会稽查总队", "中国证监会"),
    # its centres and institutes, the public bodies a ministry runs
    ("由生态环境部卫星环境应用中心提供遥感监测。", "生态环境部卫星环境应用中心", "生态环境部"),
    ("教育部教育考试院负责组织考试。", "教育部教育考试院", "教育部"),
    # a head inside a common word (公司) is passed over to the department's own (监管司)
    ("证监会上市公司监管司负责督导。", "证监会上市公司监管司", "证监会"),
    # its committees
    ("由上交所科技创新咨询委员会提出意见。", "上交所科技创新咨询委员会", "上交所"),
    # not a department: a body of its own after a verb (国务院), a stop word inside
    ("环境保护部每年向国务院报告。", "环境保护部", "环境保护部每年向国务院"),
    # not a department: a verb, a coordinator, a body of its own, a common word
    ("中央编办要会同司法部研究。", "中央编办", "中央编办要会同司"),
    ("发展改革委环保总局林业局负责。", None, "环保总局林业局"),
    ("与中国银行股份有限公司合作。", "中国银行股份有限公司", None),
])
def test_a_body_and_its_department_are_one_name(body, name, absent):
    names = _names(body)
    assert (name is None or names.get(name) == "institution") and absent not in names


@pytest.mark.parametrize("body, named, unnamed", [
    # a hospital is named after its place or its university; a kind or a level of hospital is not named
    ("支持北京协和医院、四川大学华西医院和复旦大学附属中山医院牵头，带动县级医院和上级医院。",
     ["北京协和医院", "四川大学华西医院", "复旦大学附属中山医院"], ["县级医院", "上级医院"]),
    # 首都 (the capital) opens a name, though jieba's dictionary tags it an adverb
    ("依托首都医科大学附属北京儿童医院开展试点。", ["首都医科大学附属北京儿童医院"], ["医科大学附属北京儿童医院"]),
])
def test_a_hospital_is_named_after_its_owner(body, named, unnamed):
    names = _names(body)
    assert all(names.get(n) == "institution" for n in named) and not set(unnamed) & set(names)


@pytest.mark.parametrize("body, names, phrase", [
    # a known body and the verbs it acts by end a platform's name launched before them
    ("依托上海保险交易所建设商业健康保险信息平台。", ["上海保险交易所", "商业健康保险信息平台"], "交易所建设"),
    ("依托国家职业教育智慧教育平台持续更新职业教育专业教学资源库。",
     ["国家职业教育智慧教育平台", "职业教育专业教学资源库"], "更新职业教育"),
])
def test_a_known_body_acting_inside_a_launched_name_ends_it(body, names, phrase):
    found = _names(body)
    assert all(n in found for n in names) and not any(phrase in n for n in found)


@pytest.mark.parametrize("body, named, unnamed", [
    # a laboratory is named by its own words; a level of laboratory is none
    ("支持崖州湾国家实验室、辽宁材料实验室建设，建好省级实验室。", ["崖州湾国家实验室", "辽宁材料实验室"], ["省级实验室"]),
    # a national germplasm bank is named after the nation; a bank of a kind is not
    ("完善国家作物种质库和国家畜禽种质资源库，各地建设种质资源库。", ["国家作物种质库", "国家畜禽种质资源库"], ["种质资源库"]),
])
def test_laboratories_and_germplasm_banks(body, named, unnamed):
    names = _names(body)
    assert all(names.get(n) == "institution" for n in named) and not set(unnamed) & set(names)


@pytest.mark.parametrize("body, name", [
    # the verbs that pass data or duties to a system are no part of its name (时报 across 实时|报送 is no word here)
    ("交易场所应当将交易数据实时报送全国排污权交易系统。", "全国排污权交易系统"),
    ("交易机构和登记机构分别负责全国排污权注册登记系统的运行。", "全国排污权注册登记系统"),
])
def test_a_system_named_after_a_verb_that_passes_data_to_it(body, name):
    found = _names(body)
    assert found.get(name) == "institution" and not any(name in n and n != name for n in found)


def test_when_a_rate_applies_is_no_part_of_its_name():
    found = _names("贷款利率不得高于同期同档次贷款市场报价利率。")
    assert found.get("贷款市场报价利率") == "benchmark" and "同期同档次贷款市场报价利率" not in found


@pytest.mark.parametrize("body, place, name", [
    ("支持香港建设中阿金融合作平台。", "香港", "中阿金融合作平台"),
    ("鼓励吉林省建设玉米产后服务中心。", "吉林省", "玉米产后服务中心"),
    ("支持大连建设国家海洋数据综合试验区。", "大连", "国家海洋数据综合试验区"),
    ("支持珠海建设跨境数据服务平台。", "珠海", None),   # what is left is a kind of platform
])
def test_a_bare_place_acting_is_no_part_of_the_name_after_it(body, place, name):
    found = _names(body)
    assert place in found and not any(n.startswith(place) and n != place for n in found), found
    assert name is None or name in found


@pytest.mark.parametrize("body, name", [
    ("设立海南自由贸易港建设投资基金。", "海南自由贸易港建设投资基金"),  # a fund's name holds what it funds
    ("在横琴设立港澳保险售后服务中心。", "港澳保险售后服务中心"),        # 保险 is no act of the place
])
def test_a_place_before_words_of_the_name_stays_in_it(body, name):
    assert name in _names(body)


def test_working_groups_set_out_as_items_are_named():
    body = "指挥部下设以下工作组：　　一、抢险救援组。由应急管理部牵头。　　二、交通保障组：负责运输。"
    found = _names(body)
    assert found.get("抢险救援组") == "institution" and found.get("交通保障组") == "institution"


@pytest.mark.parametrize("body, phrase", [
    ("（二）成立工作组。由有关部门组成。", "成立工作组"),   # a measure that sets a group up
    ("（三）设立专家组。", "设立专家组"),
    ("会议决定，抢险救援组由应急管理部牵头。", "抢险救援组"),  # not an item of its own
])
def test_a_group_that_is_no_item_of_its_own_is_not_named_so(body, phrase):
    assert phrase not in _names(body)


def test_a_regional_cooperation_group_is_a_body():
    assert _names("发挥珠三角区域大气污染防治协作小组作用。").get("珠三角区域大气污染防治协作小组") == "institution"


@pytest.mark.parametrize("body, names", [
    # a ministry's system put to use is named apart from the ministry
    ("依托国家能源局电力安全监管信息系统开展监测。", ["国家能源局", "电力安全监管信息系统"]),
    # an exchange names its platforms with its own name; a platform's part is one name with it
    ("推动深圳证券交易所综合协议交易平台扩容。", ["深圳证券交易所综合协议交易平台"]),
    ("依托国家政务服务平台电子印章系统开展认证。", ["国家政务服务平台电子印章系统"]),
])
def test_a_platform_after_the_body_that_runs_it(body, names):
    found = _names(body)
    assert [n for n in found if n != "国务院"] == names, found


def test_a_one_character_verb_inside_a_word_launches_nothing():
    # 以 opens a reform's name (以医保支付方式改革为抓手), but not inside 以下
    assert not [n for n in _names("推进外汇管理改革（以下简称展业改革）。") if n.startswith("下")]
    assert _names("以医保支付方式改革为抓手。").get("医保支付方式改革") == "programme"


def test_museums_libraries_and_offices_abroad_are_bodies():
    found = _names("推动苏州博物馆、中国国家图书馆延长开放时间，支持中国驻首尔旅游办事处开展推广。")
    assert {"苏州博物馆": "institution", "中国国家图书馆": "institution",
            "中国驻首尔旅游办事处": "institution"}.items() <= found.items()


def test_a_street_office_or_a_museum_of_no_one_is_no_body():
    found = _names("各街道办事处要配合，各地博物馆、美术馆要延长开放时间。")
    assert not [name for name in found if name.endswith(("办事处", "博物馆", "美术馆"))]


def test_a_national_service_hotline_is_named_with_its_number():
    found = _names("发挥12301全国旅游服务热线和12367移民管理服务热线作用，完善12306铁路客户服务中心外文服务。")
    assert {"12301全国旅游服务热线", "12367移民管理服务热线", "12306铁路客户服务中心"} <= set(found)


def test_an_inter_ministerial_coordination_mechanism_is_a_body():
    found = _names("建立公司信用类债券部际协调机制，完善国家层面统筹协调推进机制，健全工作协调机制。")
    assert found.get("公司信用类债券部际协调机制") == "institution"
    assert not [name for name in found if name.endswith(("推进机制", "工作协调机制"))]  # kinds, no bodies


@pytest.mark.parametrize("body, name", [
    ("各地要将项目信息及时录入全国保障性住房建设信息管理系统。", "全国保障性住房建设信息管理系统"),  # 录入 puts it to use
    ("明细数据要纳入银行业监管统计报送系统（EAST）管理。", "银行业监管统计报送系统"),          # a bracket ends it
    ("以中小企业融资综合信用服务平台为依托，扩大信用贷款。", "中小企业融资综合信用服务平台"),      # 以…为
    ("依托跨境人民币收付信息管理系统便利企业结算。", "跨境人民币收付信息管理系统"),              # …便利
])
def test_a_system_put_to_use_is_named_up_to_its_edge(body, name):
    assert _names(body).get(name) == "institution"


def test_a_national_body_whose_name_joins_two_parts_is_one_name():
    found = _names("发挥中国化学与物理电源行业协会和全国信息化和工业化融合管理标准化技术委员会作用，"
                   "建设国家数字化设计与制造创新中心。")
    joined = ("中国化学与物理电源行业协会", "全国信息化和工业化融合管理标准化技术委员会", "国家数字化设计与制造创新中心")
    assert all(found.get(name) == "institution" for name in joined), found


def test_a_known_body_before_a_coordinator_is_a_name_of_its_own():
    # 中国银联, 中国结算: known names that end at the coordinator; 国家|和 opens no part
    found = _names("支持中国银联和非银行支付机构合作，推动中国结算与香港中央结算有限公司合作，联通国家和地区支付系统。")
    assert {"中国银联", "中国结算"} <= set(found)
    assert not [n for n in found if n.startswith(("中国银联", "中国结算", "国家和")) and n not in ("中国银联", "中国结算")]


def test_research_and_promotion_societies_are_bodies():
    found = _names("支持中国医疗保险研究会和中国产学研合作促进会开展研究。")
    assert found.get("中国医疗保险研究会") == "institution" and found.get("中国产学研合作促进会") == "institution", found


def test_a_customs_district_and_a_court_named_after_a_place_are_bodies():
    # a customs district needs its place (各直属海关 and 当地海关 are no bodies); a specialised court
    # is named after its place or its higher court
    found = _names("青岛海关、厦门海关等直属海关会同当地海关开展执法，南京知识产权法庭和最高人民法院知识产权法庭加强审判。")
    assert {n: found.get(n) for n in ("青岛海关", "厦门海关", "南京知识产权法庭", "最高人民法院知识产权法庭")} \
        == dict.fromkeys(("青岛海关", "厦门海关", "南京知识产权法庭", "最高人民法院知识产权法庭"), "institution"), found
    assert not [n for n in found if n.endswith("海关") and n not in ("青岛海关", "厦门海关")], found


def test_projects_set_out_as_items_and_named_after_a_place_are_programmes():
    # a box of key projects: each item's title is the project's name, verbs and all; an item
    # named by a kind of work only is none, and neither is a measure that carries a project out
    text = ("专栏1　重点工程\n　　1．祁连山生态保护和修复工程。推进矿山治理。\n"
            "　　2．黄土高原水土保持与生态修复工程。建设淤地坝。\n　　3．监测站点建设工程。新建站点。\n"
            "　　（四）实施重大生态修复工程。统筹推进。\n")
    found = _names(text)
    assert found.get("祁连山生态保护和修复工程") == "programme" and found.get("黄土高原水土保持与生态修复工程") == "programme", found
    assert "监测站点建设工程" not in found and "实施重大生态修复工程" not in found, found


@pytest.mark.parametrize("body, name, not_name", [
    ("持续开展跨境贸易便利化专项行动，提升效率。", "跨境贸易便利化专项行动", "化专项行动"),
    ("稳妥开展资源循环利用设备融资租赁业务。", "融资租赁", "设备融资租赁"),
])
def test_a_name_does_not_start_inside_a_word(body, name, not_name):
    # the walk stopped inside a word jieba reads whole (便利|化, 设|备): the name starts where the word ends
    found = _names(body)
    assert name in found and not_name not in found, found


def test_a_name_starts_inside_a_word_where_a_known_name_runs_across_it():
    # 郑商|所: jieba may read 所 with what follows, but the known name 郑商所 opens the platform's name
    assert "郑商所综合业务平台" in _names("依托郑商所综合业务平台开展交易。")


def test_a_platform_that_builds_another_is_a_name_of_its_own():
    found = _names("依托人民法院调解平台建设知识产权纠纷在线诉调对接平台，实现在线调解。")
    assert found.get("人民法院调解平台") == "institution" and found.get("知识产权纠纷在线诉调对接平台") == "institution", found


@pytest.mark.parametrize("body, name, swallowed", [
    ("鼓励社会资本参与国家水网骨干工程、“东数西算”工程建设。", "国家水网骨干工程", "社会资本参与国家水网骨干工程"),
    ("支持养老基金按照市场化原则参与城市更新行动，投资老旧小区改造。", "城市更新行动",
     "养老基金按照市场化原则参与城市更新行动"),
])
def test_the_verb_nearest_a_supported_project_starts_its_name(body, name, swallowed):
    found = _names(body)
    assert found.get(name) == "programme" and swallowed not in found, found


def test_a_coordination_body_s_office_by_its_bare_head_is_no_name():
    found = _names("建立绿色消费部际联席会议制度，联席会议办公室设在商务部，联席会议各成员单位按职责分工负责。")
    assert found.get("绿色消费部际联席会议") == "institution"
    assert "联席会议办公室" not in found and "联席会议各成员单位" not in found, found


@pytest.mark.parametrize("body, name", [
    ("在部分省份开展第二批供水管网漏损治理评估试点。", "供水管网漏损治理评估试点"),
    ("住房城乡建设部在15个城市组织开展第一批城市更新试点。", "城市更新试点"),   # short once the batch is off
])
def test_a_batch_is_no_part_of_a_launched_pilot(body, name):
    found = _names(body)
    assert found.get(name) == "programme", found
    assert not any(n.startswith("第") for n in found), found


@pytest.mark.parametrize("body, name", [
    ("以银行间7天回购定盘利率（FR007）为浮动利率参考。", "银行间7天回购定盘利率"),
    ("参考七天回购定盘利率确定融资成本。", "七天回购定盘利率"),
])
def test_the_seven_day_repo_fixing_is_named_with_its_term(body, name):
    assert _names(body).get(name) == "benchmark"


@pytest.mark.parametrize("body, spoiled", [
    ("同一笔专项债券资金原则上只能调整一次。", "一笔专项债券"),        # a count of deals
    ("按季度披露下季度专项债券发行计划。", "下季度专项债券"),          # a time
    ("严禁借专项债券名义新增隐性债务。", "借专项债券"),                # a one-character verb
    ("增强同期限债券的流动性。", "期限债券"),
])
def test_counts_times_and_verbs_make_no_kind_of_bond(body, spoiled):
    found = _names(body)
    assert spoiled not in found, found


def test_refinancing_bonds_are_a_kind_of_local_government_bond():
    assert _names("各地安排的再融资专项债券优先用于置换存量债务。").get("再融资专项债券") == "product"


def test_a_market_s_own_system_is_named_by_a_short_modifier():
    found = _names("北交所要优化新三板挂牌审查系统功能，提高审核效率。")
    assert found.get("新三板挂牌审查系统") == "institution", found


def test_a_connect_scheme_named_beside_another_is_its_own():
    found = _names("扩大沪港通下沪股通和港股通的标的范围。")
    assert found.get("沪港通") == found.get("沪股通") == "programme", found
    assert "沪港通下沪股通" not in found


@pytest.mark.parametrize("body, firms", [
    ("提高科创板公司的信息披露质量。", "科创板公司"),
    ("支持新三板创新层公司向北交所转板。", "新三板创新层公司"),
])
def test_the_firms_of_a_known_market_are_no_body(body, firms):
    found = _names(body)
    assert firms not in found and "market" in found.values(), found


@pytest.mark.parametrize("body, index", [
    ("将更多优质公司纳入中证医药100指数。", "中证医药100指数"),
    ("开发跟踪中证A500指数的产品。", "中证A500指数"),
])
def test_an_index_is_named_with_its_count_of_constituents(body, index):
    assert _names(body).get(index) == "benchmark"


def test_a_count_alone_before_an_index_makes_no_name():
    assert not any(n.endswith("100指数") for n in _names("其规模位列前100指数。"))


@pytest.mark.parametrize("body, name, kind, spoiled", [
    ("开发企业可凭商业银行出具的保函替换监管资金。", None, None, "企业可凭商业银行"),   # a modal and a preposition
    ("按季度监测普惠小微贷款投放情况。", "普惠小微贷款", "product", "季度监测普惠小微贷款"),  # 监测 is what is done
    ("支持发行住房抵押贷款支持证券。", "住房抵押贷款支持证券", "product", "住房抵押贷款"),   # the securities, whole
    ("建立住房租赁金融支持部际工作专班，统筹推进改革。", "住房租赁金融支持部际工作专班", "institution", None),
])
def test_names_around_monitoring_securities_and_task_forces(body, name, kind, spoiled):
    found = _names(body)
    if name is not None:
        assert found.get(name) == kind, found
    if spoiled is not None:
        assert spoiled not in found, found


def test_house_prices_of_seventy_cities_are_one_index():
    found = _names("国家统计局按月发布70个大中城市商品住宅销售价格指数。")
    assert found.get("70个大中城市商品住宅销售价格指数") == "benchmark", found


@pytest.mark.parametrize("body, name, spoiled", [
    ("依托交通运输部长江航务管理局完善长江航运信息平台，推动电子航道图应用。", "长江航运信息平台",
     "长江航务管理局完善长江航运信息平台"),
    ("中国人民银行升级人民币跨境收付信息管理系统。", "人民币跨境收付信息管理系统", "升级人民币跨境收付信息管理系统"),
])
def test_the_verb_that_improves_a_system_is_no_part_of_its_name(body, name, spoiled):
    found = _names(body)
    assert found.get(name) == "institution" and spoiled not in found, found


@pytest.mark.parametrize("body, company", [
    ("支持远山长青（上海）私募投资基金有限公司开展长期投资。", "远山长青（上海）私募投资基金有限公司"),
    ("由汇丰银行（中国）有限公司提供托管服务。", "汇丰银行（中国）有限公司"),
])
def test_a_company_with_its_seat_in_brackets_is_named_from_its_brand(body, company):
    assert _names(body).get(company) == "institution"


def test_a_place_abbreviation_before_a_particle_is_an_adjective():
    found = _names("推动城市群在新的发展阶段加快发展，支持在沪外资机构扩大业务。")
    assert "新" not in found and found.get("沪") == "place", found


def test_a_campaign_name_read_across_a_verb_is_no_name():
    """购在中国 is a campaign written in quotes; read bare it cut 认购 and ran into the association."""
    found = _names("境外投资者可以认购在中国证券投资基金业协会备案的私募基金。")
    assert found.get("中国证券投资基金业协会") == "institution" and not [n for n in found if n.startswith("购")]
    assert _names("开展“购在中国”系列活动。").get("购在中国") == "programme"


@pytest.mark.parametrize("body, phrase", [
    ("请各地商务局、农业农村局会同水利局做好衔接。", "农业农村局"),     # a local department by its field alone
    ("引导成份股公司提高分红水平，支持售电公司参与交易。", "成份股公司"),  # firms by their place in a market
    ("引导成份股公司提高分红水平，支持售电公司参与交易。", "售电公司"),
    ("对符合条件的项目给予优惠利率贷款，执行浮动利率。", "优惠利率"),  # a rate by how it is set
    ("鼓励沿线省市与新疆开展合作。", "沿线省市"),                    # no one place
    ("加强城乡结合部和农村地区治理。", "城乡结合部"),
])
def test_departments_and_firms_by_kind_are_no_names(body, phrase):
    assert phrase not in _names(body)


@pytest.mark.parametrize("text, name", [
    ("发挥国务院服务贸易发展部际联席会议作用。", "国务院服务贸易发展部际联席会议"),
    ("由国务院推进贸易高质量发展部际联席会议统筹。", "国务院推进贸易高质量发展部际联席会议")])
def test_a_body_that_opens_names_before_a_soft_stop_opens_a_name_of_its_own(text, name):
    # 国务院 before 服务 (a soft stop: a verb elsewhere) is no body that acts but the opener of its
    # own coordination body's name
    assert _names(text).get(name) == "institution"


def test_a_known_body_before_a_verb_still_acts():
    names = _names("支持深圳证券交易所建设世界一流交易所。")
    assert names.get("深圳证券交易所") == "institution" and "深圳证券交易所建设世界一流交易所" not in names


def test_a_verb_and_its_agent_inside_a_kind_of_insurance_stay_in_its_name():
    # 承运人 (the carrier) is one dictionary word: the verb 承运 is part of the insured party's name
    names = _names("鼓励保险机构发展货物运输保险、承运人责任保险等产品。")
    assert names.get("承运人责任保险") == "product" and "责任保险" not in names


@pytest.mark.parametrize("text, phrase", [
    ("支持境外机构在境内发行人民币债券。", "发行人民币债券"), ("引导人身保险公司加大投入。", "引导人身保险公司")])
def test_a_verb_before_a_word_that_人_opens_still_ends_the_name(text, phrase):
    assert phrase not in _names(text)


@pytest.mark.parametrize("text, name", [
    ("扩大保险资金长期股票投资试点规模。", "保险资金长期股票投资试点"),
    ("扩大公共数据资源开发利用试点范围，支持北京先行先试。", "公共数据资源开发利用试点")])
def test_a_pilot_whose_reach_is_widened_is_a_launched_name(text, name):
    # 扩大…试点|规模 (|范围): how far the pilot reaches ends its name as a clause edge would
    assert _names(text).get(name) == "programme"


def test_a_coordinator_after_a_whole_product_name_ends_it():
    # 险 ends a name: the 和 after it joins two names, though jieba reads 和文 as a word
    names = _names("鼓励开发旅游意外险和文旅项目专项贷款。")
    assert names.get("旅游意外险") == "product" and "旅游意外险和文旅项目专项贷款" not in names


def test_the_verb_nearest_an_insurance_launches_it():
    names = _names("推广使用安全生产责任保险。")
    assert names.get("安全生产责任保险") == "product" and "使用安全生产责任保险" not in names


@pytest.mark.parametrize("text, name", [
    ("支持开展股票质押式回购业务。", "股票质押式回购"), ("探索碳排放配额回购等碳融资工具。", "碳排放配额回购"),
    ("稳妥发展债券回购交易。", "债券回购")])
def test_repo_kinds_named_by_what_is_pledged_are_products(text, name):
    assert _names(text).get(name) == "product"


def test_a_bill_of_lading_opens_a_pledge_financing_as_a_warehouse_receipt_does():
    # jieba tags 提单 as a verb: it is the document pledged (not_verbs)
    names = _names("开展仓单质押贷款、提单质押融资和应收账款融资。")
    assert names.get("提单质押融资") == "product" and names.get("仓单质押贷款") == "product"


@pytest.mark.parametrize("body, level_body", [
    # every province-level division's own bureau or Party committee: one of many, no named body
    ("各省、自治区、直辖市知识产权局要加强对地方的指导。", "直辖市知识产权局"),
    ("各省、自治区、直辖市党委和政府要加强组织领导。", "直辖市党委"),
    ("要求自治区市场监管局会同有关部门开展检查。", "自治区市场监管局"),
])
def test_a_body_of_every_province_level_division_is_no_name(body, level_body):
    found = _names(body)
    assert not any(level_body in n for n in found)


def test_a_named_autonomous_region_still_names_its_body():
    found = _names("新疆维吾尔自治区人民政府会同有关部门组织实施。")
    assert found.get("新疆维吾尔自治区人民政府") == "institution"


@pytest.mark.parametrize("body, phrase", [
    ("不得以“保底收益”“无风险”等用语宣传理财产品。", "保底收益"),  # words a text forbids, listed in quotes
    ("不得以“保底收益”“无风险”等用语宣传理财产品。", "无风险"),
    ("不得以“零利率”“免手续费”等字样误导消费者。", "免手续费"),
    ("不得使用“零首付”“零利息”等表述。", "零首付"),
])
def test_quoted_words_a_text_forbids_name_no_scheme(body, phrase):
    assert phrase not in _names(body)


def test_a_quoted_scheme_before_a_list_of_quotes_is_still_judged_by_its_own_context():
    assert _names("推行“一网通办”“跨省通办”改革。").get("一网通办") == "programme"
