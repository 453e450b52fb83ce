"""Extraction on the same real documents in other shapes: do plankg's figures hold when a
document comes wrapped at a fixed width, run on, with half-width punctuation, with other part
numbering, as a web page, Markdown, a Word file or a PDF?

usage: python bench/shapes.py [--corpus ../shared/corpus] [--shapes NAME ...] [--documents NAME ...]

Each development gold document (../shared/corpus/gold and tests/gold/corpus, less the held-out
set) is read by plankg's reader; its clean paragraphs, one per line, are the baseline shape
("lines"), and every other shape is made from them by a rule a real copy of such a text
follows. Each shape is built like `plankg build` builds a file and scored by plankg.scoring (the
rules of ../shared/corpus/score.py) against the document's gold. The table gives the micro
recall, precision and task-link F1 and the documents whose tasks are all right, per shape.
"""
from __future__ import annotations

import argparse
import html
import io
import re
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import quality  # noqa: E402

from plankg import scoring  # noqa: E402
from plankg.cjk import FULL_WIDTH  # noqa: E402
from plankg.extract import extract  # noqa: E402
from plankg.extract.read import read_document  # noqa: E402
from plankg.graph import build_graph  # noqa: E402

WRAP = 36  # characters a line: a page of an official document sets 28, a PDF copy often more
_PART = re.compile(r"^([一二三四五六七八九十]{1,3})、")
_HALF_WIDTH = str.maketrans({full: half for half, full in FULL_WIDTH.items()})


def _lines(paragraphs: list[str]) -> tuple[bytes, str]:
    return "\n".join(paragraphs).encode(), "doc.txt"


def _wrapped(paragraphs: list[str], indent: str = "") -> tuple[bytes, str]:
    lines = []
    for paragraph in paragraphs:
        text = indent + paragraph
        lines += [text[k:k + WRAP] for k in range(0, len(text), WRAP)]
    return _lines(lines)


def _run_on(paragraphs: list[str]) -> tuple[bytes, str]:
    """The title on its line, the rest joined with no break (a page whose paragraphs were lost)."""
    return _lines([paragraphs[0], "".join(paragraphs[1:])])


def _html(paragraphs: list[str], breaks: bool = False) -> tuple[bytes, str]:
    if breaks:
        body = "<div>" + "<br/>\n".join(html.escape(p) for p in paragraphs) + "</div>"
    else:
        body = '<div class="article">' + "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs) + "</div>"
    menu = '<div class="header"><ul class="menu"><li>首页</li><li>政策文件</li><li>国务院部门</li></ul></div>'
    footer = '<div class="footer"><p>主办单位：国务院办公厅　版权所有</p></div>'
    page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(paragraphs[0])}</title>'
            f"</head><body>{menu}{body}{footer}</body></html>")
    return page.encode(), "doc.html"


def _markdown(paragraphs: list[str]) -> tuple[bytes, str]:
    return "\n\n".join(["# " + paragraphs[0], *paragraphs[1:]]).encode(), "doc.md"


def _docx(paragraphs: list[str]) -> tuple[bytes, str]:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), "doc.docx"


def _pdf(paragraphs: list[str]) -> tuple[bytes, str]:
    """A4 pages as a printed document sets them: lines filled to the margin (a space hangs past
    it), a paragraph's first indented two characters, a page number at the foot (reportlab's
    built-in CID font)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font, size, step, margin = "STSong-Light", 12, 20, 72
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    y, number = height - margin, 1
    for paragraph in paragraphs:
        x, line = margin + 2 * size, ""
        for ch in paragraph + "\n":
            if ch != "\n" and (ch.isspace() or x + pdfmetrics.stringWidth(line + ch, font, size) <= width - margin):
                line += ch  # a space hangs at the line's end, as a typesetter sets it
                continue
            if y < margin:
                page.setFont(font, 9)
                page.drawCentredString(width / 2, margin / 2, f"— {number} —")
                page.showPage()
                y, number = height - margin, number + 1
            page.setFont(font, size)
            page.drawString(x, y, line)
            y -= step
            x, line = margin, ch
    page.setFont(font, 9)
    page.drawCentredString(width / 2, margin / 2, f"— {number} —")
    page.save()
    return out.getvalue(), "doc.pdf"


#: shape name -> what makes it from the clean paragraphs (file bytes and a file name)
SHAPES: dict[str, Callable[[list[str]], tuple[bytes, str]]] = {
    "lines": _lines,
    "wrapped": _wrapped,
    "wrapped, indented": lambda ps: _wrapped(ps, "\u3000\u3000"),
    "half-width punctuation": lambda ps: _lines([p.translate(_HALF_WIDTH) for p in ps]),
    "parts 一．": lambda ps: _lines([_PART.sub(r"\1．", p) for p in ps]),
    "parts 第一部分": lambda ps: _lines([_PART.sub("第\\1部分\u3000", p) for p in ps]),
    "run on": _run_on,
    "web page": _html,
    "web page, <br>": lambda ps: _html(ps, breaks=True),
    "Markdown": _markdown,
    "Word": _docx,
    "PDF": _pdf,
}


def paragraphs_of(document: Path) -> list[str]:
    """The clean paragraphs plankg's reader finds in ``document``, one string each."""
    text = read_document(document).text
    return [line.strip() for line in text.split("\n") if line.strip()]


def score_shape(make: Callable[[list[str]], tuple[bytes, str]], paragraphs: list[str],
                gold: scoring.CorpusGold, name: str) -> scoring.DocumentScore:
    """The score of the document ``paragraphs`` make in one shape."""
    data, file_name = make(paragraphs)
    extraction = extract(read_document(data, name=file_name))
    return scoring.score_graph(gold, build_graph(extraction), name)


def development_gold(corpus: Path) -> list[Path]:
    """The development set's gold files (bench/quality.py's gold files, its held-out set left out)."""
    held = quality.held_out_names(quality.first_sight())
    return [p for p in quality.gold_files(corpus) if p.stem not in held]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--shapes", nargs="*", choices=list(SHAPES), default=list(SHAPES))
    ap.add_argument("--documents", nargs="*", help="gold file stems (default: the development set)")
    args = ap.parse_args()
    paths = [p for p in development_gold(args.corpus) if not args.documents or p.stem in args.documents]
    golds = [(p.stem, scoring.CorpusGold.load(p)) for p in paths]
    texts = {name: paragraphs_of(args.corpus / "docs" / gold.source) for name, gold in golds}
    print(f"{len(golds)} development documents; micro figures; tasks: documents with every task right")
    print(f"{'shape':24} {'recall':>7} {'precision':>9} {'link F1':>8} {'tasks':>7}")
    for shape in args.shapes:
        scores = [score_shape(SHAPES[shape], texts[name], gold, name) for name, gold in golds]
        a = scoring.averages(scores)
        print(f"{shape:24} {a.micro_recall:7.3f} {a.micro_precision:9.3f} {a.micro_link_f1:8.3f} "
              f"{a.tasks_right:>3}/{a.documents:<3}")


if __name__ == "__main__":
    main()
