"""Submissions per address: at most `per_ip` accepted submissions from one IP address within a
window, counted in Django's cache as timestamps (the pattern of accounts/throttle.py).

The key is a hash of the address, so no IP address is stored in the cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

_PREFIX = "rarelight:community-submissions"


@dataclass(frozen=True)
class Limits:
    """At most `per_ip` submissions from one address within `window`."""

    per_ip: int = 5
    window: dt.timedelta = dt.timedelta(minutes=60)

    @classmethod
    def from_settings(cls) -> Limits:
        options: dict[str, int] = getattr(settings, "COMMUNITY_THROTTLE", {})
        return cls(
            per_ip=options.get("per_ip", cls.per_ip),
            window=dt.timedelta(minutes=options.get("window_minutes", 60)),
        )


def _key(ip: str) -> str:
    return f"{_PREFIX}:{hashlib.sha256(ip.encode()).hexdigest()}"


def _recent(ip: str, now: dt.datetime, window: dt.timedelta) -> list[float]:
    since = (now - window).timestamp()
    stamps: list[float] = cache.get(_key(ip), [])
    return sorted(s for s in stamps if s > since)


def retry_after(ip: str | None, now: dt.datetime) -> dt.timedelta | None:
    """How long until this address may submit again; None if it may now (or has no address)."""
    if not ip:
        return None
    limits = Limits.from_settings()
    recent = _recent(ip, now, limits.window)
    if len(recent) < limits.per_ip:
        return None
    frees_at = recent[-limits.per_ip] + limits.window.total_seconds()
    return dt.timedelta(seconds=max(frees_at - now.timestamp(), 1))


def record_submission(ip: str | None, now: dt.datetime) -> None:
    """Count one accepted submission against the address."""
    if not ip:
        return
    limits = Limits.from_settings()
    stamps = [*_recent(ip, now, limits.window), now.timestamp()]
    cache.set(_key(ip), stamps, int(limits.window.total_seconds()))
