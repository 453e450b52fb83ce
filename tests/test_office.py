"""Word and PDF input (plankg/extract/read/office.py), and standard input/output for ``plankg build``.

The documents are made here: .docx files with python-docx, PDFs with reportlab and its
built-in CID font STSong-Light (no font file needed). The PDFs are laid out like printed
plans: a header and a page number on every page, paragraphs broken over lines with a
first-line indent, a two-column page whose content stream runs across the columns row by
row (so only a layout-aware reader gets the order right), and a ruled table over two pages.
"""
from __future__ import annotations

import io
import itertools
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import rdflib

from plankg.extract.model import PlanError
from plankg.extract.read.office import docx_to_text, pdf_to_text, to_text
from plankg.extract.read import read_document

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = rdflib.Namespace("https://w3id.org/plankg/ontology#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")

TITLE = "临江市促进金融业高质量发展三年行动计划"
HEADER = "临江市人民政府公报　2024年第3期"
PREAMBLE = "为加快建设区域金融服务中心，更好服务实体经济，结合本市实际，制定本行动计划。"
GOAL = ("到2026年，全市金融业增加值占地区生产总值比重达到8%左右，普惠小微贷款年均增长15%以上，"
        "直接融资规模稳步扩大，金融服务实体经济质效明显提升，金融风险防控体系更加健全，"
        "金融营商环境持续优化。")
TASKS = [
    ("壮大金融机构体系", "支持地方法人银行补充资本，吸引保险资产管理机构设立区域总部，"
                         "鼓励金融机构在本市设立专营机构和功能性总部。"),
    ("发展新型金融服务", "规范发展融资租赁、商业保理等地方金融组织，推动金融资源向重点产业集聚。"),
    ("深化科技金融服务", "设立科技信贷风险补偿资金池，推广知识产权质押融资，扩大科技型企业贷款规模。"),
    ("加强组织领导", "各区、各部门要建立任务台账，定期通报进展情况，确保各项任务落到实处。"),
]
TASK_PARAGRAPHS = [f"（{'一二三四'[k]}）{name}。{text}" for k, (name, text) in enumerate(TASKS)]
CLOSING = TASK_PARAGRAPHS[3]  # under 三、保障措施
ROWS = [("序号", "重点任务", "责任单位"), ("1", "建设临江金融街", "市金融局"),
        ("2", "设立天使投资引导基金，吸引社会资本参与科技型企业早期投资", "市财政局"),  # wraps in its cell
        ("3", "举办投融资对接活动", "市发展改革委"), ("4", "完善金融机构落户奖励政策", "市金融局"),
        ("5", "建立金融风险监测平台", "市地方金融监管局")]


# ----------------------------------------------------------------------------- making documents


def make_docx(path: Path, *, table: bool = False) -> Path:
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    section.footer.paragraphs[0].text = "第 1 页"
    if table:
        document.add_paragraph(f"{TITLE}重点任务分工表")
        grid = document.add_table(rows=len(ROWS), cols=3)
        for row, cells in zip(grid.rows, ROWS):
            for cell, text in zip(row.cells, cells):
                cell.text = text
    else:
        document.add_heading(f"{TITLE}（2024—2026年）", level=1)
        document.add_paragraph(PREAMBLE)
        document.add_heading("一、发展目标", level=2)
        document.add_paragraph(GOAL)
        document.add_heading("二、主要任务", level=2)
        for paragraph in TASK_PARAGRAPHS[:3]:
            document.add_paragraph(paragraph)
        document.add_heading("三、保障措施", level=2)
        document.add_paragraph(CLOSING)
    document.save(path)
    return path


FONT = "STSong-Light"
SIZE = 12
LEFT, RIGHT = 72, 504  # the text area: 36 characters of 12 pt


