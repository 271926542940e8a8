"""Every kind of page, swept by axe-core (WCAG 2.0/2.1 A and AA) in Debian's chromium, and the
"Could it be…?" page used with the keyboard alone.

axe-core comes from the `axe-playwright-python` wheel (it bundles axe.min.js), so the sweep needs no
network. Each test builds its data with the services (fast: no browser clicks), signs its person in
with a session cookie, then visits its pages; a failure lists every rule broken on every page with
its impact and the CSS selectors of the elements, so it says what to fix and where.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Locator, Page, expect
from tests.browser.conftest import ARTIFACTS
from tests.rarelight.registry.conftest import packet
from tests.rarelight_web.community_factories import kmt2b, make_moderator, make_published
from tests.rarelight_web.community_factories import make_submission as make_pending
from tests.rarelight_web.factories import (
    add_member,
    make_appointment,
    make_dbs_implant,
    make_dbs_session,
    make_diary_entry,
    make_feature,
    make_invitation,
    make_medicine,
    make_milestone,
    make_record,
    make_team_member,
    make_therapy,
    make_user,
    make_variant,
)

from rarelight.care import BFM_REGIONS
from rarelight_web.accounts.models import User
from rarelight_web.records.roles import Role
from rarelight_web.registry import services as registry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# axe-core's rule tags for WCAG 2.0 and 2.1 at levels A and AA, and its best practices (landmarks,
# heading order), which only fail the sweep where axe rates them serious or critical.
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": RULE_TAGS}, "resultTypes": ["violations"]}
BLOCKING = {"serious", "critical"}
AXE = Axe()
NARROW = 320  # CSS px: WCAG 1.4.10 Reflow (1280 px at 400 % zoom) without sideways scrolling
OPEN_ALL_DETAILS = "document.querySelectorAll('details').forEach(d => { d.open = true; })"
# The page's width, and the first elements past the right edge that no scrolling box holds.
WIDEST = """limit => {
  const held = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
    if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
  return [document.documentElement.scrollWidth, [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > limit && !held(e)).slice(0, 3)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))];
}"""
VCF = Path(__file__).parents[1] / "data" / "vcf"


@dataclass(frozen=True)
class Visit:
    """One page state to sweep: where to go (placeholders filled from the set-up), what to do there
    first (open an explanation, submit an empty form), and the status code it should answer."""

    name: str
    path: str
    then: Callable[[Page], None] | None = None
    media: Literal["screen", "print"] = "screen"
    status: int = 200


@dataclass
class Sweep:
    """Violations found so far, page by page: serious and critical ones fail the test; moderate and
    minor ones are listed in test-artifacts/browser/axe-<pages>.txt (with the failing ones)."""

    found: list[str] = field(default_factory=list)
    minor: list[str] = field(default_factory=list)

    def check(self, page: Page, name: str, *, reflow: bool = True) -> None:
        page.evaluate(OPEN_ALL_DETAILS)  # content in a closed <details> is not checked otherwise
        for violation in AXE.run(page, options=AXE_OPTIONS).response["violations"]:
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
            line = f"{name} ({page.url}): {violation['id']} [{violation['impact']}] {violation['help']} → {targets}"
            (self.found if violation["impact"] in BLOCKING else self.minor).append(line)
        if reflow:
            size = page.viewport_size
            page.set_viewport_size({"width": NARROW, "height": 800})
            width, widest = page.evaluate(WIDEST, NARROW)
            if width > NARROW:
                self.found.append(
                    f"{name} ({page.url}): reflow [serious] the page scrolls sideways at {NARROW} px "
                    f"wide ({width} px; WCAG 1.4.10) → {'; '.join(widest)}"
                )
            assert size is not None
            page.set_viewport_size(size)

    def assert_clean(self, pages: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        lines = [*self.found, *self.minor] or ["no violations"]
        (ARTIFACTS / f"axe-{pages}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        if self.found:
            pytest.fail("accessibility violations, serious or critical:\n" + "\n".join(self.found))


def sign_in(page: Page, base: str, user: User) -> None:
    """Sign in through a session cookie: the sign-in form has its own visit and its own tests."""
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    page.context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": base}])


def sweep(page: Page, base: str, pages: str, visits: list[Visit], fill: dict[str, str]) -> None:
    """Visit each page state in turn and check it; fail once, at the end, with everything found."""
    result = Sweep()
    for visit in visits:
        page.emulate_media(media=visit.media)
        response = page.goto(base + visit.path.format(**fill))
        assert response is not None
        assert response.status == visit.status, f"{visit.name}: {visit.path} → {response.status}"
        page.wait_for_load_state("networkidle")
        if visit.then:
            visit.then(page)
        result.check(page, visit.name, reflow=visit.media == "screen")
    result.assert_clean(pages)


# -- what to do on a page before the sweep ----------------------------------------------------


def _rank_and_explain(page: Page) -> None:
    page.get_by_label("In your own words").fill("walks on toes, hoarse voice, poor balance")
    page.get_by_role("button", name="Find matching terms").click()
    why = page.locator("ol.ranked > li").first.locator("details.explanation")
    why.locator("summary").click()
    expect(why.locator("table")).to_be_visible()


def _term_suggestions(page: Page) -> None:
    page.get_by_label("Feature (plain words or HPO term)").fill("seizu")
    expect(page.locator("#suggestions li").first).to_be_visible()


def _submit_empty(button: str) -> Callable[[Page], None]:
    def submit(page: Page) -> None:
        # The browser's own checks would stop the empty form; the server's messages are swept.
        page.evaluate("document.querySelectorAll('form').forEach(f => { f.noValidate = true; })")
        page.get_by_role("button", name=button).click()
        expect(page.locator(".errors, [aria-invalid='true']").first).to_be_visible()

    return submit


def _press(button: str) -> Callable[[Page], None]:
    def press(page: Page) -> None:
        with page.expect_navigation():
            page.get_by_role("button", name=button).click()

    return press


def _open_first_gene(page: Page) -> None:
    expect(page.get_by_role("heading", name="Candidate genes")).to_be_visible(timeout=60_000)
    page.locator("ol.ranked-genes > li").first.locator("summary").click()


def _upload_trio(page: Page) -> None:
    page.get_by_label("Annotated VCF").set_input_files(str(VCF / "kmt2b-trio.vcf"))
    page.get_by_label("Observed features (HPO ids)").fill("HP:0001332, HP:0002451")
    page.get_by_label("PED file for a trio (optional)").set_input_files(str(VCF / "kmt2b-trio.ped"))
    page.get_by_role("button", name="Rank the genes").click()
    _open_first_gene(page)


def _registry_one_diagnosis(page: Page) -> None:
    page.get_by_label("Diagnosis (OMIM or ORPHA id)").fill("OMIM:617284")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dystonia 28")


# -- the pages ----------------------------------------------------------------------------------

PUBLIC = [
    Visit("home", "/"),
    Visit("catalogue", "/diseases/"),
    Visit("search results", "/diseases/?q=dystonia"),
    Visit("curated disease page", "/diseases/OMIM:617284/"),
    Visit("curated disease page, printed", "/diseases/OMIM:617284/", media="print"),
    Visit("generated disease page", "/diseases/OMIM:143100/"),
    Visit("not found", "/diseases/OMIM:000000/x/", status=404),
    Visit("could it be, empty", "/could-it-be/"),
    Visit("could it be, term search", "/could-it-be/", then=_term_suggestions),
    Visit("could it be, ranked and explained", "/could-it-be/", then=_rank_and_explain),
    Visit("registry statistics", "/registry/"),
    Visit("registry, one diagnosis", "/registry/", then=_registry_one_diagnosis),
    Visit("sign up", "/accounts/sign-up/"),
    Visit("sign up, errors", "/accounts/sign-up/", then=_submit_empty("Create account")),
    Visit("sign in", "/accounts/sign-in/"),
    Visit("password reset", "/accounts/password/reset/"),
    Visit("invitation, signed out", "/records/invitations/{invitation}/"),
    Visit("triage upload", "/triage/"),
    Visit("triage, errors", "/triage/", then=_submit_empty("Rank the genes")),
    Visit("triage result", "/triage/", then=_upload_trio),
]

COMMUNITY = [
    Visit("community listing", "/community/"),
    Visit("community resources", "/community/resources/"),
    Visit("community item", "/community/items/{item}/"),
    Visit("share form", "/community/share/?disease=OMIM%3A617284"),
    Visit("share form, errors", "/community/share/", then=_submit_empty("Send for review")),
    Visit("submission status", "/community/status/{status}/"),
    Visit("moderation queue", "/community/moderation/"),
    Visit("moderation review", "/community/moderation/{pending}/"),
    Visit("moderation edit", "/community/moderation/{pending}/edit/"),
]

R = "/records/{record}/"
RECORD = [
    Visit("my records", "/records/"),
    Visit("new record", "/records/new/"),
    Visit("overview", R),
    Visit("edit details", R + "edit/"),
    Visit("condition", R + "condition/"),
    Visit("care notes", R + "care-notes/"),
    Visit("add a feature", R + "features/add/"),
    Visit("add a variant", R + "variants/add/"),
    Visit("add a report", R + "reports/add/"),
    Visit("invite", R + "invite/"),
    Visit("invitation made", R, then=_press("Make an invitation")),
    Visit("audit log", R + "audit/"),
    Visit("team", R + "team/"),
    Visit("add to the team", R + "team/add/"),
    Visit("remove from the team", R + "team/{team_member}/remove/"),
    Visit("appointments", R + "appointments/"),
    Visit("add an appointment", R + "appointments/add/"),
    Visit("calendar link", R + "appointments/", then=_press("Make a private calendar link")),
    Visit("diary", R + "diary/"),
    Visit("diary entry form", R + "diary/add/"),
    Visit("diary entry form, errors", R + "diary/add/", then=_submit_empty("Add the entry")),
    Visit("medicines", R + "medicines/"),
    Visit("add a medicine", R + "medicines/add/"),
    Visit("add a medicine, errors", R + "medicines/add/", then=_submit_empty("Add the medicine")),
    Visit("DBS", R + "dbs/"),
    Visit("add an implant", R + "dbs/add/"),
    Visit("add a programming session", R + "dbs/{implant}/sessions/add/"),
    Visit("therapies and milestones", R + "therapies/"),
    Visit("progress charts", R + "progress/"),
    Visit("care passport", R + "passport/"),
    Visit("care passport, printed", R + "passport/", media="print"),
    Visit("registry sharing", R + "registry/"),
    Visit("export", R + "export/"),
    Visit("delete", R + "delete/"),
    Visit("change a diary entry", R + "diary/{diary_entry}/edit/"),
    Visit("remove a diary entry", R + "diary/{diary_entry}/remove/"),
    Visit("remove an appointment", R + "appointments/{appointment}/remove/"),
    Visit("remove a medicine", R + "medicines/{medicine}/remove/"),
    Visit("remove an implant", R + "dbs/{implant}/remove/"),
    Visit("remove a programming session", R + "dbs/sessions/{dbs_session}/remove/"),
    Visit("change a feature", R + "features/{feature}/edit/"),
    Visit("remove a therapy", R + "therapies/{therapy}/remove/"),
    Visit("remove from the circle", R + "members/{membership}/remove/"),
    Visit("leave the circle", R + "leave/"),
    Visit("change password", "/accounts/password/"),
    Visit("role does not allow it", "/records/{viewed}/edit/", status=403),
]


# -- set-up -------------------------------------------------------------------------------------


@pytest.fixture
def base(live_server: object) -> str:
    return str(live_server)


@pytest.fixture
def fresh_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def _registry_cases(folder: Path) -> None:
    for i in range(12):
        data: dict[str, Any] = packet(
            id=f"case-{i}", subject={"id": f"Family {i} p", "sex": "MALE" if i < 2 else "FEMALE"}
        )
        (folder / f"case-{i}.json").write_text(json.dumps(data))
    registry.import_path(folder, actor=None, now=dt.datetime.now(dt.UTC))


def _bfm(right_leg_severity: int) -> dict[str, object]:
    """The 18 BFMDRS movement items: right leg provoking 4 with the severity given, the rest 0."""
    items: dict[str, object] = {
        name: 0
        for region in BFM_REGIONS
        for name in (region.provoking_field, region.severity_field)
    }
    return items | {"right_leg_provoking": 4, "right_leg_severity": right_leg_severity}


def test_public_pages(fresh_page: Page, base: str, tmp_path: Path) -> None:
    _invitation, token = make_invitation(make_record(diagnosis=kmt2b()))
    _registry_cases(tmp_path)
    sweep(fresh_page, base, "public", PUBLIC, {"invitation": token})


def test_community_pages(fresh_page: Page, base: str) -> None:
    disease = kmt2b()
    moderator = make_moderator("Mira")
    item = make_published(moderator=moderator, disease=disease)
    pending, key = make_pending(disease=disease, title="Our speech therapy year")
    sign_in(fresh_page, base, moderator)
    fill = {"item": str(item.pk), "pending": str(pending.pk), "status": key}
    sweep(fresh_page, base, "community", COMMUNITY, fill)


def test_care_record_pages(fresh_page: Page, base: str) -> None:
    guardian = make_user("Gwen")
    record = make_record(guardian, diagnosis=kmt2b())
    team_member = make_team_member(record, name="Dr Okafor")
    appointment = make_appointment(record, team_member=team_member, reason="DBS review")
    make_appointment(record, starts_at=dt.datetime(2025, 1, 10, 9, 30, tzinfo=dt.UTC))
    today = dt.datetime.now(dt.UTC).date()
    for days, severity in ((60, 3), (30, 2), (0, 1)):
        on = today - dt.timedelta(days=days)
        entry = make_diary_entry(record, on=on, regions=("legs",), bfm_movement=_bfm(severity))
    medicine = make_medicine(record)
    implant = make_dbs_implant(record)
    dbs_session = make_dbs_session(implant)
    feature = make_feature(record)
    make_variant(record)
    therapy = make_therapy(record)
    make_milestone(record)
    family = add_member(record, Role.FAMILY)
    viewed = make_record(display_name="Ben")
    add_member(viewed, Role.VIEWER, guardian)
    sign_in(fresh_page, base, guardian)
    fill = {
        "record": str(record.pk),
        "team_member": str(team_member.pk),
        "implant": str(implant.pk),
        "viewed": str(viewed.pk),
        "appointment": str(appointment.pk),
        "diary_entry": str(entry.pk),
        "medicine": str(medicine.pk),
        "dbs_session": str(dbs_session.pk),
        "feature": str(feature.pk),
        "therapy": str(therapy.pk),
        "membership": str(family.pk),
    }
    sweep(fresh_page, base, "care-record", RECORD, fill)


def tab_to(page: Page, target: Locator, most: int) -> None:
    """Press Tab until the target has the focus, failing after `most` presses."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{target} is not reached with {most} presses of Tab")


