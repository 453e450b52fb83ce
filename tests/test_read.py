"""Tests for the reader stage (plankg.extract.read)."""
from __future__ import annotations

import codecs
import html
from pathlib import Path

import pytest

from plankg.extract.model import Document, PlanError
from plankg.extract.read import BUNDLED_SOURCE, read_bundled, read_document

FIXTURES = Path(__file__).parent / "fixtures"
READER_FIXTURES = [
    "govcn_notice.html",
    "runon_opinion.txt",
    "runon_noindent.txt",
    "gbk_plan.txt",
    "utf16_notice.txt",
    "utf8bom_plan.md",
]


@pytest.fixture(scope="module")
def bundled() -> Document:
    return read_bundled()


def fixture(name: str) -> Document:
    return read_document(FIXTURES / name)


def texts(paragraphs) -> list[str]:
    return [p.text for p in paragraphs]


def all_paragraphs(doc: Document):
    paras = doc.lead + ([doc.title] if doc.title else []) + doc.body
    return sorted(paras, key=lambda p: p.start)


def assert_offsets(doc: Document) -> None:
    """Every character of doc.text maps back to exactly what it was read from."""
    text, raw = doc.text, doc.raw
    assert len(doc.raw_starts) == len(doc.raw_ends) == len(text)
    paras = all_paragraphs(doc)
    assert paras, "no paragraphs"
    # paragraphs tile the text, joined by single newlines
    assert paras[0].start == 0 and paras[-1].end == len(text)
    for before, after in zip(paras, paras[1:]):
        assert after.start == before.end + 1 and text[before.end] == "\n"
    joins = {p.end for p in paras[:-1]}
    for p in paras:
        assert text[p.start:p.end] == p.text
        assert p.text and p.text == p.text.strip(" \t\n\r\u3000\u00a0")
    previous_end = 0
    for i, ch in enumerate(text):
        start, end = doc.raw_starts[i], doc.raw_ends[i]
        if i in joins:
            assert ch == "\n" and start == end == previous_end, i
            continue
        assert 0 <= start < end <= len(raw), i
        assert start >= previous_end or doc.title and doc.title.start <= i < doc.title.end
        source = html.unescape(raw[start:end])
        if ch == " " and source in ("\u00a0", "\n", "\r", "\t"):
            source = " "
        assert source == ch, (i, ch, raw[start:end])
        previous_end = end
    assert "\r" not in text


# ---------------------------------------------------------------- the bundled plan


def test_bundled_metadata(bundled):
    meta = bundled.metadata
    assert bundled.source == BUNDLED_SOURCE == "bundled:shanghai-ifc-14th-fyp"
    assert meta.title == "上海国际金融中心建设“十四五”规划"
    assert meta.issued == "2021-08-24"
    assert meta.author == "每经网"
    assert meta.publisher == "上海市人民政府"
    assert meta.format == "news-post"
    assert meta.encoding == "utf-8"
    assert meta.document_number is None


def test_bundled_lead_title_body(bundled):
    lead = texts(bundled.lead)
    # the editor line and the three news-lead paragraphs with text (the image-only one is dropped)
    assert len(lead) == 4
    assert lead[0] == "每经编辑 彭水萍"
    assert lead[1].startswith("上海市人民政府网站8月24日信息显示")
    assert lead[3] == "《上海国际金融中心建设“十四五”规划》全文如下："
    assert bundled.title.text == "上海国际金融中心建设“十四五”规划"
    assert {"center", "strong", "title"} <= bundled.title.hints
    body = texts(bundled.body)
    assert body[0].startswith("为进一步提升上海国际金融中心能级")
    assert body[1] == "一、发展基础"
    assert "专栏1:提升科创板服务科技创新能力" in body
    assert "专栏2：推动普惠金融发展" in body
    assert body[-1].startswith("依托上海市推进上海国际金融中心建设领导小组")
    assert all(p.start > bundled.title.end for p in bundled.body)


def test_bundled_drops_images_and_credits(bundled):
    assert "指标.png" not in bundled.text
    assert "摄图网" not in bundled.text
    assert not any("图片来源" in p.text or p.text.endswith(".png") for p in bundled.body)
    assert "<" not in bundled.text and "正文图片" not in bundled.text  # tags and comments


def test_bundled_offsets(bundled):
    assert_offsets(bundled)
    title = bundled.title
    start, end = bundled.source_span(title.start, title.end)
    assert bundled.raw[start:end] == title.text


# ---------------------------------------------------------------- fixtures


@pytest.mark.parametrize("name", READER_FIXTURES)
def test_fixture_offsets(name):
    assert_offsets(fixture(name))


