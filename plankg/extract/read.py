"""Read a plan document (a path or raw bytes) into a :class:`~plankg.extract.model.Document`.

The reader is the first pipeline stage. It

1. turns a Word (.docx) or PDF document into plain text (``office.py``) and
   reads that as a text document; refuses other inputs that are not text
   documents (missing path, directory, empty file, image/ZIP/old Office files,
   NUL-ridden binaries) with a one-line :class:`PlanError`;
2. decodes the bytes, judging only the bytes: a byte-order mark, then strict
   UTF-8, then UTF-16/32 recognised by the pattern of NUL bytes, then GB18030
   (or Big5) when it decodes cleanly into mostly CJK text, with charset-normalizer
   as tie-breaker and last resort;
3. recognises the layout (``news-post``: YAML front matter then HTML;
   ``govcn-html``: a gov.cn page with the text in ``<td id="UCAP-CONTENT">``;
   ``html``; ``markdown``; ``text``) and cuts it into paragraphs, remembering for
   every character of the clean text the span of the decoded source it came from
   (``raw[raw_starts[i]:raw_ends[i]]``; an entity such as ``&nbsp;`` is one span);
4. finds the plan's own title (joining a title split over up to three lines),
   moves what is not the plan into ``lead`` (a news lead before the title; the
   document number, addressee, signature, date and closing notes around the
   text) and collects metadata.

Knowledge — document-type words, caption and numbering patterns, HTML tag sets,
document-number prefixes of issuers — lives in ``data/reader.yaml`` and
``data/issuers.tsv``; both are loaded once.
"""
from __future__ import annotations

import codecs
import datetime as _dt
import errno
import email.utils
import functools
import html
import os
import re
import stat
import unicodedata
from array import array
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, NamedTuple

import yaml

from plankg.cjk import is_cjk_text as _is_cjk
from plankg.extract.model import Document, Metadata, Paragraph, PlanError
from plankg.extract.office import to_text

__all__ = ["BUNDLED_SOURCE", "read_bundled", "read_document"]

BUNDLED_SOURCE = "bundled:shanghai-ifc-14th-fyp"
_PACKAGE = "plankg.extract"
_BUNDLED_FILE = "data/seed/000_3caac22b84fb63e1.txt"

# Stripped around every paragraph (ASCII whitespace, no-break, ideographic and
# zero-width spaces, stray BOMs).
_STRIP = " \t\n\r\f\v\u00a0\u3000\u200b\ufeff"
# Whitespace an HTML renderer collapses (a no-break space is read as " " first).
_HTML_SPACE = " \t\n\r\f"
# A run-on line marks paragraphs with two or more ideographic spaces.
_RUNON_INDENT = re.compile("\u3000{2,}")
_LINE = re.compile(r"[^\r\n]+")
_NEWLINE = re.compile("\n")


# ---------------------------------------------------------------- configuration


class _Signature(NamedTuple):
    magic: bytes
    kind: str


@dataclass(frozen=True)
class _Config:
    """Everything loaded from ``data/reader.yaml`` and ``data/issuers.tsv``."""

    title_end: re.Pattern[str]
    title_forbidden: re.Pattern[str]
    fragment_forbidden: re.Pattern[str]
    title_max: int
    fragment_max: int
    fragment_count: int
    windows: dict[str, int]
    display_hints: frozenset[str]
    numbering: re.Pattern[str]
    document_number: re.Pattern[str]
    decree_number: re.Pattern[str]
    glued_signature: re.Pattern[str]
    known_signature: re.Pattern[str]
    leading_date: re.Pattern[str]
    bracket_date: re.Pattern[str]
    head_addressee: re.Pattern[str]
    title_end_word: re.Pattern[str]
    addressee: re.Pattern[str]
    date: re.Pattern[str]
    date_line: re.Pattern[str]
    signed_date_line: re.Pattern[str]
    closing_note: re.Pattern[str]
    institution: re.Pattern[str]
    signature_max: int
    lead_publisher: re.Pattern[str]
    captions: tuple[re.Pattern[str], ...]
    signatures: tuple[_Signature, ...]
    legacy_encodings: tuple[str, ...]
    cjk_ratio: float
    max_nul_ratio: float
    max_control_ratio: float
    min_plausible: float
    block_tags: frozenset[str]
    skip_tags: frozenset[str]
    container_ids: frozenset[str]
    meta_keys: dict[str, str]  # lower-case <meta name> -> field
    labels: dict[str, str]  # label text -> field
    issuers: dict[str, str]  # document-number prefix -> issuing body


def _resource(path: str):
    """A file of the ``plankg.extract`` package (joined one part at a time, which
    works for namespace packages too)."""
    node = resources.files(_PACKAGE)
    for part in path.split("/"):
        node = node.joinpath(part)
    return node


def _data_text(name: str) -> str:
    return _resource(f"data/{name}").read_text("utf-8")


def _load_issuers(text: str) -> dict[str, str]:
    issuers = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        prefix, _, body = line.partition("\t")
        issuers[prefix.strip()] = body.strip()
    return issuers


