"""Journey from the seeded demo, on a phone (375 px), by links only (issue 13, point 7):
Alex asks for a copy of their record; the worker gathers it; the admin reviews the records
flagged as about someone else and releases the copy; Alex downloads the PDF. Then Alex
says something in their record is wrong, and Jordan, their peer support worker, answers
from their home page; Alex reads the answer."""

import re
import subprocess
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, ViewportSize, expect

from peerpath.jobs.testing import run_jobs
from peerpath.nonprod.demo import DemoUser

from .demo_journey import day_month_year, demo_user, log_in, see_page, told

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PHONE = ViewportSize(width=375, height=800)
ALEX = demo_user("person@peerpath.example")
ADMIN = demo_user("admin@peerpath.example")
JORDAN = demo_user("psw@peerpath.example")


def on_a_phone(browser: Browser, base_url: str, who: DemoUser) -> Page:
    page = browser.new_context(locale="en-GB", bypass_csp=True, viewport=PHONE).new_page()
    log_in(page, base_url, who)
    return page


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide"


def test_alex_gets_a_copy_of_their_record_and_a_correction_answered(
    browser: Browser, live_server: Any
) -> None:
    call_command("seed_demo_data", verbosity=0)
    url = live_server.url

    # Alex asks for a copy.
    alex = on_a_phone(browser, url, ALEX)
    alex.get_by_role("link", name="A copy of my record").click()
    see_page(alex, "A copy of my record")
    no_sideways_scroll(alex)
    alex.get_by_role("button", name="Ask for a copy of my record").click()
    see_page(alex, "A copy of my record")
    told(alex, "We have your request")
    today = day_month_year(timezone.localdate())
    mine = alex.locator(".nhsuk-card", has_text=f"Asked for on {today}")
    expect(mine).to_contain_text("Received: we are gathering your records")

    run_jobs()  # the worker gathers the records

    # The admin reviews the flagged records and releases the copy.
    admin = on_a_phone(browser, url, ADMIN)
    admin.get_by_role("link", name="Requests for a copy of a record").first.click()
    see_page(admin, "Requests for a copy of a record")
    no_sideways_scroll(admin)
    admin.get_by_role("link", name=re.compile(f"request received {today}$")).click()
    see_page(admin, "Alex")
    no_sideways_scroll(admin)
    expect(admin.get_by_text("About someone else").first).to_be_visible()
    decided = 0
    while admin.get_by_role("button", name="Save the decision").count():
        card = admin.locator(
            ".nhsuk-card", has=admin.get_by_role("button", name="Save the decision")
        ).first
        if decided == 0:
            card.get_by_label("Release with a part removed").check()
            card.get_by_role("checkbox").first.check()
            card.get_by_label("Reason").fill("Their contact details are theirs to share")
        else:
            card.get_by_label("Release", exact=True).check()
        card.get_by_role("button", name="Save the decision").click()
        see_page(admin, "Alex")
        decided += 1
    assert decided >= 2  # a family member and who the record is shared with, at least
    admin.get_by_role("button", name="Release the copy").click()
    see_page(admin, "Alex")
    told(admin, "Released")

    run_jobs()  # the worker writes the PDF and the JSON file

    # Alex downloads the PDF.
    alex.get_by_role("navigation", name="Menu").get_by_role("link", name="Home").click()
    see_page(alex, f"Hello, {ALEX.full_name}")
    alex.get_by_role("link", name="A copy of my record").click()
    see_page(alex, "A copy of my record")
    with alex.expect_download() as download:
        mine.get_by_role("link", name="Download your copy (PDF)").click()
    pdf = subprocess.run(  # noqa: S603 - poppler's pdftotext on the file just downloaded
        ["/usr/bin/pdftotext", download.value.path(), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "A copy of your record" in pdf and "Alex Morgan" in pdf
    assert "Removed: Their contact details are theirs to share" in pdf

    # Alex says something is wrong.
    alex.get_by_role("navigation", name="Menu").get_by_role("link", name="Home").click()
    alex.get_by_role("link", name="Something wrong in my record").click()
    see_page(alex, "Something wrong in my record")
    alex.get_by_role("link", name="Tell us what is wrong").click()
    see_page(alex, "Tell us what is wrong")
    no_sideways_scroll(alex)
    alex.get_by_label("My details").check()
    alex.get_by_label("What is wrong?").fill("My pronouns are missing.")
    alex.get_by_label("What should it say?").fill("they/them")
    alex.get_by_role("button", name="Send").click()
    see_page(alex, "Something wrong in my record")
    expect(alex.get_by_text("My pronouns are missing.")).to_be_visible()

    # Jordan answers from their home page.
    jordan = on_a_phone(browser, url, JORDAN)
    jordan.get_by_role("link", name="Alex: My details").click()
    see_page(jordan, "A correction Alex asked for")
    no_sideways_scroll(jordan)
    jordan.get_by_label("I have corrected it").check()
    jordan.get_by_label("What you changed, or why it stays as it is").fill(
        "I added your pronouns to your details."
    )
    jordan.get_by_role("button", name="Save the answer").click()
    told(jordan, "Answer saved")

    alex.reload()
    see_page(alex, "Something wrong in my record")
    expect(alex.get_by_text("I added your pronouns to your details.")).to_be_visible()
