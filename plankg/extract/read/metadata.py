"""The document's metadata from what the reader found: title, date, 文号, addressee and
publishers (from the 文号's issuer prefix, the signature, gov.cn labels, a news lead, and the
bodies whose document a notice forwards), with front matter and ``<meta>`` as fallbacks."""
from __future__ import annotations

import datetime as _dt
import email.utils
import re
from typing import Any

from plankg.extract.model import Metadata

from .config import STRIP, config
from .facts import Facts, iso_date
from .runs import Page


def _date_from(value: Any) -> str | None:
    """ISO date from a front-matter/meta value: date, RFC 2822, ISO or Chinese text."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    m = config().date.search(text)
    if m:
        return iso_date(m)
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
    m = config().document_number.search(number) or config().decree_number.search(number)
    if not m:
        return None
    prefix = m.group("prefix")
    issuers = config().issuers
    if prefix in issuers:
        return issuers[prefix]
    known = [p for p in issuers if prefix.startswith(p)]
    return issuers[max(known, key=len)] if known else None


def _forwarded_authors(title: str | None, body: list[str]) -> list[str]:
    """The bodies whose document a notice forwards (…转发交通运输部等单位关于…的通知): its first
    paragraph opens with them, 交通运输部、中央政法委、公安部…《关于…》已经国务院同意: they issue it too."""
    if not title or not any(word in title for word in config().forwarding_words) or not body:
        return []
    m = re.match(r"^(?:[^：:。]{0,150}[：:])?(?P<who>[^。《：:]{2,300}?)(?:关于[^《。]*)?《", body[0])
    if not m:
        return []
    names = [n.strip(STRIP) for n in m.group("who").split("、")]
    return [n for n in names if _is_body(n)] if len(names) > 1 else []


def _is_body(name: str) -> bool:
    """Is ``name`` shaped like a body's name (…部, …委员会, …局 of 2 to 30 characters)?"""
    return 2 <= len(name) <= 30 and config().institution.search(name) is not None


def _spaced_lines(lines: list[str]) -> str:
    """A title split over several lines, read as one: a line of issuers set apart by spaces (…财政部
    自然资源部 / 农业农村部 国家文物局…) ends with a space too, so that no two issuers run together."""
    joined = ""
    for line in lines:
        spaced = bool(joined) and "关于" not in joined and any(c in STRIP for c in joined.strip(STRIP))
        joined += (" " if spaced and not joined.endswith(tuple(STRIP)) else "") + line
    return joined


def _title_and_issuers(title: str) -> tuple[str, list[str]]:
    """The title without layout spaces (``_tight``), and the issuers a joint document's title
    names before 关于, set apart by spaces or 、 (中国人民银行　银保监会　证监会　外汇局关于…, 财政部、
    税务总局关于…): every one of them issues it; issuers set apart by spaces stay apart in the title.
    A title that forwards or issues another's document (转发, 批转, 印发) names its author there."""
    head, about, rest = title.partition("关于")
    names = [n for n in re.split(f"[{STRIP}、]+", head) if n]
    passed_on = any(word in head for word in config().passed_on_words)
    if not about or passed_on or len(names) < 2 or not all(map(_is_body, names)):
        return _tight(title), []
    return (_tight(title) if "、" in head else " ".join(names) + about + _tight(rest)), names


def _publisher_from_lead(lead: list[str], title: str | None) -> str | None:
    cfg = config()
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


def document_metadata(page: Page, encoding: str, texts: dict[str, list[str]], facts: Facts) -> Metadata:
    """The document's ``Metadata`` from its page, encoding, paragraph texts by role and facts."""
    front, meta, labels = page.front, page.meta, facts.labels
    title, issuers = _title_and_issuers(_spaced_lines(texts["title_lines"])) if texts["title_lines"] else (None, [])
    title = title or _text_or_none(front.get("title")) or labels.get("title") \
        or meta.get("title") or _clean_page_title(page.html_title) \
        or next(iter(texts["body"] + texts["lead"]), None)
    number = facts.document_number or labels.get("document_number")
    issued = facts.decreed or facts.signed or _date_from(labels.get("written")) or facts.dated \
        or _date_from(labels.get("published")) or _date_from(meta.get("issued")) \
        or _date_from(front.get("date"))
    publisher = _publisher_from_number(number) or facts.signer or labels.get("publisher") \
        or _publisher_from_lead(texts["lead"], title)
    everyone = [publisher, *issuers, *_forwarded_authors(title, texts["body"])]
    publisher = "、".join(dict.fromkeys(filter(None, everyone))) or None
    author = _text_or_none(front.get("author")) or meta.get("author")
    return Metadata(
        title=title, issued=issued, publisher=publisher, author=author,
        document_number=number, addressee=facts.addressee,
        format=page.format, encoding=encoding,
    )


def _tight(text: str) -> str:
    """A title without the spaces a layout put between its Chinese characters (国 家 粮 食)."""
    return re.sub(f"(?<=[^\\x00-\\x7f])[{STRIP}]+(?=[^\\x00-\\x7f])", "", text).strip(STRIP)


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
