"""Community pages: the public listing, items and directory; sharing and the private status page;
the moderators' queue. Public pages show published items only (anything else is a 404); every
write goes through services.py."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rarelight.community import RESOURCE_CATEGORIES, TAGS
from rarelight.errors import InputError
from rarelight.knowledge import normalise_disease_id
from rarelight_web.accounts.models import User
from rarelight_web.catalog.models import Disease

from . import emails, queries, services, throttle
from .forms import ContentForm, DecisionForm, FilterForm, SubmissionForm
from .models import Submission

PAGE_SIZE = 20
MAX_QUERY = 200

View = Callable[..., HttpResponseBase]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _curated() -> QuerySet[Disease]:
    return Disease.objects.filter(curated=True).order_by("name")


def _review_link(request: HttpRequest, submission: Submission) -> str:
    return request.build_absolute_uri(reverse("community:review", args=[submission.pk]))


def _field_errors(form: ContentForm, error: services.SubmissionError) -> None:
    for problem in error.problems:
        field = problem.location if problem.location in form.fields else None
        form.add_error(field, f"{problem.message} {problem.fix}".strip())


# Public -------------------------------------------------------------------------------------------


def _filters(request: HttpRequest) -> FilterForm:
    """The query string's filters; each one left out is said on the page."""
    filters = FilterForm(request.GET)
    for problem in filters.problems():
        messages.error(request, problem)
    return filters


def listing(request: HttpRequest) -> HttpResponse:
    """Published stories, tips and resources with topic, disease and kind filters and search."""
    filters = _filters(request)
    query = filters.value("q").strip()[:MAX_QUERY]
    tag, disease_id, kind = filters.value("tag"), filters.value("disease"), filters.value("kind")
    items = queries.published(query=query, tag=tag, disease=disease_id, kind=kind)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    diseases = Disease.objects.filter(
        community_submissions__status=Submission.Status.PUBLISHED
    ).distinct()
    context = {
        "page": page,
        "query": query,
        "tag": tag if tag in TAGS else "",
        "disease_id": disease_id,
        "kind": kind if kind in Submission.Kind.values else "",
        "tags": TAGS,
        "kinds": Submission.Kind.choices,
        "diseases": diseases.order_by("name"),
        "filtered": bool(query or tag or disease_id or kind),
    }
    return render(request, "community/listing.html", context)


def latest(request: HttpRequest, disease_id: str) -> HttpResponse:
    """The "From families" section of a disease page (htmx loads it): the newest published items."""
    try:
        disease_id = normalise_disease_id(disease_id)
    except InputError as error:  # a malformed id names no disease (and NUL would reach the DB)
        raise Http404(str(error)) from error
    items = queries.latest_for_disease(disease_id)
    return render(request, "community/_latest.html", {"items": items, "disease_id": disease_id})


def item(request: HttpRequest, pk: int) -> HttpResponse:
    """One published item; pending, rejected and unknown ones are the same 404."""
    submission = get_object_or_404(Submission.objects.published().select_related("disease"), pk=pk)
    return render(request, "community/item.html", {"item": submission})


def resources(request: HttpRequest) -> HttpResponse:
    """The resource directory: published resources by type, optionally for one disease."""
    disease_id = _filters(request).value("disease")
    items = queries.published(kind=Submission.Kind.RESOURCE, disease=disease_id).order_by(
        "title", "id"
    )
    sections = [
        (key, label, [i for i in items if i.category == key])
        for key, label in RESOURCE_CATEGORIES.items()
    ]
    context = {
        "sections": [s for s in sections if s[2]],
        "disease": Disease.objects.filter(pk=disease_id).first() if disease_id else None,
    }
    return render(request, "community/resources.html", context)


# Submitters ---------------------------------------------------------------------------------------


def _too_many(request: HttpRequest, form: SubmissionForm, wait: dt.timedelta) -> HttpResponse:
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    form.add_error(
        None,
        _(
            "Thank you — we have had several submissions from your address in the last hour. "
            "Please try again in %(n)d minutes; what you wrote is still here."
        )
        % {"n": minutes},
    )
    context = {"form": form, "curated": _curated()}
    response = render(request, "community/share.html", context, status=429)
    response["Retry-After"] = str(math.ceil(wait.total_seconds()))
    return response


@require_http_methods(["GET", "POST"])
def share(request: HttpRequest) -> HttpResponseBase:
    """The submission form: open to anyone, no account needed; stored as pending."""
    initial = {}
    if request.GET.get("disease"):
        initial["disease_id"] = request.GET["disease"][:32]
    if request.GET.get("kind") in Submission.Kind.values:
        initial["kind"] = request.GET["kind"]
    form = SubmissionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        now = _now()
        ip = request.META.get("REMOTE_ADDR")
        wait = throttle.retry_after(ip, now)
        if wait is not None:
            return _too_many(request, form, wait)
        try:
            submission, key = services.submit(form.content(), form.consent(), now=now)
        except services.SubmissionError as error:
            _field_errors(form, error)
        else:
            throttle.record_submission(ip, now)
            emails.notify_moderators(submission, _review_link(request, submission))
            messages.success(
                request,
                _("Thank you for sharing. A moderator will read it before it is published."),
            )
            return redirect("community:status", key=key)
    return render(request, "community/share.html", {"form": form, "curated": _curated()})