EXPECTED = {
    "govcn_notice.html": dict(
        encoding="utf-8", format="govcn-html",
        title="国务院关于深化普惠金融服务助力小微企业发展的若干意见",
        document_number="国发〔2024〕7号", issued="2024-03-15", publisher="国务院",
        addressee="各省、自治区、直辖市人民政府，国务院各部委、各直属机构",
    ),
    "runon_opinion.txt": dict(
        encoding="utf-8", format="text",
        title="国务院关于加强绿色金融服务支持制造业低碳转型的意见",
        document_number="国发〔2023〕21号", issued="2023-11-20", publisher="国务院",
        addressee="各省、自治区、直辖市人民政府，国务院各部委、各直属机构",
    ),
    "runon_noindent.txt": dict(
        encoding="utf-8", format="text", title="关于优化跨境人民币结算服务的实施方案",
        document_number=None, issued=None, publisher=None, addressee=None,
    ),
    "gbk_plan.txt": dict(
        encoding="gb18030", format="text",
        title="临江市促进金融业高质量发展三年行动计划（2024—2026年）",
        # the prefix 临府办发 is not a known issuer: the signature line names it
        document_number="临府办发〔2024〕3号", issued="2024-02-01", publisher="临江市人民政府办公厅",
        addressee=None,
    ),
    "utf16_notice.txt": dict(
        encoding="utf-16-le", format="text",
        title="上海市人民政府办公厅关于做好2024年普惠金融重点工作的通知",
        document_number="沪府办发〔2024〕5号", issued="2024-04-02", publisher="上海市人民政府办公厅",
        addressee="各区人民政府，市政府各委、办、局",
    ),
    "utf8bom_plan.md": dict(
        encoding="utf-8-sig", format="markdown", title="滨海新区数字金融发展行动方案",
        document_number=None, issued="2024-05-20", publisher="滨海新区管理委员会", addressee=None,
    ),
}


@pytest.mark.parametrize("name", READER_FIXTURES)
def test_fixture_metadata(name):
    doc = fixture(name)
    meta = doc.metadata
    got = {key: getattr(meta, key) for key in EXPECTED[name]}
    assert got == EXPECTED[name]
    assert doc.title is not None and doc.title.text == meta.title
    assert doc.source == str(FIXTURES / name)


def test_govcn_page():
    doc = fixture("govcn_notice.html")
    assert texts(doc.lead) == [
        "国发〔2024〕7号",
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "国务院",
        "2024年3月15日",
        "（此件公开发布）",
    ]
    # the title split over three <p> is one paragraph; its characters map to all three
    assert doc.title.hints >= {"center", "strong", "title"}
    start, end = doc.source_span(doc.title.start, doc.title.end)
    assert doc.raw[start:end].count("<p>") == 2
    body = texts(doc.body)
    assert len(body) == 14
    assert body[0].startswith("小微企业是稳就业、促创新的重要力量。为进一步提升")  # newline inside <p> dropped
    assert body[1] == "一、总体要求"  # &#12288; indent stripped
    measures = [t[:3] for t in body if t.startswith("（")]
    assert measures == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）"]
    assert body[2] == "坚持市场化、法治化原则，以可负担、可持续为导向，到2026年基本建成多层次、广覆盖的普惠金融服务体系。"
    assert any(t.endswith("（负责部门：财政部、中国人民银行、金融监管总局按职责分工负责）") for t in body)
    assert any("收费项目&附加条件" in t for t in body)
    assert any("“融资难、融资贵”" in t for t in body)
    # page chrome, scripts, styles and comments are not text
    for junk in ("首页", "当前位置", "发文机关", "这不是正文", "line-height", "注释里", "版权所有", "扫一扫"):
        assert junk not in doc.text


def test_govcn_label_fallbacks():
    """Without a signature date, 成文日期 and then 发布日期 of the info table give the date."""
    page = (FIXTURES / "govcn_notice.html").read_text("utf-8")
    page = page.replace('<p align="right">国务院</p>', "").replace('<p align="right">2024年3月15日</p>', "")
    doc = read_document(page.encode("utf-8"), name="nodate.html")
    assert doc.metadata.issued == "2024-03-15"
    assert doc.metadata.publisher == "国务院"
    page = page.replace("<td><b>成文日期：</b></td><td>2024年03月15日</td>", "")
    assert read_document(page.encode("utf-8")).metadata.issued == "2024-03-18"


