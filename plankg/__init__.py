"""plankg: Chinese government plans and policy documents as a knowledge graph."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("plankg")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
