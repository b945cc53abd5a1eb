"""Journey from the seeded demo, moving only by links from each person's home page (issue
12, point 1): a supervisor asks for a peer worker for their team; the peer development
coordinator turns the request into a post and advertises a vacancy; a graduate applies
from their account; they are shortlisted against each criterion, interviewed (the panel
scores each question), offered the post, accept it and are appointed; the employment
record exists and the training dashboard counts them as employed."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from peerpath.core.roles import Role
from peerpath.nonprod.demo import DEMO_ORGANISATION, DEMO_PASSWORD, DemoUser
from peerpath.organisations.models import Membership, Organisation
from peerpath.training.models import Award
from peerpath.workforce.models import EmploymentRecord, JobApplication, JobStage

from .conftest import assert_accessible, fill_date
from .demo_journey import demo_user, fresh_page, log_in

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

TEAM = "Community Peer Support Team"
POST = "Peer support worker, adult community (new)"
GRADUATE = DemoUser("dev.sharma@peerpath.example", "Dev Sharma", Role.TRAINEE, None)


def heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)
    assert_accessible(page)


def click(page: Page, name: str) -> None:
    page.get_by_role("main").get_by_role("link", name=name, exact=True).first.click()


def press(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def the_graduate_can_log_in() -> None:
    """Dev Sharma graduated from the demo's finished cohort and has no post yet; the demo
    gives graduates no log-in, so the journey gives them one (a trainee's account)."""
    organisation = Organisation.objects.get(name=DEMO_ORGANISATION)
    user = get_user_model().objects.get(email=GRADUATE.email)
    user.set_password(DEMO_PASSWORD)
    user.save()
    Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.TRAINEE)


def open_application(page: Page) -> None:
    """From the coordinator's home to Dev Sharma's application, by links."""
    page.get_by_role("link", name="Home", exact=True).first.click()
    click(page, "Posts and vacancies")
    heading(page, "Peer worker posts")
    click(page, POST)
    heading(page, POST)
    page.get_by_role("main").get_by_role("link", name=re.compile("^Advertised:")).click()
    heading(page, f"Vacancy: {POST}")
    click(page, "Applications")
    heading(page, f"Applications for {POST}")
    click(page, GRADUATE.full_name)
    heading(page, f"{GRADUATE.full_name}'s application")


def move(page: Page, to: str) -> None:
    page.get_by_label("Move to").select_option(label=to)
    page.get_by_label("Reason").fill(f"The panel agreed: {to.lower()}.")
    press(page, "Move")
    expect(page.get_by_text(f"{GRADUATE.full_name}: {to}.")).to_be_visible()
    assert_accessible(page)