@functools.cache
def _config() -> _Config:
    data = yaml.safe_load(_data_text("reader.yaml"))
    title = data["title"]
    words = "|".join(sorted(map(re.escape, data["document_types"]), key=len, reverse=True))
    date = data["date"]
    htm = data["html"]
    meta_keys = {key: fld for fld, keys in htm["meta"].items() for key in keys}
    issuers = _load_issuers(_data_text("issuers.tsv"))
    return _Config(
        title_end=re.compile(f"(?:{words}){title['suffix_note']}{title['closing_marks']}$"),
        title_forbidden=re.compile(title["forbidden"]),
        fragment_forbidden=re.compile(title["fragment_forbidden"]),
        title_max=int(title["max_length"]),
        fragment_max=int(title["max_fragment_length"]),
        fragment_count=int(title["max_fragments"]),
        windows={str(k): int(v) for k, v in title["search_window"].items()},
        display_hints=frozenset(title["display_hints"]),
        numbering=re.compile(data["numbering_start"]),
        document_number=re.compile(data["document_number"]),
        decree_number=re.compile(data["decree_number"]),
        glued_signature=re.compile(rf"(?<=[。！？])[{_STRIP}]*(?P<signer>[^。！？]{{2,40}}?)[{_STRIP}]*(?P<date>{date})"
                                   rf"[{_STRIP}]*(?:{data['closing_note'].strip('^$')})?[{_STRIP}]*$"),
        known_signature=re.compile(
            rf"(?P<signer>{'|'.join(sorted(map(re.escape, set(issuers.values())), key=len, reverse=True))})"
            rf"[{_STRIP}]*(?P<date>{date})[{_STRIP}]*(?:{data['closing_note'].strip('^$')})?[{_STRIP}]*$"),
        leading_date=re.compile(rf"(?P<date>{date})[{_STRIP}]+(?=\S)"),
        bracket_date=re.compile(rf"^[（(]\s*{date}\s*[）)]"),
        head_addressee=re.compile(data["head_addressee"]),
        title_end_word=re.compile(f"(?:{words}){title['suffix_note']}{title['closing_marks']}"),
        addressee=re.compile(data["addressee"]),
        date=re.compile(date),
        date_line=re.compile(rf"^[（(]?\s*{date}\s*[）)]?\s*(?:{data['closing_note'].strip('^$')})?$"),
        signed_date_line=re.compile(rf"^(?P<signer>\S.{{0,60}}?)[\s\u3000]*{date}$"),
        closing_note=re.compile(data["closing_note"]),
        institution=re.compile(data["institution_suffix"]),
        signature_max=int(data["signature_max_length"]),
        lead_publisher=re.compile(data["lead_publisher"]),
        captions=tuple(re.compile(p, re.IGNORECASE) for p in data["captions"]),
        signatures=tuple(
            _Signature(s["magic"].encode("latin-1"), s["kind"]) for s in data["binary_signatures"]
        ),
        legacy_encodings=tuple(data["decoding"]["legacy"]),
        cjk_ratio=float(data["decoding"]["cjk_ratio"]),
        max_nul_ratio=float(data["decoding"]["max_nul_ratio"]),
        max_control_ratio=float(data["decoding"]["max_control_ratio"]),
        min_plausible=float(data["decoding"]["min_plausible"]),
        block_tags=frozenset(htm["block_tags"]),
        skip_tags=frozenset(htm["skip_tags"]),
        container_ids=frozenset(htm["container_ids"]),
        meta_keys=meta_keys,
        labels=dict(data["labels"]),
        issuers=issuers,
    )


# ---------------------------------------------------------------- public API


def read_document(source: str | os.PathLike | bytes, *, name: str | None = None) -> Document:
    """Read a plan from a file path or from raw bytes.

    ``name`` labels bytes in messages and in ``Document.source`` (default
    ``"<bytes>"``); for a path, ``Document.source`` is the path as given.
    Raises :class:`PlanError` (one line, naming the input) for bad input.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        label = _one_line(name or "<bytes>")
        return _read_bytes(bytes(source), label)
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        return _read_bytes(read_file(path), _one_line(path))
    raise TypeError(f"read_document() needs a path or bytes, not {type(source).__name__}")


def read_bundled() -> Document:
    """Read the plan bundled with plankg (Shanghai IFC 14th five-year plan news post)."""
    data = _resource(_BUNDLED_FILE).read_bytes()
    return _read_bytes(data, BUNDLED_SOURCE)


# ---------------------------------------------------------------- input checks


def _one_line(label: str) -> str:
    """A label safe to put in a one-line message."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in label) or "<unnamed>"


