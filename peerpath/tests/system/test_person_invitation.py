"""Journey from the seeded demo, on a phone (375 px), by links only (issue 13, point 9):
Jordan, the peer support worker, records on Sam Taylor's record that Sam agreed to sign in
to PeerPath and invites him; Sam follows the emailed link, chooses a password and arrives
on his own home page as a person supported. The email says nothing about Sam's support."""

import re
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from peerpath.caseload.models import Person, PortalAgreement
from peerpath.jobs.testing import run_jobs

from .conftest import assert_accessible, fill_date
from .demo_journey import demo_user, log_in, see_page, told
from .helpers import PHONE, page_width

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PSW = demo_user("psw@peerpath.example")
SAM_EMAIL = "sam.taylor@example.org"
PASSWORD = "river walk on sunday mornings"


def fits(page: Page) -> None:
    assert page_width(page) <= PHONE["width"], f"{page.url} scrolls sideways on a phone"


def test_jordan_invites_sam_who_signs_in_to_his_own_home_page(
    browser: Browser, browser_context_args: dict[str, Any], live_server: Any
) -> None:
    call_command("seed_demo_data", verbosity=0)
    jordan = browser.new_context(**{**browser_context_args, "viewport": PHONE}).new_page()
    log_in(jordan, live_server.url, PSW)
    jordan.locator("#psw-caseload").get_by_role("link", name="Sam Taylor").click()
    see_page(jordan, "Sam Taylor")
    sharing = jordan.locator("#sharing")
    expect(sharing).to_contain_text("Sam Taylor cannot sign in to PeerPath yet.")
    sharing.get_by_role("link", name="Record their agreement and invite them").click()
    see_page(jordan, "Signing in to PeerPath")
    fits(jordan)
    jordan.get_by_label("Their email address").fill(SAM_EMAIL)
    today = timezone.localdate()
    fill_date(jordan, "When did they agree?", today)
    jordan.get_by_label("In person").check()
    jordan.get_by_role("button", name="Record their agreement and invite them").click()
    told(jordan, "We have emailed them an invitation to set a password.")
    see_page(jordan, "Signing in to PeerPath")
    expect(jordan.locator("#portal-status")).to_have_text(
        f"Sam Taylor can sign in to PeerPath (since {today.strftime('%-d %B %Y')})."
    )

    run_jobs()  # the worker sends the queued invitation
    [sent] = [m for m in mail.outbox if m.to == [SAM_EMAIL]]
    assert "Sam would like" not in sent.body  # nothing of his support by email
    found = re.search(r"https?://\S+", str(sent.body))
    assert found is not None

    sam = browser.new_context(**{**browser_context_args, "viewport": PHONE}).new_page()
    sam.goto(found.group(0))
    expect(sam.get_by_role("heading", level=1)).to_have_text("Welcome to PeerPath, Sam Taylor")
    assert_accessible(sam)
    fits(sam)
    sam.get_by_label("Create a password").fill(PASSWORD)
    sam.get_by_label("Type the password again").fill(PASSWORD)
    sam.get_by_role("button", name="Create password and continue").click()
    see_page(sam, "Hello, Sam Taylor")
    fits(sam)
    expect(sam.locator("#person-worker")).to_have_text("Jordan Reid is your peer support worker.")
    expect(sam.locator("#person-my-pages")).to_contain_text("Who can see my information")

    person = Person.objects.get(full_name="Sam Taylor")
    assert person.user is not None and person.user.email == SAM_EMAIL
    assert PortalAgreement.objects.get(person=person).how == "in_person"
