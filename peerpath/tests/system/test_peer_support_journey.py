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

from .conftest import assert_accessible, fill_date
from .helpers import sign_in_as

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

    # -- the work together: from the person's record ---------------------------------------

    def record(self) -> None:
        self.click("Jamie")  # the breadcrumb back to the person's record
        expect(self.page.locator(".pp-person-banner")).to_contain_text("Jamie")

    def they_set_a_goal_together(self) -> None:
        self.record()
        self.click("Add a goal")
        self.heading("Add a goal")
        self.page.get_by_label("The goal, in their own words").fill("Join a walking group")
        self.page.get_by_label("Why it matters to them").fill("I miss being outdoors with people")
        self.page.get_by_label("Strengths and resources they bring").fill(
            "Loves maps; good company"
        )
        self.submit("Save the goal")
        self.heading("Join a walking group")
        self.page.get_by_role("button", name="Add a step").click()
        self.page.get_by_label("The step").fill("Find a group near home")
        self.submit("Add the step")
        self.saw("Find a group near home")

    def they_write_the_crisis_plan_together(self) -> None:
        self.record()
        self.page.get_by_role("link", name="Write the first version together").nth(2).click()
        self.heading("Write the first version of the crisis plan")
        self.page.get_by_label("My warning signs").fill("I stop going out")
        self.page.get_by_label("What I can do").fill("Walk to the park and phone my brother")
        fill_date(self.page, "Review date", timezone.localdate() + timedelta(days=90))
        self.page.get_by_label("We wrote this version together with Jamie").check()
        self.submit("Save version 1")
        self.heading("Crisis plan")
        self.saw("Samaritans: call 116 123, free, any time")

    def they_record_and_sign_a_contact(self) -> None:
        self.record()
        self.click("Write a contact record")
        self.heading("New contact record")
        fill_date(self.page, "Date of contact", timezone.localdate())
        self.page.get_by_label("One-to-one").check()
        self.page.get_by_label("Duration in minutes").fill("50")
        self.page.get_by_label("Join a walking group").check()
        self.page.get_by_label("Note", exact=True).fill(
            "Jamie refused the leaflet but chose a walking group to try."
        )
        self.submit("Save draft")
        self.saw("You might consider recovery-focused words")
        self.page.get_by_role("button", name="Sign this note").click()
        self.submit("Yes, sign this note")
        self.saw("Note signed.")

    def they_signpost_with_a_follow_up(self) -> None:
        self.record()
        self.click("Signpost to a service")
        self.page.get_by_label("Need").fill("loneliness")
        self.submit("Search the directory")
        self.page.get_by_role("link", name="Choose Riverside Walking Group").click()
        self.page.get_by_label("Yes", exact=True).check()
        fill_date(self.page, "When will you follow up?", timezone.localdate())
        self.submit("Save signpost")
        self.saw("Signposted to Riverside Walking Group.")
        # The follow-up is due today, so it waits on the PSW's home page until recorded.
        self.page.goto(self.url + "/")
        expect(self.page.locator("main")).to_contain_text("Riverside Walking Group")
        assert_accessible(self.page)

    def they_accompany_jamie(self) -> None:
        self.page.goto(self.url + "/")
        self.click("Jamie")
        self.click("Add an appointment to accompany")
        self.page.get_by_label("What is it?").fill("First walk with the group")
        fill_date(self.page, "Date", timezone.localdate())
        self.page.get_by_label("Time").fill("10:30")
        self.page.get_by_label("Where").fill("Riverside Park gates")
        self.page.get_by_label("Which of their goals is it linked to? (optional)").select_option(
            label="Join a walking group"
        )
        self.submit("Save")
        self.page.get_by_role("button", name="Say how it went").click()
        self.page.get_by_label("How did it go?").fill(
            "Jamie walked the whole route and laughed a lot."
        )
        self.submit("Save")
        self.saw("Saved how it went.")

    def the_follow_up_outcome_is_recorded(self) -> None:
        self.record()
        self.page.get_by_role("link", name="Riverside Walking Group").first.click()
        self.page.get_by_role("button", name="Record the outcome").click()
        self.page.get_by_label("Went", exact=True).check()
        self.submit("Save the outcome")
        self.saw("Outcome recorded.")

    def back_to_peer_support(self) -> None:
        self.record()
        self.page.locator("#peer-support").get_by_role("link").first.click()
        self.heading("Peer support")

    # -- ending --------------------------------------------------------------------------

    def they_prepare_and_end_peer_support(self) -> None:
        self.click("Prepare the ending")
        self.heading("Prepare the ending")
        fill_date(self.page, "Planned end date", timezone.localdate() + timedelta(days=14))
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
        # They land on the summary they wrote, which stays readable to them for a while.
        self.heading("Peer support")
        self.saw("Jamie joined a walking group and made two friends there.")
        expect(self.page.locator(".pp-person-banner")).to_contain_text("Read only")

    def the_supervisor_sees_the_result(self, rel: PeerRelationship) -> None:
        self.as_(Role.SUPERVISOR)
        self.page.goto(self.url + "/")
        assert_accessible(self.page)
        self.click("Caseload")  # everyone the team has supported, ended relationships too
        self.heading("Caseload")
        self.click("Jamie")
        expect(self.page.locator("#goals, main").first).to_contain_text("Join a walking group")
        expect(self.page.locator("main")).to_contain_text("Signed")
        self.page.locator("#peer-support").get_by_role("link").first.click()
        self.heading("Peer support")
        self.saw("Jamie joined a walking group and made two friends there.")
        self.saw("To keep going to the group")
        # If Jamie comes back, their record is kept and a new referral starts from it.
        self.record()
        self.click("Record a new referral for Jamie")
        self.heading("New referral")
        self.submit("Record the referral")
        expect(self.page.locator(".nhsuk-error-summary")).to_contain_text(
            "Enter the reason for the referral."
        )
        assert_accessible(self.page)


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
    journey.they_set_a_goal_together()
    journey.they_write_the_crisis_plan_together()
    journey.they_record_and_sign_a_contact()
    journey.they_signpost_with_a_follow_up()
    journey.they_accompany_jamie()
    journey.the_follow_up_outcome_is_recorded()
    journey.back_to_peer_support()
    journey.they_prepare_and_end_peer_support()
    rel.refresh_from_db()
    assert rel.status == Status.ENDED
    journey.the_supervisor_sees_the_result(rel)