#: The largest document read, in bytes (``plankg build --max-size``).
DEFAULT_MAX_SIZE = 50 * 2**20
_NOT_REGULAR = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_file(path: str, max_size: int | None = None) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_size`` (default
    ``DEFAULT_MAX_SIZE``): a directory, FIFO, device or socket, or a larger file, is a
    PlanError. Opening never blocks (a FIFO with no writer) and at most ``max_size + 1``
    bytes are read (a file that grows, a /proc file that lies about its size)."""
    label = _one_line(path)
    if not path:
        raise PlanError("<empty path>: no file name given")
    limit = DEFAULT_MAX_SIZE if max_size is None else max_size
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise PlanError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise PlanError(f"{label}: is a directory, not a document file") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO opened for writing elsewhere
            raise PlanError(f"{label}: is not a regular file (a socket or pipe); give a document file") from None
        raise PlanError(f"{label}: cannot read the file ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise PlanError(f"{label}: is a directory, not a document file")
        kind = next((name for test, name in _NOT_REGULAR if test(info.st_mode)), None)
        if kind or not stat.S_ISREG(info.st_mode):
            raise PlanError(f"{label}: is {kind or 'not a regular file'}, not a document file")
        if info.st_size > limit:
            raise PlanError(f"{label}: larger than the limit of {limit:,} bytes (--max-size)")
        with os.fdopen(fd, "rb") as handle:
            fd = -1  # the handle closes it
            data = handle.read(limit + 1)
    except OSError as exc:
        raise PlanError(f"{label}: cannot read the file ({exc.strerror or exc})") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise PlanError(f"{label}: larger than the limit of {limit:,} bytes (--max-size)")
    return data


def _refuse_binary(data: bytes, label: str) -> None:
    for sig in _config().signatures:
        if data.startswith(sig.magic):
            raise PlanError(f"{label}: is {sig.kind}, not a text or HTML document")


def _refuse_controls(text: str, label: str) -> None:
    controls = sum(1 for ch in text if _is_control(ch))
    if controls and controls > _config().max_control_ratio * len(text):
        raise PlanError(f"{label}: looks like a binary file ({controls} control characters)")


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"


# ---------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode(data: bytes, label: str) -> tuple[str, str, list[str]]:
    """Decode ``data`` judging only the bytes; return (text, encoding, warnings)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec.replace("-sig", "")), codec, []
            except UnicodeDecodeError:
                continue  # e.g. FF FE 00 00 opening UTF-16 text; try the next mark
    if b"\x00" in data:
        codec = _wide_by_nuls(data)
        if codec:
            try:
                return data.decode(codec), codec, []
            except UnicodeDecodeError:
                pass
        if data.count(0) > _config().max_nul_ratio * len(data):
            raise PlanError(f"{label}: looks like a binary file (NUL bytes, not UTF-16 text)")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, label)


def _wide_by_nuls(data: bytes) -> str | None:
    """UTF-16/32 without a BOM: NULs at regular positions, and one byte order
    that decodes into plausible text (CJK, printable ASCII, whitespace)."""
    n = len(data)
    if n >= 8 and n % 4 == 0:
        lanes = [data[k:n:4].count(0) for k in range(4)]
        if lanes[2] > 0.9 * n / 4 and lanes[3] > 0.9 * n / 4:
            return "utf-32-le"
        if lanes[0] > 0.9 * n / 4 and lanes[1] > 0.9 * n / 4:
            return "utf-32-be"
    scores = []
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            scores.append((_plausible_share(data.decode(codec)), codec))
        except UnicodeDecodeError:
            continue
    if scores and max(scores)[0] >= _config().min_plausible:
        return max(scores)[1]
    return None


def _plausible_share(text: str) -> float:
    ok = sum(1 for ch in text if (ch.isascii() and (ch.isprintable() or ch in "\t\n\r")) or _is_cjk(ch))
    return ok / len(text) if text else 0.0


def _decode_legacy(data: bytes, label: str) -> tuple[str, str, list[str]]:
    """GB18030 or Big5 if exactly one decodes into CJK text; else ask charset-normalizer."""
    import charset_normalizer

    cfg = _config()
    fits: dict[str, str] = {}
    for codec in cfg.legacy_encodings:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _mostly_cjk(text):
            fits[codec] = text
    if len(fits) == 1:
        codec, text = fits.popitem()
        return text, codec, []
    if fits:
        best = charset_normalizer.from_bytes(data, cp_isolation=list(fits)).best()
        codec = _codec_name(best.encoding) if best else ""
        chosen = codec if codec in fits else next(iter(fits))
        return fits[chosen], chosen, []
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _mostly_cjk(text):
            codec = _codec_name(best.encoding)
            return text, codec, [f"encoding guessed by charset-normalizer: {codec}"]
    raise PlanError(
        f"{label}: cannot decode the bytes as UTF-8, UTF-16, UTF-32, GB18030 or Big5 text"
    )


def _codec_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _mostly_cjk(text: str) -> bool:
    wide = [ch for ch in text if not ch.isascii() and not ch.isspace()]
    if not wide:
        return False
    return sum(map(_is_cjk, wide)) >= _config().cjk_ratio * len(wide)


# ---------------------------------------------------------------- text runs


@dataclass
class _Run:
    """Characters of one paragraph with the source span of each."""

    chars: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    hints: set[str] = field(default_factory=set)
    inside: bool = True  # inside the content container (gov.cn pages)

    @classmethod
    def of_source(cls, raw: str, start: int, end: int) -> _Run:
        return cls(list(raw[start:end]), list(range(start, end)), list(range(start + 1, end + 1)))

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def add(self, ch: str, start: int, end: int) -> None:
        self.chars.append(ch)
        self.starts.append(start)
        self.ends.append(end)

    def extend(self, other: _Run) -> None:
        self.chars += other.chars
        self.starts += other.starts
        self.ends += other.ends
        self.hints |= other.hints

    def copy_empty(self) -> _Run:
        return _Run(hints=set(self.hints), inside=self.inside)

    def slice(self, i: int, j: int) -> _Run:
        return _Run(self.chars[i:j], self.starts[i:j], self.ends[i:j], set(self.hints), self.inside)

    def select(self, keep: Iterable[bool]) -> _Run:
        out = self.copy_empty()
        for k, kept in enumerate(keep):
            if kept:
                out.add(self.chars[k], self.starts[k], self.ends[k])
        return out

    def strip(self) -> _Run:
        i, j = 0, len(self.chars)
        while i < j and self.chars[i] in _STRIP:
            i += 1
        while j > i and self.chars[j - 1] in _STRIP:
            j -= 1
        return self.slice(i, j)

    def without_controls(self) -> _Run:
        return self.select(not _is_control(ch) for ch in self.chars)


