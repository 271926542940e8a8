"""Care record pages. Every record page starts with access.record_access; writes go to services."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rarelight.care import team_gaps
from rarelight_web.accounts.models import User
from rarelight_web.catalog.models import Disease

from . import appointments, emails, medicines, services, team
from .access import Access, record_access
from .forms import (
    AppointmentForm,
    CareRecordForm,
    DbsImplantForm,
    DbsSessionForm,
    DiaryEntryForm,
    InviteForm,
    MedicineForm,
    TeamMemberForm,
)
from .models import (
    Appointment,
    AuditEntry,
    DbsImplant,
    DbsSession,
    DiaryEntry,
    Invitation,
    Medicine,
    Membership,
    TeamMember,
)
from .roles import Capability

AUDIT_PAGE_SIZE = 100


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "login_required or record_access comes first"
    return user


def _invitation_link(request: HttpRequest, invitation: Invitation) -> str:
    token = services.invitation_token(invitation)
    return request.build_absolute_uri(reverse("records:invitation", args=[token]))


def _record_form_context(form: CareRecordForm) -> dict[str, object]:
    return {"form": form, "curated": Disease.objects.filter(curated=True).order_by("name")}


@login_required
def record_list(request: HttpRequest) -> HttpResponse:
    """The records the signed-in person is in the circle of, with their role in each."""
    memberships = (
        Membership.objects.filter(user=_user(request))
        .select_related("record", "record__diagnosis")
        .order_by("record__display_name", "record_id")
    )
    return render(request, "records/list.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponseBase:
    """A new care record; its creator becomes its first guardian."""
    now = _now()
    form = CareRecordForm(request.POST or None, today=now.date())
    if request.method == "POST" and form.is_valid():
        record = services.create_record(
            _user(request),
            display_name=form.cleaned_data["display_name"],
            date_of_birth=form.cleaned_data["date_of_birth"],
            sex=form.cleaned_data["sex"],
            diagnosis=form.cleaned_data["diagnosis_id"],
            now=now,
        )
        messages.success(request, _("Care record created. You are its guardian."))
        return redirect("records:overview", record_id=record.pk)
    return render(request, "records/form.html", _record_form_context(form))


@require_http_methods(["GET"])
def overview(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """The record, its care circle, and (for guardians) invitations."""
    access = record_access(request.user, record_id, Capability.VIEW)
    now = _now()
    services.note_viewed(access, now=now)
    context: dict[str, object] = {
        "access": access,
        "record": access.record,
        "members": access.record.memberships.select_related("user").order_by("joined_at", "id"),
    }
    if access.can(Capability.MANAGE_CIRCLE):
        pending = access.record.invitations.filter(
            accepted_at=None, revoked_at=None, expires_at__gt=now
        ).order_by("created_at", "id")
        context["invite_form"] = InviteForm()
        context["pending"] = [(i, _invitation_link(request, i)) for i in pending]
    return render(request, "records/overview.html", context)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Change the record's details (guardians and family)."""
    access = record_access(request.user, record_id, Capability.EDIT_PROFILE)
    now = _now()
    form = CareRecordForm(request.POST or None, instance=access.record, today=now.date())
    if request.method == "POST" and form.is_valid():
        services.update_record(
            access,
            display_name=form.cleaned_data["display_name"],
            date_of_birth=form.cleaned_data["date_of_birth"],
            sex=form.cleaned_data["sex"],
            diagnosis=form.cleaned_data["diagnosis_id"],
            now=now,
        )
        messages.success(request, _("Details saved."))
        return redirect("records:overview", record_id=access.record.pk)
    return render(request, "records/form.html", {**_record_form_context(form), "access": access})


@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """A guardian invites someone with a role; the link is shown and, with an address, emailed."""
    access = record_access(request.user, record_id, Capability.MANAGE_CIRCLE)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = services.invite(
            access, role=form.cleaned_data["role"], email=form.cleaned_data["email"], now=_now()
        )
        emails.send_invitation(
            invitation, _invitation_link(request, invitation), _user(request).display_name
        )
        if invitation.email:
            messages.success(request, _("Invitation sent by email. The link is also listed below."))
        else:
            messages.success(
                request, _("Invitation made. Copy its link below and send it yourself.")
            )
        return redirect(reverse("records:overview", args=[access.record.pk]) + "#invitations")
    return render(request, "records/invite.html", {"access": access, "form": form})


