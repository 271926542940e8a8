"""Care team pages: the team with its gaps, and adding, changing and removing people."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rarelight.care import team_gaps
from rarelight_web.records import services, team
from rarelight_web.records.access import Access, record_access
from rarelight_web.records.forms import TeamMemberForm
from rarelight_web.records.models import TeamMember
from rarelight_web.records.roles import Capability

from ._common import confirm_remove, entry_form, not_there, now


@require_http_methods(["GET"])
def team_list(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    """The care team with contacts, and the recommended roles nobody fills yet (team gaps)."""
    access = record_access(request.user, record_id, Capability.VIEW)
    services.note_viewed(access, now=now(), what="care team")
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


def _done(access: Access) -> str:
    return reverse("records:team", args=[access.record.pk])


@require_http_methods(["GET", "POST"])
def team_add(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """Add someone to the care team; ?role=<slug> fills the role in (from a team gap)."""
    access = record_access(request.user, record_id, Capability.EDIT_PROFILE)
    if request.method == "POST":
        form = _team_form(access, request.POST)
    else:
        form = _team_form(access, initial={"role": request.GET.get("role", "")})
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.add_team_member(access, **form.cleaned_data, now=now()),
        template="records/team_form.html",
        done=_done(access),
        success=lambda member: _("%(name)s is now on the care team.") % {"name": member.name},
    )


@require_http_methods(["GET", "POST"])
def team_edit(request: HttpRequest, record_id: uuid.UUID, member_id: int) -> HttpResponseBase:
    """Change a care team entry."""
    access = record_access(request.user, record_id, Capability.EDIT_PROFILE)
    member = access.record.team.filter(pk=member_id).first()
    if member is None:
        return not_there(request, _("That person is not on this care team."), _done(access))
    form = _team_form(access, request.POST or None, instance=member)
    return entry_form(
        request,
        access,
        form,
        save=lambda: services.update_team_member(access, member_id, **form.cleaned_data, now=now()),
        template="records/team_form.html",
        done=_done(access),
        success=_("Care team entry saved."),
        member=member,
    )


@require_http_methods(["GET", "POST"])
def team_remove(request: HttpRequest, record_id: uuid.UUID, member_id: int) -> HttpResponseBase:
    """Confirm, then take someone off the care team."""
    access = record_access(request.user, record_id, Capability.EDIT_PROFILE)
    member = access.record.team.filter(pk=member_id).first()
    if member is None:
        return not_there(request, _("That person is not on this care team."), _done(access))
    titles = team.role_titles(team.recommended_for(access.record))
    return confirm_remove(
        request,
        access,
        remove=lambda: services.remove_team_member(access, member_id, now=now()),
        template="records/team_remove.html",
        done=_done(access),
        success=_("%(name)s is no longer on the care team.") % {"name": member.name},
        member=member,
        title=team.title_of(member, titles),
    )
