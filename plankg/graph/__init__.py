"""RDF building, serialisation and (later) analytics and rendering of plan graphs."""
from .build import GraphBuilder, IriScheme, build_dataset, build_graph, plan_slug
from .serialize import FORMATS, format_for, serialize, write_graph

__all__ = ["FORMATS", "GraphBuilder", "IriScheme", "build_dataset", "build_graph", "format_for",
           "plan_slug", "serialize", "write_graph"]
