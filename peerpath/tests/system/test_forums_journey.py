"""Journey from the seeded demo, by clicking only (issue 12 point 7): the coordinator
schedules a reflective practice session from their home page and invites the peer
workers (Jordan Reid first, by name), then moves it to another time (the invitees are told by
email); Jordan Reid, a peer support worker, sees it on their home page and opens it."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_playwright.pytest_playwright import CreateContextCallback

from peerpath.forums.models import Forum

from .conftest import fill_date
from .demo_journey import demo_user, log_in, see_page, told

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

COORDINATOR = demo_user("coordinator@peerpath.example")
PSW = demo_user("psw@peerpath.example")
THEME = "Looking after ourselves after a hard visit"


class ForumJourney:
    def __init__(self, page: Page, live_server: Any, new_context: CreateContextCallback) -> None:
        self.page, self.url, self.new_context = page, live_server.url, new_context
        self.on = timezone.localdate() + timedelta(days=9)

    def given_the_demo_and_the_coordinator_at_home(self) -> None:
        call_command("seed_demo_data", verbosity=0)
        log_in(self.page, self.url, COORDINATOR)

    def when_they_schedule_a_reflective_practice_session(self) -> None:
        self.page.get_by_role("link", name="Schedule a session or forum").click()
        see_page(self.page, "Schedule a session or forum")
        self.page.get_by_label("Reflective practice session").check()
        fill_date(self.page, "Date", self.on)
        self.page.get_by_label("Start time").fill("10:30")
        self.page.get_by_label("Where").fill("Community Peer Support Team base")
        self.page.get_by_label("Theme").fill(THEME)
        self.page.get_by_role("button", name="Schedule").click()
        told(self.page, "Scheduled. Now invite peer workers.")
        see_page(self.page, "Invite people")

    def and_invite_jordan_by_name(self) -> None:
        self.page.get_by_role("link", name="Invite one person by name instead").click()
        see_page(self.page, "Invite one person")
        self.page.get_by_label("Who to invite").select_option(label="Jordan Reid")
        self.page.get_by_role("button", name="Invite").click()
        told(self.page, "Jordan Reid is invited and will get an email.")
        see_page(self.page, THEME)
        expect(self.page.get_by_text("Jordan Reid", exact=True)).to_be_visible()

    def and_invite_the_other_peer_workers(self) -> None:
        self.page.get_by_role("link", name="Invite peer workers and graduates").click()
        see_page(self.page, "Invite people")
        self.page.get_by_label("Invite every peer support worker").check()
        self.page.get_by_role("button", name="Invite").click()
        # The demo's one peer support worker is Jordan, invited already: not twice.
        told(self.page, "Everyone you chose was already invited.")
        see_page(self.page, THEME)

    def and_reschedule_it_to_eleven(self) -> None:
        self.page.get_by_role("link", name="Change or reschedule the session").click()
        see_page(self.page, "Change or reschedule the session")
        self.page.get_by_label("Start time").fill("11:00")
        self.page.get_by_role("button", name="Save changes").click()
        told(self.page, "Everyone invited will get an email with the new date, time and place.")
        see_page(self.page, THEME)
        expect(self.page.get_by_text("at 11:00")).to_be_visible()

    def then_jordan_sees_it_on_their_home_page_and_opens_it(self) -> None:
        page = self.new_context().new_page()
        log_in(page, self.url, PSW)
        section = page.locator("section[aria-labelledby='section-psw-forums']")
        expect(section).to_contain_text(THEME)
        section.get_by_role("link", name=THEME).click()
        see_page(page, THEME)
        expect(page.get_by_text("Community Peer Support Team base")).to_be_visible()


def test_a_coordinator_schedules_a_session_and_a_psw_sees_it_at_home(
    page: Page, live_server: Any, new_context: CreateContextCallback
) -> None:
    journey = ForumJourney(page, live_server, new_context)
    journey.given_the_demo_and_the_coordinator_at_home()
    journey.when_they_schedule_a_reflective_practice_session()
    journey.and_invite_jordan_by_name()
    journey.and_invite_the_other_peer_workers()
    journey.and_reschedule_it_to_eleven()
    journey.then_jordan_sees_it_on_their_home_page_and_opens_it()
    forum = Forum.objects.get(theme=THEME)
    assert forum.invitations.filter(invitee__email=PSW.email).exists()
    assert forum.invitations.count() == 1
    assert timezone.localtime(forum.starts_at).strftime("%H:%M") == "11:00"