def _unwrap(run: _Run, pattern: re.Pattern[str], group: int = 1) -> _Run:
    """Delete every match of ``pattern`` except its ``group`` (0: delete all)."""
    keep = [True] * len(run.chars)
    for m in pattern.finditer(run.text):
        keep[m.start():m.end()] = [False] * (m.end() - m.start())
        if group and m.start(group) >= 0:
            keep[m.start(group):m.end(group)] = [True] * (m.end(group) - m.start(group))
    return run.select(keep)


def _split_runon(run: _Run) -> list[_Run]:
    """Split a line at interior runs of "　　" (paragraph indents of run-on text)."""
    pieces, last = [], 0
    for m in _RUNON_INDENT.finditer(run.text):
        pieces.append(run.slice(last, m.start()))
        last = m.end()
    pieces.append(run.slice(last, len(run.chars)))
    return pieces


# ---------------------------------------------------------------- layouts


@dataclass
class _Page:
    """What a layout reader found: paragraphs in order plus page-level metadata."""

    format: str
    runs: list[_Run]
    front: dict[str, Any] = field(default_factory=dict)
    html_title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # field -> value
    warnings: list[str] = field(default_factory=list)


_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HTML_SNIFF = re.compile(
    r"<(?:!doctype|html|head|body|p|div|br|h[1-6]|table|td|li|span|strong|meta|title)\b",
    re.IGNORECASE,
)
_MD_SNIFF = re.compile(r"^ {0,3}#{1,6}[ \t]*[^#\s]", re.MULTILINE)


def _parse_layout(raw: str) -> _Page:
    front: dict[str, Any] = {}
    warnings: list[str] = []
    base = 0
    m = _FRONT_MATTER.match(raw)
    if m:
        try:
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError:
            loaded = None
            warnings.append("front matter is not valid YAML; ignored")
        if isinstance(loaded, dict) or loaded is None:
            front, base = loaded or {}, m.end()
    rest = raw[base:]
    if _HTML_SNIFF.search(rest):
        page = _read_html(raw, base)
        if m and base:
            page.format = "news-post"
    elif _MD_SNIFF.search(rest):
        page = _Page("markdown", _read_markdown(raw, base))
    else:
        page = _Page("text", _read_text(raw, base))
    page.front = {str(k).lower(): v for k, v in front.items()}
    page.warnings += warnings
    return page


def _source_lines(raw: str, base: int) -> Iterable[_Run]:
    for m in _LINE.finditer(raw, base):
        yield _Run.of_source(raw, m.start(), m.end())


def _read_text(raw: str, base: int) -> list[_Run]:
    """A paragraph per non-empty line; run-on lines split at "　　" indents."""
    runs = []
    for line in _source_lines(raw, base):
        for piece in _split_runon(line.without_controls().strip()):
            runs.append(piece.strip())
    return runs


_MD_RULE = re.compile(r"^ {0,3}(?:([-*_])[ \t]*){3,}$|^ {0,3}(?:`{3,}|~{3,})")
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]*(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:[-*+][ \t]+)?")
_MD_WHOLE_STRONG = re.compile(r"^(\*\*|__)(?!\s).+(?<!\s)\1$")
_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), 0),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), 1),  # links: keep the text
    (re.compile(r"(\*\*|__)(?!\s)(.+?)(?<!\s)\1"), 2),  # strong
    (re.compile(r"(?<!\*)\*(?![\s*])(.+?)(?<![\s*])\*(?!\*)"), 1),  # emphasis
    (re.compile(r"`([^`]+)`"), 1),  # code
)


def _read_markdown(raw: str, base: int) -> list[_Run]:
    """Like text, with heading/list/emphasis markers removed (offsets kept)."""
    runs = []
    for line in _source_lines(raw, base):
        text = line.text
        if _MD_RULE.match(text):
            continue
        m = _MD_HEADING.match(text)
        if m:
            line = line.slice(m.start(2), m.end(2))
            line.hints |= {"heading", f"h{len(m.group(1))}"}
        else:
            line = line.slice(_MD_PREFIX.match(text).end(), len(line.chars))
        line = line.without_controls().strip()
        if _MD_WHOLE_STRONG.match(line.text):
            line.hints.add("strong")
        for pattern, group in _MD_INLINE:
            line = _unwrap(line, pattern, group)
        for piece in _split_runon(line.strip()):
            runs.append(piece.strip())
    return runs


# ---------------------------------------------------------------- HTML

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


@dataclass
class _Open:
    tag: str
    ctx: _Ctx  # context inside this element


