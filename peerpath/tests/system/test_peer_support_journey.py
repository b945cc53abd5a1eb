"""Journey (issue 5, acceptance 1): a PSW takes a referred person through choice, first
meeting, goals, plan, contact notes, signposting with follow-up, accompaniment and ending;
then their supervisor sees the result."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import World
from peerpath.caseload.models import PeerRelationship, Status
from peerpath.core.roles import Role
from peerpath.directory.models import Service

from .conftest import assert_accessible
from .test_admin_manages_people import sign_in_as

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


class Journey:
    def __init__(self, page: Page, live_server: Any, world: World) -> None:
        self.page, self.url, self.world = page, live_server.url, world
        self.live_server = live_server

    def heading(self, text: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(text)
        assert_accessible(self.page)

    def click(self, name: str) -> None:
        self.page.get_by_role("link", name=name, exact=True).first.click()

    def submit(self, name: str) -> None:
        self.page.get_by_role("button", name=name, exact=True).click()

    def saw(self, text: str) -> None:
        expect(self.page.get_by_text(text).first).to_be_visible()

    def as_(self, role: Role) -> None:
        self.page.context.clear_cookies()
        sign_in_as(self.page, self.live_server, self.world.user(role))

    # -- referral and choice -------------------------------------------------------------

    def a_psw_records_a_referral(self) -> None:
        self.as_(Role.PSW)
        self.page.goto(self.url + "/referrals/new/")
        self.heading("New referral")
        self.submit("Record the referral")
        self.heading("New referral")
        expect(self.page.locator(".nhsuk-error-summary")).to_contain_text(
            "Enter the person's full name."
        )
        assert_accessible(self.page)
        self.page.get_by_label("Full name").fill("Jamie Rowe")
        self.page.get_by_label("Preferred name").fill("Jamie")
        self.page.get_by_label("The person themselves").check()
        self.page.get_by_label("Reason for referral").fill("Would like to feel less isolated.")
        self.page.get_by_label("I will be this person's peer support worker").check()
        self.submit("Record the referral")
        self.heading("Peer support")
        self.saw("Referral for Jamie recorded.")

    def the_person_chooses_peer_support(self) -> None:
        self.click("Record the person's choice")
        self.heading("The person's choice")
        self.page.get_by_label("Yes").check()
        self.submit("Record their choice")
        self.heading("Peer support")
        self.saw("Jamie's choice is recorded.")

    def they_meet_for_the_first_time(self) -> None:
        self.click("Record the first meeting")
        self.heading("First meeting")
        self.page.get_by_label("Where the person prefers to meet").fill("The library café")
        self.page.get_by_label("This is a place not associated with services").check()
        self.submit("Save")
        expect(self.page.locator(".nhsuk-error-summary")).to_contain_text(
            "Record the personal-safety check for meeting away from services."
        )
        assert_accessible(self.page)
        for label in (
            "We talked about the purpose of peer support",
            "We talked about boundaries",
            "We talked about the limits of confidentiality and information sharing",
            "The person consents to go on with peer support",
        ):
            self.page.get_by_label(label).check()
        self.page.get_by_label("Personal-safety check").fill("I text the team when I leave.")
        self.submit("Save")
        self.saw("First meeting with Jamie recorded. Peer support is active.")
        expect(self.page.get_by_text("Active", exact=True)).to_be_visible()

    # -- ending --------------------------------------------------------------------------

    def they_prepare_and_end_peer_support(self) -> None:
        self.click("Prepare the ending")
        self.heading("Prepare the ending")
        self.page.get_by_label("Planned end date").fill(
            (timezone.localdate() + timedelta(days=14)).isoformat()
        )
        self.page.get_by_label("What the person wants next").fill("To keep going to the group")
        self.submit("Save")
        self.saw("The ending with Jamie is planned.")
        self.click("End peer support")
        self.heading("End peer support")
        self.page.get_by_label("Summary of the peer relationship").fill(
            "Jamie joined a walking group and made two friends there."
        )
        self.submit("Save")
        self.saw("Peer support with Jamie has ended. The summary is saved.")

    def the_supervisor_sees_the_result(self, rel: PeerRelationship) -> None:
        self.as_(Role.SUPERVISOR)
        self.page.goto(f"{self.url}/people/{rel.person_id}/peer-support/{rel.pk}/")
        self.heading("Peer support")
        self.saw("Jamie joined a walking group and made two friends there.")
        self.saw("To keep going to the group")


def test_a_psw_takes_a_person_from_referral_to_ending(
    page: Page, live_server: Any, world: World
) -> None:
    Service.objects.create(
        organisation=world.organisation,
        name="Riverside Walking Group",
        kind="group",
        remit="A friendly weekly walk",
        who_for="Adults in Riverside",
        how_to_access="Drop in on Tuesdays",
        localities="Riverside",
        needs="loneliness, physical activity",
        last_checked_on=timezone.localdate(),
    )
    journey = Journey(page, live_server, world)
    journey.a_psw_records_a_referral()
    journey.the_person_chooses_peer_support()
    journey.they_meet_for_the_first_time()
    rel = PeerRelationship.objects.get()
    assert rel.status == Status.ACTIVE
    journey.they_prepare_and_end_peer_support()
    rel.refresh_from_db()
    assert rel.status == Status.ENDED
    journey.the_supervisor_sees_the_result(rel)
