"""Journey: a PSW sets up a peer group, adds a person, plans a session and takes the register."""

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import World
from peerpath.caseload.models import PeerRelationship, Person, Status
from peerpath.core.roles import Role
from peerpath.groups.models import Attendance, PeerGroup, Presence

from .conftest import assert_accessible, fill_date
from .helpers import sign_in_as

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


class GroupJourney:
    def __init__(self, page: Page, live_server: Any, world: World) -> None:
        self.page, self.url, self.world = page, live_server.url, world
        self.person = Person.objects.create(
            organisation=world.organisation,
            team=world.team,
            full_name="Alex Morgan",
            preferred_name="Alex",
            date_of_birth=date(1990, 5, 17),
        )
        PeerRelationship.objects.create(
            organisation=world.organisation,
            person=self.person,
            team=world.team,
            worker=world.user(Role.PSW),
            status=Status.ACTIVE,
            source="self",
            reason="Would like to meet others with similar experiences.",
            referred_on=timezone.localdate() - timedelta(days=10),
        )
        # The session they record happened yesterday.
        self.session_day = timezone.localdate() - timedelta(days=1)
        sign_in_as(page, live_server, world.user(Role.PSW))

    def heading(self, text: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(text)
        assert_accessible(self.page)

    def given_they_open_their_groups(self) -> None:
        self.page.goto(self.url + "/groups/")
        self.heading("Peer groups")
        expect(self.page.get_by_text("There are no peer groups in your team yet.")).to_be_visible()

    def when_they_create_a_group_without_a_facilitator(self) -> None:
        self.page.get_by_role("link", name="Create a group").click()
        self.heading("Create a peer group")
        self.page.get_by_label("Name of the group").fill("Thursday Hearing Voices Group")
        self.page.get_by_label("What the group is for").fill(
            "A safe space to share what hearing voices is like, and what helps."
        )
        self.page.get_by_role("button", name="Create group").click()

    def then_the_missing_facilitator_is_explained(self) -> None:
        summary = self.page.locator(".nhsuk-error-summary")
        expect(summary).to_contain_text("Choose at least one facilitator.")
        expect(self.page.locator("#id_facilitators-error")).to_contain_text(
            "Choose at least one facilitator."
        )
        expect(self.page).to_have_title(re.compile(r"^Error: Create a peer group"))
        self.heading("Create a peer group")
        # What they typed is kept.
        expect(self.page.get_by_label("Name of the group")).to_have_value(
            "Thursday Hearing Voices Group"
        )

    def when_they_choose_themselves_as_facilitator(self) -> None:
        self.page.get_by_label("Where it meets (optional)").fill("Riverside Library")
        self.page.get_by_role("checkbox", name="Peer support worker Riverside").check()
        self.page.get_by_role("button", name="Create group").click()

    def then_the_group_page_shows_it(self) -> None:
        self.heading("Thursday Hearing Voices Group")
        expect(self.page.get_by_text("Nobody has joined yet.")).to_be_visible()
        expect(self.page.get_by_text("No sessions yet.")).to_be_visible()

    def when_they_add_the_person(self) -> None:
        self.page.get_by_role("link", name="Add people to the group").click()
        self.heading("Add people to the group")
        self.page.get_by_role("button", name="Add to the group").click()
        expect(self.page.locator("#id_people-error")).to_contain_text(
            "Choose at least one person to add."
        )
        self.heading("Add people to the group")
        chooser = self.page.get_by_role("group", name="Who would like to join?")
        expect(chooser).to_contain_text("Nobody chosen yet.")
        chooser.get_by_role("searchbox", name="Search by name or NHS number").press_sequentially(
            "ale", delay=40
        )
        expect(chooser).to_contain_text(re.compile(r"\d+ (person matches|people match) “ale”"))
        assert_accessible(self.page)
        chooser.get_by_role("checkbox", name="Alex").check()
        self.page.get_by_role("button", name="Add to the group").click()
        expect(
            self.page.get_by_text("Alex added to “Thursday Hearing Voices Group”.")
        ).to_be_visible()
        expect(self.page.get_by_role("link", name="Alex", exact=True)).to_be_visible()

    def when_they_add_a_session(self) -> None:
        self.page.get_by_role("link", name="Add a session").click()
        self.heading("Add a session")
        fill_date(self.page, "Date", "2026-02-30")
        self.page.get_by_role("button", name="Add session").click()
        message = "Date of the session must be a real date"
        expect(self.page.locator("#id_on-error")).to_contain_text(message)
        self.heading("Add a session")  # axe, on the date input showing its error
        date_input = self.page.get_by_role("group", name="Date", exact=True)
        day = date_input.get_by_label("Day", exact=True)
        # What they typed is still there, and only the day (30 February) is marked.
        expect(day).to_have_value("30")
        expect(day).to_have_class(re.compile(r"\bnhsuk-input--error\b"))
        for box in ("Month", "Year"):
            expect(date_input.get_by_label(box, exact=True)).not_to_have_class(
                re.compile(r"\bnhsuk-input--error\b")
            )
        self.page.locator(".nhsuk-error-summary").get_by_role("link", name=message).click()
        expect(day).to_be_focused()
        fill_date(self.page, "Date", self.session_day)
        self.page.get_by_label("Start time").fill("18:30")
        self.page.get_by_label("Topic (optional)").fill("What helps at night")
        self.page.get_by_role("button", name="Add session").click()
        self.heading("Thursday Hearing Voices Group")
        when = self.session_day.strftime("%-d %B %Y") + ", 18:30"
        expect(self.page.get_by_role("cell", name=when, exact=True)).to_be_visible()
        expect(self.page.get_by_text("Register not taken yet")).to_be_visible()

    def when_they_take_the_register(self) -> None:
        self.page.get_by_role("link", name="Take the register").click()
        self.heading("Register")
        self.page.get_by_role("button", name="Save register").click()
        expect(self.page.locator(".nhsuk-error-summary")).to_contain_text(
            "Choose an answer for Alex: came, not this time, or let us know they could not come."
        )
        self.heading("Register")
        self.page.get_by_role("radio", name="Came", exact=True).check()
        self.page.get_by_role("button", name="Save register").click()

    def then_the_group_page_says_who_came(self) -> None:
        expect(self.page.get_by_text("Register saved.")).to_be_visible()
        expect(self.page.get_by_role("cell", name="1 came", exact=True)).to_be_visible()
        group = PeerGroup.objects.get(name="Thursday Hearing Voices Group")
        assert list(Attendance.objects.filter(session__group=group).values_list("presence")) == [
            (Presence.CAME,)
        ]

    def then_the_persons_groups_page_shows_it(self) -> None:
        self.page.goto(f"{self.url}/people/{self.person.pk}/groups/")
        self.heading("Peer groups")
        expect(
            self.page.get_by_role("cell", name="Thursday Hearing Voices Group").first
        ).to_be_visible()
        expect(
            self.page.get_by_role("cell", name="What helps at night", exact=True)
        ).to_be_visible()
        expect(self.page.get_by_role("cell", name="Came", exact=True)).to_be_visible()

    def then_the_record_page_has_a_groups_panel(self) -> None:
        self.page.goto(f"{self.url}/people/{self.person.pk}/")
        panel = self.page.locator("section#groups")
        expect(panel.get_by_role("heading", level=2)).to_have_text("Groups")
        expect(panel).to_contain_text("Thursday Hearing Voices Group")
        expect(panel).to_contain_text("Last came " + self.session_day.strftime("%-d %B %Y"))

    def when_they_edit_the_group(self) -> None:
        self.page.goto(self.url + "/groups/")
        self.heading("Peer groups")
        self.page.get_by_role("link", name="Thursday Hearing Voices Group").click()
        self.page.get_by_role("link", name="Edit the group's details").click()
        self.heading("Edit Thursday Hearing Voices Group")
        self.page.get_by_label("Where it meets (optional)").fill("Riverside Library, upstairs")
        self.page.get_by_role("button", name="Save group").click()
        expect(self.page.get_by_text("Riverside Library, upstairs")).to_be_visible()

    def when_the_person_leaves_the_group(self) -> None:
        self.page.get_by_role("link", name="Remove Alex from the group").click()
        self.heading("Remove Alex from Thursday Hearing Voices Group?")
        self.page.get_by_role("button", name="Yes, remove Alex").click()
        expect(self.page.get_by_text("Their past attendance is kept.")).to_be_visible()
        expect(self.page.get_by_text("Nobody has joined yet.")).to_be_visible()

    def then_their_past_sessions_are_still_on_their_record(self) -> None:
        self.page.goto(f"{self.url}/people/{self.person.pk}/groups/")
        self.heading("Peer groups")
        expect(
            self.page.get_by_text("Alex is not in any peer groups at the moment.")
        ).to_be_visible()
        expect(
            self.page.get_by_role("cell", name="What helps at night", exact=True)
        ).to_be_visible()


def test_psw_runs_a_peer_group(page: Page, live_server: Any, world: World) -> None:
    journey = GroupJourney(page, live_server, world)
    journey.given_they_open_their_groups()
    journey.when_they_create_a_group_without_a_facilitator()
    journey.then_the_missing_facilitator_is_explained()
    journey.when_they_choose_themselves_as_facilitator()
    journey.then_the_group_page_shows_it()
    journey.when_they_add_the_person()
    journey.when_they_add_a_session()
    journey.when_they_take_the_register()
    journey.then_the_group_page_says_who_came()
    journey.then_the_persons_groups_page_shows_it()
    journey.then_the_record_page_has_a_groups_panel()
    journey.when_they_edit_the_group()
    journey.when_the_person_leaves_the_group()
    journey.then_their_past_sessions_are_still_on_their_record()
