"""Community services: submitting, the moderation decisions and their log, the moderator role."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from tests.rarelight_web.community_factories import (
    NOW,
    content,
    kmt2b,
    make_moderator,
    make_published,
    make_submission,
)
from tests.rarelight_web.factories import make_user

from rarelight_web.community import services
from rarelight_web.community.models import MODERATE, MODERATORS_GROUP, Decision, Submission

pytestmark = pytest.mark.django_db
LATER = NOW + dt.timedelta(hours=2)


def history(submission: Submission) -> list[tuple[str, str]]:
    return [(d.action, d.actor_name) for d in submission.decisions.order_by("at", "id")]


def test_a_submission_is_stored_pending_with_a_hashed_status_key() -> None:
    submission, key = make_submission(disease=kmt2b(), contact_email="gwen@example.org")
    assert submission.status == Submission.Status.PENDING
    assert submission.published_at is None
    assert len(key) >= 40
    assert key not in submission.status_key_hash
    assert services.by_status_key(key) == submission
    assert services.by_status_key(key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    assert submission.tag_list == ["dbs"]
    assert submission.contact_email == "gwen@example.org"
    assert submission.body_html.startswith("<p>We found")
    assert history(submission) == [("submitted", "the submitter")]


def test_two_submissions_get_different_keys() -> None:
    (_a, key_a), (_b, key_b) = make_submission(), make_submission()
    assert key_a != key_b


def test_consent_to_publish_is_required_to_submit() -> None:
    with pytest.raises(services.SubmissionError) as error:
        services.submit(content(), services.Consent(to_publish=False), now=NOW)
    assert error.value.problems[0].location == "consent_to_publish"
    assert not Submission.objects.exists()


def test_an_email_is_kept_only_with_consent_to_contact() -> None:
    consent = services.Consent(to_publish=True, to_contact=False, contact_email="x@example.org")
    submission, _key = services.submit(content(), consent, now=NOW)
    assert submission.contact_email == ""
    with pytest.raises(services.SubmissionError, match="contact_email"):
        services.submit(content(), services.Consent(to_publish=True, to_contact=True), now=NOW)


def test_services_check_the_rules_again() -> None:
    with pytest.raises(services.SubmissionError) as error:
        services.submit(
            content(kind="resource", title="Hi", url="javascript:alert(1)"),
            services.Consent(to_publish=True),
            now=NOW,
        )
    assert {p.location for p in error.value.problems} == {"title", "url", "category"}
    assert not Submission.objects.exists()


def test_titles_are_one_line() -> None:
    submission, _key = make_submission(title="Two\r\nlines  here")
    assert submission.title == "Two lines here"


def test_approving_publishes_and_records_who_and_when() -> None:
    moderator = make_moderator("Mira")
    submission, _key = make_submission()
    services.approve(moderator, submission, now=LATER)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PUBLISHED
    assert submission.published_at == LATER
    decision = submission.decisions.get(action=Decision.Action.APPROVED)
    assert (decision.actor, decision.actor_name, decision.at) == (moderator, "Mira", LATER)


def test_publishing_needs_the_submitters_consent() -> None:
    submission, _key = make_submission()
    Submission.objects.filter(pk=submission.pk).update(consent_to_publish=False)
    submission.refresh_from_db()
    with pytest.raises(services.ModerationError, match="not consented"):
        services.approve(make_moderator(), submission, now=LATER)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING


def test_rejecting_needs_a_reason_the_submitter_sees() -> None:
    moderator = make_moderator("Mira")
    submission, _key = make_submission()
    with pytest.raises(services.ModerationError, match="reason"):
        services.reject(moderator, submission, "  ", now=LATER)
    services.reject(moderator, submission, "It names another child.", now=LATER)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REJECTED
    assert submission.moderator_message == "It names another child."
    assert history(submission)[-1] == ("rejected", "Mira")
    assert submission.decisions.last().reason == "It names another child."  # type: ignore[union-attr]


def test_asking_for_changes_then_the_submitter_revises() -> None:
    moderator = make_moderator("Mira")
    submission, _key = make_submission()
    services.request_changes(moderator, submission, "Please remove the school's name.", now=LATER)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.CHANGES_REQUESTED
    changed = services.resubmit(
        submission, content(body=BODY_WITHOUT_SCHOOL), now=LATER + dt.timedelta(hours=1)
    )
    assert changed == ["body"]
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING
    assert "school" not in submission.body_html
    assert history(submission) == [
        ("submitted", "the submitter"),
        ("changes", "Mira"),
        ("resubmitted", "the submitter"),
    ]
    with pytest.raises(services.ModerationError):
        services.resubmit(submission, content(), now=LATER)


BODY_WITHOUT_SCHOOL = "Short, regular physio sessions helped our daughter more than anything."


def test_a_moderator_edit_records_the_changed_fields() -> None:
    moderator = make_moderator("Mira")
    submission, _key = make_submission(display_name="Gwen Jones")
    changed = services.edit(
        moderator, submission, content(display_name="Gwen", tags=("dbs", "school")), now=LATER
    )
    assert changed == ["tags", "display_name"]
    decision = submission.decisions.get(action=Decision.Action.EDITED)
    assert (decision.actor_name, decision.fields, decision.at) == (
        "Mira",
        ["tags", "display_name"],
        LATER,
    )
    assert (
        services.edit(
            moderator, submission, content(display_name="Gwen", tags=("dbs", "school")), now=LATER
        )
        == []
    )


def test_only_moderators_decide_or_edit() -> None:
    someone = make_user("Someone")
    submission, _key = make_submission()
    for action in (
        lambda: services.approve(someone, submission, now=LATER),
        lambda: services.reject(someone, submission, "no", now=LATER),
        lambda: services.request_changes(someone, submission, "no", now=LATER),
        lambda: services.edit(someone, submission, content(title="Changed title"), now=LATER),
    ):
        with pytest.raises(PermissionDenied):
            action()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING
    assert history(submission) == [("submitted", "the submitter")]


def test_the_moderation_log_is_append_only() -> None:
    submission = make_published()
    decision = submission.decisions.first()
    assert decision is not None
    with pytest.raises(ValueError, match="append-only"):
        decision.save()
    with pytest.raises(ValueError, match="append-only"):
        Decision.objects.all().delete()
    with pytest.raises(ValueError, match="append-only"):
        Decision.objects.update(reason="")


def test_the_data_migration_makes_the_moderators_group() -> None:
    group = Group.objects.get(name=MODERATORS_GROUP)
    assert [p.codename for p in group.permissions.all()] == ["moderate_submission"]


def test_granting_and_revoking_the_role() -> None:
    user = make_user("Mo", email="mo@example.org")
    assert not services.is_moderator(user)
    services.grant_moderator(user)
    user = type(user).objects.get(pk=user.pk)
    assert user.has_perm(MODERATE)
    assert list(services.moderators()) == [user]
    services.revoke_moderator(user)
    assert not services.is_moderator(type(user).objects.get(pk=user.pk))
    assert list(services.moderators()) == []


def test_inactive_accounts_do_not_moderate() -> None:
    moderator = make_moderator()
    moderator.is_active = False
    moderator.save()
    assert not services.is_moderator(moderator)
    assert list(services.moderators()) == []


def test_the_moderator_command() -> None:
    make_user("Mo", email="mo@example.org")
    out = StringIO()
    call_command("moderator", "grant", "MO@example.org", stdout=out)
    assert "mo@example.org is now a community moderator" in out.getvalue()
    out = StringIO()
    call_command("moderator", "list", stdout=out)
    assert out.getvalue() == "mo@example.org\tMo\n"
    call_command("moderator", "revoke", "mo@example.org", stdout=StringIO())
    assert list(services.moderators()) == []
    with pytest.raises(
        CommandError, match=re.escape("No account has the email address 'x@example.org'")
    ):
        call_command("moderator", "grant", "x@example.org")
    with pytest.raises(CommandError, match="needs the account's email address"):
        call_command("moderator", "grant")


def test_withdrawing_takes_back_consent_and_erases_the_email() -> None:
    moderator = make_moderator("Mira")
    submission = make_published(contact_email="gwen@example.org", moderator=moderator)
    services.withdraw(submission, now=LATER)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.WITHDRAWN
    assert (submission.consent_to_publish, submission.consent_to_contact) == (False, False)
    assert submission.contact_email == ""
    assert history(submission)[-1] == ("withdrawn", "the submitter")
    for decide in (
        lambda: services.approve(moderator, submission, now=LATER),
        lambda: services.request_changes(moderator, submission, "please", now=LATER),
        lambda: services.edit(moderator, submission, content(), now=LATER),
    ):
        with pytest.raises(services.ModerationError):
            decide()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.WITHDRAWN
    services.withdraw(submission, now=LATER)  # twice is harmless
    assert history(submission).count(("withdrawn", "the submitter")) == 1
