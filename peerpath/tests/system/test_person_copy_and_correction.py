"""Journey from the seeded demo, on a phone (375 px), by links from each home page only
(issue 13, point 7): Alex asks for a copy of their record; the worker gathers it; Grace,
the safeguarding lead, decides about each record that waits for a reviewer (one released
with a part removed, one withheld, the rest released) and releases the copy; Alex
downloads the PDF and the JSON file. Then Alex says a signed note is wrong, and Jordan,
their peer support worker, answers from their home page with an amendment to the note;
Alex reads the answer.

The reviewer decides the records the page says are waiting ("Waiting for a reviewer"),
and counts them down to none: a decision made can be changed until the copy is released,
so "while a Save the decision button shows" is no way to know the review is done."""

import json
import re
import subprocess
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from peerpath.jobs.testing import run_jobs
from peerpath.nonprod.contacts_demo import WITHHELD_PHRASE
from peerpath.nonprod.demo import DemoUser

from .conftest import assert_accessible
from .demo_journey import day_month_year, demo_user, go_home, log_in, see_page, told
from .helpers import PHONE, page_width

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

ALEX = demo_user("person@peerpath.example")
GRACE = demo_user("safeguarding@peerpath.example")
JORDAN = demo_user("psw@peerpath.example")

WAITING = "Decision: Waiting for a reviewer."
REDACTED = "Robin's contact details are Robin's to share"
WITHHELD = "It repeats what a neighbour told us in confidence"
OPEN_MIC_NOTE = "Alex talked about the open-mic night and chose to go along to listen first."
AMENDMENT = "Alex went along to the open-mic night with Jordan."


def on_a_phone(browser: Browser, base_url: str, who: DemoUser) -> Page:
    page = browser.new_context(
        locale="en-GB", bypass_csp=True, viewport={"width": PHONE["width"], "height": 800}
    ).new_page()
    log_in(page, base_url, who)
    return page


def fits(page: Page) -> None:
    assert page_width(page) <= PHONE["width"], f"{page.url} scrolls sideways on a phone"


def decide(card: Locator, decision: str, *, reason: str = "", parts: tuple[str, ...] = ()) -> None:
    card.get_by_label(decision, exact=True).check()
    for part in parts:
        card.get_by_role("group", name="Parts to remove").get_by_label(part, exact=True).check()
    if reason:
        card.get_by_label("Reason").fill(reason)
    card.get_by_role("button", name="Save the decision").click()


def download(page: Page, link: str) -> bytes:
    with page.expect_download() as started:
        page.get_by_role("link", name=link).click()
    path = started.value.path()
    with open(path, "rb") as file:
        return file.read()


