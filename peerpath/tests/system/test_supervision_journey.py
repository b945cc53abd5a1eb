"""Journey from the seeded demo, by links only (issue 12, point 3): the peer supervisor,
Sam Patel, opens Jordan Reid's peer practice supervision from their home page, books and
records a session (the action still open from an earlier session is carried forward into
it), adds an action and signs; Jordan opens the session from their own home page, adds
their comment and signs, which completes the record; the next session Sam books shows the
new action carried forward. Every page is checked with axe."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_playwright.pytest_playwright import CreateContextCallback

from peerpath.supervision.models import SupervisionSession

from .conftest import assert_accessible, fill_date
from .demo_journey import day_month_year, demo_user, go_home, log_in, see_page, told

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

SUPERVISOR = demo_user("supervisor@peerpath.example")
PSW = demo_user("psw@peerpath.example")
OLD_ACTION = "Read the lone working policy"
NEW_ACTION = "Shadow a colleague on a community visit"


class SupervisionJourney:
    def __init__(self, page: Page, live_server: Any, new_context: CreateContextCallback) -> None:
        self.page, self.url, self.new_context = page, live_server.url, new_context
        self.today = timezone.localdate()

    def given_the_demo(self) -> None:
        from django.core.management import call_command

        call_command("seed_demo_data", verbosity=0)

    def given_sam_opens_jordans_supervision_from_their_home_page(self) -> None:
        log_in(self.page, self.url, SUPERVISOR)
        section = self.page.locator("#section-supervisor-supervision").locator("..")
        expect(section).to_contain_text("You supervise 1 worker.")
        section.get_by_role("link", name="Jordan Reid").click()
        see_page(self.page, "Peer practice supervision")
        expect(self.page.get_by_text("Agreed by both")).to_be_visible()

    def book_a_session(self, on: Any) -> None:
        self.page.get_by_role("link", name="Book a session").click()
        see_page(self.page, "Book a supervision session")
        fill_date(self.page, "Date", on)
        self.page.get_by_label("Time (optional)").fill("10:00")
        self.page.get_by_role("button", name="Book session").click()
        told(self.page, "Session booked.")
        expect(self.page.get_by_role("heading", level=1)).to_contain_text(
            f"Session on {day_month_year(on)}"
        )
        assert_accessible(self.page)

    def then_the_open_action_is_carried_forward(self) -> None:
        carried = self.page.locator("main li", has_text=OLD_ACTION)
        expect(carried).to_contain_text("Carried forward from")

    def when_sam_records_the_session(self) -> None:
        self.page.get_by_role("link", name="Record the session").click()
        see_page(self.page, "Record the session")
        self.page.get_by_label("What the worker brought").fill("Confidence in group work")
        self.page.get_by_label("Reflection").fill("Jordan led the group with warmth.")
        self.page.get_by_label("Caseload review (optional)").fill("All contacts planned.")
        self.page.get_by_role("button", name="Save record").click()
        told(self.page, "Session recorded.")
        assert_accessible(self.page)
        expect(self.page.locator("main")).to_contain_text("Confidence in group work")

    def and_adds_an_action(self) -> None:
        self.page.get_by_role("link", name="Add an action").click()
        see_page(self.page, "Add an action")
        self.page.get_by_label("Action").fill(NEW_ACTION)
        self.page.get_by_label("The worker").check()
        fill_date(self.page, "Due date", self.today + timedelta(days=14))
        self.page.get_by_role("button", name="Add action").click()
        told(self.page, "Action added.")
        assert_accessible(self.page)

    def and_signs(self) -> None:
        self.page.get_by_role("button", name="Sign this record").click()
        told(self.page, "The record is complete once both of you sign.")
        assert_accessible(self.page)

    def then_jordan_opens_it_from_their_home_page_comments_and_signs(self) -> None:
        page = self.new_context().new_page()
        log_in(page, self.url, PSW)
        section = page.locator("#section-psw-supervision").locator("..")
        section.get_by_role("link", name=NEW_ACTION).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(
            f"Session on {day_month_year(self.today)}"
        )
        assert_accessible(page)
        page.get_by_role("link", name="Add your wellbeing check and comment").click()
        see_page(page, "Your part of the record")
        page.get_by_label("Your comment on the record (optional)").fill(
            "I felt listened to. Thank you."
        )
        page.get_by_role("button", name="Save your part").click()
        told(page, "Your part of the record is saved.")
        assert_accessible(page)
        expect(page.locator("main")).to_contain_text("I felt listened to. Thank you.")
        page.get_by_role("button", name="Sign this record").click()
        told(page, "Both of you have signed, so the record is complete.")
        assert_accessible(page)
        expect(page.get_by_text("Signed by both")).to_be_visible()

    def and_the_next_session_carries_the_new_action_forward(self) -> None:
        go_home(self.page, SUPERVISOR)
        section = self.page.locator("#section-supervisor-supervision").locator("..")
        section.get_by_role("link", name="Jordan Reid").click()
        see_page(self.page, "Peer practice supervision")
        self.book_a_session(self.today + timedelta(weeks=4))
        carried = self.page.locator("main li", has_text=NEW_ACTION)
        expect(carried).to_contain_text(f"Carried forward from {day_month_year(self.today)}")
        self.then_the_open_action_is_carried_forward()


def test_a_supervisor_and_psw_record_and_sign_a_session_and_an_action_carries_forward(
    page: Page, live_server: Any, new_context: CreateContextCallback
) -> None:
    journey = SupervisionJourney(page, live_server, new_context)
    journey.given_the_demo()
    journey.given_sam_opens_jordans_supervision_from_their_home_page()
    journey.book_a_session(journey.today)
    journey.then_the_open_action_is_carried_forward()
    journey.when_sam_records_the_session()
    journey.and_adds_an_action()
    journey.and_signs()
    journey.then_jordan_opens_it_from_their_home_page_comments_and_signs()
    journey.and_the_next_session_carries_the_new_action_forward()
    recorded = SupervisionSession.objects.get(held_on=journey.today)
    assert recorded.is_locked
    assert recorded.worker_comment == "I felt listened to. Thank you."
