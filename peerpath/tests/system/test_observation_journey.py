"""Journey from the seeded demo, by clicking only (issue 12, point 4): the supervisor, Sam
Patel, records a direct observation of Jordan Reid's practice with Alex present and
consenting, rates statements of unit 2.5 with competence-based feedback, and finalises it;
Jordan opens their competence record from their home page and finds the observation there.
"""

import re
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_playwright.pytest_playwright import CreateContextCallback

from peerpath.caseload.models import Person
from peerpath.observation.models import Observation

from .conftest import fill_date
from .demo_journey import demo_user, log_in, see_page, told

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

SUPERVISOR = demo_user("supervisor@peerpath.example")
PSW = demo_user("psw@peerpath.example")
FEEDBACK = "You held the silence and let Alex find their own words."


def test_a_supervisors_observation_lands_in_the_workers_competence_record(
    page: Page, live_server: Any, new_context: CreateContextCallback
) -> None:
    call_command("seed_demo_data", verbosity=0)
    alex = Person.objects.get(full_name="Alex Morgan").display_name

    # Sam, from their home page, records the observation.
    log_in(page, live_server.url, SUPERVISOR)
    page.get_by_role("link", name="Record a direct observation").click()
    see_page(page, "Record a direct observation")
    expect(page.locator("main")).to_contain_text("direct observation of their practice")
    page.get_by_role("link", name="Observe Jordan Reid").click()
    see_page(page, "Observation of Jordan Reid")
    fill_date(page, "Date of the observation", timezone.localdate())
    page.get_by_label("What was observed").fill("A one-to-one session about college")
    page.get_by_label("Where", exact=True).fill("The library café")
    page.get_by_label("Person supported present (optional)").select_option(label=alex)
    page.get_by_role("button", name="Save the observation").click()
    # Without a record of consent, it is not saved.
    see_page(page, "Observation of Jordan Reid")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "record that they agreed to be observed"
    )
    page.get_by_label("The person agreed to their peer support worker being observed").check()
    page.get_by_label("They agreed out loud, before the observation began").check()
    page.get_by_role("button", name="Save the observation").click()

    # Framework statements: a unit, then its statements.
    told(page, "Observation saved")
    see_page(page, "Choose a unit of the framework")
    page.get_by_role("link", name=re.compile(r"^Unit 2\.5: ")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Unit 2.5")
    page.get_by_role("group", name=re.compile(r"^2\.5\.3 ")).get_by_label(
        "Demonstrated with confidence"
    ).check()
    page.get_by_label("Feedback on 2.5.3").fill(FEEDBACK)
    page.get_by_role("button", name="Save the ratings").click()
    told(page, "1 statement of unit 2.5 rated.")
    see_page(page, "Observation of Jordan Reid")
    page.get_by_role("link", name="Change what was observed and the overall feedback").click()
    see_page(page, "Change the observation of Jordan Reid")
    page.get_by_label("Overall feedback (optional until you finalise)").fill(
        "Warm and unhurried; Alex led the conversation."
    )
    page.get_by_role("button", name="Save the observation").click()
    told(page, "Observation updated.")
    see_page(page, "Observation of Jordan Reid")
    page.get_by_role("button", name="Finalise the observation").click()
    told(page, "Observation finalised")
    see_page(page, "Observation of Jordan Reid")
    expect(page.get_by_role("button", name="Finalise the observation")).to_have_count(0)

    # Jordan, from their home page, finds it in their competence record.
    jordan = new_context().new_page()
    log_in(jordan, live_server.url, PSW)
    expect(jordan.locator("main")).to_contain_text("Your practice observed")
    jordan.get_by_role("link", name="My competence record").click()
    see_page(jordan, "My competence record")
    jordan.get_by_role("link", name=re.compile(r"^Section 2: ")).click()
    see_page(jordan, "My competence record")
    statement = jordan.locator("li.pp-record-statement", has_text="2.5.3")
    expect(statement).to_contain_text("Demonstrated with confidence")
    expect(statement).to_contain_text(FEEDBACK)
    expect(statement).to_contain_text("by Sam Patel")
    statement.get_by_role("link", name=re.compile("Open the observation")).first.click()
    see_page(jordan, "Observation of Jordan Reid")

    observation = Observation.objects.get(activity="A one-to-one session about college")
    assert observation.finalised_at is not None and observation.consent_given
    assert observation.person is not None and observation.person.full_name == "Alex Morgan"
