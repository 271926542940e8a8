"""The only write path of the community app. Each function is atomic and appends a Decision.

Moderator actions take the acting user and check the moderator permission again, so a view that
forgot to ask cannot publish. Emails are sent by the views after the write (emails.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from rarelight.community import check_link, check_text, render_markdown
from rarelight.errors import InputError, Problem
from rarelight_web.accounts.models import User
from rarelight_web.catalog.models import Disease

from .models import MODERATE, MODERATORS_GROUP, Decision, Submission


class SubmissionError(InputError):
    """A submission its rules do not allow; `problems` names each field, what is wrong, the fix."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class ModerationError(InputError):
    """A moderation step that cannot be taken (e.g. publishing without consent); says why."""


@dataclass(frozen=True)
class Content:
    """What a submission says and is about: the part both submitters and moderators may change."""

    kind: str
    title: str
    body: str
    tags: tuple[str, ...] = ()
    disease: Disease | None = None
    category: str = ""
    url: str = ""
    display_name: str = ""
    country: str = ""


@dataclass(frozen=True)
class Consent:
    """The submitter's consents; the email is only for moderators and only with consent."""

    to_publish: bool
    to_contact: bool = False
    contact_email: str = ""


_CONTENT_FIELDS = tuple(f.name for f in dataclass_fields(Content))


def hash_status_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def by_status_key(key: str) -> Submission | None:
    """The submission a private status link points at, or None."""
    return Submission.objects.filter(status_key_hash=hash_status_key(key)).first()


def _check(content: Content) -> None:
    problems = check_text(" ".join(content.title.split()), content.body)
    if content.kind == Submission.Kind.RESOURCE:
        problems.extend(check_link(content.url))
        if not content.category:
            problems.append(Problem("category", _("Choose the type of resource."), ""))
    elif content.url:
        problems.extend(check_link(content.url))
    if problems:
        raise SubmissionError(problems)


def _values(content: Content) -> dict[str, object]:
    values = {field: getattr(content, field) for field in _CONTENT_FIELDS}
    values["title"] = " ".join(content.title.split())  # one line: it also goes in email subjects
    values["body"] = content.body.strip()
    values["display_name"] = " ".join(content.display_name.split())
    values["tags"] = "|" + "|".join(sorted(set(content.tags))) + "|" if content.tags else ""
    if content.kind != Submission.Kind.RESOURCE:
        values["category"] = ""
    return values


def _log(
    submission: Submission,
    action: Decision.Action,
    now: dt.datetime,
    actor: User | None = None,
    reason: str = "",
    fields: list[str] | None = None,
) -> Decision:
    return Decision.objects.create(
        submission=submission,
        action=action,
        actor=actor,
        actor_name=actor.display_name if actor else _("the submitter"),
        at=now,
        reason=reason,
        fields=fields or [],
    )


# Submitters ---------------------------------------------------------------------------------------


@transaction.atomic
def submit(content: Content, consent: Consent, *, now: dt.datetime) -> tuple[Submission, str]:
    """Store a new submission as pending; returns it and its private status key (shown once)."""
    _check(content)
    if not consent.to_publish:
        raise SubmissionError(
            [Problem("consent_to_publish", _("Nothing is published without your consent."), "")]
        )
    if consent.to_contact and not consent.contact_email:
        raise SubmissionError(
            [Problem("contact_email", _("Give an email address, or untick the contact box."), "")]
        )
    key = secrets.token_urlsafe(32)
    values = _values(content)
    submission = Submission.objects.create(
        **values,
        body_html=render_markdown(content.body.strip()).html,
        consent_to_publish=True,
        consent_to_contact=consent.to_contact,
        contact_email=consent.contact_email if consent.to_contact else "",
        status=Submission.Status.PENDING,
        status_key_hash=hash_status_key(key),
        submitted_at=now,
        updated_at=now,
    )
    _log(submission, Decision.Action.SUBMITTED, now)
    return submission, key


@transaction.atomic
def resubmit(submission: Submission, content: Content, *, now: dt.datetime) -> list[str]:
    """The submitter's revision after a moderator asked for changes; back to pending."""
    row = Submission.objects.select_for_update().get(pk=submission.pk)
    if row.status != Submission.Status.CHANGES_REQUESTED:
        raise ModerationError(_("This submission can only be changed when a moderator asks."))
    changed = _apply(row, content, now)
    row.status = Submission.Status.PENDING
    row.save(update_fields=["status"])
    _log(row, Decision.Action.RESUBMITTED, now, fields=changed)
    return changed