def test_a_team_asks_and_a_graduate_is_appointed_and_counted(
    page: Page, live_server: Any, browser: Browser
) -> None:
    call_command("seed_demo_data", verbosity=0)
    the_graduate_can_log_in()
    url = live_server.url
    employed_before = (
        Award.objects.filter(enrolment__trainee__employment_records__isnull=False)
        .distinct()
        .count()
    )

    # Sam Patel, a supervisor, asks for a peer worker for their team.
    supervisor = page
    log_in(supervisor, url, demo_user("supervisor@peerpath.example"))
    click(supervisor, "Ask for a peer worker in your team")
    heading(supervisor, "Would you like to have a peer worker work in your team?")
    supervisor.get_by_label("Which team would the peer worker work in?").select_option(label=TEAM)
    supervisor.get_by_role("radio", name="Adult services", exact=True).check()
    supervisor.get_by_role("radio", name="Community", exact=True).check()
    supervisor.get_by_label("Hours a week").fill("22.5")
    supervisor.get_by_role("radio", name="Peer support worker", exact=True).check()
    supervisor.get_by_label("What does your team hope a peer worker will bring?").fill(
        "Someone to walk alongside people leaving hospital, sharing their own recovery."
    )
    press(supervisor, "Send the request")
    heading(supervisor, f"A peer worker for {TEAM}")
    expect(supervisor.get_by_text("Waiting for the peer development team")).to_be_visible()

    # Chris Mensah, the peer development coordinator, turns it into a post and advertises it.
    coordinator = fresh_page(browser)
    log_in(coordinator, url, demo_user("coordinator@peerpath.example"))
    click(coordinator, "Requests from teams for a peer worker")
    heading(coordinator, "Requests for a peer worker")
    coordinator.get_by_role("main").get_by_role("link", name=TEAM).first.click()
    heading(coordinator, f"A peer worker for {TEAM}")
    expect(coordinator.get_by_text("walk alongside people leaving hospital")).to_be_visible()
    click(coordinator, "Turn it into a post")
    heading(coordinator, f"Turn the request of {TEAM} into a post")
    expect(coordinator.get_by_label("Hours a week")).to_have_value("22.5")
    coordinator.get_by_label("Post title").fill(POST)
    press(coordinator, "Save the post")
    heading(coordinator, POST)
    click(coordinator, "Create a vacancy for this post")
    heading(coordinator, f"New vacancy for {POST}")
    expect(coordinator.get_by_label("Eligibility criteria")).to_contain_text(
        "have lived experience of mental distress and recovery"
    )
    coordinator.get_by_label("Description").fill("Join our adult community team.")
    # The panel is chosen by search: nobody is listed until a name is typed.
    coordinator.get_by_role("searchbox", name="Search by name or email").fill("Sam Patel")
    coordinator.get_by_role("checkbox", name="Sam Patel").check()
    press(coordinator, "Save the vacancy")
    heading(coordinator, f"Vacancy: {POST}")
    press(coordinator, "Advertise the vacancy")
    expect(coordinator.get_by_text("Vacancy advertised.")).to_be_visible()
    assert_accessible(coordinator)

    # Dev Sharma, a graduate, sees it at home and applies with their details filled in.
    graduate = fresh_page(browser)
    log_in(graduate, url, GRADUATE)
    expect(graduate.get_by_text("Jobs are not guaranteed")).to_be_visible()
    click(graduate, POST)
    heading(graduate, f"Apply for {POST}")
    expect(graduate.get_by_label("Your email address")).to_have_value(GRADUATE.email)
    for box in (
        graduate.get_by_role("main").get_by_role("textbox", name=re.compile("^You need to")).all()
    ):
        box.fill("My portfolio and work experience days show this.")
    press(graduate, "Send my application")
    heading(graduate, f"Your application for {POST}")
    expect(graduate.get_by_text("Application received")).to_be_visible()
    application = JobApplication.objects.get(vacancy__post__title=POST)
    assert application.applicant is not None and application.award is not None

    # Shortlisted against each criterion, then an interview with Sam Patel on the panel.
    open_application(coordinator)
    expect(coordinator.get_by_text("graduate of Peer Education Programme")).to_be_visible()
    for met in coordinator.get_by_role("radio", name="Met", exact=True).all():
        met.check()
    press(coordinator, "Save shortlisting")
    expect(coordinator.get_by_text("Shortlisting saved.")).to_be_visible()
    move(coordinator, "Shortlisted")
    fill_date(coordinator, "Date", timezone.localdate() + timedelta(days=7))
    coordinator.get_by_label("Time").fill("10:30")
    coordinator.get_by_label("Where").fill("Meeting room 2, Riverside House")
    coordinator.get_by_role("group", name="Interview panel").get_by_role(
        "checkbox", name="Sam Patel"
    ).check()
    press(coordinator, "Book the interview")
    expect(coordinator.get_by_text("Interview booked, and Dev Sharma emailed.")).to_be_visible()
    assert_accessible(coordinator)

    # Sam Patel scores each question from their home page.
    supervisor.get_by_role("link", name="Home", exact=True).first.click()
    heading(supervisor, "Hello, Sam Patel")
    # Dev Sharma also applied for the demo's own vacancy: the item names the post.
    supervisor.get_by_role("listitem").filter(has_text=POST).get_by_role(
        "link", name=GRADUATE.full_name
    ).click()
    heading(supervisor, f"{GRADUATE.full_name}'s application")
    for score in supervisor.get_by_role("radio", name="4", exact=True).all():
        score.check()
    press(supervisor, "Save my scores")
    expect(supervisor.get_by_text("Your scores are saved.")).to_be_visible()
    expect(supervisor.get_by_role("table", name="Panel scores")).to_contain_text("4 of 5")
    assert_accessible(supervisor)

    # Offered, accepted and appointed.
    open_application(coordinator)
    move(coordinator, "Offer made")
    move(coordinator, "Offer accepted")
    fill_date(coordinator, "Start date", timezone.localdate() + timedelta(days=14))
    coordinator.get_by_label("Line manager").select_option(label="Sam Patel")
    coordinator.get_by_label("Peer supervisor").select_option(label="Sam Patel")
    press(coordinator, "Appoint")
    heading(coordinator, f"{GRADUATE.full_name}: {POST}")
    record = EmploymentRecord.objects.get(worker__email=GRADUATE.email)
    assert record.post.title == POST and record.line_manager.full_name == "Sam Patel"
    application.refresh_from_db()
    assert application.stage == JobStage.APPOINTED

    # From home, the coordinator changes the new worker's hours; the record keeps the
    # change as history.
    coordinator.get_by_role("link", name="Home", exact=True).first.click()
    click(coordinator, "Employment records")
    heading(coordinator, "Employment records")
    click(coordinator, GRADUATE.full_name)
    heading(coordinator, f"{GRADUATE.full_name}: {POST}")
    click(coordinator, "Change the line manager, peer supervisor or hours")
    heading(coordinator, f"Change {GRADUATE.full_name}'s employment")
    coordinator.get_by_label("Hours a week").fill("30")
    coordinator.get_by_label("Why it changed (optional)").fill("More hours, as they asked.")
    press(coordinator, "Save the change")
    heading(coordinator, f"{GRADUATE.full_name}: {POST}")
    expect(coordinator.get_by_text("The change is saved and kept in the history.")).to_be_visible()
    history = coordinator.get_by_role("table", name="Changes to this employment record")
    expect(history).to_contain_text("Hours a week")
    expect(history).to_contain_text("More hours, as they asked.")
    record.refresh_from_db()
    assert str(record.hours_per_week) == "30.0" and record.version == 2

    # The training dashboard counts them as employed.
    coordinator.get_by_role("link", name="Home", exact=True).first.click()
    click(coordinator, "Training dashboard")
    heading(coordinator, "Training dashboard")
    expect(coordinator.locator(".nhsuk-lede-text")).to_contain_text(
        f"and {employed_before + 1} of them are now employed."
    )
