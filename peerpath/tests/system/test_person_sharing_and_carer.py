"""Journey from the seeded demo, on a phone (375 px), by links only (issue 13, points 3 and
6): Robin, the carer, reads Alex's crisis plan; Alex logs in, opens "Who can see my
information" from their home page and stops sharing the crisis plan with Robin, after a
kind confirmation; Robin's next page no longer shows it. Robin sends a message to Alex's
peer support worker, and Jordan, the worker, reads it from their home page."""

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from peerpath.governance.models import CarerMessage, SharingConsent

from .demo_journey import demo_user, go_home, log_in, see_page, told
from .helpers import PHONE, page_width

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

CARER = demo_user("carer@peerpath.example")
PERSON = demo_user("person@peerpath.example")
PSW = demo_user("psw@peerpath.example")
WARNING_SIGN = "Not sleeping for two nights; the voices getting louder."
MESSAGE = "Alex seemed tired at the weekend. Could you check in with them this week?"


def fits(page: Page) -> None:
    assert page_width(page) <= PHONE["width"], f"{page.url} scrolls sideways on a phone"


class SharingJourney:
    def __init__(self, browser: Browser, args: dict[str, Any], live_server: Any) -> None:
        self.browser, self.args, self.url = browser, args, live_server.url

    def phone(self) -> Page:
        return self.browser.new_context(**{**self.args, "viewport": PHONE}).new_page()

    def given_the_demo(self) -> None:
        call_command("seed_demo_data", verbosity=0)

    def robin_reads_alexs_crisis_plan(self) -> None:
        self.robin = self.phone()
        log_in(self.robin, self.url, CARER)
        fits(self.robin)
        self.robin.get_by_role("link", name="What Alex shares with you").click()
        see_page(self.robin, "What Alex shares with you")
        expect(self.robin.get_by_role("heading", name="Crisis plan", exact=True)).to_be_visible()
        expect(self.robin.get_by_text(WARNING_SIGN)).to_be_visible()
        fits(self.robin)

    def alex_stops_sharing_it_from_their_home_page(self) -> None:
        alex = self.phone()
        log_in(alex, self.url, PERSON)
        alex.locator("#person-my-pages").get_by_role(
            "link", name="Who can see my information"
        ).click()
        see_page(alex, "Who can see my information")
        fits(alex)
        shared = alex.locator("main")
        expect(shared).to_contain_text("Robin Morgan")
        expect(shared).to_contain_text("Your crisis plan")
        alex.get_by_role("link", name="Stop sharing your crisis plan with Robin Morgan").click()
        see_page(alex, "Stop sharing your crisis plan with Robin Morgan?")
        expect(alex.get_by_text("you do not need to give a reason")).to_be_visible()
        fits(alex)
        alex.get_by_role("button", name="Yes, stop sharing").click()
        told(alex, "Done. Robin Morgan can no longer see your crisis plan in PeerPath.")
        see_page(alex, "Who can see my information")
        expect(alex.locator("main")).to_contain_text(
            "You are not sharing anything with Robin Morgan in PeerPath."
        )
        alex.get_by_role("link", name="See when this happened and why").click()
        see_page(alex, "When information was shared without asking you")
        fits(alex)

    def robins_next_page_no_longer_shows_it(self) -> None:
        go_home(self.robin, CARER)
        self.robin.get_by_role("link", name="What Alex shares with you").click()
        see_page(self.robin, "What Alex shares with you")
        expect(self.robin.get_by_role("heading", name="Crisis plan")).to_have_count(0)
        expect(self.robin.get_by_text(WARNING_SIGN)).to_have_count(0)
        expect(
            self.robin.get_by_text("Alex has not chosen to share anything with you in PeerPath")
        ).to_be_visible()

    def robin_sends_a_message_to_alexs_worker(self) -> None:
        self.robin.get_by_role("link", name="Send a message to Alex's peer support worker").click()
        see_page(self.robin, "Send a message to Alex's peer support worker")
        fits(self.robin)
        self.robin.get_by_label("Your message").fill(MESSAGE)
        self.robin.get_by_role("button", name="Send message").click()
        told(self.robin, "Your message has been sent to Alex's peer support worker.")
        see_page(self.robin, "Send a message to Alex's peer support worker")
        expect(self.robin.locator("#carer-messages-sent")).to_contain_text(MESSAGE)

    def and_reads_what_they_can_see_and_why(self) -> None:
        # From the carer's home page (on a phone the menu folds it under "More").
        go_home(self.robin, CARER)
        self.robin.locator("main").get_by_role("link", name="What I can see and why").click()
        see_page(self.robin, "What I can see and why")
        expect(self.robin.locator("main")).to_contain_text(
            "Alex is not sharing anything with you in PeerPath at the moment."
        )
        fits(self.robin)

    def jordan_reads_it_from_their_home_page(self) -> None:
        jordan = self.phone()
        log_in(jordan, self.url, PSW)
        jordan.get_by_role("link", name="1 new message from a carer of Alex").click()
        see_page(jordan, "Messages from carers")
        expect(jordan.locator("main")).to_contain_text(MESSAGE)
        expect(jordan.locator("main")).to_contain_text("From Robin Morgan")
        fits(jordan)


def test_alex_stops_sharing_with_robin_who_then_messages_jordan(
    browser: Browser, browser_context_args: dict[str, Any], live_server: Any
) -> None:
    journey = SharingJourney(browser, browser_context_args, live_server)
    journey.given_the_demo()
    journey.robin_reads_alexs_crisis_plan()
    journey.alex_stops_sharing_it_from_their_home_page()
    journey.robins_next_page_no_longer_shows_it()
    journey.robin_sends_a_message_to_alexs_worker()
    journey.and_reads_what_they_can_see_and_why()
    journey.jordan_reads_it_from_their_home_page()
    consent = SharingConsent.objects.get(recipient__name="Robin Morgan", scope="crisis_plan")
    assert consent.withdrawn_by is not None and consent.withdrawn_by.email == PERSON.email
    message = CarerMessage.objects.get()
    assert message.read_by is not None and message.read_by.email == PSW.email
