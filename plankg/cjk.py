"""Chinese-text helpers shared by every stage: numerals, character classes and punctuation widths.

One home for them, so that every stage reads 十二, 一百零五, 二〇二四 and １２ alike.
"""
from __future__ import annotations

from .patterns import char_class

_DIGITS = {ch: k for k, chars in enumerate("〇○Ｏ零 一 二两 三 四 五 六 七 八 九".split()) for ch in chars}
_UNITS = {"十": 10, "百": 100, "千": 1000}
#: the numerals of a label or an ordinal (一、 （十二） 第十 …)
LABEL_NUMERALS = "一二三四五六七八九十"
#: the characters a count is written with (三, 十二, 两千, 五万): where a count ends a name's walk
COUNT_NUMERALS = "一二两三四五六七八九十百千万"


def cn_int(numeral: str) -> int | None:
    """The value of a numeral: ``"12"``, ``"１２"``, ``"十二"``, ``"一百零五"``, ``"二〇二四"``.

    Chinese numerals with units (十, 百, 千) are read by place value; a run of Chinese digits
    without units (二〇二四, a year) is read digit by digit. Returns None for anything else.
    """
    s = numeral.strip()
    if not s:
        return None
    if s.isdecimal():
        return int("".join(str(int(c)) for c in s))
    if not all(ch in _DIGITS or ch in _UNITS for ch in s):
        return None
    if not any(ch in _UNITS for ch in s):
        return int("".join(str(_DIGITS[ch]) for ch in s))
    total, digit = 0, None
    for ch in s:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


#: Punctuation of Chinese running text, by what it ends: one home for every stage's sets (each
#: stage composes the marks it needs from these).
SENTENCE_ENDS = "。！？"  # a sentence (full width)
SENTENCE_ENDS_HALF = "!?"  # the half-width forms (no period: 2.5 is a number)
CLAUSE_ENDS = "，；："  # a clause inside a sentence (full width)
CLAUSE_ENDS_HALF = ",;:"
LIST_MARK = "、"  # between the items of a list
#: the marks a name never runs across, looking back from its end: clause and sentence ends, the
#: list mark, brackets and quotes, a line break and a space
NAME_BREAKS = CLAUSE_ENDS + "。" + LIST_MARK + "（）()《》“”\n　 " + CLAUSE_ENDS_HALF
OPENING_BRACKETS = "（("  # full and half width
CLOSING_QUOTE = "”"  # after a quoted name
#: one dash between two names joins them (汀江—韩江, 中债-新综合指数); doubled (——) it sets off a clause
DASHES = "—-－"

#: A regular-expression character class of one Han character: a CJK unified ideograph of the
#: basic block (U+4E00–9FFF), extension A (U+3400–4DBF), the compatibility ideographs
#: (U+F900–FAFF) or extensions B to G (U+20000–3134F); the same characters as ``is_han``.
#: Used as it is (``f"{HAN}{{2,}}"``: two or more ideographs).
HAN = "[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f]"


def is_han(ch: str) -> bool:
    """A CJK unified ideograph (the basic block, extension A, compatibility and extension B+: ``HAN``)."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3134F


def is_cjk_text(ch: str) -> bool:
    """Any character of Chinese running text: ideographs, CJK and full-width punctuation, “ ” — …"""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF  # radicals, CJK punctuation, kana, ideographs
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x2000 <= o <= 0x206F  # general punctuation: “ ” — …
        or 0x20000 <= o <= 0x3134F
        or ch == "\u00b7"
    )


#: Half-width punctuation a web page or an editor may put in Chinese running text, and the
#: full-width mark a Chinese text has there (GB/T 15834-2011, 标点符号用法).
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
_HALF_WIDTH = char_class([*FULL_WIDTH, '"'])


def full_width_punctuation(text: str) -> str:
    """``text`` with the half-width marks of Chinese running text in their full-width forms,
    character for character (offsets hold): a mark is changed next to Chinese text
    (``is_cjk_text``: ideographs, CJK and full-width marks), so that 10:30, 2.5 and English are
    left alone; the two brackets of a pair change together, and straight double quotes of a line
    become “ and ” in turn where the line has an even number of them."""
    if _HALF_WIDTH.search(text) is None:
        return text
    chars = list(text)
    opened: list[int] = []  # "(" not yet closed
    quotes: list[int] = []  # straight quotes of the line so far
    line_end = -1  # where the line of those quotes ends
    for match in _HALF_WIDTH.finditer(text):
        k = match.start()
        if quotes and -1 < line_end < k:
            _pair_quotes(text, chars, quotes)
            quotes = []
        ch = text[k]
        if ch == '"':
            if not quotes:
                line_end = text.find("\n", k)
            quotes.append(k)
        elif ch == "(":
            opened.append(k)
        elif ch == ")" and opened:
            before = opened.pop()
            if _beside_chinese(text, before) or _beside_chinese(text, k):
                chars[before], chars[k] = "（", "）"
        elif _beside_chinese(text, k):
            chars[k] = FULL_WIDTH[ch]
    for k in opened:  # a bracket never closed stands alone
        if _beside_chinese(text, k):
            chars[k] = "（"
    _pair_quotes(text, chars, quotes)
    return "".join(chars)


def _pair_quotes(text: str, chars: list[str], quotes: list[int]) -> None:
    """The straight quotes of one line as “ and ” in turn, if they pair and touch Chinese text."""
    if quotes and len(quotes) % 2 == 0 and any(_beside_chinese(text, k) for k in quotes):
        for n, k in enumerate(quotes):
            chars[k] = "“" if n % 2 == 0 else "”"


def _beside_chinese(text: str, k: int) -> bool:
    return (k > 0 and is_cjk_text(text[k - 1])) or (k + 1 < len(text) and is_cjk_text(text[k + 1]))