def _wrap(text: str, x0: float, x1: float, indent: bool = True) -> list[tuple[float, str]]:
    """A paragraph broken into lines filling x0..x1, the first indented by two characters."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[tuple[float, str]] = []
    for ch in text:
        if not lines or lines[-1][0] + stringWidth(lines[-1][1] + ch, FONT, SIZE) > x1:
            lines.append((x0 + (2 * SIZE if indent and not lines else 0), ""))
        lines[-1] = (lines[-1][0], lines[-1][1] + ch)
    return lines


def _canvas(path: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return canvas.Canvas(str(path), pagesize=A4), A4


def _decorate(c, size, number: int) -> None:
    """The page header and the page number, as a gazette prints them."""
    width, height = size
    c.setFont(FONT, 9)
    c.drawCentredString(width / 2, height - 40, HEADER)
    c.drawCentredString(width / 2, 30, f"— {number} —")
    c.setFont(FONT, SIZE)


def make_plan_pdf(path: Path) -> Path:
    """Three pages: title, preamble and goals; the tasks in two columns; the closing part."""
    c, size = _canvas(path)
    height = size[1]
    y = height - 100

    def put(lines, step=20):
        nonlocal y
        for x, text in lines:
            c.drawString(x, y, text)
            y -= step

    _decorate(c, size, 1)
    c.setFont(FONT, 16)
    c.drawCentredString(size[0] / 2, y, f"{TITLE}（2024—2026年）")
    y -= 36
    c.setFont(FONT, SIZE)
    put(_wrap(PREAMBLE, LEFT, RIGHT))
    put([(LEFT, "一、发展目标")])
    put(_wrap(GOAL, LEFT, RIGHT))
    put([(LEFT, "二、主要任务")])
    c.showPage()

    _decorate(c, size, 2)
    gutter = 24
    middle = (LEFT + RIGHT) / 2
    left = [line for p in TASK_PARAGRAPHS[:2] for line in _wrap(p, LEFT, middle - gutter / 2)]
    right = _wrap(TASK_PARAGRAPHS[2], middle + gutter / 2, RIGHT)
    for k in range(max(len(left), len(right))):  # the content stream runs across the columns
        for column in (left, right):
            if k < len(column):
                c.drawString(column[k][0], height - 100 - 20 * k, column[k][1])
    c.showPage()

    _decorate(c, size, 3)
    y = height - 100
    put([(LEFT, "三、保障措施")])
    put(_wrap(CLOSING, LEFT, RIGHT))
    c.showPage()
    c.save()
    return path


def make_table_pdf(path: Path) -> Path:
    """A ruled table over two pages (rows 1-3, then 4-5), header and page number on both; a
    long cell wraps over two lines inside its row."""
    c, size = _canvas(path)
    height = size[1]
    widths = [48, 240, 144]
    pages = [ROWS[:4], ROWS[4:]]
    for number, rows in enumerate(pages, 1):
        _decorate(c, size, number)
        top = height - 100
        if number == 1:
            c.drawCentredString(size[0] / 2, top, f"{TITLE}重点任务分工表")
            top -= 40
        for cells in rows:
            wrapped = [_wrap(text, x + 6, x + width - 6, indent=False)
                       for x, width, text in zip(itertools.accumulate([LEFT, *widths]), widths, cells)]
            depth = 20 * max(map(len, wrapped)) + 4
            x = LEFT
            for width, lines in zip(widths, wrapped):
                c.rect(x, top - depth + 13, width, depth)
                for k, (x0, text) in enumerate(lines):
                    c.drawString(x0, top - 20 * k, text)
                x += width
            top -= depth
        c.showPage()
    c.save()
    return path


def make_scan_pdf(path: Path, *, image: bool) -> Path:
    """A page with no text: an image only (as a scanner makes it), or nothing at all."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    c, size = _canvas(path)
    if image:
        c.drawImage(ImageReader(Image.new("L", (200, 280), 200)), 72, 200, width=400, height=560)
    c.showPage()
    c.save()
    return path


