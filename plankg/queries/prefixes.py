"""The prefixes every query may use without declaring them: plankg's vocabulary's and the
standard ones (rdf, rdfs, skos, dcterms, prov, xsd)."""
from __future__ import annotations

from ..ontology.namespace import ALL_PREFIXES

#: Prefixes every query may use without declaring them (library queries declare theirs,
#: so they also run unchanged on other endpoints).
DEFAULT_PREFIXES: dict[str, str] = ALL_PREFIXES