@require_http_methods(["GET", "POST"])
def status(request: HttpRequest, key: str) -> HttpResponseBase:
    """The submitter's private page: the status, the moderator's message, and (when changes were
    asked for) the form to revise. The link is the only key; a wrong one is a 404."""
    submission = services.by_status_key(key)
    if submission is None:
        raise Http404(_("There is no submission at this link."))
    form = None
    if submission.status == Submission.Status.CHANGES_REQUESTED:
        form = ContentForm(request.POST or None, initial=ContentForm.initial_from(submission))
        if request.method == "POST" and form.is_valid():
            try:
                services.resubmit(submission, form.content(), now=_now())
            except services.SubmissionError as error:
                _field_errors(form, error)
            else:
                emails.notify_moderators(
                    submission, _review_link(request, submission), revised=True
                )
                messages.success(request, _("Thank you. A moderator will read it again."))
                return redirect("community:status", key=key)
    elif request.method == "POST":
        raise Http404(_("This submission cannot be changed now."))
    link = request.build_absolute_uri(reverse("community:status", args=[key]))
    context = {
        "submission": submission,
        "form": form,
        "key": key,
        "link": link,
        "curated": _curated(),
    }
    response = render(request, "community/status.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["POST"])
def withdraw(request: HttpRequest, key: str) -> HttpResponseBase:
    """The submitter withdraws their submission (and their consent) through the private link."""
    submission = services.by_status_key(key)
    if submission is None:
        raise Http404(_("There is no submission at this link."))
    services.withdraw(submission, now=_now())
    messages.success(
        request, _("Withdrawn. It is not on the site, and your email address is erased.")
    )
    return redirect("community:status", key=key)


# Moderators ---------------------------------------------------------------------------------------


def moderator_required(view: View) -> View:
    """Signed out: to the sign-in page. Signed in but not a moderator: 404, as if nothing is here."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not services.is_moderator(request.user):
            raise Http404(_("No such page."))
        return view(request, *args, **kwargs)

    return wrapped


def _moderator(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "moderator_required comes first"
    return user


@moderator_required
def queue(request: HttpRequest) -> HttpResponse:
    """Waiting for review (oldest first), waiting for the submitter, and recently decided."""
    everything = Submission.objects.select_related("disease")
    context = {
        "pending": everything.filter(status=Submission.Status.PENDING).order_by(
            "submitted_at", "id"
        ),
        "changes": everything.filter(status=Submission.Status.CHANGES_REQUESTED).order_by(
            "updated_at", "id"
        ),
        "decided": everything.filter(
            status__in=[
                Submission.Status.PUBLISHED,
                Submission.Status.REJECTED,
                Submission.Status.WITHDRAWN,
            ]
        ).order_by("-updated_at", "-id")[:30],
    }
    return render(request, "community/queue.html", context)


@moderator_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Read one submission with its history and decide."""
    submission = get_object_or_404(Submission.objects.select_related("disease"), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        moderator, now = _moderator(request), _now()
        decision, message = form.cleaned_data["decision"], form.cleaned_data["message"]
        try:
            if decision == DecisionForm.APPROVE:
                services.approve(moderator, submission, now=now)
                messages.success(request, _("Published."))
            elif decision == DecisionForm.REJECT:
                services.reject(moderator, submission, message, now=now)
                messages.success(request, _("Rejected. The submitter sees your reason."))
            else:
                services.request_changes(moderator, submission, message, now=now)
                messages.success(request, _("Changes asked for. The submitter sees your message."))
        except services.ModerationError as error:
            form.add_error(None, str(error))
        else:
            return redirect("community:queue")
    context = {
        "submission": submission,
        "form": form,
        "decisions": submission.decisions.select_related("actor").order_by("at", "id"),
    }
    return render(request, "community/review.html", context)


@moderator_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A moderator corrects a submission (e.g. removes a surname); the changed fields are logged."""
    submission = get_object_or_404(Submission, pk=pk)
    form = ContentForm(request.POST or None, initial=ContentForm.initial_from(submission))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.edit(_moderator(request), submission, form.content(), now=_now())
        except services.SubmissionError as error:
            _field_errors(form, error)
        except services.ModerationError as error:
            form.add_error(None, str(error))
        else:
            if changed:
                messages.success(request, _("Saved: %(f)s.") % {"f": ", ".join(changed)})
            return redirect("community:review", pk=submission.pk)
    context = {"submission": submission, "form": form, "curated": _curated()}
    return render(request, "community/edit.html", context)
