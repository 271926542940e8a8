"""Plain factory functions for accounts and care records (no passwords unless asked: Argon2 is slow
on purpose), and the page checks the account and record tests share."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from decimal import Decimal
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rarelight_web.accounts.models import User
from rarelight_web.catalog.models import Disease
from rarelight_web.records import services
from rarelight_web.records.access import Access, record_access
from rarelight_web.records.models import (
    Appointment,
    CareRecord,
    DbsImplant,
    DbsSession,
    DiaryEntry,
    Feature,
    GeneticVariant,
    Invitation,
    Medicine,
    Membership,
    Milestone,
    ReportFile,
    TeamMember,
    Therapy,
)
from rarelight_web.records.roles import Capability, Role

_serial = itertools.count(1)


def now() -> dt.datetime:
    """The real time: pages check invitations against it, so page tests make them with it."""
    return dt.datetime.now(dt.UTC)


def make_user(
    display_name: str = "",
    *,
    email: str = "",
    password: str | None = None,
    at: dt.datetime | None = None,
) -> User:
    n = next(_serial)
    return User.objects.create_user(
        email=email or f"person{n}@example.org",
        password=password,
        display_name=display_name or f"Person {n}",
        date_joined=at or now(),
    )


def make_disease(curie: str = "OMIM:617284", name: str = "KMT2B-related dystonia") -> Disease:
    disease, _created = Disease.objects.get_or_create(
        id=curie, defaults={"name": name, "curated": True, "hpo_release": "HPO 2025-01-16"}
    )
    return disease


def make_record(
    guardian: User | None = None,
    *,
    display_name: str = "Ada",
    diagnosis: Disease | None = None,
    at: dt.datetime | None = None,
) -> CareRecord:
    return services.create_record(
        guardian or make_user("Guardian"),
        display_name=display_name,
        date_of_birth=dt.date(2019, 3, 14),
        sex="female",
        diagnosis=diagnosis,
        now=at or now(),
    )


def add_member(
    record: CareRecord, role: Role, user: User | None = None, *, at: dt.datetime | None = None
) -> Membership:
    """Put someone straight into the circle (tests of invitations go through services instead)."""
    return Membership.objects.create(
        user=user or make_user(role.label.title()), record=record, role=role, joined_at=at or now()
    )


def access(user: User, record: CareRecord, capability: Capability = Capability.VIEW) -> Access:
    return record_access(user, record.pk, capability)


def make_invitation(
    record: CareRecord,
    *,
    role: Role = Role.VIEWER,
    email: str = "",
    at: dt.datetime | None = None,
) -> tuple[Invitation, str]:
    """A pending invitation made by the record's first guardian, and its link token."""
    guardian = record.memberships.filter(role=Role.GUARDIAN).order_by("id").first()
    assert guardian is not None
    invitation = services.invite(
        access(guardian.user, record, Capability.MANAGE_CIRCLE),
        role=role,
        email=email,
        now=at or now(),
    )
    return invitation, services.invitation_token(invitation)


def make_team_member(
    record: CareRecord,
    *,
    role: str = "medical-geneticist",
    name: str = "Dr Rivera",
    custom_title: str = "",
    at: dt.datetime | None = None,
) -> TeamMember:
    """A care team entry added by the record's first guardian."""
    guardian = record.memberships.filter(role=Role.GUARDIAN).order_by("id").first()
    assert guardian is not None
    return services.add_team_member(
        access(guardian.user, record, Capability.EDIT_PROFILE),
        role=role,
        custom_title=custom_title,
        name=name,
        now=at or now(),
    )


def make_appointment(
    record: CareRecord,
    *,
    starts_at: dt.datetime | None = None,
    with_whom: str = "Dr Okafor",
    duration_minutes: int | None = 30,
    reason: str = "",
    location: str = "",
    notes: str = "",
    follow_up: str = "",
    team_member: TeamMember | None = None,
    at: dt.datetime | None = None,
) -> Appointment:
    """An appointment added by the record's first guardian (by default a week after `at`)."""
    guardian = record.memberships.filter(role=Role.GUARDIAN).order_by("id").first()
    assert guardian is not None
    when = at or now()
    return services.add_appointment(
        access(guardian.user, record, Capability.EDIT_DIARY),
        starts_at=starts_at or when + dt.timedelta(days=7),
        duration_minutes=duration_minutes,
        with_whom=with_whom,
        team_member=team_member,
        reason=reason,
        location=location,
        notes=notes,
        follow_up=follow_up,
        now=when,
    )


