"""Relation stage (after link): what the plan wants done with each entity it names.

Input: an ``Extraction`` (text, units, sentences and linked mentions). Output, on
``Extraction.statements`` (see ``extract()``):

- ``ActionRole``: for one mention, the policy action of its clause (support, build,
  launch … — the concepts of plan:ActionScheme) and the mention's role in it:
  ``target`` (acted on: 支持上海清算所…), ``actor`` (上海证券交易所推出…), ``place``
  (在临港新片区开展…), ``object`` (the thing built or launched: 推出ETF产品) or
  ``partner`` (研究与新加坡交易所开展…合作);
- ``Relation``: a typed relation the text states between two entities (operates,
  launches, locatedIn, partOf, tradedOn), with its evidence sentence and rule;
- ``Figure``: a quantified statement (2020年…成交总额2274.8万亿元) or a dated target
  (到2035年建成…), with value, unit, year, subject text, kind and evidence.

Everything is deterministic rules over clauses (sentences split at ，；： outside
brackets and quotes, and at unit starts; 、-lists stay together and share their
verb). The words — verbs of each action, role markers, nouns that look like verbs,
relation patterns, units and the grammar words and windows of the rules — are
data: ``data/relations.yaml``.

The rules work on a token sequence per clause: entity mentions (from the link
stage) and, between them, the vocabulary words matched leftmost-longest; any other
text is plain text. Mentions joined by 、/和/及/quotes form a *group* (a list);
a mention directly followed by another (上海期货交易所上期标准仓单交易平台) is its
*modifier* (possessor). A group then gets its roles:

1. a marker before it: 在/于/来 (place; the action is the next verb), 落户 (place of
   settle), 立足 (place of the verb governing the phrase), 将/把 (target of the next
   verb), 与 after a verb (partner); 在X基础上/领导下 frames give no role;
2. the nearest verb to its left in the clause (adverbs, prepositions and other
   text are passed over): an action gives target, or object when the action makes
   things (build, launch, establish, develop) and the group heads the object; a
   place that only modifies a noun gets place; a non-action verb (购买, 实现 …)
   gives nothing;
3. a verb right after it (adverbs, 等+a generic noun, 在…/与… phrases passed over),
   when the group is the clause's subject or the object of a steering verb
   (支持/鼓励/推动/引导/吸引/发挥/配合): actor of that verb — but products, benchmarks
   and programmes do not act: as subjects they are its object or target (支持永续债…
   在前海发行); X建设/X发展 ending a clause make X the object of build/develop;
4. a duty note （负责单位：X、Y）: actors of take-charge.

Instruments (依托X…, 以X…) are never actors; names in 《…》 (cited documents) and
names in brackets inside a longer name (中国（广州）…博览会) get no role or relation.

Relations come from the same groups: a name directly before another (possessor:
institution + market/product/index → operates; place + place → partOf), X推出Y
(launches), 在X推出Y / 在X开展Y交易 / X开展Y业务 (operates, tradedOn), X…落户Y /
X在Y设立。/ 落户Y的X (locatedIn), and names themselves: a name beginning with the name
of a place the text names (locatedIn) or of an institution plus a unit head such as
中心, 局, 委员会 (partOf). Figures: amounts with a unit, changes against a base year,
world ranks (位居全球第三位) and dated targets without a number (到2035年建成…); the
year is the nearest year expression before the figure in its paragraph and unit.

The package by concern: ``model`` (what is found, and its kinds), ``vocabulary`` (the
YAML compiled into typed records), ``tokens`` (clauses, tokens, groups and the searches
the rules share), ``roles``, ``typed`` (typed relations) and ``figures``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .figures import find_figures
from .model import (
    FIGURE_KINDS,
    PREDICATES,
    ROLES,
    ActionRole,
    Figure,
    Relation,
    Statements,
)
from .roles import find_roles
from .tokens import clauses_with_mentions
from .typed import find_relations
from .vocabulary import TokenKind, Vocabulary, vocabulary

if TYPE_CHECKING:
    from ..link import Extraction


def extract_statements(extraction: Extraction) -> Statements:
    """Roles and actions, typed relations and figures of one extracted document."""
    vocab = vocabulary()
    clauses = list(clauses_with_mentions(extraction, vocab))  # tokenised once, read by both rule sets
    return Statements(find_roles(extraction, vocab, clauses), find_relations(extraction, vocab, clauses),
                      find_figures(extraction, vocab))


__all__ = ["FIGURE_KINDS", "PREDICATES", "ROLES", "ActionRole", "Figure", "Relation", "Statements", "TokenKind",
           "Vocabulary", "extract_statements", "vocabulary"]
