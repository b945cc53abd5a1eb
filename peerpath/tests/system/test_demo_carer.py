"""Journey from the seeded demo, by clicking only (issue 9, check 4): Robin, the carer, sees
on their home page what Alex shares with them now (the crisis plan) and opens it; Alex
then withdraws that consent, which the peer support worker records through Alex's record;
Robin's next page shows that nothing is shared, and the crisis plan is gone."""

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect
from pytest_playwright.pytest_playwright import CreateContextCallback

from peerpath.governance.models import SharingConsent

from .demo_journey import demo_user, go_home, log_in, see_page, told

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

CARER = demo_user("carer@peerpath.example")
PSW = demo_user("psw@peerpath.example")
WARNING_SIGN = "Not sleeping for two nights; the voices getting louder."


class CarerJourney:
    def __init__(self, page: Page, live_server: Any, new_context: CreateContextCallback) -> None:
        self.page, self.url, self.new_context = page, live_server.url, new_context

    def given_the_demo(self) -> None:
        call_command("seed_demo_data", verbosity=0)

    def given_the_carer_is_on_their_home_page(self) -> None:
        log_in(self.page, self.url, CARER)

    def then_they_see_what_alex_shares_now(self) -> None:
        expect(self.page.locator("#carer-people")).to_contain_text(
            "Shared with you now: Crisis plan."
        )

    def when_they_open_it(self) -> None:
        self.page.get_by_role("link", name="What Alex shares with you").click()
        see_page(self.page, "What Alex shares with you")

    def then_they_read_alexs_crisis_plan(self) -> None:
        expect(self.page.get_by_role("heading", name="Crisis plan", exact=True)).to_be_visible()
        expect(self.page.get_by_text(WARNING_SIGN)).to_be_visible()
        expect(self.page.get_by_text("Riverside crisis team: 0115 496 0999")).to_be_visible()

    def and_find_alex_again_from_shared_with_me(self) -> None:
        self.page.get_by_role("navigation", name="Menu").get_by_role(
            "link", name="Shared with me"
        ).click()
        see_page(self.page, "Shared with me")
        self.page.locator("main").get_by_role("link", name="Alex", exact=True).click()
        see_page(self.page, "What Alex shares with you")

    def when_the_psw_records_that_alex_withdraws_consent(self) -> None:
        """In their own browser, while Robin's page stays open."""
        page = self.new_context().new_page()
        log_in(page, self.url, PSW)
        page.locator("#psw-caseload").get_by_role("link", name="Alex", exact=True).click()
        see_page(page, "Alex")
        sharing = page.locator("#sharing")
        expect(sharing).to_contain_text("Robin Morgan")
        sharing.get_by_role(
            "link", name="Withdraw consent to share the crisis plan with Robin Morgan"
        ).click()
        see_page(page, "Stop sharing Alex's crisis plan with Robin Morgan?")
        page.get_by_role("button", name="Yes, stop sharing it now").click()
        told(page, "Alex's crisis plan is no longer shared with Robin Morgan.")
        see_page(page, "Consent to share with family and carers")

    def then_the_carers_next_page_shows_nothing_shared(self) -> None:
        go_home(self.page, CARER)
        expect(self.page.locator("#carer-people")).to_contain_text(
            "Nothing is shared with you at the moment. Alex can choose to share again at any time."
        )
        expect(self.page.get_by_text("Shared with you now")).to_have_count(0)

    def and_the_crisis_plan_is_gone(self) -> None:
        self.page.get_by_role("link", name="What Alex shares with you").click()
        see_page(self.page, "What Alex shares with you")
        expect(
            self.page.get_by_text("Alex has not chosen to share anything with you in PeerPath")
        ).to_be_visible()
        expect(self.page.get_by_role("heading", name="Crisis plan")).to_have_count(0)
        expect(self.page.get_by_text(WARNING_SIGN)).to_have_count(0)


def test_the_carer_sees_the_shared_crisis_plan_until_consent_is_withdrawn(
    page: Page, live_server: Any, new_context: CreateContextCallback
) -> None:
    journey = CarerJourney(page, live_server, new_context)
    journey.given_the_demo()
    journey.given_the_carer_is_on_their_home_page()
    journey.then_they_see_what_alex_shares_now()
    journey.when_they_open_it()
    journey.then_they_read_alexs_crisis_plan()
    journey.and_find_alex_again_from_shared_with_me()
    journey.when_the_psw_records_that_alex_withdraws_consent()
    journey.then_the_carers_next_page_shows_nothing_shared()
    journey.and_the_crisis_plan_is_gone()
    consent = SharingConsent.objects.get(recipient__name="Robin Morgan", scope="crisis_plan")
    assert consent.withdrawn_at is not None
