"""Reading plankg's data files (word lists, rules, patterns under ``plankg/*/data/``): one
loader, so that every stage reads them the same way and fast."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeVar

import yaml

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    Record = TypeVar("Record", bound=DataclassInstance)

#: libyaml's C parser where PyYAML was built with it: the same documents, about ten times
#: faster than the pure-Python parser (discovery.yaml and relations.yaml took 0.16 s).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """A YAML document's data (safe: plain data types only)."""
    return yaml.load(text, Loader=_LOADER)  # a safe loader: plain data types only


def data_text(package: str, name: str) -> str:
    """The text of the data file ``name`` (e.g. ``data/issuers.tsv``) of ``package``."""
    return resources.files(package).joinpath(name).read_text("utf-8")


def data_bytes(package: str, name: str) -> bytes:
    """The bytes of the data file ``name`` of ``package`` (a document read as a user's would be)."""
    return resources.files(package).joinpath(name).read_bytes()


def data_lines(text: str) -> Iterator[tuple[int, str]]:
    """(number, line) of each line of a data file that holds data: blank lines and comment
    lines (``#`` first, after any indent) are skipped; numbers count from 1, for messages."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield number, line


def data_yaml(package: str, name: str) -> Any:
    """The YAML data file ``name`` (e.g. ``data/relations.yaml``) of ``package``."""
    return parse_yaml(data_text(package, name))


def typed_record(kind: type[Record], values: dict[str, Any], source: str) -> Record:
    """A frozen dataclass ``kind`` from a YAML mapping ``values`` (``source`` names the file for
    errors), each value made the type its field declares: a list becomes a tuple (a frozenset
    where the field says so) of strings, a string a compiled pattern where the field is a
    ``re.Pattern``, a mapping's values the same by the mapping's value type; values already
    built stay as they are. A field with no value, or a value with no field, is an error."""
    specs = {spec.name: str(spec.type) for spec in fields(kind)}
    unknown, missing = set(values) - set(specs), set(specs) - set(values)
    if unknown or missing:
        raise ValueError(f"{source}: {kind.__name__} keys unknown {sorted(unknown)}, missing {sorted(missing)}")
    return kind(**{name: _typed(specs[name], value) for name, value in values.items()})


def _typed(annotation: str, value: Any) -> Any:
    """``value`` as the type ``annotation`` (a field's type, as a string) declares."""
    if isinstance(value, list):
        return frozenset(map(str, value)) if annotation.startswith("frozenset") else tuple(map(str, value))
    if isinstance(value, str) and annotation.startswith("re.Pattern"):
        return re.compile(value)
    if isinstance(value, dict) and annotation.startswith("dict["):
        inner = annotation[annotation.index(",") + 1:-1].strip()
        return {str(key): _typed(inner, item) for key, item in value.items()}
    return value