def test_govcn_title_and_number_in_one_paragraph_after_the_label_table():
    """A page whose title and 文号 share the content's first paragraph, after a label table of a
    dozen cells: the title ends before the number, as when the number has a paragraph of its own."""
    page = (FIXTURES / "govcn_notice.html").read_text("utf-8")
    title = '<p><strong>国务院关于深化普惠金融服务</strong></p>\n<p><strong>助力小微企业发展的</strong></p>\n<p><strong>若干意见</strong></p>'
    assert title in page and '<p style="text-align: center;">国发〔2024〕7号</p>' in page
    label = '<tr><td><b>标&nbsp;&nbsp;&nbsp;&nbsp;题：</b></td><td colspan="3">国务院关于深化普惠金融服务助力小微企业发展的若干意见</td></tr>'
    assert label in page  # no title label nor <title> (the title is the paragraph's), a row more of labels
    labels = "<tr><td><b>索引号：</b></td><td>000014349/2024-00007</td><td><b>主题分类：</b></td><td>财政、金融</td></tr>"
    page = page.replace(label, labels).replace("<title>国务院关于深化普惠金融服务助力小微企业发展的若干意见_国务院文件_示例政府网</title>", "").replace(title, "").replace('<p style="text-align: center;">国发〔2024〕7号</p>',
                                           "<p><strong>国务院关于深化普惠金融服务助力小微企业发展的若干意见</strong>"
                                           "&nbsp;&nbsp;<span>国发〔2024〕7号</span></p>")
    doc = read_document(page.encode("utf-8"), name="oneline.html")
    assert doc.metadata.title == "国务院关于深化普惠金融服务助力小微企业发展的若干意见"
    assert doc.metadata.document_number == "国发〔2024〕7号"


def test_runon_with_indents_splits():
    doc = fixture("runon_opinion.txt")
    raw_lines = [line for line in doc.raw.splitlines() if line]
    assert len(raw_lines) == 4  # title (2 lines), number, and the whole body on one line
    body = texts(doc.body)
    assert len(body) == 10
    assert body[0].startswith("为引导金融资源")
    assert "一、总体要求" in body and "三、保障措施" in body
    assert "（此件公开发布）" in texts(doc.lead)
    assert "\u3000" not in doc.text


def test_runon_without_indents_is_one_paragraph():
    doc = fixture("runon_noindent.txt")
    assert len(doc.body) == 1
    assert "一、工作目标" in doc.body[0].text and "1．推行电子单证审核" in doc.body[0].text
    assert doc.lead == []


def test_gbk_plan_columns():
    doc = fixture("gbk_plan.txt")
    body = texts(doc.body)
    assert "专栏1:金融机构集聚工程" in body and "专栏2：科技金融服务工程" in body
    assert any(t.startswith("一是建设临江金融街") and "二是设立" in t for t in body)
    assert "\r\n" in doc.raw and "\r" not in doc.text
    assert texts(doc.lead) == ["临府办发〔2024〕3号", "临江市人民政府办公厅", "2024年2月1日"]


def test_utf16_notice():
    doc = fixture("utf16_notice.txt")
    assert not doc.raw.startswith("\ufeff")
    assert texts(doc.body)[1] == "一、扩大信贷投放"
    assert "“银税互动”" in doc.text


def test_markdown_markers_removed():
    doc = fixture("utf8bom_plan.md")
    assert {"heading", "h1", "title"} <= doc.title.hints
    headings = [p.text for p in doc.body if "heading" in p.hints]
    assert headings == ["一、总体要求", "二、重点任务", "（一）建设数字金融基础设施", "三、保障措施"]
    for marker in ("#", "**", "*", "](", "https://", "指标.png", "- "):
        assert marker not in doc.text
    assert "坚持创新驱动、安全可控，推动数字技术与金融服务深度融合，打造数字金融示范区。" in texts(doc.body)
    assert "一是拓展零售消费场景；" in texts(doc.body)


# ---------------------------------------------------------------- decoding


PLAIN = "国务院关于推动金融服务\n实体经济的若干意见\n各省人民政府：\n一、总体要求\n（一）坚持稳中求进。\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (PLAIN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PLAIN.encode("utf-8"), "utf-8-sig"),
        (PLAIN.encode("utf-16"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + PLAIN.encode("utf-16-be"), "utf-16-be"),
        (PLAIN.encode("utf-32"), "utf-32-le"),
        (PLAIN.encode("utf-16-le"), "utf-16-le"),  # no BOM: NULs at odd positions
        (PLAIN.encode("utf-16-be"), "utf-16-be"),
        (PLAIN.encode("gb18030"), "gb18030"),
        (PLAIN.encode("gbk"), "gb18030"),
    ],
)
def test_decoding(data, encoding):
    doc = read_document(data, name="plain.txt")
    assert doc.metadata.encoding == encoding
    assert doc.metadata.title == "国务院关于推动金融服务实体经济的若干意见"
    assert doc.metadata.addressee == "各省人民政府"
    assert texts(doc.body) == ["一、总体要求", "（一）坚持稳中求进。"]
    assert_offsets(doc)


def test_traditional_big5_is_kept_as_is():
    text = "臺北市政府關於推動金融科技發展的實施計畫\n一、計畫目標\n為促進金融創新，提升服務效率，特訂定本計畫。\n"
    doc = read_document(text.encode("big5"), name="big5.txt")
    assert doc.metadata.encoding == "big5"
    assert doc.metadata.title == "臺北市政府關於推動金融科技發展的實施計畫"
    assert texts(doc.body)[0] == "一、計畫目標"


