"""The one error every stage raises for input the user must fix (printed as one line, exit 2).

Its home is here, below every stage, so that a stage can raise it without importing
another (``plankg.queries`` never imports ``plankg.extract``)."""
from __future__ import annotations


class PlanError(Exception):
    """A problem with an input that the user must fix; printed as one line."""


def about(source: object, message: str) -> str:
    """``message`` led by ``source: ``, unless it names ``source`` first already."""
    return message if message.startswith(str(source)) else f"{source}: {message}"
