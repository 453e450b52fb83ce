"""What the relation stage finds in a document: action roles, typed relations and figures."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, get_args

from ..model import Mention

Role = Literal["target", "actor", "place", "object", "partner"]
#: how a role was found: a marker before the group, the verb left of it, the verb after it
#: (actor; nominal X建设; passive: a product as subject), 将/把, 与 after a verb, a duty note
RoleRule = Literal["marker", "left-verb", "actor", "nominal", "passive", "disposal", "partner", "duty"]
Predicate = Literal["operates", "launches", "locatedIn", "partOf", "tradedOn"]
#: how a relation was found: two names side by side, X推出Y, X开展Y业务, 在X推出Y, X落户Y, a name
RelationRule = Literal["adjacent", "launch", "business", "venue", "settle", "name"]
FigureKind = Literal["baseline", "target"]
FigureRule = Literal["amount", "change", "rank", "dated-target"]

ROLES: tuple[str, ...] = get_args(Role)
PREDICATES: tuple[str, ...] = get_args(Predicate)
FIGURE_KINDS: tuple[str, ...] = get_args(FigureKind)


@dataclass(frozen=True)
class ActionRole:
    """One mention in one action: ``mention`` plays ``role`` in ``action`` (an action id of
    data/relations.yaml), whose verb ``verb`` stands at ``text[verb_start:verb_start+len(verb)]``
    (``verb_start`` is -1 when the role comes from a marker alone). The clause
    ``text[clause_start:clause_end]`` is the evidence; ``object_text`` is, for an actor,
    what its verb acts on (the rest of the clause)."""

    mention: Mention
    action: str
    role: Role
    verb: str
    verb_start: int
    clause_start: int
    clause_end: int
    rule: RoleRule
    object_text: str | None = None


@dataclass(frozen=True)
class Relation:
    """``subject`` ``predicate`` ``object`` (entity keys), stated by ``text[start:end]``
    (the sentence), found by ``rule``; ``unit`` is the innermost unit of the evidence."""

    subject: str
    predicate: Predicate
    object: str
    start: int
    end: int
    rule: RelationRule
    unit: str | None = None


@dataclass(frozen=True)
class Figure:
    """A quantified statement: ``value`` ``unit`` for ``year`` (both None for a dated target
    without a number), about ``subject`` (text), a ``baseline`` or a ``target``. The figure's
    own words are ``text[start:end]`` (``surface``) in the sentence ``text[sentence_start:
    sentence_end]``. ``qualifier``: 约, 超过, 以上 …; ``base_year``: the year compared with."""

    value: Decimal | None
    unit: str | None
    year: int | None
    subject: str
    kind: FigureKind
    start: int
    end: int
    surface: str
    sentence_start: int
    sentence_end: int
    rule: FigureRule
    qualifier: str | None = None
    base_year: int | None = None
    in_unit: str | None = None


@dataclass
class Statements:
    """What the relation stage found in one document."""

    roles: list[ActionRole] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