def make_medicine(
    record: CareRecord,
    *,
    name: str = "Trihexyphenidyl",
    dose: str = "2 mg",
    schedule: str = "three times a day",
    started_on: dt.date | None = None,
    stopped_on: dt.date | None = None,
    reason: str = "",
    response: str = Medicine.Response.UNKNOWN,
    side_effects: str = "",
    notes: str = "",
    at: dt.datetime | None = None,
) -> Medicine:
    """A medicine added by the record's first guardian (by default started 30 days before `at`)."""
    guardian = record.memberships.filter(role=Role.GUARDIAN).order_by("id").first()
    assert guardian is not None
    when = at or now()
    return services.add_medicine(
        access(guardian.user, record, Capability.EDIT_DIARY),
        name=name,
        dose=dose,
        schedule=schedule,
        started_on=started_on or (when - dt.timedelta(days=30)).date(),
        stopped_on=stopped_on,
        reason=reason,
        response=response,
        side_effects=side_effects,
        notes=notes,
        now=when,
    )


def make_dbs_implant(
    record: CareRecord,
    *,
    implanted_on: dt.date | None = None,
    target: str = DbsImplant.Target.GPI,
    device: str = "Percept PC",
    at: dt.datetime | None = None,
) -> DbsImplant:
    """A DBS implant added by the record's first guardian (by default 90 days before `at`)."""
    guardian = record.memberships.filter(role=Role.GUARDIAN).order_by("id").first()
    assert guardian is not None
    when = at or now()
    return services.add_dbs_implant(
        access(guardian.user, record, Capability.EDIT_DIARY),
        implanted_on=implanted_on or (when - dt.timedelta(days=90)).date(),
        target=target,
        device=device,
        now=when,
    )


def dbs_side(
    contacts: str = "1-, C+",
    amplitude: str = "2.5",
    unit: str = "mA",
    pulse_width_us: int = 90,
    frequency_hz: int = 130,
) -> dict[str, object]:
    """One side's settings as services.add_dbs_session takes them."""
    return {
        "contacts": contacts,
        "amplitude": Decimal(amplitude),
        "unit": unit,
        "pulse_width_us": pulse_width_us,
        "frequency_hz": frequency_hz,
    }


def make_dbs_session(
    implant: DbsImplant,
    *,
    programmed_on: dt.date | None = None,
    left: dict[str, object] | None = None,
    right: dict[str, object] | None = None,
    notes: str = "",
    at: dt.datetime | None = None,
) -> DbsSession:
    """A programming session (both sides by default) added by the record's first guardian."""
    record = implant.record
    guardian = record.memberships.filter(role=Role.GUARDIAN).order_by("id").first()
    assert guardian is not None
    when = at or now()
    return services.add_dbs_session(
        access(guardian.user, record, Capability.EDIT_DIARY),
        implant.pk,
        programmed_on=programmed_on or when.date(),
        left=dbs_side() if left is None else left,
        right=dbs_side(contacts="9-, C+") if right is None else right,
        notes=notes,
        now=when,
    )


def make_diary_entry(
    record: CareRecord,
    *,
    on: dt.date | None = None,
    regions: tuple[str, ...] = ("legs",),
    bfm_movement: dict[str, object] | None = None,
    notes: str = "Walked less today",
    at: dt.datetime | None = None,
) -> DiaryEntry:
    """A diary entry added by the record's first guardian (by default dated the day of `at`)."""
    guardian = record.memberships.filter(role=Role.GUARDIAN).order_by("id").first()
    assert guardian is not None
    when = at or now()
    return services.add_diary_entry(
        access(guardian.user, record, Capability.EDIT_DIARY),
        on=on or when.date(),
        regions=regions,
        bfm_movement=bfm_movement,
        notes=notes,
        now=when,
    )