def test_the_diagnosis_page_works_with_the_keyboard_alone(fresh_page: Page, base: str) -> None:
    """Describe in words, then add a searched feature as present, then open the first result's
    explanation, with Tab, typing and Enter only; after each swap the focus stays where it was (or
    returns to the search box when the button pressed went away), never back at the top."""
    page = fresh_page
    page.goto(base + "/could-it-be/")
    tab_to(page, page.get_by_label("In your own words"), 20)
    page.keyboard.type("hoarse voice", delay=20)
    find = page.get_by_role("button", name="Find matching terms")
    tab_to(page, find, 1)
    page.keyboard.press("Enter")
    expect(page.locator(".chip.present").filter(has_text="Hoarse voice")).to_be_visible()
    expect(find).to_be_focused()

    box = page.get_by_label("Feature (plain words or HPO term)")
    tab_to(page, box, 1)
    page.keyboard.type("tip-toe", delay=40)
    present = page.locator("#suggestions li").first.get_by_role("button", name="present")
    expect(present).to_be_visible()
    tab_to(page, present, 2)  # past the Search button
    page.keyboard.press("Enter")
    expect(page.locator(".chip.present").filter(has_text="Tip-toe gait")).to_be_visible()
    expect(box).to_be_focused()

    explanation = page.locator("ol.ranked > li").first.locator("details.explanation")
    tab_to(page, explanation.locator("summary"), 14)
    page.keyboard.press("Enter")
    expect(explanation.get_by_role("table")).to_be_visible()
    expect(explanation.get_by_role("cell", name="Tip-toe gait").first).to_be_visible()


def test_the_sweep_reports_what_it_finds(fresh_page: Page) -> None:
    """The sweep itself can fail: an unlabelled field, faint text and a page too wide are caught."""
    fresh_page.set_content(
        '<html lang="en"><head><title>Bad</title></head><body><main><h1>Bad</h1>'
        '<input type="text"><p style="color:#999;background:#aaa">faint</p>'
        '<p style="width:40rem">wide</p></main></body></html>'
    )
    found = Sweep()
    found.check(fresh_page, "bad page")
    rules = {line.split("): ")[1].split(" ")[0] for line in found.found}
    assert rules == {"label", "color-contrast", "reflow"}, found.found