# ----------------------------------------------------------------------------- helpers


def _graph(path: Path):
    from plankg.extract import extract
    from plankg.graph import build_graph

    return build_graph(extract(read_document(path)))


def _tasks(graph) -> list[tuple[str, str]]:
    """(label, text) of every plan:Task in document order."""
    rows = graph.query("""
        PREFIX plan: <https://w3id.org/plankg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label ?text WHERE { ?t a plan:Task ; plan:order ?o ; plan:text ?text .
                                    OPTIONAL { ?t rdfs:label ?label } } ORDER BY ?o""")
    return [(str(row.label or ""), str(row.text)) for row in rows]


def _no_page_furniture(text: str) -> None:
    assert "公报" not in text and "第3期" not in text
    assert not re.search(r"^[\s—-]*\d+[\s—-]*$", text, re.MULTILINE), "a page number is left"
    assert "第 1 页" not in text


def _one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr


# ----------------------------------------------------------------------------- Word


def test_docx_builds_its_tasks(tmp_path):
    path = make_docx(tmp_path / "plan.docx")
    doc = read_document(path)
    assert doc.metadata.format == "docx" and doc.source == str(path)
    assert doc.metadata.title == f"{TITLE}（2024—2026年）"
    _no_page_furniture(doc.text)
    assert [p.text for p in doc.body if p.text.startswith("（")] == TASK_PARAGRAPHS
    assert _tasks(_graph(path)) == [(name, text) for (name, _), text in zip(TASKS, TASK_PARAGRAPHS)]


def test_docx_table_rows_keep_their_order(tmp_path):
    path = make_docx(tmp_path / "table.docx", table=True)
    lines = docx_to_text(path.read_bytes(), "table.docx").splitlines()
    assert lines[1:] == ["\u3000\u3000".join(row) for row in ROWS]  # one line per row
    body = [p.text for p in read_document(path).body]
    assert body[body.index("序号"):] == [cell for row in ROWS for cell in row]  # each cell a paragraph


def test_docx_merged_cell_counts_once(tmp_path):
    import docx

    document = docx.Document()
    grid = document.add_table(rows=2, cols=3)
    grid.cell(0, 0).merge(grid.cell(0, 2)).text = "合并单元格"
    for cell, text in zip(grid.rows[1].cells, ("1", "任务", "单位")):
        cell.text = text
    document.save(tmp_path / "merged.docx")
    text = docx_to_text((tmp_path / "merged.docx").read_bytes(), "merged.docx")
    assert text.splitlines() == ["合并单元格", "1\u3000\u3000任务\u3000\u3000单位"]


# ----------------------------------------------------------------------------- PDF


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory) -> Path:
    return make_plan_pdf(tmp_path_factory.mktemp("pdf") / "plan.pdf")


def test_pdf_text_in_reading_order(plan_pdf):
    kind, text = to_text(plan_pdf.read_bytes(), "plan.pdf")
    assert kind == "pdf"
    _no_page_furniture(text)
    paragraphs = text.splitlines()
    # each paragraph broken over lines by the layout comes back whole, without spaces
    for paragraph in [PREAMBLE, GOAL, *TASK_PARAGRAPHS]:
        assert paragraph in paragraphs
    # the two columns are read left then right, though the PDF draws them row by row
    assert [paragraphs.index(p) for p in TASK_PARAGRAPHS] == sorted(paragraphs.index(p) for p in TASK_PARAGRAPHS)
    assert "二、主要任务" in paragraphs and "三、保障措施" in paragraphs
    assert paragraphs.index("二、主要任务") + 1 == paragraphs.index(TASK_PARAGRAPHS[0])
    assert paragraphs.index(TASK_PARAGRAPHS[2]) + 1 == paragraphs.index("三、保障措施")


