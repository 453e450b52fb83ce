"""The one error every stage raises for input the user must fix (printed as one line, exit 2).

Its home is here, below every stage, so that a stage can raise it without importing
another (``plankg.queries`` never imports ``plankg.extract``)."""
from __future__ import annotations


class PlanError(Exception):
    """A problem with an input that the user must fix; printed as one line."""