@require_POST
def revoke_invitation(
    request: HttpRequest, record_id: uuid.UUID, invitation_id: int
) -> HttpResponse:
    access = record_access(request.user, record_id, Capability.MANAGE_CIRCLE)
    try:
        services.revoke_invitation(access, invitation_id, now=_now())
        messages.success(request, _("Invitation withdrawn: its link no longer works."))
    except services.CircleError as error:
        messages.error(request, str(error))
    return redirect(reverse("records:overview", args=[access.record.pk]) + "#invitations")


@require_http_methods(["GET", "POST"])
def remove_member(
    request: HttpRequest, record_id: uuid.UUID, membership_id: int
) -> HttpResponseBase:
    """Confirm, then take someone out of the circle (guardians; never the last guardian)."""
    access = record_access(request.user, record_id, Capability.MANAGE_CIRCLE)
    member = access.record.memberships.select_related("user").filter(pk=membership_id).first()
    if member is None:
        messages.error(request, _("That person is not in this care circle."))
        return redirect("records:overview", record_id=access.record.pk)
    error = ""
    if request.method == "POST":
        try:
            services.remove_member(access, membership_id, now=_now())
        except services.CircleError as refused:
            error = str(refused)
        else:
            if member.pk == access.membership.pk:
                return redirect("records:list")
            messages.success(
                request, _("%(name)s is no longer in the care circle.") % {"name": member.user}
            )
            return redirect("records:overview", record_id=access.record.pk)
    context = {"access": access, "member": member, "error": error}
    return render(request, "records/remove_member.html", context)


@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Confirm, then leave the circle (any member; never the last guardian)."""
    access = record_access(request.user, record_id, Capability.VIEW)
    error = ""
    if request.method == "POST":
        try:
            services.leave(access, now=_now())
        except services.CircleError as refused:
            error = str(refused)
        else:
            messages.success(request, _("You have left the care circle."))
            return redirect("records:list")
    return render(request, "records/leave.html", {"access": access, "error": error})


@require_http_methods(["GET"])
def audit_log(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """Who viewed or changed what, newest first (guardians)."""
    access = record_access(request.user, record_id, Capability.READ_AUDIT)
    services.note_viewed(access, now=_now(), what="audit log")
    entries = AuditEntry.objects.filter(record=access.record).order_by("-at", "-id")
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "records/audit.html", {"access": access, "page": page})


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponseBase:
    """Follow an invitation link: sign in (or up) if needed, then accept it."""
    user = request.user if isinstance(request.user, User) else None
    if request.method == "POST" and user is None:
        return redirect_to_login(request.get_full_path())
    now = _now()
    context: dict[str, object] = {"token": token}
    try:
        if request.method == "POST" and user is not None:
            membership = services.accept_invitation(user, token, now=now)
            messages.success(
                request,
                _("You have joined the care circle as %(role)s.")
                % {"role": membership.get_role_display()},
            )
            return redirect("records:overview", record_id=membership.record_id)
        context["invitation"] = services.check_invitation(token, user, now=now)
    except services.AlreadyMember as already:
        context["error"] = str(already)
        context["record_id"] = already.record_id
        return render(request, "records/invitation.html", context)
    except services.InvitationError as refused:
        context["error"] = str(refused)
        return render(request, "records/invitation.html", context, status=400)
    return render(request, "records/invitation.html", context)


# Care team ----------------------------------------------------------------------------------------


@require_http_methods(["GET"])
def team_list(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """The care team with contacts, and the recommended roles nobody fills yet (team gaps)."""
    access = record_access(request.user, record_id, Capability.VIEW)
    services.note_viewed(access, now=_now(), what="care team")
    recommended = team.recommended_for(access.record)
    titles = team.role_titles(recommended)
    members = list(access.record.team.order_by("created_at", "id"))
    gaps = team_gaps(recommended, [m.role for m in members if m.role != TeamMember.CUSTOM])
    context = {
        "access": access,
        "record": access.record,
        "members": [(m, team.title_of(m, titles)) for m in members],
        "gaps": gaps,
        "from_profile": team.has_profile(access.record),
    }
    return render(request, "records/team.html", context)


def _team_form(
    access: Access,
    data: QueryDict | None = None,
    *,
    instance: TeamMember | None = None,
    initial: dict[str, str] | None = None,
) -> TeamMemberForm:
    """The team member form, its roles the record's recommended ones first."""
    recommended = team.recommended_for(access.record)
    roles = [(role.role, role.title) for role in recommended]
    known = {slug for slug, _title in roles}
    titles = team.role_titles(recommended)
    roles += [(slug, title) for slug, title in titles.items() if slug not in known]
    return TeamMemberForm(data, instance=instance, initial=initial, roles=roles)


