"""rarelight.genomics exposes exactly its curated API and never imports Django."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import rarelight.genomics as genomics


def test_public_api_is_exactly_all() -> None:
    public = {name for name in vars(genomics) if not name.startswith("_")}
    submodules = {m.name for m in pkgutil.iter_modules(genomics.__path__)}
    assert set(genomics.__all__) == public - submodules


def test_genomics_never_loads_django() -> None:
    names = ["rarelight.genomics"] + [
        f"rarelight.genomics.{m.name}" for m in pkgutil.iter_modules(genomics.__path__)
    ]
    for name in names:
        importlib.import_module(name)
    code = (
        f"import importlib, sys\nfor n in {names!r}: importlib.import_module(n)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'django', 'ninja', 'rarelight_web'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
