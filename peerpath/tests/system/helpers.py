"""Shared by the browser journeys (not a test module, so journeys may import it)."""

import re
import time
from typing import Any

from django.core import mail
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from peerpath.accounts.tests.helpers import current_code
from peerpath.jobs.testing import run_jobs

from .conftest import assert_accessible

# A phone's screen (WCAG 1.4.10 Reflow: nothing scrolls sideways at 320 CSS px; 375 is a
# common phone).
PHONE = {"width": 375, "height": 800}


def page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def sign_in_as(page: Page, live_server: Any, user: Any) -> None:
    """Give the browser a signed-in session (the log-in journey is tested on its own)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


ORGANISATION = "Riverside NHS Foundation Trust"


PSW = ("Morgan Ellis", "morgan.ellis@riverside.example")


TRAINEE = ("Priya Shah", "priya.shah@riverside.example")


PASSWORDS = {PSW[1]: "kettle harbour violin 42", TRAINEE[1]: "lantern orchard pebble 31"}


def latest_link_for(email: str) -> str:
    """The invitation link in the newest email to this address (the live server shares
    this process, and so does the worker `run_jobs` runs, so the emails land in Django's
    test outbox)."""
    run_jobs()
    for message in reversed(mail.outbox):
        if message.to == [email]:
            found = re.search(r"(http://\S+/invitation/\S+/)", str(message.body))
            assert found is not None, message.body
            return found.group(1)
    raise AssertionError(f"no email to {email}")


def wait_for_email(email: str, count: int) -> None:
    deadline = time.time() + 5
    while True:
        run_jobs()  # the worker, in this process, sends what the live server queued
        if sum(m.to == [email] for m in mail.outbox) >= count:
            return
        assert time.time() < deadline, f"expected {count} emails to {email}"
        time.sleep(0.05)


class Invitee:
    """Someone opening their invitation email in their own browser."""

    def __init__(self, browser: Browser, person: tuple[str, str]) -> None:
        self.page = browser.new_context(locale="en-GB", bypass_csp=True).new_page()
        self.name, self.email = person

    def see(self, heading: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(self.page)

    def opens(self, link: str) -> None:
        self.page.goto(link)

    def is_welcomed_as(self, role: str) -> None:
        self.see(f"Welcome to PeerPath, {self.name}")
        expect(self.page.locator(".nhsuk-lede-text")).to_have_text(
            f"Organisation admin Riverside invited you to {ORGANISATION} as {role}."
        )

    def creates_a_password(self) -> None:
        # A mismatch first: the problem is explained beside the field.
        self.page.get_by_label("Create a password").fill(PASSWORDS[self.email])
        self.page.get_by_label("Type the password again").fill("something else entirely")
        self.page.get_by_role("button", name="Create password and continue").click()
        expect(self.page.locator("#id_password2-error")).to_contain_text(
            "The passwords do not match."
        )
        assert_accessible(self.page)
        self.page.get_by_label("Create a password").fill(PASSWORDS[self.email])
        self.page.get_by_label("Type the password again").fill(PASSWORDS[self.email])
        self.page.get_by_role("button", name="Create password and continue").click()

    def sets_up_two_factor(self) -> None:
        self.see("Set up two-factor authentication")
        expect(self.page.get_by_text("Your password is saved.")).to_be_visible()
        expect(
            self.page.get_by_role("img", name="QR code for your authenticator app")
        ).to_be_visible()
        secret = self.page.get_by_label("Key to type in, if you cannot scan the QR code")
        self.page.get_by_label("Authenticator code").fill(current_code(secret.input_value()))
        self.page.get_by_role("button", name="Continue").click()

    def sees_recovery_codes_and_goes_home(self) -> None:
        self.see("Your recovery codes")
        expect(self.page.get_by_text("Keep them somewhere safe")).to_be_visible()
        expect(self.page.get_by_role("list", name="Recovery codes").locator("li")).to_have_count(10)
        self.page.get_by_role("button", name="Continue to your home page").click()

    def is_home(self, sentence: str) -> None:
        self.see(f"Hello, {self.name}")
        expect(self.page.get_by_text(sentence)).to_be_visible()
        expect(self.page.locator("header")).to_contain_text(self.name)

    def finds_the_link_replaced(self) -> None:
        self.see("This invitation link has been replaced")

    def finds_the_link_expired_and_asks_for_a_new_one(self) -> None:
        self.see("This invitation link has expired")
        self.page.get_by_role("button", name="Send me a new link").click()
        self.see("Check your email")
        expect(self.page.get_by_text("We have sent a new invitation link to p***@")).to_be_visible()

    def finds_the_link_already_used(self) -> None:
        self.see("This invitation has already been used")
        expect(self.page.get_by_role("link", name="reset your password")).to_be_visible()
        self.page.get_by_role("button", name="Log in").click()
        self.see("Log in to PeerPath")