def _team_values(form: TeamMemberForm) -> dict[str, str]:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


@require_http_methods(["GET", "POST"])
def team_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Add someone to the care team; ?role=<slug> fills the role in (from a team gap)."""
    access = record_access(request.user, record_id, Capability.EDIT_PROFILE)
    if request.method == "POST":
        form = _team_form(access, request.POST)
    else:
        form = _team_form(access, initial={"role": request.GET.get("role", "")})
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            member = services.add_team_member(access, **_team_values(form), now=_now())
        except services.TeamError as refused:
            error = str(refused)
        else:
            messages.success(
                request, _("%(name)s is now on the care team.") % {"name": member.name}
            )
            return redirect("records:team", record_id=access.record.pk)
    context = {"access": access, "form": form, "error": error}
    return render(request, "records/team_form.html", context)


def _team_member(access: Access, member_id: int) -> TeamMember | None:
    return access.record.team.filter(pk=member_id).first()


@require_http_methods(["GET", "POST"])
def team_edit(request: HttpRequest, record_id: uuid.UUID, member_id: int) -> HttpResponseBase:
    """Change a care team entry."""
    access = record_access(request.user, record_id, Capability.EDIT_PROFILE)
    member = _team_member(access, member_id)
    if member is None:
        messages.error(request, _("That person is not on this care team."))
        return redirect("records:team", record_id=access.record.pk)
    form = _team_form(access, request.POST or None, instance=member)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.update_team_member(access, member_id, **_team_values(form), now=_now())
        except services.TeamError as refused:
            error = str(refused)
        else:
            messages.success(request, _("Care team entry saved."))
            return redirect("records:team", record_id=access.record.pk)
    context = {"access": access, "form": form, "member": member, "error": error}
    return render(request, "records/team_form.html", context)


@require_http_methods(["GET", "POST"])
def team_remove(request: HttpRequest, record_id: uuid.UUID, member_id: int) -> HttpResponseBase:
    """Confirm, then take someone off the care team."""
    access = record_access(request.user, record_id, Capability.EDIT_PROFILE)
    member = _team_member(access, member_id)
    if member is None:
        messages.error(request, _("That person is not on this care team."))
        return redirect("records:team", record_id=access.record.pk)
    if request.method == "POST":
        services.remove_team_member(access, member_id, now=_now())
        messages.success(
            request, _("%(name)s is no longer on the care team.") % {"name": member.name}
        )
        return redirect("records:team", record_id=access.record.pk)
    titles = team.role_titles(team.recommended_for(access.record))
    context = {"access": access, "member": member, "title": team.title_of(member, titles)}
    return render(request, "records/team_remove.html", context)


# Appointments -------------------------------------------------------------------------------------


@require_http_methods(["GET"])
def appointment_list(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """Upcoming appointments (soonest first), then past ones (most recent first)."""
    access = record_access(request.user, record_id, Capability.VIEW)
    now = _now()
    services.note_viewed(access, now=now, what="appointments")
    rows = access.record.appointments.select_related("team_member")
    upcoming, past = appointments.split_upcoming(rows, now)
    context = {"access": access, "record": access.record, "upcoming": upcoming, "past": past}
    return render(request, "records/appointments.html", context)


def _appointment_values(form: AppointmentForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


@require_http_methods(["GET", "POST"])
def appointment_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Add an appointment (guardians and family)."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    form = AppointmentForm(request.POST or None, record=access.record)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.add_appointment(access, **_appointment_values(form), now=_now())
        except services.AppointmentError as refused:
            error = str(refused)
        else:
            messages.success(request, _("Appointment added."))
            return redirect("records:appointments", record_id=access.record.pk)
    context = {"access": access, "form": form, "error": error}
    return render(request, "records/appointment_form.html", context)


def _appointment(access: Access, appointment_id: int) -> Appointment | None:
    return (
        access.record.appointments.select_related("team_member").filter(pk=appointment_id).first()
    )


@require_http_methods(["GET", "POST"])
def appointment_edit(
    request: HttpRequest, record_id: uuid.UUID, appointment_id: int
) -> HttpResponseBase:
    """Change an appointment."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    appointment = _appointment(access, appointment_id)
    if appointment is None:
        messages.error(request, _("There is no such appointment in this record."))
        return redirect("records:appointments", record_id=access.record.pk)
    form = AppointmentForm(request.POST or None, instance=appointment, record=access.record)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.update_appointment(
                access,
                appointment_id,
                **_appointment_values(form),
                now=_now(),
            )
        except services.AppointmentError as refused:
            error = str(refused)
        else:
            messages.success(request, _("Appointment saved."))
            return redirect("records:appointments", record_id=access.record.pk)
    context = {"access": access, "form": form, "appointment": appointment, "error": error}
    return render(request, "records/appointment_form.html", context)


