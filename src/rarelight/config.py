"""Settings the core reads from the environment (documented in the README)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_dir", "hpo_dir"]


def data_dir() -> Path:
    """RARELIGHT_DATA_DIR (default `var/`): database, uploads and caches."""
    return Path(os.environ.get("RARELIGHT_DATA_DIR") or "var").resolve()


def hpo_dir() -> Path | None:
    """RARELIGHT_HPO_DIR: a folder holding a newer raw HPO release; default the bundled one."""
    folder = os.environ.get("RARELIGHT_HPO_DIR")
    return Path(folder).resolve() if folder else None
