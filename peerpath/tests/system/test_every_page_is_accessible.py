"""Every page a person can open without filling a form first passes axe-core."""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import World
from peerpath.core.roles import Role
from peerpath.training.tests.helpers import template_copy

from .conftest import assert_accessible
from .helpers import sign_in_as

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

SIGNED_OUT = [
    "account_login",
    "account_reset_password",
    "account_reset_password_done",
    "account_signup",
    "account_inactive",
    "core:accessibility",
    "core:privacy",
]
SIGNED_IN_AS_ADMIN = [
    "workspace:home",
    "organisations:member-list",
    "organisations:member-invite",
    "organisations:team-list",
    "core:audit-list",
    "account_email",
    "account_change_password",
    "account_logout",
    "account_reauthenticate",
    "mfa_index",
]


@pytest.mark.parametrize("name", SIGNED_OUT)
def test_signed_out_pages(page: Page, live_server: Any, name: str) -> None:
    page.goto(live_server.url + reverse(name))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("name", SIGNED_IN_AS_ADMIN)
def test_signed_in_pages(page: Page, live_server: Any, world: World, name: str) -> None:
    sign_in_as(page, live_server, world.user(Role.ORG_ADMIN))
    page.goto(live_server.url + reverse(name))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


MEMBER_PAGES = [
    "organisations:member-detail",
    "organisations:member-remove",
    "organisations:member-reset-two-factor",
]


@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_member_pages(page: Page, live_server: Any, world: World, name: str) -> None:
    sign_in_as(page, live_server, world.user(Role.ORG_ADMIN))
    page.goto(live_server.url + reverse(name, kwargs={"public_id": world.user(Role.PSW).public_id}))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


FRAMEWORK_PAGES = [
    "/framework/",
    "/framework/units/2.1/",  # two levels of bullets
    "/framework/units/2.6/",  # sub-headings
    "/framework/search/?q=advance+directive",
    "/framework/search/?q=nothing+like+this",
    "/framework/print/",
    "/manage/organisation/",
]


@pytest.mark.parametrize("path", FRAMEWORK_PAGES)
def test_framework_pages(
    page: Page, live_server: Any, world: World, framework: Any, path: str
) -> None:
    sign_in_as(page, live_server, world.user(Role.ORG_ADMIN))
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_published_framework_pages(
    page: Page, live_server: Any, world: World, framework: Any
) -> None:
    world.organisation.publishes_framework = True
    world.organisation.save(update_fields=["publishes_framework"])
    base = f"{live_server.url}/published/{world.organisation.slug}/framework/"
    page.goto(base)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Competence Framework")
    assert_accessible(page)
    page.get_by_label("Search the competence statements").fill("advance directive")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 statement found for “advance directive”")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Unit 3.5:").click()
    expect(page.locator("#statement-3\\.5\\.3")).to_contain_text("advance directive")
    assert_accessible(page)


def test_programme_pages(page: Page, live_server: Any, world: World, framework: Any) -> None:
    from peerpath.training.models import Programme
    from peerpath.training.services.programme_templates import (
        programme_copy,
        programme_templates_load,
    )

    programme_templates_load()
    template = Programme.objects.get(template_key="recovery-college-east-pep")
    copy = programme_copy(source=template, organisation=world.organisation, by=None)
    module = copy.modules.get(order=1)
    sign_in_as(page, live_server, world.user(Role.COORDINATOR))
    for path in (
        "/training/programmes/",
        f"/training/programmes/{template.pk}/",
        f"/training/programmes/{copy.pk}/",
        f"/training/programmes/{copy.pk}/edit/",
        f"/training/programmes/{copy.pk}/coverage/",
        f"/training/programmes/{copy.pk}/requirements/",
        f"/training/programmes/{copy.pk}/wording/",
        f"/training/modules/{module.pk}/edit/",
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    # Saving with a mistake shows the error summary, which must be accessible too.
    page.goto(f"{live_server.url}/training/programmes/{copy.pk}/wording/")
    page.locator("textarea").first.fill("")
    page.get_by_role("button", name="Confirm this wording").first.click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the wording")
    assert_accessible(page)
    page.goto(f"{live_server.url}/training/programmes/{copy.pk}/edit/")
    page.get_by_label("Minimum attendance to graduate (%)").fill("150")
    page.get_by_role("button", name="Save programme").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Enter a percentage from 0 to 100."
    )
    assert_accessible(page)


