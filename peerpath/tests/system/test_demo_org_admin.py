"""Journey from the seeded demo, moving only by clicking (issue 9, check 4): the organisation
admin invites a new peer support worker from their home page (a form with mistakes first),
and sees them waiting under "Invitations not accepted". The new worker opens the link in
their email on their own computer, is welcomed, creates a password, sets up two-factor
authentication and reaches their home page; the admin then sees nobody waiting for them."""

import re
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from peerpath.nonprod.demo import DEMO_ORGANISATION
from peerpath.organisations.models import Membership

from .conftest import assert_accessible
from .demo_journey import demo_user, log_in
from .helpers import Invitee, latest_link_for, wait_for_email

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

ADMIN = demo_user("admin@peerpath.example")
NEWCOMER = ("Rowan Hughes", "rowan.hughes@riverside.example")
PASSWORD = "heron meadow lantern 58"
TEAM = "Community Peer Support Team"


class AdminJourney:
    def __init__(self, page: Page, live_server: Any) -> None:
        self.page, self.url = page, live_server.url
        self.waiting = 0

    def see(self, heading: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(self.page)

    def waiting_link(self) -> Any:
        return self.page.get_by_role("main").get_by_role(
            "link", name=re.compile(r"^Invitations not accepted \(\d+\)$")
        )

    def go_home(self) -> None:
        self.page.get_by_role("link", name="Home", exact=True).first.click()
        self.see(f"Hello, {ADMIN.full_name}")

    def given_the_admin_is_at_home_in_the_demo(self) -> None:
        call_command("seed_demo_data", verbosity=0)
        log_in(self.page, self.url, ADMIN)
        found = re.search(r"\((\d+)\)", self.waiting_link().inner_text())
        assert found is not None
        self.waiting = int(found.group(1))

    def when_they_send_an_invitation_with_mistakes(self) -> None:
        self.page.get_by_role("main").get_by_role("link", name="Invite someone").click()
        self.see(f"Invite someone to {DEMO_ORGANISATION}")
        self.page.get_by_label("Email address").fill("rowan.hughes at riverside")
        self.page.get_by_role("button", name="Send invitation").click()

    def then_each_mistake_is_explained(self) -> None:
        summary = self.page.locator(".nhsuk-error-summary")
        expect(summary).to_contain_text("Enter the person's full name.")
        expect(summary).to_contain_text(
            "Enter an email address in the correct format, like name@example.org"
        )
        expect(summary).to_contain_text("Choose at least one role.")
        assert_accessible(self.page)
        # The error summary leads to each field.
        summary.get_by_role("link", name="Enter the person's full name.").click()
        expect(self.page.get_by_label("Full name")).to_be_focused()

    def when_they_correct_it_and_send(self) -> None:
        name, email = NEWCOMER
        self.page.get_by_label("Full name").fill(name)
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Peer support worker", exact=True).check()
        self.page.get_by_label("Team", exact=True).select_option(label=TEAM)
        self.page.get_by_role("button", name="Send invitation").click()

    def then_the_invitation_is_sent(self) -> None:
        name, email = NEWCOMER
        self.see(name)
        expect(self.page.get_by_text(f"Invitation sent to {email}.")).to_be_visible()
        expect(self.page.locator(".nhsuk-summary-list")).to_contain_text("not accepted yet")
        wait_for_email(email, 1)

    def and_they_see_it_waiting_from_their_home_page(self) -> None:
        self.go_home()
        self.waiting_link().filter(has_text=f"({self.waiting + 1})").click()
        self.see("Invitations not accepted")
        row = self.page.get_by_role("row").filter(has_text=NEWCOMER[0])
        expect(row).to_contain_text(NEWCOMER[1])
        expect(row).to_contain_text("Peer support worker")
        expect(row).to_contain_text(ADMIN.full_name)

    def then_once_accepted_nobody_is_waiting_for_them(self) -> None:
        self.go_home()
        self.waiting_link().filter(has_text=f"({self.waiting})").click()
        self.see("Invitations not accepted")
        expect(self.page.get_by_role("row").filter(has_text=NEWCOMER[0])).to_have_count(0)


class NewWorker(Invitee):
    """The invited worker, in their own browser (the onboarding journey's steps, welcomed by
    the demo's admin)."""

    def is_welcomed_as(self, role: str) -> None:
        self.see(f"Welcome to PeerPath, {self.name}")
        expect(self.page.locator(".nhsuk-lede-text")).to_have_text(
            f"{ADMIN.full_name} invited you to {DEMO_ORGANISATION} as {role}."
        )

    def creates_a_password(self) -> None:
        self.page.get_by_label("Create a password").fill(PASSWORD)
        self.page.get_by_label("Type the password again").fill(PASSWORD)
        self.page.get_by_role("button", name="Create password and continue").click()


def test_the_admin_invites_a_worker_who_sets_up_their_account_and_reaches_home(
    page: Page, browser: Browser, live_server: Any
) -> None:
    admin = AdminJourney(page, live_server)
    admin.given_the_admin_is_at_home_in_the_demo()
    admin.when_they_send_an_invitation_with_mistakes()
    admin.then_each_mistake_is_explained()
    admin.when_they_correct_it_and_send()
    admin.then_the_invitation_is_sent()
    admin.and_they_see_it_waiting_from_their_home_page()

    worker = NewWorker(browser, NEWCOMER)
    worker.opens(latest_link_for(NEWCOMER[1]))  # the link in their email
    worker.is_welcomed_as("Peer support worker")
    worker.creates_a_password()
    worker.sets_up_two_factor()
    worker.sees_recovery_codes_and_goes_home()
    worker.is_home(f"You are working in {DEMO_ORGANISATION}.")
    membership = Membership.objects.get(user__email=NEWCOMER[1])
    assert membership.team is not None and membership.team.name == TEAM
    worker.page.context.close()

    admin.then_once_accepted_nobody_is_waiting_for_them()