def test_pdf_builds_its_tasks(plan_pdf):
    doc = read_document(plan_pdf)
    assert doc.metadata.format == "pdf" and doc.source == str(plan_pdf)
    assert doc.metadata.title == f"{TITLE}（2024—2026年）"
    assert doc.raw[doc.body[0].start:doc.body[0].end] == doc.body[0].text  # offsets into the extracted text
    _no_page_furniture(doc.text)
    assert _tasks(_graph(plan_pdf)) == [(name, text) for (name, _), text in zip(TASKS, TASK_PARAGRAPHS)]


def test_pdf_bytes_recognised_without_a_name(plan_pdf):
    doc = read_document(plan_pdf.read_bytes(), name="<stdin>")
    assert doc.metadata.format == "pdf" and doc.source == "<stdin>"


def test_pdf_table_rows_keep_their_order(tmp_path):
    path = make_table_pdf(tmp_path / "table.pdf")
    text = pdf_to_text(path.read_bytes(), "table.pdf")
    _no_page_furniture(text)
    assert text.splitlines() == [f"{TITLE}重点任务分工表"] + ["\u3000\u3000".join(row) for row in ROWS]
    tasks = _tasks(_graph(path))  # the structure reads the 序号 cells as rows
    assert [text.split("\n")[:2] for _, text in tasks] == [list(row[:2]) for row in ROWS[1:]]


# ----------------------------------------------------------------------------- bad files


def _corrupt_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")  # cut short
        archive.writestr("word/document.xml", "<w:document>一、总体要求")
    return buffer.getvalue()


def test_corrupt_files_raise_one_line(tmp_path):
    good = make_docx(tmp_path / "good.docx").read_bytes()
    cases = {"cut.docx": good[: len(good) // 2], "broken.docx": _corrupt_docx(),
             "cut.pdf": make_table_pdf(tmp_path / "t.pdf").read_bytes()[:400], "text.pdf": "一、总体要求".encode()}
    for name, data in cases.items():
        with pytest.raises(PlanError) as err:
            read_document(data, name=name)
        message = str(err.value)
        assert message.startswith(f"{name}: cannot read the ") and "\n" not in message


@pytest.mark.parametrize("image", [True, False], ids=["image-only", "empty-page"])
def test_scanned_pdf_exits_2(tmp_path, run_plankg, image):
    make_scan_pdf(tmp_path / "scan.pdf", image=image)
    result = run_plankg("build", "scan.pdf", "-o", "out.ttl", cwd=tmp_path)
    _one_line_error(result, "scan.pdf: PDF has no text layer (scanned?); run OCR first")
    assert not (tmp_path / "out.ttl").exists()


@pytest.mark.parametrize("name", ["broken.docx", "broken.pdf"])
def test_corrupt_file_exits_2(tmp_path, run_plankg, name):
    (tmp_path / name).write_bytes(_corrupt_docx() if name.endswith(".docx") else b"%PDF-1.7\n1 0 obj <<")
    _one_line_error(run_plankg("build", name, "-o", "out.ttl", cwd=tmp_path), name, "cannot read")


# ----------------------------------------------------------------------------- command line


def _plankg(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "plankg", *args], cwd=cwd, input=stdin, capture_output=True,
                          timeout=180)


def test_stdin_to_stdout_round_trip(tmp_path):
    source = FIXTURES / "gbk_plan.txt"
    piped = _plankg("build", "-", "-o", "-", "--format", "nt", cwd=tmp_path, stdin=source.read_bytes())
    assert piped.returncode == 0, piped.stderr.decode()
    assert b"wrote standard output" in piped.stderr
    from_file = _plankg("build", str(source), "-o", "graph.nt", cwd=tmp_path)
    assert from_file.returncode == 0, from_file.stderr.decode()
    a = rdflib.Graph().parse(data=piped.stdout, format="nt")
    b = rdflib.Graph().parse(tmp_path / "graph.nt", format="nt")
    assert {o for o in a.objects(None, DCTERMS.source)} == {rdflib.Literal("<stdin>")}
    assert {o for o in b.objects(None, DCTERMS.source)} == {rdflib.Literal(str(source))}
    same = lambda g: {t for t in g if t[1] != DCTERMS.source}  # noqa: E731
    assert len(a) > 100 and same(a) == same(b)


