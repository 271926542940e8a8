"""The care circle: inviting by link, following a link, withdrawing it, removing members, leaving."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rarelight_web.accounts.models import User
from rarelight_web.records import emails, services
from rarelight_web.records.access import record_access
from rarelight_web.records.forms import InviteForm
from rarelight_web.records.models import Invitation
from rarelight_web.records.roles import Capability

from ._common import now, signed_in


def invitation_link(request: HttpRequest, invitation: Invitation) -> str:
    token = services.invitation_token(invitation)
    return request.build_absolute_uri(reverse("records:invitation", args=[token]))


@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, record_id: uuid.UUID) -> HttpResponseBase:
    """A guardian invites someone with a role; the link is shown and, with an address, emailed."""
    access = record_access(request.user, record_id, Capability.MANAGE_CIRCLE)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = services.invite(
            access, role=form.cleaned_data["role"], email=form.cleaned_data["email"], now=now()
        )
        emails.send_invitation(
            invitation, invitation_link(request, invitation), signed_in(request).display_name
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
        services.revoke_invitation(access, invitation_id, now=now())
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
            services.remove_member(access, membership_id, now=now())
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
            services.leave(access, now=now())
        except services.CircleError as refused:
            error = str(refused)
        else:
            messages.success(request, _("You have left the care circle."))
            return redirect("records:list")
    return render(request, "records/leave.html", {"access": access, "error": error})


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponseBase:
    """Follow an invitation link: sign in (or up) if needed, then accept it."""
    user = request.user if isinstance(request.user, User) else None
    if request.method == "POST" and user is None:
        return redirect_to_login(request.get_full_path())
    current = now()
    context: dict[str, object] = {"token": token}
    try:
        if request.method == "POST" and user is not None:
            membership = services.accept_invitation(user, token, now=current)
            messages.success(
                request,
                _("You have joined the care circle as %(role)s.")
                % {"role": membership.get_role_display()},
            )
            return redirect("records:overview", record_id=membership.record_id)
        context["invitation"] = services.check_invitation(token, user, now=current)
    except services.AlreadyMember as already:
        context["error"] = str(already)
        context["record_id"] = already.record_id
        return render(request, "records/invitation.html", context)
    except services.InvitationError as refused:
        context["error"] = str(refused)
        return render(request, "records/invitation.html", context, status=400)
    return render(request, "records/invitation.html", context)