def test_alex_gets_a_copy_of_their_record_and_a_correction_answered(
    browser: Browser, live_server: Any
) -> None:
    call_command("seed_demo_data", verbosity=0)
    url = live_server.url
    today = day_month_year(timezone.localdate())

    # Alex asks for a copy, with one button.
    alex = on_a_phone(browser, url, ALEX)
    alex.get_by_role("link", name="A copy of my record").click()
    see_page(alex, "A copy of my record")
    fits(alex)
    alex.get_by_role("button", name="Ask for a copy of my record").click()
    see_page(alex, "A copy of my record")
    told(alex, "We have your request")
    mine = alex.locator(".nhsuk-card", has_text=f"Asked for on {today}")
    expect(mine).to_contain_text("Received: we are gathering your records")

    assert run_jobs() >= 1  # the worker gathers the records

    # Grace, the safeguarding lead, decides about each record waiting for a reviewer.
    grace = on_a_phone(browser, url, GRACE)
    grace.get_by_role("link", name="Requests for a copy of a record").first.click()
    see_page(grace, "Requests for a copy of a record")
    fits(grace)
    grace.get_by_role("link", name=re.compile(f"request received {today}$")).click()
    see_page(grace, "Alex")
    fits(grace)
    for reason in ("Why more time is needed", "Why the copy is not being provided"):
        expect(grace.get_by_role("textbox", name=reason, exact=True)).to_have_count(1)
    # How many wait, as the page says above the records (shown ten to a page, those
    # waiting first).
    still_waiting = (
        grace.locator("main dl")
        .first.locator(".nhsuk-summary-list__row", has_text="Waiting for a decision")
        .locator("dd")
    )
    count = int(still_waiting.inner_text())
    assert count >= 3  # a family member, a safeguarding record, the held-back note …
    waiting = grace.locator(".nhsuk-card", has_text=WAITING)
    expect(waiting).to_have_count(min(count, 10))
    decisions: dict[str, str] = {}
    robin = waiting.filter(has_text="Family members and carers: Robin Morgan").first
    held_back = waiting.filter(has_text=WITHHELD_PHRASE).first
    for card, decision, reason, parts in (
        (robin, "Release with a part removed", REDACTED, ("Phone", "Email")),
        (held_back, "Withhold", WITHHELD, ()),
    ):
        item = card.get_attribute("id")
        assert item is not None
        decide(card, decision, reason=reason, parts=parts)
        see_page(grace, "Alex")
        told(grace, "Decision saved.")
        decisions[item] = f"Decision: {decision} ({reason}), by {GRACE.full_name}."
    for _ in range(count - len(decisions)):  # the rest: released as they are
        card = waiting.first
        item = card.get_attribute("id")
        assert item is not None and item not in decisions, f"{item}: a decision did not take"
        decide(card, "Release")
        see_page(grace, "Alex")
        decisions[item] = f"Decision: Release, by {GRACE.full_name}."
    expect(waiting).to_have_count(0)
    expect(still_waiting).to_have_text("0")
    shown: set[str] = set()
    while True:  # each decision, as the pages of records show it
        for item, said in decisions.items():
            if grace.locator(f"#{item}").count():
                expect(grace.locator(f"#{item}")).to_contain_text(said)
                shown.add(item)
        next_page = grace.get_by_role("link", name=re.compile("^Next"))
        if not next_page.count():
            break
        next_page.click()
        see_page(grace, "Alex")
    assert shown == set(decisions)
    fits(grace)
    grace.get_by_role("button", name="Release the copy").click()
    see_page(grace, "Alex")
    told(grace, "Released")

    assert run_jobs() >= 1  # the worker writes the PDF and the JSON file

    # Alex goes home, to their copy, and downloads it.
    go_home(alex, ALEX)
    alex.get_by_role("link", name="A copy of my record").click()
    see_page(alex, "A copy of my record")
    fits(alex)
    expect(mine).to_contain_text("Ready.")
    pdf = download(alex, "Download your copy (PDF)")
    assert pdf.startswith(b"%PDF")
    text = " ".join(  # poppler's pdftotext on the file just downloaded, lines joined
        subprocess.run(["/usr/bin/pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    assert "A copy of your record" in text and ALEX.full_name in text
    assert OPEN_MIC_NOTE in text
    assert f"Removed: {REDACTED}" in text
    assert WITHHELD in text and WITHHELD_PHRASE not in text
    copy = json.loads(download(alex, "Download your copy for a computer (JSON)"))
    assert copy["person"]["name"] == ALEX.full_name
    assert OPEN_MIC_NOTE in [note["Note"] for note in copy["records"]["contacts.contactnote"]]
    assert WITHHELD_PHRASE not in json.dumps(copy)

    # Alex says a signed note is wrong.
    go_home(alex, ALEX)
    alex.get_by_role("link", name="Something wrong in my record").click()
    see_page(alex, "Something wrong in my record")
    fits(alex)
    alex.get_by_role("link", name="Tell us what is wrong").click()
    see_page(alex, "Tell us what is wrong")
    fits(alex)
    alex.get_by_label("A note about a meeting").check()
    notes = alex.get_by_label("Which note?")
    held_back_on = day_month_year(timezone.localdate() - timedelta(days=2))
    expect(notes.locator("option", has_text=held_back_on)).to_have_count(0)  # never shown
    open_mic_on = day_month_year(timezone.localdate() - timedelta(days=3))
    notes.select_option(label=f"Note of {open_mic_on}")
    alex.get_by_label("What is wrong?").fill("It says I only listened. I played one song.")
    alex.get_by_label("What should it say?").fill("Alex played one song, with Jordan there.")
    alex.get_by_role("button", name="Send").click()
    see_page(alex, "Something wrong in my record")
    told(alex, "Your worker will look at it")
    expect(alex.get_by_text("It says I only listened. I played one song.")).to_be_visible()

    # Jordan answers from their home page, with an amendment to the signed note.
    jordan = on_a_phone(browser, url, JORDAN)
    jordan.get_by_role("link", name="Alex: A note about a meeting").click()
    see_page(jordan, "A correction Alex asked for")
    fits(jordan)
    jordan.get_by_label("I have corrected it").check()
    jordan.get_by_label("What you changed, or why it stays as it is").fill(
        "I added an amendment to the note: you played one song."
    )
    jordan.get_by_label("Amendment to add to the signed note").fill(AMENDMENT)
    jordan.get_by_role("button", name="Save the answer").click()
    told(jordan, "Answer saved")
    expect(jordan.get_by_role("heading", level=1)).to_contain_text("Alex")
    assert_accessible(jordan)
    fits(jordan)

    # Alex reads the answer.
    go_home(alex, ALEX)
    alex.get_by_role("link", name="Something wrong in my record").click()
    see_page(alex, "Something wrong in my record")
    answered = alex.locator(".nhsuk-card", has_text=f"Note of {open_mic_on}")
    expect(answered).to_contain_text("I added an amendment to the note: you played one song.")
    expect(answered).to_contain_text(JORDAN.full_name)
