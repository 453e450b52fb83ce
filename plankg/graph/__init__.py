"""RDF building, serialisation and (later) analytics and rendering of plan graphs.

The builders need the extraction stage (spaCy), so they are imported on first use:
``from plankg.graph import format_for`` stays fast.
"""
from __future__ import annotations

from typing import Any

from .serialize import FORMATS, format_for, serialize, write_graph

_BUILD = {"GraphBuilder", "IriScheme", "build_dataset", "build_graph", "plan_slug"}


def __getattr__(name: str) -> Any:
    if name in _BUILD:
        from . import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FORMATS", "GraphBuilder", "IriScheme", "build_dataset", "build_graph", "format_for",
           "plan_slug", "serialize", "write_graph"]
