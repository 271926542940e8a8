"""The invitation email, sent after the invitation is stored (never inside the transaction)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string

from .models import Invitation


def send_invitation(invitation: Invitation, link: str, inviter: str) -> None:
    """Email the link to the invited address (no-op for a link-only invitation)."""
    if not invitation.email:
        return
    context = {"invitation": invitation, "link": link, "inviter": inviter}
    send_mail(
        subject=render_to_string("records/invitation_subject.txt", context).strip(),
        message=render_to_string("records/invitation_email.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
