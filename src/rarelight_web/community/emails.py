"""Moderators hear of each new or revised submission by email, sent after it is stored."""

from __future__ import annotations

import logging
import smtplib

from django.core.mail import send_mass_mail
from django.template.loader import render_to_string

from . import services
from .models import Submission

log = logging.getLogger(__name__)


def notify_moderators(submission: Submission, review_link: str, *, revised: bool = False) -> int:
    """One email per moderator with the title and the review link (no text, no contact details);
    returns how many were sent. A mail server that fails is logged, not shown to the submitter:
    the submission is stored and waits in the queue either way."""
    context = {"submission": submission, "link": review_link, "revised": revised}
    subject = " ".join(render_to_string("community/new_submission_subject.txt", context).split())
    body = render_to_string("community/new_submission_email.txt", context)
    addresses = list(services.moderators().values_list("email", flat=True))
    try:
        return send_mass_mail([(subject, body, None, [a]) for a in addresses])
    except (OSError, smtplib.SMTPException) as error:
        log.warning("Could not email moderators about submission %s: %s", submission.pk, error)
        return 0