def test_recruitment_pages(page: Page, live_server: Any, world: World, framework: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from peerpath.recruitment.models import Application
    from peerpath.recruitment.services import intake_create
    from peerpath.training.services.programme_templates import programme_templates_load

    programme_templates_load()
    from peerpath.training.tests.wording import confirm_copied_wording

    pep = confirm_copied_wording(template_copy("recovery-college-east-pep", world.organisation))
    today = timezone.localdate()
    intake = intake_create(
        programme=pep,
        title="PEP intake",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=30),
        capacity=16,
        panel=[world.user(Role.COORDINATOR)],
        by=None,
    )
    # The public journey: express interest, then complete the application, with a mistake.
    page.goto(f"{live_server.url}/apply/{world.organisation.slug}/{intake.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter your name.")
    assert_accessible(page)
    page.get_by_label("Your name").fill("Sam Rivers")
    page.get_by_label("Your email address").fill("sam@example.org")
    page.get_by_label("What interests you about peer support?").fill("To give back.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your application")
    assert_accessible(page)
    page.get_by_role("button", name="Send my application").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Choose yes or not yet.")
    assert_accessible(page)
    application = Application.objects.get()
    sign_in_as(page, live_server, world.user(Role.COORDINATOR))
    for path in (
        "/training/intakes/",
        "/training/intakes/new/",
        f"/training/intakes/{intake.pk}/",
        f"/training/intakes/{intake.pk}/?view=board",
        f"/training/applications/{application.pk}/",
        "/training/cohorts/",
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)


