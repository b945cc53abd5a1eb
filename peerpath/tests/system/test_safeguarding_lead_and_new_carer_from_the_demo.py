"""Journeys from the seeded demo (not fixtures), moving only by clicking from the home page
(issue 9, check 4):

- the safeguarding lead opens the open concern from their home page, sees the person fully
  identified, reads their record, records an action on the timeline, then records the
  outcome and closes it;
- a peer support worker gives Alex's brother, with whom Alex shares their goals, a carer
  account; he accepts from the link in the email and sees only what Alex shares.
"""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from peerpath.accounts.tests.helpers import current_code
from peerpath.caseload.models import FamilyMember
from peerpath.governance.models import ConcernAction, ConcernStatus, SafeguardingConcern
from peerpath.jobs.testing import run_jobs
from peerpath.nonprod.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

from .conftest import assert_accessible, fill_date

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a long river walk at dawn"


class FromTheDemo:
    def __init__(self, page: Page, live_server: Any) -> None:
        self.page, self.url = page, live_server.url
        call_command("seed_demo_data", verbosity=0)

    # -- shared steps ------------------------------------------------------------------------

    def log_in(self, email: str, *, staff: bool) -> None:
        self.page.goto(self.url + "/")
        assert_accessible(self.page)
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password").fill(DEMO_PASSWORD)
        self.page.get_by_role("button", name="Log in").click()
        if staff:
            expect(self.page.get_by_label("Code")).to_be_visible()
            assert_accessible(self.page)
            self.page.get_by_label("Code").fill(current_code(DEMO_TOTP_SECRET))
            self.page.get_by_role("button", name="Continue").click()
        expect(self.page.get_by_role("heading", level=1)).to_contain_text("Hello, ")
        assert_accessible(self.page)

    def heading(self, text: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(text)
        assert_accessible(self.page)

    def saw(self, text: str) -> None:
        expect(self.page.get_by_text(text).first).to_be_visible()

    def told(self, message: str) -> None:
        expect(self.page.locator(".nhsuk-notification-banner")).to_contain_text(message)
        assert_accessible(self.page)

    # -- the safeguarding lead -----------------------------------------------------------

    def the_lead_opens_the_open_concern_from_their_home_page(self) -> None:
        self.log_in("safeguarding@peerpath.example", staff=True)
        concerns = self.page.locator("#safeguarding-concerns")
        expect(concerns).to_contain_text("Alex Morgan, born")
        concerns.get_by_role("link", name="Financial or material abuse: Alex").click()
        self.heading("Financial or material abuse: Alex")

    def they_see_who_the_person_is(self) -> None:
        about = self.page.locator("#concern-person")
        for fact in ("Alex Morgan", "943 476 5919", "07700 900456", "4 Mill Lane", "Jordan Reid"):
            expect(about).to_contain_text(fact)
        expect(about).to_contain_text("Sam Patel")  # their team's supervisor
        timeline = self.page.locator("#concern-timeline")
        expect(timeline).to_contain_text("Phoned Alex")
        expect(timeline).to_contain_text("Told the duty team")

    def they_read_the_persons_record(self) -> None:
        self.page.get_by_role("link", name="Open Alex's record").click()
        expect(self.page.locator(".pp-person-banner")).to_contain_text("Read only")
        expect(self.page.locator("#plans")).to_contain_text("Crisis plan")
        assert_accessible(self.page)
        expect(self.page.get_by_role("link", name="Write a contact record")).to_have_count(0)
        # Back to the concern, from the banner that says why the record is open to them.
        self.page.locator(".pp-person-banner").get_by_role("link", name="concern").click()
        self.heading("Financial or material abuse: Alex")

    def they_record_an_action(self) -> None:
        self.page.get_by_role("link", name="Record an action or contact").click()
        self.heading("Record an action or contact")
        self.page.get_by_role("button", name="Add to the timeline").click()
        expect(self.page.locator(".nhsuk-error-summary")).to_contain_text("Enter what was done")
        assert_accessible(self.page)
        when = timezone.localtime() - timedelta(minutes=2)
        self.page.get_by_label("Someone was told").check()
        fill_date(self.page, "Date it happened", when.date())
        self.page.get_by_label("Time it happened").fill(when.strftime("%H:%M"))
        self.page.get_by_label("Who was contacted or told (optional)").fill(
            "Alex's GP, Riverside Health Centre"
        )
        self.page.get_by_label("What was done").fill(
            "Told Alex's GP, with Alex's agreement, so the practice can check in with them."
        )
        self.page.get_by_role("button", name="Add to the timeline").click()
        self.told("Added to the concern's timeline.")
        expect(self.page.locator("#concern-timeline")).to_contain_text("Told Alex's GP")

    def they_record_the_outcome_and_close_it(self) -> None:
        self.page.get_by_label("Outcome").fill(
            "Alex has their bank card back and a named social worker; no further action."
        )
        self.page.get_by_role("button", name="Close the concern").click()
        self.told("The concern is closed and its outcome recorded.")
        expect(self.page.get_by_role("link", name="Open Alex's record")).to_have_count(0)

    # -- a new carer -------------------------------------------------------------------------

    def the_psw_opens_alexs_record_from_their_home_page(self) -> None:
        self.log_in("psw@peerpath.example", staff=True)
        self.page.locator("#psw-caseload").get_by_role("link", name="Alex", exact=True).click()
        expect(self.page.locator(".pp-person-banner")).to_contain_text("Alex")
        assert_accessible(self.page)

    def they_invite_alexs_brother(self) -> None:
        self.page.get_by_role(
            "link", name="Give Casey Morgan a PeerPath account to see what is shared"
        ).click()
        self.heading("A PeerPath account for Casey Morgan")
        self.saw("Recovery goals")  # what Casey will see
        expect(self.page.get_by_label("Their email address")).to_have_value(
            "casey.morgan@example.org"
        )
        self.page.get_by_role("button", name="Send the invitation").click()
        self.told("We have emailed Casey Morgan an invitation to PeerPath.")
        self.saw("Casey Morgan has a PeerPath account")
        self.page.get_by_role("link", name="Log out").click()
        assert_accessible(self.page)
        self.page.get_by_role("button", name="Sign Out").click()

    def the_invitation_link(self) -> str:
        run_jobs()  # the worker sends the queued invitation
        sent = [m for m in mail.outbox if m.to == ["casey.morgan@example.org"]]
        assert len(sent) == 1
        assert "Alex" not in sent[0].body  # nothing about the person by email
        found = re.search(r"https?://\S+", str(sent[0].body))
        assert found is not None
        return found.group(0)

    def accept_the_invitation(self, link: str, email: str, password: str) -> None:
        """Follow the emailed link, be welcomed, choose a password, and arrive signed in."""
        self.page.goto(link)
        expect(self.page.get_by_role("heading", level=1)).to_have_text(
            "Welcome to PeerPath, Casey Morgan"
        )
        assert_accessible(self.page)
        self.page.get_by_label("Create a password").fill(password)
        self.page.get_by_label("Type the password again").fill(password)
        self.page.get_by_role("button", name="Create password and continue").click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Hello, Casey Morgan")
        assert_accessible(self.page)

    def the_new_carer_sees_only_what_alex_shares(self) -> None:
        expect(self.page.locator("#carer-people")).to_contain_text(
            "Shared with you now: Recovery goals."
        )
        self.page.get_by_role("link", name="What Alex shares with you").click()
        self.heading("What Alex shares with you")
        self.saw("Play music with other people again")
        expect(self.page.get_by_role("heading", name="Crisis plan")).to_have_count(0)


def test_the_safeguarding_lead_records_an_action_and_the_outcome_from_their_home_page(
    page: Page, live_server: Any
) -> None:
    journey = FromTheDemo(page, live_server)
    journey.the_lead_opens_the_open_concern_from_their_home_page()
    journey.they_see_who_the_person_is()
    journey.they_read_the_persons_record()
    journey.they_record_an_action()
    journey.they_record_the_outcome_and_close_it()
    concern = SafeguardingConcern.objects.get(person__full_name="Alex Morgan")
    assert concern.status == ConcernStatus.CLOSED
    assert ConcernAction.objects.filter(concern=concern).count() == 3


def test_a_psw_invites_a_carer_who_accepts_and_sees_what_is_shared(
    page: Page, live_server: Any
) -> None:
    journey = FromTheDemo(page, live_server)
    journey.the_psw_opens_alexs_record_from_their_home_page()
    journey.they_invite_alexs_brother()
    journey.accept_the_invitation(
        journey.the_invitation_link(), "casey.morgan@example.org", NEW_PASSWORD
    )
    journey.the_new_carer_sees_only_what_alex_shares()
    casey = get_user_model().objects.get(email="casey.morgan@example.org")
    assert FamilyMember.objects.get(name="Casey Morgan").user == casey
