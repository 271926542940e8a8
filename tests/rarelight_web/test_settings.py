"""Configuration from the environment: production refuses to start half-configured."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _django(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    own = ("RARELIGHT_", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(own)}
    environment.update(
        DJANGO_SETTINGS_MODULE="rarelight_web.settings", RARELIGHT_DATA_DIR=str(tmp_path)
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "django", *args], capture_output=True, text=True, env=environment
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = _django(
        ["check"], tmp_path, RARELIGHT_ENV="production", RARELIGHT_ALLOWED_HOSTS="x.org"
    )
    assert result.returncode != 0
    assert "needs RARELIGHT_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path: Path) -> None:
    result = _django(["check"], tmp_path, RARELIGHT_ENV="production", RARELIGHT_SECRET_KEY="k" * 60)
    assert result.returncode != 0
    assert "needs RARELIGHT_ALLOWED_HOSTS" in result.stderr


def test_an_unknown_environment_is_refused(tmp_path: Path) -> None:
    result = _django(["check"], tmp_path, RARELIGHT_ENV="staging")
    assert result.returncode != 0
    assert "RARELIGHT_ENV='staging' is not understood" in result.stderr


def test_production_passes_the_deployment_checklist(tmp_path: Path) -> None:
    result = _django(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        RARELIGHT_ENV="production",
        RARELIGHT_SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        RARELIGHT_ALLOWED_HOSTS="rarelight.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_keeps_a_generated_secret_key_in_the_data_folder(tmp_path: Path) -> None:
    assert _django(["check"], tmp_path).returncode == 0
    key = (tmp_path / "secret-key").read_text()
    assert len(key) >= 50
    assert (tmp_path / "secret-key").stat().st_mode & 0o077 == 0