class _HtmlReader(HTMLParser):
    """Collect paragraphs from HTML with the exact source offset of every character.

    ``convert_charrefs=False`` makes the parser hand over data as raw slices and
    entities one by one; ``getpos()`` and a table of line starts give offsets.
    """

    def __init__(self, raw: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.cfg = _config()
        self.raw = raw
        self.base = base
        # getpos() counts lines of the fed text raw[base:]; line k starts here:
        self.line_starts = [base] + [m.end() for m in _NEWLINE.finditer(raw, base)]
        self.runs: list[_Run] = []
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
        return ctx._replace(
            skip=ctx.skip or tag in self.cfg.skip_tags,
            title=ctx.title or tag == "title",
            center=(ctx.center or tag == "center" or align == "center" or bool(_CENTER.search(style)))
            and not (align in ("left", "right") or _RIGHT.search(style)),
            right=ctx.right or align == "right" or bool(_RIGHT.search(style)),
            strong=ctx.strong or tag in ("strong", "b"),
            heading=int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else ctx.heading,
            container=ctx.container or attrs.get("id", "") in self.cfg.container_ids,
        )

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
        content = [c for c in chars if c[0] not in _STRIP and not _is_control(c[0])]
        if not content:
            return
        run = _Run(inside=content[0][3].container)
        for ch, start, end, _ in chars:
            run.add(ch, start, end)
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


def _tidy_html(run: _Run) -> _Run:
    """Collapse HTML whitespace: no-break space -> " "; a run of whitespace holding a
    line break disappears (or becomes one space between two ASCII characters)."""
    chars = [" " if ch == "\u00a0" else ch for ch in run.chars]
    out = run.copy_empty()
    i, n = 0, len(chars)
    while i < n:
        if _is_control(chars[i]):
            i += 1
            continue
        if chars[i] not in _HTML_SPACE:
            out.add(chars[i], run.starts[i], run.ends[i])
            i += 1
            continue
        j = i
        while j < n and chars[j] in _HTML_SPACE:
            j += 1
        if "\n" in chars[i:j] or "\r" in chars[i:j]:
            before = out.chars[-1] if out.chars else ""
            after = chars[j] if j < n else ""
            if before.isascii() and after.isascii() and before.strip() and after.strip():
                k = next((k for k in range(i, j) if chars[k] == " "), i)
                out.add(" ", run.starts[k], run.ends[k])
        else:
            for k in range(i, j):
                out.add(chars[k], run.starts[k], run.ends[k])
        i = j
    return out.strip()


def _read_html(raw: str, base: int) -> _Page:
    reader = _HtmlReader(raw, base)
    try:
        reader.feed(raw[base:])
        reader.close()
    except (AssertionError, ValueError) as exc:  # malformed markup the stdlib parser gives up on
        raise PlanError(f"cannot parse the HTML ({exc})") from None
    fmt = "govcn-html" if reader.found_container else "html"
    title = re.sub(r"\s+", " ", "".join(reader.title_parts)).strip() or None
    return _Page(fmt, reader.runs, html_title=title, meta=reader.meta)


# ---------------------------------------------------------------- roles: lead, title, body


@dataclass
class _Facts:
    """Metadata found in the paragraphs themselves."""

    document_number: str | None = None
    addressee: str | None = None
    signer: str | None = None
    signed: str | None = None  # ISO date of the signature/date line
    dated: str | None = None  # ISO date of a date line under the title
    decreed: str | None = None  # ISO date of the decree that published a regulation
    labels: dict[str, str] = field(default_factory=dict)


def _is_caption(text: str) -> bool:
    return any(p.search(text) for p in _config().captions)


def _is_title(text: str) -> bool:
    cfg = _config()
    return (
        4 <= len(text) <= cfg.title_max
        and not cfg.title_forbidden.search(text)
        and not cfg.numbering.match(text)
        and not cfg.document_number.search(text)
        and bool(cfg.title_end.search(text))
    )


def _is_fragment(text: str) -> bool:
    cfg = _config()
    return (
        0 < len(text) <= cfg.fragment_max
        and not cfg.fragment_forbidden.search(text)
        and not cfg.numbering.match(text)
        and not cfg.document_number.search(text)
        and not cfg.date.search(text)
        and _mostly_cjk(text)
    )


def _title_runs(runs: list[_Run], lo: int, hi: int) -> list[tuple[int, int]]:
    """Non-overlapping (index, count) of title paragraphs in ``runs[lo:hi]``."""
    found, i = [], lo
    while i < hi:
        for n in range(min(_config().fragment_count, hi - i), 0, -1):
            texts = [r.text for r in runs[i:i + n]]
            if (n == 1 or all(map(_is_fragment, texts))) and _is_title("".join(texts)):
                found.append((i, n))
                i += n
                break
        else:
            i += 1
    return found


def _locate_title(runs: list[_Run], fmt: str, skip: int = 0) -> tuple[int, int] | None:
    """The title paragraph(s): searched in a window after the first ``skip`` paragraphs."""
    cfg = _config()
    window = cfg.windows.get(fmt, cfg.windows["default"])
    if fmt == "govcn-html":
        first_in = max(skip, next((k for k, r in enumerate(runs) if r.inside), len(runs)))
        inside = _title_runs(runs, first_in, min(first_in + window, len(runs)))
        if inside:
            return inside[0]
        outside = _title_runs(runs, 0, first_in)
        return outside[-1] if outside else None
    found = _title_runs(runs, skip, min(skip + window, len(runs)))
    if not found:
        return None
    if fmt == "news-post":
        shown = [(i, n) for i, n in found if any(r.hints & cfg.display_hints for r in runs[i:i + n])]
        return (shown or found)[0]
    return found[0]


def _decree_head(runs: list[_Run], facts: _Facts) -> int:
    """A regulation published with its decree (国务院令第N号, a note, the signature and date).

    Returns the index of the first paragraph after the decree's date line (0 when the text
    does not open with a decree) and records the decree's number.
    """
    cfg = _config()
    texts = [r.text for r in runs[:cfg.windows["default"]]]
    for k, text in enumerate(texts):
        joined = _compact(text + (texts[k + 1] if k + 1 < len(texts) else ""))
        number = cfg.decree_number.match(_compact(text)) or cfg.decree_number.match(joined)
        if number is None:
            continue
        facts.document_number = number.group(0).removeprefix("中华人民共和国")
        for j in range(k + 1, min(k + 8, len(runs))):
            date = cfg.date.search(runs[j].text.rstrip(_STRIP)[-16:])
            if date and date.end() == len(runs[j].text.rstrip(_STRIP)[-16:]):
                facts.decreed = _iso_date(date)
                return j + 1
        return k + 1
    return 0


def _iso_date(match: re.Match[str]) -> str | None:
    try:
        year, month, day = (_cn_int(match.group(g)) for g in ("y", "m", "d"))
        return _dt.date(year, month, day).isoformat()
    except (TypeError, ValueError):
        return None


_CN_DIGIT = {ch: k for k, chs in enumerate("〇○Ｏ零 一 二 三 四 五 六 七 八 九".split()) for ch in chs}


def _cn_int(s: str) -> int | None:
    """'2024', '２０２４', '二〇二四', '十五', '二十三' -> int."""
    if s.isdecimal():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGIT.get(tens, 0) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)
    if all(ch in _CN_DIGIT for ch in s):
        return int("".join(str(_CN_DIGIT[ch]) for ch in s))
    return None