@require_http_methods(["GET", "POST"])
def appointment_remove(
    request: HttpRequest, record_id: uuid.UUID, appointment_id: int
) -> HttpResponseBase:
    """Confirm, then take an appointment out of the record."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    appointment = _appointment(access, appointment_id)
    if appointment is None:
        messages.error(request, _("There is no such appointment in this record."))
        return redirect("records:appointments", record_id=access.record.pk)
    if request.method == "POST":
        services.remove_appointment(access, appointment_id, now=_now())
        messages.success(request, _("Appointment removed."))
        return redirect("records:appointments", record_id=access.record.pk)
    return render(
        request, "records/appointment_remove.html", {"access": access, "appointment": appointment}
    )


@require_http_methods(["GET"])
def appointment_calendar(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """The appointments as an iCalendar file (members; no name or diagnosis in it)."""
    access = record_access(request.user, record_id, Capability.VIEW)
    now = _now()
    services.note_viewed(access, now=now, what="appointments calendar")
    rows = access.record.appointments.order_by("starts_at", "id")
    response = HttpResponse(
        appointments.ics_feed(rows, now=now), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="appointments.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


# Medicines ----------------------------------------------------------------------------------------


@require_http_methods(["GET"])
def medicine_list(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """Current medicines (not stopped, or stopping after today), then past ones."""
    access = record_access(request.user, record_id, Capability.VIEW)
    now = _now()
    services.note_viewed(access, now=now, what="medicines")
    current, past = medicines.split_current(access.record.medicines.all(), now)
    context = {"access": access, "record": access.record, "current": current, "past": past}
    return render(request, "records/medicines.html", context)


def _medicine_values(form: MedicineForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


def _medicine_refused(form: MedicineForm, refused: services.MedicineError) -> str:
    """Put the service's reason on its field; return it if it names no field of the form."""
    if refused.field in form.fields:
        form.add_error(refused.field, str(refused))
        return ""
    return str(refused)


@require_http_methods(["GET", "POST"])
def medicine_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Add a medicine (guardians and family)."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    form = MedicineForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.add_medicine(access, **_medicine_values(form), now=_now())
        except services.MedicineError as refused:
            error = _medicine_refused(form, refused)
        else:
            messages.success(request, _("Medicine added."))
            return redirect("records:medicines", record_id=access.record.pk)
    context = {"access": access, "form": form, "error": error}
    return render(request, "records/medicine_form.html", context)


def _medicine(access: Access, medicine_id: int) -> Medicine | None:
    return access.record.medicines.filter(pk=medicine_id).first()


