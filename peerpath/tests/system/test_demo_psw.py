"""Journey from the seeded demo, by clicking only (issue 9, check 4): the peer support worker
opens Alex from their home page, records a phone call and signs the note, signposts Alex
to a service with a follow-up date; their supervisor then finds the signed note on Alex's
record from their own home page."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_playwright.pytest_playwright import CreateContextCallback

from peerpath.contacts.models import ContactNote, Signpost

from .conftest import fill_date
from .demo_journey import day_month_year, demo_user, go_home, log_in, see_page, told

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PSW = demo_user("psw@peerpath.example")
SUPERVISOR = demo_user("supervisor@peerpath.example")
NOTE = "Alex rang to say the open-mic night went well; they would like to play next month."


class PeerSupportWorkerJourney:
    def __init__(self, page: Page, live_server: Any, new_context: CreateContextCallback) -> None:
        self.page, self.url, self.new_context = page, live_server.url, new_context
        self.yesterday = timezone.localdate() - timedelta(days=1)
        self.follow_up_on = timezone.localdate() + timedelta(days=7)

    def given_the_demo(self) -> None:
        call_command("seed_demo_data", verbosity=0)

    def given_the_psw_is_on_their_home_page(self) -> None:
        log_in(self.page, self.url, PSW)

    def when_they_open_alex_from_their_caseload(self) -> None:
        caseload = self.page.locator("#psw-caseload")
        caseload.get_by_role("link", name="Alex", exact=True).click()
        see_page(self.page, "Alex")
        expect(self.page.locator(".pp-person-banner")).to_contain_text("Alex Morgan")

    def and_record_yesterdays_phone_call(self) -> None:
        self.page.get_by_role("link", name="Write a contact record").click()
        see_page(self.page, "New contact record")
        fill_date(self.page, "Date of contact", self.yesterday)
        self.page.get_by_label("Phone", exact=True).check()
        self.page.get_by_label("Duration in minutes").fill("20")
        self.page.get_by_label("Play music with other people again").check()
        self.page.get_by_label("Note", exact=True).fill(NOTE)
        self.page.get_by_role("button", name="Save draft").click()
        told(self.page, "Draft saved. Sign it when it is ready.")
        see_page(self.page, f"Phone on {day_month_year(self.yesterday)}")

    def and_sign_it(self) -> None:
        # A link drawn as a button (NHS.UK), so its role is "button".
        self.page.get_by_role("button", name="Sign this note").click()
        see_page(self.page, "Sign this contact record?")
        expect(self.page.get_by_text(NOTE)).to_be_visible()
        self.page.get_by_role("button", name="Yes, sign this note").click()
        told(self.page, "Note signed. It can no longer be changed, only amended.")
        see_page(self.page, f"Phone on {day_month_year(self.yesterday)}")
        expect(self.page.get_by_role("heading", name="The note as signed")).to_be_visible()
        expect(self.page.get_by_text("Signed by Jordan Reid, ")).to_be_visible()

    def and_signpost_alex_with_a_follow_up(self) -> None:
        breadcrumbs = self.page.get_by_role("navigation", name="Breadcrumb")
        breadcrumbs.get_by_role("link", name="Alex", exact=True).click()
        see_page(self.page, "Alex")
        self.page.get_by_role("link", name="Signpost to a service").click()
        see_page(self.page, "Choose a service")
        self.page.get_by_role("link", name="Choose Green Shoots Allotment Project").click()
        see_page(self.page, "Green Shoots Allotment Project")
        self.page.get_by_label("Yes", exact=True).check()
        self.page.get_by_label("Note (optional)").fill("Alex would like to be outdoors more.")
        fill_date(self.page, "When will you follow up?", self.follow_up_on)
        self.page.get_by_role("button", name="Save signpost").click()

    def then_the_signpost_waits_for_its_follow_up(self) -> None:
        told(
            self.page,
            f"Signposted to Green Shoots Allotment Project. "
            f"Follow up on {day_month_year(self.follow_up_on)}.",
        )
        see_page(self.page, "Green Shoots Allotment Project")

    def and_their_home_page_shows_the_call_as_alexs_last_contact(self) -> None:
        go_home(self.page, PSW)
        alex = self.page.locator("#psw-caseload tr", has_text="Alex (Alex Morgan, born")
        expect(alex).to_contain_text(day_month_year(self.yesterday))

    def then_their_supervisor_sees_the_signed_note_from_their_home_page(self) -> None:
        page = self.new_context().new_page()
        log_in(page, self.url, SUPERVISOR)
        page.locator("#supervisor-caseload").get_by_role("link", name="Alex", exact=True).click()
        see_page(page, "Alex")
        contacts = page.locator("#contacts")
        contacts.get_by_role("link", name=f"Phone on {day_month_year(self.yesterday)}").click()
        see_page(page, f"Phone on {day_month_year(self.yesterday)}")
        expect(page.get_by_role("heading", name="The note as signed")).to_be_visible()
        expect(page.get_by_text(NOTE)).to_be_visible()
        expect(page.get_by_text("Signed by Jordan Reid, ")).to_be_visible()


def test_the_psw_records_a_contact_and_a_signpost_and_their_supervisor_sees_the_note(
    page: Page, live_server: Any, new_context: CreateContextCallback
) -> None:
    journey = PeerSupportWorkerJourney(page, live_server, new_context)
    journey.given_the_demo()
    journey.given_the_psw_is_on_their_home_page()
    journey.when_they_open_alex_from_their_caseload()
    journey.and_record_yesterdays_phone_call()
    journey.and_sign_it()
    journey.and_signpost_alex_with_a_follow_up()
    journey.then_the_signpost_waits_for_its_follow_up()
    journey.and_their_home_page_shows_the_call_as_alexs_last_contact()
    journey.then_their_supervisor_sees_the_signed_note_from_their_home_page()
    note = ContactNote.objects.get(note=NOTE)
    assert note.signed_at is not None
    assert Signpost.objects.filter(person=note.person, follow_up_on=journey.follow_up_on).exists()