def _is_signature(text: str) -> bool:
    cfg = _config()
    return (
        0 < len(text) <= cfg.signature_max
        and not cfg.fragment_forbidden.search(text)
        and not cfg.numbering.match(text)
        and not re.search(r"[0-9０-９]", text)
        and (bool(cfg.institution.search(text)) or text in cfg.issuers.values())
    )


def _split_head(runs: list[_Run]) -> list[_Run]:
    """Split the document's head where title, 文号, date and addressee share one line.

    Plain texts often run ``国务院关于…的意见国发〔2011〕35号各省、…：　　正文`` together; each
    piece becomes its own paragraph so that the title and the number are found as such.
    Only the first paragraphs before any numbered unit are looked at.
    """
    cfg = _config()
    out: list[_Run] = []
    for k, run in enumerate(runs):
        if k >= cfg.windows["default"] or cfg.numbering.match(run.text) or not run.inside:
            out.append(run)
            continue
        out.extend(p for p in _head_pieces(run) if p.chars)
    return out


def _split_tail(runs: list[_Run]) -> list[_Run]:
    """Split off a signature and date run onto the end of the last sentence
    (…落地见效。国务院办公厅2020年7月15日（此件公开发布）), and a date line run into the text that
    follows it (二○○七年十一月二十二日 国家环境保护“十一五”规划…)."""
    cfg = _config()
    out: list[_Run] = []
    for run in runs:
        text = run.text
        signed = cfg.glued_signature.search(text)
        if not (signed and _is_signature(signed.group("signer").strip(_STRIP))):
            signed = cfg.known_signature.search(text)  # …附件：…做法国务院办公厅 2018年7月24日
        if signed and signed.start("signer") > 0:
            cut = signed.start("signer")
            out += [p for p in (run.slice(0, cut).strip(), run.slice(cut, signed.end("date")).strip(),
                                run.slice(signed.end("date"), len(run.chars)).strip()) if p.chars]
            continue
        dated = cfg.leading_date.match(text)
        if dated and dated.end() < len(text):
            out += [run.slice(0, dated.end("date")), run.slice(dated.end(), len(run.chars)).strip()]
            continue
        out.append(run)
    return out


def _head_pieces(run: _Run) -> list[_Run]:
    """``run`` cut before and after its document number, a bracketed date and an addressee."""
    cfg = _config()
    text = run.text
    m = cfg.document_number.search(text) or cfg.decree_number.search(text)
    if m is None or m.start() > cfg.title_max:
        return [run]
    start = m.start() + _number_prefix_offset(m.group("prefix"))
    pieces = [run.slice(0, start).strip(), run.slice(start, m.end())]
    rest = run.slice(m.end(), len(run.chars)).strip()
    date = cfg.bracket_date.match(rest.text)
    if date:
        pieces.append(rest.slice(0, date.end()))
        rest = rest.slice(date.end(), len(rest.chars)).strip()
    addressee = cfg.head_addressee.match(rest.text)
    if addressee:
        pieces.append(rest.slice(0, addressee.end()))
        rest = rest.slice(addressee.end(), len(rest.chars)).strip()
    return pieces + [rest]


