"""Figures: amounts with a unit, changes against a base year, world ranks and dated targets
without a number; the year of a figure is the nearest year expression before it in its
paragraph and unit."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from ...cjk import LABEL_NUMERALS, cn_int
from ...patterns import alternation, escaped
from ..model import Unit
from .model import Figure, FigureKind
from .tokens import top_level
from .vocabulary import FigureWords, Vocabulary

if TYPE_CHECKING:
    from ..link import Extraction

_NUMERALS = LABEL_NUMERALS
_ORDINAL = "第"
_EDGE_PUNCTUATION = "，,、 ；;。"  # stripped around a dated target's subject
_SUBJECT_PUNCTUATION = "，,、 的"  # stripped around a figure's subject
_LIST_BRACKETS = ("（(", "）)")
TimeKind = Literal["target", "past", "base", "plain"]


@dataclass(frozen=True)
class TimeExpression:
    """A year (2025年, 到2035年, 比2015年, 2020年末) at ``text[start:end]``."""

    start: int
    end: int
    year: int
    kind: TimeKind


def find_figures(extraction: Extraction, vocab: Vocabulary) -> list[Figure]:
    """Every figure of the document, once per span, in text order."""
    return _FigureFinder(extraction, vocab).run()


@lru_cache(maxsize=1)
def _patterns(words: FigureWords) -> _Patterns:
    """The figure words' regular expressions, built once for the vocabulary, not per document."""
    return _Patterns(words)


class _Patterns:
    """The regular expressions of the figure words (and the subject verbs, longest first)."""

    def __init__(self, words: FigureWords):
        self.amount = re.compile(
            r"(?P<qual>" + alternation(words.qualifiers_before) + r")?"
            r"(?<![\d.A-Za-z" + re.escape(words.ordinal_blockers) + r"])(?P<num>\d+(?:\.\d+)?)"
            r"(?P<unit>" + alternation(words.units) + r")"
            r"(?P<after>" + alternation(words.qualifiers_after) + r")?")
        self.rank = re.compile(
            r"(?P<verb>" + escaped(words.rank_verbs) + r")(?P<scope>[^" + _ORDINAL + r"，。；]{0,"
            + str(words.rank_scope) + r"}?)" + _ORDINAL + r"(?P<ns>[" + _NUMERALS + r"]+(?:、" + _ORDINAL + r"?["
            + _NUMERALS + r"]+)*)(?P<tail>" + escaped(words.rank_tails) + r")?")
        targets = sorted(words.target_words, key=len, reverse=True)
        self.time = re.compile(
            r"(?P<pre>" + escaped([*targets, *words.past_words, *words.compared]) + r")?"
            r"(?P<year>(?:19|20)\d{2})年(?:(?P<month>\d{1,2})月)?"
            r"(?P<post>" + escaped([*words.year_suffix_past, *words.year_suffix_target,
                                         *words.year_suffix_skip]) + r")?")
        self.leading_time = re.compile(
            r"^(?:" + escaped(words.time_prefixes) + r")?(?:19|20)\d{2}年(?:\d{1,2}月)?"
            r"(?:" + escaped(words.year_suffix_past) + r")?[，,]?")
        self.change = re.compile(
            r"^(?:" + escaped(words.change_compared) + r")((?:19|20)\d{2})年(?:"
            + escaped(words.year_suffix_past) + r")?(" + escaped(words.change_words) + r")$")
        self.counted_amount = re.compile(r"\d+(?:\.\d+)?(?:" + escaped(words.units) + r")")
        self.noun_end = re.compile(escaped(words.noun_ends))
        self.rank_adverb = re.compile(r"(?:" + escaped(words.rank_adverbs) + r")$")
        self.numeral = re.compile(f"[{_NUMERALS}]+")
        self.subject_verbs = sorted(words.subject_verbs, key=len, reverse=True)


