"""Login throttling: too many failed sign-ins for one email address or from one IP address within a
window, and further attempts are refused (without checking the password) until the oldest ages out.

Failures are kept in Django's cache as lists of timestamps, keyed by a hash of the email address (no
address is stored in the cache) and by the client IP. Limits come from settings.LOGIN_THROTTLE.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from .models import normalise_email

_PREFIX = "rarelight:login-failures"


@dataclass(frozen=True)
class Limits:
    """At most `per_email` failures for one address and `per_ip` from one IP within `window`."""

    per_email: int = 5
    per_ip: int = 20
    window: dt.timedelta = dt.timedelta(minutes=15)

    @classmethod
    def from_settings(cls) -> Limits:
        options: dict[str, int] = getattr(settings, "LOGIN_THROTTLE", {})
        return cls(
            per_email=options.get("per_email", cls.per_email),
            per_ip=options.get("per_ip", cls.per_ip),
            window=dt.timedelta(minutes=options.get("window_minutes", 15)),
        )


def _keys(email: str, ip: str | None, limits: Limits) -> list[tuple[str, int]]:
    digest = hashlib.sha256(normalise_email(email).encode()).hexdigest()
    keys = [(f"{_PREFIX}:email:{digest}", limits.per_email)]
    if ip:
        keys.append((f"{_PREFIX}:ip:{ip}", limits.per_ip))
    return keys


def _recent(key: str, now: dt.datetime, window: dt.timedelta) -> list[float]:
    since = (now - window).timestamp()
    stamps: list[float] = cache.get(key, [])
    return sorted(s for s in stamps if s > since)


def retry_after(email: str, ip: str | None, now: dt.datetime) -> dt.timedelta | None:
    """How long until a sign-in for this address from this IP is allowed again; None if it is now."""
    limits = Limits.from_settings()
    waits = []
    for key, limit in _keys(email, ip, limits):
        recent = _recent(key, now, limits.window)
        if len(recent) >= limit:
            frees_at = recent[-limit] + limits.window.total_seconds()
            waits.append(dt.timedelta(seconds=max(frees_at - now.timestamp(), 1)))
    return max(waits) if waits else None


def record_failure(email: str, ip: str | None, now: dt.datetime) -> None:
    """Count one failed sign-in against the address and the IP."""
    limits = Limits.from_settings()
    timeout = int(limits.window.total_seconds())
    for key, _limit in _keys(email, ip, limits):
        cache.set(key, [*_recent(key, now, limits.window), now.timestamp()], timeout)


def record_success(email: str) -> None:
    """A correct password clears the address's failures (the IP's stay: one IP may try many)."""
    cache.delete(_keys(email, None, Limits.from_settings())[0][0])
