"""Reading plankg's data files (word lists, rules, patterns under ``plankg/*/data/``): one
loader, so that every stage reads them the same way and fast."""
from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

#: libyaml's C parser where PyYAML was built with it: the same documents, about ten times
#: faster than the pure-Python parser (discovery.yaml and relations.yaml took 0.16 s).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """A YAML document's data (safe: plain data types only)."""
    return yaml.load(text, Loader=_LOADER)  # a safe loader: plain data types only


def data_yaml(package: str, name: str) -> Any:
    """The YAML data file ``name`` (e.g. ``data/relations.yaml``) of ``package``."""
    return parse_yaml(resources.files(package).joinpath(name).read_text("utf-8"))
