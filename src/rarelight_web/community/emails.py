"""Moderators hear of each new or revised submission by email, sent after it is stored."""

from __future__ import annotations

from django.core.mail import send_mass_mail
from django.template.loader import render_to_string

from . import services
from .models import Submission


def notify_moderators(submission: Submission, review_link: str, *, revised: bool = False) -> int:
    """One email per moderator with the title and the review link (no text, no contact details);
    returns how many were sent."""
    context = {"submission": submission, "link": review_link, "revised": revised}
    subject = " ".join(render_to_string("community/new_submission_subject.txt", context).split())
    body = render_to_string("community/new_submission_email.txt", context)
    addresses = list(services.moderators().values_list("email", flat=True))
    return send_mass_mail([(subject, body, None, [a]) for a in addresses], fail_silently=False)
