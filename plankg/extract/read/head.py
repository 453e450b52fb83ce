"""The document's head: its own title (joining a title split over up to four lines, in a
window after a news lead or a decree), the 文号 and addressee after it, a decree that
publishes a regulation (国务院令第N号), gov.cn information-table labels; and a head run
together on one line (title, 文号, date and addressee) split into paragraphs."""
from __future__ import annotations

import re

from .config import STRIP, config
from .encodings import mostly_cjk
from .facts import Facts, iso_date
from .runs import Run


def is_caption(text: str) -> bool:
    """A caption paragraph (a picture's, a page's chrome) that is not part of the text."""
    return any(p.search(text) for p in config().captions)


def _is_title(text: str) -> bool:
    cfg = config()
    return (
        4 <= len(text) <= cfg.title_max
        and not cfg.title_forbidden.search(text)
        and not cfg.numbering.match(text)
        and not cfg.document_number.search(text)
        and bool(cfg.title_end.search(text))
    )


def _is_fragment(text: str) -> bool:
    cfg = config()
    return (
        0 < len(text) <= cfg.fragment_max
        and not cfg.fragment_forbidden.search(text)
        and not cfg.numbering.match(text)
        and not cfg.document_number.search(text)
        and not cfg.date.search(text)
        and mostly_cjk(text)
    )


def _title_runs(runs: list[Run], lo: int, hi: int) -> list[tuple[int, int]]:
    """Non-overlapping (index, count) of title paragraphs in ``runs[lo:hi]``."""
    found, i = [], lo
    while i < hi:
        for n in range(min(config().fragment_count, hi - i), 0, -1):
            texts = [r.text for r in runs[i:i + n]]
            if (n == 1 or all(map(_is_fragment, texts))) and _is_title("".join(texts)):
                found.append((i, n))
                i += n
                break
        else:
            i += 1
    return found


def locate_title(runs: list[Run], fmt: str, skip: int = 0) -> tuple[int, int] | None:
    """The title paragraph(s): searched in a window after the first ``skip`` paragraphs."""
    cfg = config()
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
    return _whole_title(runs, found)


def _whole_title(runs: list[Run], found: list[tuple[int, int]]) -> tuple[int, int]:
    """The first title found, or a later one that is the same title with its issuers before it: a
    saved page heads its text with the short title (关于…的通知), and the document's own head
    gives the issuers on the line above (生态环境部　水利部… / 关于…的通知)."""
    first = "".join(r.text for r in runs[found[0][0]:found[0][0] + found[0][1]])
    for i, n in found[1:]:
        title = "".join(r.text for r in runs[i:i + n])
        if len(title) > len(first) and title.endswith(first):
            return i, n
    return found[0]


def decree_head(runs: list[Run], facts: Facts) -> int:
    """A regulation published with its decree (国务院令第N号, a note, the signature and date).

    Returns the index of the first paragraph after the decree's date line (0 when the text
    does not open with a decree) and records the decree's number.
    """
    cfg = config()
    texts = [r.text for r in runs[:cfg.windows["default"]]]
    for k, text in enumerate(texts):
        joined = _compact(text + (texts[k + 1] if k + 1 < len(texts) else ""))
        number = cfg.decree_number.match(_compact(text)) or cfg.decree_number.match(joined)
        if number is None:
            continue
        facts.document_number = number.group(0).removeprefix("中华人民共和国")
        for j in range(k + 1, min(k + 8, len(runs))):
            tail = runs[j].text.rstrip(STRIP)[-16:]
            date = cfg.date.search(tail)
            if date and date.end() == len(tail):
                facts.decreed = iso_date(date)
                return j + 1
        return k + 1
    return 0


# How far after a decree's number the date that signs it is looked for (its note and signature).
_DECREE_REACH = 160


