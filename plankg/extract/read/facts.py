"""What the head and the tail of a document say about it (``Facts``: 文号, addressee, signer,
dates, gov.cn labels), and dates read from Chinese or Arabic numerals (``iso_date``)."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field


@dataclass
class Facts:
    """Metadata found in the paragraphs themselves."""

    document_number: str | None = None
    addressee: str | None = None
    signer: str | None = None
    signed: str | None = None  # ISO date of the signature/date line
    dated: str | None = None  # ISO date of a date line under the title
    decreed: str | None = None  # ISO date of the decree that published a regulation
    labels: dict[str, str] = field(default_factory=dict)


def iso_date(match: re.Match[str]) -> str | None:
    """The ISO date of a date match (groups y, m, d in any numerals); None if not a date."""
    year, month, day = (_cn_int(match.group(g)) for g in ("y", "m", "d"))
    if year is None or month is None or day is None:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
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