# ---------------------------------------------------------------- HTML and news posts


def test_generic_html_blocks_and_inline():
    page = (
        "<html><head><title>示例页面 - 金融办</title></head><body>"
        "<h1>关于支持<em>绿色</em>金融发展的通知</h1>"
        "<div>第一段<span>内联</span><a href='#'>链接</a>不分段<br>第二段&nbsp;文字</div>"
        "<ul><li>一是扩大规模；</li><li>二是优化结构。</li></ul>"
        "<p>Green\n   finance &amp; more</p><img src='a.png'><p>a.png</p></body></html>"
    )
    doc = read_document(page.encode("utf-8"), name="page.html")
    assert doc.source == "page.html"
    assert doc.metadata.format == "html"
    assert doc.title.text == "关于支持绿色金融发展的通知"
    assert {"heading", "h1"} <= doc.title.hints
    assert texts(doc.body) == [
        "第一段内联链接不分段", "第二段 文字", "一是扩大规模；", "二是优化结构。", "Green finance & more",
    ]
    assert_offsets(doc)


def test_news_post_lead_publisher_and_date():
    post = (
        "---\ntitle: 新闻标题\nauthor: 某财经网\ndate: Mon, 04 Mar 2024 08:00:00 GMT\n---\n"
        "<p>日前，国务院办公厅印发《关于做好科技金融大文章的实施意见》。</p>"
        "<p style='text-align:center'><b>关于做好科技金融大文章的实施意见</b></p>"
        "<p>一、总体要求</p><p>图片来源：某图库</p>"
    )
    doc = read_document(post.encode("utf-8"), name="post.md")
    meta = doc.metadata
    assert (meta.format, meta.title, meta.author, meta.issued, meta.publisher) == (
        "news-post", "关于做好科技金融大文章的实施意见", "某财经网", "2024-03-04", "国务院办公厅",
    )
    assert texts(doc.lead) == ["日前，国务院办公厅印发《关于做好科技金融大文章的实施意见》。"]
    assert texts(doc.body) == ["一、总体要求"]


def test_no_title_means_all_body():
    doc = read_document("第一段话。\n第二段话。\n".encode("utf-8"), name="x.txt")
    assert doc.title is None
    assert texts(doc.body) == ["第一段话。", "第二段话。"]
    assert doc.metadata.title == "第一段话。"


def test_chinese_numeral_date():
    doc = read_document("某市关于加强金融监管的通知\n一、总体要求\n某市人民政府\n二〇二一年八月二十四日\n".encode(), name="cn.txt")
    assert doc.metadata.issued == "2021-08-24"
    assert doc.metadata.publisher == "某市人民政府"


# ---------------------------------------------------------------- bad input

BAD_BYTES = {
    "empty.txt": b"",
    "blank.txt": b"  \r\n\t\n\xe3\x80\x80\n",
    "fake.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "picture.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    "archive.zip": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
    "report.docx": b"PK\x03\x04\x14\x00\x06\x00word/document.xml",
    "noise.txt": bytes(range(0x80, 0x100)) * 4,
    "nulls.bin": b"\x00\x01\x02abc\x00\x00\x00\x05\x06" * 50,
    "tags.html": b"<html><head><title></title></head><body><p>&nbsp;</p><div><br/><img src='x.png'></div></body></html>",
}


def assert_one_line_error(exc: pytest.ExceptionInfo, name: str) -> None:
    message = str(exc.value)
    assert name in message
    assert "\n" not in message and message.strip() == message


@pytest.mark.parametrize("name", sorted(BAD_BYTES))
def test_bad_files(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BAD_BYTES[name])
    with pytest.raises(PlanError) as exc:
        read_document(path)
    assert_one_line_error(exc, name)


@pytest.mark.parametrize("name", sorted(BAD_BYTES))
def test_bad_bytes(name):
    with pytest.raises(PlanError) as exc:
        read_document(BAD_BYTES[name], name=name)
    assert_one_line_error(exc, name)


def test_missing_path(tmp_path):
    with pytest.raises(PlanError) as exc:
        read_document(tmp_path / "nowhere.txt")
    assert_one_line_error(exc, "nowhere.txt")
    assert "no such file" in str(exc.value)


