"""Quoted names: a phrase in quotation marks named by its head word (“上海金”, “…交易中心”), or a
scheme the text quotes by name (“放管服”改革, 推行“标准地”) — not a figure of speech, a slogan or
a period (发挥“…”作用, “十三五”)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...cjk import CLAUSE_ENDS, SENTENCE_ENDS
from ..model import EntityType
from .candidate import Candidate
from .text import chanted, is_name_char

if TYPE_CHECKING:
    from .rules import DiscoveryRules
    from .words import Words

_PLUS_MARKS = "+＋×"  # the marks of the 互联网+ family of schemes (“互联网+医疗健康”, “数据要素×”)
_QUOTED_NAME_MARKS = "、" + _PLUS_MARKS  # marks a quoted name may hold (“双随机、一公开” too)


def quoted_matches(text: str, words: Words) -> list[Candidate]:
    """Every quoted phrase that names something, typed by its head word or as a programme."""
    rules = words.rules
    found = []
    for match in rules.quoted.finditer(text):
        start, end = match.span("name")
        name = match.group("name")
        listed = "、" in name
        if rules.is_generic(name) or name in rules.false_heads \
                or not all(is_name_char(c) or c in _QUOTED_NAME_MARKS for c in name):
            continue
        figure = _quoted_figure(text, match.start(), match.end(), rules)
        before_scheme_word = text.startswith(rules.quoted_list_followers, match.end())  # “放管服”|改革
        plus = _plus_scheme(name, rules)
        if plus is not None:  # “互联网+医疗健康”: a scheme of the 互联网+ family, whatever its last word
            kind: EntityType | None = "programme" if plus and not figure else None
        elif listed:  # “双随机、一公开”监管: a listed slogan names a scheme only before a scheme word
            kind = _quoted_programme(name, words, True) if before_scheme_word and not figure else None
        else:
            kind = words.type_by_head(name) or (
                None if figure else _unheaded_scheme(text, match.start(), name, words, before_scheme_word))
        if kind is not None:
            found.append(Candidate(start, end, kind, "quoted"))
    return found


def may_name_scheme(name: str, words: Words) -> bool:
    """May a quoted phrase listed beside a quoted scheme name one too: not a slogan, a figure,
    a period or a sentence (“一站式”, “一件事”), and joined by + only as a 互联网+ scheme is?"""
    plus = _plus_scheme(name, words.rules)
    return plus if plus is not None else _quoted_programme(name, words, before_scheme_word=True) is not None


def _plus_scheme(name: str, rules: DiscoveryRules) -> bool | None:
    """For a phrase joined by + or × (“互联网+政务服务”, “数据要素×”): is it of the 互联网+ family of
    schemes? None for a phrase with neither."""
    if not any(mark in name for mark in _PLUS_MARKS):
        return None
    return name.startswith(rules.quoted_plus_openers)


def _unheaded_scheme(text: str, open_at: int, name: str, words: Words, before_scheme_word: bool) -> EntityType | None:
    """A quoted phrase with no head word names a scheme in a scheme's context: a scheme word after
    it, a verb that launches it (推行“首违不罚”) or a scheme's shape (_quoted_shape)."""
    rules = words.rules
    launched = _launched_in_clause(text, open_at, rules)
    if not (before_scheme_word or launched or _quoted_shape(name, rules)):
        return None
    return _quoted_programme(name, words, before_scheme_word, launched and len(name) <= rules.quoted_short_scheme)


def _quoted_shape(name: str, rules: DiscoveryRules) -> bool:
    """Is a quoted phrase with no head word, no scheme word after it (“放管服”改革) and no verb
    that launches schemes before it (推行“标准地”, 简称“…”) shaped like a scheme's name: a count
    (“一网通办”, “双随机”) or digits, an event's or a service's ending (…节, …月, …通办)?
    Quoted slogans, terms and phenomena (“信息孤岛”, “官本位”, “谁执法谁公示”) are not."""
    return name[0] in rules.quoted_scheme_initials or name.endswith(rules.quoted_scheme_endings) \
        or any(c.isdigit() for c in name)


def _launched_in_clause(text: str, open_at: int, rules: DiscoveryRules) -> bool:
    """Does a verb that launches schemes stand in the clause before ``open_at``, at most
    ``quoted_launch_reach`` characters back (推行进出口货物|“提前申报”)?"""
    start = max(0, open_at - rules.quoted_launch_reach)
    clause = text[start:open_at]
    cut = max(clause.rfind(p) for p in CLAUSE_ENDS + SENTENCE_ENDS + "”")
    return any(w in clause[cut + 1:] for w in rules.quoted_scheme_before)


def _quoted_figure(text: str, open_at: int, close_at: int, rules: DiscoveryRules) -> bool:
    """Does the context show a quoted phrase to be a figure of speech (发挥“…”作用, “…”等问题), the
    word after it read past the quoted phrases listed with it (“保本”“稳赚”等|用语)?"""
    after = close_at
    reach = rules.quoted_programme_max + 2  # a quoted phrase and its marks
    while text.startswith("“", after) and (close := text.find("”", after, after + reach)) > 0:
        after = close + 1
    after += text.startswith("等", after)  # “信息孤岛”等|问题
    return text.startswith(rules.quoted_not_after, after) or text.endswith(rules.quoted_not_before, 0, open_at)


def _quoted_programme(name: str, words: Words, before_scheme_word: bool = False,
                      launched_short: bool = False) -> EntityType | None:
    """A reform or service scheme the text quotes by name (“多规合一”, “标准地”): a programme,
    unless it is a period (“十三五”), a slogan or a set phrase (quoted_not_names). A phrase
    right before a scheme word may read as a sentence (“两不见面”改革), and a short one after a verb
    that launches it may hold a negation (推行“首违不罚”; not 开展“保护环境是一项基本国策”宣传)."""
    rules = words.rules
    if len(name.replace("、", "")) > rules.quoted_programme_max or name in rules.quoted_not_names \
            or rules.quoted_period.fullmatch(name) or rules.quoted_figure_start.match(name) \
            or rules.quoted_method.fullmatch(name) or name.isascii() \
            or _place_slogan(name, words.openers, rules) or name.endswith(rules.quoted_concept_endings) \
            or (not before_scheme_word and _reads_as_sentence(name, rules, launched_short)) \
            or chanted(name):
        return None
    return "programme"


def _reads_as_sentence(name: str, rules: DiscoveryRules, launched_short: bool) -> bool:
    """Does a word of a sentence stand in the quoted phrase? A short scheme a verb launches may
    hold a negation (推行“首违不罚”), not 的 or 是 (落实“是什么”的要求)."""
    allowed = rules.quoted_launched_words if launched_short else ()
    return any(w in name for w in rules.quoted_sentence_words if w not in allowed)


def _place_slogan(name: str, openers: frozenset[str], rules: DiscoveryRules) -> bool:
    """A place and a short common noun in quotes is a slogan: “上海标准”, “中国方案”; not the places'
    joint scheme (“川渝通办”)."""
    return (name[:-1] in openers or name[:-2] in openers) and not name.endswith(rules.quoted_place_schemes)