@require_http_methods(["GET", "POST"])
def medicine_edit(request: HttpRequest, record_id: uuid.UUID, medicine_id: int) -> HttpResponseBase:
    """Change a medicine, or stop it by giving the date it was stopped."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    medicine = _medicine(access, medicine_id)
    if medicine is None:
        messages.error(request, _("There is no such medicine in this record."))
        return redirect("records:medicines", record_id=access.record.pk)
    form = MedicineForm(request.POST or None, instance=medicine)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.update_medicine(access, medicine_id, **_medicine_values(form), now=_now())
        except services.MedicineError as refused:
            error = _medicine_refused(form, refused)
        else:
            messages.success(request, _("Medicine saved."))
            return redirect("records:medicines", record_id=access.record.pk)
    context = {"access": access, "form": form, "medicine": medicine, "error": error}
    return render(request, "records/medicine_form.html", context)


@require_http_methods(["GET", "POST"])
def medicine_remove(
    request: HttpRequest, record_id: uuid.UUID, medicine_id: int
) -> HttpResponseBase:
    """Confirm, then take a medicine out of the record."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    medicine = _medicine(access, medicine_id)
    if medicine is None:
        messages.error(request, _("There is no such medicine in this record."))
        return redirect("records:medicines", record_id=access.record.pk)
    if request.method == "POST":
        services.remove_medicine(access, medicine_id, now=_now())
        messages.success(request, _("Medicine removed."))
        return redirect("records:medicines", record_id=access.record.pk)
    return render(request, "records/medicine_remove.html", {"access": access, "medicine": medicine})


# Deep brain stimulation ---------------------------------------------------------------------------


