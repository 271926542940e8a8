"""Appointments: upcoming and past (with `now` passed in), and an iCalendar (RFC 5545) feed.

The feed is written by hand (no iCalendar library is installed). Calendar apps sync to third
parties, so it holds only what a calendar needs: when, with whom, where and why. It never holds the
person's name, their diagnosis, or the notes and follow-ups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .models import Appointment

PRODID = "-//Rarelight//Care record appointments//EN"
UID_DOMAIN = "rarelight"
MAX_OCTETS = 75  # per line, not counting the CRLF (RFC 5545 section 3.1)


def is_upcoming(appointment: Appointment, now: dt.datetime) -> bool:
    """Upcoming until it ends (or, with no length given, until it starts)."""
    end = appointment.ends_at or appointment.starts_at
    return end >= now


def split_upcoming(
    appointments: Iterable[Appointment], now: dt.datetime
) -> tuple[list[Appointment], list[Appointment]]:
    """Upcoming (soonest first) and past (most recent first)."""
    upcoming: list[Appointment] = []
    past: list[Appointment] = []
    for appointment in appointments:
        (upcoming if is_upcoming(appointment, now) else past).append(appointment)
    upcoming.sort(key=lambda a: (a.starts_at, a.pk))
    past.sort(key=lambda a: (a.starts_at, a.pk), reverse=True)
    return upcoming, past


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 section 3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded to at most 75 octets a line, never inside a UTF-8 character."""
    chunks: list[str] = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            chunks.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1  # continuation lines start with a space
        current += char
        size += width
    chunks.append(current)
    return "\r\n ".join(chunks)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(appointment: Appointment, stamp: dt.datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{appointment.uid}@{UID_DOMAIN}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(appointment.starts_at)}",
    ]
    if appointment.ends_at is not None:
        lines.append(f"DTEND:{_utc(appointment.ends_at)}")
    lines.append("SUMMARY:" + escape_text(f"Appointment: {appointment.with_whom}"))
    if appointment.location:
        lines.append("LOCATION:" + escape_text(appointment.location))
    if appointment.reason:
        lines.append("DESCRIPTION:" + escape_text(appointment.reason))
    lines += [
        f"CREATED:{_utc(appointment.created_at)}",
        f"LAST-MODIFIED:{_utc(appointment.updated_at)}",
        "END:VEVENT",
    ]
    return lines


def ics_feed(appointments: Iterable[Appointment], *, now: dt.datetime) -> str:
    """The appointments as one VCALENDAR: CRLF line endings, folded lines, times in UTC."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text("Appointments (Rarelight)"),
    ]
    for appointment in appointments:
        lines += _event(appointment, now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
