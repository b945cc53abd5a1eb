"""Journey: every demo user logs in (with the two-factor step for staff) and reaches home."""

import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from peerpath.accounts.tests.helpers import current_code
from peerpath.nonprod.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, DemoUser

from .conftest import assert_accessible

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

HOME_TEXT = {
    "org_admin": "with roles",
    "coordinator": "Cohorts running",
    "trainer": "Registers to take",
    "supervisor": "Your teams' caseloads",
    "safeguarding_lead": "1 open safeguarding concern, the most overdue first.",
    "psw": "Today's appointments",
    "on_call": "Find a person for urgent access",
    "trainee": "Next session",
    "person": "Jordan Reid is your peer support worker.",
    "carer": "Shared with you now: Crisis plan.",
}


class LogInJourney:
    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url

    def given_the_demo_data(self) -> None:
        call_command("seed_demo_data", verbosity=0)

    def when_they_log_in(self, demo: DemoUser) -> None:
        self.page.goto(self.base_url + "/")
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Log in to PeerPath")
        assert_accessible(self.page)
        self.page.get_by_label("Email").fill(demo.email)
        self.page.get_by_label("Password").fill(DEMO_PASSWORD)
        self.page.get_by_role("button", name="Log in").click()

    def and_enter_their_authenticator_code(self, demo: DemoUser) -> None:
        if not demo.is_staff_role:
            return
        expect(self.page.get_by_role("heading", level=1)).to_have_text(
            "Enter your authenticator code"
        )
        assert_accessible(self.page)
        self.page.get_by_label("Code").fill(current_code(DEMO_TOTP_SECRET))
        self.page.get_by_role("button", name="Continue").click()

    def then_they_see_their_home_page(self, demo: DemoUser) -> None:
        heading = self.page.get_by_role("heading", level=1)
        expect(heading).to_have_text(f"Hello, {demo.full_name}")
        expect(self.page.get_by_text(HOME_TEXT[demo.role.value]).first).to_be_visible()
        working_in = self.page.get_by_text(f"You are working in {demo.organisation}.")
        if demo.is_staff_role:
            expect(working_in).to_be_visible()
        else:  # a person supported or carer is not "working" anywhere
            expect(working_in).to_have_count(0)
        assert_accessible(self.page)
        self.and_keep_a_picture_for_the_readme(demo)

    def and_keep_a_picture_for_the_readme(self, demo: DemoUser) -> None:
        """`make screenshots` sets PEERPATH_SCREENSHOTS to the README's picture folder."""
        folder = os.environ.get("PEERPATH_SCREENSHOTS")
        if folder:
            name = demo.email.split("@")[0]
            self.page.screenshot(path=str(Path(folder) / f"home-{name}.png"), full_page=True)

    def and_they_can_log_out(self) -> None:
        self.page.get_by_role("link", name="Log out").click()
        assert_accessible(self.page)
        self.page.get_by_role("button", name="Sign Out").click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Log in to PeerPath")


@pytest.mark.parametrize("demo", DEMO_USERS, ids=[d.email.split("@")[0] for d in DEMO_USERS])
def test_each_demo_user_logs_in_and_reaches_their_home_page(
    page: Page, live_server: Any, demo: DemoUser
) -> None:
    journey = LogInJourney(page, live_server.url)
    journey.given_the_demo_data()
    journey.when_they_log_in(demo)
    journey.and_enter_their_authenticator_code(demo)
    journey.then_they_see_their_home_page(demo)
    journey.and_they_can_log_out()
