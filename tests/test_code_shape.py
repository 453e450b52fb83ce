"""The shape of the code: the relation rules read in one sitting (each rule a function, nested
at most four deep) and their kinds are typed."""
from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

import pytest

from plankg.extract.relations import TokenKind, vocabulary
from plankg.extract.relations.model import FigureKind, FigureRule, Predicate, RelationRule, Role, RoleRule

PACKAGE = Path(__file__).resolve().parents[1] / "plankg"
RELATIONS = sorted((PACKAGE / "extract" / "relations").glob("*.py"))
_BLOCKS = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.Match)


def nesting(statements: list[ast.stmt], depth: int = 0) -> int:
    """How deep blocks nest in ``statements`` (an ``elif`` is as deep as its ``if``; nested
    functions count on their own)."""
    deepest = depth
    for statement in statements:
        if not isinstance(statement, _BLOCKS):
            continue
        for body in _bodies(statement):
            deepest = max(deepest, nesting(body, depth + 1))
        if isinstance(statement, ast.If) and len(statement.orelse) == 1 and isinstance(statement.orelse[0], ast.If):
            deepest = max(deepest, nesting(statement.orelse, depth))
    return deepest


def _bodies(statement: ast.stmt) -> list[list[ast.stmt]]:
    bodies = [statement.body] if hasattr(statement, "body") and not isinstance(statement, ast.Match) else []
    if isinstance(statement, ast.Match):
        bodies += [case.body for case in statement.cases]
    if isinstance(statement, ast.Try):
        bodies += [handler.body for handler in statement.handlers] + [statement.finalbody]
    orelse = getattr(statement, "orelse", [])
    is_elif = isinstance(statement, ast.If) and len(orelse) == 1 and isinstance(orelse[0], ast.If)
    return bodies + ([orelse] if orelse and not is_elif else [])


def functions(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_the_nesting_measure_counts_blocks():
    tree = ast.parse("def f(x):\n for a in x:\n  if a:\n   while a:\n    pass\n  elif x:\n   pass\n")
    assert nesting(tree.body[0].body) == 3  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", RELATIONS, ids=lambda p: p.name)
def test_relation_rules_nest_at_most_four_deep(path):
    deep = {f.name: nesting(f.body) for f in functions(path)}
    assert max(deep.values(), default=0) <= 4, {name: n for name, n in deep.items() if n > 4}


def test_each_numbered_role_rule_is_a_function_of_its_own():
    roles = PACKAGE / "extract" / "relations" / "roles.py"
    names = {f.name for f in functions(roles)}
    assert {"_duty_roles", "_marker_roles", "_left_verb_roles", "_right_verb_roles"} <= names
    assert all(len(f.body) <= 40 for f in functions(roles))


def test_token_kinds_and_rules_are_typed(extraction_of):
    assert len(TokenKind) == 16
    assert {kind for kind, _payload in vocabulary().words.values()} <= set(TokenKind)
    statements = extraction_of("bundled").statements
    assert statements.roles and statements.relations and statements.figures
    assert {r.rule for r in statements.roles} <= set(get_args(RoleRule))
    assert {r.role for r in statements.roles} <= set(get_args(Role))
    assert {r.rule for r in statements.relations} <= set(get_args(RelationRule))
    assert {r.predicate for r in statements.relations} <= set(get_args(Predicate))
    assert {f.rule for f in statements.figures} <= set(get_args(FigureRule))
    assert {f.kind for f in statements.figures} <= set(get_args(FigureKind))