def _compact(text: str) -> str:
    """A document number without the spaces some texts put in it (国发 〔2011〕 35 号)."""
    return re.sub(f"[{_STRIP}]+", "", text)


def _number_prefix_offset(prefix: str) -> int:
    """Where the issuer's prefix starts inside a greedy match such as ``…的意见国发``."""
    known = [p for p in _config().issuers if prefix.endswith(p)]
    if known:
        return len(prefix) - len(max(known, key=len))
    ends = [m.end() for m in _config().title_end_word.finditer(prefix)]
    return ends[-1] if ends else 0


def _assign_roles(runs: list[_Run], fmt: str) -> tuple[list[str], tuple[int, int] | None, _Facts]:
    """Give each paragraph a role: lead, title, body or drop (gov.cn page chrome)."""
    roles = ["body"] * len(runs)
    facts = _Facts()
    if fmt == "govcn-html":
        _read_labels(runs, facts)
        roles = ["body" if r.inside else "drop" for r in runs]
    title = _locate_title(runs, fmt, _decree_head(runs, facts))
    start = 0
    if title:
        i, n = title
        for k in range(i):
            if roles[k] == "body":
                roles[k] = "lead"
        roles[i:i + n] = ["title"] * n
        start = i + n
    _mark_preamble(runs, roles, start, facts)
    _mark_closing(runs, roles, facts)
    return roles, title, facts


def _mark_preamble(runs: list[_Run], roles: list[str], start: int, facts: _Facts) -> None:
    """Document number, addressee and a date line just after the title go to the lead."""
    cfg = _config()
    for k in range(start, len(runs)):
        if roles[k] == "drop":
            continue
        text = runs[k].text
        number = cfg.document_number.fullmatch(text) or cfg.decree_number.fullmatch(text)
        date = cfg.date_line.match(text)
        if number:
            facts.document_number = facts.document_number or _compact(text)
        elif cfg.addressee.match(text):
            facts.addressee = facts.addressee or text.rstrip("：:")
        elif date:
            facts.dated = facts.dated or _iso_date(date)
        else:
            return
        roles[k] = "lead"


def _mark_closing(runs: list[_Run], roles: list[str], facts: _Facts) -> None:
    """A date line (with the signature line before it and notes after it) goes to the lead."""
    cfg = _config()
    for k, run in enumerate(runs):
        if roles[k] != "body":
            continue
        text = run.text
        date = cfg.date_line.match(text)
        signed = None if date else cfg.signed_date_line.match(text)
        if signed and not _is_signature(signed.group("signer").strip(_STRIP)):
            signed = None
        if not (date or signed):
            continue
        roles[k] = "lead"
        facts.signed = _iso_date(date or signed) or facts.signed
        signers = [signed.group("signer").strip(_STRIP)] if signed else []
        j = k - 1
        while j >= 0 and roles[j] == "body" and k - j <= 6 and _is_signature(runs[j].text):
            roles[j] = "lead"  # joint documents have one signature line per body
            signers.insert(0, runs[j].text)
            j -= 1
        if signers:
            facts.signer = "、".join(signers)
        for j in range(k + 1, len(runs)):
            if roles[j] != "body" or not cfg.closing_note.match(runs[j].text):
                break
            roles[j] = "lead"


def _read_labels(runs: list[_Run], facts: _Facts) -> None:
    """Label/value pairs of a gov.cn information table outside the content."""
    labels = _config().labels
    for k, run in enumerate(runs):
        if run.inside:
            continue
        text = re.sub(r"[\s\u3000]+", "", run.text)
        m = re.match(r"^([^：:]{2,8})[：:](.*)$", text)
        if not m or m.group(1) not in labels:
            continue
        value = m.group(2)
        if not value and k + 1 < len(runs) and not runs[k + 1].inside:
            value = runs[k + 1].text
        if value:
            facts.labels.setdefault(labels[m.group(1)], value)


# ---------------------------------------------------------------- metadata


