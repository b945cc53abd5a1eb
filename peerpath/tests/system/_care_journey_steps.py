"""Steps shared by the journeys of the peer support roles from the seeded demo (issue 9,
check 4): the peer supervisor, the peer support worker, the person supported and the carer.

Each journey starts at the site root, logs in through the real form and from then on only
clicks links and buttons and fills forms, with axe run on every page it reaches.

`log_in` has the signature of `demo_journey.log_in`, which the journeys of the other roles
bring; when both are on main, these journeys can import that one instead.
"""

import time
from datetime import date

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from peerpath.nonprod.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, DemoUser

from .conftest import assert_accessible

# The authenticator steps each account has used in this test process. allauth refuses a
# code an account has used already (for one step, 30 seconds), and accepts the codes of
# MFA_TOTP_TOLERANCE steps either side of now.
_USED_STEPS: dict[int, set[int]] = {}


def demo_user(email: str) -> DemoUser:
    """The demo log-in with this email (README "Demo log-ins")."""
    return next(user for user in DEMO_USERS if user.email == email)


def authenticator_code(demo: DemoUser) -> str:
    """A code the demo account's authenticator app shows now that the account has not used:
    this step's, or else the next step's, so logging the same person in twice within 30
    seconds needs no wait."""
    account = get_user_model().objects.get(email=demo.email).pk
    used = _USED_STEPS.setdefault(account, set())
    now = int(time.time()) // mfa_settings.TOTP_PERIOD
    step = next(s for s in range(now, now + mfa_settings.TOTP_TOLERANCE + 1) if s not in used)
    used.add(step)
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, step))


def log_in(page: Page, base_url: str, demo: DemoUser) -> None:
    """Open the site, log in through the form (with the authenticator code for staff) and
    arrive on the home page that greets them."""
    page.goto(base_url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to PeerPath")
    assert_accessible(page)
    page.get_by_label("Email").fill(demo.email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    if demo.is_staff_role:
        expect(page.get_by_role("heading", level=1)).to_have_text("Enter your authenticator code")
        assert_accessible(page)
        page.get_by_label("Code").fill(authenticator_code(demo))
        page.get_by_role("button", name="Continue").click()
    see_page(page, f"Hello, {demo.full_name}")


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
