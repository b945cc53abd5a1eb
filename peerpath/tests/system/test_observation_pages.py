"""Journeys from the seeded demo, by clicking only, through the rest of observation's pages
(each checked with axe): the PSW reflects on a draft observation, adds to a finalised one
and reads their resolved development plan; the supervisor opens the worker's competence
record and its printable version, then records an area of significant concern, reviews the
development plan it opens and closes it with its outcome."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from peerpath.nonprod.observation_demo import ACTIVITY, GROUP
from peerpath.observation.models import DevelopmentPlan, PlanStatus

from .conftest import fill_date
from .demo_journey import demo_user, go_home, log_in, see_page, told

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

SUPERVISOR = demo_user("supervisor@peerpath.example")
PSW = demo_user("psw@peerpath.example")


def test_the_psw_reflects_adds_and_reads_their_resolved_plan(page: Page, live_server: Any) -> None:
    call_command("seed_demo_data", verbosity=0)
    log_in(page, live_server.url, PSW)
    expect(page.locator("main")).to_contain_text("1 observation is waiting for your reflection")
    page.get_by_role("link", name="Observations of my practice").click()
    see_page(page, "Direct observations of practice")
    page.locator("tr", has_text=GROUP).get_by_role("link").click()
    see_page(page, "Observation of Jordan Reid")
    page.get_by_role("link", name="Add your reflection").click()
    see_page(page, "Your reflection on the observation")
    page.get_by_label("Your reflection").fill("Walking side by side made it easier to talk.")
    page.get_by_role("button", name="Save your reflection").click()
    told(page, "Your reflection is saved.")
    see_page(page, "Observation of Jordan Reid")
    expect(page.locator("main")).to_contain_text("Walking side by side")

    page.get_by_role("link", name="Direct observations").click()
    see_page(page, "Direct observations of practice")
    page.locator("tr", has_text=ACTIVITY).get_by_role("link").click()
    see_page(page, "Observation of Jordan Reid")
    page.get_by_role("link", name="Add an addendum").click()
    see_page(page, "Add to the finalised observation")
    page.get_by_label("What you want to add").fill("I have practised summing up since.")
    page.get_by_role("button", name="Add the addendum").click()
    told(page, "Addendum added.")
    see_page(page, "Observation of Jordan Reid")

    go_home(page, PSW)
    page.get_by_role("link", name="Development plans").click()
    see_page(page, "Development plans")
    page.get_by_role("link", name="Jordan Reid").click()
    see_page(page, "Development plan for Jordan Reid")
    expect(page.locator("main")).to_contain_text("Resolved.")
    expect(page.get_by_role("link", name="Record a review")).to_have_count(0)


def test_the_supervisor_opens_the_record_and_manages_a_development_plan(
    page: Page, live_server: Any
) -> None:
    call_command("seed_demo_data", verbosity=0)
    log_in(page, live_server.url, SUPERVISOR)
    page.get_by_role("link", name="Competence records").click()
    see_page(page, "Competence records")
    page.get_by_role("link", name="Jordan Reid").click()
    see_page(page, "Jordan Reid's competence record")
    page.get_by_role("link", name="Printable version of the whole record").click()
    see_page(page, "Competence record of Jordan Reid")
    expect(page.locator("main")).to_contain_text("You gave Alex your full attention")

    go_home(page, SUPERVISOR)
    page.get_by_role("link", name="Direct observations").click()
    see_page(page, "Direct observations of practice")
    page.locator("tr", has_text=ACTIVITY).get_by_role("link").click()
    see_page(page, "Observation of Jordan Reid")
    page.get_by_role("link", name="Record an area of significant concern").click()
    see_page(page, "Record an area of significant concern")
    page.get_by_role("button", name="Open the development plan").click()
    see_page(page, "Record an area of significant concern")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Say what the concern is.")
    page.get_by_label("The area of significant concern").fill("Sessions run over time.")
    page.get_by_label("2.5.10", exact=False).check()
    page.get_by_label("Support agreed with the worker").fill("Plan endings in supervision.")
    fill_date(page, "First review", timezone.localdate() + timedelta(days=14))
    page.get_by_role("button", name="Open the development plan").click()
    told(page, "Development plan opened.")
    see_page(page, "Development plan for Jordan Reid")
    page.get_by_role("link", name="Record a review").click()
    see_page(page, "Review the development plan")
    page.get_by_label("Progress").fill("Endings planned together; on time twice.")
    page.get_by_role("button", name="Save the review").click()
    told(page, "Review recorded.")
    see_page(page, "Development plan for Jordan Reid")
    page.get_by_role("link", name="Close the plan with its outcome").click()
    see_page(page, "Close the development plan")
    fill_date(page, "Date closed", timezone.localdate())
    page.get_by_label("Outcome").fill("Resolved: sessions end on time.")
    page.get_by_role("button", name="Close the plan").click()
    told(page, "Development plan closed.")
    see_page(page, "Development plan for Jordan Reid")
    plan = DevelopmentPlan.objects.get(concern="Sessions run over time.")
    assert plan.status == PlanStatus.CLOSED and plan.reviews.count() == 1
