"""Alex's crisis plan opens with no connection once they chose to keep a copy on their phone
(issue 13, point 1; PLAN13 B8), under the site's real Content Security Policy.

A new browser context WITHOUT `bypass_csp` (the service worker and the page's script must
pass `script-src 'self'`) and with service workers allowed. axe runs in its own context,
online, since it needs the CSP bypassed to be injected."""

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Error, Page, ViewportSize, expect

from peerpath.nonprod.demo import DEMO_PASSWORD

from .conftest import assert_accessible
from .demo_journey import demo_user, log_in

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PERSON = demo_user("person@peerpath.example")
PHONE: ViewportSize = {"width": 375, "height": 800}
THEIR_PLAN = "Riverside crisis team: 0115 496 0999"


def log_in_without_axe(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("Email").fill(PERSON.email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {PERSON.full_name}")


@pytest.mark.hazard("H19")
@pytest.mark.hazard("H11")
def test_the_crisis_plan_kept_on_the_phone_opens_offline(
    browser: Browser, live_server: Any
) -> None:
    call_command("seed_demo_data", verbosity=0)

    # Online, with axe: the page is accessible, one tap from home.
    checked = browser.new_context(locale="en-GB", bypass_csp=True, viewport=PHONE).new_page()
    log_in(checked, live_server.url, PERSON)
    checked.get_by_role("button", name="My crisis plan").click()
    expect(checked.get_by_role("heading", level=1)).to_have_text("Your crisis plan")
    expect(checked.get_by_role("button", name="Keep a copy on this phone")).to_be_visible()
    assert_accessible(checked)
    checked.context.close()

    context = browser.new_context(locale="en-GB", service_workers="allow", viewport=PHONE)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    log_in_without_axe(page, live_server.url)
    page.get_by_role("button", name="My crisis plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your crisis plan")
    expect(page.get_by_text(THEIR_PLAN)).to_be_visible()

    page.get_by_role("button", name="Keep a copy on this phone").click()
    expect(page.locator("#pp-offline-status")).to_contain_text(
        "A copy of your crisis plan is kept on this phone."
    )
    expect(page.get_by_role("button", name="Remove the copy")).to_be_visible()
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == live_server.url + "/my/crisis-plan/"
    page.reload()
    expect(page.get_by_text(THEIR_PLAN)).to_be_visible()
    assert page.evaluate("Boolean(navigator.serviceWorker.controller)")

    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your crisis plan")
    expect(page.get_by_text(THEIR_PLAN)).to_be_visible()
    expect(page.get_by_text("Samaritans: call 116 123, free, any time")).to_be_visible()
    expect(page.locator("#pp-offline-saved")).to_be_visible()

    # Nothing else is kept: another page of their record does not open offline.
    with pytest.raises(Error):
        page.goto(live_server.url + "/my/goals/")
    assert refused == []

    # Back online, they remove the copy: it no longer opens offline.
    context.set_offline(False)
    page.goto(live_server.url + "/my/crisis-plan/")
    page.get_by_role("button", name="Remove the copy").click()
    expect(page.locator("#pp-offline-status")).to_contain_text("The copy has been removed")
    assert page.evaluate(
        "navigator.serviceWorker.getRegistration('/my/crisis-plan/').then(r => r === undefined)"
    )
    assert page.evaluate("caches.keys().then(keys => keys.length)") == 0
    context.close()
