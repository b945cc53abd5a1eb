"""Journey from the seeded demo, on a phone-sized screen, by links only (issue 13, points 4
and 5; hazards H11 and H7): Nia Evans, on call, is asked about Alex in a crisis. From her
home page she finds Alex by NHS number, gives a reason and reads their crisis plan; the
rest of Alex's record stays closed to her. Alex then sees, in "who has seen my record",
their peer support worker's reads and Nia's urgent access with her reason; and Sam Patel,
Alex's team's supervisor, reviews it from his home page."""

import re
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, ViewportSize, expect

from peerpath.caseload.models import Person
from peerpath.oversight.models import UrgentAccess

from .demo_journey import demo_user, log_in, see_page, told

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

NIA = demo_user("oncall@peerpath.example")
ALEX = demo_user("person@peerpath.example")
SAM = demo_user("supervisor@peerpath.example")
PHONE: ViewportSize = {"width": 375, "height": 800}
REASON = "Alex's sister phoned the crisis line: Alex is alone and frightened tonight."


def on_a_phone(browser: Browser) -> Page:
    return browser.new_context(locale="en-GB", bypass_csp=True, viewport=PHONE).new_page()


def see(page: Page, heading: str) -> None:
    """The page has arrived, axe finds nothing wrong, and nothing scrolls sideways."""
    see_page(page, heading)
    assert int(page.evaluate("document.documentElement.scrollWidth")) <= PHONE["width"]


class UrgentAccessJourney:
    def __init__(self, browser: Browser, live_server: Any) -> None:
        self.browser, self.url = browser, live_server.url

    def given_the_demo(self) -> None:
        call_command("seed_demo_data", verbosity=0)
        self.alex = Person.objects.get(user__email=ALEX.email)

    def when_nia_on_call_starts_from_her_home_page(self) -> None:
        self.page = page = on_a_phone(self.browser)
        log_in(page, self.url, NIA)
        page.get_by_role("link", name="Find a person for urgent access").click()
        see(page, "Urgent access to a crisis plan")

    def and_finds_alex_by_their_nhs_number(self) -> None:
        page = self.page
        page.get_by_label("NHS number").fill("943 476 5919")
        page.get_by_role("button", name="Find").click()
        see(page, "Urgent access to a crisis plan")
        expect(page.locator("#search-result")).to_have_text("Person found")
        expect(page.locator(".pp-person-banner")).to_contain_text("943 476 5919")
        page.get_by_role("button", name="Open Alex Morgan's crisis plan").click()
        see(page, "Why do you need this crisis plan?")

    def and_a_reason_too_short_is_refused(self) -> None:
        page = self.page
        page.get_by_label("A crisis call").check()
        page.get_by_label("Why do you need their crisis plan now?").fill("urgent")
        page.get_by_role("button", name="Open the crisis plan").click()
        see(page, "Why do you need this crisis plan?")
        expect(page.locator("#id_reason-error")).to_contain_text("in at least 10 characters")
        assert (
            not UrgentAccess.objects.filter(person=self.alex, reviewed_at=None)
            .filter(granted_to__email=NIA.email, ended_at=None)
            .exists()
        )

    def then_with_a_reason_she_reads_their_crisis_plan(self) -> None:
        page = self.page
        page.get_by_label("A crisis call").check()
        page.get_by_label("Why do you need their crisis plan now?").fill(REASON)
        page.get_by_role("button", name="Open the crisis plan").click()
        see(page, "Crisis plan")
        told(page, "Urgent access opened until")
        expect(page.locator("main")).to_contain_text("Riverside crisis team: 0115 496 0999")
        expect(page.locator("main")).to_contain_text("07700 900456")
        expect(page.locator("main")).to_contain_text("Jordan Reid")

    def but_the_rest_of_alexs_record_stays_closed(self) -> None:
        page = self.page
        page.goto(f"{self.url}/people/{self.alex.pk}/")
        # On-call staff hold no role the record's pages allow: refused, nothing shown.
        see(page, "You cannot see this page")
        expect(page.locator("main")).not_to_contain_text("Alex")
        page.go_back()
        see(page, "Crisis plan")

    def when_alex_opens_who_has_seen_their_record(self) -> None:
        self.page = page = on_a_phone(self.browser)
        log_in(page, self.url, ALEX)
        page.get_by_role("link", name="Who has seen my record").click()
        see(page, "Who has seen my record")

    def then_they_see_their_psw_and_the_urgent_access_with_its_reason(self) -> None:
        listed = self.page.locator("#who-has-seen")
        expect(listed).to_contain_text(
            "Nia Evans, from the on-call or crisis team, looked at your crisis plan and "
            "contact details, today"
        )
        expect(listed).to_contain_text(f"Why: urgent access, for a crisis call: “{REASON}”")
        expect(listed).to_contain_text(
            re.compile(r"Jordan Reid, your peer support worker, looked at your [a-z ,]*crisis plan")
        )
        expect(listed).to_contain_text("Robin Morgan, your carer, looked at your crisis plan")

    def when_sam_reviews_it_from_his_home_page(self) -> None:
        self.page = page = on_a_phone(self.browser)
        log_in(page, self.url, SAM)
        expect(page.locator("#urgent-to-review")).to_have_text(
            "2 urgent accesses to records are waiting for your review."
        )
        page.get_by_role("link", name="Review urgent access").click()
        see(page, "Review urgent access")
        page.get_by_role(
            "link", name="Review Nia Evans's urgent access to Alex Morgan's crisis plan"
        ).click()
        see(page, "Review urgent access")
        expect(page.locator("main")).to_contain_text(REASON)
        page.get_by_label("Appropriate").check()
        page.get_by_label("Note (optional)").fill("Right call; talked it through with Nia.")
        page.get_by_role("button", name="Save review").click()
        see(page, "Review urgent access")
        told(page, "Review saved.")

    def then_it_is_reviewed(self) -> None:
        grant = UrgentAccess.objects.get(person=self.alex, reason=REASON)
        assert grant.review_outcome == "appropriate"
        assert grant.reviewed_by is not None and grant.reviewed_by.email == SAM.email


def test_on_call_opens_a_crisis_plan_the_person_sees_it_and_the_supervisor_reviews_it(
    browser: Browser, live_server: Any
) -> None:
    journey = UrgentAccessJourney(browser, live_server)
    journey.given_the_demo()
    journey.when_nia_on_call_starts_from_her_home_page()
    journey.and_finds_alex_by_their_nhs_number()
    journey.and_a_reason_too_short_is_refused()
    journey.then_with_a_reason_she_reads_their_crisis_plan()
    journey.but_the_rest_of_alexs_record_stays_closed()
    journey.when_alex_opens_who_has_seen_their_record()
    journey.then_they_see_their_psw_and_the_urgent_access_with_its_reason()
    journey.when_sam_reviews_it_from_his_home_page()
    journey.then_it_is_reviewed()
