"""The named query library: ``plankg/queries/*.rq`` and their header comments.

Each ``.rq`` file opens with comment lines that describe it::

    # name: tasks-naming
    # description: The tasks that name an entity, found by any of its names
    # param: name (string) a name of the entity, e.g. 上海保险交易所 or CIPS
    # example: name=上海保险交易所

``name`` must be the file's stem. ``param`` lines declare the query's
parameters: a variable name, its type in brackets (``string``, ``integer`` or
``iri``, optionally ``, default=VALUE``) and a description. ``example`` lines
give parameter values that answer something on the bundled plan (used by the
tests and the benchmark). A query read from a file or given as text may use
the same header; a query without one takes no parameters.

Parameters are bound as RDF terms (rdflib ``initBindings``, pyoxigraph
``substitutions``), never pasted into the query text. pyoxigraph follows
SEP-0007 and only substitutes variables that the query projects, so every
parameter must appear in the SELECT clause (and in GROUP BY when the query
aggregates); ``Query.check()`` enforces that for the library.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal as TypingLiteral

from rdflib import XSD, Literal, URIRef
from rdflib.term import Identifier

from ..errors import PlanError

ParamType = TypingLiteral["string", "integer", "iri"]
PARAM_TYPES: tuple[str, ...] = ("string", "integer", "iri")

_HEADER = re.compile(r"^#\s*(name|description|param|example)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(?P<type>[a-z]+)\s*"
                    r"(?:,\s*default\s*=\s*(?P<default>[^)]*?))?\s*\)\s*(?P<description>.*)$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


@dataclass(frozen=True)
class Param:
    """One declared parameter of a query: the SPARQL variable it binds (without ``?``)."""

    name: str
    type: ParamType = "string"
    description: str = ""
    default: str | None = None

    def term(self, value: str) -> Identifier:
        """``value`` as the RDF term this parameter binds."""
        if self.type == "integer":
            if not re.fullmatch(r"[+-]?\d+", value.strip()):
                raise PlanError(f"--param {self.name}={value!r}: not an integer")
            return Literal(int(value.strip()), datatype=XSD.integer)
        if self.type == "iri":
            if not ABSOLUTE_IRI.match(value):
                raise PlanError(f"--param {self.name}={value!r}: not an absolute IRI")
            return URIRef(value)
        return Literal(value)


@dataclass(frozen=True)
class Query:
    """A SPARQL query with its name, description and declared parameters."""

    name: str
    text: str
    description: str = ""
    params: tuple[Param, ...] = ()
    examples: tuple[Mapping[str, str], ...] = field(default=(), compare=False)
    origin: str = "<text>"

    def bindings(self, values: Mapping[str, str] | None = None) -> dict[str, Identifier]:
        """The declared parameters bound to ``values`` (strings from the command line or
        an API caller). Unknown names, missing values and ill-typed values raise PlanError."""
        values = dict(values or {})
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            known = ", ".join(declared) or "none"
            raise PlanError(f"query {self.name}: unknown parameter {', '.join(unknown)} "
                            f"(its parameters: {known})")
        bound: dict[str, Identifier] = {}
        for param in self.params:
            if param.name in values:
                bound[param.name] = param.term(values[param.name])
            elif param.default is not None:
                bound[param.name] = param.term(param.default)
            else:
                raise PlanError(f"query {self.name}: missing parameter {param.name} "
                                f"({param.description or param.type}); give --param {param.name}=VALUE")
        return bound


def parse_query(text: str, name: str | None = None, origin: str = "<text>") -> Query:
    """A query with the header read from its leading comment lines."""
    header: dict[str, list[str]] = {"name": [], "description": [], "param": [], "example": []}
    for line in text.lstrip("\ufeff").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if match:
            header[match.group(1)].append(match.group(2))
    params = tuple(_param(spec, origin) for spec in header["param"])
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise PlanError(f"{origin}: a parameter is declared twice")
    examples = tuple(_example(spec, origin) for spec in header["example"])
    return Query(
        name=name or (header["name"][0] if header["name"] else origin),
        text=text,
        description=" ".join(header["description"]),
        params=params,
        examples=examples,
        origin=origin,
    )


def _param(spec: str, origin: str) -> Param:
    match = _PARAM.match(spec)
    if not match or match.group("type") not in PARAM_TYPES:
        raise PlanError(f"{origin}: bad parameter declaration {spec!r}; write "
                        f"'# param: NAME (string|integer|iri[, default=VALUE]) description'")
    return Param(match.group("name"), match.group("type"), match.group("description"),  # type: ignore[arg-type]
                 match.group("default"))


def _example(spec: str, origin: str) -> Mapping[str, str]:
    values: dict[str, str] = {}
    for item in spec.split(";"):
        if item.strip():
            key, sep, value = item.strip().partition("=")
            if not sep:
                raise PlanError(f"{origin}: bad example {spec!r}; write '# example: NAME=VALUE; ...'")
            values[key.strip()] = value.strip()
    return values


@cache
def _library() -> dict[str, Query]:
    queries: dict[str, Query] = {}
    for entry in resources.files(__name__.rpartition(".")[0]).iterdir():
        if not entry.name.endswith(".rq"):
            continue
        stem = entry.name[: -len(".rq")]
        query = parse_query(entry.read_text(encoding="utf-8"), origin=f"plankg/queries/{entry.name}")
        if query.name != stem or not _NAME.match(stem):
            raise PlanError(f"{query.origin}: header name {query.name!r} must be the file's stem {stem!r}")
        queries[stem] = query
    return dict(sorted(queries.items()))


def list_queries() -> list[Query]:
    """The library's queries, sorted by name."""
    return list(_library().values())


def load_query(name: str) -> Query:
    """A library query by name; an unknown name raises PlanError listing the known ones."""
    library = _library()
    if name not in library:
        raise PlanError(f"unknown query {name!r}; known queries: {', '.join(library)}")
    return library[name]


def resolve_query(spec: str) -> Query:
    """A library name, a path to a ``.rq`` file, or the text of a query."""
    library = _library()
    if spec in library:
        return library[spec]
    if _looks_like_text(spec):
        return parse_query(spec)
    path = Path(spec)
    if path.suffix.lower() in (".rq", ".sparql") or path.exists():
        if not path.is_file():
            raise PlanError(f"{spec}: no such query file")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            raise PlanError(f"{spec}: cannot read query file: {err}") from None
        return parse_query(text, name=path.stem, origin=str(path))
    raise PlanError(f"unknown query {spec!r}; known queries: {', '.join(library)} "
                    f"(or give a .rq file or the text of a query)")


def _looks_like_text(spec: str) -> bool:
    return any(ch.isspace() for ch in spec.strip()) or "{" in spec
