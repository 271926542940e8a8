"""Appointments: upcoming and past (with `now` passed in), and an iCalendar (RFC 5545) feed.

The feed is written with the `icalendar` library. Calendar apps sync to third parties, so it holds only what a calendar needs: when, with whom, where and why. It never holds the
person's name, their diagnosis, or the notes and follow-ups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event

from .models import Appointment

PRODID = "-//Rarelight//Care record appointments//EN"
UID_DOMAIN = "rarelight"


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


def ics_feed(appointments: Iterable[Appointment], *, now: dt.datetime) -> str:
    """The appointments as one VCALENDAR (the `icalendar` library folds, escapes and uses CRLF)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Appointments (Rarelight)")
    for appointment in appointments:
        event = Event()
        event.add("uid", f"{appointment.uid}@{UID_DOMAIN}")
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("dtstart", appointment.starts_at.astimezone(dt.UTC))
        if appointment.ends_at is not None:
            event.add("dtend", appointment.ends_at.astimezone(dt.UTC))
        event.add("summary", f"Appointment: {appointment.with_whom}")
        if appointment.location:
            event.add("location", appointment.location)
        if appointment.reason:
            event.add("description", appointment.reason)
        event.add("created", appointment.created_at.astimezone(dt.UTC))
        event.add("last-modified", appointment.updated_at.astimezone(dt.UTC))
        calendar.add_component(event)
    body: bytes = calendar.to_ical()
    return body.decode("utf-8")
