"""Bytes to a ``Document``: Word/PDF converted or text decoded, the layout read, the head and
tail split, each paragraph given its role (lead, title, body, or dropped page chrome), and
the kept paragraphs joined into the clean text with its map to the source."""
from __future__ import annotations

from array import array

from plankg.extract.model import Document, Paragraph, PlanError

from .config import STRIP
from .encodings import decode_bytes
from .facts import Facts
from .files import refuse_binary, refuse_controls
from .head import (
    decree_head,
    is_caption,
    locate_title,
    mark_preamble,
    read_labels,
    split_head,
)
from .layouts import parse_layout, read_text
from .metadata import document_metadata
from .office import to_text
from .runs import Page, Run
from .tail import mark_closing, split_tail


def _assign_roles(runs: list[Run], fmt: str) -> tuple[list[str], tuple[int, int] | None, Facts]:
    """Give each paragraph a role: lead, title, body or drop (gov.cn page chrome)."""
    roles = ["body"] * len(runs)
    facts = Facts()
    if fmt == "govcn-html":
        read_labels(runs, facts)
        roles = ["body" if r.inside else "drop" for r in runs]
    title = locate_title(runs, fmt, decree_head(runs, facts))
    start = 0
    if title:
        i, n = title
        for k in range(i):
            if roles[k] == "body":
                roles[k] = "lead"
        roles[i:i + n] = ["title"] * n
        start = i + n
    mark_preamble(runs, roles, start, facts)
    mark_closing(runs, roles, facts)
    return roles, title, facts


def read_bytes(data: bytes, label: str) -> Document:
    """The ``Document`` of ``data`` (``label`` names it in messages and as its source)."""
    if not data:
        raise PlanError(f"{label}: empty file")
    converted = to_text(data, label)  # (format, text) of a Word or PDF document, else None
    if converted is None:
        refuse_binary(data, label)
        raw, encoding, warnings = decode_bytes(data, label)
    else:
        (fmt, raw), encoding, warnings = converted, "utf-8", []
    if not raw.strip(STRIP):
        raise PlanError(f"{label}: file contains only whitespace")
    refuse_controls(raw, label)
    try:
        page = parse_layout(raw) if converted is None else Page(fmt, read_text(raw, 0))
    except PlanError as exc:
        raise PlanError(f"{label}: {exc}") from None
    runs = [r for r in page.runs if r.chars and not is_caption(r.text)]
    if not runs:
        raise PlanError(f"{label}: no text paragraphs found ({page.format})")
    runs = split_tail(split_head(runs))
    roles, title_at, facts = _assign_roles(runs, page.format)
    if all(role == "drop" for role in roles):
        raise PlanError(f"{label}: no text paragraphs found in the page's content area")
    if title_at is None:
        warnings.append("no title paragraph found")
    return _assemble(label, raw, page, encoding, runs, roles, facts, warnings + page.warnings)


def _assemble(label: str, raw: str, page: Page, encoding: str, runs: list[Run],
              roles: list[str], facts: Facts, warnings: list[str]) -> Document:
    """Join kept paragraphs with "\\n" (a join maps to an empty source span)."""
    merged: list[tuple[str, Run]] = []
    for role, run in zip(roles, runs, strict=True):
        if role == "drop":
            continue
        if role == "title" and merged and merged[-1][0] == "title":
            merged[-1][1].extend(run)  # a title split over several lines is one paragraph
        else:
            merged.append((role, Run(list(run.chars), list(run.starts), list(run.ends),
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
    # the title's lines as read, apart: a joint document's issuers may be listed over two of them
    texts["title_lines"] = [run.text for role, run in zip(roles, runs, strict=True) if role == "title"]
    if not sections["body"]:
        warnings.append("no body paragraphs")
    return Document(
        source=label,
        raw=raw,
        text="".join(parts),
        raw_starts=starts,
        raw_ends=ends,
        metadata=document_metadata(page, encoding, texts, facts),
        lead=sections["lead"],
        title=sections["title"][0] if sections["title"] else None,
        body=sections["body"],
        warnings=warnings,
    )