def test_folder_of_word_and_pdf_to_stdout(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    make_docx(folder / "a.docx")
    make_table_pdf(folder / "b.pdf")
    (folder / "~$a.docx").write_bytes(b"\x0bWord lock file")  # Word's lock file is not a document
    result = _plankg("build", "plans", "-o", "-", "--format", "nq", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    dataset = rdflib.Dataset()
    dataset.parse(data=result.stdout, format="nquads")
    sources = {str(o) for _, _, o, _ in dataset.quads((None, DCTERMS.source, None, None))}
    assert sources == {str(Path("plans") / "a.docx"), str(Path("plans") / "b.pdf")}
    tasks = {t for t, _, _, _ in dataset.quads((None, rdflib.RDF.type, PLAN.Task, None))}
    assert len(tasks) == len(TASKS) + len(ROWS) - 1  # a.docx: （一）-（四）; b.pdf: the rows of its table
    assert not list(tmp_path.glob("*.nq"))


def test_format_must_agree_with_the_extension(tmp_path, run_plankg):
    result = run_plankg("build", str(FIXTURES / "gbk_plan.txt"), "-o", "graph.ttl", "--format", "nt", cwd=tmp_path)
    _one_line_error(result, "graph.ttl", "--format")


def test_output_format_rules():
    from plankg.graph.serialize import output_format

    assert output_format("-") == "turtle"  # standard output defaults to Turtle
    assert output_format("-", "nq") == "nquads"
    assert output_format("graph.out", "jsonld") == "json-ld"  # the extension cannot say
    assert output_format("graph.NT") == output_format("graph.nt", "nt") == "nt"
    with pytest.raises(PlanError, match="extension says turtle"):
        output_format("graph.ttl", "nt")
    with pytest.raises(PlanError, match="unknown output format"):
        output_format("graph.out")


def test_a_space_hanging_at_a_pdf_line_s_end_stays_in_the_text(tmp_path):
    # 35 characters fill the line; the space after 第九条 hangs past the margin, as typesetters set
    # it, and the article goes on on the next line: the space marks where 第九条 ends
    first = "第八条　本市行政区域内河道的整治、利用、保护及其管理适用本规定。第九条"
    assert len(first) == 35
    c, size = _canvas(tmp_path / "rules.pdf")
    c.setFont(FONT, SIZE)
    y = size[1] - 120
    for x, text in [(LEFT, first + "　"), (LEFT, "市水务局负责全市河道的统一管理和监督检查工作。")]:
        c.drawString(x, y, text)
        y -= 20
    c.showPage()
    c.save()
    text = pdf_to_text((tmp_path / "rules.pdf").read_bytes(), "rules.pdf")
    assert text == first + "　市水务局负责全市河道的统一管理和监督检查工作。"


def test_a_pdf_line_ending_a_sentence_before_a_hanging_space_ends_its_paragraph(tmp_path):
    first = "第八条　本市行政区域内河道的整治、利用、保护及其日常管理适用本规定。"  # 34 characters
    assert len(first) == 34
    c, size = _canvas(tmp_path / "rules.pdf")
    c.setFont(FONT, SIZE)
    y = size[1] - 120
    for text in [first + "　", "市水务局负责全市河道的统一管理和监督检查工作。"]:
        c.drawString(LEFT, y, text)
        y -= 20
    c.showPage()
    c.save()
    text = pdf_to_text((tmp_path / "rules.pdf").read_bytes(), "rules.pdf")
    assert text.split("\n") == [first, "市水务局负责全市河道的统一管理和监督检查工作。"]
