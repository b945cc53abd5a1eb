"""Journey: a PSW records a contact (with a gentle wording suggestion), signs and amends it,
accompanies the person to an appointment, and signposts them to a service with a follow-up."""

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from peerpath.contacts.models import Appointment, ContactNote, NoteAmendment, Signpost
from peerpath.core.roles import Role

from .conftest import AXE, assert_accessible, fill_date
from .helpers import sign_in_as

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


class ContactsJourney:
    def __init__(self, page: Page, live_server: Any, world: Any) -> None:
        self.page, self.url, self.world = page, live_server.url, world
        self.person = world.person
        self.today = timezone.localdate()
        sign_in_as(page, live_server, world.user(Role.PSW))

    def visit(self, path: str, heading: str) -> None:
        self.page.goto(self.url + f"/people/{self.person.pk}/" + path)
        self.then_the_page_is(heading)

    def then_the_page_is(self, heading: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(self.page)

    def click(self, name: str, role: str = "button") -> None:
        self.page.get_by_role(role, name=name, exact=True).click()  # type: ignore[arg-type]

    # Contact records

    def when_they_save_a_contact_with_mistakes(self) -> None:
        self.visit("contacts/", "Contact records")
        self.click("Write a contact record", "link")
        self.then_the_page_is("New contact record")
        self.page.get_by_label("Duration in minutes").fill("0")
        self.click("Save draft")

    def then_each_mistake_is_explained_next_to_its_field(self) -> None:
        summary = self.page.locator(".nhsuk-error-summary")
        expect(summary).to_contain_text("Choose the type of contact.")
        expect(summary).to_contain_text("The duration must be at least 1 minute.")
        expect(summary).to_contain_text("Write the note.")
        expect(self.page.locator("#id_duration_minutes-error")).to_contain_text(
            "The duration must be at least 1 minute."
        )
        assert_accessible(self.page)

    def when_they_write_refused(self) -> None:
        fill_date(self.page, "Date of contact", self.today)
        self.page.get_by_label("One-to-one").check()
        self.page.get_by_label("Place (optional)").fill("The café on Mill Street")
        self.page.get_by_label("Duration in minutes").fill("45")
        self.page.get_by_label("Go back to college").check()
        note = self.page.get_by_label("Note", exact=True)
        note.fill("Alex refused the bus pass form but wants to visit the college again.")
        note.press("End")  # a key press, as when typing: the live check waits for a pause

    def then_a_suggestion_appears_while_writing(self) -> None:
        expect(self.page.locator("#wording-check")).to_contain_text(
            "Instead of “refused”, you might consider “decided not to…”", timeout=10_000
        )
        assert_accessible(self.page)

    def when_they_save_the_draft_anyway(self) -> None:
        self.click("Save draft")

    def then_the_draft_is_saved_as_written_with_the_suggestion(self) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(
            f"One-to-one on {self.today.strftime('%-d %B %Y')}"
        )
        expect(self.page.get_by_text("You might consider recovery-focused words")).to_be_visible()
        expect(self.page.locator("main strong.nhsuk-tag")).to_have_text("Draft")
        assert_accessible(self.page)
        self.note = ContactNote.objects.get(note__startswith="Alex refused")
        assert self.note.signed_at is None

    def when_they_sign_it(self) -> None:
        self.click("Sign this note", "button")
        self.then_the_page_is("Sign this contact record?")
        self.click("Yes, sign this note")

    def then_it_is_signed(self) -> None:
        expect(self.page.get_by_text("Note signed.")).to_be_visible()
        expect(self.page.locator("main strong.nhsuk-tag")).to_have_text("Signed")
        self.note.refresh_from_db()
        assert self.note.is_signed

    def when_they_amend_it(self) -> None:
        self.click("Add an amendment", "button")
        self.then_the_page_is("Amend this contact record")
        self.page.get_by_label("Amended text").fill(
            "Alex decided not to fill in the bus pass form today, and wants to visit the "
            "college again."
        )
        self.page.get_by_label("Reason for the amendment").fill("Recovery-focused wording")
        self.click("Add amendment")

    def then_both_texts_are_shown(self) -> None:
        expect(self.page.get_by_text("Amendment added.")).to_be_visible()
        main = self.page.locator("main")
        expect(main).to_contain_text("The note as signed")
        expect(main).to_contain_text("Alex refused the bus pass form")
        expect(main).to_contain_text("Amendment 1: by Peer support worker Riverside")
        expect(main).to_contain_text("Reason: Recovery-focused wording")
        expect(main).to_contain_text("Alex decided not to fill in the bus pass form")
        assert_accessible(self.page)
        assert NoteAmendment.objects.filter(note=self.note).count() == 1

    # Accompanying

    def when_they_add_an_appointment_with_a_mistake_then_fix_it(self) -> None:
        self.visit("appointments/", "Appointments")
        self.click("Add an appointment to accompany", "link")
        self.then_the_page_is("Add an appointment to accompany")
        self.page.get_by_label("What is it?").fill("Housing meeting")
        fill_date(self.page, "Date", self.today)
        self.page.get_by_label("Time").fill("25:00")
        self.page.get_by_label("Where").fill("Civic Centre")
        self.click("Save")
        expect(self.page.locator("#id_at-error")).to_contain_text(
            "Enter a time on the 24-hour clock"
        )
        assert_accessible(self.page)
        self.page.get_by_label("Time").fill("00:05")
        self.page.get_by_label("Which of their goals is it linked to? (optional)").select_option(
            label="Go back to college"
        )
        self.click("Save")

    def then_they_say_how_it_went(self) -> None:
        self.then_the_page_is("Housing meeting")
        self.click("Say how it went", "button")
        self.then_the_page_is("How it went")
        self.page.get_by_label("How did it go?").fill("Alex spoke up and got a date for a viewing.")
        self.click("Save")
        expect(self.page.get_by_text("Saved how it went.")).to_be_visible()
        expect(self.page.locator("main")).to_contain_text("got a date for a viewing")
        assert_accessible(self.page)
        assert Appointment.objects.get(what="Housing meeting").how_it_went.startswith("Alex")

    # Signposting

    def when_they_search_the_directory(self) -> None:
        self.visit("signposting/", "Signposting")
        self.click("Signpost to a service", "link")
        self.then_the_page_is("Choose a service")
        self.page.get_by_label("Need").fill("hearing voices")
        self.click("Search the directory")
        self.page.get_by_role("link", name="Choose Riverside Hearing Voices Group").click()
        self.then_the_page_is("Riverside Hearing Voices Group")

    def then_not_willing_is_met_kindly_and_nothing_is_saved(self) -> None:
        before = Signpost.objects.count()
        self.page.get_by_label("No, or not yet").check()
        fill_date(self.page, "When will you follow up?", self.today)
        self.click("Save signpost")
        expect(self.page.locator("#id_willing_and_able-error")).to_contain_text(
            "You could talk with Alex about what would help"
        )
        assert_accessible(self.page)
        assert Signpost.objects.count() == before

    def when_they_signpost_with_a_follow_up(self) -> None:
        self.page.get_by_label("Yes", exact=True).check()
        self.page.get_by_label("Note (optional)").fill("Alex would like to hear others' stories.")
        fill_date(self.page, "When will you follow up?", self.today)
        self.click("Save signpost")
        expect(
            self.page.get_by_text("Signposted to Riverside Hearing Voices Group.")
        ).to_be_visible()
        expect(self.page.get_by_text("Follow-up due")).to_be_visible()
        assert_accessible(self.page)

    def then_they_record_the_outcome(self) -> None:
        self.click("Record the outcome", "button")
        self.then_the_page_is("Record the outcome")
        self.page.get_by_label("Went", exact=True).check()
        self.page.get_by_label("Note (optional)").fill("Alex went and plans to go again.")
        self.click("Save the outcome")
        expect(self.page.get_by_text("Outcome recorded.")).to_be_visible()
        expect(self.page.locator("main")).to_contain_text("Went, recorded on")
        assert Signpost.objects.filter(outcome="went").count() == 1

    def and_the_record_page_panels_show_it_all(self) -> None:
        self.page.goto(self.url + f"/people/{self.person.pk}/")
        contacts = self.page.locator("#contacts")
        expect(contacts).to_contain_text("Signed and amended")
        expect(self.page.locator("#appointments")).to_contain_text("Housing meeting")
        expect(self.page.locator("#signposting")).to_contain_text("Went")
        # The rest of the page belongs to other areas; check this area's panels.
        self.page.add_script_tag(path=str(AXE))
        results = self.page.evaluate(
            "async () => await axe.run({include: [['#contacts'], ['#appointments'], "
            "['#signposting']]})"
        )
        assert [v["id"] for v in results["violations"]] == []


def test_psw_records_a_contact_accompanies_and_signposts(
    page: Page, live_server: Any, caseload_world: Any
) -> None:
    journey = ContactsJourney(page, live_server, caseload_world)
    journey.when_they_save_a_contact_with_mistakes()
    journey.then_each_mistake_is_explained_next_to_its_field()
    journey.when_they_write_refused()
    journey.then_a_suggestion_appears_while_writing()
    journey.when_they_save_the_draft_anyway()
    journey.then_the_draft_is_saved_as_written_with_the_suggestion()
    journey.when_they_sign_it()
    journey.then_it_is_signed()
    journey.when_they_amend_it()
    journey.then_both_texts_are_shown()
    journey.when_they_add_an_appointment_with_a_mistake_then_fix_it()
    journey.then_they_say_how_it_went()
    journey.when_they_search_the_directory()
    journey.then_not_willing_is_met_kindly_and_nothing_is_saved()
    journey.when_they_signpost_with_a_follow_up()
    journey.then_they_record_the_outcome()
    journey.and_the_record_page_panels_show_it_all()
