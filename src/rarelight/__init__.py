"""Rarelight: knowledge, diagnosis, care, community and registry for ultra-rare genetic disorders.

The core package is plain Python (no web framework); the CLI and the Django project are faces on it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rarelight")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
