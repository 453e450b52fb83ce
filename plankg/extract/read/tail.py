"""The document's tail: signature lines (one per issuer of a joint document), the date line
and the closing notes after it (此件公开发布); a signature and date run onto the last
sentence, or a date line run into the text after it, split off."""
from __future__ import annotations

import re

from .config import STRIP, config
from .facts import Facts, iso_date
from .runs import Run


def _is_signature(text: str) -> bool:
    cfg = config()
    return (
        0 < len(text) <= cfg.signature_max
        and not cfg.fragment_forbidden.search(text)
        and not cfg.numbering.match(text)
        and not re.search(r"[0-9０-９]", text)
        and (bool(cfg.institution.search(text)) or text in cfg.issuers.values())
    )


def split_tail(runs: list[Run]) -> list[Run]:
    """Split off a signature and date run onto the end of the last sentence
    (…落地见效。国务院办公厅2020年7月15日（此件公开发布）), and a date line run into the text that
    follows it (二○○七年十一月二十二日 国家环境保护“十一五”规划…)."""
    cfg = config()
    out: list[Run] = []
    for k, run in enumerate(runs):
        text = run.text
        signer = _signer_before_date_line(runs, k)
        if signer is not None:  # 附件：…联席会议制度国务院办公厅 | 2021年1月26日
            out += [run.slice(0, signer).strip(), run.slice(signer, len(run.chars)).strip()]
            continue
        signed = cfg.glued_signature.search(text)
        if not (signed and _is_signature(signed.group("signer").strip(STRIP))):
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


def _signer_before_date_line(runs: list[Run], k: int) -> int | None:
    """Where a known issuer's name run onto the end of line ``k`` begins, when the next line is
    the date line of the signature; None when there is none, or it is the whole line."""
    cfg = config()
    if k + 1 >= len(runs) or not cfg.date_line.match(runs[k + 1].text):
        return None
    signed = cfg.trailing_signer.search(runs[k].text)
    if signed is None or not runs[k].text[:signed.start("signer")].strip(STRIP):
        return None
    return signed.start("signer")


def mark_closing(runs: list[Run], roles: list[str], facts: Facts) -> None:
    """A date line (with the signature line before it and notes after it) goes to the lead."""
    cfg = config()
    for k, run in enumerate(runs):
        if roles[k] != "body":
            continue
        text = run.text
        date = cfg.date_line.match(text)
        signed = None if date else cfg.signed_date_line.match(text)
        if signed and not _is_signature(signed.group("signer").strip(STRIP)):
            signed = None
        found = date or signed
        if found is None:
            continue
        roles[k] = "lead"
        facts.signed = iso_date(found) or facts.signed
        signers = [signed.group("signer").strip(STRIP)] if signed else []
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