def _date_from(value: Any) -> str | None:
    """ISO date from a front-matter/meta value: date, RFC 2822, ISO or Chinese text."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    m = _config().date.search(text)
    if m:
        return _iso_date(m)
    m = re.search(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if m:
        try:
            return _dt.date(*map(int, m.groups())).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _publisher_from_number(number: str | None) -> str | None:
    if not number:
        return None
    m = _config().document_number.search(number) or _config().decree_number.search(number)
    if not m:
        return None
    prefix = m.group("prefix")
    issuers = _config().issuers
    if prefix in issuers:
        return issuers[prefix]
    known = [p for p in issuers if prefix.startswith(p)]
    return issuers[max(known, key=len)] if known else None


def _forwarded_authors(title: str | None, body: list[str]) -> list[str]:
    """The bodies whose document a notice forwards (…转发交通运输部等单位关于…的通知): its first
    paragraph opens with them, 交通运输部、中央政法委、公安部…《关于…》已经国务院同意: they issue it too."""
    if not title or "转发" not in title or not body:
        return []
    m = re.match(r"^(?:[^：:。]{0,150}[：:])?(?P<who>[^。《：:]{2,300}?)(?:关于[^《。]*)?《", body[0])
    if not m:
        return []
    names = [n.strip(_STRIP) for n in m.group("who").split("、")]
    institution = _config().institution
    return [n for n in names if 2 <= len(n) <= 30 and institution.search(n)] if len(names) > 1 else []


def _publisher_from_lead(lead: list[str], title: str | None) -> str | None:
    cfg = _config()
    hits = [m for text in lead for m in cfg.lead_publisher.finditer(text)
            if cfg.institution.search(m.group("who"))]
    for m in hits:
        if title and m.group("what") == title:
            return m.group("who")
    return hits[0].group("who") if hits else None


def _clean_page_title(title: str | None) -> str | None:
    if not title:
        return None
    return re.split(r"\s*[_|｜]\s*|\s+[-–—]\s+", title)[0].strip() or None


def _metadata(page: _Page, encoding: str, texts: dict[str, list[str]], facts: _Facts) -> Metadata:
    front, meta, labels = page.front, page.meta, facts.labels
    title = next(iter(texts["title"]), None)
    title = _tight(title) if title else title
    title = title or _text_or_none(front.get("title")) or labels.get("title") \
        or meta.get("title") or _clean_page_title(page.html_title) \
        or next(iter(texts["body"] + texts["lead"]), None)
    number = facts.document_number or labels.get("document_number")
    issued = facts.decreed or facts.signed or _date_from(labels.get("written")) or facts.dated \
        or _date_from(labels.get("published")) or _date_from(meta.get("issued")) \
        or _date_from(front.get("date"))
    publisher = _publisher_from_number(number) or facts.signer or labels.get("publisher") \
        or _publisher_from_lead(texts["lead"], title)
    publisher = "、".join(dict.fromkeys(filter(None, [publisher, *_forwarded_authors(title, texts["body"])]))) or None
    author = _text_or_none(front.get("author")) or meta.get("author")
    return Metadata(
        title=title, issued=issued, publisher=publisher, author=author,
        document_number=number, addressee=facts.addressee,
        format=page.format, encoding=encoding,
    )


def _tight(text: str) -> str:
    """A title without the spaces a layout put between its Chinese characters (国 家 粮 食)."""
    return re.sub(f"(?<=[^\\x00-\\x7f])[{_STRIP}]+(?=[^\\x00-\\x7f])", "", text).strip(_STRIP)


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# ---------------------------------------------------------------- assembly


def _read_bytes(data: bytes, label: str) -> Document:
    if not data:
        raise PlanError(f"{label}: empty file")
    converted = to_text(data, label)  # (format, text) of a Word or PDF document, else None
    if converted is None:
        _refuse_binary(data, label)
        raw, encoding, warnings = _decode(data, label)
    else:
        (fmt, raw), encoding, warnings = converted, "utf-8", []
    if not raw.strip(_STRIP):
        raise PlanError(f"{label}: file contains only whitespace")
    _refuse_controls(raw, label)
    try:
        page = _parse_layout(raw) if converted is None else _Page(fmt, _read_text(raw, 0))
    except PlanError as exc:
        raise PlanError(f"{label}: {exc}") from None
    runs = [r for r in page.runs if r.chars and not _is_caption(r.text)]
    if not runs:
        raise PlanError(f"{label}: no text paragraphs found ({page.format})")
    runs = _split_tail(_split_head(runs))
    roles, title_at, facts = _assign_roles(runs, page.format)
    if all(role == "drop" for role in roles):
        raise PlanError(f"{label}: no text paragraphs found in the page's content area")
    if title_at is None:
        warnings.append("no title paragraph found")
    return _assemble(label, raw, page, encoding, runs, roles, facts, warnings + page.warnings)


def _assemble(label: str, raw: str, page: _Page, encoding: str, runs: list[_Run],
              roles: list[str], facts: _Facts, warnings: list[str]) -> Document:
    """Join kept paragraphs with "\\n" (a join maps to an empty source span)."""
    merged: list[tuple[str, _Run]] = []
    for role, run in zip(roles, runs):
        if role == "drop":
            continue
        if role == "title" and merged and merged[-1][0] == "title":
            merged[-1][1].extend(run)  # a title split over several lines is one paragraph
        else:
            merged.append((role, _Run(list(run.chars), list(run.starts), list(run.ends),
                                      set(run.hints), run.inside)))
    parts: list[str] = []
    starts, ends = array("l"), array("l")
    sections: dict[str, list[Paragraph]] = {"lead": [], "title": [], "body": []}
    pos = 0
    for role, run in merged:
        if parts:
            parts.append("\n")
            starts.append(ends[-1])
            ends.append(ends[-1])
            pos += 1
        if role == "title":
            run.hints.add("title")
        text = run.text
        sections[role].append(Paragraph(pos, pos + len(text), text, frozenset(run.hints)))
        parts.append(text)
        starts.extend(run.starts)
        ends.extend(run.ends)
        pos += len(text)
    texts = {role: [p.text for p in paras] for role, paras in sections.items()}
    if not sections["body"]:
        warnings.append("no body paragraphs")
    return Document(
        source=label,
        raw=raw,
        text="".join(parts),
        raw_starts=starts,
        raw_ends=ends,
        metadata=_metadata(page, encoding, texts, facts),
        lead=sections["lead"],
        title=sections["title"][0] if sections["title"] else None,
        body=sections["body"],
        warnings=warnings,
    )
