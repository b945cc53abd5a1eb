"""Journey from the seeded demo, moving only by links from each person's home page (issue
12, point 1): Jordan Reid, a peer worker in post, sees another vacancy on their home page
and applies from their account; once their offer is accepted, the coordinator appoints them
and says the new post replaces the old one, which ends the day before the new start. The
steps between applying and an accepted offer (shortlisting, interview, offer) are the same
as any applicant's and are walked in test_workforce_journey.py."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from peerpath.nonprod.workforce_demo import ADVERTISED_POST, JORDAN_POST
from peerpath.workforce.models import EmploymentRecord, JobApplication, JobStage

from .conftest import assert_accessible, fill_date
from .demo_journey import demo_user, fresh_page, log_in

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

JORDAN = demo_user("psw@peerpath.example")


def heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)
    assert_accessible(page)


def click(page: Page, name: str) -> None:
    page.get_by_role("main").get_by_role("link", name=name, exact=True).first.click()


def test_a_peer_worker_in_post_applies_and_moves_to_the_new_post(
    page: Page, live_server: Any, browser: Browser
) -> None:
    call_command("seed_demo_data", verbosity=0)
    url = live_server.url
    old = EmploymentRecord.objects.get(worker__email=JORDAN.email, ends_on=None)
    assert old.post.title == JORDAN_POST

    # Jordan sees the other vacancy under "Your post" and applies, their details filled in.
    log_in(page, url, JORDAN)
    expect(page.get_by_role("heading", name="Other peer worker vacancies")).to_be_visible()
    click(page, ADVERTISED_POST)
    heading(page, f"Apply for {ADVERTISED_POST}")
    expect(page.get_by_label("Your email address")).to_have_value(JORDAN.email)
    for box in page.get_by_role("main").get_by_role("textbox", name="You need to").all():
        box.fill("Two years in post on the adult community team.")
    page.get_by_role("button", name="Send my application").click()
    heading(page, f"Your application for {ADVERTISED_POST}")
    page.get_by_role("link", name="Home", exact=True).first.click()
    expect(page.get_by_text(f"{ADVERTISED_POST}: you have applied")).to_be_visible()

    # Shortlisting, interview and offer are any applicant's; the offer is accepted.
    application = JobApplication.objects.get(applicant__email=JORDAN.email)
    JobApplication.objects.filter(pk=application.pk).update(stage=JobStage.ACCEPTED)

    # The coordinator appoints Jordan from the vacancy's applications, by links from home.
    coordinator = fresh_page(browser)
    log_in(coordinator, url, demo_user("coordinator@peerpath.example"))
    click(coordinator, "Posts and vacancies")
    heading(coordinator, "Peer worker posts")
    click(coordinator, ADVERTISED_POST)
    coordinator.get_by_role("main").get_by_role("link", name="Advertised:").first.click()
    heading(coordinator, f"Vacancy: {ADVERTISED_POST}")
    click(coordinator, "Applications")
    click(coordinator, JORDAN.full_name)
    heading(coordinator, f"{JORDAN.full_name}'s application")
    starts_on = timezone.localdate() + timedelta(days=28)
    fill_date(coordinator, "Start date", starts_on)
    coordinator.get_by_label("Line manager").select_option(label="Sam Patel")
    coordinator.get_by_label("Peer supervisor").select_option(label="Sam Patel")
    # Not answered: the page asks, next to the question.
    coordinator.get_by_role("button", name="Appoint", exact=True).click()
    expect(coordinator.get_by_text("Say whether this post replaces their current one.").first)
    assert_accessible(coordinator)
    coordinator.get_by_role("radio", name=f"Yes: their post as {JORDAN_POST} ends").check()
    coordinator.get_by_role("button", name="Appoint", exact=True).click()
    heading(coordinator, f"{JORDAN.full_name}: {ADVERTISED_POST}")

    old.refresh_from_db()
    assert old.ends_on == starts_on - timedelta(days=1)
    new = EmploymentRecord.objects.get(worker__email=JORDAN.email, post__title=ADVERTISED_POST)
    assert new.starts_on == starts_on and new.ends_on is None
    coordinator.get_by_role("link", name="Employment records", exact=True).first.click()
    heading(coordinator, "Employment records")
    expect(coordinator.get_by_role("main")).to_contain_text(ADVERTISED_POST)
    assert_accessible(coordinator)
