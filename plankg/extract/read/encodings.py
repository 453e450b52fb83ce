"""Bytes to text, judging only the bytes: a byte-order mark, then strict UTF-8, then UTF-16/32
recognised by the pattern of NUL bytes, then GB18030 (or Big5) when it decodes cleanly into
mostly CJK text, with charset-normalizer as tie-breaker and last resort."""
from __future__ import annotations

import codecs

from plankg.cjk import is_cjk_text as _is_cjk
from plankg.extract.model import PlanError

from .config import config

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_bytes(data: bytes, label: str) -> tuple[str, str, list[str]]:
    """Decode ``data`` judging only the bytes; return (text, encoding, warnings)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec.replace("-sig", "")), codec, []
            except UnicodeDecodeError:
                continue  # e.g. FF FE 00 00 opening UTF-16 text; try the next mark
    if b"\x00" in data:
        wide = _wide_by_nuls(data)
        if wide:
            try:
                return data.decode(wide), wide, []
            except UnicodeDecodeError:
                pass
        if data.count(0) > config().max_nul_ratio * len(data):
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
    if scores and max(scores)[0] >= config().min_plausible:
        return max(scores)[1]
    return None


def _plausible_share(text: str) -> float:
    ok = sum(1 for ch in text if (ch.isascii() and (ch.isprintable() or ch in "\t\n\r")) or _is_cjk(ch))
    return ok / len(text) if text else 0.0


def _decode_legacy(data: bytes, label: str) -> tuple[str, str, list[str]]:
    """GB18030 or Big5 if exactly one decodes into CJK text; else ask charset-normalizer."""
    import charset_normalizer

    cfg = config()
    fits: dict[str, str] = {}
    for codec in cfg.legacy_encodings:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if mostly_cjk(text):
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
        if mostly_cjk(text):
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


def mostly_cjk(text: str) -> bool:
    """Whether most of the non-ASCII, non-space characters of ``text`` are Chinese text."""
    wide = [ch for ch in text if not ch.isascii() and not ch.isspace()]
    if not wide:
        return False
    return sum(map(_is_cjk, wide)) >= config().cjk_ratio * len(wide)
