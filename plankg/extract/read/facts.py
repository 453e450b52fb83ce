"""What the head and the tail of a document say about it (``Facts``: 文号, addressee, signer,
dates, gov.cn labels), and dates read from Chinese or Arabic numerals (``iso_date``)."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from plankg.cjk import cn_int


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
    year, month, day = (cn_int(match.group(g)) for g in ("y", "m", "d"))
    if year is None or month is None or day is None:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None