def split_head(runs: list[Run]) -> list[Run]:
    """Split the document's head where title, 文号, date and addressee share one line.

    Plain texts often run ``国务院关于…的意见国发〔2011〕35号各省、…：　　正文`` together; each
    piece becomes its own paragraph so that the title and the number are found as such. A decree
    run on into the regulation it publishes ends at the date that signs it.
    Only the first paragraphs of the text (not of a page's label table) before any numbered unit
    are looked at.
    """
    cfg = config()
    out: list[Run] = []
    inside = 0  # the runs of the text itself seen so far (a page's label table is not the head)
    for run in runs:
        if run.inside and inside < cfg.windows["default"] and not cfg.numbering.match(run.text):
            out.extend(p for p in _head_pieces(run) if p.chars)
        else:
            out.append(run)
        inside += run.inside
    return out


def _head_pieces(run: Run) -> list[Run]:
    """``run`` cut before and after its document number, a bracketed date and an addressee."""
    cfg = config()
    text = run.text
    m = cfg.document_number.search(text) or cfg.decree_number.search(text)
    if m is None or m.start() > cfg.title_max:
        return [run]
    start = m.start() + _number_prefix_offset(m.group("prefix"))
    end = m.end()
    before, after = text[:start].rstrip(), text[end:].lstrip()
    bracketed = before.endswith(("（", "(")) and after.startswith(("）", ")"))  # …的指导意见（银发〔2024〕186号）
    title_end, rest_start = (len(before) - 1, len(text) - len(after) + 1) if bracketed else (start, end)
    pieces = [run.slice(0, title_end).strip(), run.slice(start, end)]
    rest = run.slice(rest_start, len(run.chars)).strip()
    if m.re is cfg.decree_number:  # 国务院令第693号 现公布…施行。总理 李克强 2017年12月25日|条例…
        after = rest.text
        note_end = after.find("。")  # the date that signs the decree follows its note
        signed = cfg.date.search(after, note_end + 1, _DECREE_REACH) if note_end != -1 else None
        if signed:
            pieces.append(rest.slice(0, signed.end()))
            rest = rest.slice(signed.end(), len(rest.chars)).strip()
    date = cfg.bracket_date.match(rest.text)
    if date:
        pieces.append(rest.slice(0, date.end()))
        rest = rest.slice(date.end(), len(rest.chars)).strip()
    addressee = cfg.head_addressee.match(rest.text)
    if addressee:
        pieces.append(rest.slice(0, addressee.end()))
        rest = rest.slice(addressee.end(), len(rest.chars)).strip()
    return [*pieces, rest]


def _compact(text: str) -> str:
    """A document number without the spaces some texts put in it (国发 〔2011〕 35 号)."""
    return re.sub(f"[{STRIP}]+", "", text)


def _number_prefix_offset(prefix: str) -> int:
    """Where the issuer's prefix starts inside a greedy match such as ``…的意见国发``: after the
    last title end that leaves a prefix (…的通知|商流通函: the 函 that ends the prefix ends no title)."""
    known = [p for p in config().issuers if prefix.endswith(p)]
    if known:
        return len(prefix) - len(max(known, key=len))
    ends = [m.end() for m in config().title_end_word.finditer(prefix) if m.end() < len(prefix)]
    return ends[-1] if ends else 0


def mark_preamble(runs: list[Run], roles: list[str], start: int, facts: Facts) -> None:
    """Document number, addressee and a date line just after the title go to the lead (the
    addressee with the hint ``addressee``)."""
    cfg = config()
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
            runs[k].hints.add("addressee")  # named text, though no part of the plan
        elif date:
            facts.dated = facts.dated or iso_date(date)
        else:
            return
        roles[k] = "lead"


def read_labels(runs: list[Run], facts: Facts) -> None:
    """Label/value pairs of a gov.cn information table outside the content."""
    labels = config().labels
    for k, run in enumerate(runs):
        if run.inside:
            continue
        text = re.sub(r"\s+", "", run.text)
        m = re.match(r"^([^：:]{2,8})[：:](.*)$", text)
        if not m or m.group(1) not in labels:
            continue
        value = m.group(2)
        if not value and k + 1 < len(runs) and not runs[k + 1].inside:
            value = runs[k + 1].text
        if value:
            facts.labels.setdefault(labels[m.group(1)], value)
