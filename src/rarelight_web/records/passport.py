"""A care record as the plain values of rarelight.reports: the care passport and the charts.

The reports core knows nothing of the database; this module is the one place that reads a record
for it, so the passport page, its PDF, the export and the charts all show the same facts.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from rarelight import reports
from rarelight.errors import InputError, NotFound
from rarelight_web.records import medicines as medicine_rules
from rarelight_web.records import team
from rarelight_web.records.chart_labels import chart_label
from rarelight_web.records.models import (
    Appointment,
    CareRecord,
    DbsImplant,
    DbsSession,
    DiaryEntry,
    GeneticVariant,
    Medicine,
)

_ORIGIN: dict[str, str] = {
    GeneticVariant.Inheritance.DE_NOVO.value: "de novo",
    GeneticVariant.Inheritance.MATERNAL.value: "inherited",
    GeneticVariant.Inheritance.PATERNAL.value: "inherited",
    GeneticVariant.Inheritance.INHERITED.value: "inherited",
}
_SIGNIFICANCE = ["pathogenic", "likely_pathogenic", "uncertain", "unknown"]


def _variant(record: CareRecord) -> reports.Variant | None:
    """The most significant reported variant (the passport has room for one)."""
    variants = sorted(
        record.variants.all(), key=lambda v: (_SIGNIFICANCE.index(v.classification), v.pk)
    )
    if not variants:
        return None
    best = variants[0]
    hgvs = " ".join(part for part in (best.hgvs_c, best.hgvs_p) if part)
    zygosity = "" if best.zygosity == GeneticVariant.Zygosity.UNKNOWN else best.zygosity
    return reports.Variant(best.gene, hgvs, zygosity, _ORIGIN.get(best.inheritance, "unknown"))


def _side(session: DbsSession, side: str) -> reports.DbsSide | None:
    values = session.side(side)
    if values is None:
        return None
    return reports.DbsSide(
        contacts=str(values["contacts"]),
        amplitude=values["amplitude"],  # type: ignore[arg-type]
        unit=str(values["unit"]),
        pulse_width_us=values["pulse_width_us"],  # type: ignore[arg-type]
        frequency_hz=values["frequency_hz"],  # type: ignore[arg-type]
    )


def _device(implant: DbsImplant) -> reports.Device:
    latest = implant.sessions.order_by("-programmed_on", "-id").first()
    session = None
    if latest is not None:
        session = reports.DbsSession(
            latest.programmed_on, _side(latest, "left"), _side(latest, "right")
        )
    return reports.Device(implant.implanted_on, implant.target, implant.device, session)


def _scores(record: CareRecord) -> tuple[reports.Score, ...]:
    scores = []
    for scale, field in (
        ("BFMDRS movement", "bfm_total"),
        ("BFMDRS disability", "bfm_disability_total"),
        ("Barry–Albright", "bads_total"),
    ):
        entry = record.diary.filter(**{f"{field}__isnull": False}).order_by("-on", "-id").first()
        if entry is not None:
            scores.append(reports.Score(scale, getattr(entry, field), entry.on))
    return tuple(scores)


def _about(record: CareRecord) -> tuple[reports.AboutLine, ...]:
    if record.diagnosis_id is None:
        return ()
    from rarelight_web.knowledge import catalogue

    try:
        profile = catalogue().get(record.diagnosis_id).profile
    except (InputError, NotFound):
        return ()
    return reports.about_the_disorder(profile) if profile is not None else ()


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def passport_data(record: CareRecord, now: dt.datetime) -> reports.PassportData:
    """Everything the care passport shows, read from the record as it is at `now`."""
    current, _past = medicine_rules.split_current(record.medicines.all(), now)
    upcoming = record.appointments.filter(starts_at__gte=now).order_by("starts_at", "id")[:5]
    titles = team.role_titles(team.recommended_for(record))
    today = now.date()
    return reports.PassportData(
        person=reports.Person(record.display_name, record.date_of_birth, record.sex),
        generated_on=today,
        diagnosis=(
            reports.Diagnosis(record.diagnosis.id, record.diagnosis.name)
            if record.diagnosis is not None
            else None
        ),
        variant=_variant(record),
        features=tuple(
            reports.Feature(
                f.hpo_id,
                f.label,
                observed=not f.excluded,
                onset=f"noticed {f.noticed_on:%b %Y}" if f.noticed_on else "",
            )
            for f in record.features.all()
        ),
        medicines=tuple(
            reports.Medicine(m.name, m.dose, m.schedule, m.started_on, m.response) for m in current
        ),
        allergies=_lines(record.allergies),
        devices=tuple(
            _device(implant) for implant in record.dbs_implants.order_by("implanted_on", "id")
        ),
        scores=_scores(record),
        appointments=tuple(
            reports.Appointment(a.starts_at, a.with_whom, a.reason) for a in upcoming
        ),
        therapies=tuple(
            reports.Therapy(
                t.get_kind_display(), " · ".join(p for p in (t.provider, t.how_often) if p)
            )
            for t in record.therapies.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        ),
        team=tuple(
            reports.Contact(team.title_of(member, titles), member.name, member.phone, member.email)
            for member in record.team.order_by("created_at", "id")
        ),
        emergency=reports.EmergencyNotes(
            record.emergency_do, record.emergency_avoid, record.emergency_call
        ),
        about=_about(record),
    )


# Charts -------------------------------------------------------------------------------------------


def _medicine_events(items: list[Medicine]) -> list[tuple[dt.date, str]]:
    events = []
    for medicine in items:
        events.append((medicine.started_on, f"{chart_label(medicine.name)} started"))
        if medicine.stopped_on is not None:
            events.append((medicine.stopped_on, f"{chart_label(medicine.name)} stopped"))
    return events


def _dbs_events(record: CareRecord) -> list[tuple[dt.date, str]]:
    events = []
    for implant in record.dbs_implants.prefetch_related("sessions"):
        events.append((implant.implanted_on, f"{implant.target} implant"))
        events += [(s.programmed_on, "programming") for s in implant.sessions.all()]
    return events


def _treatment_events(record: CareRecord) -> list[reports.TreatmentEvent]:
    events = [
        reports.TreatmentEvent(on, "medicine", what)
        for on, what in _medicine_events(list(record.medicines.all()))
    ]
    return events + [reports.TreatmentEvent(on, "dbs", what) for on, what in _dbs_events(record)]


def bfm_chart(record: CareRecord) -> reports.Plot:
    """The BFMDRS movement total over time, with medicine and DBS changes marked."""
    points = [
        reports.BfmPoint(entry.on, entry.bfm_total)
        for entry in record.diary.filter(bfm_total__isnull=False).order_by("on", "id")
        if entry.bfm_total is not None
    ]
    return reports.bfm_plot(points, _treatment_events(record))


def region_chart(record: CareRecord) -> reports.Plot:
    """Which body regions the diary marked, date by date: how the dystonia spread."""
    diary = record.diary.order_by("on", "id")
    return reports.region_strip_plot(
        [reports.DiaryRegions(entry.on, tuple(entry.regions)) for entry in diary if entry.regions]
    )


def timeline_chart(record: CareRecord) -> reports.Plot:
    """Everything in the record on one date axis, by lane."""
    diary = list(record.diary.order_by("on", "id"))
    medicine_events = _medicine_events(list(record.medicines.all()))
    return reports.timeline_plot(
        _timeline_events(record, diary, medicine_events, _dbs_events(record))
    )


CHARTS = {"bfm": bfm_chart, "regions": region_chart, "timeline": timeline_chart}
"""Chart key (as in the page's URLs) → the function drawing it."""


def _timeline_events(
    record: CareRecord,
    diary: list[DiaryEntry],
    medicine_events: list[tuple[dt.date, str]],
    dbs_events: list[tuple[dt.date, str]],
) -> list[reports.TimelineEvent]:
    appointments: list[Appointment] = list(record.appointments.all())
    events = [
        reports.TimelineEvent(a.starts_at.date(), "appointment", chart_label(a.with_whom))
        for a in appointments
    ]
    events += [reports.TimelineEvent(on, "medicine", what) for on, what in medicine_events]
    events += [reports.TimelineEvent(on, "dbs", what) for on, what in dbs_events]
    events += [
        reports.TimelineEvent(
            e.on, "diary", f"BFMDRS {e.bfm_total}" if e.bfm_total is not None else "entry"
        )
        for e in diary
    ]
    events += [
        reports.TimelineEvent(t.started_on, "therapy", f"{t.get_kind_display()} started")
        for t in record.therapies.all()
    ]
    events += [
        reports.TimelineEvent(m.on, "milestone", chart_label(m.title))
        for m in record.milestones.all()
    ]
    return events
