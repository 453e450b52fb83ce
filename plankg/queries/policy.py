"""What plankg will run: the checks every query passes before an engine sees it.

* **Nesting depth.** Both engines parse SPARQL by recursive descent: rdflib's
  pyparsing grammar stops with a RecursionError at about 30 nested brackets, and
  pyoxigraph overflows its stack (the process dies, SIGSEGV) at some thousands.
  ``check_depth`` counts the nesting of ``{ } ( ) [ ]`` outside strings, IRIs and
  comments in one linear pass, before anything parses the text, and refuses a
  query nested deeper than ``MAX_DEPTH`` (far beyond any real query: the library's
  deepest is 6).
* **No outbound requests.** ``SERVICE <url> { … }`` makes both engines send an HTTP
  request to ``url`` (SSRF: a web page that can reach the endpoint could make it
  fetch any address the machine can reach). ``check_services`` parses the query with
  rdflib and walks its algebra for ``ServiceGraphPattern`` nodes (inside subqueries,
  ``EXISTS`` and ``OPTIONAL`` too); each must name an endpoint given with
  ``--allow-service``; ``SERVICE ?var`` never can. A text that, once its ``\\u``
  escapes are expanded (as both parsers do first), does not contain the word
  ``service`` in any letter case cannot hold the keyword, so it needs no parse; a
  text that does and that rdflib cannot parse is refused, since what it would do
  cannot be known.

The refusals are ``QueryRefused`` (a ``PlanError``): one line, exit status 2 on the
command line, HTTP 400 at the endpoint.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from ..errors import PlanError

#: The deepest nesting of brackets a query may have.
MAX_DEPTH = 64
#: Python frames rdflib's parser needs per bracket, with room to spare (measured: ~30).
_FRAMES_PER_LEVEL = 80

# Strings (long ones first), IRIs and comments: brackets inside them do not nest.
_SKIPPED = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                      r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                      r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*', re.DOTALL)
_BRACKETS = re.compile(r"[{}()\[\]]")
_OPENING = frozenset("{([")
_SERVICE_WORD = "service"


class QueryRefused(PlanError):
    """A query plankg will not run (too deeply nested, or a SERVICE not allowed)."""


@dataclass(frozen=True)
class QueryPolicy:
    """The endpoints SERVICE may call (none by default) and the deepest nesting allowed."""

    allowed_services: frozenset[str] = frozenset()
    max_depth: int = MAX_DEPTH

    @classmethod
    def allowing(cls, services: tuple[str, ...] | list[str] = ()) -> QueryPolicy:
        return cls(frozenset(services))

    def check(self, text: str) -> None:
        """Raise QueryRefused unless ``text`` may run: its depth, then its SERVICE calls."""
        expanded = expand_escapes(text)
        check_depth(expanded, self.max_depth)
        check_services(expanded, self.allowed_services)


def expand_escapes(text: str) -> str:
    """``text`` with its ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes expanded, as SPARQL parsers
    do before parsing (rdflib's own function); an invalid escape is refused."""
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    try:
        return expandUnicodeEscapes(text)
    except ValueError as err:
        raise QueryRefused(f"query: {err}") from None


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``{ } ( ) [ ]`` in ``text``, outside strings, IRIs and comments."""
    depth = deepest = 0
    position = 0
    for skipped in _SKIPPED.finditer(text):
        depth, deepest = _scan(text, position, skipped.start(), depth, deepest)
        position = skipped.end()
    depth, deepest = _scan(text, position, len(text), depth, deepest)
    return deepest


def _scan(text: str, start: int, end: int, depth: int, deepest: int) -> tuple[int, int]:
    for bracket in _BRACKETS.finditer(text, start, end):
        if bracket.group() in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
    return depth, deepest


def check_depth(text: str, max_depth: int = MAX_DEPTH) -> None:
    """Raise QueryRefused when ``text`` nests brackets deeper than ``max_depth``."""
    depth = nesting_depth(text)
    if depth > max_depth:
        raise QueryRefused(f"query nested {depth} levels deep; at most {max_depth} are accepted")


def check_services(text: str, allowed: frozenset[str] = frozenset()) -> None:
    """Raise QueryRefused when ``text`` (escapes expanded) calls a SERVICE not in ``allowed``."""
    if _SERVICE_WORD not in text.lower():
        return
    refused = [name for name in service_endpoints(text) if name not in allowed]
    if refused:
        names = ", ".join(sorted(set(refused)))
        raise QueryRefused(f"query calls SERVICE {names}: plankg does not send queries to other endpoints "
                           f"unless --allow-service names them")


@lru_cache(maxsize=512)
def service_endpoints(text: str) -> tuple[str, ...]:
    """The endpoints the SERVICE clauses of ``text`` call, as IRIs (``?var`` for a variable),
    found in rdflib's algebra of the query. Raises QueryRefused when rdflib cannot parse it."""
    from rdflib import Variable
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.algebra import traverse
    from rdflib.plugins.sparql.parserutils import CompValue

    from ..ontology.namespace import ALL_PREFIXES

    try:
        with deep_parsing():
            algebra = prepareQuery(text, initNs=ALL_PREFIXES).algebra
    except Exception as err:  # noqa: BLE001 - pyparsing and rdflib raise many kinds
        raise QueryRefused(f"query mentions SERVICE but cannot be parsed to check it: "
                           f"{' '.join(str(err).split())[:200] or type(err).__name__}") from None
    found: list[str] = []

    def visit(node) -> None:
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            term = node.get("term")
            found.append(f"?{term}" if isinstance(term, Variable) else str(term))

    traverse(algebra, visitPre=visit)
    return tuple(found)


@contextmanager
def deep_parsing(max_depth: int = MAX_DEPTH) -> Iterator[None]:
    """Room on the Python stack for rdflib to parse a query ``max_depth`` brackets deep."""
    needed = max_depth * _FRAMES_PER_LEVEL + 1000
    previous = sys.getrecursionlimit()
    if previous < needed:
        sys.setrecursionlimit(needed)
    try:
        yield
    finally:
        if previous < needed:
            sys.setrecursionlimit(previous)
