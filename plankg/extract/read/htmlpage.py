"""HTML pages, gov.cn's among them (the text in ``<td id="UCAP-CONTENT">``): paragraphs with
the exact source offset of every character, display hints (centred, right-aligned, strong,
headings), the page's ``<title>`` and ``<meta>`` fields."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import NamedTuple

from plankg.extract.model import PlanError

from .config import STRIP, config
from .files import CONTROLS
from .runs import Page, Run

# Whitespace an HTML renderer collapses (a no-break space is read as " " first).
_HTML_SPACE = " \t\n\r\f"
_HTML_PIECE = re.compile(f"[{_HTML_SPACE}]+|[^{_HTML_SPACE}]+")  # a run of HTML whitespace, or of other characters


_NEWLINE = re.compile("\n")


_VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)


# Start tag -> open elements it closes implicitly; scope tags stop the search.
_IMPLIED_CLOSE = {
    "p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"},
    "td": {"td", "th"}, "th": {"td", "th"}, "tr": {"tr", "td", "th"}, "option": {"option"},
}


_CLOSES_P = frozenset(
    "address article aside blockquote div dl fieldset footer form h1 h2 h3 h4 h5 h6 header hr "
    "main nav ol pre section table ul".split()
)


_SCOPE_TAGS = frozenset("html body table ul ol dl td th div blockquote section article select".split())


_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[a-zA-Z][-.a-zA-Z0-9]*;?)")


_CENTER = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)


_RIGHT = re.compile(r"text-align\s*:\s*right", re.IGNORECASE)


class _Ctx(NamedTuple):
    """Where a character sits: derived from the stack of open elements."""

    skip: bool = False
    title: bool = False  # inside <title>
    center: bool = False
    right: bool = False
    strong: bool = False
    heading: int = 0
    container: bool = False
    table: bool = False  # inside a table: a layout table's cells are never chrome


@dataclass
class _Open:
    tag: str
    ctx: _Ctx  # context inside this element


class _HtmlReader(HTMLParser):
    """Collect paragraphs from HTML with the exact source offset of every character.

    ``convert_charrefs=False`` makes the parser hand over data as raw slices and
    entities one by one; ``getpos()`` and a table of line starts give offsets.
    """

    def __init__(self, raw: str, base: int, skip_chrome: bool = True) -> None:
        super().__init__(convert_charrefs=False)
        self.cfg = config()
        self.skip_chrome = skip_chrome
        self.raw = raw
        self.base = base
        # getpos() counts lines of the fed text raw[base:]; line k starts here:
        self.line_starts = [base] + [m.end() for m in _NEWLINE.finditer(raw, base)]
        self.runs: list[Run] = []
        self.chars: list[tuple[str, int, int, _Ctx]] = []
        self.stack: list[_Open] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.found_container = False

    # -- positions and context

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    @property
    def ctx(self) -> _Ctx:
        return self.stack[-1].ctx if self.stack else _Ctx()

    def _child_ctx(self, tag: str, attrs: dict[str, str]) -> _Ctx:
        ctx = self.ctx
        style = attrs.get("style", "")
        align = attrs.get("align", "").lower()
        container = attrs.get("id", "") in self.cfg.container_ids
        chrome = self.skip_chrome and not (ctx.skip or ctx.container or container or ctx.table) \
            and self._chrome(tag, attrs)
        return ctx._replace(
            skip=ctx.skip or tag in self.cfg.skip_tags or chrome,
            title=ctx.title or tag == "title",
            center=(ctx.center or tag == "center" or align == "center" or bool(_CENTER.search(style)))
            and not (align in ("left", "right") or _RIGHT.search(style)),
            right=ctx.right or align == "right" or bool(_RIGHT.search(style)),
            strong=ctx.strong or tag in ("strong", "b"),
            heading=int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else ctx.heading,
            container=ctx.container or container,
            table=ctx.table or tag == "table",
        )

    def _chrome(self, tag: str, attrs: dict[str, str]) -> bool:
        """Is the element page chrome (a menu, breadcrumb, header or footer: ``html.chrome`` in
        data/reader.yaml)? Never the page itself or a link, as Readability has it."""
        if tag in self.cfg.chrome_tags:
            return True
        if tag in ("html", "body", "a"):
            return False
        names = f"{attrs.get('class', '')} {attrs.get('id', '')}"
        return bool(self.cfg.chrome.search(names)) and not self.cfg.chrome_unless.search(names)

    # -- element events

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(values)
        if tag == "br":
            self._flush()
        if tag in _VOID_TAGS:
            return
        self._close_implied(tag)
        if tag in self.cfg.block_tags:
            self._flush()
        ctx = self._child_ctx(tag, values)
        self.found_container |= ctx.container
        self.stack.append(_Open(tag, ctx))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.cfg.block_tags or tag == "br":
            self._flush()
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k].tag == tag:
                del self.stack[k:]
                break

    def _close_implied(self, tag: str) -> None:
        closes = _IMPLIED_CLOSE.get(tag) or ({"p"} if tag in _CLOSES_P else None)
        if not closes:
            return
        for k in range(len(self.stack) - 1, -1, -1):
            open_tag = self.stack[k].tag
            if open_tag in closes:
                self._flush()
                del self.stack[k:]
                return
            if open_tag in _SCOPE_TAGS:
                return

    def _meta(self, attrs: dict[str, str]) -> None:
        key = (attrs.get("name") or attrs.get("property") or "").lower()
        fld = self.cfg.meta_keys.get(key)
        if fld and attrs.get("content", "").strip() and fld not in self.meta:
            self.meta[fld] = attrs["content"].strip()

    # -- character events

    def handle_data(self, data: str) -> None:
        ctx = self.ctx
        if ctx.title:
            self.title_parts.append(data)
        if ctx.skip or ctx.title:
            return
        pos = self._offset()
        self.chars.extend((ch, pos + k, pos + k + 1, ctx) for k, ch in enumerate(data))

    def handle_entityref(self, name: str) -> None:
        self._entity()

    def handle_charref(self, name: str) -> None:
        self._entity()

    def _entity(self) -> None:
        ctx = self.ctx
        pos = self._offset()
        m = _ENTITY.match(self.raw, pos)
        span = m.group() if m else "&"
        end = pos + len(span)
        value = html.unescape(span)
        if ctx.title:
            self.title_parts.append(value)
        if ctx.skip or ctx.title:
            return
        if len(value) == 1:
            self.chars.append((value, pos, end, ctx))
        else:  # unknown entity: the text shows it literally
            self.chars.extend((ch, pos + k, pos + k + 1, ctx) for k, ch in enumerate(span))

    # -- paragraphs

    def _flush(self) -> None:
        chars, self.chars = self.chars, []
        content = [c for c in chars if c[0] not in STRIP and c[0] not in CONTROLS]
        if not content:
            return
        run = Run([c[0] for c in chars], [c[1] for c in chars], [c[2] for c in chars], inside=content[0][3].container)
        run.hints = _block_hints([c[3] for c in content])
        self.runs.append(_tidy_html(run))

    def close(self) -> None:
        super().close()
        self._flush()


def _block_hints(ctxs: list[_Ctx]) -> set[str]:
    hints = set()
    if all(c.center for c in ctxs):
        hints.add("center")
    if all(c.right for c in ctxs):
        hints.add("right")
    if all(c.strong for c in ctxs):
        hints.add("strong")
    levels = {c.heading for c in ctxs}
    if len(levels) == 1 and 0 not in levels:
        hints |= {"heading", f"h{levels.pop()}"}
    return hints


def _tidy_html(run: Run) -> Run:
    """Collapse HTML whitespace: no-break space -> " "; a run of whitespace holding a
    line break disappears (or becomes one space between two ASCII characters)."""
    text = run.text.replace("\u00a0", " ")
    chars: list[str] = []
    kept: list[int] = []  # the source character of each of ``chars``
    for piece in _HTML_PIECE.finditer(text):
        (i, j), part = piece.span(), piece.group()
        if part[0] in _HTML_SPACE and ("\n" in part or "\r" in part):
            before = chars[-1] if chars else ""
            after = text[j] if j < len(text) else ""
            if before.isascii() and after.isascii() and before.strip() and after.strip():
                kept.append(i + max(part.find(" "), 0))
                chars.append(" ")
            continue
        shown = range(i, j) if CONTROLS.isdisjoint(part) else [k for k in range(i, j) if text[k] not in CONTROLS]
        kept.extend(shown)
        chars.extend(text[k] for k in shown)
    return Run(chars, [run.starts[k] for k in kept], [run.ends[k] for k in kept], set(run.hints), run.inside).strip()


def read_html(raw: str, base: int) -> Page:
    """The paragraphs, ``<title>`` and ``<meta>`` fields of the HTML in ``raw[base:]``; read again
    with its chrome kept if skipping the chrome left no text (as Readability does)."""
    reader = _read(raw, base, skip_chrome=True)
    if not reader.runs:
        reader = _read(raw, base, skip_chrome=False)
    fmt = "govcn-html" if reader.found_container else "html"
    title = re.sub(r"\s+", " ", "".join(reader.title_parts)).strip() or None
    return Page(fmt, reader.runs, html_title=title, meta=reader.meta)


def _read(raw: str, base: int, skip_chrome: bool) -> _HtmlReader:
    reader = _HtmlReader(raw, base, skip_chrome)
    try:
        reader.feed(raw[base:])
        reader.close()
    except (AssertionError, ValueError) as exc:  # malformed markup the stdlib parser gives up on
        raise PlanError(f"cannot parse the HTML ({exc})") from None
    return reader
