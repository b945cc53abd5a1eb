"""Alex, a person supported, adds a passkey on their phone and signs in with it, without a
password (issue 13, PLAN13 B9). From the seeded demo, at 375 px, by links only, with axe on
every page.

Chromium's virtual authenticator (the CDP WebAuthn domain) stands in for the phone's
fingerprint or screen lock. WebAuthn needs a secure context and a domain name as the
relying party id: the live server is reached as http://localhost:<port>, never 127.0.0.1
(fido2 and the browser refuse an IP address), and no insecure-origin setting is needed."""

from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from playwright.sync_api import Browser, CDPSession, Page, expect

from peerpath.nonprod.demo import DEMO_PASSWORD

from .demo_journey import demo_user, log_in, log_out, see_page, told
from .helpers import PHONE, page_width

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PERSON = demo_user("person@peerpath.example")
HOME = f"Hello, {PERSON.full_name}"


def fits(page: Page) -> None:
    """Nothing scrolls sideways on the phone."""
    assert page_width(page) <= PHONE["width"], f"{page.url} scrolls sideways on a phone"


def phone_with_a_fingerprint_reader(page: Page) -> tuple[CDPSession, str]:
    """A platform authenticator that keeps passkeys and always recognises its owner."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def alexs_passkeys() -> list[Authenticator]:
    return list(
        Authenticator.objects.filter(
            user__email=PERSON.email, type=Authenticator.Type.WEBAUTHN
        ).order_by("pk")
    )


def test_alex_adds_a_passkey_and_signs_in_with_it_without_a_password(
    browser: Browser, browser_context_args: dict[str, Any], live_server: Any
) -> None:
    assert live_server.url.startswith("http://localhost:"), live_server.url
    call_command("seed_demo_data", verbosity=0)
    assert alexs_passkeys() == []
    page = browser.new_context(**{**browser_context_args, "viewport": PHONE}).new_page()
    cdp, authenticator_id = phone_with_a_fingerprint_reader(page)

    # Before adding one, "Sign in with a passkey" finds none on this phone, and says what to do.
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page.locator("#passkey-problem")).to_be_visible()
    expect(page.locator("#passkey-problem")).to_contain_text(
        "log in with your email address and password instead"
    )
    see_page(page, "Log in to PeerPath")
    fits(page)

    # From home, by links: Account security, then "Add a passkey" (after the password again).
    log_in(page, live_server.url, PERSON)
    fits(page)
    page.get_by_role("link", name="Account security").click()
    see_page(page, "Account security")
    expect(page.get_by_role("button", name="Your passkeys")).to_have_count(0)
    fits(page)
    page.get_by_role("button", name="Add a passkey").click()
    see_page(page, "Confirm it is you")
    fits(page)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    see_page(page, "Add a passkey")
    expect(page.get_by_label("Name for this passkey")).to_have_value("My passkey")
    expect(page.get_by_label("Use it to log in without your password")).to_be_checked()
    fits(page)
    page.get_by_role("button", name="Add a passkey").click()

    # The first passkey comes with recovery codes, for a lost phone.
    see_page(page, "Your recovery codes")
    told(page, 'Your passkey is added. Next time, choose "Sign in with a passkey"')
    fits(page)
    [passkey] = alexs_passkeys()
    assert passkey.wrap().is_passwordless
    kept = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert [c["isResidentCredential"] for c in kept["credentials"]] == [True]
    page.get_by_role("button", name="Continue to your home page").click()
    see_page(page, HOME)

    # Signed out, Alex chooses the passkey on the log-in page: home, no password typed.
    log_out(page)
    expect(page.get_by_label("Password")).to_have_value("")
    fits(page)
    page.get_by_role("button", name="Sign in with a passkey").click()
    see_page(page, HOME)
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None

    # With the password, PeerPath now asks for the passkey too, in words Alex knows (they
    # have no authenticator app).
    log_out(page)
    page.get_by_label("Email").fill(PERSON.email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    see_page(page, "Use your passkey")
    expect(page.get_by_text("If you do not have your passkey with you")).to_be_visible()
    fits(page)
    page.get_by_role("button", name="Use your passkey").click()
    see_page(page, HOME)

    # Account security lists it; Alex renames it, then removes it after a confirmation.
    page.get_by_role("link", name="Account security").click()
    see_page(page, "Account security")
    expect(page.get_by_text("You have 1 passkey.")).to_be_visible()
    page.get_by_role("button", name="Your passkeys").click()
    see_page(page, "Your passkeys")
    fits(page)
    page.get_by_role("link", name="Rename My passkey").click()
    # A change to how Alex logs in asks again that it is them: now the passkey will do.
    see_page(page, "Confirm it is you")
    page.get_by_role("link", name="Use your passkey").click()
    see_page(page, "Confirm it is you")
    fits(page)
    page.get_by_role("button", name="Use your passkey").click()
    see_page(page, "Rename your passkey")
    fits(page)
    page.get_by_label("Name").fill("Alex's phone")
    page.get_by_role("button", name="Save").click()
    see_page(page, "Your passkeys")
    expect(page.locator("main")).to_contain_text("Alex's phone")
    page.get_by_role("link", name="Remove Alex's phone").click()
    see_page(page, "Remove Alex's phone?")
    expect(
        page.get_by_text("You can still log in with your email address and password")
    ).to_be_visible()
    fits(page)
    page.get_by_role("button", name="Yes, remove it").click()
    see_page(page, "Your passkeys")
    told(page, "Your passkey is removed.")
    expect(page.get_by_text("You have not added a passkey yet.")).to_be_visible()
    assert alexs_passkeys() == []