@transaction.atomic
def withdraw(submission: Submission, *, now: dt.datetime) -> None:
    """The submitter takes back their consent: never (or no longer) public, contact email erased."""
    row = Submission.objects.select_for_update().get(pk=submission.pk)
    if row.status == Submission.Status.WITHDRAWN:
        return
    row.status = Submission.Status.WITHDRAWN
    row.consent_to_publish = False
    row.consent_to_contact = False
    row.contact_email = ""
    row.updated_at = now
    row.save(
        update_fields=[
            "status",
            "consent_to_publish",
            "consent_to_contact",
            "contact_email",
            "updated_at",
        ]
    )
    _log(row, Decision.Action.WITHDRAWN, now)


def _apply(row: Submission, content: Content, now: dt.datetime) -> list[str]:
    _check(content)
    values = _values(content)
    changed = [f for f in _CONTENT_FIELDS if getattr(row, f) != values[f]]
    for field in changed:
        setattr(row, field, values[field])
    row.body_html = render_markdown(row.body).html
    row.updated_at = now
    row.save(update_fields=[*changed, "body_html", "updated_at"])
    return changed


# Moderators ---------------------------------------------------------------------------------------


def is_moderator(user: object) -> bool:
    return isinstance(user, User) and user.is_active and user.has_perm(MODERATE)


def _require_moderator(user: User) -> None:
    if not is_moderator(user):
        raise PermissionDenied(_("Only community moderators can do this."))


def moderators() -> QuerySet[User]:
    """Active users who moderate: members of the moderators group, or with the permission."""
    app_label, codename = MODERATE.split(".")
    perm = Q(
        user_permissions__codename=codename, user_permissions__content_type__app_label=app_label
    )
    group = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    return (
        User.objects.filter(is_active=True).filter(perm | group | Q(is_superuser=True)).distinct()
    )


@transaction.atomic
def edit(
    moderator: User, submission: Submission, content: Content, *, now: dt.datetime
) -> list[str]:
    """A moderator's correction (e.g. removing a surname); records which fields changed."""
    _require_moderator(moderator)
    row = Submission.objects.select_for_update().get(pk=submission.pk)
    if row.status == Submission.Status.WITHDRAWN:
        raise ModerationError(_("The submitter has withdrawn it; it can no longer be changed."))
    changed = _apply(row, content, now)
    if changed:
        _log(row, Decision.Action.EDITED, now, moderator, fields=changed)
    return changed


def _decide(
    moderator: User,
    submission: Submission,
    status: Submission.Status,
    action: Decision.Action,
    now: dt.datetime,
    message: str = "",
) -> Submission:
    _require_moderator(moderator)
    row = Submission.objects.select_for_update().get(pk=submission.pk)
    if row.status == Submission.Status.WITHDRAWN:
        raise ModerationError(_("The submitter has withdrawn it; it can no longer be changed."))
    row.status = status
    row.moderator_message = message
    row.updated_at = now
    fields = ["status", "moderator_message", "updated_at"]
    if status == Submission.Status.PUBLISHED:
        row.published_at = row.published_at or now
        fields.append("published_at")
    row.save(update_fields=fields)
    _log(row, action, now, moderator, reason=message)
    return row


@transaction.atomic
def approve(moderator: User, submission: Submission, *, now: dt.datetime) -> Submission:
    """Publish: only with the submitter's consent to publish."""
    if not submission.consent_to_publish:
        raise ModerationError(_("The submitter has not consented to publication."))
    return _decide(
        moderator, submission, Submission.Status.PUBLISHED, Decision.Action.APPROVED, now
    )


def _need_message(message: str, what: str) -> str:
    message = message.strip()
    if not message:
        raise ModerationError(what)
    return message


@transaction.atomic
def reject(moderator: User, submission: Submission, reason: str, *, now: dt.datetime) -> Submission:
    """Not published (or taken down), with a reason the submitter sees on the status page."""
    reason = _need_message(reason, _("Give the reason; the submitter sees it."))
    return _decide(
        moderator, submission, Submission.Status.REJECTED, Decision.Action.REJECTED, now, reason
    )


@transaction.atomic
def request_changes(
    moderator: User, submission: Submission, message: str, *, now: dt.datetime
) -> Submission:
    """Ask the submitter for changes; they can revise through their private status link."""
    message = _need_message(message, _("Say which changes are needed; the submitter sees it."))
    return _decide(
        moderator,
        submission,
        Submission.Status.CHANGES_REQUESTED,
        Decision.Action.CHANGES_REQUESTED,
        now,
        message,
    )


# The moderator role -------------------------------------------------------------------------------


def moderators_group() -> Group:
    """The moderators group with its permission (the data migration makes it; this repairs it)."""
    group, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    app_label, codename = MODERATE.split(".")
    group.permissions.add(
        Permission.objects.get(codename=codename, content_type__app_label=app_label)
    )
    return group


@transaction.atomic
def grant_moderator(user: User) -> None:
    user.groups.add(moderators_group())


@transaction.atomic
def revoke_moderator(user: User) -> None:
    user.groups.remove(moderators_group())
