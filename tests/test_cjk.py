"""plankg/cjk.py: the one home of the Han character ranges (``HAN`` for regular expressions,
``is_han`` for single characters) and of the stages that read them."""
from __future__ import annotations

import re

from plankg.cjk import HAN, full_width_punctuation, is_han
from plankg.extract.discovery.text import is_name_char

_EDGES = (0x4E00, 0x9FFF, 0x3400, 0x4DBF, 0xF900, 0xFAFF, 0x20000, 0x3134F)


def test_the_han_class_and_is_han_agree_on_each_side_of_every_range_edge():
    for code in sorted({edge + step for edge in _EDGES for step in (-1, 0, 1)}):
        assert bool(re.fullmatch(HAN, chr(code))) == is_han(chr(code)), hex(code)
    assert [is_han(ch) for ch in "中䶮，a１"] == [True, True, False, False, False]


def test_a_name_character_is_an_ideograph_of_any_han_block_or_an_ascii_letter_or_digit():
    assert all(is_name_char(ch) for ch in "中\u3400\U00020000Ab9")
    assert not any(is_name_char(ch) for ch in "，（Ａ１ ")


def test_half_width_marks_are_full_width_only_beside_chinese_text():
    assert full_width_punctuation('会议10:30开始,比例2.5;see (a), b') == "会议10:30开始，比例2.5;see (a), b"
    assert full_width_punctuation('推进"放管服"改革(试点)') == "推进“放管服”改革（试点）"
    assert full_width_punctuation('他说"一"和"二"\n"三') == "他说“一”和“二”\n\"三"  # an odd line is left
    # the two brackets of a pair change together, beside any Chinese mark (《》 too)
    assert full_width_punctuation("依据《预算法》(2018年修正)执行") == "依据《预算法》（2018年修正）执行"
    assert full_width_punctuation("see (a) and (b)") == "see (a) and (b)"
