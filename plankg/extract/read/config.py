"""The reader's knowledge, loaded once from ``data/reader.yaml`` and ``data/issuers.tsv``:
document-type words, caption, numbering, date and signature patterns, HTML tag sets and the
document-number prefixes of issuers (``config()``); ``STRIP``, the spaces stripped around
every paragraph."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from plankg.cjk import SENTENCE_ENDS, SENTENCE_ENDS_HALF
from plankg.datafiles import data_lines, data_text, data_yaml
from plankg.patterns import alternation

_PACKAGE = "plankg.extract"


# Stripped around every paragraph (ASCII whitespace, no-break, ideographic and
# zero-width spaces, stray BOMs).
STRIP = " \t\n\r\f\v\u00a0\u3000\u200b\ufeff"

# A line that ends with one of these ends its paragraph, wherever the layout wrapped the text.
PARAGRAPH_END = tuple(SENTENCE_ENDS + SENTENCE_ENDS_HALF + "；;：:")


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
    trailing_signer: re.Pattern[str]
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
    passed_on_words: tuple[str, ...]
    forwarding_words: tuple[str, ...]
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
    chrome_tags: frozenset[str]
    chrome: re.Pattern[str]
    chrome_unless: re.Pattern[str]
    meta_keys: dict[str, str]  # lower-case <meta name> -> field
    labels: dict[str, str]  # label text -> field
    issuers: dict[str, str]  # document-number prefix -> issuing body


def _load_issuers(text: str) -> dict[str, str]:
    issuers = {}
    for _, line in data_lines(text):
        prefix, _, body = line.partition("\t")
        issuers[prefix.strip()] = body.strip()
    return issuers


@functools.cache
def config() -> _Config:
    """The reader's knowledge, loaded once (see the module docstring)."""
    data = data_yaml(_PACKAGE, "data/reader.yaml")
    title = data["title"]
    words = alternation(data["document_types"])
    date = data["date"]
    closing_note = data["closing_note"].strip("^$")  # the pattern of a closing note, unanchored
    title_end = f"(?:{words}){title['suffix_note']}{title['closing_marks']}"
    htm = data["html"]
    meta_keys = {key: fld for fld, keys in htm["meta"].items() for key in keys}
    issuers = _load_issuers(data_text(_PACKAGE, "data/issuers.tsv"))
    signers = alternation(set(issuers.values()))
    return _Config(
        title_end=re.compile(f"{title_end}$"),
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
        glued_signature=re.compile(rf"(?<=[。！？])[{STRIP}]*(?P<signer>[^。！？]{{2,40}}?)[{STRIP}]*(?P<date>{date})"
                                   rf"[{STRIP}]*(?:{closing_note})?[{STRIP}]*$"),
        known_signature=re.compile(
            rf"(?P<signer>{signers})[{STRIP}]*(?P<date>{date})[{STRIP}]*(?:{closing_note})?[{STRIP}]*$"),
        trailing_signer=re.compile(rf"(?P<signer>{signers})[{STRIP}]*$"),
        leading_date=re.compile(rf"(?P<date>{date})[{STRIP}]+(?=\S)"),
        bracket_date=re.compile(rf"^[（(]\s*{date}\s*[）)]"),
        head_addressee=re.compile(data["head_addressee"]),
        title_end_word=re.compile(title_end),
        addressee=re.compile(data["addressee"]),
        date=re.compile(date),
        date_line=re.compile(rf"^[（(]?\s*{date}\s*[）)]?\s*(?:{closing_note})?$"),
        signed_date_line=re.compile(rf"^(?P<signer>\S.{{0,60}}?)\s*{date}$"),
        closing_note=re.compile(data["closing_note"]),
        institution=re.compile(data["institution_suffix"]),
        signature_max=int(data["signature_max_length"]),
        lead_publisher=re.compile(data["lead_publisher"]),
        passed_on_words=tuple(data["passed_on_words"]),
        forwarding_words=tuple(data["forwarding_words"]),
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
        chrome_tags=frozenset(htm["chrome_tags"]),
        chrome=re.compile(htm["chrome"], re.IGNORECASE),
        chrome_unless=re.compile(htm["chrome_unless"], re.IGNORECASE),
        meta_keys=meta_keys,
        labels=dict(data["labels"]),
        issuers=issuers,
    )
