"""Where the shared folder is: beside the repository (`../shared`), as the project is laid out.

A clone made elsewhere (a throwaway CI folder) finds it beside the repository it was cloned from,
so the tests read the same files wherever the clone sits. `RARELIGHT_SHARED` overrides both.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _origin() -> Path | None:
    """The local folder this clone came from, if it came from one."""
    try:
        url = subprocess.run(
            ["git", "-C", str(REPO), "config", "--get", "remote.origin.url"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        return None
    path = Path(url.removeprefix("file://"))
    return path if url and path.is_absolute() else None


def shared_dir() -> Path:
    """The shared folder; the beside-the-repo path when none exists (the tests then say so)."""
    if os.environ.get("RARELIGHT_SHARED"):
        return Path(os.environ["RARELIGHT_SHARED"])
    beside = REPO.parent / "shared"
    origin = _origin()
    if not beside.is_dir() and origin is not None and (origin.parent / "shared").is_dir():
        return origin.parent / "shared"
    return beside


SHARED = shared_dir()
