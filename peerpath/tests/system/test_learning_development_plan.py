"""Journey from the seeded demo, by clicking only (issue 12, point 6): Jordan Reid opens
their continuing development plan from their home page, adds one of section 5's optional
units and records learning against it; their supervisor, Sam Patel, finds the plan from
their own home page and signs the unit off."""

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect
from pytest_playwright.pytest_playwright import CreateContextCallback

from peerpath.framework.models import Unit
from peerpath.learning.models import PlanUnit

from .conftest import fill_date
from .demo_journey import demo_user, log_in, see_page, told

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PSW = demo_user("psw@peerpath.example")
SUPERVISOR = demo_user("supervisor@peerpath.example")


class DevelopmentPlanJourney:
    def __init__(self, page: Page, live_server: Any, new_context: CreateContextCallback) -> None:
        self.page, self.url, self.new_context = page, live_server.url, new_context

    def given_the_demo(self) -> None:
        call_command("seed_demo_data", verbosity=0)
        self.unit = Unit.objects.get(framework__is_current=True, code="5.3")
        self.heading = f"Unit 5.3: {self.unit.title}"

    def given_jordan_is_on_their_home_page(self) -> None:
        log_in(self.page, self.url, PSW)
        section = self.page.locator("section[aria-labelledby='section-psw-learning']")
        expect(section).to_contain_text("Your development plan has 2 units, 1 signed off.")

    def when_they_open_their_development_plan(self) -> None:
        self.page.get_by_role("link", name="Your continuing development plan").click()
        see_page(self.page, "Your continuing development plan")
        expect(self.page.locator("main")).to_contain_text("Section 5:")
        expect(self.page.get_by_role("link", name="Unit 5.2:")).to_be_visible()

    def and_add_an_optional_section_5_unit(self) -> None:
        self.page.get_by_role("link", name="Add a unit to the plan").click()
        see_page(self.page, "Add a unit to the plan")
        self.page.get_by_label("Unit of the competence framework").select_option(
            label=f"{self.heading} (optional)"
        )
        self.page.get_by_label("What I want to learn").fill(
            "How to help people choose and use a wellbeing app safely"
        )
        self.page.get_by_role("button", name="Add unit").click()
        told(self.page, "Unit 5.3 added to the plan.")
        see_page(self.page, self.heading)

    def and_record_learning_against_it(self) -> None:
        self.page.get_by_role("link", name="Record learning").click()
        see_page(self.page, "Record learning")
        self.page.get_by_label("Activity").fill(
            "Digital inclusion workshop at the recovery college"
        )
        fill_date(self.page, "Date", "2026-11-20")
        self.page.get_by_label("What I learnt").fill(
            "Checking what someone already uses before suggesting anything new"
        )
        self.page.get_by_label("Evidence (optional)").fill("Workshop attendance certificate")
        self.page.get_by_role("button", name="Save learning").click()
        told(self.page, "Learning recorded.")
        see_page(self.page, self.heading)
        expect(self.page.locator("main")).to_contain_text("Digital inclusion workshop")

    def then_their_supervisor_signs_the_unit_off(self) -> None:
        page = self.new_context().new_page()
        log_in(page, self.url, SUPERVISOR)
        page.locator("section[aria-labelledby='section-supervisor-learning']").get_by_role(
            "link", name="Peer workers' learning"
        ).click()
        see_page(page, "Peer workers' learning")
        page.get_by_role("link", name="Development plan of Jordan Reid").click()
        see_page(page, "Continuing development plan")
        page.get_by_role("link", name=self.heading).click()
        see_page(page, self.heading)
        expect(page.locator("main")).to_contain_text("Checking what someone already uses")
        page.get_by_label("Comment (optional)").fill(
            "Jordan led with curiosity about what people already use."
        )
        page.get_by_role("button", name="Sign off unit 5.3").click()
        told(page, "Unit 5.3 signed off.")
        see_page(page, self.heading)
        expect(page.locator("main")).to_contain_text("Signed off by Sam Patel")


def test_the_psw_adds_a_section_5_unit_and_their_supervisor_signs_it_off(
    page: Page, live_server: Any, new_context: CreateContextCallback
) -> None:
    journey = DevelopmentPlanJourney(page, live_server, new_context)
    journey.given_the_demo()
    journey.given_jordan_is_on_their_home_page()
    journey.when_they_open_their_development_plan()
    journey.and_add_an_optional_section_5_unit()
    journey.and_record_learning_against_it()
    journey.then_their_supervisor_signs_the_unit_off()
    signed = PlanUnit.objects.get(worker__email=PSW.email, unit__code="5.3")
    assert signed.signed_by is not None and signed.signed_by.email == SUPERVISOR.email
    assert signed.records.get().evidence == "Workshop attendance certificate"
