"""Shared steps for journeys that start from the seeded demo (issue 9, check 4): log in as a
demo user through the real log-in page, and open a fresh browser for a hand-off.

A two-factor code can be used once per account while it is valid (allauth remembers used
codes for one 30-second step), so a journey that logs the same staff member in twice must
not type the same code again. `log_in` picks a code the server will still accept and has
not seen for that account: the current step's, else the previous step's, else the next
step's (the server accepts one step either side), and only when all three are used does it
wait for the next step.
"""

import time
from datetime import date

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect

from peerpath.nonprod.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, DemoUser

from .conftest import assert_accessible

# Near the end of a step the previous step's code may expire between typing and checking.
SAFETY_SECONDS = 3


def demo_user(email: str) -> DemoUser:
    """The demo log-in with this email ("trainer@peerpath.example")."""
    return next(user for user in DEMO_USERS if user.email == email)


def unused_code(email: str) -> str:
    """A two-factor code for this demo staff member that the server will accept now."""
    totp = TOTP(Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP))
    while True:
        now = time.time()
        counter, into_step = divmod(int(now), mfa_settings.TOTP_PERIOD)
        late = mfa_settings.TOTP_PERIOD - into_step <= SAFETY_SECONDS
        for candidate in (counter, counter + 1) if late else (counter, counter - 1, counter + 1):
            code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, candidate))
            if cache.get(totp._get_used_cache_key(code)) is None:
                return code
        time.sleep(mfa_settings.TOTP_PERIOD - into_step)  # all used: wait for the next step


def log_in(page: Page, base_url: str, demo_user: DemoUser) -> None:
    """Log in from the site's root as a person does (email, password, then a two-factor
    code for staff) and arrive on their home page, checking each page with axe."""
    page.goto(base_url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to PeerPath")
    assert_accessible(page)
    page.get_by_label("Email").fill(demo_user.email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    if demo_user.is_staff_role:
        expect(page.get_by_role("heading", level=1)).to_have_text("Enter your authenticator code")
        assert_accessible(page)
        page.get_by_label("Code").fill(unused_code(demo_user.email))
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {demo_user.full_name}")
    assert_accessible(page)


def see_page(page: Page, heading: str) -> None:
    """The page has arrived with this main heading, and axe finds nothing wrong with it."""
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)


def told(page: Page, message: str) -> None:
    """The success banner says this (the page itself is checked by `see_page`)."""
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(message)


def go_home(page: Page, demo: DemoUser) -> None:
    """Back to the home page by the menu's first link."""
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Home").click()
    see_page(page, f"Hello, {demo.full_name}")


def day_month_year(day: date) -> str:
    """A date as PeerPath's pages write it: 5 December 2026."""
    return f"{day.day} {day:%B %Y}"


def log_out(page: Page) -> None:
    page.get_by_role("link", name="Log out").click()
    assert_accessible(page)
    page.get_by_role("button", name="Sign Out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to PeerPath")


def fresh_page(browser: Browser) -> Page:
    """A page in a new browser context: another person on another computer."""
    return browser.new_context(locale="en-GB", bypass_csp=True).new_page()