class _FigureFinder:
    """The figures of one document."""

    def __init__(self, extraction: Extraction, vocab: Vocabulary):
        self.extraction, self.text = extraction, extraction.document.text
        self.words, self.clause_ends = vocab.figures, vocab.clause_ends
        self.openers, self.closers = vocab.grammar.figure_clause_openers, vocab.grammar.figure_clause_closers
        self.patterns = _patterns(vocab.figures)
        self.units = {u.key: u for u in extraction.structure.units}
        self.unit_list = sorted(extraction.structure.units, key=lambda u: (u.start, -(u.end - u.start)))
        self.mentions = sorted(extraction.mentions, key=lambda m: m.start)
        self.mention_spans = [(m.start, m.end) for m in self.mentions]
        self.subject_verbs = self.patterns.subject_verbs

    def run(self) -> list[Figure]:
        """Figures paragraph by paragraph; the first of two with one span wins."""
        figures: list[Figure] = []
        for paragraph in self.extraction.document.body or []:
            figures.extend(self._paragraph(paragraph.start, paragraph.end))
        unique: dict[tuple[int, int], Figure] = {}
        for figure in figures:
            unique.setdefault((figure.start, figure.end), figure)
        return sorted(unique.values(), key=lambda f: (f.start, f.end))

    def _paragraph(self, start: int, end: int) -> list[Figure]:
        times = self._time_expressions(start, end)
        figures: list[Figure] = []
        subject = ""  # the subject of the last amount: a change after it is a change of it
        for s_start, s_end in self.extraction.sentences_in(start, end):
            clauses = self._split_clauses(s_start, s_end)
            found: list[Figure] = []
            for c_start, c_end in clauses:
                subject = self._amounts(c_start, c_end, s_start, s_end, times, subject, found)
                found.extend(self._ranks(c_start, c_end, s_start, s_end, times))
            figures.extend(self._dated_targets(s_start, s_end, times, clauses, found))
            figures.extend(found)
        return figures

    # -- places in the document -------------------------------------------------------------

    def innermost(self, position: int) -> str | None:
        """The key of the innermost unit holding ``position``."""
        best = None
        for unit in self.unit_list:
            if unit.start > position:
                break
            if unit.start <= position < unit.end:
                best = unit
        return best.key if best else None

    def in_mention(self, start: int, end: int) -> bool:
        """Is ``[start, end)`` strictly inside a mention (a number that is part of a name)?"""
        spans = self.mention_spans
        i = bisect_right(spans, (start, 10 ** 9)) - 1
        return i >= 0 and spans[i][0] <= start and end <= spans[i][1] and spans[i] != (start, end)

    def target_unit(self, key: str | None) -> bool:
        """Is the unit a goal, or inside a part or section about targets (发展目标)?"""
        while key is not None:
            unit: Unit = self.units[key]
            if unit.kind == "goal":
                return True
            if unit.kind in ("part", "section") and any(word in unit.title for word in self.words.target_sections):
                return True
            key = unit.parent
        return False

    def _split_clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        out, a = [], start
        for i in top_level(self.text, start, end, self.clause_ends, self.openers, self.closers):
            out.append((a, i))
            a = i + 1
        if a < end:
            out.append((a, end))
        return [(a, b) for a, b in out if b > a]

    # -- years ------------------------------------------------------------------------------

    def _time_expressions(self, start: int, end: int) -> list[TimeExpression]:
        out = []
        for match in self.patterns.time.finditer(self.text, start, end):
            kind = self._time_kind(match)
            if kind is not None:
                out.append(TimeExpression(match.start(), match.end(), int(match.group("year")), kind))
        return out

    def _time_kind(self, match: re.Match[str]) -> TimeKind | None:
        """What a year expression says, or None when it is no point in time (a period
        （2025—2027年）, 2020年以来)."""
        text, words, at = self.text, self.words, match.start()
        if at > 0 and text[at - 1] in words.period_dashes and not match.group("pre"):
            return None
        if match.end() < len(text) and text[match.end()] in words.year_dashes:
            return None
        pre, post = match.group("pre") or "", match.group("post") or ""
        if pre in words.compared:
            return "base"
        if pre in words.target_words or post in words.year_suffix_target:
            return "target"
        if pre in words.past_words or post in words.year_suffix_past:
            return "past"
        return None if post in words.year_suffix_skip else "plain"

    @staticmethod
    def year_for(position: int, times: list[TimeExpression]) -> int | None:
        """The year of the last year expression (not a base year) before ``position``."""
        year = None
        for time in times:
            if time.start >= position:
                break
            if time.kind != "base":
                year = time.year
        return year

    def figure_kind(self, position: int, times: list[TimeExpression], unit_key: str | None) -> FigureKind:
        """A target after 到…年 or in a goal or planned unit; a baseline after 截至…年 or else."""
        last = None
        for time in times:
            if time.start >= position:
                break
            if time.kind != "base":
                last = time
        if last is not None and last.kind in ("target", "past"):
            return "target" if last.kind == "target" else "baseline"
        if self.target_unit(unit_key):
            return "target"
        if unit_key is not None and self.units[unit_key].kind in self.words.planned_units:
            return "target"
        return "baseline"

    # -- amounts ----------------------------------------------------------------------------

    def _amounts(self, c_start: int, c_end: int, s_start: int, s_end: int, times: list[TimeExpression],
                 subject: str, found: list[Figure]) -> str:
        """The amounts of a clause into ``found``; returns the subject of the last one."""
        text, words = self.text, self.words
        for match in self.patterns.amount.finditer(text, c_start, c_end):
            unit_end = match.end("unit")
            if self.in_mention(match.start("num"), unit_end):
                continue
            if match.group("unit") in words.counters and text[unit_end:unit_end + 1] in words.counter_durations:
                continue
            figure = self._amount(match, c_start, c_end, s_start, s_end, times, subject)
            if figure is None:
                continue
            key = self.innermost(figure.start)
            figure = replace(figure, kind=self.figure_kind(figure.start, times, key), in_unit=key)
            if figure.rule == "amount":
                subject = figure.subject
            found.append(figure)
        return subject

    def _amount(self, match: re.Match[str], c_start: int, c_end: int, s_start: int, s_end: int,
                times: list[TimeExpression], last_subject: str) -> Figure | None:
        text = self.text
        qualifier = match.group("qual") or match.group("after")
        if match.group("qual") and match.group("after"):
            qualifier = match.group("qual") + "…" + match.group("after")
        start, end = match.start("num"), match.end()
        pre = self.patterns.leading_time.sub("", text[c_start:match.start()]).lstrip("，,、 ")
        post = text[end:c_end]
        change = self.patterns.change.match(pre)
        if change:
            subject, rule, base_year = (last_subject + pre) if last_subject else pre, "change", int(change.group(1))
        else:
            subject, rule, base_year = self._amount_subject(pre, post), "amount", None
        subject = subject.strip(_SUBJECT_PUNCTUATION)
        if not subject:
            return None
        if len(subject) <= 4 and rule == "amount":
            # 总市值约4.7万亿元 / 首期规模50亿元: name what it is the figure of
            previous = [m for m in self.mentions if s_start <= m.start and m.end <= c_start]
            if previous:
                subject = previous[-1].surface + subject
        return Figure(Decimal(match.group("num")), match.group("unit").replace("％", "%"),
                      self.year_for(start, times), subject, "baseline", start, end, text[start:end], s_start, s_end,
                      rule, qualifier, base_year)  # type: ignore[arg-type]

    def _amount_subject(self, pre: str, post: str) -> str:
        """What an amount is the figure of: the words before it less a verb (达到, 为 …); for
        全国33家X中有29家落户上海, X and what follows; the noun after a bare number."""
        counted = next((w for w in self.subject_verbs if pre.endswith(w) and w in self.words.count_verbs), None)
        if counted is not None:
            # 全国33家X中有29家落户上海 / 前20位的X已有17家在沪设立主体
            head = self.patterns.counted_amount.sub("", pre[: -len(counted)])
            return head + post.strip("，。；")
        verb = next((w for w in self.subject_verbs if pre.endswith(w)), None)
        subject = pre[: -len(verb)] if verb is not None else pre
        if (not subject or len(subject) <= 2) and post and post[0] not in "，。；、":
            # 全国33家外资私募证券投资基金管理人（WFOE PFM）中有…: the noun follows the number
            subject += self.patterns.noun_end.split(post, maxsplit=1)[0]
        return subject

    # -- ranks ------------------------------------------------------------------------------

    def _ranks(self, c_start: int, c_end: int, s_start: int, s_end: int,
               times: list[TimeExpression]) -> list[Figure]:
        found = []
        for match in self.patterns.rank.finditer(self.text, c_start, c_end):
            for figure in self._rank(match, c_start, s_start, s_end, times):
                found.append(replace(figure, kind="baseline", in_unit=self.innermost(figure.start)))
        return found

    def _rank(self, match: re.Match[str], c_start: int, s_start: int, s_end: int,
              times: list[TimeExpression]) -> list[Figure]:
        """位居全球第三位 as one figure; 分别位居全球第一、第五位 as one figure per ordinal."""
        text = self.text
        ordinals = list(self.patterns.numeral.finditer(text[match.start("ns"):match.end("ns")]))
        numbers = [cn_int(o.group()) for o in ordinals]
        if not numbers or any(n is None for n in numbers):
            return []
        pre = self.patterns.leading_time.sub("", text[c_start:match.start()]).lstrip("，,、 ")
        pre = self.patterns.rank_adverb.sub("", pre)
        subjects = _split_list(pre) if len(numbers) > 1 else [pre]
        if len(subjects) != len(numbers):
            return []
        figures = []
        for subject, number, ordinal in zip(subjects, numbers, ordinals, strict=True):
            subject = subject.strip("，,、 ")
            if not subject:
                continue
            start, end = (match.start(), match.end()) if len(numbers) == 1 else \
                (match.start("ns") + ordinal.start(), match.start("ns") + ordinal.end())
            if len(numbers) > 1 and text[start - 1] == _ORDINAL:
                start -= 1  # 第一 / 第五 of 分别位居全球第一、第五位
            figures.append(Figure(Decimal(number), self.words.rank_unit, self.year_for(match.start(), times),  # type: ignore[arg-type]
                                  f"{subject}{match.group('scope')}排名", "baseline", start, end, text[start:end],
                                  s_start, s_end, "rank"))
        return figures

    # -- dated targets without a number -----------------------------------------------------

    def _dated_targets(self, s_start: int, s_end: int, times: list[TimeExpression],
                       clauses: list[tuple[int, int]], found: list[Figure]) -> list[Figure]:
        """到2035年建成…: a target year in the sentence with no amount or change after it."""
        numeric = [f for f in found if f.rule in ("amount", "change")]
        targets = []
        for time in times:
            if time.kind != "target" or not (s_start <= time.start < s_end) \
                    or any(f.start > time.start for f in numeric):
                continue
            subject = self._dated_subject(time, times, clauses)
            if subject:
                targets.append(Figure(None, None, time.year, subject, "target", time.start, time.end,
                                      self.text[time.start:time.end], s_start, s_end, "dated-target",
                                      in_unit=self.innermost(time.start)))
        return targets

    def _dated_subject(self, time: TimeExpression, times: list[TimeExpression],
                       clauses: list[tuple[int, int]]) -> str:
        """The rest of the target's clause (to the next year), or the next clause."""
        clause = next(((a, b) for a, b in clauses if a <= time.start < b), None)
        if clause is None:
            return ""
        stop = min([clause[1], *(other.start for other in times if time.end <= other.start < clause[1])])
        subject = self.text[time.end:stop].strip(_EDGE_PUNCTUATION)
        if not subject:
            following = [(a, b) for a, b in clauses if a >= clause[1]]
            if following:
                a, b = following[0]
                subject = self.text[a:b].strip(_EDGE_PUNCTUATION)
        return subject


def _split_list(s: str) -> list[str]:
    """``s`` split at the 、 outside brackets."""
    parts, depth, current = [], 0, ""
    for ch in s:
        if ch in _LIST_BRACKETS[0]:
            depth += 1
        elif ch in _LIST_BRACKETS[1]:
            depth -= 1
        if ch == "、" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts

