"""The catalogue the web app serves: built once per process and shared by every request."""

from __future__ import annotations

from functools import cache

from rarelight import config
from rarelight.knowledge import Catalogue, load_catalogue


@cache
def catalogue() -> Catalogue:
    """The process-wide catalogue (HPO release + curated profiles), loaded on first use."""
    return load_catalogue(config.data_dir(), config.hpo_dir())
