"""Words a family typed, drawn on a chart: control characters (a bell, a next-line) would be
boxes, and break the SVG's XML, so the charts draw them as a space."""

from __future__ import annotations

import datetime as dt
import unicodedata
from xml.etree import ElementTree

import pytest
from django.test import Client
from tests.rarelight_web.factories import (
    access,
    make_appointment,
    make_diary_entry,
    make_medicine,
    make_record,
    make_user,
)

from rarelight.care import BFM_REGIONS
from rarelight_web.records import services
from rarelight_web.records.chart_labels import chart_label
from rarelight_web.records.models import Milestone
from rarelight_web.records.roles import Capability

pytestmark = pytest.mark.django_db

BELL, NEXT_LINE = "\x07", "\u0085"


@pytest.mark.parametrize(
    ("typed", "drawn"),
    [
        (f"Dr{BELL}Okafor{NEXT_LINE}clinic", "Dr Okafor clinic"),
        ("Tab\tand\r\nnew line", "Tab and new line"),  # a label is one line
        ("\x00\x1f\x7f\x80\x9fonly controls", "only controls"),
        ("Zoë’s first day 🎒 (école)", "Zoë’s first day 🎒 (école)"),  # everything else stays
    ],
)
def test_a_chart_label_is_one_line_with_no_control_character(typed: str, drawn: str) -> None:
    assert chart_label(typed) == drawn


def _texts(svg: bytes) -> str:
    """Every piece of text in the SVG document: its title, description and drawn labels."""
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own SVG; fails on a bell (not XML)
    return " ".join(root.itertext())


def test_the_charts_draw_typed_control_characters_as_spaces() -> None:
    guardian = make_user("Gwen Guardian")
    record = make_record(guardian)
    today = dt.datetime.now(dt.UTC).date()
    make_appointment(record, with_whom=f"Dr{BELL}Okafor{NEXT_LINE}clinic")
    make_medicine(record, name=f"Baclofen{BELL}{NEXT_LINE}liquid")
    services.add_milestone(
        access(guardian, record, Capability.EDIT_DIARY),
        on=today,
        kind=Milestone.Kind.SCHOOL,
        title=f"{NEXT_LINE}First day{BELL}at school",
        result="",
        now=dt.datetime.now(dt.UTC),
    )
    bfm = {n: 1 for region in BFM_REGIONS for n in (region.provoking_field, region.severity_field)}
    make_diary_entry(record, on=today, bfm_movement=bfm)
    client = Client()
    client.force_login(guardian)
    drawn = {}
    for key in ("timeline", "bfm"):
        response = client.get(f"/records/{record.pk}/charts/{key}.svg")
        assert response.status_code == 200
        for bad in (BELL, NEXT_LINE):
            assert bad.encode() not in response.content, (key, bad)
        drawn[key] = _texts(response.content)
        assert not [c for c in drawn[key] if unicodedata.category(c) == "Cc" and c != "\n"], key
    assert "Dr Okafor clinic" in drawn["timeline"]
    assert "Baclofen liquid started" in drawn["timeline"]
    assert "First day at school" in drawn["timeline"]
    assert "Baclofen liquid" in drawn["bfm"]
    page = client.get(f"/records/{record.pk}/progress/").content.decode()
    assert BELL not in page  # the tables beside the charts
    assert NEXT_LINE not in page
    assert "Dr Okafor clinic" in page
