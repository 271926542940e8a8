"""Template context every page gets."""

from __future__ import annotations

from django.http import HttpRequest

import rarelight


def site(request: HttpRequest) -> dict[str, object]:
    return {"rarelight_version": rarelight.__version__}