def _guardian_access(record: CareRecord, capability: Capability) -> Access:
    guardian = record.memberships.filter(role=Role.GUARDIAN).order_by("id").first()
    assert guardian is not None
    return access(guardian.user, record, capability)


def make_variant(record: CareRecord, *, at: dt.datetime | None = None) -> GeneticVariant:
    """KMT2B c.2233C>T p.(Arg745*), de novo, pathogenic — the shape of a published case."""
    return services.add_variant(
        _guardian_access(record, Capability.EDIT_PROFILE),
        gene="KMT2B",
        hgvs_c="NM_014727.3:c.2233C>T",
        hgvs_p="p.(Arg745*)",
        zygosity=GeneticVariant.Zygosity.HETEROZYGOUS,
        inheritance=GeneticVariant.Inheritance.DE_NOVO,
        classification=GeneticVariant.Classification.PATHOGENIC,
        now=at or now(),
    )


def make_feature(
    record: CareRecord,
    hpo_id: str = "HP:0001332",
    *,
    excluded: bool = False,
    noticed_on: dt.date | None = None,
    at: dt.datetime | None = None,
) -> Feature:
    feature, _notice = services.add_feature(
        _guardian_access(record, Capability.EDIT_PROFILE),
        hpo_id=hpo_id,
        excluded=excluded,
        noticed_on=noticed_on,
        now=at or now(),
    )
    return feature


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    """A small, real PNG image."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def make_report(
    record: CareRecord, *, title: str = "Clinic letter", at: dt.datetime | None = None
) -> ReportFile:
    upload = SimpleUploadedFile("letter.png", png_bytes(), content_type="image/png")
    return services.add_report(
        _guardian_access(record, Capability.EDIT_PROFILE),
        upload=upload,
        title=title,
        now=at or now(),
    )


def make_therapy(
    record: CareRecord, *, kind: str = Therapy.Kind.SPEECH, at: dt.datetime | None = None
) -> Therapy:
    when = at or now()
    return services.add_therapy(
        _guardian_access(record, Capability.EDIT_DIARY),
        kind=kind,
        provider="Speech clinic",
        started_on=(when - dt.timedelta(days=60)).date(),
        how_often="weekly",
        now=when,
    )


def make_milestone(record: CareRecord, *, at: dt.datetime | None = None) -> Milestone:
    when = at or now()
    return services.add_milestone(
        _guardian_access(record, Capability.EDIT_DIARY),
        on=(when - dt.timedelta(days=30)).date(),
        kind=Milestone.Kind.HEARING_TEST,
        title="Hearing test",
        result="Mild loss, left ear",
        now=when,
    )


class _Outline(HTMLParser):
    """Headings, landmarks, labels and asset URLs of a page (the idea of test_catalog_pages)."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: set[str] = set()
        self.assets: list[str] = []
        self.label_for: set[str] = set()
        self.unlabelled: list[str] = []
        self._ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.add(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in {"script", "img"} and a.get("src"):
            self.assets.append(a["src"] or "")
        if tag == "link" and a.get("href"):
            self.assets.append(a["href"] or "")
        if tag == "label" and a.get("for"):
            self.label_for.add(a["for"] or "")
        labelled = a.get("aria-label") or a.get("aria-labelledby")
        hidden = a.get("type") in {"hidden", "submit"}
        if tag in {"input", "select", "textarea"} and not hidden and not labelled:
            self.unlabelled.append(a.get("id") or "")


def assert_accessible(html: str) -> None:
    """Landmarks, one h1, no skipped heading levels, every field labelled, assets served locally."""
    page = _Outline()
    page.feed(html)
    assert {"header", "nav", "main", "footer"} <= page.tags
    assert page.headings[0] == 1
    assert page.headings.count(1) == 1
    for before, after in itertools.pairwise(page.headings):
        assert after <= before + 1, f"heading jumps from h{before} to h{after}"
    for field_id in page.unlabelled:
        assert field_id in page.label_for, f"field {field_id!r} has no label"
    for url in page.assets:
        assert url.startswith("/"), f"{url} is not served locally"
        assert not url.startswith("//"), f"{url} is not served locally"
    assert 'href="#main"' in html