def test_directory(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    with pytest.raises(PlanError) as exc:
        read_document(str(folder))
    assert_one_line_error(exc, "plans")
    assert "directory" in str(exc.value)


def test_messages_name_the_problem(tmp_path):
    expectations = {"empty.txt": "empty", "blank.txt": "whitespace", "fake.pdf": "PDF",
                    "picture.txt": "PNG", "report.docx": "ZIP", "noise.txt": "decode",
                    "nulls.bin": "binary", "tags.html": "no text"}
    for name, word in expectations.items():
        with pytest.raises(PlanError, match=word):
            read_document(BAD_BYTES[name], name=name)


def test_joint_signatures():
    text = "关于推进绿色金融改革的通知\n一、总体要求\n（一）加强协同。\n中国人民银行　　国家金融监督管理总局\n2024年6月1日\n"
    doc = read_document(text.encode(), name="joint.txt")
    assert texts(doc.lead) == ["中国人民银行", "国家金融监督管理总局", "2024年6月1日"]
    assert doc.metadata.publisher == "中国人民银行、国家金融监督管理总局"
    assert texts(doc.body) == ["一、总体要求", "（一）加强协同。"]


@pytest.mark.parametrize("title", [
    "中国人民银行　国家金融监督管理总局　中国证监会关于金融支持绿色发展的意见",
    "中国人民银行 国家金融监督管理总局 中国证监会关于金融支持绿色发展的意见",
])
def test_a_joint_title_names_every_issuer(title):
    text = f"{title}\n银发〔2099〕9号\n一、总体要求\n（一）加强协同。\n"
    doc = read_document(text.encode(), name="joint.txt")
    assert doc.metadata.publisher == "中国人民银行、国家金融监督管理总局、中国证监会"
    assert doc.metadata.title == "中国人民银行 国家金融监督管理总局 中国证监会关于金融支持绿色发展的意见"


def test_a_title_whose_first_line_names_five_issuers_is_read_whole():
    issuers = "中国人民银行 国家金融监督管理总局 中国证券监督管理委员会 国家外汇管理局 国家发展改革委"
    text = f"{issuers}\n关于金融支持民营企业发展的若干措施\n银发〔2099〕9号\n一、总体要求\n（一）加强协同。\n"
    doc = read_document(text.encode(), name="joint.txt")
    assert doc.metadata.title == f"{issuers}关于金融支持民营企业发展的若干措施"
    assert texts(doc.body) == ["一、总体要求", "（一）加强协同。"]


def test_a_saved_pages_short_title_gives_way_to_the_documents_own_with_its_issuers():
    """A ministry page heads its text with the short title (关于…的通知) after a long chrome; the
    document's own head below names the issuers on the line above the same title."""
    chrome = ["2099年01月02日", "简体 | 繁體 | English", "当前位置：首页 > 政策文件 > 通知", "索 引 号：0001/2099-01",
              "分    类：水环境", "发布机关：生态环境部　水利部", "生成日期：2099-01-01", "文    号：环水体〔2099〕9号",
              "主 题 词：河湖"]
    title, issuers = "关于推进河湖保护的通知", "生态环境部　水利部"
    lines = [*chrome, title, "发布时间：2099-01-02　来源：水生态环境司", issuers, title, "环水体〔2099〕9号",
             "各省、自治区、直辖市生态环境厅：", "一、总体要求", "（一）加强保护。"]
    page = "<html><head><title>" + title + "</title></head><body>" + \
        "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    doc = read_document(page.encode(), name="page.html")
    assert doc.metadata.title == "生态环境部 水利部关于推进河湖保护的通知"
    assert texts(doc.body)[-2:] == ["一、总体要求", "（一）加强保护。"]


def test_a_central_bank_list_of_addressees_in_groups_is_the_addressee():
    addressee = ("中国人民银行上海总部，各分行、营业管理部，各省会（首府）城市中心支行；各政策性银行、"
                 "国有商业银行、股份制商业银行，中国邮政储蓄银行")
    text = f"中国人民银行关于做好普惠金融工作的通知\n银发〔2099〕9号\n{addressee}：\n一、加大投放。\n二、加强管理。\n"
    doc = read_document(text.encode(), name="notice.txt")
    assert doc.metadata.addressee == addressee
    assert texts(doc.body) == ["一、加大投放。", "二、加强管理。"]


@pytest.mark.parametrize("title, number, publisher", [
    # 、 between the issuers stays; a notice that passes on another's document is its own
    ("财政部、税务总局关于延续实施小微企业税收政策的公告", "财税", "财政部、税务总局"),
    ("国务院办公厅转发国家发展改革委、财政部关于推进某项改革意见的通知", "国办发", "国务院办公厅"),
])
def test_issuers_set_apart_by_commas_and_documents_passed_on(title, number, publisher):
    text = f"{title}\n{number}〔2099〕9号\n一、总体要求\n（一）加强协同。\n"
    doc = read_document(text.encode(), name="joint.txt")
    assert doc.metadata.title == title
    assert doc.metadata.publisher.split("、")[:2] == publisher.split("、")[:2]


def test_a_lead_in_ending_with_a_colon_is_no_addressee():
    text = ("国务院办公厅关于做好就业工作的通知\n国办发〔2099〕9号\n"
            "为深入贯彻落实党中央决策部署；进一步稳定就业，经国务院同意，现就有关事项通知如下：\n"
            "一、加强就业服务。\n二、做好收尾工作。\n")
    doc = read_document(text.encode(), name="notice.txt")
    assert doc.metadata.addressee is None
    assert texts(doc.body)[0].startswith("为深入贯彻落实")


def test_a_title_spaced_out_is_one_title_of_one_issuer():
    text = "国　务　院　关于加强金融监管的意见\n国发〔2099〕9号\n一、总体要求\n（一）加强协同。\n"
    doc = read_document(text.encode(), name="spaced.txt")
    assert doc.metadata.title == "国务院关于加强金融监管的意见" and doc.metadata.publisher == "国务院"


TRICKY_HTML = [
    "<p>第一段\r\n第二行</p>\r\n<p>Line one\r\n  line two</p>",
    "<p>未闭合段落<p>第二个段落<div>块</div>尾巴",
    "<p>散落的 & 符号、a < b、&amp x、&foo; 与 &#x4e00;&#20108;</p>",
    "<p>前<!-- 注释 -->后<script>document.write('<p>脚本</p>')</script>文</p>",
    "<p><span><strong>整段加粗</strong></span></p><p><b>部分</b>加粗</p>",
    "<div>甲<br/>乙<br>丙</div><table><tr><td>单元一</td><td>单元二</td></tr></table>",
    "<p>&#12288;&#12288;全角缩进&nbsp;&nbsp;与空格</p><p>&nbsp;</p>",
]


@pytest.mark.parametrize("page", TRICKY_HTML)
def test_tricky_html_offsets(page):
    assert_offsets(read_document(page.encode("utf-8"), name="tricky.html"))


def test_tricky_html_paragraphs():
    docs = [read_document(p.encode("utf-8"), name="t.html") for p in TRICKY_HTML]
    assert texts(docs[0].body) == ["第一段第二行", "Line one line two"]
    assert texts(docs[1].body) == ["未闭合段落", "第二个段落", "块", "尾巴"]
    assert texts(docs[2].body) == ["散落的 & 符号、a < b、& x、&foo; 与 一二"]
    assert texts(docs[3].body) == ["前后文"]
    assert [sorted(p.hints) for p in docs[4].body] == [["strong"], []]
    assert texts(docs[5].body) == ["甲", "乙", "丙", "单元一", "单元二"]
    assert texts(docs[6].body) == ["全角缩进  与空格"]


def test_control_characters_are_unicode_cc_but_whitespace_and_dropped_from_html():
    """The reader's control characters (a set and a pattern, for speed) are exactly Unicode's
    category Cc less tab, line ends and form feed; HTML text loses them and keeps its offsets."""
    import unicodedata

    from plankg.extract.read.files import CONTROL, CONTROLS

    cc = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cc"} - set("\t\n\r\f\v")
    assert cc == CONTROLS
    assert {ch for ch in map(chr, range(0x110000)) if CONTROL.fullmatch(ch)} == cc
    page = "<html><body><p>上海\x07金融\u00a0中心\n \x1b  建设</p></body></html>"
    document = read_document(page.encode("utf-8"), name="controls.html")
    assert document.text == "上海金融 中心  建设"  # a line break in a space run drops it; the control ends the run
    at = document.text.index("中心")
    assert page[slice(*document.source_span(at, at + 2))] == "中心"


def test_a_signer_run_onto_the_attachment_line_before_the_date_is_split_off():
    text = ("国务院办公厅关于同意建立甲乙联席会议制度的函\n交通运输部：\n同意建立甲乙联席会议制度。\n"
            "附件：甲乙联席会议制度国务院办公厅\n2021年1月26日\n")
    doc = read_document(text.encode(), name="letter.txt")
    assert "附件：甲乙联席会议制度" in texts(doc.body)
    assert texts(doc.lead)[-2:] == ["国务院办公厅", "2021年1月26日"]
    assert doc.metadata.publisher == "国务院办公厅"


def test_a_signature_line_of_its_own_is_not_split():
    text = "国务院办公厅关于同意建立甲乙联席会议制度的函\n交通运输部：\n同意建立甲乙联席会议制度。\n　　国务院办公厅\n2021年1月26日\n"
    doc = read_document(text.encode(), name="letter.txt")
    assert texts(doc.body) == ["交通运输部：", "同意建立甲乙联席会议制度。"]
    assert texts(doc.lead)[-2:] == ["国务院办公厅", "2021年1月26日"]


def _wrapped(paragraphs: list[str], width: int, indent: str = "") -> str:
    """``paragraphs`` set as a fixed-width text: each cut every ``width`` characters."""
    lines = []
    for paragraph in paragraphs:
        text = indent + paragraph
        lines += [text[k:k + width] for k in range(0, len(text), width)]
    return "\n".join(lines) + "\n"


WRAPPED_NOTICE = [
    "临江市人民政府关于推进绿色金融发展的通知",
    "各区人民政府，市政府各部门：",
    "为加快建设绿色金融改革创新试验区，经市政府同意，现就有关事项通知如下。",
    "一、加大信贷支持",
    "支持临江农村商业银行股份有限公司扩大绿色信贷投放，2025年起每年新增绿色贷款不少于100亿元，"
    "对符合条件的项目给予贴息支持，并建立绿色项目库动态管理机制。",
    "二、拓宽直接融资",
    "鼓励企业在上海证券交易所发行绿色债券和碳中和债，市财政对发行费用给予补助，"
    "推动临江市绿色发展基金与社会资本合作设立子基金，重点投向清洁能源和节能环保产业。",
]


@pytest.mark.parametrize("indent", ["", "\u3000\u3000"])
def test_text_wrapped_at_a_fixed_width_is_read_as_paragraphs(indent):
    raw = _wrapped(WRAPPED_NOTICE, 18, indent)
    doc = read_document(raw.encode(), name="wrapped.txt")
    assert doc.metadata.title == WRAPPED_NOTICE[0]
    assert texts(doc.body) == WRAPPED_NOTICE[2:]
    assert_offsets(doc)  # every character still maps to its place in the source


def test_a_wrapped_article_keeps_the_space_after_its_number():
    # wrapped at 20 characters: the wrap falls between 第二条 and the space after it, and
    # the line that starts with that space is no indented paragraph
    body = ("第一条　为了规范河道管理，保护水资源，制定本办法，本办法自公布之日起施行。第二条"
            "　本办法适用于本市行政区域内河道的整治、利用和保护以及其他有关管理活动。第三条　市水务局"
            "负责全市河道的统一管理和监督检查工作，区水务局按照规定的权限负责本辖区内河道的管理。"
            "第四条　任何单位和个人都有保护河道的义务，并有权对破坏河道的行为进行检举。")
    raw = _wrapped(["临江市河道管理办法", body], 20)
    assert "第二条\n　本办法" in raw
    doc = read_document(raw.encode(), name="rules.txt")
    assert texts(doc.body) == [body]


def test_lines_of_every_length_are_paragraphs_not_a_wrap():
    lines = [WRAPPED_NOTICE[0], *(p[:n] for p, n in zip(WRAPPED_NOTICE[2:] * 3, range(20, 60, 2), strict=False))]
    doc = read_document("\n".join(lines).encode(), name="lines.txt")
    assert texts(doc.body) == lines[1:]


CHROME_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>临江市人民政府关于加强河道管理的通知_临江市人民政府网</title></head><body>
<div class="header"><div class="logo">临江市人民政府</div>
<ul class="main-menu"><li>首页</li><li>政务公开</li><li>市发展改革委</li><li>市水务局</li>
<li>市生态环境局</li><li>市财政局</li><li>市交通运输局</li><li>办事服务</li><li>互动交流</li></ul></div>
<nav><a href="/">首页</a> &gt; <a href="/zc">政策文件</a></nav>
<div class="article-content"><h1 style="text-align:center">临江市人民政府关于加强河道管理的通知</h1>
<p>各区人民政府，市政府各部门：</p><p>一、落实河长制。市水务局牵头建立河道巡查机制。</p>
<div class="para"><p>二、加大投入。市财政局安排专项资金。</p></div></div>
<div id="footer"><p>主办：临江市人民政府办公室　地址：滨江路1号</p></div>
<footer><p>网站标识码：0000000000</p></footer></body></html>"""


def test_a_web_page_s_menus_header_and_footer_are_not_its_text():
    doc = read_document(CHROME_PAGE.encode(), name="page.html")
    assert doc.metadata.title == "临江市人民政府关于加强河道管理的通知"
    assert "no title paragraph found" not in doc.warnings
    assert texts(doc.body) == ["一、落实河长制。市水务局牵头建立河道巡查机制。", "二、加大投入。市财政局安排专项资金。"]
    assert not any("首页" in p.text or "滨江路" in p.text or "标识码" in p.text for p in doc.lead)
    assert_offsets(doc)


def test_chrome_words_inside_a_gov_cn_document_s_container_are_its_text():
    page = ('<html><body><div class="header">中国政府网</div><table><tr><td id="UCAP-CONTENT">'
            "<p>国务院办公厅关于加强河道管理的通知</p><p>一、落实河长制。</p>"
            '<div class="footer-note"><p>二、加大投入。</p></div></td></tr></table></body></html>')
    doc = read_document(page.encode(), name="govcn.html")
    assert texts(doc.body) == ["一、落实河长制。", "二、加大投入。"]


@pytest.mark.parametrize("wrap", [
    ('<body class="page-header-fixed">', "</body>"),        # the page itself is never chrome
    ('<body><div class="layout-with-sidebar">', "</div></body>"),  # nor is all of it: read again
    ('<body><table class="menu-layout"><tr><td>', "</td></tr></table></body>"),  # a layout table
])
def test_a_page_whose_wrapper_looks_like_chrome_keeps_its_text(wrap):
    opening, closing = wrap
    page = (f'<html><head><meta charset="utf-8"></head>{opening}<p>临江市人民政府关于加强河道管理的通知</p>'
            f'<p>一、落实河长制。</p><div class="footnote">注：本通知自印发之日起施行。</div>{closing}</html>')
    doc = read_document(page.encode(), name="page.html")
    assert doc.metadata.title == "临江市人民政府关于加强河道管理的通知"
    assert texts(doc.body)[0] == "一、落实河长制。" and "注：本通知自印发之日起施行。" in doc.text  # a footnote is no footer


def test_a_list_of_names_of_like_length_is_no_wrapped_text():
    zones = ["浙江省湖州市绿色金融改革创新试验区", "浙江省衢州市绿色金融改革创新试验区", "广东省广州市绿色金融改革创新试验区",
             "贵州省贵安新区绿色金融改革创新试验区", "江西省赣江新区绿色金融改革创新试验区", "新疆哈密市绿色金融改革创新试验区",
             "新疆昌吉州绿色金融改革创新试验区", "新疆克拉玛依市绿色金融改革创新试验区", "甘肃省兰州新区绿色金融改革创新试验区",
             "重庆市绿色金融改革创新试验区"]
    lines = ["临江市人民政府关于学习借鉴绿色金融改革经验的通知", "各区人民政府：", "现将以下试验区名单印发给你们：", *zones]
    doc = read_document("\n".join(lines).encode(), name="zones.txt")
    assert texts(doc.body)[-len(zones):] == zones


def test_a_wrapped_line_opening_with_a_decimal_continues_its_paragraph():
    # the wrap falls before 2.5亿元: a number with a decimal point opens no numbered item
    funds = "市财政安排专项资金支持绿色金融发展，其中" + "2.5亿元用于绿色信贷贴息，其余资金用于绿色债券发行补助和绿色保险保费补贴。"
    assert len(funds.split("2.5")[0]) == 20
    raw = _wrapped([*WRAPPED_NOTICE, funds], 20)
    assert "\n2.5亿元" in raw
    doc = read_document(raw.encode(), name="wrapped.txt")
    assert texts(doc.body)[-1] == funds


@pytest.mark.parametrize("line", ["临江市人民政府关于加强政务服务的意见（临府发〔2024〕3号）",
                                  "临江市人民政府关于加强政务服务的意见(临府发〔2024〕3号)"])
def test_a_title_with_its_number_in_brackets_on_its_line_keeps_both(line):
    doc = read_document(f"{line}\n各区人民政府：\n一、总体要求\n（一）加强领导。各区要落实责任。\n".encode(), name="notice.txt")
    assert doc.metadata.title == "临江市人民政府关于加强政务服务的意见"
    assert doc.metadata.document_number == "临府发〔2024〕3号"
    assert doc.metadata.addressee == "各区人民政府"


@pytest.mark.parametrize("number", ["临商流通函〔2024〕52号", "临府办函〔2024〕7号"])
def test_a_number_whose_prefix_ends_in_a_title_word_leaves_the_title_whole(number):
    # 函 ends titles (…的函) and number prefixes alike: the one that ends the prefix ends no title
    raw = f"临江市商务局关于加快县域商业体系建设的通知\n{number}\n各区商务局：\n一、完善网点。各区要落实责任。\n"
    doc = read_document(raw.encode(), name="notice.txt")
    assert doc.metadata.title == "临江市商务局关于加快县域商业体系建设的通知"
    assert doc.metadata.document_number == number


def test_a_joint_notice_s_title_over_four_lines_is_read_whole():
    """Seven issuers over two lines and the title over two more: one title, the issuers of both
    lines apart (a space between the lines, as within them)."""
    lines = ["交通运输部 国家发展改革委 财政部 自然资源部", "农业农村部 国家文物局 国家林草局",
             "关于印发《内河航运和沿线文化资源保护利用", "协同发展行动方案（2026—2030年）》的通知", "交规划发〔2026〕3号"]
    page = ('<html><body><table><tr><td id="UCAP-CONTENT">' + "".join(f"<p>{line}</p>" for line in lines)
            + "<p>各省、自治区、直辖市交通运输厅（局）：</p><p>一、加强统筹。</p></td></tr></table></body></html>")
    doc = read_document(page.encode(), name="joint.html")
    assert doc.metadata.title == lines[0] + " " + "".join(lines[1:4])
    assert doc.metadata.publisher == "交通运输部、国家发展改革委、财政部、自然资源部、农业农村部、国家文物局、国家林草局"
    assert_offsets(doc)
