"""Journey from the seeded demo, on a phone (375 px), by links only (issue 13, point 2 and
the appointments and signposting of point 1): Alex, a person supported, reads the signed
note about them and adds their view (the note held back from them is not listed), asks to
change an appointment, and says they went to the group they were signposted to. Then
Jordan, their PSW, sees Alex's view on the staff note page and answers the request, and
Alex reads the answer."""

from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from peerpath.caseload.models import Person
from peerpath.contacts.models import AppointmentRequest, NoteResponse, RequestStatus, Signpost
from peerpath.contacts.selectors import notes_for_person
from peerpath.nonprod.contacts_demo import MONEY_ADVISER, WITHHELD_PHRASE

from .demo_journey import day_month_year, demo_user, go_home, log_in, see_page, told
from .helpers import PHONE, page_width

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PERSON = demo_user("person@peerpath.example")
PSW = demo_user("psw@peerpath.example")
MY_VIEW = "I was nervous at first, but I am glad I went. I want to play there one day."


def phone(browser: Browser, browser_context_args: dict[str, Any]) -> Page:
    return browser.new_context(**{**browser_context_args, "viewport": PHONE}).new_page()


def see(page: Page, heading: str) -> None:
    """The page has arrived, axe finds nothing wrong, nothing scrolls sideways, and nothing
    of the note held back from Alex is on it."""
    see_page(page, heading)
    assert page_width(page) <= PHONE["width"], f"{page.url} scrolls sideways"
    assert WITHHELD_PHRASE not in page.locator("body").inner_text()


class PersonNotesJourney:
    def __init__(self, browser: Browser, args: dict[str, Any], live_server: Any) -> None:
        self.browser, self.args, self.url = browser, args, live_server.url
        call_command("seed_demo_data", verbosity=0)
        self.alex = Person.objects.get(user__email=PERSON.email)
        self.readable = list(notes_for_person(self.alex))
        self.note = self.readable[0]
        self.page = phone(browser, args)

    # Alex

    def alex_reads_the_notes_about_them(self) -> None:
        log_in(self.page, self.url, PERSON)
        self.page.locator("#person-my-pages").get_by_role("link", name="Notes about me").click()
        see(self.page, "Notes about me")
        # Every note Alex may read is listed, and nothing else (the held-back one is not).
        expect(self.page.locator("#my-notes > li")).to_have_count(len(self.readable))

    def and_opens_the_signed_note(self) -> None:
        self.heading = f"One-to-one on {day_month_year(self.note.contact_on)}"
        self.page.get_by_role("link", name=self.heading).click()
        see(self.page, self.heading)
        expect(self.page.locator("#my-note-text")).to_contain_text(self.note.note)

    def and_adds_their_view(self) -> None:
        self.page.get_by_label("Add your view").fill(MY_VIEW)
        self.page.get_by_role("button", name="Add my view").click()
        see(self.page, self.heading)
        told(self.page, "Your view is saved with the note.")
        expect(self.page.locator("#my-views")).to_contain_text(MY_VIEW)
        expect(self.page.locator("#my-views")).to_contain_text("Your view, written on")
        assert NoteResponse.objects.filter(note=self.note, text=MY_VIEW).exists()

    def alex_asks_to_change_an_appointment(self) -> None:
        go_home(self.page, PERSON)
        self.page.locator("#person-my-pages").get_by_role("link", name="My appointments").click()
        see(self.page, "My appointments")
        self.page.get_by_role("link", name=f"Ask to change or cancel {MONEY_ADVISER}").click()
        see(self.page, "Ask to change or cancel")
        self.page.get_by_label("Change it (a different day, time or place)").check()
        self.page.get_by_label("Anything you would like to say (optional)").fill(
            "Could we go in the afternoon? Mornings are hard for me."
        )
        self.page.get_by_role("button", name="Send").click()
        see(self.page, "My appointments")
        told(self.page, "Jordan Reid will answer you here.")
        expect(self.page.locator("#my-appointments-upcoming")).to_contain_text(
            "Waiting for an answer"
        )

    def alex_says_they_went_to_the_group(self) -> None:
        go_home(self.page, PERSON)
        self.page.locator("#person-my-pages").get_by_role(
            "link", name="Services suggested to me"
        ).click()
        see(self.page, "Services suggested to me")
        signpost = Signpost.objects.filter(person=self.alex, outcome="").select_related("service")
        self.signpost = signpost.first()
        assert self.signpost is not None
        name = self.signpost.service.name
        self.page.locator("#my-signposts-open").get_by_role("link", name=name).click()
        see(self.page, name)
        self.page.get_by_role("button", name="I went").click()
        see(self.page, name)
        told(self.page, "Thank you.")
        expect(self.page.locator("#my-signpost-said")).to_contain_text("You said: I went")
        self.signpost.refresh_from_db()
        assert self.signpost.outcome == "went"

    # Jordan

    def jordan_sees_alexs_view_on_the_staff_note_page(self) -> None:
        self.staff = phone(self.browser, self.args)
        log_in(self.staff, self.url, PSW)
        expect(self.staff.locator("#section-psw-contacts")).to_have_text(
            "From the people you support"
        )
        self.staff.locator("#home-note-views").get_by_role("link").filter(
            has_text=f"the note of {day_month_year(self.note.contact_on)}"
        ).first.click()
        see_page(self.staff, self.heading)
        views = self.staff.locator("#note-views")
        expect(views).to_contain_text("Alex's view, written on")
        expect(views).to_contain_text(MY_VIEW)
        # Nothing on the page lets staff change what Alex wrote.
        expect(self.staff.locator("#note-views textarea")).to_have_count(0)

    def and_answers_the_appointment_request(self) -> None:
        go_home(self.staff, PSW)
        self.staff.locator("#home-appointment-requests").get_by_role(
            "link", name=f"Alex asked to change “{MONEY_ADVISER}”"
        ).click()
        see_page(self.staff, MONEY_ADVISER)
        self.staff.get_by_role("link", name="Answer Alex").click()
        see_page(self.staff, "Answer Alex")
        self.staff.get_by_label("I have changed it as they asked").check()
        self.staff.get_by_label("Message to them").fill("Moved to 2 pm the same day.")
        self.staff.get_by_role("button", name="Send the answer").click()
        see_page(self.staff, MONEY_ADVISER)
        told(self.staff, "Answered. Alex will see your answer.")
        made = AppointmentRequest.objects.get(person=self.alex)
        assert made.status == RequestStatus.DONE
        assert made.answered_at is not None and made.answered_at <= timezone.now()

    def then_alex_reads_the_answer(self) -> None:
        go_home(self.page, PERSON)
        self.page.locator("#person-my-pages").get_by_role("link", name="My appointments").click()
        see(self.page, "My appointments")
        upcoming = self.page.locator("#my-appointments-upcoming")
        expect(upcoming).to_contain_text("Done")
        expect(upcoming).to_contain_text("Moved to 2 pm the same day.")


def test_alex_reads_a_note_adds_their_view_asks_about_an_appointment_and_jordan_answers(
    browser: Browser, browser_context_args: dict[str, Any], live_server: Any
) -> None:
    journey = PersonNotesJourney(browser, browser_context_args, live_server)
    journey.alex_reads_the_notes_about_them()
    journey.and_opens_the_signed_note()
    journey.and_adds_their_view()
    journey.alex_asks_to_change_an_appointment()
    journey.alex_says_they_went_to_the_group()
    journey.jordan_sees_alexs_view_on_the_staff_note_page()
    journey.and_answers_the_appointment_request()
    journey.then_alex_reads_the_answer()