def test_cohort_pages(page: Page, live_server: Any, world: World) -> None:
    from datetime import date

    from peerpath.organisations.models import Membership
    from peerpath.training.models import Enrolment
    from peerpath.training.services.delivery import cohort_create, timetable_generate
    from peerpath.training.services.programme_templates import programme_templates_load

    programme_templates_load()
    programme = template_copy("nhft-imroc-peer-support-training", world.organisation)
    cohort = cohort_create(
        programme=programme,
        title="ImROC cohort",
        starts_on=date(2027, 3, 1),
        facilitators=[world.user(Role.TRAINER)],
        by=None,
    )
    timetable_generate(cohort=cohort, by=None)
    trainee = world.user(Role.TRAINEE)
    Enrolment.objects.create(organisation=world.organisation, cohort=cohort, trainee=trainee)
    assert Membership.objects.filter(user=trainee, role=Role.TRAINEE).exists()
    session = cohort.sessions.get(number=1)
    sign_in_as(page, live_server, world.user(Role.TRAINER))
    for path in (
        "/",
        f"/training/cohorts/{cohort.pk}/",
        f"/training/sessions/{session.pk}/register/",
        f"/training/sessions/{session.pk}/move/",
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    page.goto(f"{live_server.url}/training/sessions/{session.pk}/register/")
    page.get_by_role("radio", name="Excused").check()
    page.get_by_role("button", name="Save register").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Give the reason")
    assert_accessible(page)
    sign_in_as(page, live_server, trainee)
    page.goto(f"{live_server.url}/training/my/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My training")
    assert_accessible(page)


def test_assessment_pages(page: Page, live_server: Any, world: World) -> None:
    from datetime import date

    from peerpath.training.models import Enrolment, Submission
    from peerpath.training.services.delivery import cohort_create
    from peerpath.training.services.programme_templates import programme_templates_load

    programme_templates_load()
    programme = template_copy("recovery-college-east-pep", world.organisation)
    cohort = cohort_create(
        programme=programme, title="PEP 14", starts_on=date(2027, 3, 1), facilitators=[], by=None
    )
    enrolment = Enrolment.objects.create(
        organisation=world.organisation, cohort=cohort, trainee=world.user(Role.TRAINEE)
    )
    exam = programme.assessments.get(kind="final_exam")
    sign_in_as(page, live_server, world.user(Role.TRAINEE))
    page.goto(f"{live_server.url}/training/my/assessments/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/training/my/assessments/{exam.pk}/")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Write your work here")
    assert_accessible(page)
    page.get_by_label("Your work").fill("My exam answers.")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Version 1 submitted.")).to_be_visible()
    submission = Submission.objects.get(enrolment=enrolment)
    sign_in_as(page, live_server, world.user(Role.TRAINER))
    for path in (
        "/training/marking/",
        f"/training/submissions/{submission.pk}/mark/",
        f"/training/assessments/{exam.pk}/criteria/",
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)


def test_placement_and_portfolio_pages(
    page: Page, live_server: Any, world: World, framework: Any
) -> None:
    from datetime import date

    from peerpath.framework.models import Unit
    from peerpath.training.models import Enrolment, Placement
    from peerpath.training.services.delivery import cohort_create
    from peerpath.training.services.portfolio import portfolio_sync
    from peerpath.training.services.programme_templates import programme_templates_load

    programme_templates_load()
    programme = template_copy("recovery-college-east-pep", world.organisation)
    programme.modules.get(order=1).units.set([Unit.objects.get(framework=framework, code="3.5")])
    cohort = cohort_create(
        programme=programme, title="PEP 14", starts_on=date(2027, 3, 1), facilitators=[], by=None
    )
    enrolment = Enrolment.objects.create(
        organisation=world.organisation, cohort=cohort, trainee=world.user(Role.TRAINEE)
    )
    placement = Placement.objects.create(
        organisation=world.organisation,
        enrolment=enrolment,
        host_team=world.team,
        supervisor=world.user(Role.SUPERVISOR),
    )
    portfolio_sync(enrolment)
    entry = enrolment.portfolio.get(statement__ref="3.5.3")
    sign_in_as(page, live_server, world.user(Role.TRAINEE))
    for path in (
        "/",
        "/training/my/",
        f"/training/placements/{placement.pk}/",
        "/training/my/portfolio/",
        f"/training/portfolio/{entry.pk}/",
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    page.goto(f"{live_server.url}/training/placements/{placement.pk}/")
    page.get_by_role("button", name="Log this day").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the date of the day")
    assert_accessible(page)
    sign_in_as(page, live_server, world.user(Role.COORDINATOR))
    for path in (
        f"/training/enrolments/{enrolment.pk}/placement/new/",
        f"/training/enrolments/{enrolment.pk}/portfolio/",
        "/training/portfolio/reviews/",
        f"/training/cohorts/{cohort.pk}/",
        "/training/placements/",
        "/",
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    sign_in_as(page, live_server, world.user(Role.SUPERVISOR))
    page.goto(f"{live_server.url}/training/placements/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trainees on placement with you")
    assert_accessible(page)


def test_graduation_and_certificate_checker_pages(
    page: Page, live_server: Any, world: World
) -> None:
    from datetime import date

    from peerpath.training.models import Award, Enrolment
    from peerpath.training.services.delivery import cohort_create
    from peerpath.training.services.programme_templates import programme_templates_load

    programme_templates_load()
    programme = template_copy("nhft-imroc-peer-support-training", world.organisation)
    cohort = cohort_create(
        programme=programme, title="ImROC", starts_on=date(2027, 1, 4), facilitators=[], by=None
    )
    enrolment = Enrolment.objects.create(
        organisation=world.organisation, cohort=cohort, trainee=world.user(Role.TRAINEE)
    )
    graduate = Enrolment.objects.create(
        organisation=world.organisation, cohort=cohort, trainee=world.user(Role.PSW)
    )
    Award.objects.create(
        organisation=world.organisation,
        enrolment=graduate,
        certificate_number="PP-ABCDE-FGHJK",
        trainee_name="Peer support worker Riverside",
        programme_title=programme.title,
        accreditation=programme.accreditation,
        awarded_on=date(2027, 3, 20),
        awarded_by=world.user(Role.COORDINATOR),
    )
    sign_in_as(page, live_server, world.user(Role.COORDINATOR))
    for path in (
        f"/training/enrolments/{enrolment.pk}/graduation/",
        f"/training/enrolments/{graduate.pk}/graduation/",
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    page.context.clear_cookies()
    for path in ("/verify/", "/verify/PP-ABCDE-FGHJK/", "/verify/PP-NOPE0-NOPE0/"):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text("Check a certificate")
        assert_accessible(page)


def test_training_dashboard(page: Page, live_server: Any, world: World) -> None:
    from peerpath.training.tests.helpers import build

    build(world, 6)
    sign_in_as(page, live_server, world.user(Role.COORDINATOR))
    page.goto(f"{live_server.url}/training/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Training dashboard")
    assert_accessible(page)


def test_service_directory_pages(page: Page, live_server: Any, world: World) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from peerpath.directory.models import Service

    service = Service.objects.create(
        organisation=world.organisation,
        name="Riverside Walkers",
        kind="group",
        remit="A weekly walking group",
        who_for="Adults",
        how_to_access="Drop in",
        localities="Riverside",
        needs="loneliness",
        last_checked_on=timezone.localdate() - timedelta(days=400),
    )
    sign_in_as(page, live_server, world.user(Role.PSW))
    for path in (
        "/directory/",
        "/directory/?need=loneliness",
        f"/directory/{service.pk}/",
        f"/directory/{service.pk}/edit/",
        "/directory/new/",
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the name of the service.")
    assert_accessible(page)
