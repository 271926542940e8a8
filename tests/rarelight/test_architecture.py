"""The core stays free of Django, and each core package exposes exactly its curated public API."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest

import rarelight

CORE_PACKAGES = [
    "rarelight.care",
    "rarelight.knowledge",
    "rarelight.phenotype",
    "rarelight.reports",
]


def _core_modules() -> list[str]:
    names = ["rarelight", "rarelight.errors", "rarelight.config"]
    for package in CORE_PACKAGES:
        module = importlib.import_module(package)
        names.append(package)
        names += [f"{package}.{m.name}" for m in pkgutil.iter_modules(module.__path__)]
    return names


def test_importing_the_whole_core_never_loads_django() -> None:
    modules = _core_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'django', 'ninja', 'rarelight_web'})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
    assert len(modules) > 10


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_public_api_is_exactly_all(package: str) -> None:
    module = importlib.import_module(package)
    public = {name for name in vars(module) if not name.startswith("_")}
    submodules = {m.name for m in pkgutil.iter_modules(module.__path__)}
    assert set(module.__all__) == public - submodules


def test_version_is_set() -> None:
    assert rarelight.__version__ != "0.0.0"