@require_http_methods(["GET"])
def dbs_list(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """DBS implants with their programming sessions, newest first."""
    access = record_access(request.user, record_id, Capability.VIEW)
    services.note_viewed(access, now=_now(), what="dbs")
    implants = access.record.dbs_implants.prefetch_related("sessions")
    context = {"access": access, "record": access.record, "implants": implants}
    return render(request, "records/dbs.html", context)


def _dbs_refused(form: DbsImplantForm | DbsSessionForm, refused: services.DbsError) -> str:
    """Put the service's reason on its field; return it if it names no field of the form."""
    if refused.field in form.fields:
        form.add_error(refused.field, str(refused))
        return ""
    return str(refused)


@require_http_methods(["GET", "POST"])
def dbs_implant_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Add a DBS implant (guardians and family)."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    form = DbsImplantForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.add_dbs_implant(access, **form.cleaned_data, now=_now())
        except services.DbsError as refused:
            error = _dbs_refused(form, refused)
        else:
            messages.success(request, _("DBS implant added."))
            return redirect("records:dbs", record_id=access.record.pk)
    context = {"access": access, "form": form, "error": error}
    return render(request, "records/dbs_implant_form.html", context)


def _dbs_implant(access: Access, implant_id: int) -> DbsImplant | None:
    return access.record.dbs_implants.filter(pk=implant_id).first()


def _dbs_session(access: Access, session_id: int) -> DbsSession | None:
    return (
        DbsSession.objects.select_related("implant")
        .filter(implant__record=access.record, pk=session_id)
        .first()
    )


@require_http_methods(["GET", "POST"])
def dbs_session_add(
    request: HttpRequest, record_id: uuid.UUID, implant_id: int
) -> HttpResponseBase:
    """Add a programming session to an implant (guardians and family)."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    implant = _dbs_implant(access, implant_id)
    if implant is None:
        messages.error(request, _("There is no such DBS implant in this record."))
        return redirect("records:dbs", record_id=access.record.pk)
    form = DbsSessionForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.add_dbs_session(
                access,
                implant_id,
                programmed_on=form.cleaned_data["programmed_on"],
                left=form.side("left"),
                right=form.side("right"),
                notes=form.cleaned_data["notes"],
                now=_now(),
            )
        except services.DbsError as refused:
            error = _dbs_refused(form, refused)
        else:
            messages.success(request, _("Programming session added."))
            return redirect("records:dbs", record_id=access.record.pk)
    context = {"access": access, "form": form, "implant": implant, "error": error}
    return render(request, "records/dbs_session_form.html", context)


@require_http_methods(["GET", "POST"])
def dbs_session_remove(
    request: HttpRequest, record_id: uuid.UUID, session_id: int
) -> HttpResponseBase:
    """Confirm, then take a programming session out of the record."""
    access = record_access(request.user, record_id, Capability.EDIT_DIARY)
    session = _dbs_session(access, session_id)
    if session is None:
        messages.error(request, _("There is no such DBS programming session in this record."))
        return redirect("records:dbs", record_id=access.record.pk)
    if request.method == "POST":
        services.remove_dbs_session(access, session_id, now=_now())
        messages.success(request, _("Programming session removed."))
        return redirect("records:dbs", record_id=access.record.pk)
    return render(
        request, "records/dbs_session_remove.html", {"access": access, "session": session}
    )


# Diary --------------------------------------------------------------------------------------------


def _diary_writer(request: HttpRequest, record_id: uuid.UUID) -> Access:
    """Access for writing the diary: EDIT_DIARY (guardians, family) or ADD_CLINICAL (clinicians)."""
    access = record_access(request.user, record_id, Capability.VIEW)
    if not access.can(Capability.ADD_CLINICAL):
        access.require(Capability.EDIT_DIARY)
    return access


def _may_write_diary(access: Access) -> bool:
    return access.can(Capability.EDIT_DIARY) or access.can(Capability.ADD_CLINICAL)


@require_http_methods(["GET"])
def diary_list(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """Diary entries, newest first: date, affected regions, BFMDRS movement total, notes."""
    access = record_access(request.user, record_id, Capability.VIEW)
    services.note_viewed(access, now=_now(), what="diary")
    context = {
        "access": access,
        "record": access.record,
        "entries": access.record.diary.all(),
        "may_write": _may_write_diary(access),
    }
    return render(request, "records/diary.html", context)


def _diary_refused(form: DiaryEntryForm, refused: services.DiaryError) -> str:
    """Put the service's reasons on their fields; return what names no field of the form."""
    left: list[str] = []
    for problem in refused.problems:
        if problem.location in form.fields:
            form.add_error(problem.location, f"{problem.message} ({problem.fix})")
        else:
            left.append(str(problem))
    if refused.field in form.fields:
        form.add_error(refused.field, str(refused))
    elif not refused.problems or left:
        left.insert(0, str(refused))
    return " ".join(left)


@require_http_methods(["GET", "POST"])
def diary_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Add a diary entry (guardians, family and clinicians), with an optional BFMDRS rating."""
    access = _diary_writer(request, record_id)
    form = DiaryEntryForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.add_diary_entry(
                access,
                on=form.cleaned_data["on"],
                regions=form.cleaned_data["regions"],
                bfm_movement=form.bfm_movement(),
                notes=form.cleaned_data["notes"],
                now=_now(),
            )
        except services.DiaryError as refused:
            error = _diary_refused(form, refused)
        else:
            messages.success(request, _("Diary entry added."))
            return redirect("records:diary", record_id=access.record.pk)
    context = {"access": access, "form": form, "error": error}
    return render(request, "records/diary_form.html", context)


def _diary_entry(access: Access, entry_id: int) -> DiaryEntry | None:
    return access.record.diary.filter(pk=entry_id).first()


@require_http_methods(["GET", "POST"])
def diary_remove(request: HttpRequest, record_id: uuid.UUID, entry_id: int) -> HttpResponseBase:
    """Confirm, then take a diary entry out of the record."""
    access = _diary_writer(request, record_id)
    entry = _diary_entry(access, entry_id)
    if entry is None:
        messages.error(request, _("There is no such diary entry in this record."))
        return redirect("records:diary", record_id=access.record.pk)
    if request.method == "POST":
        services.remove_diary_entry(access, entry_id, now=_now())
        messages.success(request, _("Diary entry removed."))
        return redirect("records:diary", record_id=access.record.pk)
    return render(request, "records/diary_remove.html", {"access": access, "entry": entry})
