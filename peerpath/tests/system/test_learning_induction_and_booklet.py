"""Journey from the seeded demo, by clicking only (issue 12, point 2, and refreshers): Jordan
Reid finds their induction from their home page, writes a reflective practice booklet entry
mapped to competence statements and sends it for review; Sam Patel signs it off from the
review queue, prints the booklet and records Jordan's safeguarding refresher, which was due
soon; Chris Mensah (peer development team) completes the induction's last item and sets a
new refresher."""

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect
from pytest_playwright.pytest_playwright import CreateContextCallback

from peerpath.learning.models import BookletEntry, EntryStatus, Refresher, RefresherCompletion

from .conftest import fill_date
from .demo_journey import demo_user, go_home, log_in, see_page, told

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PSW = demo_user("psw@peerpath.example")
SUPERVISOR = demo_user("supervisor@peerpath.example")
COORDINATOR = demo_user("coordinator@peerpath.example")
BOOKLET = "Reflective practice work placement booklet"


def section(page: Page, key: str) -> Any:
    return page.locator(f"section[aria-labelledby='section-{key}']")


class InductionJourney:
    def __init__(self, page: Page, live_server: Any, new_context: CreateContextCallback) -> None:
        self.page, self.url, self.new_context = page, live_server.url, new_context

    def given_the_demo(self) -> None:
        call_command("seed_demo_data", verbosity=0)

    def when_jordan_opens_their_induction_from_home(self) -> None:
        log_in(self.page, self.url, PSW)
        mine = section(self.page, "psw-learning")
        expect(mine).to_contain_text("4 of 5 parts of the training package done")
        expect(mine).to_contain_text("Safeguarding")
        mine.get_by_role("link", name="Your induction").click()
        see_page(self.page, "Your induction")
        expect(self.page.locator("main")).to_contain_text("Recovery focused note writing.")

    def and_write_a_booklet_entry(self) -> None:
        self.page.get_by_role(
            "link", name="Your reflective practice work placement booklet"
        ).click()
        see_page(self.page, BOOKLET)
        self.page.get_by_role("link", name="Which competences the booklet shows").click()
        see_page(self.page, "Competences the booklet shows")
        expect(self.page.locator("main")).to_contain_text("2 of ")
        self.page.get_by_role("link", name="Booklet").last.click()
        see_page(self.page, BOOKLET)
        self.page.get_by_role("link", name="Write an entry").click()
        see_page(self.page, "Write an entry")
        fill_date(self.page, "Date", "2026-11-25")
        self.page.get_by_label("What I did").fill("Went with someone to their first walking group")
        self.page.get_by_label("Reflection").fill("Walking side by side made talking easier")
        self.page.get_by_label("What I learnt").fill("Meeting places shape conversations")
        picker = self.page.locator("#statement-picker")
        picker.locator("summary", has_text="Unit 2.3:").click()
        picker.locator("label", has_text="2.3.14 ").click()
        picker.locator("label", has_text="2.3.15 ").click()
        self.page.get_by_role("button", name="Save entry").click()
        told(self.page, "Entry saved.")
        see_page(self.page, "Entry of 25 November 2026")
        self.page.get_by_role("button", name="Send for review").click()
        told(self.page, "Entry sent for review.")
        see_page(self.page, "Entry of 25 November 2026")

    def then_sam_signs_it_off_and_prints_the_booklet(self) -> None:
        page = self.new_context().new_page()
        self.sam = page
        log_in(page, self.url, SUPERVISOR)
        section(page, "supervisor-learning").get_by_role(
            "link", name="Booklet entries to review"
        ).click()
        see_page(page, "Booklet entries to review")
        page.get_by_role("link", name="Entry of 25 November 2026").click()
        see_page(page, "Entry of 25 November 2026")
        page.get_by_label("Comments for the worker").fill("A clear link to meeting locations.")
        page.get_by_label("Sign off: this entry shows these competences").check()
        page.get_by_role("button", name="Save review").click()
        told(page, "Entry signed off.")
        see_page(page, "Entry of 25 November 2026")
        page.get_by_role("link", name="Booklet", exact=True).click()
        see_page(page, BOOKLET)
        page.get_by_role("link", name="Print the signed entries").click()
        see_page(page, BOOKLET)
        expect(page.locator("main")).to_contain_text(
            "Went with someone to their first walking group"
        )

    def and_records_the_safeguarding_refresher(self) -> None:
        page = self.sam
        go_home(page, SUPERVISOR)
        section(page, "supervisor-learning").get_by_role("link", name="Jordan Reid").last.click()
        see_page(page, "Refreshers")
        page.get_by_role("link", name="Record a completed refresher").click()
        see_page(page, "Record a completed refresher")
        page.get_by_label("Refresher").select_option(label="Safeguarding")
        fill_date(page, "Date completed", "2026-11-30")
        page.get_by_role("button", name="Save").click()
        told(page, "Refresher recorded.")
        see_page(page, "Refreshers")
        expect(page.locator("main")).to_contain_text("Up to date")

    def and_chris_completes_the_induction_and_sets_a_refresher(self) -> None:
        page = self.new_context().new_page()
        self.chris = page
        log_in(page, self.url, COORDINATOR)
        section(page, "coordinator-learning").get_by_role(
            "link", name="New starters' induction"
        ).click()
        see_page(page, "New starters' induction")
        page.get_by_role("link", name="Jordan Reid").click()
        see_page(page, "Induction")
        page.get_by_role("link", name="Update Recovery focused note writing.").click()
        see_page(page, "Recovery focused note writing.")
        fill_date(page, "Date completed (optional)", "2026-12-01")
        page.get_by_role("button", name="Save").click()
        told(page, "Induction updated.")
        expect(page.locator("main")).to_contain_text("The induction is complete.")
        go_home(page, COORDINATOR)
        section(page, "coordinator-learning").get_by_role(
            "link", name="Required refreshers"
        ).click()
        see_page(page, "Required refreshers")
        page.get_by_role("link", name="Add a refresher").click()
        see_page(page, "Add a refresher")
        page.get_by_label("Name").fill("Recovery focused note writing")
        page.get_by_label("Every how many months").fill("24")
        page.get_by_role("button", name="Add refresher").click()
        told(page, "Recovery focused note writing refresher added.")
        see_page(page, "Required refreshers")

    def and_chris_retires_a_refresher(self) -> None:
        page = self.chris
        page.get_by_role(
            "link", name="Retire the Personal safety when working alone refresher"
        ).click()
        see_page(
            page,
            "Are you sure you want to retire the Personal safety when working alone refresher?",
        )
        page.get_by_role("button", name="Retire the refresher").click()
        told(page, "Personal safety when working alone refresher retired.")
        see_page(page, "Required refreshers")
        retired = page.locator("#retired-refreshers")
        expect(retired).to_contain_text("Personal safety when working alone")
        expect(retired).to_contain_text("Paper case notes and filing")


def test_induction_booklet_and_refreshers_from_the_demo(
    page: Page, live_server: Any, new_context: CreateContextCallback
) -> None:
    journey = InductionJourney(page, live_server, new_context)
    journey.given_the_demo()
    journey.when_jordan_opens_their_induction_from_home()
    journey.and_write_a_booklet_entry()
    journey.then_sam_signs_it_off_and_prints_the_booklet()
    journey.and_records_the_safeguarding_refresher()
    journey.and_chris_completes_the_induction_and_sets_a_refresher()
    journey.and_chris_retires_a_refresher()
    entry = BookletEntry.objects.get(what_i_did="Went with someone to their first walking group")
    assert entry.status == EntryStatus.SIGNED
    assert sorted(s.ref for s in entry.statements.all()) == ["2.3.14", "2.3.15"]
    # The demo's three completions (one of a refresher since retired) and Sam's new one.
    assert RefresherCompletion.objects.filter(worker__email=PSW.email).count() == 4
    assert Refresher.objects.filter(name="Recovery focused note writing", every_months=24).exists()
    assert Refresher.objects.get(name="Personal safety when working alone").retired_on is not None
